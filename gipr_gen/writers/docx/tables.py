"""The report's tables as WordprocessingML, drawn at render time from a table's merged-cell grid
(``TableSpec.grid``) and typesetting (``TableSpec.typesetting``): gridSpan and vMerge merges, header rows
repeated on every page, rows that never split, title and header rows kept with the row under them, fixed
column widths, every cell paragraph in one style; a
figure is followed by the unit its report states for it, where the label names none (``TableSpec.unit``).

The borders belong to the table (they are part of the official form); fonts and sizes belong to the
template's cell style.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate

from markupsafe import Markup
from markupsafe import escape as _escape

from ...formats.layout import CellKey, GridCell, TableSpec
from ...model import TableData, format_number

TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN = 57  # twips (1 mm) left and right inside each cell
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def text(value: str) -> Markup:
    """``value`` escaped for XML; braces as character references, so that docxtpl's own
    post-processing of "{_{" and the like can never change it."""
    return Markup(str(_escape(value)).replace("{", "&#123;").replace("}", "&#125;"))


def table_xml(table: TableData, style_id: str) -> str:
    """The table with its figures, every cell paragraph in the paragraph style ``style_id``."""
    parts, cells = _skeleton(table.spec, style_id)
    out = [parts[0]]
    for cell, part in zip(cells, parts[1:], strict=True):
        out += (_figure(format_number(table[cell])), part)
    return "".join(out)


@lru_cache(maxsize=4096)
def _figure(value: str) -> str:
    return text(value)  # figures repeat ("0"): escaped once


@lru_cache(maxsize=32)
def _skeleton(spec: TableSpec, style_id: str) -> tuple[tuple[str, ...], tuple[CellKey, ...]]:
    """The table's XML cut at its figures (the same for every report), and the cell of each figure."""
    assert spec.typesetting is not None, spec.section
    grid = spec.grid
    # columns' edges rounded, not their widths, so the table is exactly as wide as its columns add up to
    edges = [round(x * TWIPS_PER_MM) for x in accumulate(spec.typesetting.column_mm, initial=0)]
    widths = [b - a for a, b in zip(edges, edges[1:])]
    justified = spec.typesetting.justified_labels
    covered = grid.covered
    parts: list[str] = []
    cells: list[CellKey] = []
    xml = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f"<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
           f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
           '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>',
           *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    for r in range(grid.nrows):
        header = "<w:tblHeader/>" if r < grid.header_rows else ""
        xml.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        # a row of titles and headers only is kept with the next: never left alone at the foot of a page
        keep = "" if any(covered[(r, k)].row == r and covered[(r, k)].role == "data" for k in range(grid.ncols)) \
            else "<w:keepNext/>"
        col = 0
        while col < grid.ncols:
            c = covered[(r, col)]
            xml.append(_cell_start(sum(widths[col:col + c.colspan]), c, first=c.row == r))
            # label cells of one row read left to right where the table asks for it (table 三); all else centred
            jc = '<w:jc w:val="both"/>' if justified and c.role == "label" and c.rowspan == 1 else ""
            xml.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}{jc}</w:pPr>')
            if c.row == r and c.role == "data":
                assert c.cell is not None
                xml.append('<w:r><w:t xml:space="preserve">')
                parts.append("".join(xml))
                cells.append(c.cell)
                xml = [f"{text(spec.unit(c.cell))}</w:t></w:r>"]  # the unit the report states, if any
            elif c.row == r and c.text:
                xml.append(f'<w:r><w:t xml:space="preserve">{text(c.text)}</w:t></w:r>')
            xml.append("</w:p></w:tc>")
            col += c.colspan
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    parts.append("".join(xml))
    return tuple(parts), tuple(cells)


def _cell_start(width: int, cell: GridCell, first: bool) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge = "" if cell.rowspan == 1 else '<w:vMerge w:val="restart"/>' if first else "<w:vMerge/>"
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
