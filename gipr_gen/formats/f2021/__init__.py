"""The 2021 format (国办公开办函〔2021〕30号) as one ``Format``: layout, rules, predicates, init carry-over."""

from typing import Callable, Iterator

from ..common import IMPORT_RULES, PUBLICATION_GUIDES, PUBLICATION_RULES, READER_RULES, late_publication
from ..layout import Carry, Format
from . import layout as L
from .predicates import PREDICATES, organ_type
from .rules import GUIDES, RULES


def _same_format(check: Callable[..., Iterator]) -> Callable[..., Iterator]:
    """A cross-year check of cells only this format has (T2-03's 现行有效件数): last year's report in the
    2019 format has nothing to compare them with, so the check says nothing."""
    def run(current, previous) -> Iterator:
        return check(current, previous) if previous.format is current.format else iter(())
    return run


FORMAT = Format(
    name=L.FORMAT,
    report_name=L.REPORT_NAME,
    sections=L.SECTIONS,
    tables=L.TABLES,
    fields=L.FIELDS,
    organ_types=L.ORGAN_TYPES,
    rules=READER_RULES + IMPORT_RULES + RULES + PUBLICATION_RULES,
    guides={**GUIDES, **PUBLICATION_GUIDES},
    predicates={**PREDICATES, "in_force": _same_format(PREDICATES["in_force"]),
                "publication_deadline": late_publication(organ_type)},
    first_year=L.FIRST_YEAR,
    # last year's carried-forward applications are this year's carried-over; in-force counts carry on
    carry=(Carry("applications", ("carried_forward",), ("carried_over",)),
           *(Carry("proactive_disclosure", r.path, r.path, "in_force")
             for r in L.PROACTIVE.rows if any(c.key == "in_force" for c in r.columns))),
    # a new skeleton carries everything forward again, so that 第一项加第二项 = 第三项加第四项 holds
    init_balance=("applications", ("carried_over",), ("carried_forward",)),
    overview_topics=L.OVERVIEW_TOPICS,
    text_help=L.TEXT_HELP,
    schema_file=L.SCHEMA_FILE,
)
