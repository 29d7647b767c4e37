"""Counts and amounts the narrative states, as data: which phrasing refers to which table cells (rules
T3-08, T4-05, T2-06).

A count is a phrase followed by a number and a unit ("收到政府信息公开申请12件", "行政复议1起", "予以公开 8 件",
"十二件"), or a number the phrase follows ("1件结转下年度继续办理", "共收到70件申请"); an amount is a decimal
in 元, 万元 or 亿元 ("行政事业性收费9116.36万元"). Phrases joined ("予以公开及部分公开42件", "不予公开、无法提供
和不予处理共5件") state the sum of their cells, with 均/各 each one's, with 分别 one number each. A noun's
sentence may go on with its columns ("行政诉讼46件，其中结果维持25件", "规范性文件2件，现行有效的11件", "收到申请
75件，涉及自然人72件"). A negation ("未发生行政复议、行政诉讼", "未制发规范性文件", "未收取行政事业性收费") says
the cells are all 0. One number is one statement: where readings overlap, the one that starts first (the
longest phrase) reads it.

What states no exact figure of these tables is skipped: a number with 余/多 ("182余条") or after 约, a count
in a clause about something else (a hotline's 工单, 人大建议, documents under 清理), a negation that speaks of
outcomes (未发生…被撤销、败诉) or of a cause (因依申请公开引发的…).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from ...patterns import pattern
from ...records import record
from ..layout import CellKey, TableSpec
from ..numerals import CHINESE_NUMERALS, count
from .layout import APPLICATIONS, PROACTIVE, REVIEW

# Linear in the text: spaces and digits are taken at once (possessive), never given back one by one; a
# number of more than 15 digits is no count (and int() refuses past 4,300 digits), so it is not read.
_MAX_DIGITS = 15
_UNITS = "件|起|次|条|个|宗"
_DECISION_UNITS = "件|起|次|宗"  # 条 counts published items ("双公示4862条"), not decisions

# The patterns run over the text with its numerals respelt, one character for one so that offsets hold:
# full-width digits and points as ASCII, each Chinese numeral as one of a run of private-use characters
# (those already in the text as U+FFFD). A class of scattered CJK numerals costs re half a millisecond to
# compile (a 64K bitmap), and this module holds seventy: a class of one run costs microseconds.
_CN = r"\ue000-\ue00e"  # escapes, for the regex to read
_SCAN = str.maketrans({**{chr(0xE000 + i): "\ufffd" for i in range(len(CHINESE_NUMERALS))},
                       **{ch: chr(0xE000 + i) for i, ch in enumerate(CHINESE_NUMERALS)},
                       **dict(zip("０１２３４５６７８９．", "0123456789."))})


def _count(units: str = _UNITS, name: str = "n") -> str:
    return (rf"(?P<{name}>[0-9]{{1,{_MAX_DIGITS}}}+|[{_CN}]{{1,{_MAX_DIGITS}}}+)(?![0-9{_CN}])"
            rf"\s*+(?P<{name}_approx>余|多)?\s*+(?:{units})")


_AMOUNT = (rf"(?P<n>[0-9]{{1,{_MAX_DIGITS}}}+(?:\.[0-9]{{1,6}}+)?)(?![0-9.])"
           r"\s*+(?P<n_approx>余|多)?\s*+(?P<unit>亿元|万元|元)")
_FIRST = rf"(?<![0-9.{_CN}])"  # a number the phrase follows is read from its first digit
_TAIL = r"(?:的)?(?:共计|共|合计|总计)?\s*+(?:[为了达]\s*+)?"  # between a phrase and its number
_CLAUSE_END = pattern(r"[，。；;,:：！？!?\n]")


@record
class Fact:
    rule: str  # T3-08, T4-05 or T2-06
    phrase: str  # regex for what precedes the number (a joined part: the phrase alone)
    table: TableSpec
    rows: tuple[str, ...]  # dotted row paths whose cells the number must equal (summed); "x.*" = every row under x
    what: str  # message key naming the cells; "" names them by the table's own labels
    columns: tuple[str, ...] = ("total",)  # the columns of those rows (summed)
    after: str = ""  # regex for what follows the number and its unit, where the phrase comes after the number
    also: tuple[tuple[str, ...], ...] = ()  # other rows the number may stand for (a reading real reports print)
    amount: bool = False  # an amount of money (元, 万元 or 亿元), compared in 万元 to the decimals it is written with
    units: str = _UNITS
    parts: tuple[str, ...] = ()  # phrases joined: the message keys of the parts whose sum this is


_APPLY = r"(?:政府信息公开|依申请公开|信息公开|公开政府信息)(?:的)?申请"
_ON_REQUEST = r"(?:政府信息)?依申请(?:信息)?公开(?:政府信息|信息)?(?:申请|请求|件|事项)?"
_RECEIVE = r"(?:收到|受理|新收|接收|接到)(?:各类|群众|社会公众|公众|[^，。；;,:：\d]{1,12}?(?:提交|提出|递交)的)?"
# "收到申请75件" where 75 = 74 new + 1 carried over: the applications handled this year. Real reports print it
# (pingtan-zone-2022), and the total it names is in the table, so it is no contradiction to warn about.
_HANDLED = (("received", "carried_over"),)
_LITIGATION = ("litigation_direct", "litigation_after_review")
_NORMATIVE = r"规范性文件"  # (行政规范性文件: a qualifier before it takes the 行政)
_REGULATIONS = r"规章(?!制度)"
# between a verb and the documents it counts: a qualifier ("本年度制发的", "印发并公开的"), never the in-force stock
_QUALIFIER = r"(?:了)?(?:(?!现行有效)[^，。；;,:：、\d]){0,16}?"
_ISSUE = r"(?:制发|出台|印发|制定|新增)"

RECEIVED = Fact("T3-08", rf"{_RECEIVE}(?:{_APPLY}|{_ON_REQUEST}|申请)", APPLICATIONS, ("received",), "fact.received",
                also=_HANDLED)
DISCLOSED = Fact("T3-08", r"予以(?<!不予以)(?<!部分予以)公开", APPLICATIONS, ("results.disclosed",), "fact.disclosed")
PARTLY = Fact("T3-08", r"部分公开", APPLICATIONS, ("results.partly_disclosed",), "fact.partly_disclosed")
WITHHELD = Fact("T3-08", r"不予公开", APPLICATIONS, ("results.withheld.*",), "fact.withheld")
UNAVAILABLE = Fact("T3-08", r"无法提供", APPLICATIONS, ("results.unavailable.*",), "fact.unavailable")
NOT_PROCESSED = Fact("T3-08", r"不予处理", APPLICATIONS, ("results.not_processed.*",), "fact.not_processed")
OTHER_HANDLING = Fact("T3-08", r"其他处理", APPLICATIONS, ("results.other_handling.*",), "fact.other_handling")
REVIEWS = Fact("T4-05", r"行政复议", REVIEW, ("review",), "fact.review")
LAWSUITS = Fact("T4-05", r"行政诉讼", REVIEW, _LITIGATION, "fact.litigation")
NORMATIVE = Fact("T2-06", _NORMATIVE, PROACTIVE, ("normative_documents",), "")
REGULATIONS = Fact("T2-06", _REGULATIONS, PROACTIVE, ("regulations",), "")


def _documents(noun: Fact) -> tuple[Fact, ...]:
    """Counts of 规章 or 规范性文件 a verb states: issued, repealed, in force."""
    return (replace(noun, phrase=rf"{_ISSUE}{_QUALIFIER}{noun.phrase}", columns=("issued",)),
            replace(noun, phrase=rf"废止{_QUALIFIER}{noun.phrase}", columns=("repealed",)),
            replace(noun, phrase=rf"现行有效(?:的)?(?:行政)?{noun.phrase}", columns=("in_force",)))


def _decisions(phrase: str, row: str) -> Fact:
    return Fact("T2-06", rf"{phrase}(?:决定书|决定)?", PROACTIVE, (row,), "",
                columns=("decisions",), units=_DECISION_UNITS)


FEES = Fact("T2-06", r"(?:行政事业性收费|本年收费)(?:金额|收入|总额)?", PROACTIVE, ("fees",), "",
            columns=("amount_wan_yuan",), amount=True)
_NEXT_YEAR = r"(?:至|到)?(?:下一?年度?|[0-9]{4}\s*+年度?)"
COUNTS: tuple[Fact, ...] = (
    RECEIVED,
    Fact("T3-08", _RECEIVE, APPLICATIONS, ("received",), "fact.received", after=rf"(?:{_APPLY}|申请)", also=_HANDLED),
    Fact("T3-08", r"上年(?:度)?(?:结转|转结)(?:的)?(?:政府信息公开)?(?:申请)?(?:办理)?(?:数量|数)?", APPLICATIONS,
         ("carried_over",), "fact.carried_over"),
    Fact("T3-08", r"办结(?:政府信息公开)?(?:申请)?", APPLICATIONS, ("results.total",), "fact.results_total"),
    DISCLOSED, PARTLY, WITHHELD, UNAVAILABLE, NOT_PROCESSED, OTHER_HANDLING,
    Fact("T3-08", rf"(?:结转|转入?|顺延){_NEXT_YEAR}(?:继续)?(?:办理|答复|处理)?", APPLICATIONS, ("carried_forward",),
         "fact.carried_forward"),
    Fact("T3-08", "", APPLICATIONS, ("carried_forward",), "fact.carried_forward",
         after=rf"(?:结转|顺延|转入?){_NEXT_YEAR}"),
    replace(REVIEWS, phrase=r"行政复议(?:案件)?"),
    replace(LAWSUITS, phrase=r"行政诉讼(?:案件)?"),
    *_documents(NORMATIVE), *_documents(REGULATIONS),
    _decisions("行政许可", "licensing"), _decisions("行政处罚", "penalties"), _decisions("行政强制", "coercive_measures"),
    FEES,
)

# Phrases that may be joined ("予以公开、部分公开共42件"): "公开" alone only before "和部分公开".
JOINABLE: tuple[tuple[Fact, ...], ...] = (
    (replace(DISCLOSED, phrase=r"公开(?<![不予以部分主动申请]公开)(?=(?:及|和|与|、|以及)部分公开)"),
     DISCLOSED, PARTLY, WITHHELD, UNAVAILABLE, NOT_PROCESSED, OTHER_HANDLING),
    (REVIEWS, LAWSUITS),
)


@record
class Columns:
    """A noun and, in the rest of its sentence, words that name some of its columns ("行政诉讼46件，其中结果维持
    25件"): each word before a number states those columns of the noun's rows."""

    heads: tuple[Fact, ...]  # the nouns (their phrases), with the rows they name; none: the counts of ``rule`` read
    words: tuple[tuple[str, tuple[str, ...]], ...]  # (regex, the columns it names)
    rule: str = ""


_APPLICANTS = (("自然人", ("natural_person",)), ("商业企业", ("business",)), ("科研机构", ("research",)),
               ("社会公益组织", ("public_welfare",)), ("法律服务机构", ("legal_service",)),
               ("法人(?:或|和|及)其他组织", ("business", "research", "public_welfare", "legal_service", "other")))
COLUMNS: tuple[Columns, ...] = (
    Columns((), _APPLICANTS, "T3-08"),  # after "收到申请75件": "涉及自然人72件"
    Columns((REVIEWS, LAWSUITS), (("结果维持|维持", ("upheld",)), ("结果纠正|纠正|被纠错", ("corrected",)),
                                  ("其他结果", ("other",)), ("尚未审结|未审结|正在审理中|正在审理", ("pending",)))),
    Columns((NORMATIVE, REGULATIONS), (("制发|出台|印发", ("issued",)), ("废止", ("repealed",)),
                                       ("现行有效", ("in_force",)))),
)

# A clause about something else: its counts are of hotline tickets, proposals, documents under review, …
_ELSEWHERE = pattern(r"热线|工单|信箱|留言|来信|来电|咨询|建议|提案|网民|问政|清理|梳理")


@record
class Negated:
    verbs: str  # regex of the verbs after 未/没有/无 that deny it
    keyword: str  # regex the negation's scope must hold
    fact: Fact


_EVENT = r"发生|收到|接到|出现|产生|有|受理|引起|引发"
NEGATED: tuple[Negated, ...] = (
    # the application itself, not "因政府信息公开申请行政复议" (applying for a review)
    Negated(_EVENT, r"(?:(?:信息公开|公开政府信息|依申请公开|公开)(?:的)?(?:申请|请求)|依申请公开)(?!行政|复议|诉讼)",
            RECEIVED),
    Negated(_EVENT, r"行政复议", REVIEWS),
    Negated(_EVENT, r"行政诉讼", LAWSUITS),
    Negated(r"制发|出台|印发|制定", _NORMATIVE, replace(NORMATIVE, columns=("issued",))),
    Negated(r"制发|出台|印发|制定", _REGULATIONS, replace(REGULATIONS, columns=("issued",))),
    Negated(r"收取|产生|发生|有", r"行政事业性收费", FEES),
)
_VERBS = "|".join(sorted({v for n in NEGATED for v in n.verbs.split("|")}, key=lambda v: (-len(v), v)))
NEGATION = pattern(rf"(?:未|没有|无)(?P<verb>{_VERBS})(?P<scope>[^。；;，,]*)")
# a negation of outcomes (no case was lost) or of a cause (no review arose from an application) denies no count
_OUTCOME = pattern(r"败诉|撤销|纠错|纠正|被诉|追究|违法|不良影响")
_CAUSE = pattern(r"因[^因]*?(?:引发|引起|导致|而)(?:的)?")


@record
class Mention:
    fact: Fact
    stated: int | Decimal  # a count, or an amount in ``unit``
    start: int  # offset in the text
    quote: str
    unit: str = ""  # an amount's unit: 元, 万元 or 亿元


def _scan_re(source: str) -> re.Pattern[str]:
    """A pattern to run over the text respelt (``_SCAN``): its own numerals ("下一年") respelt alike."""
    return pattern(source.translate(_SCAN))


@record
class _Scanner:
    """A phrase, then what may stand between it and its number, then the number and its unit: found one after
    the other as one pattern would find them, the last two patterns shared by every phrase (compiling the
    number into each phrase's pattern made import of this module five times slower)."""

    phrase: re.Pattern[str]
    tail: re.Pattern[str]
    number: re.Pattern[str]

    def finditer(self, scan: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, re.Match[str]]]:
        """(start of the phrase, the number's match) of each phrase followed by a number, left to right."""
        endpos = len(scan) if endpos is None else endpos
        while (m := self.phrase.search(scan, pos, endpos)) is not None:
            tail = self.tail.match(scan, m.end(), endpos)
            n = self.number.match(scan, tail.end() if tail else m.end(), endpos)
            if n is None:
                pos = m.start() + 1
                continue
            yield m.start(), n
            pos = n.end()


@record
class _NumberFirst:
    """A number the phrase follows ("1件结转下年度"): one pattern."""

    pattern: re.Pattern[str]

    def finditer(self, scan: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, re.Match[str]]]:
        for m in self.pattern.finditer(scan, pos, len(scan) if endpos is None else endpos):
            yield m.start(), m


_NUMBERS = {units: _scan_re(_count(units)) for units in (_UNITS, _DECISION_UNITS)}
_AMOUNT_RE = _scan_re(_AMOUNT)
_TAIL_RE = _scan_re(_TAIL)


def _scanner(fact: Fact) -> _Scanner | _NumberFirst:
    number = _AMOUNT if fact.amount else _count(fact.units)
    if fact.after:
        return _NumberFirst(_scan_re(rf"(?:{fact.phrase}){_FIRST}{number}\s*+(?:{fact.after})"))
    return _Scanner(_scan_re(fact.phrase), _TAIL_RE, _AMOUNT_RE if fact.amount else _NUMBERS[fact.units])


# each with what must occur for it to match at all: a number-first phrasing is looked for where its words are
_COUNT_RES = tuple((f, _scanner(f), _scan_re(f.after) if f.after else None) for f in COUNTS)
_JOIN = r"(?:以及|及|和|与|、|或)"
# phrases joined, taken at once (possessive) and left behind when no number follows: linear in a run of them
_JOINED_RES = tuple(
    (group, _scan_re(rf"{items}(?:{_JOIN}{items})++"), _scan_re(
        rf"(?:的)?(?:申请|案件|情形)?\s*+(?:(?P<each>均为|均是|均|各为|各)|(?P<resp>分别为|分别是|分别)|共计|共|合计|总计|为)?"
        rf"\s*+(?:[为是]\s*+)?(?P<list>{_count()}(?:\s*+[、，,和及与]\s*+{_count(name='m')})*+)"),
     _scan_re("|".join(f"(?P<p{i}>{f.phrase})" for i, f in enumerate(group))))
    for group in JOINABLE for items in [rf"(?:{'|'.join(f.phrase for f in group)})"])
_LIST_RE = _NUMBERS[_UNITS]
_SENTENCE_END = _scan_re(r"[。；;！？!?\n]")
_WORD_TAIL = _scan_re(r"(?:申请)?(?:的|了)?\s*+(?:[为了]\s*+)?")
_COLUMN_RES = tuple((c, _scan_re("|".join(f"(?P<h{i}>{h.phrase})" for i, h in enumerate(c.heads)))
                     if c.heads else None,
                     _scan_re("|".join(f"(?:{word})" for word, _ in c.words)),
                     tuple((_Scanner(_scan_re(word), _WORD_TAIL, _LIST_RE), cols) for word, cols in c.words))
                    for c in COLUMNS)


def _elsewhere(text: str, start: int) -> bool:
    """The clause holding ``start`` speaks of something else before it (looks back at most 40 characters)."""
    before = text[max(0, start - 40):start]
    ends = list(_CLAUSE_END.finditer(before))
    return bool(_ELSEWHERE.search(before[ends[-1].end():] if ends else before))


def _stated(text: str, m: re.Match[str], group: str = "n") -> int | None:
    return None if m.group(f"{group}_approx") else count(text[m.start(group):m.end(group)])


def _counts(text: str, scan: str) -> Iterator[tuple[int, Mention]]:
    """(offset of the number, mention) of every phrase followed or preceded by a number."""
    for fact, counted, needed in _COUNT_RES:
        if needed is not None and not needed.search(scan):
            continue
        for start, m in counted.finditer(scan):
            if _elsewhere(scan, start) or m.group("n_approx"):
                continue
            stated = Decimal(m.group("n")) if fact.amount else _stated(text, m)
            if stated is not None:
                yield m.start("n"), Mention(fact, stated, start, text[start:m.end()],
                                            m.group("unit") if fact.amount else "")


def _joined(text: str, scan: str) -> Iterator[tuple[int, Mention]]:
    """Phrases joined before one number (their sum), 均/各 (each), or 分别 and as many numbers (one each)."""
    for group, run_re, rest_re, parts in _JOINED_RES:
        for run in run_re.finditer(scan):
            m = rest_re.match(scan, run.end())
            if m is None or _elsewhere(scan, run.start()):
                continue
            items = [group[int(p.lastgroup[1:])] for p in parts.finditer(run.group(0))]
            numbers = list(_LIST_RE.finditer(scan, m.start("list"), m.end("list")))
            if m.group("resp"):
                if len(numbers) == len(items):
                    for fact, n in zip(items, numbers, strict=True):
                        stated = _stated(text, n)
                        if stated is not None:
                            yield n.start("n"), Mention(fact, stated, run.start(), text[run.start():m.end()])
                continue
            stated = _stated(text, numbers[0])
            if stated is None:
                continue
            quote = text[run.start():numbers[0].end()]
            if m.group("each"):
                for fact in items:
                    yield numbers[0].start("n"), Mention(fact, stated, run.start(), quote)
            else:
                whole = replace(items[0], rows=tuple(r for f in items for r in f.rows), what="fact.sum",
                                parts=tuple(f.what for f in items))
                yield numbers[0].start("n"), Mention(whole, stated, run.start(), quote)


def _columns(text: str, scan: str, counts: list[tuple[int, Mention]]) -> Iterator[tuple[int, Mention]]:
    """Words naming a noun's columns in the rest of its sentence, up to the next noun."""
    heads: list[tuple[int, int, Fact, tuple]] = []
    for c, head_re, any_word, words in _COLUMN_RES:
        wanted = any_word.search(scan) is not None  # heads of every kind bound the others' sentences
        if head_re is None:
            heads += [(m.start, m.start + len(m.quote), m.fact, words if wanted else ()) for _, m in counts
                      if m.fact.rule == c.rule and m.fact.columns == ("total",) and not m.fact.after]
        else:
            heads += [(h.start(), h.end(), c.heads[int(h.lastgroup[1:])], words if wanted else ())
                      for h in head_re.finditer(scan)]
    if not any(words for *_, words in heads):
        return
    heads.sort(key=lambda h: h[0])
    starts = [h[0] for h in heads]
    ends = [m.start() for m in _SENTENCE_END.finditer(scan)] + [len(scan)]
    for _, end, head, words in heads:
        if not words:
            continue
        following = bisect_left(starts, end)
        stop = min(ends[bisect_left(ends, end)], starts[following] if following < len(starts) else len(scan))
        for word_re, cols in words:
            for start, m in word_re.finditer(scan, end, stop):
                stated = _stated(text, m)
                if stated is not None and not _elsewhere(scan, start):
                    yield m.start("n"), Mention(replace(head, columns=cols), stated, start, text[start:m.end()])


def _negations(text: str) -> Iterator[Mention]:
    for m in NEGATION.finditer(text):
        scope = m.group("scope")
        if _OUTCOME.search(scope):
            continue
        scope = _CAUSE.sub("", scope)
        for negated in NEGATED:
            if re.fullmatch(negated.verbs, m.group("verb")) and re.search(negated.keyword, scope):
                yield Mention(negated.fact, Decimal(0) if negated.fact.amount else 0, m.start(), m.group(0),
                              "万元" if negated.fact.amount else "")


def mentions(text: str) -> Iterator[Mention]:
    """Every exact count, amount and negation the text states, in order of where they start; a number read
    by several phrasings is read by the one that starts first (one statement: "均为0件" says it of each part)."""
    yield from _read(text)


@lru_cache(maxsize=512)  # three rules read each paragraph of a report in turn: it is read once
def _read(text: str) -> tuple[Mention, ...]:
    best: dict[int, list[Mention]] = {}
    scan = text.translate(_SCAN)
    counts = list(_counts(text, scan))
    for at, mention in (*counts, *_joined(text, scan), *_columns(text, scan, counts)):
        held = best.setdefault(at, [mention])
        rank, holds = (mention.start, -len(mention.quote)), (held[0].start, -len(held[0].quote))
        if rank < holds:
            best[at] = [mention]
        elif rank == holds and mention not in held:
            held.append(mention)
    return tuple(sorted((*(m for held in best.values() for m in held), *_negations(text)), key=lambda m: m.start))


def cells(fact: Fact, rows: tuple[str, ...] | None = None, table: TableSpec | None = None) -> list[CellKey]:
    """The cells a fact's number must equal the sum of: its rows (or ``rows``) in ``table``, the table a report
    fills in (the 2019 format's table 三 has one row where this one has a group: ``x.*`` reads either)."""
    spec = table or fact.table
    return [(r.path, c) for dotted in (fact.rows if rows is None else rows) for r in spec.select(dotted)
            for c in fact.columns]


def readings(fact: Fact, table: TableSpec | None = None) -> list[list[CellKey]]:
    """Every set of cells the number may stand for: its own first, then the readings real reports print."""
    return [cells(fact, table=table), *(cells(fact, rows, table) for rows in fact.also)]
