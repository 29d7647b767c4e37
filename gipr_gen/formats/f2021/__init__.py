"""The 2021 format (国办公开办函〔2021〕30号) as one ``Format``: layout, rules, predicates, init carry-over."""

from ..common import IMPORT_RULES, READER_RULES
from ..layout import Carry, Format
from . import layout as L
from .predicates import PREDICATES
from .rules import GUIDES, RULES

FORMAT = Format(
    name=L.FORMAT,
    report_name=L.REPORT_NAME,
    sections=L.SECTIONS,
    tables=L.TABLES,
    fields=L.FIELDS,
    organ_types=L.ORGAN_TYPES,
    rules=READER_RULES + IMPORT_RULES + RULES,
    guides=GUIDES,
    predicates=PREDICATES,
    # last year's carried-forward applications are this year's carried-over; in-force counts carry on
    carry=(Carry("applications", ("carried_forward",), ("carried_over",)),
           *(Carry("proactive_disclosure", r.path, r.path, "in_force")
             for r in L.PROACTIVE.rows if any(c.key == "in_force" for c in r.columns))),
    # a new skeleton carries everything forward again, so that 第一项加第二项 = 第三项加第四项 holds
    init_balance=("applications", ("carried_over",), ("carried_forward",)),
    overview_topics=L.OVERVIEW_TOPICS,
    text_help=L.TEXT_HELP,
)
