"""A published report as its reader found it: paragraphs and tables in reading order, each with its place.

Every reader of published reports (.docx, HTML, PDF, text) produces this one shape and says nothing
about the format; ``readers.recognise`` finds the sections, tables and figures in it.
"""

from __future__ import annotations


from functools import cached_property
from typing import Literal

from ...formats.layout import coverage, rows_of
from ...model.place import Place
from ...records import record

Kind = Literal["docx", "html", "pdf", "text", "markdown"]


@record
class Paragraph:
    text: str  # as published; line breaks inside the paragraph kept as "\n"
    place: Place
    heading: int | None = None  # the source marks it as a heading of this level (<h2>, "## ", Word's Heading 2;
    # Word's Title style is 0)


@record
class Cell:
    text: str  # as published, whitespace and line breaks kept
    row: int  # 0-based grid row of the cell's top-left corner
    col: int  # 0-based grid column
    place: Place
    rowspan: int = 1
    colspan: int = 1


@record
class Table:
    """A table's cells on its grid (merged cells expanded to their spans), or, for text that carries no
    grid (``loose``), one row per line of cells in the order written: a row may then lack cells."""

    cells: tuple[Cell, ...]  # top-left cells, in reading order
    nrows: int
    ncols: int
    place: Place  # where the table starts
    loose: bool = False

    def rows(self) -> list[list[Cell]]:
        """Top-left cells grouped by the row they start in."""
        return rows_of(self.cells, self.nrows)

    @cached_property
    def covered(self) -> dict[tuple[int, int], Cell]:
        """Every grid position mapped to the cell that covers it (made once: read, never changed)."""
        return coverage(self.cells)


Block = Paragraph | Table


@record
class Document:
    file: str  # as the user named it
    kind: Kind
    blocks: tuple[Block, ...]
    title: str | None = None  # the page's or file's own title (<title>, docProps, a "标题:" header line)
    published: str | None = None  # the publication date the page states (YYYY-MM-DD), if any
