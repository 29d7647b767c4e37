"""An audit's values in words, the same on the page and in the spreadsheet: the kinds of problem a report
has, the rules it breaks, its deadline, its chain across years, old formats and sections."""

from __future__ import annotations

from collections import Counter

from ..i18n import Lang, t
from . import copying
from .result import Link, ReportResult

# The kinds of problem a report can have, each with the catalogue key of its name (filters and counts).
FLAGS = (("errors", "audit.html.count.errors"), ("warnings", "audit.html.count.warnings"),
         ("late", "audit.html.count.late"), ("copied", "audit.html.count.copied"),
         ("old_format", "audit.html.count.old_format"), ("sections", "audit.html.count.sections"),
         ("unreadable", "audit.html.count.unreadable"))


def flags(r: ReportResult) -> list[str]:
    """The kinds of problem (``FLAGS``) a report has."""
    out = []
    if r.error:
        out.append("unreadable")
    elif r.errors:
        out.append("errors")
    if r.warnings:
        out.append("warnings")
    if r.publication and r.publication.status == "late":
        out.append("late")
    if r.copying and r.copying.share is not None and r.copying.share >= copying.FLAG:
        out.append("copied")
    if r.old_format:
        out.append("old_format")
    if r.sections:
        out.append("sections")
    return out


def flag_name(key: str, lang: Lang) -> str:
    return t(key, lang, percent=f"{copying.FLAG:.0%}") if key == "audit.html.count.copied" else t(key, lang)


def rules(r: ReportResult, lang: Lang) -> str:
    """The rules a report breaks, each with how often: T3-01×2、N-05."""
    counts = Counter(f.rule for f in r.findings)
    return t("audit.join", lang).join(f"{rule}×{n}" if n > 1 else rule for rule, n in counts.items())


def percent(r: ReportResult) -> str:
    share = r.copying.share if r.copying else None
    return f"{share:.0%}" if share is not None else ""


def deadline(r: ReportResult, lang: Lang) -> str:
    pub = r.publication
    if pub is None:
        return ""
    if pub.days_late is None:
        return t("audit.deadline.unknown", lang)
    return t("audit.deadline.late", lang, days=pub.days_late) if pub.days_late > 0 else t("audit.deadline.on_time", lang)


def chain(link: Link | None, lang: Lang) -> str:
    if link is None:
        return ""
    said = [t("audit.chain.place", lang, position=link.position, total=len(link.years))]
    if link.previous is None:
        said.append(t("audit.chain.first", lang))
    elif not link.compared:
        said.append(t("audit.chain.unchecked", lang))
    else:
        bad = ([t("audit.chain.carry", lang)] if link.carry_ok is False else []) + \
            ([t("audit.chain.in_force", lang)] if link.in_force_ok is False else [])
        said.append(t("audit.join", lang).join(bad) if bad else t("audit.chain.ok", lang))
    if link.years.count(link.years[link.position - 1]) > 1:  # two files of one body's year: which one counts?
        said.append(t("audit.chain.same_year", lang))
    return " ".join(said)


def old_format(r: ReportResult, lang: Lang) -> str:
    if r.old_format == "report":
        return t("audit.old.report", lang)
    return t("audit.old.tables", lang) if r.old_format == "tables" else ""


_SECTION_KEYS = {"missing": "audit.section.missing", "merged": "audit.section.merged", "empty": "audit.section.empty"}


def sections(r: ReportResult, lang: Lang) -> str:
    return t("audit.join.groups", lang).join(t(_SECTION_KEYS[p.kind], lang, section=p.section) for p in r.sections)
