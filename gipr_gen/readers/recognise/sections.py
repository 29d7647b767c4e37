"""The six sections of a published report, found by their headings (spec §8.7): numbered or not, in
paragraphs of their own or run into a long paragraph of crawled text, worded as the many reports word them.

A heading is recognised by its keywords (总体情况 / 主动公开…情况 / 收到和处理…申请…情况 / 复议…诉讼…情况 /
问题…改进 or 整改 / 其他…报告…事项), by position: the six sections are the same in every format (spec §7.2). Where
several paragraphs could be a section's heading (a pre-2019 outline pasted into 一、总体情况 repeats
"二、主动公开政府信息情况"), the headings chosen are the ones in order that fit best: numbered as their
section, followed by their table, marked as headings by the source.
"""

from __future__ import annotations

import re

from functools import cache

from ...formats.layout import Section, TableSpec
from ...model.place import Place
from ...patterns import pattern
from ...records import record
from ..published.document import Document, Paragraph, Table
from .labels import normalise

NUMBERS = "一二三四五六"
_GAP = "[^。；：:！？!?（）()\\n0-9]"  # what may stand between a heading's keywords: not a sentence's end
# A section's heading after its number, by position (一 … 六).
_PATTERNS = tuple(pattern(p) for p in (
    rf"{_GAP}{{0,12}}?总体情况",
    rf"{_GAP}{{0,8}}?主动公开{_GAP}{{0,12}}?情况",
    rf"{_GAP}{{0,8}}?收到和处理{_GAP}{{0,12}}?申请{_GAP}{{0,6}}?情况",
    rf"{_GAP}{{0,16}}?复议{_GAP}{{0,12}}?诉讼{_GAP}{{0,6}}?情况",
    rf"{_GAP}{{0,16}}?问题{_GAP}{{0,8}}?(?:改进|整改){_GAP}{{0,4}}?(?:情况|措施|举措|工作)?",
    rf"{_GAP}{{0,4}}?其他{_GAP}{{0,6}}?报告的?事项",
))
_NUMBER = pattern(rf"([{NUMBERS}])\s*[、.．，,]\s*")
_JOINS = ("", "和", "及", "与", "以及", "、")  # between the headings of sections merged under one
_HEADING_END = pattern(r"\s*[。：:]?\s*")
_MAX_HEADING = 40  # characters: a paragraph longer than this is text, whatever it starts with
# Where a heading may start inside a paragraph of crawled text: after a sentence, a space or a figure.
_INLINE = pattern(rf"(?:^|(?<=[\s。；：:！？!?）)”」0-9]))([{NUMBERS}])\s*[、.．]\s*")
_ENDINGS = ("情况", "事项", "措施")  # an unnumbered paragraph is a heading only when it reads as one


@record
class Text:
    text: str  # as published
    place: Place
    mark: int | None = None  # the heading level the source marked it with
    cont: bool = False  # continues the paragraph of the piece before (a heading was cut out between)


@record
class Heading:
    text: str  # as published, with the punctuation and space after it when run into a paragraph
    place: Place
    first: int  # the section it names (0 … 5)
    last: int  # the last section it names: more than first when sections are merged under one heading
    number: str | None  # as published (一 … 六), None when unnumbered
    mark: int | None  # the heading level the source marked it with
    canonical: bool  # the official heading, once normalised
    cont: bool = False  # cut out of the paragraph of the piece before

    @property
    def merged(self) -> bool:
        return self.last > self.first


Piece = Text | Heading | Table


def pieces(doc: Document, sections: tuple[Section, ...]) -> list[Piece]:
    """The document's blocks in reading order, each heading-like paragraph as a ``Heading`` and each section
    heading run into a paragraph cut out of it."""
    out: list[Piece] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(block)
            continue
        whole = _whole_heading(block, sections)
        if whole:
            out.append(whole)
            continue
        out.extend(_inline_headings(block, sections))
    return out


def _whole_heading(par: Paragraph, sections: tuple[Section, ...]) -> Heading | None:
    text = par.text.strip()
    if not text or len(text) > _MAX_HEADING or "\n" in text:
        return None
    body = text.rstrip("。：: ")
    m = _NUMBER.match(body)
    number, body = (m.group(1), body[m.end():]) if m else (None, body)
    body = body.strip()
    span = _span(body)
    if span is None or number is None and par.heading is None and not body.endswith(_ENDINGS):
        return None
    first, last = span
    canonical = first == last and normalise(body) == normalise(sections[first].title)
    return Heading(text, par.place, first, last, number, par.heading, canonical)


def _span(body: str) -> tuple[int, int] | None:
    """(first, last): the sections whose headings, in order and joined by 和/及/、, make up all of ``body``;
    the first section as early and then as many sections as can be. None when ``body`` is no heading."""
    for first in range(len(_PATTERNS)):
        last = _last(body, 0, first)
        if last is not None:
            return first, last
    return None


def _last(body: str, start: int, section: int) -> int | None:
    """The last section of the longest run of headings from ``section`` on that fills ``body[start:]``."""
    ends = [end for end in range(len(body), start, -1) if _PATTERNS[section].fullmatch(body, start, end)]
    best = None
    for end in ends:
        if end == len(body):
            best = section if best is None else best
        elif section + 1 < len(_PATTERNS):
            for join in _JOINS:
                if body.startswith(join, end):
                    last = _last(body, end + len(join), section + 1)
                    if last is not None and (best is None or last > best):
                        best = last
    return best


def _inline_headings(par: Paragraph, sections: tuple[Section, ...]) -> list[Piece]:
    """A paragraph with the numbered section headings run into it (crawled text) cut at each of them."""
    out: list[Piece] = []
    text, start = par.text, 0
    for m in _INLINE.finditer(par.text):
        if m.start() < start:
            continue
        index = NUMBERS.index(m.group(1))
        found = None
        for i in sorted(range(len(_PATTERNS)), key=lambda k: k != index):  # its own number's section first
            found = _PATTERNS[i].match(text, m.end())
            if found:
                break
        if not found:
            continue
        end = _HEADING_END.match(text, found.end()).end()
        if start < m.start():
            out.append(Text(text[start:m.start()], par.place, par.heading, cont=bool(out)))
        out.append(Heading(text[m.start():end], par.place, i, i, m.group(1), None,
                           normalise(found.group()) == normalise(sections[i].title), cont=bool(out)))
        start = end
    if not out:
        return [Text(text, par.place, par.heading)]
    if start < len(text):
        out.append(Text(text[start:], par.place, par.heading, cont=True))
    return out


# ---- choosing the headings -------------------------------------------------------------------------


def as_text(found: list[Piece]) -> list[Piece]:
    """``found`` with its headings (ones not chosen as a section's) as text again, each paragraph they were
    cut out of whole."""
    out: list[Piece] = []
    for piece in found:
        if isinstance(piece, Heading):
            piece = Text(piece.text, piece.place, piece.mark, piece.cont)
        previous = out[-1] if out else None
        if isinstance(piece, Text) and piece.cont and isinstance(previous, Text):
            out[-1] = Text(previous.text + piece.text, previous.place, previous.mark, previous.cont)
        else:
            out.append(piece)
    return out


def choose(found: list[Piece], tables: dict[int, tuple[TableSpec, ...]]) -> list[int]:
    """The indexes in ``found`` of the section headings, in order: of all the ways to pick headings whose
    sections rise with their position, the one that scores best (``tables``: the specs of each table
    section by position, whose labels following a heading make it the table's)."""
    candidates = [i for i, p in enumerate(found) if isinstance(p, Heading)]
    scores = {i: _score(found, i, candidates, tables) for i in candidates}
    best: dict[int, tuple[int, list[int]]] = {}
    for i in candidates:
        heading = found[i]
        assert isinstance(heading, Heading)
        before = [best[j] for j in best if j < i and found[j].last < heading.first]  # type: ignore[union-attr]
        total, chain = max(before, key=lambda b: b[0], default=(0, []))
        best[i] = (total + scores[i], chain + [i])
    return max(best.values(), key=lambda b: b[0], default=(0, []))[1]


def _score(found: list[Piece], i: int, candidates: list[int], tables: dict[int, tuple[TableSpec, ...]]) -> int:
    heading = found[i]
    assert isinstance(heading, Heading)
    score = 10 * (heading.last - heading.first + 1)
    if heading.number is not None:
        score += 5 if NUMBERS.index(heading.number) == heading.first else -4
    score += 3 * heading.canonical + 2 * (heading.mark is not None)
    if heading.first in tables:
        after = next((j for j in candidates if j > i), len(found))
        if any(_holds_table(p, tables[heading.first]) for p in found[i + 1:after]):
            score += 5
    return score


def _holds_table(piece: Piece, specs: tuple[TableSpec, ...]) -> bool:
    if isinstance(piece, Table):
        return True
    if isinstance(piece, Text):
        return table_start(piece.text, specs) is not None
    return False


# ---- tables written as text ----------------------------------------------------------------------

_BOUNDARY = pattern(r"[\s。；：:！？!?]")
_MIN_LABELS = 3  # distinct labels of a table that make text a table run together
_MIN_LABEL = 4  # characters of a label that can tell a table (not 规章, 其他, 总计)


def _loose(label: str) -> str:
    """A regular expression for a label as text may carry it: any whitespace between its characters, half-
    or full-width brackets and colons."""
    alternatives = {"（": "[（(]", "）": "[）)]", "：": "[：:]", "，": "[，,]"}
    return r"\s*".join(alternatives.get(ch, re.escape(ch)) for ch in normalise(label))


@cache
def _labels(specs: tuple[TableSpec, ...]) -> tuple[re.Pattern, ...]:
    """The labels of a table that text is unlikely to hold unless it is the table: four characters or more."""
    texts = {normalise(c.text) for spec in specs for c in spec.grid.cells if len(normalise(c.text)) >= _MIN_LABEL}
    return tuple(pattern(_loose(text)) for text in sorted(texts))


def table_start(text: str, specs: tuple[TableSpec, ...]) -> int | None:
    """Where in ``text`` a table of ``specs`` starts, written out as text (crawled pages run a table's cells
    together): the first of its labels that opens a sentence or line, when the text holds at least
    three of them. None when the text holds no such table."""
    if sum(1 for label in _labels(specs) if label.search(text)) < _MIN_LABELS:
        return None
    starts = [m.start() for label in _labels(specs) for m in label.finditer(text)
              if m.start() == 0 or _BOUNDARY.match(text, m.start() - 1)]
    return min(starts, default=None)
