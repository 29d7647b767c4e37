"""Arithmetic rules: a formula over one table (see ``formats.f2021.rules`` for the notation), evaluated
cell by cell, with a message that names the cells and their values."""

from __future__ import annotations

import itertools

from functools import cache
from typing import Iterator

from ..formats.layout import CellKey, Rule, TableSpec
from ..i18n import LANGS, Bi, bi, bi_tr, t
from ..model import Mark, Number, Report, TableData
from ..patterns import pattern
from ..records import record

# ---- formulas ---------------------------------------------------------------------------------

_TERM = pattern(r"\s*([A-Za-z_][A-Za-z0-9_.]*?)(\.\*)?\[([A-Za-z_*]+)\]\s*")


@record
class Term:
    row: str  # dotted path, or "R"
    all_rows: bool  # "row.*": every data row under the path
    column: str  # "c", "*" or a column key


@record
class Comparison:
    lhs: tuple[Term, ...]
    op: str  # "=" or "<="
    rhs: tuple[Term, ...]


@cache
def parse(formula: str) -> tuple[Comparison, ...]:
    out = []
    for part in formula.split(";"):
        op = "<=" if "<=" in part else "="
        left, right = part.split(op)
        out.append(Comparison(_terms(left), op, _terms(right)))
    return tuple(out)


def _terms(side: str) -> tuple[Term, ...]:
    terms = []
    for chunk in side.split("+"):
        m = _TERM.fullmatch(chunk)
        if not m:
            raise ValueError(f"bad term in formula: {chunk!r}")
        terms.append(Term(m.group(1), bool(m.group(2)), m.group(3)))
    return tuple(terms)


def verify(rule: Rule, table: TableSpec) -> None:
    """Raise ValueError unless every term of the rule's formula names rows and columns of its table: a
    mistyped row would otherwise sum to 0 and the rule would pass every report."""
    terms = [t for comp in parse(rule.formula) for t in comp.lhs + comp.rhs]
    terms += list(_terms(rule.anchor)) if rule.anchor else []
    columns = {c.key for c in table.columns}
    for term, r in ((t, r) for t in terms for r in (rule.rows if t.row == "R" else [None])):
        if term.row == "R" and not rule.rows:
            raise ValueError(f"{rule.id}: R used but the rule lists no rows")
        for c in (sorted(columns) if term.column == "c" else [None]):
            cells = cells_of(table, term, r, c)
            if not cells or any(cell[1] not in {col.key for col in table.row(cell[0]).columns} for cell in cells):
                raise ValueError(f"{rule.id}: {term.row}[{term.column}] names no cell of table {table.section}")


def cells_of(table: TableSpec, term: Term, r: str | None, c: str | None) -> list[CellKey]:
    """The cells a formula term names, with ``R`` bound to row ``r`` and ``c`` to column ``c``."""
    dotted = r if term.row == "R" else term.row
    cells = []
    for row in table.select(dotted + (".*" if term.all_rows else "")):
        if term.column == "c":
            cells.append((row.path, c))
        elif term.column == "*":
            cells.extend((row.path, col.key) for col in row.columns if not col.total)
        else:
            cells.append((row.path, term.column))
    return cells


# ---- evaluation ------------------------------------------------------------------------------

Finding = tuple[Mark, str, dict]


def evaluate(report: Report, rule: Rule) -> Iterator[Finding]:
    """The findings of one rule. The formula rules of a table are evaluated together (see ``_analyse``):
    one mistake gives one finding, not one per rule that reads the wrong cell."""
    return iter(_analysis(report, rule.table).get(rule.id, []))


# The formula rules of a table are analysed together, once per table read: the engine asks rule by rule.
_CACHE: dict[int, tuple[object, dict[str, list[Finding]]]] = {}


def _analysis(report: Report, table: str) -> dict[str, list[Finding]]:
    key = id(report.tables[table])
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not report.tables[table]:
        if len(_CACHE) > 64:
            _CACHE.clear()
        hit = _CACHE[key] = (report.tables[table], _analyse(report, table))
    return hit[1]


class _View:
    """A table read with the recomputed totals in place of the written ones."""

    def __init__(self, data: TableData, fixed: dict[CellKey, Number]):
        self.spec, self.data, self.fixed = data.spec, data, fixed

    def __getitem__(self, cell: CellKey) -> Number:
        return self.fixed.get(cell, self.data[cell])


def _analyse(report: Report, section: str) -> dict[str, list[Finding]]:
    """Every formula rule of one table, in two passes.

    1. Sums (``total = parts``, one cell on the left): a written total that disagrees with its parts is
       found once and its parts' sum replaces it for every later rule; a sum whose parts are totals
       waits for those (row totals before （七）总计, （七）总计's columns before its own row total).
    2. Balances and bounds read the recomputed values: a comparison that reads a recomputed cell fails
       only if it fails with the written value too (else the total found wrong explains it). A balance
       off in one column by what a row's wrong total is off points at that row's cell (the one edited),
       and the row total's finding is dropped. In every comparison over columns, the 总计 column (the
       sum of the others) fails only when no other column failed."""
    data = report.tables[section]
    table = data.spec
    columns = [c.key for c in table.columns]
    total_col = next((c.key for c in table.columns if c.total), None)
    rules = [r for r in report.format.rules if r.check == "formula" and r.table == section]
    sums, balances = [], []
    for rule in rules:
        for comp in parse(rule.formula):
            for r, c in itertools.product(rule.rows or [None], columns if _uses_c(comp) else [None]):
                lhs = [x for term in comp.lhs for x in cells_of(table, term, r, c)]
                rhs = [x for term in comp.rhs for x in cells_of(table, term, r, c)]
                item = (rule, comp, r, c, lhs, rhs)
                (sums if comp.op == "=" and len(lhs) == 1 else balances).append(item)
    fixed: dict[CellKey, Number] = {}
    view = _View(data, fixed)
    failed: list[tuple] = []  # (item, lhs value, rhs value)
    pending = list(sums)
    while pending:
        targets = {item[4][0] for item in pending}
        item = next((i for i in pending if not (set(i[5]) & (targets - {i[4][0]}))), pending[0])
        pending.remove(item)
        cell = item[4][0]
        if cell in fixed or cell not in data.given:
            continue  # found already; a derived total equals its parts by construction
        lhs, rhs = data[cell], _sum(view, item[5])
        if lhs != rhs:
            fixed[cell] = rhs
            failed.append((item, lhs, rhs))
    for item in balances:
        rule, comp, r, c, lcells, rcells = item
        now = (_sum(view, lcells), _sum(view, rcells))
        written = (_sum(data, lcells), _sum(data, rcells))
        if _holds(comp, *now) or (set(lcells + rcells) & set(fixed) and _holds(comp, *written)):
            continue
        failed.append((item, *now))
    # a balance off by what one row's wrong total is off: that row's cell in this column was edited
    moved: dict[int, CellKey] = {}
    dropped: set[int] = set()
    for i, (item, lhs, rhs) in enumerate(failed):
        rule, comp, r, c, lcells, rcells = item
        if comp.op != "=" or len(lcells) == 1 or c is None or c == total_col:
            continue
        for j, (other, olhs, orhs) in enumerate(failed):
            ocell = other[4][0] if len(other[4]) == 1 else None
            if j in dropped or ocell is None or ocell[1] != total_col or (ocell[0], c) not in other[5]:
                continue
            edited = (ocell[0], c)
            excess = orhs - olhs  # how much the row's parts exceed its written total
            if (edited in lcells and excess == lhs - rhs) or (edited in rcells and excess == rhs - lhs):
                moved[i] = edited
                dropped.add(j)
                break
    out: dict[str, list[Finding]] = {}
    columns_failed = {(id(item[0]), item[1]) for k, (item, _, _) in enumerate(failed)
                      if k not in dropped and item[3] is not None and item[3] != total_col}
    for k, (item, lhs, rhs) in enumerate(failed):
        rule, comp, r, c, lcells, rcells = item
        if k in dropped or (c is not None and c == total_col and (id(rule), comp) in columns_failed):
            continue
        anchor = _terms(rule.anchor)[0] if rule.anchor else None
        at = moved.get(k) or (cells_of(table, anchor, r, c)[0] if anchor else lcells[0])
        out.setdefault(rule.id, []).append(
            (report.cell_mark(section, at), *_message(rule, view, comp, c, r, lcells, rcells, lhs, rhs)))
    return out


def _holds(comp: Comparison, lhs: Number, rhs: Number) -> bool:
    return lhs == rhs if comp.op == "=" else lhs <= rhs


def _uses_c(comp: Comparison) -> bool:
    return any(term.column == "c" for term in comp.lhs + comp.rhs)


def _sum(data, cells: list[CellKey]) -> Number:
    return sum((data[x] for x in cells), 0)


def _message(rule: Rule, data, comp: Comparison, c: str | None, r: str | None,
             lhs_cells: list[CellKey], rhs_cells: list[CellKey], lhs: Number, rhs: Number):
    table = data.spec
    fix = bi(rule.fix)
    column = next((col for col in table.columns if col.key == c), None)
    if comp.op == "=" and len(lhs_cells) == 1:
        cell = lhs_cells[0]
        row = table.row(cell[0])
        col = next(x for x in row.columns if x.key == cell[1])
        where = bi("where.cell", row=row.label, column=bi_tr("column", col.label))
        nonzero = [x for x in rhs_cells if data[x]]
        terms = {lang: " + ".join(f"{getattr(_short(table, x, c), lang)} {data[x]}" for x in nonzero) or "0"
                 for lang in LANGS}
        rest = len(rhs_cells) - len(nonzero)
        if rest:
            terms = {lang: text + t("rule.sum_rest", lang, n=rest) for lang, text in terms.items()}
        return "rule.sum", {"where": where, "reported": lhs, "computed": rhs, "terms": Bi(**terms),
                            "formula": bi(f"{rule.id}.name"), "fix": fix}
    where = bi("where.column", column=bi_tr("column", column.label)) if column else Bi("", "")
    args = {"where": where, "lhs": lhs, "rhs": rhs, "diff": abs(lhs - rhs), "fix": fix,
            "lhs_text": _side(table, comp.lhs, r, c), "rhs_text": _side(table, comp.rhs, r, c)}
    return ("rule.balance" if comp.op == "=" else "rule.bound"), args


def _side(table: TableSpec, terms: tuple[Term, ...], r: str | None, c: str | None) -> Bi:
    names = [_short(table, x, c) for term in terms for x in cells_of(table, term, r, c)[:1]]
    return Bi("“" + "”+“".join(n.zh for n in names) + "”", "'" + "' + '".join(n.en for n in names) + "'")


def _short(table: TableSpec, cell: CellKey, c: str | None) -> Bi:
    """A cell's row label (the official Chinese label in both languages: it is what the table prints),
    or its column's name when the row is the one being checked."""
    row = table.row(cell[0])
    if c is not None or len(row.columns) == 1:
        return Bi(row.label, row.label)
    col = next(col for col in row.columns if col.key == cell[1])
    return bi_tr("column", col.label)
