"""The 2019 format's rules: the 2021 format's (``f2021.rules``, notation there) that apply to its tables,
named one by one, so that a rule the 2021 format gains is not applied here unread.

* T3-02 sums （六）其他处理 as its one row; T3-03 runs over this table 三's 24 data rows.
* T2-01 covers every cell of this table 二; the schema lets 本年增/减 be negative (``Column.signed``), and
  holds the procurement amount to ≥ 0 with at most ``AMOUNT_DECIMALS`` places under it.
* T2-05 reads the 规章 row's own columns (``predicates``).
* Left out, for cells this table 二 does not have: T2-02 and T2-04 (the fee amount in 万元: here the fees
  row counts items), T2-03 (现行有效件数 across years: 对外公开总数量 counts what was ever published) and
  T2-06 (the text against the 2021 table 二).
"""

from __future__ import annotations

from dataclasses import replace

from ..f2021.rules import GUIDES as GUIDES_2021
from ..f2021.rules import RULES as RULES_2021
from ..layout import Guide, Rule
from .layout import APPLICATIONS

_SHARED = ("T3-01", "T3-04", "T3-05", "T4-01", "T4-02", "T4-03", "T4-04", "T2-01", "T2-05", "T3-08", "T4-05",
           "T3-07", "S-01", "S-02", "S-03", "S-05", "N-01", "N-02", "N-04", "N-05", "N-06", "N-07", "N-08", "N-03")
_2021 = {r.id: r for r in RULES_2021}
_OWN = (
    replace(_2021["T3-02"], formula=(
        "results.total[c] = results.disclosed[c] + results.partly_disclosed[c] + results.withheld.*[c]"
        " + results.unavailable.*[c] + results.not_processed.*[c] + results.other_handling[c]")),
    replace(_2021["T3-03"], rows=tuple(".".join(r.path) for r in APPLICATIONS.rows)),
)

RULES: tuple[Rule, ...] = (*_OWN, *(_2021[rule_id] for rule_id in _SHARED))
GUIDES: dict[str, Guide] = {r.id: GUIDES_2021[r.id] for r in RULES}
