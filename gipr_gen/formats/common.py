"""Rules every format shares: the checks of the file itself, reported by the YAML reader and the schema."""

from __future__ import annotations

from .layout import Rule

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
