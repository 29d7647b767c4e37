"""Narrative Markdown → ``model.Narrative``: blocks in the 公文 hierarchy, parsed once when a report is read.

Headings inside a section are numbered here: ``#`` → （一）, ``##`` → 1., ``###`` → （1）. A number the
author typed at the start of a heading is replaced by the computed one. Markdown with no place in the
official layout (images, raw HTML, code, quotes, rules, deeper headings) becomes a located problem
(rule N-03); nothing is dropped silently.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ..model.narrative import Block, Narrative, Problem, Span
from ..model.positions import Key

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

CN_NUMBERS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for headings)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUMBERS[tens - 1] + "十")
    return head + (CN_NUMBERS[ones - 1] if ones else "")


def heading_number(level: int, n: int) -> str:
    return {2: f"（{cn_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


_TYPED_NUMBER = {
    2: re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\s*|^\s*[一二三四五六七八九十]+、\s*"),
    3: re.compile(r"^\s*[0-9]+\s*[.．、]\s*"),
    4: re.compile(r"^\s*[（(][0-9]+[）)]\s*"),
}

_REFUSED = {
    "image": "image", "html_block": "html", "html_inline": "html", "code_block": "code", "fence": "code",
    "code_inline": "code", "blockquote_open": "quote", "hr": "rule",
}


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported only for narratives beyond the plain subset

    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})


def parse(text: str, path: Key = ()) -> Narrative:
    """Parse narrative Markdown (``path``: where it stands in the report file)."""
    text = text.rstrip()
    if not text:
        return Narrative(path, "", ())
    plain = _plain(text)
    blocks, problems = (plain, []) if plain is not None else _commonmark(text)
    # one finding per kind of construct and line: "<b>…</b>" is one mistake, not two
    unique = {(p.line, p.what): p for p in reversed(problems)}
    return Narrative(path, text, _numbered(blocks), tuple(sorted(unique.values(), key=lambda p: p.line)))


def _numbered(blocks: list[Block]) -> tuple[Block, ...]:
    """Headings numbered in the 公文 hierarchy; a number the author typed gives way to the computed one."""
    counters = {2: 0, 3: 0, 4: 0}
    out = []
    for block in blocks:
        if block.kind == "heading":
            counters[block.level] += 1
            for deeper in range(block.level + 1, 5):
                counters[deeper] = 0
            block = Block("heading", _strip_number(block.spans, block.level), block.level,
                          heading_number(block.level, counters[block.level]), block.line)
        out.append(block)
    return tuple(out)


# ---- the plain subset, read without a Markdown library ------------------------------------------
# Most narratives are paragraphs and "#" headings only. For exactly that subset CommonMark's result is
# known: a heading's text, and each paragraph's lines joined with their edge spaces dropped (a soft
# break joins Chinese text). Anything else — markup characters, tabs, other whitespace, indented or
# list-like lines, hard breaks — goes to the CommonMark parser. A test holds the two to the same blocks.

_NOT_PLAIN = re.compile(r"[\\`*_\[\]!<>&\x00-\x09\x0b-\x1f\x7f]|[^\S \n]")
_NOT_PLAIN_START = re.compile(r" {0,3}(?:[-+=~]|[0-9]{1,9}[.)](?: |$)| )")
_PLAIN_HEADING = re.compile(r" {0,3}(#{1,3}) +([^#\s][^#]*)$")


def _plain(text: str) -> list[Block] | None:
    """The blocks of a plain narrative, or None when it is not one."""
    if _NOT_PLAIN.search(text):
        return None
    blocks: list[Block] = []
    para: list[str] = []
    start = 0
    for n, line in enumerate(text.split("\n") + [""]):
        if not line.strip(" "):
            if para:
                blocks.append(Block("paragraph", (Span("".join(para)),), 0, "", start))
                para = []
            continue
        if line.endswith("  ") or _NOT_PLAIN_START.match(line):
            return None  # a hard break, a list, a setext underline, a fence, an indented line
        if line.lstrip(" ").startswith("#"):
            m = _PLAIN_HEADING.match(line)
            if not m:
                return None
            if para:
                blocks.append(Block("paragraph", (Span("".join(para)),), 0, "", start))
                para = []
            blocks.append(Block("heading", (Span(m.group(2).strip(" ")),), len(m.group(1)) + 1, "", n))
            continue
        if not para:
            start = n
        para.append(line.strip(" "))
    return blocks


# ---- everything else: CommonMark ---------------------------------------------------------------


def _commonmark(text: str) -> tuple[list[Block], list[Problem]]:
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    problems: list[Problem] = []
    lists: list[list] = []  # per open list: [ordered, next number]
    line = 0
    heading_level = 0
    item_pending: str | None = None
    for tok in tokens:
        if tok.map:
            line = tok.map[0]
        kind = _REFUSED.get(tok.type)
        if kind:
            problems.append(Problem(line, f"narrative.{kind}", _shown(tok)))
            continue
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1]) + 1
            if heading_level > 4:
                problems.append(Problem(line, "narrative.deep_heading", tok.markup))
        elif tok.type == "bullet_list_open":
            lists.append([False, 1])
        elif tok.type == "ordered_list_open":
            lists.append([True, int(tok.attrGet("start") or 1)])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            ordered, n = lists[-1]
            item_pending = f"{n}." if ordered else "•"
            lists[-1][1] = n + 1
        elif tok.type == "inline":
            spans, bad = _spans(tok.children or [])
            problems.extend(Problem(line + below, f"narrative.{k}", m) for k, m, below in bad)
            if heading_level:
                blocks.append(Block("heading", spans, min(heading_level, 4), "", line))
                heading_level = 0
            elif item_pending is not None:
                blocks.append(Block("item", spans, len(lists), item_pending, line))
                item_pending = None
            else:
                blocks.append(Block("paragraph", spans, 0, "", line))
    return blocks, problems


def _spans(children) -> tuple[tuple[Span, ...], list[tuple[str, str, int]]]:
    """The inline tokens as spans, and what has no place (kind, markup, lines below the paragraph's first)."""
    out: list[Span] = []
    bad: list[tuple[str, str, int]] = []
    bold = italic = 0
    lines = 0
    for c in children:
        kind = _REFUSED.get(c.type)
        if c.type in ("softbreak", "hardbreak"):
            lines += 1
        if kind:
            bad.append((kind, _shown(c), lines))
        elif c.type == "strong_open":
            bold += 1
        elif c.type == "strong_close":
            bold -= 1
        elif c.type == "em_open":
            italic += 1
        elif c.type == "em_close":
            italic -= 1
        elif c.type == "hardbreak":
            out.append(Span("", line_break=True))
        elif c.type == "softbreak":
            pass  # a single newline inside a paragraph joins the lines (Chinese has no spaces)
        elif c.type == "text" and c.content:
            out.append(Span(c.content, bool(bold), bool(italic)))
    return tuple(_merge(out)), bad


def _shown(tok) -> str:
    """What the author typed, to quote in a finding: the markup, or the start of the construct's text."""
    first = tok.content.strip().split("\n", 1)[0] if tok.content else ""
    return tok.markup if tok.markup and tok.type not in ("code_block", "html_block") else (first[:24] or tok.markup)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for s in spans:
        if merged and not s.line_break and not merged[-1].line_break and (merged[-1].bold, merged[-1].italic) == (
                s.bold, s.italic):
            merged[-1] = Span(merged[-1].text + s.text, s.bold, s.italic)
        else:
            merged.append(s)
    return merged


def _strip_number(spans: tuple[Span, ...], level: int) -> tuple[Span, ...]:
    if not spans or spans[0].line_break:
        return spans
    first = spans[0]
    rest = _TYPED_NUMBER[level].sub("", first.text, count=1)
    return (Span(rest, first.bold, first.italic), *spans[1:]) if rest else spans[1:]
