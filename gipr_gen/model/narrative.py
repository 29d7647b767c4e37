"""Narrative text in the model: Markdown parsed once into blocks of the 公文 hierarchy.

Headings are numbered at parsing (``#`` → （一）, ``##`` → 1., ``###`` → （1））; every block keeps
its line inside the text, so rules and messages can point into the file. The blocks hold every
character of the author's text that is not Markdown syntax (a link's address included, printed after
its text), unless the narrative has problems, which stop the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .positions import Key


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False  # a hard line break (the text is empty)


@dataclass(frozen=True)
class Block:
    """One paragraph of the layout. A list item is ``item`` with its marker as ``number`` ("•", "1.",
    …); an item may be empty (no spans: its marker alone keeps its place and numbering), and a further
    paragraph of the item before it at the same ``level`` is an ``item`` with number "" (no marker)."""

    kind: Literal["heading", "paragraph", "item"]
    spans: tuple[Span, ...]
    level: int = 0  # headings: 2 （一）, 3 1., 4 （1）; items: nesting depth from 1
    number: str = ""  # the heading number or list marker to print before the text
    line: int = 0  # 0-based line inside the text

    @property
    def text(self) -> str:
        return "".join("\n" if s.line_break else s.text for s in self.spans)


@dataclass(frozen=True)
class Problem:
    """Markdown the official layout cannot hold (rule N-03)."""

    line: int  # 0-based line inside the text
    what: str  # message key
    token: str  # the Markdown construct


@dataclass(frozen=True)
class Narrative:
    path: Key  # where the text stands in the report file
    markdown: str  # as written (trailing space removed)
    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.markdown.strip())
