"""Counts the narrative states, as data: which phrasing refers to which table cells (rules T3-08, T4-05).

A count pattern is a phrase followed by a number and a unit ("收到政府信息公开申请12件",
"行政复议1起", "予以公开 8 件", "十二件"); a number with 余/多 ("182余条") is no exact count and is
skipped. A negation ("未发生行政复议、行政诉讼", "未收到…依申请公开件") says the cells are all 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..layout import CellKey, TableSpec
from .layout import APPLICATIONS, REVIEW
from ..numerals import CHINESE_NUMERALS, count

# Linear in the text: spaces and digits are taken at once (possessive), never given back one by one; a
# number of more than 15 digits is no count (and int() refuses past 4,300 digits), so it is not read.
_MAX_DIGITS = 15
_NUMBER = (rf"(?P<n>[0-9０-９]{{1,{_MAX_DIGITS}}}+|[{CHINESE_NUMERALS}]{{1,{_MAX_DIGITS}}}+)"
           rf"(?![0-9０-９{CHINESE_NUMERALS}])\s*+(?P<approx>余|多)?\s*+(?:件|起|次|条|个|宗)")


@dataclass(frozen=True)
class Fact:
    rule: str  # T3-08 or T4-05
    phrase: str  # regex for what precedes the number, or the keyword inside a negation
    table: TableSpec
    rows: tuple[str, ...]  # dotted row paths whose 总计 the number must equal (summed); "x.*" = every row under x
    what: str  # message key naming the cells, for messages


_APPLY = r"(?:政府信息公开|依申请公开|信息公开)(?:的)?申请"
_LITIGATION = ("litigation_direct", "litigation_after_review")
COUNTS: tuple[Fact, ...] = (
    Fact("T3-08", rf"(?:收到|受理|新收|接收|接到)(?:各类)?{_APPLY}(?:共计|共|合计|总计)?", APPLICATIONS, ("received",),
         "fact.received"),
    Fact("T3-08", r"(?:收到|受理|新收)依申请公开(?:件|事项)?(?:共计|共|合计)?", APPLICATIONS, ("received",),
         "fact.received"),
    Fact("T3-08", r"上年结转(?:的)?(?:政府信息公开)?(?:申请)?", APPLICATIONS, ("carried_over",), "fact.carried_over"),
    Fact("T3-08", r"(?:全部)?办结(?:政府信息公开)?(?:申请)?(?:共计|共)?", APPLICATIONS, ("results.total",),
         "fact.results_total"),
    Fact("T3-08", r"(?<!不)(?<!部分)予以公开", APPLICATIONS, ("results.disclosed",), "fact.disclosed"),
    Fact("T3-08", r"部分公开", APPLICATIONS, ("results.partly_disclosed",), "fact.partly_disclosed"),
    Fact("T3-08", r"不予公开", APPLICATIONS, ("results.withheld.*",), "fact.withheld"),
    Fact("T3-08", r"无法提供", APPLICATIONS, ("results.unavailable.*",), "fact.unavailable"),
    Fact("T3-08", r"不予处理", APPLICATIONS, ("results.not_processed.*",), "fact.not_processed"),
    Fact("T3-08", r"结转(?:至)?下(?:一)?年度?(?:继续办理)?", APPLICATIONS, ("carried_forward",), "fact.carried_forward"),
    Fact("T4-05", r"行政复议(?:案件)?(?:共计|共)?", REVIEW, ("review",), "fact.review"),
    Fact("T4-05", r"行政诉讼(?:案件)?(?:共计|共)?", REVIEW, _LITIGATION, "fact.litigation"),
)

NEGATION = re.compile(r"(?:未|没有|无)(?:发生|收到|接到|出现|产生|有)(?P<scope>[^。；;，,]*)")
NEGATED: tuple[Fact, ...] = (
    Fact("T3-08", r"依申请公开|信息公开申请", APPLICATIONS, ("received",), "fact.received"),
    Fact("T4-05", r"行政复议", REVIEW, ("review",), "fact.review"),
    Fact("T4-05", r"行政诉讼", REVIEW, _LITIGATION, "fact.litigation"),
)

_COUNT_RES = tuple((f, re.compile(rf"(?:{f.phrase})\s*+(?:[为了]\s*+)?{_NUMBER}")) for f in COUNTS)


@dataclass(frozen=True)
class Mention:
    fact: Fact
    stated: int
    start: int  # offset in the text
    quote: str


def mentions(text: str) -> Iterator[Mention]:
    """Every exact count and every negation the text states, in order."""
    for fact, pattern in _COUNT_RES:
        for m in pattern.finditer(text):
            if not m.group("approx"):
                yield Mention(fact, count(m.group("n")), m.start(), m.group(0))
    for m in NEGATION.finditer(text):
        for fact in NEGATED:
            if re.search(fact.phrase, m.group("scope")):
                yield Mention(fact, 0, m.start(), m.group(0))


def cells(fact: Fact) -> list[CellKey]:
    """The 总计 cells a fact's number must equal the sum of."""
    return [(r.path, "total") for dotted in fact.rows for r in fact.table.select(dotted)]
