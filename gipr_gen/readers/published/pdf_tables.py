"""Tables of a PDF page from its ruling lines, with their merged cells, and a table that runs on over a
page break joined back into one.

**Rules.** Only what prints as a line counts: stroked lines and rectangles in a visible colour, and thin
filled rectangles (Word draws borders so); white boxes behind text and shaded (filled) cells do not.
pdfplumber finds the cells these rules enclose; the distinct x and y of their edges are the grid, and a
cell spanning several grid lines gets its colspan and rowspan. A cell's text keeps its line breaks.

**Across pages.** A table that starts a page (nothing but a running header before it) continues the
table that ended the page before (nothing after it but a footer) when their column edges agree: Word and
LibreOffice redraw the table under the break, both outer edges within ``_OUTER`` pt, and every inner edge
of one part within ``_INNER`` pt of one of the other's (one part may split columns the other does not:
both are read on the edges of the two together). Header rows repeated at the top of the
new page are dropped. The cells of the first row under the break then either continue the cells above
them or start a row of their own:

* an empty cell under a merged cell (or itself spanning rows) is that merged cell carried on;
* a cell whose text sits at the top while the cell above has its text pushed to the bottom is one cell
  split by the break (a label broken as "（四）无" | "法提供"), its text joined with "\\n"; so is a cell
  whose words flow on from the cell above as LibreOffice flows a merged cell's text (``_flowed_on``:
  "三" | "、本年度办理结果", "（三）" | "不予公开", a narrow label set one character to a line);
* when every cell of the row either continues the one above or is empty, the row itself was split by
  the break: it is joined to the row above.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import field
from typing import Any

from ...model.place import Place
from ...patterns import pattern
from ...records import record
from .document import Cell, Table
from .limits import Budget
from .pdf_lines import lines_of

_THIN = 2.5  # pt: a filled rectangle this thin is a rule
_SNAP = 2.0  # pt: edges closer than this are one grid line
_OUTER = 4.0  # pt: the outer edges of a table's parts on two pages
_INNER = 3.0  # pt: an inner column edge of the part below the break and the part above
# Marks no line may start with (the line-breaking rules of Chinese typesetting): a cell's text that starts with
# one is the rest of the text above it.
_NO_LINE_START = frozenset("、，。；：？！）］｝〕〉》」』】〗…%,.;:?!)]}")
_FIGURE = pattern(r"\s*[-+−]?[0-9][0-9,.\s]*")
_ITEM = pattern(r"[（(]?[一二三四五六七八九十0-9]{1,3}[）)、.．]")  # an item's number: "（四）", "四、", "1."
_SETTINGS = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit", "snap_tolerance": 2,
             "join_tolerance": 2, "intersection_tolerance": 2}


@record(frozen=False)
class PdfCell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    page: int
    box: tuple[float, float, float, float]  # its part on the latest page it reaches: x0, top, x1, bottom
    ink: tuple[float, float] | None  # top and bottom of its text in that part


@record(frozen=False)
class PdfTable:
    page: int
    bbox: tuple[float, float, float, float]
    xs: list[float]  # the column edges
    cells: list[PdfCell]
    nrows: int
    last_page: int  # the page of its last part
    top_rows: list[tuple] = field(default_factory=list)  # the first rows as compared with a repeated header

    def rows(self) -> list[list[PdfCell]]:
        out: list[list[PdfCell]] = [[] for _ in range(self.nrows)]
        for c in self.cells:
            out[c.row].append(c)
        return out

    def table(self, number: int) -> Table:
        cells = tuple(Cell(c.text, c.row, c.col, Place(page=c.page, table=number, row=c.row + 1, col=c.col + 1),
                           c.rowspan, c.colspan) for c in sorted(self.cells, key=lambda c: (c.row, c.col)))
        return Table(cells, self.nrows, len(self.xs) - 1, Place(page=self.page, table=number))


def _visible(colour: Any) -> bool:
    """Not white (nor absent): grey, RGB or CMYK as pdfminer gives it."""
    if colour is None:
        return False
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return True  # a pattern or a named colour space: assume it prints
    if len(colour) == 4:
        return any(v > 0.05 for v in colour)
    return any(v < 0.95 for v in colour)


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    vertical = (x1 - x0) < (bottom - top)
    if vertical:
        x0 = x1 = (x0 + x1) / 2
    else:
        top = bottom = (top + bottom) / 2
    return {"object_type": "rule_edge", "orientation": "v" if vertical else "h", "x0": x0, "x1": x1,
            "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def rules(page: Any) -> list[dict[str, Any]]:
    """The page's printed ruling lines, as edges."""
    edges = []
    for line in page.lines:
        if line.get("stroke", True) and _visible(line.get("stroking_color")):
            edges.append(_edge(line["x0"], line["top"], line["x1"], line["bottom"]))
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if rect.get("fill") and _visible(rect.get("non_stroking_color")) and min(x1 - x0, bottom - top) <= _THIN:
            edges.append(_edge(x0, top, x1, bottom))
        elif rect.get("stroke") and _visible(rect.get("stroking_color")):
            edges += [_edge(x0, top, x1, top), _edge(x0, bottom, x1, bottom), _edge(x0, top, x0, bottom),
                      _edge(x1, top, x1, bottom)]
    return [e for e in edges if max(e["width"], e["height"]) >= 3]


def _grid(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(grid: list[float], value: float) -> int:
    i = bisect_left(grid, value - _SNAP)
    return min(i, len(grid) - 1)


def tables_on(page: Any, chars: list[dict[str, Any]], budget: Budget) -> list[PdfTable]:
    """The page's tables (of more than one cell), top to bottom; ``chars`` are the page's characters."""
    edges = rules(page)
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    found = page.find_tables({**_SETTINGS, "explicit_vertical_lines": vertical,
                              "explicit_horizontal_lines": horizontal})
    out = []
    for t in sorted(found, key=lambda t: t.bbox[1]):
        xs = _grid([v for c in t.cells for v in (c[0], c[2])])
        ys = _grid([v for c in t.cells for v in (c[1], c[3])])
        if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) < 2:
            continue
        budget.grid((len(xs) - 1) * (len(ys) - 1))
        cells = []
        for x0, top, x1, bottom in t.cells:
            inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2
                      <= bottom]
            lines = lines_of(inside)
            col, row = _index(xs, x0), _index(ys, top)
            cells.append(PdfCell("\n".join(line.text for line in lines), row, col,
                                 max(_index(ys, bottom) - row, 1), max(_index(xs, x1) - col, 1), page.page_number,
                                 (x0, top, x1, bottom),
                                 (min(l.top for l in lines), max(l.bottom for l in lines)) if lines else None))
        table = PdfTable(page.page_number, t.bbox, xs, cells, len(ys) - 1, page.page_number)
        table.top_rows = [_signature(r) for r in table.rows()]
        out.append(table)
    return out


def _signature(row: list[PdfCell]) -> tuple:
    return tuple((c.col, c.colspan, c.rowspan, c.text) for c in sorted(row, key=lambda c: c.col))


def _common_grid(a: PdfTable, b: PdfTable) -> tuple[list[float], list[int], list[int]] | None:
    """The column edges of ``a`` and ``b`` together, and where each one's edges fall among them; None when
    they are not one table's parts: outer edges apart, or an inner edge of each that the other lacks. One
    part may split columns the other never splits (rows with "（三）不予公开" beside "1.属于国家秘密" only
    under the break), but no edge moves."""
    if abs(a.xs[0] - b.xs[0]) > _OUTER or abs(a.xs[-1] - b.xs[-1]) > _OUTER:
        return None
    inner = b.xs[1:-1]

    def among(xs: list[float], others: list[float]) -> bool:
        return all(any(abs(x - y) <= _INNER for y in others) for x in xs)

    if (inner and not a.xs[1:-1]) or not (among(inner, a.xs[1:-1]) or among(a.xs[1:-1], inner)):
        return None  # (a box of one column above a table of several is no part of it)
    edges = list(a.xs)
    for x in inner:
        if not any(abs(x - y) <= _INNER for y in edges):
            edges.insert(bisect_left(edges, x), x)

    def place(xs: list[float]) -> list[int] | None:
        out = [0] + [min(range(len(edges)), key=lambda k: abs(edges[k] - x)) for x in xs[1:-1]] + [len(edges) - 1]
        return out if all(i < j for i, j in zip(out, out[1:])) else None

    a_map, b_map = place(a.xs), place(b.xs)
    return (edges, a_map, b_map) if a_map is not None and b_map is not None else None


def _regrid(table: PdfTable, edges: list[float], mapping: list[int]) -> None:
    """The table's cells on the common grid ``edges`` (``mapping``: where each of its own edges falls)."""
    for cell in table.cells:
        cell.col, cell.colspan = mapping[cell.col], mapping[cell.col + cell.colspan] - mapping[cell.col]
    table.xs = edges


def _flowed_on(above: str, below: str) -> bool:
    """``below`` is the rest of the words ``above``, as a merged cell's text flows on under a page break: it
    starts with a mark no line may start with; or ``below`` starts no item of its own ("（四）无法提供" under
    "（三）不予公开" is a label of its own) and ``above`` is an item's number alone ("（三）" | "不予公开"), or
    both are set one character to a line. Never a figure."""
    if len(below.strip()) < 2 or not above.strip() or _FIGURE.fullmatch(above) or _FIGURE.fullmatch(below):
        return False
    if below[0] in _NO_LINE_START:
        return True
    if _ITEM.match("".join(below.split())):
        return False
    return bool(_ITEM.fullmatch("".join(above.split()))) or (_upright(above) and _upright(below) and "\n" in below)


def _upright(text: str) -> bool:
    """Words set one character to a line, as a narrow merged label is ("三\n、\n本\n年\n度…"); never a figure."""
    return all(len(line) == 1 and not line.isdigit() for line in text.split("\n"))


def _pushed_down(cell: PdfCell) -> bool:
    """Its text sits lower in the cell than a centred or top-aligned text would (it runs on below)."""
    if cell.ink is None:
        return False
    return cell.box[3] - cell.ink[1] < cell.ink[0] - cell.box[1] - 1


def _pushed_up(cell: PdfCell) -> bool:
    if cell.ink is None:
        return False
    return cell.ink[0] - cell.box[1] < cell.box[3] - cell.ink[1] - 1


def join(a: PdfTable, b: PdfTable) -> bool:
    """Append ``b`` (the table at the top of the next page) to ``a`` when it is ``a`` carried on."""
    common = _common_grid(a, b)
    if common is None:
        return False
    edges, a_map, b_map = common
    header = len(a.top_rows)
    _regrid(a, edges, a_map)
    _regrid(b, edges, b_map)
    a.top_rows = [_signature(r) for r in a.rows()[:header]]
    rows = b.rows()
    repeated = 0
    while repeated < min(len(rows), len(a.top_rows)) - 1 and _signature(rows[repeated]) == a.top_rows[repeated]:
        repeated += 1
    for cell in b.cells:
        cell.row -= repeated
    cells = [c for c in b.cells if c.row >= 0]
    above = {(c.col, c.colspan): c for c in a.cells if c.row + c.rowspan == a.nrows}
    pairs = [(c, above.get((c.col, c.colspan))) for c in cells if c.row == 0]
    carried = {id(c) for c, up in pairs if up is not None and (
        (not c.text and (up.rowspan > 1 or c.rowspan > 1)) or (c.text and _pushed_down(up) and _pushed_up(c))
        or _flowed_on(up.text, c.text))}
    split_row = any(c.text for c, _ in pairs if id(c) in carried) and all(
        id(c) in carried or (not c.text and up is not None) for c, up in pairs)
    merged = set()
    for c, up in pairs:
        if up is not None and (split_row or id(c) in carried):
            up.rowspan += c.rowspan - (1 if split_row else 0)
            up.text = f"{up.text}\n{c.text}" if up.text and c.text else up.text or c.text
            up.box, up.ink = c.box, c.ink
            merged.add(id(c))
    shift = a.nrows - 1 if split_row else a.nrows
    for c in cells:
        c.row += shift
    a.cells += [c for c in cells if id(c) not in merged]
    a.nrows = shift + b.nrows - repeated
    a.last_page = b.page
    return True
