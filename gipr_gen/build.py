"""Building outputs from a checked report: every writer renders to bytes first, then each file is
written to a temporary name beside its target and renamed, so a failed or interrupted build never
leaves a half-written file and never touches the input."""

from __future__ import annotations

import importlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .messages import Bi
from .model import Report

# Output format → (module, function). Each function is ``render(report, template=None) -> bytes``.
WRITERS: dict[str, tuple[str, str]] = {
    "docx": ("gipr_gen.writers.docx", "render"),
    "md": ("gipr_gen.writers.markdown", "render"),
    "html": ("gipr_gen.writers.html", "render"),
}
DEFAULT_FORMATS = ("docx", "md", "html")


class OutputError(Exception):
    """An output could not be written (key and args name a message in the catalogue)."""

    def __init__(self, key: str, **args: object):
        super().__init__(key)
        self.key, self.args_ = key, args


class TemplateError(Exception):
    """A Word template that cannot be used. Each problem is (where in the template, message key, args),
    e.g. (Bi("表格 3 第 5 行第 2 列", "table 3, row 5, column 2"), "template.unknown_tag", {"tag": "t3.recieved"});
    ``where`` is empty when the problem is the whole file."""

    def __init__(self, template: Path, problems: list[tuple[Bi | str, str, dict]]):
        super().__init__(f"{template}: {len(problems)} problem(s)")
        self.template, self.problems = template, problems


@dataclass(frozen=True)
class Output:
    format: str
    path: Path
    data: bytes


def writer(fmt: str) -> Callable[..., bytes]:
    module, name = WRITERS[fmt]
    return getattr(importlib.import_module(module), name)


def render_all(report: Report, formats: tuple[str, ...], out_dir: Path, stem: str,
               template: Path | None = None) -> list[Output]:
    """Render every requested format in memory (raises on any writer error before anything is written)."""
    outputs = []
    for fmt in formats:
        render = writer(fmt)
        data = render(report, template=template) if fmt == "docx" else render(report)
        outputs.append(Output(fmt, out_dir / f"{stem}.{fmt}", data))
    return outputs


def write_atomically(path: Path, data: bytes, protect: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    if protect is not None and path.resolve() == protect.resolve():
        raise OutputError("build.same_as_input", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError("build.unwritable", path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError("build.unwritable", path=str(path), reason=exc.strerror or str(exc)) from exc
        raise
