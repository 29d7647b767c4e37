"""Choosing among the readings of a published table that its own arithmetic allows: cells whose position
had to be guessed (a row with missing cells, digits run together) are decided by the format's equality
rules (row totals, T3-01, T3-02, table 四 totals), and a cell keeps a value only when every reading that
satisfies them agrees on it."""

from __future__ import annotations

import itertools
from typing import Sequence

from ...formats.layout import CellKey, Format, TableSpec
from ...model import Number
from ...rules.formula import Term, cells_of, parse


Candidate = dict[CellKey, Number | None]  # one reading of some cells; None: a cell that could not be read
Equation = tuple[tuple[CellKey, ...], tuple[CellKey, ...]]  # Σ left = Σ right

NODE_LIMIT = 200_000  # readings tried per group of linked cells before giving up (all of them unknown)


def equations(fmt: Format, table: TableSpec) -> list[Equation]:
    """Every equality the format's formula rules state over ``table``, one per row and column bound."""
    out: list[Equation] = []
    columns = [c.key for c in table.columns]
    for rule in fmt.rules:
        if rule.check != "formula" or rule.table != table.section:
            continue
        for comp in parse(rule.formula):
            if comp.op != "=":
                continue
            uses_c = any(term.column == "c" for term in comp.lhs + comp.rhs)
            for r, c in itertools.product(rule.rows or [None], columns if uses_c else [None]):
                out.append((_side(table, comp.lhs, r, c), _side(table, comp.rhs, r, c)))
    return out


def _side(table: TableSpec, terms: tuple[Term, ...], r: str | None, c: str | None) -> tuple[CellKey, ...]:
    return tuple(cell for term in terms for cell in cells_of(table, term, r, c))


def decide(fixed: dict[CellKey, Number | None], groups: Sequence[list[Candidate]],
           eqs: list[Equation]) -> dict[CellKey, Number | None]:
    """The cells of ``groups`` (each a list of alternative readings of some cells, e.g. the splits of one run
    of digits), given the cells read for certain in ``fixed``: a reading survives when some choice of one
    reading per group satisfies every equation that can be evaluated; a cell gets the value all surviving
    readings of its group agree on, else None. Readings no choice reconciles (the published arithmetic is
    wrong, or the search too large) all survive."""
    groups = [g for g in groups if g]
    owner = {cell: i for i, g in enumerate(groups) for cell in g[0]}
    live = [_own_filter(g, i, owner, fixed, eqs) for i, g in enumerate(groups)]
    linked = _links(len(groups), owner, eqs)
    for component in linked:
        ambiguous = [i for i in component if len(live[i]) > 1]
        if not ambiguous:
            continue
        survivors = _search(component, live, owner, fixed, eqs)
        if survivors is not None:
            for i in component:
                live[i] = [live[i][k] for k in sorted(survivors[i])]
    values: dict[CellKey, Number | None] = {}
    for i, g in enumerate(groups):
        for cell in g[0]:
            seen = {_token(c[cell]) for c in live[i]}
            values[cell] = live[i][0][cell] if len(seen) == 1 else None
    return values


def _token(value: Number | None) -> object:
    return value if value is None else (type(value) is float, value)


def _holds(eq: Equation, lookup) -> bool | None:
    """Whether the equation holds; None when a cell in it is unknown."""
    sides = []
    for side in eq:
        total: Number = 0
        for cell in side:
            v = lookup(cell)
            if v is None:
                return None
            total += v
        sides.append(total)
    return abs(sides[0] - sides[1]) < 1e-9


def _own_filter(group: list[Candidate], i: int, owner: dict[CellKey, int], fixed: dict[CellKey, Number | None],
                eqs: list[Equation]) -> list[Candidate]:
    """The readings of one group that satisfy the equations over its own cells and cells read for certain;
    all of them when none does (the published arithmetic is wrong, so it decides nothing)."""
    own = [eq for eq in eqs if any(owner.get(c) == i for s in eq for c in s)
           and all(owner.get(c) in (i, None) for s in eq for c in s)]
    if not own or len(group) == 1:
        return group
    kept = [cand for cand in group
            if all(_holds(eq, lambda c, cand=cand: cand[c] if c in cand else fixed.get(c)) is not False
                   for eq in own)]
    return kept or group


def _links(n: int, owner: dict[CellKey, int], eqs: list[Equation]) -> list[list[int]]:
    """The groups joined by an equation, as connected components."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for eq in eqs:
        members = {owner[c] for s in eq for c in s if c in owner}
        first = next(iter(members), None)
        for m in members:
            parent[root(m)] = root(first)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(root(i), []).append(i)
    return list(components.values())


def _search(component: list[int], live: list[list[Candidate]], owner: dict[CellKey, int],
            fixed: dict[CellKey, Number | None], eqs: list[Equation]) -> dict[int, set[int]] | None:
    """For each group of the component, the readings that take part in some choice satisfying every
    equation among the component's cells; None when no choice does or the search is too large."""
    members = set(component)
    order = sorted(component, key=lambda i: len(live[i]))
    rank = {g: k for k, g in enumerate(order)}
    # each equation is checked when the last group it reads is chosen
    checks: dict[int, list[Equation]] = {}
    for eq in eqs:
        groups = {owner[c] for s in eq for c in s if c in owner}
        if groups and groups <= members and any(len(live[g]) > 1 for g in groups):
            checks.setdefault(max(groups, key=rank.__getitem__), []).append(eq)
    chosen: dict[int, Candidate] = {}
    picks: dict[int, int] = {}
    survivors: dict[int, set[int]] = {i: set() for i in component}
    nodes = 0

    def lookup(cell: CellKey) -> Number | None:
        g = owner.get(cell)
        return chosen[g][cell] if g is not None else fixed.get(cell)

    def walk(k: int) -> bool:
        nonlocal nodes
        if k == len(order):
            for g, p in picks.items():
                survivors[g].add(p)
            return True
        g = order[k]
        for p, cand in enumerate(live[g]):
            nodes += 1
            if nodes > NODE_LIMIT:
                return False
            chosen[g], picks[g] = cand, p
            if all(_holds(eq, lookup) is not False for eq in checks.get(g, ())) and not walk(k + 1):
                return False
        chosen.pop(g, None)
        picks.pop(g, None)
        return True

    if not walk(0) or not any(survivors[i] for i in component):
        return None
    return survivors
