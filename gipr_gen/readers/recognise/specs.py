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
    beside: dict[int, list[CellKey]] = {}
    context: dict[CellKey, tuple[str, ...]] = {}
    for cell, g in position.items():
        if not any(covered.get((g.row, c)) is not None and covered[(g.row, c)].role != "data"
                   for c in range(g.col)):
            beside.setdefault(g.row, []).append(cell)
        context[cell] = _above(covered, g.row, g.col)
    unlabeled = tuple(sorted(beside[next(iter(beside))], key=lambda k: position[k].col)) if len(beside) == 1 else ()
    texts = [c.text for c in grid.cells if c.role != "data" and c.text]
    texts += [r.label for r in spec.rows] + [c.label for r in spec.rows for c in r.columns]
    texts += list(_group_labels(spec.body))
    labels = tuple(dict.fromkeys(t for t in texts if normalise(t)))
    columns = {(r.path, c.key): c for r in spec.rows for c in r.columns}
    row_of = {(r.path, c.key): r for r in spec.rows for c in r.columns}
    return TableModel(fmt, spec, tuple(r.label for r in spec.rows), targets, unlabeled, labels, context,
                      columns, row_of)


def _above(covered, row: int, col: int) -> tuple[str, ...]:
    """The header texts above a data cell: past the data rows right above it, the nearest block of header
    rows (table 二 has one per group)."""
    found: list[str] = []
    seen: set[int] = set()
    for r in range(row - 1, -1, -1):
        cell = covered.get((r, col))
        if cell is None:
            continue
        if cell.role == "data":
            if found:
                break
            continue
        if id(cell) not in seen and cell.text:
            seen.add(id(cell))
            found.append(cell.text)
    return tuple(found)


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
