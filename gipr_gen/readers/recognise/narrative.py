"""A section's published paragraphs → narrative Markdown that prints them back as published.

Sub-headings become Markdown headings with their numbers removed (the writers number them again):
（一） → ``#``, 1. → ``##``, （1） → ``###``. Where the source marks headings (Word styles, <h3>, "###"), the
marked paragraphs are the headings. Where it does not (text, PDF, crawled pages), a numbered paragraph is
a heading only when it reads as one: short, no sentence inside it, nothing that ends a clause at its end.
A run-in heading, "（一）主动公开。本年度……", is a heading when its words before the first 。 or ： read as
one too ("主动公开", not "领导重视，职责明晰"): it becomes that heading, its 。 or ： kept ("主动公开。"), and
a paragraph of the rest; so do Chinese words before a space, where a crawled page turned the line break
after a heading into one ("（一）主动公开方面 平潭……"). In a long crawled paragraph such a heading after a
sentence's end starts a new paragraph the same way.
Every other character is kept, escaped where Markdown would read it as markup; a line break inside a
paragraph stays a (hard) line break.
"""

from __future__ import annotations

import re

from ...formats.numerals import count
from ...patterns import pattern
from ...records import record
from ...writers.markdown import escape_text
from .sections import Text

# The sub-heading numbers, by Markdown level.
_MARKERS = (
    (1, r"[（(][一二三四五六七八九十]{1,3}[）)]"),
    (2, r"[0-9]{1,2}\s*[.．、](?![0-9])"),  # not "1.5亿元"
    (3, r"[（(][0-9]{1,2}[）)]"),
)
_AT_START = [(level, pattern(rf"\s*{marker}\s*")) for level, marker in _MARKERS]
_MAX_HEADING = 30  # characters of a heading on a line of its own
_MAX_RUN_IN = 15  # characters of a run-in heading
_SENTENCE = pattern(r"[。；！？!?;]")
_CLAUSE_END = "，、：:,"
_RUN_IN_END = pattern(r"[。：:]")
_SPACED = pattern(r"([\u3400-\u9fff]{2,15})\s+(?=\S)")  # Chinese words, then a space and more
_PUNCTUATION = pattern(r"[。；！？，、：“”‘’\"'!?;:,（）()《》]")
# A run-in heading after a sentence's end, inside a paragraph.
_INSIDE = pattern(r"(?<=[。；！？!?;])(?=\s*(?:" + "|".join(_marker for _, _marker in _MARKERS) + "))")


@record
class _Block:
    level: int  # 0: a paragraph; 1 … 3: a heading
    lines: tuple[str, ...]
    number: int | None = None  # a heading found by its number alone: that number
    line: str = ""  # and its words as published, number and all
    run_in: bool = False  # its paragraph goes on after it ("（二）改进措施：一是……")


def markdown(texts: list[Text], marked: int | None) -> str:
    """The Markdown of a section's paragraphs; "" when there are none. ``marked``: the level the source marks
    its section headings with, when it marks headings (then only marked paragraphs are headings, an
    unnumbered one as many levels down as its mark is below the sections'); None when it marks none."""
    blocks: list[_Block] = []
    for text in texts:
        blocks.extend(_unmarked(text) if marked is None else _marked(text, marked))
    out = [_write(b) for b in _in_sequence(blocks) if b.lines]
    return "\n\n".join(out) + "\n" if out else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _marked(text: Text, sections: int) -> list[_Block]:
    lines = _lines(text.text)
    if text.mark is None or not lines:
        return [_Block(0, tuple(lines))]
    heading = "".join(lines)
    level, words = _numbered(heading) or (min(max(text.mark - sections, 1), 3), heading)
    return [_Block(level, (words,))]


def _numbered(line: str) -> tuple[int, str] | None:
    """(level, words) of a line that starts with a sub-heading number and has words after it."""
    for level, marker in _AT_START:
        m = marker.match(line)
        if m and line[m.end():].strip():
            return level, line[m.end():].strip()
    return None


def _unmarked(text: Text) -> list[_Block]:
    blocks: list[_Block] = []
    paragraph: list[str] = []
    for line in _lines(text.text):
        current = ""
        for part in _INSIDE.split(line):  # the line itself, then from each run-in heading after a sentence on
            found = _heading(part.strip())
            if found is None:
                current += part
                continue
            if current:
                paragraph.append(current)
            blocks.append(_Block(0, tuple(paragraph)))
            level, words, current, number = found
            paragraph = []
            whole = part.strip()
            blocks.append(_Block(level, (words,), number, whole[:len(whole) - len(current)], bool(current)))
        if current:
            paragraph.append(current)
    blocks.append(_Block(0, tuple(paragraph)))
    return blocks


def _heading(line: str) -> tuple[int, str, str, int | None] | None:
    """(level, heading words, text after a run-in heading, its number) when ``line`` starts with a
    sub-heading."""
    numbered = _numbered(line)
    if numbered is None:
        return None
    level, words = numbered
    number = count(re.sub(r"[^0-9一二三四五六七八九十]", "", line[:len(line) - len(words)]))
    if len(words) <= _MAX_HEADING and not _SENTENCE.search(words) and words[-1] not in _CLAUSE_END:
        return level, words, "", number
    end = _RUN_IN_END.search(words)
    space = _SPACED.match(words)  # a crawled page's line break become a space: "（一）主动公开方面 平潭……"
    if space and (end is None or space.end() <= end.start()):
        return level, space.group(1), words[space.end():], number
    if end and 0 < end.start() <= _MAX_RUN_IN and not _PUNCTUATION.search(words[:end.start()]):
        return level, words[:end.end()], words[end.end():].strip(), number
    return None


def _in_sequence(blocks: list[_Block]) -> list[_Block]:
    """The blocks with each heading found by its number alone kept a heading only where its number goes on
    from the heading before it at that level (1 first, and after a heading above it: the writers number
    headings so); any other is a numbered line of text (a list item: "1.网站访问量…" after the heading
    "1.平台建设", "2.……" with no "1." before it), a paragraph kept whole as published."""
    out: list[_Block] = []
    last = [0, 0, 0, 0]  # the number of the last heading at each level (0: none yet)
    run_in = ""  # a run-in heading that is none: the start of the paragraph that follows
    for block in blocks:
        if run_in and not block.level and block.lines:
            block, run_in = _Block(0, (run_in + block.lines[0], *block.lines[1:])), ""
        if block.level and block.number is not None and block.number != last[block.level] + 1:
            if block.run_in:
                run_in = block.line
            else:
                out.append(_Block(0, (block.line,)))
            continue
        if block.level:
            last[block.level] = block.number if block.number is not None else last[block.level] + 1
            last[block.level + 1:] = [0] * (len(last) - block.level - 1)
        out.append(block)
    return out


def _write(block: _Block) -> str:
    if block.level:
        return "#" * block.level + " " + escape_text(block.lines[0])
    return "\\\n".join(escape_text(line) for line in block.lines)
