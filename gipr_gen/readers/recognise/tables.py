"""The statistical tables of a published report, read into the cells of a format's tables (spec §3–§5,
§7.3, §8): which format's which table each published table is, decided per table; fragments of one table
merged; rows found by their labels, columns by their headers where the grid can be trusted and by
position otherwise; every cell a figure or unknown, each guess a located ``Note``."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import field, replace
from functools import lru_cache
from math import comb
from typing import Sequence

from ...formats.layout import CellKey, Format, Path
from ...model import Number
from ...model.place import Place
from ...records import record
from ..published.document import Cell, Table
from . import flat_text
from .arithmetic import Candidate, decide, equations
from .cells import CellValue, is_blank, is_figure, read_cell
from .labels import Match, known, match, normalise
from .result import Note
from .specs import TableModel, cell_note, model, models

PLACEMENT_LIMIT = 3000  # ways to place a row's cells under its columns tried before calling it unknown


@record(frozen=False)
class TableReading:
    """One table of a published report in the cells of a format's table."""

    section: str
    format: Format
    values: dict[CellKey, Number | None]  # every data cell of the format's table; None: unknown (G1)
    notes: list[Note]
    place: Place  # where the table starts
    units: dict[CellKey, str] = field(default_factory=dict)  # units as published, for amounts that record one
    tables: tuple[Place, ...] = ()  # the published tables it was read from: one, or a table's parts page by page


# ---- a published table's rows ------------------------------------------------------------------


@record(frozen=False)
class _Row:
    fragment: int
    index: int  # row of the fragment, 0-based
    labels: list[Cell]
    data: list[Cell]
    figures: bool  # any cell holds a figure


def _rows(table: Table, fragment: int) -> list[_Row]:
    if table.loose:
        grouped = table.rows()
    else:
        covered = table.covered
        grouped = []
        for r in range(table.nrows):
            cells: list[Cell] = []
            for c in range(table.ncols):
                cell = covered.get((r, c))
                if cell is not None and (not cells or cells[-1] is not cell):
                    cells.append(cell)
            grouped.append(cells)
    return [_split(cells, fragment, r) for r, cells in enumerate(grouped)]


def _split(cells: list[Cell], fragment: int, index: int) -> _Row:
    """Label cells (to the left of the first figure) and data cells (after the last label)."""
    first = next((i for i, c in enumerate(cells) if is_figure(c.text)), len(cells))
    labels = [i for i, c in enumerate(cells[:first]) if not is_blank(c.text)]
    start = labels[-1] + 1 if labels else 0
    return _Row(fragment, index, [cells[i] for i in labels], cells[start:], first < len(cells))


# ---- matching rows and columns -----------------------------------------------------------------


@record(frozen=False)
class _Assigned:
    row: _Row
    cells: tuple[CellKey, ...]  # the table's cells this published row holds
    label: Match | None  # how its label matched (None: table 四's row without labels)
    label_cell: Cell | None


@record(frozen=False)
class _Analysis:
    model: TableModel
    fragments: Sequence[Table]
    rows: list[list[_Row]]
    assigned: list[_Assigned]
    matched: set[str]  # the table's labels found
    unmatched: int  # label cells that are no label of the table
    stray: int  # rows with figures that are no row of the table

    @property
    def score(self) -> int:
        return len(self.matched) + len(self.assigned) - self.unmatched - self.stray

    @property
    def acceptable(self) -> bool:
        return self.score > 0 and bool(self.assigned) and len(self.matched) >= 2


def _analyse(m: TableModel, fragments: Sequence[Table]) -> _Analysis:
    rows = [_rows(t, i) for i, t in enumerate(fragments)]
    assigned: list[_Assigned] = []
    taken: set[int] = set()
    unlabeled_taken = False
    matched: set[str] = set()
    unmatched = stray = 0
    near = 0
    for row in itertools.chain.from_iterable(rows):
        for cell in row.labels:
            found = _cached_match(normalise(cell.text), m.labels, None)
            if found is None:
                unmatched += 1
            else:
                matched.add(found.label)
        if not row.data:
            continue
        if not row.labels:
            if row.figures and m.unlabeled and not unlabeled_taken:
                unlabeled_taken = True
                assigned.append(_Assigned(row, m.unlabeled, None, None))
            elif row.figures:
                stray += 1
            continue
        hit = _row_match(m, row, near)
        if hit is None or hit[0] in taken:
            stray += row.figures
            continue
        index, how = hit
        taken.add(index)
        near = index + 1
        assigned.append(_Assigned(row, m.targets[index], how, row.labels[-1]))
    return _Analysis(m, fragments, rows, assigned, matched, unmatched, stray)


@lru_cache(maxsize=1 << 16)
def _cached_match(text: str, candidates: tuple[str, ...], near: int | None) -> Match | None:
    return match(text, candidates, near)


def _row_match(m: TableModel, row: _Row, near: int) -> tuple[int, Match] | None:
    """The data row a published row's labels name: its own (rightmost) label, else its label cells read
    together; among rows of the same label, the one whose group labels the row repeats."""
    texts = [row.labels[-1].text, "".join(c.text for c in row.labels[-2:]), "".join(c.text for c in row.labels)]
    for text in dict.fromkeys(normalise(t) for t in texts):
        found = _cached_match(text, m.leaves, near)
        if found is None:
            continue
        same = [i for i, leaf in enumerate(m.leaves) if leaf == found.label]
        if len(same) > 1:
            groups = {normalise(c.text) for c in row.labels[:-1]}
            rows = m.spec.rows
            found = replace(found, index=max(same, key=lambda i: (
                sum(normalise(g) in groups for g in rows[i].labels[:-1]), -abs(i - near))))
        return found.index, found
    return None


def _header_map(a: _Analysis, item: _Assigned) -> list[Cell] | None:
    """The published cells in the order of the row's cells, by the header labels above each (a grid whose
    headers name every column once); None when they do not."""
    row = item.row
    fragment = a.fragments[row.fragment]
    if fragment.loose or len(row.data) != len(item.cells):
        return None
    data_rows = {x.row.index for x in a.assigned if x.row.fragment == row.fragment}
    covered = fragment.covered
    placed: dict[CellKey, Cell] = {}
    for cell in row.data:
        above = _published_above(covered, data_rows, row.index, cell)
        best = _best_target(a.model, item.cells, above)
        if best is None or best in placed:
            return None
        placed[best] = cell
    return [placed[c] for c in item.cells]


def _published_above(covered: dict[tuple[int, int], Cell], data_rows: set[int], row: int, cell: Cell) -> list[str]:
    found: list[str] = []
    seen: set[int] = set()
    for r in range(row - 1, -1, -1):
        if r in data_rows:
            if found:
                break
            continue
        for c in range(cell.col, cell.col + cell.colspan):
            above = covered.get((r, c))
            if above is not None and id(above) not in seen and not is_blank(above.text):
                seen.add(id(above))
                found.append(above.text)
    return found


def _best_target(m: TableModel, cells: tuple[CellKey, ...], above: list[str]) -> CellKey | None:
    best = _best_context(tuple(m.context[cell] for cell in cells), tuple(normalise(t) for t in above))
    return None if best is None else cells[best]


@lru_cache(maxsize=1024)  # the rows of a table share their columns' headers
def _best_context(contexts: tuple[tuple[str, ...], ...], texts: tuple[str, ...]) -> int | None:
    """Which of the cells (by the header labels above each) the published headers ``texts`` stand over: the
    one whose nearest header they name and most of whose headers they name; None when that is not one."""
    scores: list[tuple[int, int]] = []
    for i, context in enumerate(contexts):
        if not context or not any(_cached_match(t, (context[0],), None) for t in texts):
            continue
        scores.append((sum(any(_cached_match(t, (label,), None) for t in texts) for label in context), i))
    scores.sort(key=lambda s: -s[0])
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]


# ---- reading the cells --------------------------------------------------------------------------


@record(frozen=False)
class _Placed:
    """One way of laying a published row's cells under the row's cells of the table."""

    values: Candidate
    reads: dict[CellKey, tuple[Cell, CellValue]]


def _placements(m: TableModel, item: _Assigned, data: list[Cell]) -> list[_Placed]:
    k, n = len(item.cells), len(data)
    if n > k:
        blanks = [i for i, c in enumerate(data) if is_blank(c.text)]
        if len(blanks) < n - k or comb(len(blanks), n - k) > PLACEMENT_LIMIT:
            return []
        ways = [[c for i, c in enumerate(data) if i not in drop]
                for drop in map(set, itertools.combinations(blanks, n - k))]
    elif n < k:
        if comb(k, k - n) > PLACEMENT_LIMIT:
            return []
        ways = []
        for gaps in itertools.combinations(range(k), k - n):
            cells = iter(data)
            ways.append([None if i in gaps else next(cells) for i in range(k)])
    else:
        ways = [data]
    out = []
    for way in ways:
        reads = {key: (cell, read_cell(cell.text, m.columns[key])) for key, cell in zip(item.cells, way) if cell}
        # a cell the row lacks is a blank the conversion dropped: 0
        values: Candidate = {key: reads[key][1].value if key in reads else 0 for key in item.cells}
        out.append(_Placed(values, reads))
    return out


def _read(a: _Analysis) -> TableReading:
    m = a.model
    place = a.fragments[0].place
    values: dict[CellKey, Number | None] = {cell: None for cell in m.cells()}
    notes: list[Note] = []
    units: dict[CellKey, str] = {}
    fixed: dict[CellKey, Number | None] = {}
    guessed: list[tuple[_Assigned, list[_Placed]]] = []
    notes += _fuzzy_labels(a)
    for item in a.assigned:
        ordered = _header_map(a, item)
        placed = _placements(m, item, ordered if ordered is not None else item.row.data)
        if len(placed) == 1:
            for key in item.cells:
                cell, read = placed[0].reads[key]
                values[key] = fixed[key] = read.value
                notes.extend(_cell_notes(m, key, cell, read))
                _unit(a, item, key, cell, read, units)
        else:
            guessed.append((item, placed))
    decided = decide(fixed, [[p.values for p in placed] for _, placed in guessed], equations(m.format, m.spec))
    for item, placed in guessed:
        where = _row_place(item.row)
        args = {"found": len(item.row.data), "expected": len(item.cells)}
        for key in item.cells:
            value = decided.get(key)
            if value is None:
                notes.append(cell_note(m, "G1", "import.row.ambiguous", where, key, **args))
                continue
            values[key] = value
            notes.append(cell_note(m, "I-03", "import.row.aligned", where, key, **args))
            read_from = next((p.reads[key] for p in placed if key in p.reads), None)
            if read_from is not None:
                _unit(a, item, key, *read_from, units)
    present = {key for item in a.assigned for key in item.cells}
    notes.extend(cell_note(m, "G1", "import.row.missing", place, key) for key in m.cells() if key not in present)
    return TableReading(m.section, m.format, values, notes, place, units, _parts_read(a))


def _fuzzy_labels(a: _Analysis) -> list[Note]:
    """An I-01 note for each label cell read as an official label it does not spell exactly: a row's
    label marks the row, a header's the table."""
    rows = {id(item.label_cell): item for item in a.assigned if item.label_cell is not None}
    notes: list[Note] = []
    seen: set[int] = set()
    for cell in (c for fragment in a.rows for row in fragment for c in row.labels):
        if id(cell) in seen:
            continue
        seen.add(id(cell))
        item = rows.get(id(cell))
        found = item.label if item else _cached_match(normalise(cell.text), a.model.labels, None)
        if found is not None and not found.exact:
            notes.append(Note("I-01", "import.label.fuzzy", cell.place, {"text": cell.text.strip(), "label": found.label},
                              section=a.model.section, cell=item.cells[0] if item else None))
    return notes


def _cell_notes(m: TableModel, key: CellKey, cell: Cell, read: CellValue) -> list[Note]:
    if read.rule is None:
        return []
    args: dict[str, object] = {"text": cell.text.strip()}
    if read.rule == "I-02":
        args.update(removed=read.removed, value=read.value)
    return [cell_note(m, read.rule, read.key, cell.place, key, **args)]


def _unit(a: _Analysis, item: _Assigned, key: CellKey, cell: Cell, read: CellValue, units: dict[CellKey, str]) -> None:
    """The unit an amount is published in: written in its cell, or in its header's bracketed note."""
    column = a.model.columns[key]
    if not column.units:
        return
    unit = read.unit
    fragment = a.fragments[item.row.fragment]
    if unit is None and not fragment.loose:
        data_rows = {x.row.index for x in a.assigned if x.row.fragment == item.row.fragment}
        for text in _published_above(fragment.covered, data_rows, item.row.index, cell):
            notes = "".join(part.split("）")[0] for part in normalise(text).split("（")[1:])
            unit = max((u for u in column.units if u in notes), key=len, default=None)
            if unit:
                break
    if unit:
        units[key] = unit


def _parts_read(a: _Analysis) -> tuple[Place, ...]:
    """The published tables the reading took: the first, each that gave a row, and each of titles and headers
    only (a part of a table over a page break); a part whose figures went nowhere stays text."""
    used = {item.row.fragment for item in a.assigned}
    return tuple(t.place for i, (t, rows) in enumerate(zip(a.fragments, a.rows, strict=True))
                 if i == 0 or i in used or not any(r.figures for r in rows))


def _row_place(row: _Row) -> Place:
    cell = (row.labels or row.data)[0]
    return replace(cell.place, col=None)


# ---- which table each published table is --------------------------------------------------------


def read_tables(tables: Sequence[Table]) -> list[TableReading]:
    """The report tables among ``tables`` (in reading order), each read into its format's table: fragments
    of one table merged, tables that are no report table skipped."""
    readings: list[TableReading] = []
    for one_column, run in itertools.groupby(tables, key=_one_cell_per_line):
        readings += _read_column(list(run)) if one_column else _read_grids(list(run), readings)
    return readings


def _read_grids(tables: list[Table], earlier: list[TableReading]) -> list[TableReading]:
    groups: list[list[Table]] = []
    sections: list[str] = []
    heads: list[Table] = []  # tables of titles and headers only, as a page break leaves them: the next one's
    analysed: dict[tuple[int, ...], _Analysis] = {}

    def analyse(m: TableModel, fragments: list[Table]) -> _Analysis:  # each reading of the same tables once
        key = (id(m), *map(id, fragments))
        if key not in analysed:
            analysed[key] = _analyse(m, fragments)
        return analysed[key]

    for table in tables:
        best = max((a for a in (analyse(m, [table]) for m in _likely(table)) if a.acceptable),
                   key=lambda a: a.score, default=None)
        if best is None:
            heads = heads + [table] if not any(is_figure(c.text) for c in table.cells) else []
            continue
        heads = [t for t in heads if len(analyse(best.model, [t]).matched) >= 2]  # its own labels
        if sections and sections[-1] == best.model.section:
            groups[-1] += heads + [table]
        else:
            groups.append(heads + [table])
            sections.append(best.model.section)
        heads = []
    readings: list[TableReading] = []
    for fragments, section in zip(groups, sections):
        candidates = [analyse(m, fragments) for m in models() if m.section == section]
        usual = Counter(r.format.name for r in earlier + readings)  # table 四 is the same in every format
        best = max(candidates, key=lambda a: (a.score, usual[a.model.format.name]))
        readings.append(_read(best))
    return readings


def _likely(table: Table) -> list[TableModel]:
    """The tables of the formats worth reading ``table`` as: where several of its labels stand as printed in
    one of them, those that hold at least half as many (the others cannot win); else every one (labels
    misprinted or misread leave nothing to go by)."""
    printed = {normalise(c.text) for c in table.cells if not is_figure(c.text)}
    hits = [(m, len(printed.intersection(known(m.labels)))) for m in models()]
    most = max(n for _, n in hits)
    return [m for m, n in hits if 2 * n >= most] if most >= 3 else models()


def _one_cell_per_line(table: Table) -> bool:
    """A table a text reader found as one cell per line, its rows lost: read as text, a line per cell."""
    return table.loose and table.nrows > 1 and all(len(row) <= 1 for row in table.rows())


def _read_column(tables: list[Table]) -> list[TableReading]:
    first = tables[0].place
    lines: list[str] = []
    for table in tables:  # the tables' rows at the lines they start on, so that notes point at the line
        if first.line is not None and table.place.line is not None:
            lines += [""] * max(0, table.place.line - first.line - len(lines))
        lines += [" ".join(c.text for c in row) for row in table.rows()]
    return read_flat("\n".join(lines), Place(page=first.page, line=first.line))


def read_flat(text: str, place: Place) -> list[TableReading]:
    """The report tables in ``text`` published with no separators (labels and digits run together)."""
    return [TableReading(t.model.section, t.model.format, t.values, t.notes, t.place, t.units)
            for t in flat_text.read(text, place)]


# ---- the other format ---------------------------------------------------------------------------


def formats_matching(reading: TableReading) -> list[Format]:
    """The formats whose table this reading fits as it is (table 四 fits both; table 二 only its own)."""
    cells = set(reading.values)
    return [m.format for m in models() if m.section == reading.section and set(m.cells()) == cells]


def convertible(reading: TableReading, target: Format) -> bool:
    """Whether ``convert`` can map the reading into ``target``'s table: its rows are the target's, or groups
    of the target's rows, or summed by them (table 三); table 二 differs in rows and columns and cannot."""
    return _mapping(reading, target) is not None


def convert(reading: TableReading, target: Format) -> TableReading:
    """The reading mapped into ``target``'s table, each cell that changed meaning noted (I-04): a single
    row of one format spread over the group of the other (its figures in the group's last row, "3.其他",
    the others 0), a group summed into the other format's single row."""
    plan = _mapping(reading, target)
    if plan is None:
        raise ValueError(f"table {reading.section} of format {reading.format.name} has no counterpart in {target.name}")
    if reading.format is target:
        return reading
    tm = model(target, target.table_by_section[reading.section])
    sm = model(reading.format, reading.format.table_by_section[reading.section])
    values: dict[CellKey, Number | None] = {}
    notes: list[Note] = []
    moved: dict[CellKey, CellKey] = {}
    for key, (how, sources) in plan.items():
        parts = [reading.values[s] for s in sources]
        if how == "same":
            values[key] = parts[0]
        elif how == "sum":
            values[key] = None if any(p is None for p in parts) else sum(parts)  # type: ignore[arg-type]
            notes.append(cell_note(tm, "I-04", "import.convert.sum", reading.place, key,
                                   parts="、".join(sm.row_of[s].label for s in sources)))
        elif how == "into":
            values[key] = parts[0]
            notes.append(cell_note(tm, "I-04", "import.convert.into", reading.place, key,
                                   source=sm.row_of[sources[0]].label))
        else:
            values[key] = 0
            notes.append(cell_note(tm, "I-04", "import.convert.zero", reading.place, key,
                                   source=sm.row_of[sources[0]].label))
        if how != "zero":
            moved.update({s: key for s in sources})
    kept = [replace(n, cell=moved[n.cell], args={**n.args, **_labels(tm, moved[n.cell])})
            if n.cell in moved else n for n in reading.notes]
    units = {moved[k]: u for k, u in reading.units.items() if k in moved}
    return TableReading(reading.section, target, values, kept + notes, reading.place, units, reading.tables)


def _labels(m: TableModel, cell: CellKey) -> dict[str, str]:
    return {"row": m.row_of[cell].label, "column": m.columns[cell].label}


def _mapping(reading: TableReading, target: Format) -> dict[CellKey, tuple[str, list[CellKey]]] | None:
    """For each cell of the target's table: how it is made from the reading's cells ("same", "sum" of a
    group's rows, "into" the last row of a group, "zero" for the group's other rows)."""
    spec = target.table_by_section.get(reading.section)
    if spec is None:
        return None
    source = reading.format.table_by_section[reading.section]
    rows: dict[Path, list[str]] = {r.path: [c.key for c in r.columns] for r in source.rows}
    plan: dict[CellKey, tuple[str, list[CellKey]]] = {}
    for row in spec.rows:
        keys = [c.key for c in row.columns]
        inner = [p for p in rows if p[:len(row.path)] == row.path and p != row.path]
        outer = next((p for p in rows if row.path[:len(p)] == p and p != row.path), None)
        for key in keys:
            if row.path in rows:
                how, sources = "same", [(row.path, key)]
            elif inner:
                how, sources = "sum", [(p, key) for p in inner]
            elif outer is not None:
                last = [r.path for r in spec.rows if r.path[:len(outer)] == outer][-1]
                how, sources = ("into" if row.path == last else "zero"), [(outer, key)]
            else:
                return None
            if any(k not in rows.get(p, ()) for p, k in sources):
                return None
            plan[(row.path, key)] = (how, sources)
    return plan
