"""Each body's reports as a chain in year order: bodies matched by their normalised organ name, and each
report's previous one the first of the nearest earlier year (a year missing shows in T3-07's finding)."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import Lang
from .analyse import ChainTask, Look, Member
from .identity import organ_key


def chains(looks: Sequence[Look]) -> list[list[int]]:
    """Indexes into ``looks`` grouped by body, each group in year order, groups in the order their first file
    was given. A file whose body is not known (one that could not be read, say) is a chain of its own."""
    groups: dict[str, list[int]] = {}
    alone: list[list[int]] = []
    for i, look in enumerate(looks):
        organ = look.identity.organ
        if organ is None:
            alone.append([i])
        else:
            groups.setdefault(organ_key(organ), []).append(i)
    ordered = [sorted(g, key=lambda i: (looks[i].identity.year is None, looks[i].identity.year or 0, i))
               for g in groups.values()]
    return sorted(ordered + alone, key=min)


def previous_of(years: Sequence[int | None]) -> list[int | None]:
    """For each place in a chain (years in ascending order, unknown ones last), the place of last year's
    report: the first of the nearest earlier year; None for the first year and for an unknown year."""
    first: dict[int, int] = {}
    for n, year in enumerate(years):
        if year is not None:
            first.setdefault(year, n)
    distinct = list(first)
    earlier = {year: first[distinct[k - 1]] for k, year in enumerate(distinct) if k}
    return [earlier.get(year) if year is not None else None for year in years]


def plan(looks: Sequence[Look], lang: Lang) -> list[ChainTask]:
    """One task per chain, in chain order. Wanted from the workers: every YAML report, and each published
    report that has a previous one (its first look could not compare); the others' first-look results stand
    (a report read only as another's previous is in its chain, not wanted)."""
    out = []
    for chain in chains(looks):
        years = tuple(looks[i].identity.year for i in chain)
        before = previous_of(years)
        out.append(ChainTask(tuple(Member(looks[i].identity.path, looks[i].kind, i, n + 1, before[n],
                                          looks[i].result is None or before[n] is not None)
                                   for n, i in enumerate(chain)), years, lang))
    return out
