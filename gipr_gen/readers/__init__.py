"""Readers: a report file → the model, with every problem met on the way as a located finding.

``read`` runs the stages in order: bytes and YAML with positions (``yaml_source``), the format's JSON
Schema (``schema``), then the model with narrative Markdown parsed once (``report``, ``markdown``).
"""

from __future__ import annotations

from .. import formats
from ..diagnostics import Diagnostic
from ..formats.layout import Format
from ..model import Report
from ..records import record
from .report import report_from_data
from .schema import validate
from .yaml_source import Source


@record
class Reading:
    """What reading one file gave: its format, each stage's findings, and the model where it could be built."""

    file: str
    format: Format
    yaml: list[Diagnostic]  # the file itself: encoding, syntax, duplicate keys (Y- reader rules)
    schema: list[Diagnostic]  # keys, types, values, missing sections and rows
    bad_sections: frozenset[str]  # top-level keys the schema found wrong
    report: Report | None  # None when the fields or narratives outside the tables are unusable
    imported: tuple[Diagnostic, ...] = ()  # what import guessed or could not read, for a published report


def read(src: Source) -> Reading:
    fmt = formats.get(src.data.get("format") if isinstance(src.data, dict) else None)
    if src.data is None:
        return Reading(src.file, fmt, src.diagnostics, [], frozenset(), None)
    findings, bad = validate(src, fmt)
    # a value the YAML reader already refused (an alias, a tag) is one mistake: the schema's say on it is dropped
    refused = {(d.line, d.column) for d in src.diagnostics if d.severity == "error"}
    findings = [f for f in findings if (f.line, f.column) not in refused]
    # bad table cells only keep that table's rules from running; anything else leaves no model
    report = None if bad - set(fmt.table_by_section) else report_from_data(fmt, src.data, src)
    return Reading(src.file, fmt, src.diagnostics, findings, frozenset(bad), report)
