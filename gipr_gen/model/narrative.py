"""Narrative text in the model: Markdown parsed once into blocks of the 公文 hierarchy.

Headings are numbered at parsing (``#`` → （一）, ``##`` → 1., ``###`` → （1））; every block keeps
its line inside the text, so rules and messages can point into the file. The blocks hold every
character of the author's text that is not Markdown syntax (a link's address included, printed after
its text), unless the narrative has problems, which stop the build.
"""

from __future__ import annotations

from bisect import bisect_right

from functools import cached_property
from typing import Literal

from ..records import record
from .positions import Key


@record
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False  # a hard line break (the text is empty)


@record
class Block:
    """One paragraph of the layout. A list item is ``item`` with its marker as ``number`` ("•", "1.",
    …); an item may be empty (no spans: its marker alone keeps its place and numbering), and a further
    paragraph of the item before it at the same ``level`` is an ``item`` with number "" (no marker)."""

    kind: Literal["heading", "paragraph", "item"]
    spans: tuple[Span, ...]
    level: int = 0  # headings: 2 （一）, 3 1., 4 （1）; items: nesting depth from 1
    number: str = ""  # the heading number or list marker to print before the text
    line: int = 0  # 0-based line inside the text
    breaks: tuple[int, ...] = ()  # offsets in ``text`` where the block's next source lines begin

    @property
    def text(self) -> str:
        return "".join("\n" if s.line_break else s.text for s in self.spans)

    def line_at(self, offset: int) -> int:
        """The line inside the narrative of character ``offset`` of ``text``: rules read the text as printed
        and still point at the line the author typed it on."""
        return self.line + bisect_right(self.breaks, offset)


@record
class Problem:
    """Markdown the official layout cannot hold (rule N-03)."""

    line: int  # 0-based line inside the text
    what: str  # message key
    token: str  # the Markdown construct


@record
class Narrative:
    path: Key  # where the text stands in the report file
    markdown: str  # as written (trailing space removed)
    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.markdown.strip())

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """The offset in ``markdown`` where each line begins."""
        starts, at = [0], self.markdown.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = self.markdown.find("\n", at + 1)
        return tuple(starts)

    def source_offset(self, block: Block, offset: int, quote: str) -> int | None:
        """Where in ``markdown`` the printed ``quote`` at ``offset`` of ``block`` was typed: found from the
        start of its line on, or None when Markdown syntax inside it hides it (``**60**件``)."""
        index = bisect_right(block.breaks, offset)
        line = min(block.line + index, len(self.line_starts) - 1)
        # Markdown syntax and edge spaces only shorten what is printed, so the typed quote stands at or after
        # the same distance into its line (YAML may have folded many lines of the file into one here)
        start = self.line_starts[line] + offset - (block.breaks[index - 1] if index else 0)
        at = self.markdown.find(quote, start, start + len(block.text) + len(quote) + 200) if quote else -1
        return at if at >= 0 else None
