"""A table's cells placed on its grid as a source lists them, row by row, and the finished ``Table``.

Two ways of listing merged cells meet here. HTML lists a cell once, with its rowspan and colspan, and a
row's cells take the columns that cells from rows above leave free (``place``). Word lists every grid
position of a row, a vertically merged one as a "continue" cell under the cell that starts the merge
(``place_at`` and ``extend_down``).
"""

from __future__ import annotations

from ...model.place import Place
from ...records import record
from .document import Cell, Table
from .limits import Budget

MAX_COLSPAN = 1000  # the HTML standard's bounds
MAX_ROWSPAN = 65534


@record(frozen=False)
class Placed:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    line: int | None = None


class Grid:
    def __init__(self, budget: Budget):
        self.budget = budget
        self.cells: list[Placed] = []
        self.nrows = 0
        self.width = 0
        self._taken: set[tuple[int, int]] = set()  # positions covered by cells of rows above (HTML)

    def new_row(self) -> None:
        self.nrows += 1

    @property
    def row(self) -> int:
        return self.nrows - 1

    def place(self, text: str, col: int, rowspan: int = 1, colspan: int = 1, line: int | None = None) -> int:
        """The cell at the first column from ``col`` that no cell above covers; returns the column after it."""
        rowspan, colspan = min(max(rowspan, 1), MAX_ROWSPAN), min(max(colspan, 1), MAX_COLSPAN)
        while (self.row, col) in self._taken:
            col += 1
        self.budget.grid(colspan)
        self.cells.append(Placed(text, self.row, col, rowspan, colspan, line))
        if rowspan > 1:
            self.budget.grid(colspan * min(rowspan - 1, MAX_ROWSPAN))
            self._taken.update((self.row + i, col + j) for i in range(1, rowspan) for j in range(colspan))
        self.width = max(self.width, col + colspan)
        return col + colspan

    def place_at(self, text: str, col: int, colspan: int = 1) -> Placed:
        """A cell exactly at ``col`` of the current row (Word: the row says where each cell is)."""
        colspan = min(max(colspan, 1), MAX_COLSPAN)
        self.budget.grid(colspan)
        cell = Placed(text, self.row, col, 1, colspan)
        self.cells.append(cell)
        self.width = max(self.width, col + colspan)
        return cell

    def extend_down(self, cell: Placed, text: str) -> None:
        """``cell`` also covers the current row (a vertical merge carried on); text found there is added."""
        self.budget.grid(cell.colspan)
        cell.rowspan = self.row - cell.row + 1
        if text:
            cell.text = f"{cell.text}\n{text}" if cell.text else text

    def table(self, number: int, place: Place, ncols: int = 0) -> Table:
        """The finished table (number ``number`` of the document): spans cut at the last row. Its whole grid,
        empty positions too, is held to the budget: readers go over every position."""
        self.budget.area(self.nrows * max(self.width, ncols))
        cells = tuple(Cell(c.text, c.row, c.col, Place(line=c.line, table=number, row=c.row + 1, col=c.col + 1),
                           rowspan=min(c.rowspan, self.nrows - c.row), colspan=c.colspan)
                      for c in sorted(self.cells, key=lambda c: (c.row, c.col)))
        return Table(cells, self.nrows, max(self.width, ncols), place)
