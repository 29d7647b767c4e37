"""One exception base: every error gipr-gen raises for bad input names a catalogue message."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from .i18n import Bi, Lang, place, t


class Findings(Protocol):
    """A checked report as errors carry it (``api.Checked``)."""

    file: str
    diagnostics: list


class GiprError(Exception):
    """A problem said to the user: ``key`` and ``args`` name a message in the catalogue."""

    def __init__(self, key: str, /, **args: Any):
        super().__init__(key)
        self.key, self.args_ = key, args

    def lines(self, lang: Lang) -> list[str]:
        return [t(self.key, lang, **self.args_)]


class InstallError(GiprError):
    """A file gipr-gen ships with is missing: the installation is incomplete (not a problem of the input)."""


class OutputError(GiprError):
    """An output could not be written."""


class InitError(GiprError):
    """``init`` cannot go on; ``diagnostics`` explain it when known (last year's report has errors)."""

    def __init__(self, key: str, /, diagnostics: list | None = None, cause: GiprError | None = None, **args: Any):
        super().__init__(key, **args)
        self.diagnostics, self.cause = diagnostics or [], cause

    def lines(self, lang: Lang) -> list[str]:
        return (super().lines(lang) + [d.format(lang) for d in self.diagnostics]
                + (self.cause.lines(lang) if self.cause else []))


class TemplateError(GiprError):
    """A Word template that cannot be used. Each problem is (where in the template, message key, args),
    e.g. (Bi("表格 3 第 5 行第 2 列", "table 3, row 5, column 2"), "template.unknown_tag", {"tag": "t3.recieved"});
    ``where`` is empty when the problem is the whole file."""

    def __init__(self, template: Path, problems: list[tuple[Bi | str, str, dict]]):
        super().__init__("template.problems", file=str(template), count=len(problems))
        self.template, self.problems = template, problems

    def lines(self, lang: Lang) -> list[str]:
        return [f"{self.template}: {place(where, lang)}{t(key, lang, **args)}" for where, key, args in self.problems]


class ReportError(GiprError):
    """A report that cannot be used (or built): its findings say why."""

    def __init__(self, checked: Findings, key: str = "build.refused"):
        super().__init__(key, file=checked.file)
        self.checked = checked


class SourceError(GiprError):
    """A published report that cannot be read (import): not a report, no text layer, too large, a format
    before 2019. ``file`` is always among the args."""
