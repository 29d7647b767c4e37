"""A report in Markdown (as ``gipr-gen build --to md`` writes it, or by hand) → ``Document``.

Headings give ``Paragraph.heading`` (``#`` 1 … ``######`` 6). The text is the author's: emphasis marks,
escapes and link syntax are removed, entities decoded; a hard line break is "\\n", a soft one (a wrapped
line) joins as the words do (nothing between Chinese, a space between Latin words). A list item starts
with the marker a reader sees: its number ("1.") or a bullet ("• "). Raw HTML blocks are read by the
HTML reader: the ``<table>`` blocks gipr-gen writes keep their rowspan and colspan. Pipe tables are
tables too. Places are lines.
"""

from __future__ import annotations

from typing import Any

from ...model.place import Place
from .cjk import joined
from .document import Cell, Document, Table
from .html import Walker, parse
from .limits import Budget
from .text import lines_of


def read_markdown(text: str, file: str) -> Document:
    from markdown_it import MarkdownIt

    lines_of(text, file)  # the line length limit
    tokens = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).parse(text)
    walker = Walker(Budget(file))
    numbers: list[str] = []  # the marker of each open list item: its number, or a bullet
    heading = None
    for i, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else None
        if token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = None
        elif token.type == "list_item_open":
            numbers.append(f"{token.info}{token.markup}" if token.info else "• ")
        elif token.type == "list_item_close":
            numbers.pop()
        elif token.type == "inline" and tokens[i - 1].type in ("heading_open", "paragraph_open"):
            number = numbers[-1] if numbers and tokens[i - 2].type == "list_item_open" else ""
            walker.paragraph(number + _inline(token), line, heading)
        elif token.type in ("fence", "code_block"):
            walker.paragraph(token.content.rstrip("\n"), line)
        elif token.type == "html_block":
            walker.line_offset = token.map[0] if token.map else 0
            page = parse(token.content, file)
            body = page.find("body") if page is not None else None
            if body is not None:
                walker.element(body)
        elif token.type == "table_open":
            _pipe_table(tokens, i, walker, line)
    return Document(file, "markdown", tuple(walker.out))


def _inline(token: Any) -> str:
    """The text of an inline token: what a reader sees, the markup gone."""
    lines, current = [], ""
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            current += child.content
        elif child.type == "hardbreak":
            current += "\n"
        elif child.type == "softbreak":
            lines.append(current)
            current = ""
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            current += "\n"
    return joined([*lines, current])


def _pipe_table(tokens: list[Any], start: int, walker: Walker, line: int | None) -> None:
    walker.tables += 1
    cells: list[Cell] = []
    row, col, row_line = -1, 0, line
    for token in tokens[start + 1:]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            row, col = row + 1, 0
            row_line = token.map[0] + 1 if token.map else line
        elif token.type == "inline":
            walker.budget.grid(1)
            cells.append(Cell(_inline(token), row, col,
                              Place(line=row_line, table=walker.tables, row=row + 1, col=col + 1)))
            col += 1
    walker.budget.block()
    walker.out.append(Table(tuple(cells), row + 1, max((c.col + 1 for c in cells), default=0),
                            Place(line=line, table=walker.tables)))
