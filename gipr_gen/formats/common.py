"""Rules every format shares: the checks of the file itself, reported by the YAML reader and the schema; the
import rules; and S-04, the publication date against the deadline."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Callable, Iterator

from ..i18n import bi, bi_tr
from .layout import Guide, OrganType, Rule

if TYPE_CHECKING:  # the rule reads the model; the model is built on the formats, not the other way round
    from ..model import Mark, Report

READER_RULES: tuple[Rule, ...] = (
    *(Rule(rule_id, "error", check="reader")
      for rule_id in ("Y-ENCODING", "Y-SYNTAX", "Y-STRUCTURE", "Y-DUPLICATE", "Y-CHAR", "Y-NUMBER")),
    Rule("Y-UTF8", "warning", check="reader"),  # read as GBK or UTF-16: fine, but other tools want UTF-8
    *(Rule(rule_id, "error", check="schema") for rule_id in ("Y-KEY", "Y-TYPE", "Y-VALUE", "Y-RANGE", "Y-REQUIRED")),
)
# Reported by ``import`` while reading a published report (spec §6 G1/G2, §8); a report read from such a
# file carries them into ``check`` and ``audit``, and the YAML written marks each at its line.
IMPORT_RULES: tuple[Rule, ...] = (
    Rule("G1", "error", check="import"),  # a figure that cannot be read: written as unknown (null), never as 0
    Rule("G2", "warning", check="import"),  # a blank or placeholder (/ - — 无) read as 0
    Rule("I-01", "warning", check="import"),  # a row, column or section label matched fuzzily
    Rule("I-02", "warning", check="import"),  # a unit or an annotation removed from a cell (251000元, 22（其中…）)
    Rule("I-03", "warning", check="import"),  # a cell's position inferred: missing cells, digits run together
    Rule("I-04", "warning", check="import"),  # a table of the other format, mapped into this report's
    Rule("I-05", "error", check="import"),  # a report older than the 2019 format: not imported
    Rule("I-06", "error", check="import"),  # a section or table not found in the published report
)
READER_RULE_BY_ID = {r.id: r for r in READER_RULES if r.check == "reader"}

# ---- S-04: the publication date against the deadline (spec §6; 条例 Art. 49), the same in every format ---

PUBLICATION_RULES: tuple[Rule, ...] = (Rule("S-04", "warning", check="predicate", predicate="publication_deadline"),)
PUBLICATION_GUIDES: dict[str, Guide] = {"S-04": Guide("S-04.why", "S-04.example")}
# Kinds of body whose own report is due by 31 March (a county-level-or-above local government's); every other
# kind by 31 January: departments by Art. 49, townships and streets by the local notices that set their date.
GOVERNMENTS = frozenset({"provincial_government", "city_government", "county_government"})


def deadline(year: int, kind: OrganType | None) -> date:
    """The last day to publish the report on ``year``: 31 March of the next year for a government's own
    report, and for a body whose kind is neither given nor guessed from its name (a warning should not rest
    on a guess); 31 January for every other body."""
    return date(year + 1, 3, 31) if kind is None or kind.key in GOVERNMENTS else date(year + 1, 1, 31)


def late_publication(kind_of: Callable[[Report], OrganType | None]
                     ) -> Callable[[Report], Iterator[tuple[Mark, str, dict]]]:
    """S-04 for a format whose kinds of body ``kind_of`` tells (given, or guessed from the name)."""
    def check(report: Report) -> Iterator[tuple[Mark, str, dict]]:
        if report.published is None:
            return
        kind = kind_of(report)
        due = deadline(report.year, kind)
        late = (date.fromisoformat(report.published) - due).days
        if late > 0:
            yield report.mark(("published",)), "rule.late_publication", {
                "published": report.published, "deadline": due.isoformat(), "days": late,
                "kind": bi_tr("organ_type", kind.label) if kind else bi("organ_type.unknown")}
    return check
