"""Shared test helpers: the repository's paths and the two ways tests run the command line.

``cli`` runs ``gipr-gen`` in-process under click's test runner (isolated stdin, stdout, stderr and
environment): every CLI test uses it. ``console`` runs the installed console script as a separate
process, for the few smoke tests that must see the real entry point.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from gipr_gen.cli import main

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "inputs").glob("*.yaml"))
SEEDS = ROOT / "tests" / "data" / "seeds"  # the two published 2023 reports the examples reproduce
VENV_BIN = Path(sys.executable).parent
_LOCALE_VARS = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, input: str | None = None) -> Ran:
    """Run ``gipr-gen ARGS`` in this process; the locale variables are cleared unless ``env`` sets them.
    An exception other than the command's own exit propagates: a traceback is a failure."""
    environment: dict[str, str | None] = {var: None for var in _LOCALE_VARS} | (env or {})
    with CliRunner().isolation(input=input, env=environment) as (out, err, _), \
            (contextlib.chdir(cwd) if cwd else contextlib.nullcontext()):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Ran(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def console(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``gipr-gen`` console script as a user would (smoke tests only)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    full_env.update(env or {})
    return subprocess.run([str(VENV_BIN / "gipr-gen"), *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=120)


# ---- editing a real report: the Suining seed, which has three warnings and no error ---------------

SUINING = ROOT / "inputs" / "suining-ciyin-2023.yaml"
GOOD = SUINING.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """The first line holding ``needle``, counted as editors count lines (U+2028 breaks none)."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def column_of(text: str, line: int, needle: str) -> int:
    return text.split("\n")[line - 1].index(needle) + 1


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def errors(data: str | bytes) -> list:
    from gipr_gen.api import check_bytes

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return [d for d in check_bytes(raw, "r.yaml").diagnostics if d.severity == "error"]


def only_error(data: str | bytes):
    errs = errors(data)
    assert len(errs) == 1, [(d.rule, d.line, d.column, d.key, d.args) for d in errs]
    return errs[0]


@pytest.fixture
def suining_text() -> str:
    return (ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8")
