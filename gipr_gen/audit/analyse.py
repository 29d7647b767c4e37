"""The work of an audit: a first look at each file (``look_yaml`` in the command's process, ``look_published``
in a worker), then each body's chain of reports checked in year order in one worker (``check_chain``), so
that last year's report is read once and handed to ``check_file`` as ``previous``, exactly as ``check
--previous`` reads it. The workers' functions are module-level functions of plain data that return plain data
(``ReportResult``): no model crosses processes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import formats
from ..api import Checked, check_file
from ..diagnostics import Diagnostic
from ..errors import GiprError
from ..i18n import Lang, t
from ..readers.files import io_problem
from ..records import record
from . import copying
from .deadline import publication
from .identity import Identity, identify
from .result import Copying, Finding, Kind, Link, ReportResult, SectionProblem


@record
class Look:
    """What the first look at a file gave: which body and year it is, and for a published report (whose
    reading is the costly part) its result already, as it stands without last year's."""

    identity: Identity
    kind: Kind
    result: ReportResult | None = None


def look_published(path: str, lang: Lang) -> Look:
    """A published report read and checked whole (the costly part of its audit: in a worker)."""
    checked = _checked(path, "published", None, lang)
    if isinstance(checked, ReportResult):
        return Look(Identity(path, None, None), "published", checked)
    result = _result(path, "published", checked, lang)
    return Look(Identity(path, result.organ, result.year), "published", result)


def look_yaml(path: str, lang: Lang) -> Look:
    """A YAML report's organ and year, from its top lines (the whole reader only for an unusual file)."""
    try:
        return Look(identify(path), "yaml")
    except OSError as exc:
        return Look(Identity(path, None, None), "yaml", _unreadable(path, "yaml", exc, lang))


@record
class Member:
    path: str
    kind: Kind
    look: int  # index of its first look
    position: int  # 1-based place in the chain
    previous: int | None  # index in the chain of last year's report (the nearest earlier year)
    wanted: bool  # its result is wanted; else it is read only as a later report's previous


@record
class ChainTask:
    members: tuple[Member, ...]  # in year order
    years: tuple[int | None, ...]
    lang: Lang


def check_chain(task: ChainTask) -> list[ReportResult]:
    """The results of the wanted members of one body's chain, in chain order."""
    needed = {m.previous for m in task.members if m.wanted and m.previous is not None}
    kept: dict[int, tuple[Checked, list[tuple[str, str]] | None]] = {}  # last year's reports, their sentences
    out = []
    for i, member in enumerate(task.members):
        if not (member.wanted or i in needed):
            continue
        before, before_said = kept.get(member.previous, (None, None)) if member.previous is not None else (None, None)
        checked = _checked(member.path, member.kind, before, task.lang)
        if isinstance(checked, ReportResult):  # not read
            if member.wanted:
                out.append(_linked(checked, member, task))
            continue
        report = checked.report
        said = copying.counted(report) if report is not None and (i in needed or before_said is not None) else None
        if member.wanted:
            copied = Copying(*copying.compare(said, before_said)) if said is not None and before_said is not None \
                else None
            result = _result(member.path, member.kind, checked, task.lang, copied)
            out.append(_linked(result, member, task, (checked, before) if before is not None else None))
        if i in needed:
            kept[i] = checked, said
    return out


def _checked(path: str, kind: Kind, previous: Checked | None, lang: Lang) -> Checked | ReportResult:
    """The file checked as ``check`` checks it, or the row that says why it could not be read."""
    try:
        return check_file(path, path, previous)
    except OSError as exc:
        return _unreadable(path, kind, exc, lang)
    except GiprError as exc:  # a published report that cannot be read as one
        return ReportResult(path, kind, error=" ".join(exc.lines(lang)))


def _unreadable(path: str, kind: Kind, exc: OSError, lang: Lang) -> ReportResult:
    return ReportResult(path, kind, error=io_problem(exc, lang), io_error=True)


def _result(path: str, kind: Kind, checked: Checked, lang: Lang, copied: Copying | None = None) -> ReportResult:
    report = checked.report
    diags = checked.diagnostics
    return ReportResult(
        path, kind, organ=report.organ if report else None, year=report.year if report else None,
        format=checked.format.name, findings=tuple(_finding(d, kind, lang) for d in diags),
        publication=publication(report) if report else None, copying=copied,
        old_format=_old_format(checked), sections=_sections(diags))


def _finding(d: Diagnostic, kind: Kind, lang: Lang) -> Finding:
    """A finding as ``check --format json`` gives it, and where it is in words: the place in the published
    report; a rule's finding on a published report at its line in the YAML ``import`` writes of it."""
    data = d.as_json(lang)
    if d.place is not None:
        where = d.place.describe(lang)
    elif d.line and kind == "published":
        where = t("audit.where.imported", lang, file=Path(d.file).name, line=d.line, column=d.column)
    elif d.line:
        where = t("audit.where.yaml", lang, line=d.line, column=d.column)
    else:
        where = t("audit.where.file", lang)
    return Finding(data["file"], d.line, d.column, d.rule, d.severity, data["message"], where, data.get("place"))


def _old_format(checked: Checked) -> str | None:
    """"report" for a report in an older format than its year's, "tables" when import mapped tables of an
    older format into this one (I-04), else None."""
    newest = formats.DEFAULT
    year = checked.report.year if checked.report else None
    if checked.format is not newest and year is not None and year >= newest.first_year:
        return "report"
    if checked.format is newest and any(d.rule == "I-04" for d in checked.diagnostics):
        return "tables"
    return None


# The findings that say a section is missing, merged into another or left empty, and the argument naming it.
_SECTION_KEYS = {"recognise.section_missing": ("missing", "heading"), "recognise.table_missing": ("missing", "title"),
                 "schema.required_section": ("missing", "heading"), "recognise.merged_section": ("merged", "section"),
                 "rule.empty_text": ("empty", "heading")}


def _sections(diags: list[Diagnostic]) -> tuple[SectionProblem, ...]:
    found = [SectionProblem(kind, str(d.args.get(arg, "")))  # type: ignore[arg-type]
             for d in diags if d.key in _SECTION_KEYS for kind, arg in [_SECTION_KEYS[d.key]]]
    missing = {p.section for p in found if p.kind == "missing"}  # a section found nowhere is also empty: once
    return tuple(dict.fromkeys(p for p in found if p.kind == "missing" or p.section not in missing))


def _linked(result: ReportResult, member: Member, task: ChainTask,
            pair: tuple[Checked, Checked] | None = None) -> ReportResult:
    """The result with its place in the chain, and what comparing it with last year's report gave (``pair``:
    this year's and last year's, checked)."""
    previous = task.members[member.previous] if member.previous is not None else None
    link = Link(member.position, task.years, previous.path if previous else None,
                task.years[member.previous] if member.previous is not None else None)
    if pair is not None and pair[0].report is not None and pair[1].buildable():
        checked, before = pair
        rules = {f.rule for f in result.findings}
        fmt = checked.format
        in_force = "T2-03" in fmt.rule_by_id and before.format is fmt  # the format has 现行有效件数 to compare
        link = replace(link, compared=True, carried_over=_carried(checked), carried_forward=_carried(before, True),
                       carry_ok="T3-07" not in rules, in_force_ok=("T2-03" not in rules) if in_force else None)
    return replace(result, link=link)


def _carried(checked: Checked, forward: bool = False) -> int | None:
    """The total of the applications carried over from last year (or, ``forward``, on to next year)."""
    report = checked.report
    assert report is not None
    for carry in report.format.carry:
        if carry.column is None:
            table = report.tables[carry.section]
            row = table.spec.row(carry.source if forward else carry.target)
            total = next((c for c in row.columns if c.total), None)
            return int(table.get(row.path, total.key)) if total else None
    return None
