"""Findings about a report: where, which rule, how bad, and the message in the user's language."""

from __future__ import annotations

from dataclasses import field, replace
from functools import cache
from typing import Any, Iterable, Literal

from .i18n import Lang, t
from .model.place import Place
from .records import record

Severity = Literal["error", "warning"]


@record
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when the finding is about the file as a whole
    column: int  # 1-based
    rule: str  # a spec rule ID ("T3-01") or an input-check ID ("Y-SYNTAX")
    severity: Severity
    key: str  # message catalogue key
    args: dict[str, Any] = field(default_factory=dict)
    place: Place | None = None  # in a published report (page, table, row, column), for import findings

    def message(self, lang: Lang) -> str:
        return t(self.key, lang, **self.args)

    def format(self, lang: Lang) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        described = replace(self.place, line=None).describe(lang) if self.place else ""  # the line is said
        if described:
            where += f"（{described}）" if lang == "zh" else f" ({described})"
        return f"{where}: {_severity(self.severity, lang)} {self.rule} {self.message(lang)}"

    def as_json(self, lang: Lang) -> dict[str, Any]:
        out = {"file": self.file, "line": self.line, "column": self.column, "rule": self.rule,
               "severity": self.severity, "message": self.message(lang)}
        if self.place:
            out["place"] = {k: v for k, v in vars(self.place).items() if v is not None}
        return out


@cache
def _severity(severity: Severity, lang: Lang) -> str:
    return t("severity." + severity, lang)


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.line, d.column, d.rule)


def to_json(diags: Iterable[Diagnostic], lang: Lang) -> str:
    import json

    return json.dumps([d.as_json(lang) for d in diags], ensure_ascii=False, indent=2)
