"""Rules across two years of the same body's reports (T3-07, T2-03), as warnings naming both files."""

from __future__ import annotations

from .diagnostics import Diagnostic
from .engine import cell_mark
from .layout import APPLICATIONS, PROACTIVE
from .messages import Bi
from .model import Report
from .rules import RULE_BY_ID


def compare(current: Report, previous: Report) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    file = current.source.file if current.source else "<report>"
    prev_file = previous.source.file if previous.source else "<previous>"

    def warn(rule_id: str, section: str, cell, key: str, **args) -> None:
        mark = cell_mark(current, section, cell)
        rule = RULE_BY_ID[rule_id]
        out.append(Diagnostic(file, mark.line, mark.column, rule.id, rule.severity, key, args))

    if previous.year != current.year - 1:
        warn("T3-07", "applications", (("carried_over",), "total"), "rule.previous_year",
             previous=prev_file, previous_year=previous.year, year=current.year)
    now, before = current.tables["applications"], previous.tables["applications"]
    for col in APPLICATIONS.columns:
        cin, cout = now.get(("carried_over",), col.key), before.get(("carried_forward",), col.key)
        if cin != cout:
            at = cell_mark(previous, "applications", (("carried_forward",), col.key))
            warn("T3-07", "applications", (("carried_over",), col.key), "rule.carry_over",
                 column=Bi(col.label, col.label_en), cin=cin, cout=cout, previous=f"{prev_file}:{at.line}")
    now, before = current.tables["proactive_disclosure"], previous.tables["proactive_disclosure"]
    for row in ("regulations", "normative_documents"):
        issued, repealed = now.get((row,), "issued"), now.get((row,), "repealed")
        expected = before.get((row,), "in_force") + issued - repealed
        if now.get((row,), "in_force") != expected:
            at = cell_mark(previous, "proactive_disclosure", ((row,), "in_force"))
            label = PROACTIVE.row((row,))
            warn("T2-03", "proactive_disclosure", ((row,), "in_force"), "rule.in_force",
                 row=Bi(label.label, label.row.label_en), reported=now.get((row,), "in_force"), expected=expected,
                 last=before.get((row,), "in_force"), issued=issued, repealed=repealed,
                 previous=f"{prev_file}:{at.line}")
    return out
