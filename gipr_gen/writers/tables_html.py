"""The three official tables as HTML ``<table>`` blocks, drawn from each table's merged-cell ``grid`` (each
figure followed by the unit its report states for it, where the label names none: ``TableSpec.unit``).

Shared by the Markdown writer (CommonMark passes an HTML block through untouched, and pipe tables
cannot merge cells) and so by the HTML writer, which renders that Markdown. The block holds no blank
line, so a CommonMark reader keeps it in one piece.
"""

from __future__ import annotations

from html import escape

from ..formats.layout import GridCell
from ..model import Report, TableData, format_number


def table_html(data: TableData) -> str:
    """One table: ``<colgroup>``, the header rows in ``<thead>`` (repeated on each printed page), the rest in ``<tbody>``."""
    grid = data.spec.grid
    rows = [f"<tr>{''.join(_cell(c, data) for c in cells)}</tr>" for cells in grid.rows()]
    head, body = rows[:grid.header_rows], rows[grid.header_rows:]
    parts = [f'<table class="gipr-table {data.spec.section}">',
             f"<colgroup>{'<col>' * grid.ncols}</colgroup>"]
    if head:
        parts += ["<thead>", *head, "</thead>"]
    parts += ["<tbody>", *body, "</tbody>", "</table>"]
    return "\n".join(parts)


def tables_html(report: Report) -> dict[str, str]:
    """Section key → table HTML, for every table section of the report."""
    return {key: table_html(data) for key, data in report.tables.items()}


def _cell(cell: GridCell, data: TableData) -> str:
    tag = "td" if cell.role == "data" else "th"
    text = format_number(data[cell.cell]) + data.spec.unit(cell.cell) if cell.cell is not None else cell.text
    attrs = f' class="{cell.role}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    return f"<{tag}{attrs}>{escape(text, quote=False)}</{tag}>"
