"""The 2019 format's heuristic and cross-year checks: the 2021 format's (``f2021.predicates``) where they
read rows and sections both formats share, T2-05 on this 规章 row's own columns, and T3-08 reading this
table 三 as the 2021 one (``_as_2021``)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterator

from ...i18n import bi_tr
from ..f2021 import layout as L2021
from ..f2021.predicates import PREDICATES as PREDICATES_2021
from ..f2021.predicates import Finding, organ_type
from ..layout import CellKey
from .layout import APPLICATIONS, PROACTIVE

if TYPE_CHECKING:
    from ...model import Report, TableData

_REGULATIONS = ("regulations",)


def _rule_making(report: Report) -> Iterator[Finding]:
    """T2-05: a body without rule-making power reports 规章 (the first figure that says so)."""
    kind = organ_type(report)
    if kind is None or kind.rule_making:
        return
    table = report.tables[PROACTIVE.section]
    for col in PROACTIVE.row(_REGULATIONS).columns:
        value = table.get(_REGULATIONS, col.key)
        if value:
            yield report.mark((PROACTIVE.section, *_REGULATIONS, col.key)), "rule.rule_making", {
                "organ_type": bi_tr("organ_type", kind.label), "value": value}
            return


_OTHER_HANDLING = ("results", L2021.OTHER_HANDLING)
_AS_2021_OTHER = (*_OTHER_HANDLING, "other")  # 3.其他 of the 2021 format's three （六） rows


def _as_2021(table: TableData) -> TableData:
    """This table 三 with the 2021 format's rows: its one （六）其他处理 row as the 2021 3.其他, the other two
    0. What the text says of （六） as a whole, or of any other row, is compared with the same figures."""
    def moved(cell: CellKey) -> CellKey:
        return (_AS_2021_OTHER, cell[1]) if cell[0] == _OTHER_HANDLING else cell

    values = {moved(cell): v for cell, v in table.values.items()}
    values |= {cell: 0 for cell in L2021.APPLICATIONS.cells() if cell not in values}
    return replace(table, spec=L2021.APPLICATIONS, values=values, given=frozenset(map(moved, table.given)))


def _read_as_2021(check: Callable[[Report], Iterator[Finding]]) -> Callable[[Report], Iterator[Finding]]:
    """A 2021 text check whose phrases name the 2021 table 三's rows, run on this report's table read as that."""
    def run(report: Report) -> Iterator[Finding]:
        section = APPLICATIONS.section
        return check(replace(report, tables={**report.tables, section: _as_2021(report.tables[section])}))
    return run


_SHARED = ("title_period", "fee_mention", "empty_text", "level1_paragraphs", "placeholders", "stray_english",
           "doubled_punctuation", "text_review", "carry_over", "previous_order", "narrative_year")
PREDICATES: dict[str, Callable[..., Iterator[Finding]]] = {
    **{name: PREDICATES_2021[name] for name in _SHARED},
    "rule_making": _rule_making,
    "text_applications": _read_as_2021(PREDICATES_2021["text_applications"]),
}
