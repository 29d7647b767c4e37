"""What an audit found, as small plain data: one ``ReportResult`` per report file, built in a worker process
and sent back (no model objects cross processes), and ``Audit``, the whole run that the writers read."""

from __future__ import annotations


from typing import Any, Literal

from ..i18n import Lang
from ..records import record

Kind = Literal["yaml", "published"]


@record
class Finding:
    """One finding exactly as ``check --format json`` gives it, with its place in words (``where``)."""

    file: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    where: str  # "line 12, column 5" or the place in the published report, in the audit's language
    place: dict[str, int] | None = None  # in a published report: page, table, row … (Diagnostic.place)


@record
class Publication:
    """The publication date against the deadline of 条例 Art. 49 (rule S-04)."""

    published: str | None  # YYYY-MM-DD as the report or its page states it
    deadline: str | None  # YYYY-MM-DD; None when the year is unknown
    days_late: int | None  # > 0 late, ≤ 0 on time; None without a date

    @property
    def status(self) -> Literal["late", "on_time", "unknown"]:
        return "unknown" if self.days_late is None else "late" if self.days_late > 0 else "on_time"


@record
class Link:
    """The report's place in its body's chain of reports, year by year, and what the cross-year rules said."""

    position: int  # 1-based, in year order
    years: tuple[int | None, ...]  # every report of the body, in order (a year twice: two files of it)
    previous: str | None = None  # last year's report (the nearest earlier year) as the audit names it
    previous_year: int | None = None
    compared: bool = False  # the cross-year rules ran (last year's report was read and has no errors)
    carried_over: int | None = None  # this year's 上年结转 total …
    carried_forward: int | None = None  # … and last year's 结转下年度继续办理 total (T3-07)
    carry_ok: bool | None = None  # None: not compared
    in_force_ok: bool | None = None  # T2-03; None: not compared (or a format without 现行有效件数)


@record
class Copying:
    """How much of the narrative repeats the same body's previous report, sentence by sentence."""

    sentences: int  # sentences counted in this report
    repeated: int  # of them, found in the previous report
    examples: tuple[str, ...] = ()  # a few of the repeated sentences, as written

    @property
    def share(self) -> float | None:
        return self.repeated / self.sentences if self.sentences else None


@record
class SectionProblem:
    kind: Literal["missing", "merged", "empty"]
    section: str  # the heading as the finding names it


@record
class ReportResult:
    path: str  # the report file, as the audit names it
    kind: Kind
    error: str | None = None  # why the file could not be read as a report (then nothing else is known)
    io_error: bool = False  # the file could not be opened at all
    organ: str | None = None
    year: int | None = None
    format: str | None = None
    findings: tuple[Finding, ...] = ()
    publication: Publication | None = None
    link: Link | None = None
    copying: Copying | None = None  # None: no previous report to compare with
    # tables of an older format than the report's year calls for: "report" (all of them), "tables" (import
    # mapped some into the newer format, I-04), or None
    old_format: Literal["report", "tables"] | None = None
    sections: tuple[SectionProblem, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error") + (1 if self.error else 0)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def as_json(self) -> dict[str, Any]:
        out = _plain(self)
        out["errors"], out["warnings"] = self.errors, self.warnings
        if self.publication:
            out["publication"]["status"] = self.publication.status
        if self.copying:
            out["copying"]["share"] = self.copying.share
        return out


def _plain(value: Any) -> Any:
    """A result as JSON data (``dataclasses.asdict`` without its deep copies, which cost more than the rest)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


@record
class Audit:
    reports: tuple[ReportResult, ...]  # body by body (in the order of their first file), each body's by year
    lang: Lang

    @property
    def failed(self) -> bool:
        return any(r.errors for r in self.reports)

    @property
    def io_failed(self) -> bool:
        return any(r.io_error for r in self.reports)
