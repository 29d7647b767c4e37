"""Narrative Markdown → ``model.Narrative``: blocks in the 公文 hierarchy, parsed once when a report is read.

Headings inside a section are numbered here: ``#`` → （一）, ``##`` → 1., ``###`` → （1）. A number the
author typed at the start of a heading is replaced by the computed one. Setext headings (a line of
``===`` or ``---`` under the text) are headings like ``#`` and ``##``.

No text is lost: every character the author wrote, other than Markdown syntax, reaches the blocks, or
the construct that holds it becomes a located problem (rule N-03), which stops the build. Refused:
what has no place in the official layout (images, raw HTML, code, quotes, rules, headings deeper than
``###``, headings inside a list item), lists nested deeper than ``MAX_LIST_DEPTH``, tables (the
report's tables are generated from its figures), link reference definitions and footnotes (CommonMark
would silently consume the line), link titles, character references to control characters or line
breaks (``&#12;``, ``&#10;``), and anything deeper than markdown-it's nesting limit.

Links are printed, not refused: ``[网站](http://x)`` becomes ``网站（http://x）`` in every output, and an
autolink ``<http://x>`` its address. The report is a printed document (Word, then paper or PDF), where a
hyperlink cannot be followed, so the address is the information the reader needs; writing it in
full-width brackets after the text is how 公文 cite a website, so the author's evident intent is met
without a rewrite, and the three outputs stay the same text. A link whose text is its own address
prints it once. The address is printed as written (not percent-encoded, whatever its scheme): it is
text, never made into a live link, so nothing is unsafe about it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..model.narrative import Block, Narrative, Problem, Span
from ..model.positions import Key
from ..patterns import pattern

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """A heading number in Chinese: 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五, 1010 → 一千零一十;
    from 10,000 on, Arabic digits (no report has that many headings, but none may crash on it)."""
    if not 0 < n < 10000:
        return str(n)
    if 10 <= n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    out, gap = "", False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // value % 10
        if digit:
            out += ("零" if gap else "") + _CN_DIGITS[digit] + unit
            gap = False
        elif out:
            gap = True
    return out


def heading_number(level: int, n: int) -> str:
    if level == 2:
        return f"（{cn_number(n)}）"
    return f"{n}." if level == 3 else f"（{n}）"


_TYPED_NUMBER = {
    2: pattern(r"^\s*[（(][零一二三四五六七八九十百千]+[）)]\s*|^\s*[零一二三四五六七八九十百千]+、\s*"),
    3: pattern(r"^\s*[0-9]+\s*[.．、](?![0-9])\s*"),  # not "1.5亿元"
    4: pattern(r"^\s*[（(][0-9]+[）)]\s*"),
}

_REFUSED = {
    "image": "image", "html_block": "html", "html_inline": "html", "code_block": "code", "fence": "code",
    "code_inline": "code", "blockquote_open": "quote", "hr": "rule",
}


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
# break joins Chinese text). Anything else — markup characters (with "|", which may make a table, and
# "&", an entity), tabs, other whitespace, indented, list-like or underline lines, hard breaks — goes to
# the CommonMark parser. A test holds the two to the same blocks.

_NOT_PLAIN = pattern(r"[\\`*_\[\]!<>&|\x00-\x09\x0b-\x1f\x7f]|[^\S \n]")
_NOT_PLAIN_START = pattern(r" {0,3}(?:[-+=~]|[0-9]{1,9}[.)](?: |$)| )")
_PLAIN_HEADING = pattern(r" {0,3}(#{1,3}) +([^#\s][^#]*)$")


def _paragraph(lines: list[str], start: int) -> Block:
    """A plain paragraph: its lines joined, each line's start remembered."""
    ends = [sum(map(len, lines[:i])) for i in range(1, len(lines))]
    return Block("paragraph", (Span("".join(lines)),), 0, "", start, tuple(ends))


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
                blocks.append(_paragraph(para, start))
                para = []
            continue
        if line.endswith("  ") or _NOT_PLAIN_START.match(line):
            return None  # a hard break, a list, a setext underline, a fence, an indented line
        if line.lstrip(" ").startswith("#"):
            m = _PLAIN_HEADING.match(line)
            if not m:
                return None
            if para:
                blocks.append(_paragraph(para, start))
                para = []
            blocks.append(Block("heading", (Span(m.group(2).strip(" ")),), len(m.group(1)) + 1, "", n))
            continue
        if not para:
            start = n
        para.append(line.strip(" "))
    return blocks


# ---- everything else: CommonMark ---------------------------------------------------------------
# The reader's parser is CommonMark with two additions that only serve to refuse what they find: GFM
# tables, and link reference definitions kept as tokens (CommonMark consumes them without a trace). Link
# destinations are taken as written (no percent-encoding, no refusal of "unsafe" schemes): they are
# printed, never followed. Whatever lies deeper than markdown-it's nesting limit, which it skips
# without a token, is reported at the line where the skipping starts.

MAX_LIST_DEPTH = 3  # the layout's list levels: docx indents them, the editions nest them
_UNESCAPED_PIPE = pattern(r"(?<!\\)(?:\\\\)*\|")
# What no output shows as written: control characters (tab aside), line and paragraph separators.
_CONTROL = pattern("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported only for narratives beyond the plain subset
    from markdown_it.rules_block import table

    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False,
                                   "inline_definitions": True}).enable("table")

    def table_with_a_pipe(state, start: int, end: int, silent: bool) -> bool:
        """A table only where the header row has a pipe of its own: ``甲 \\| 乙`` over ``---`` is the
        setext heading CommonMark reads (markdown-it would take it for a one-column table)."""
        header = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
        return bool(_UNESCAPED_PIPE.search(header)) and table(state, start, end, silent)

    md.block.ruler.at("table", table_with_a_pipe, {"alt": ["paragraph", "reference"]})
    md.normalizeLink = md.normalizeLinkText = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    tokenize = md.block.tokenize

    def tokenize_watched(state, start: int, end: int) -> None:
        if state.level >= state.md.options.maxNesting:  # markdown-it is about to skip to ``end``
            line = state.skipEmptyLines(start)
            if line < end and state.sCount[line] >= state.blkIndent:
                state.env.setdefault("skipped", []).append(line)
        tokenize(state, start, end)

    md.block.tokenize = tokenize_watched  # type: ignore[method-assign]
    return md


class _Item:
    """An open list item: its marker until its first paragraph takes it, then ``None``."""

    def __init__(self, marker: str, level: int, line: int):
        self.marker: str | None = marker
        self.level = level
        self.line = line


def _commonmark(text: str) -> tuple[list[Block], list[Problem]]:
    env: dict = {}
    tokens = _parser().parse(text, env)
    source = text.split("\n")
    blocks: list[Block] = []
    problems: list[Problem] = []
    lists: list[list] = []  # per open list: [ordered, next number]
    items: list[_Item] = []  # the open list items, outermost first
    line = 0
    heading_level = 0
    table = 0

    def shown(at: int) -> str:
        return source[at].strip()[:24] if at < len(source) else ""

    def take_marker(item: _Item) -> str:
        """The marker of an item whose first block is being written (an empty one is written first)."""
        marker, item.marker = item.marker, None
        return marker or ""

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
            if items:
                problems.append(Problem(line, "narrative.heading_in_item", shown(line)))
        elif tok.type == "table_open":
            table += 1
            problems.append(Problem(line, "narrative.table", shown(line)))
        elif tok.type == "table_close":
            table -= 1
        elif tok.type == "definition":
            what = "footnote" if tok.meta["label"].startswith("^") else "reference"
            problems.append(Problem(line, f"narrative.{what}", shown(line)))
        elif tok.type == "bullet_list_open":
            lists.append([False, 1])
        elif tok.type == "ordered_list_open":
            lists.append([True, int(tok.attrGet("start") or 1)])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            if items and items[-1].marker is not None:  # a parent with no text of its own: "- - 甲"
                parent = items[-1]
                blocks.append(Block("item", (), parent.level, take_marker(parent), parent.line))
            ordered, n = lists[-1]
            lists[-1][1] = n + 1
            items.append(_Item(f"{n}." if ordered else "•", len(lists), line))
            if len(lists) == MAX_LIST_DEPTH + 1:  # the deeper ones lie inside it
                problems.append(Problem(line, "narrative.deep_list", shown(line)))
        elif tok.type == "list_item_close":
            item = items.pop()
            if item.marker is not None:  # an empty item keeps its place and its number
                blocks.append(Block("item", (), item.level, take_marker(item), item.line))
        elif tok.type == "inline":
            spans, bad, breaks = _spans(tok.children or [])
            problems.extend(Problem(line + below, f"narrative.{k}", m) for k, m, below in bad)
            if heading_level:
                blocks.append(Block("heading", spans, min(heading_level, 4), "", line))
                heading_level = 0
            elif table:
                blocks.append(Block("paragraph", spans, 0, "", line, breaks))  # refused above; kept for the record
            elif items:  # an item's first paragraph, or a further one under the same marker ("" number)
                blocks.append(Block("item", spans, items[-1].level, take_marker(items[-1]), line, breaks))
            else:
                blocks.append(Block("paragraph", spans, 0, "", line, breaks))
    problems.extend(Problem(at, "narrative.nesting", shown(at)) for at in env.get("skipped", ()))
    return blocks, problems


def _spans(children) -> tuple[tuple[Span, ...], list[tuple[str, str, int]], tuple[int, ...]]:
    """The inline tokens as spans, and what has no place (kind, markup, lines below the paragraph's first).

    A link is printed as its text followed by its address in full-width brackets, 网站（http://…） (see the
    module's docstring); an autolink as the address it shows."""
    out: list[Span] = []
    bad: list[tuple[str, str, int]] = []
    bold = italic = 0
    lines = 0
    links: list[tuple[str, int]] = []  # per open link: its address (empty for an autolink), where its text starts
    breaks: list[int] = []  # where in the printed text each further source line begins
    length = 0  # of the printed text so far

    def put(span: Span) -> None:
        nonlocal length
        out.append(span)
        length += 1 if span.line_break else len(span.text)
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
            put(Span("", line_break=True))
            breaks.append(length)
        elif c.type == "softbreak":
            breaks.append(length)  # a single newline inside a paragraph joins the lines (Chinese has no spaces)
        elif c.type == "link_open":
            title = c.attrGet("title")
            if title:
                bad.append(("link_title", str(title)[:24], lines))
            links.append(("" if c.info == "auto" else str(c.attrGet("href") or ""), len(out)))
        elif c.type == "link_close":
            href, start = links.pop()
            shown = "".join(s.text for s in out[start:]).strip()
            if href and href != shown:
                put(Span(f"（{href}）" if shown else href, bool(bold), bool(italic)))
        elif c.content:  # text, and anything markdown-it may add that carries text
            put(Span(c.content, bool(bold), bool(italic)))
        if c.type in ("text", "link_open"):
            # a character reference may stand for what the file itself may not hold (&#12;, &#10;)
            control = _CONTROL.search(c.content + str(c.attrGet("href") or ""))
            if control:
                bad.append(("control", f"U+{ord(control.group()):04X}", lines))
    return tuple(_merge(out)), bad, tuple(breaks)



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
