"""Arithmetic rules: a formula over one table (see ``formats.f2021.rules`` for the notation), evaluated
cell by cell, with a message that names the cells and their values."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Iterator

from ..formats.layout import CellKey, Rule, TableSpec
from ..i18n import LANGS, Bi, bi, bi_tr, t
from ..model import Mark, Number, Report, TableData

# ---- formulas ---------------------------------------------------------------------------------

_TERM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_.]*?)(\.\*)?\[([A-Za-z_*]+)\]\s*")


@dataclass(frozen=True)
class Term:
    row: str  # dotted path, or "R"
    all_rows: bool  # "row.*": every data row under the path
    column: str  # "c", "*" or a column key


@dataclass(frozen=True)
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
            cells = _cells(table, term, r, c)
            if not cells or any(cell[1] not in {col.key for col in table.row(cell[0]).columns} for cell in cells):
                raise ValueError(f"{rule.id}: {term.row}[{term.column}] names no cell of table {table.section}")


def _cells(table: TableSpec, term: Term, r: str | None, c: str | None) -> list[CellKey]:
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
    data = report.tables[rule.table]
    table = data.spec
    columns = [c.key for c in table.columns]
    anchor = _terms(rule.anchor)[0] if rule.anchor else None
    for comp in parse(rule.formula):
        for r, c in itertools.product(rule.rows or [None], columns if _uses_c(comp) else [None]):
            lhs_cells = [x for term in comp.lhs for x in _cells(table, term, r, c)]
            rhs_cells = [x for term in comp.rhs for x in _cells(table, term, r, c)]
            lhs, rhs = _sum(data, lhs_cells), _sum(data, rhs_cells)
            if (lhs == rhs) if comp.op == "=" else (lhs <= rhs):
                continue
            if comp.op == "=" and len(lhs_cells) == 1 and lhs_cells[0] not in data.given:
                continue  # a derived total equals its parts by construction; the row at fault is reported itself
            at = _cells(table, anchor, r, c)[0] if anchor else lhs_cells[0]
            yield (report.cell_mark(rule.table, at),
                   *_message(rule, data, comp, c, r, lhs_cells, rhs_cells, lhs, rhs))


def _uses_c(comp: Comparison) -> bool:
    return any(term.column == "c" for term in comp.lhs + comp.rhs)


def _sum(data: TableData, cells: list[CellKey]) -> Number:
    return sum((data[x] for x in cells), 0)


def _message(rule: Rule, data: TableData, comp: Comparison, c: str | None, r: str | None,
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
    names = [_short(table, x, c) for term in terms for x in _cells(table, term, r, c)[:1]]
    return Bi("“" + "”+“".join(n.zh for n in names) + "”", "'" + "' + '".join(n.en for n in names) + "'")


def _short(table: TableSpec, cell: CellKey, c: str | None) -> Bi:
    """A cell's row label (the official Chinese label in both languages: it is what the table prints),
    or its column's name when the row is the one being checked."""
    row = table.row(cell[0])
    if c is not None or len(row.columns) == 1:
        return Bi(row.label, row.label)
    col = next(col for col in row.columns if col.key == cell[1])
    return bi_tr("column", col.label)
