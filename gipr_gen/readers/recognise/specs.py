"""What recognising a published table needs to know of each table of each format, drawn from its
``TableSpec`` and merged-cell ``Grid``: the labels it prints, each data row's cells in grid order, the
header labels above each data cell, and the cells no label stands beside (table 四's one row of figures)."""

from __future__ import annotations


from functools import cache
from typing import Any

from ... import formats
from ...formats.layout import CellKey, Column, DataRow, Format, Group, TableSpec
from ...model.place import Place
from ...records import record
from .labels import normalise
from .result import Note


@record(eq=False)
class TableModel:
    format: Format
    spec: TableSpec
    leaves: tuple[str, ...]  # each data row's own label, in the order of ``spec.rows``
    targets: tuple[tuple[CellKey, ...], ...]  # each data row's cells, in grid column order
    unlabeled: tuple[CellKey, ...]  # the cells of the one grid row with no label beside it, if any
    labels: tuple[str, ...]  # every label the table prints (header, group, row and column labels)
    context: dict[CellKey, tuple[str, ...]]  # the header labels above each data cell, nearest first
    columns: dict[CellKey, Column]
    row_of: dict[CellKey, DataRow]

    @property
    def section(self) -> str:
        return self.spec.section

    def cells(self) -> list[CellKey]:
        return [cell for target in self.targets for cell in target]


def models() -> list[TableModel]:
    """Every table of every registered format, in registry order."""
    return [model(fmt, spec) for fmt in formats.FORMATS.values() for spec in fmt.tables]


@cache
def model(fmt: Format, spec: TableSpec) -> TableModel:
    grid = spec.grid
    covered = grid.covered
    position = {c.cell: c for c in grid.cells if c.role == "data"}
    targets = tuple(tuple(sorted(((r.path, c.key) for c in r.columns), key=lambda k: position[k].col))
                    for r in spec.rows)
    first_label = {}  # row → the first column a label covers
    for (r, c), g in covered.items():
        if g.role != "data" and c < first_label.get(r, c + 1):
            first_label[r] = c
    above = _above(covered)
    beside: dict[int, list[CellKey]] = {}
    context: dict[CellKey, tuple[str, ...]] = {}
    for cell, g in position.items():
        if first_label.get(g.row, g.col) >= g.col:  # no label to its left
            beside.setdefault(g.row, []).append(cell)
        context[cell] = above[(g.row, g.col)]
    unlabeled = tuple(sorted(beside[next(iter(beside))], key=lambda k: position[k].col)) if len(beside) == 1 else ()
    texts = [c.text for c in grid.cells if c.role != "data" and c.text]
    texts += [r.label for r in spec.rows] + [c.label for r in spec.rows for c in r.columns]
    texts += list(_group_labels(spec.body))
    labels = tuple(dict.fromkeys(t for t in texts if normalise(t)))
    columns = {(r.path, c.key): c for r in spec.rows for c in r.columns}
    row_of = {(r.path, c.key): r for r in spec.rows for c in r.columns}
    return TableModel(fmt, spec, tuple(r.label for r in spec.rows), targets, unlabeled, labels, context,
                      columns, row_of)


def _above(covered: dict[tuple[int, int], Any]) -> dict[tuple[int, int], tuple[str, ...]]:
    """The header texts above each data position, nearest first: past the data rows right above it, the
    nearest block of header rows (table 二 has one per group). One pass down each column."""
    rows_of: dict[int, list[int]] = {}  # column → its rows, top down
    for row, col in sorted(covered):
        rows_of.setdefault(col, []).append(row)
    found: dict[tuple[int, int], tuple[str, ...]] = {}
    for col, rows in rows_of.items():
        block: list[Any] = []  # the header cells (with text) since the last data cell, top down
        last: tuple[str, ...] = ()
        for row in rows:
            cell = covered[(row, col)]
            if cell.role == "data":
                if block:
                    last, block = tuple(c.text for c in reversed(block)), []
                found[(row, col)] = last
            elif cell.text and all(cell is not c for c in block):
                block.append(cell)
    return found


def _group_labels(items) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, Group):
            out.append(item.label)
            out.extend(_group_labels(item.children))
    return out


def cell_note(m: TableModel, rule: str, key: str, place: Place, cell: CellKey, **args: Any) -> Note:
    """A note on one cell of the table, naming its official row and column."""
    return Note(rule, key, place, {"row": m.row_of[cell].label, "column": m.columns[cell].label, **args},
                section=m.section, cell=cell)
