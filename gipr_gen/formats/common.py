"""Rules every format shares: the checks of the file itself, reported by the YAML reader and the schema."""

from __future__ import annotations

from .layout import Rule

READER_RULES: tuple[Rule, ...] = (
    *(Rule(rule_id, "error", check="reader")
      for rule_id in ("Y-ENCODING", "Y-SYNTAX", "Y-STRUCTURE", "Y-DUPLICATE", "Y-CHAR", "Y-NUMBER")),
    Rule("Y-UTF8", "warning", check="reader"),  # read as GBK or UTF-16: fine, but other tools want UTF-8
    *(Rule(rule_id, "error", check="schema") for rule_id in ("Y-KEY", "Y-TYPE", "Y-VALUE", "Y-RANGE", "Y-REQUIRED")),
)
READER_RULE_BY_ID = {r.id: r for r in READER_RULES if r.check == "reader"}
