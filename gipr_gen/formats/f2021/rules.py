"""The consistency rules (spec §6), declared once as data; what each checks, in words, and why it holds are
in the message catalogue under its ID (``T3-01.name``, ``T3-04.statement``, ``T3-01.why``; see ``i18n``).

Arithmetic rules carry a formula over one table, evaluated by ``engine``:

* ``row[col]`` is a cell: ``row`` is a dotted YAML path inside the table (``results.total``);
  ``row.*`` stands for every data row under a group;
* ``[c]`` binds the column variable ``c`` (every column, 总计 included); ``[*]`` sums the row's
  non-total columns; ``[total]`` names a column;
* ``R`` as a row stands for each row listed in ``rows``;
* ``=`` must hold exactly; ``<=`` is a bound.

Rules checked by the schema (``check="schema"``) are reported from schema findings on the cells they
cover; heuristic rules name a function of ``predicates`` (``check="predicate"``, or ``check="previous"``
when they compare with last year's report); N-03 is reported by the narrative Markdown reader.
"""

from __future__ import annotations

from ..layout import Guide, Rule
from .layout import APPLICATIONS, REVIEW

_T3_ROWS = tuple(".".join(r.path) for r in APPLICATIONS.rows)

RULES: tuple[Rule, ...] = (
    Rule("T3-01", "error", "received[c] + carried_over[c] = results.total[c] + carried_forward[c]",
         table="applications", anchor="carried_forward[c]", fix="fix.balance"),
    Rule("T3-02", "error",
         "results.total[c] = results.disclosed[c] + results.partly_disclosed[c] + results.withheld.*[c]"
         " + results.unavailable.*[c] + results.not_processed.*[c] + results.other_handling.*[c]",
         table="applications"),
    Rule("T3-03", "error", "R[total] = R[*]", table="applications", rows=_T3_ROWS),
    Rule("T3-04", "error", table="applications", check="schema"),
    Rule("T3-05", "error",
         "results.total[c] <= received[c] + carried_over[c]; carried_forward[c] <= received[c] + carried_over[c]",
         table="applications", fix="fix.bound"),
    *(Rule(rid, "error", "R[total] = R[*]", table="review_and_litigation", rows=(row.path[0],))
      for rid, row in zip(("T4-01", "T4-02", "T4-03"), REVIEW.rows, strict=True)),
    Rule("T4-04", "error", table="review_and_litigation", check="schema"),
    Rule("T2-01", "error", table="proactive_disclosure", check="schema"),
    Rule("T2-02", "error", table="proactive_disclosure", check="schema"),
    Rule("T2-04", "warning", table="proactive_disclosure", check="predicate", predicate="fee_unit"),
    Rule("T2-05", "warning", table="proactive_disclosure", check="predicate", predicate="rule_making"),
    # text against a table whose own arithmetic fails compares with figures nobody vouches for: one mistake,
    # one finding, and the text is judged again once the table adds up
    Rule("T3-08", "warning", table="applications", check="predicate", predicate="text_applications",
         quiet_after=("T3-01", "T3-02", "T3-03", "T3-05")),
    Rule("T4-05", "warning", table="review_and_litigation", check="predicate", predicate="text_review",
         quiet_after=("T4-01", "T4-02", "T4-03")),
    # table 二 has no arithmetic of its own, and a cell the schema refuses keeps the rule from running at all
    Rule("T2-06", "warning", table="proactive_disclosure", check="predicate", predicate="text_proactive"),
    Rule("T3-07", "warning", table="applications", check="previous", predicate="carry_over"),
    Rule("T2-03", "warning", table="proactive_disclosure", check="previous", predicate="in_force"),
    Rule("S-01", "error", check="schema"),
    Rule("S-02", "error", check="schema"),
    Rule("S-03", "warning", check="predicate", predicate="title_period"),
    Rule("S-05", "warning", check="predicate", predicate="fee_mention"),
    # Rules of this project beyond the spec (N = narrative)
    Rule("N-01", "warning", check="predicate", predicate="empty_text"),
    Rule("N-02", "warning", check="predicate", predicate="level1_paragraphs"),
    Rule("N-04", "warning", check="predicate", predicate="placeholders"),
    Rule("N-05", "warning", check="predicate", predicate="stray_english"),
    Rule("N-06", "warning", check="predicate", predicate="doubled_punctuation"),
    Rule("N-07", "warning", check="predicate", predicate="narrative_year"),  # the text names another year
    Rule("N-08", "error", check="previous", predicate="previous_order"),  # --previous is not last year's
    Rule("N-03", "error", check="narrative"),
)


_EXPLAINED_AS = {"T4-02": "T4-01", "T4-03": "T4-01", "T4-04": "T3-04"}  # same why and example as another rule


def _guide(rule_id: str) -> Guide:
    explained = _EXPLAINED_AS.get(rule_id, rule_id)
    return Guide(f"{explained}.why", f"{explained}.example")


GUIDES: dict[str, Guide] = {r.id: _guide(r.id) for r in RULES}
