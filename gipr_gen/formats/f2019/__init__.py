"""The 2019 trial format (国办公开办函〔2019〕60号) as one ``Format``: layout, rules, predicates, init carry-over."""

from ..common import IMPORT_RULES, PUBLICATION_GUIDES, PUBLICATION_RULES, READER_RULES, late_publication
from ..f2021 import layout as L2021
from ..layout import Carry, Format
from . import layout as L
from .predicates import PREDICATES, organ_type
from .rules import GUIDES, RULES

FORMAT = Format(
    name=L.FORMAT,
    report_name=L2021.REPORT_NAME,
    sections=L.SECTIONS,
    tables=L.TABLES,
    fields=L.FIELDS,
    organ_types=L2021.ORGAN_TYPES,
    rules=READER_RULES + IMPORT_RULES + RULES + PUBLICATION_RULES,
    guides={**GUIDES, **PUBLICATION_GUIDES},
    predicates={**PREDICATES, "publication_deadline": late_publication(organ_type)},
    first_year=L.FIRST_YEAR,
    schema_file=L.SCHEMA_FILE,
    # init --previous from a 2019 report: its carried-forward applications are next year's carried-over
    # (table 二 has nothing to carry: it has no 现行有效件数)
    carry=(Carry("applications", ("carried_forward",), ("carried_over",)),),
    text_help=L2021.TEXT_HELP,
)
