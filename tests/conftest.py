"""Shared test helpers: the repository's paths and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "inputs").glob("*.yaml"))
SEEDS = ROOT / "tests" / "data" / "seeds"  # the two published 2023 reports the examples reproduce
VENV_BIN = Path(sys.executable).parent


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``gipr-gen`` console script as a user would."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    full_env.update(env or {})
    return subprocess.run([str(VENV_BIN / "gipr-gen"), *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=120)


@pytest.fixture
def suining_text() -> str:
    return (ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8")
