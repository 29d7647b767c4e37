"""Tables published as text with no separators at all, labels and digits run together ("规章 000行政规范性
文件693665第二十条…", "1.属于国家秘密00000002.其他法律…"): the text is cut at the table's labels, and each
run of digits is split into its row's cells in every way the cells allow; the table's arithmetic keeps the
splits it can, and a cell keeps a value only when every split left agrees on it (spec §8; never a guess)."""

from __future__ import annotations

import math
import re

from functools import cache
from typing import Sequence

from ...formats.layout import CellKey, Column
from ...formats.numerals import MAX_DIGITS
from ...model import Number
from ...model.place import Place
from ...records import record
from .arithmetic import decide, equations
from .cells import PLACEHOLDERS, UNITS, CellValue
from .labels import TRUNCATION, Compact, compact, normalise, shorter_forms, variant_form
from .result import Note
from .specs import TableModel, cell_note, models

SPLIT_LIMIT = 5_000  # ways to split one run of digits beyond which it is unknown
_SEPARATORS = "，、"  # between figures, as some publishers keep them (normalised: "," is "，")
_FIGURE = set("0123456789./\\-—–−+无增减" + _SEPARATORS) | set("".join(UNITS))  # what may stand between labels
_PLACEHOLDERS = sorted((p for p in PLACEHOLDERS), key=len, reverse=True)


@record
class _Token:
    start: int
    end: int
    label: str  # the table's label (as the format writes it)
    rows: tuple[int, ...]  # the data rows it labels (empty for header and group labels)
    how: str  # "exact", "variant", "core", "truncated"


@record(frozen=False)
class FlatTable:
    model: TableModel
    values: dict[CellKey, Number | None]
    notes: list[Note]
    place: Place
    units: dict[CellKey, str]


@record(frozen=False)
class _Chain:
    model: TableModel
    tokens: list[_Token]
    runs: dict[int, tuple[int, int, _Token]]  # data row (or -1: the unlabeled row) → its run and label
    stray: int  # runs of figures that follow no row label

    @property
    def labels(self) -> set[str]:
        return {t.label for t in self.tokens}

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def read(text: str, place: Place) -> list[FlatTable]:
    """The tables found in ``text``, one per section, each in the format that explains it best."""
    source = compact(text)
    chains = {id(m): _best_chain(m, source) for m in models()}
    out: list[FlatTable] = []
    done: set[str] = set()
    for m in models():
        if m.section in done:
            continue
        done.add(m.section)
        scored = [(_score(chains[id(x)], chains, x), x) for x in models() if x.section == m.section
                  and chains[id(x)] is not None]
        scored = [s for s in scored if s[0] > 0]
        if not scored:
            continue
        best = max(scored, key=lambda s: s[0])[1]
        out.append(_decode(chains[id(best)], source, text, place))
    return out


# ---- cutting the text at the table's labels ------------------------------------------------------


def _tokens(m: TableModel, source: Compact) -> list[_Token]:
    """Every place a label of the table is written, the longest where they overlap."""
    text = variant_form(source.text)
    found: list[_Token] = []
    for label in m.labels:
        full = variant_form(normalise(label))
        rows = tuple(i for i, leaf in enumerate(m.leaves) if normalise(leaf) == normalise(label))
        forms = [(full, "exact")]
        if rows:
            shorter = shorter_forms(full)
            forms += [(f, "core") for f in shorter]
            base = shorter[0] if shorter else full
            if len(base) >= 8:  # a short label cut short would match too much
                forms += [(base[:n], "truncated") for n in range(math.ceil(TRUNCATION * len(base)), len(base))]
        for form, how in forms:
            at = text.find(form)
            while at >= 0:
                end = at + len(form)
                if how == "exact" and source.text[at:end] != normalise(label):
                    found.append(_Token(at, end, label, rows, "variant"))
                elif how != "truncated" or (end < len(text) and text[end] in _FIGURE):
                    found.append(_Token(at, end, label, rows, how))
                at = text.find(form, at + 1)
    found.sort(key=lambda t: (t.start, -(t.end - t.start), t.how != "exact"))
    kept: list[_Token] = []
    for token in found:
        if kept and token.start < kept[-1].end:
            continue
        kept.append(token)
    return kept


def _chains(m: TableModel, source: Compact) -> list[list[_Token]]:
    """Runs of labels with nothing but figures between them."""
    text = source.text
    chains: list[list[_Token]] = []
    for token in _tokens(m, source):
        if chains and all(ch in _FIGURE for ch in text[chains[-1][-1].end:token.start]):
            chains[-1].append(token)
        else:
            chains.append([token])
    return chains


def _best_chain(m: TableModel, source: Compact) -> _Chain | None:
    best: _Chain | None = None
    for tokens in _chains(m, source):
        chain = _runs(m, tokens, source.text)
        if not chain.runs:
            continue
        if best is None or (len(chain.labels) + len(chain.runs)) > (len(best.labels) + len(best.runs)):
            best = chain
    return best


def _runs(m: TableModel, tokens: list[_Token], text: str) -> _Chain:
    runs: dict[int, tuple[int, int, _Token]] = {}
    stray = 0
    after_header: list[tuple[int, int, _Token]] = []
    for k, token in enumerate(tokens):
        end = tokens[k + 1].start if k + 1 < len(tokens) else _figures_end(text, token.end)
        if k + 1 < len(tokens) and tokens[k + 1].how == "core":
            end -= _item_number_at_end(text, token.end, end)
        if not any(ch.isdigit() or ch in "/-—无" for ch in text[token.end:end]):
            continue
        row = next((r for r in token.rows if r not in runs), None) if token.rows else None
        if row is not None:
            runs[row] = (token.end, end, token)
        elif token.rows:
            stray += 1
        else:
            after_header.append((token.end, end, token))
    if m.unlabeled and after_header:
        runs[-1] = after_header.pop()
    return _Chain(m, tokens, runs, stray + len(after_header))


def _figures_end(text: str, start: int) -> int:
    """Where the figures after a table's last label end (with a unit written after the last one)."""
    end = start
    while end < len(text) and (text[end].isdigit() or text[end] in "./-—" + _SEPARATORS):
        end += 1
    unit = next((u for u in UNITS if end > start and text[end - 1].isdigit() and text.startswith(u, end)), "")
    return end + len(unit)


def _item_number_at_end(text: str, start: int, end: int) -> int:
    """The length of the next label's item number stuck to the end of a run ("00000002." → "2.")."""
    stuck = re.search(r"[1-9]\.$", text[start:end])
    return 2 if stuck and end - 2 > start else 0


def _score(chain: _Chain | None, chains: dict[int, _Chain | None], m: TableModel) -> int:
    """Labels found and rows read, less figures no row explains and labels only another format has."""
    if chain is None or len(chain.labels) < 3:
        return 0
    own = {normalise(label) for label in m.labels}
    foreign = set()
    for other in models():
        rival = chains[id(other)]
        if other.section != m.section or other is m or rival is None:
            continue
        foreign |= {t.label for t in rival.tokens
                    if chain.start <= t.start < chain.end and normalise(t.label) not in own}
    return len(chain.labels) + len(chain.runs) - chain.stray - len(foreign)


# ---- splitting runs of digits into cells ---------------------------------------------------------


def splits(run: str, breaks: frozenset[int], columns: Sequence[Column]) -> list[list[CellValue]] | None:
    """Every way to read ``run`` as one figure per column, in order: numbers without leading zeros (a
    decimal point only in decimal columns, a sign only in signed ones), placeholders, a unit after a
    figure; never across a position in ``breaks`` (whitespace). None when there are more than
    ``SPLIT_LIMIT`` (counted first, so a long run costs no more than a short one)."""

    @cache
    def steps(i: int, j: int) -> list[tuple[int, CellValue]]:
        """The cells column ``j`` can read from position ``i``, each with where the next one starts."""
        if j and i < len(run) and run[i] in _SEPARATORS:
            i += 1
        out = [(i + len(p), CellValue(0, "G2", "import.cell.placeholder")) for p in _PLACEHOLDERS
               if run.startswith(p, i) and not _crosses(breaks, i, i + len(p))]
        for end, value in _numbers(run, i, columns[j], breaks):
            out.append((end, CellValue(value)))
            for unit in (u for u in UNITS if end < len(run) and run[end] == u[0] and run.startswith(u, end)):
                kept = unit if unit in columns[j].units else None
                out.append((end + len(unit), CellValue(value, unit=kept) if kept else  # recorded: nothing lost
                            CellValue(value, "I-02", "import.cell.unit", removed=unit)))
        return out

    @cache
    def count(i: int, j: int) -> int:
        """How many ways the rest of the run reads as the remaining columns (capped past the limit)."""
        if j == len(columns):
            return int(i == len(run))
        return min(SPLIT_LIMIT + 1, sum(count(end, j + 1) for end, _ in steps(i, j)))

    if count(0, 0) > SPLIT_LIMIT:
        return None

    def walk(i: int, j: int) -> list[list[CellValue]]:
        if j == len(columns):
            return [[]]
        return [[cell] + rest for end, cell in steps(i, j) if count(end, j + 1) for rest in walk(end, j + 1)]

    return walk(0, 0)


def _crosses(breaks: frozenset[int], start: int, end: int) -> bool:
    return any(start < b < end for b in breaks)


def _numbers(run: str, i: int, column: Column, breaks: frozenset[int]) -> list[tuple[int, Number]]:
    """Each figure ``run`` may hold from position ``i``, with where it ends: a whole number (no leading
    zero, thousands maybe grouped by commas), a sign where the column takes one, decimals where it does."""
    sign, start = 1, i
    if column.signed and i < len(run) and run[i] in "+-−增减":
        sign = -1 if run[i] in "-−减" else 1
        i += 1
    if i >= len(run) or not run[i].isdigit():
        return []
    longest = min(len(run), i + MAX_DIGITS)
    ends = [i + 1] if run[i] == "0" else [e for e in range(i + 1, longest + 1) if run[i:e].isdigit()]
    for head in [e for e in ends if e - i <= 3 and run[i] != "0"]:  # 1，234，567
        end = head
        while re.match(r"，[0-9]{3}", run[end:end + 4]):
            end += 4
            ends.append(end)
    out: list[tuple[int, Number]] = []
    for end in sorted(set(ends)):
        if _crosses(breaks, start, end):
            break
        whole = run[i:end].replace("，", "")
        out.append((end, sign * int(whole)))
        if column.kind == "decimal" and end < len(run) and run[end] == ".":
            for stop in range(end + 2, min(end + 2 + (column.decimals or 6), len(run) + 1)):
                if not run[end + 1:stop].isdigit() or _crosses(breaks, start, stop):
                    break
                out.append((stop, sign * float(whole + run[end:stop])))
    return out


def _decode(chain: _Chain, source: Compact, text: str, place: Place) -> FlatTable:
    m = chain.model
    values: dict[CellKey, Number | None] = {cell: None for cell in m.cells()}
    notes: list[Note] = []
    units: dict[CellKey, str] = {}
    where = _place(source, text, place, chain.start)
    groups, reads, fixed = [], [], {}
    row_of = {id(token): row for row, (_, _, token) in chain.runs.items() if row >= 0}
    for token in chain.tokens:
        if token.how != "exact":
            row = row_of.get(id(token))
            notes.append(Note("I-01", "import.label.fuzzy", _place(source, text, place, token.start),
                              {"text": _original(source, text, token), "label": token.label}, section=m.section,
                              cell=m.targets[row][0] if row is not None else None))
    for row, (start, end, token) in sorted(chain.runs.items()):
        cells = m.unlabeled if row < 0 else m.targets[row]
        at = _place(source, text, place, start)
        digits = text[source.origin[start]:source.origin[end - 1] + 1]
        found = splits(source.text[start:end], frozenset(b - start for b in source.breaks if start < b < end),
                       [m.columns[c] for c in cells])
        if not found:
            key = "import.digits.ambiguous" if found is None else "import.digits.unreadable"
            notes.extend(cell_note(m, "G1", key, at, c, digits=digits, expected=len(cells)) for c in cells)
            continue
        if len(found) == 1:
            for c, read in zip(cells, found[0]):
                values[c] = fixed[c] = read.value
                if read.rule:
                    notes.append(cell_note(m, read.rule, read.key, at, c, text=digits, removed=read.removed,
                                           value=read.value))
                if read.unit:
                    units[c] = read.unit
            continue
        groups.append([{c: r.value for c, r in zip(cells, split)} for split in found])
        reads.append((cells, at, digits, found))
    decided = decide(fixed, groups, equations(m.format, m.spec))
    for cells, at, digits, found in reads:
        for k, c in enumerate(cells):
            value = decided.get(c)
            if value is None:
                notes.append(cell_note(m, "G1", "import.digits.ambiguous", at, c, digits=digits, expected=len(cells)))
                continue
            values[c] = value
            notes.append(cell_note(m, "I-03", "import.digits.split", at, c, digits=digits, value=value))
            unit = next((split[k].unit for split in found if split[k].value == value and split[k].unit), None)
            if unit:
                units[c] = unit
    read_cells = {c for row in chain.runs for c in (m.unlabeled if row < 0 else m.targets[row])}
    notes.extend(cell_note(m, "G1", "import.row.missing", where, c) for c in m.cells() if c not in read_cells)
    return FlatTable(m, values, notes, where, units)


def _original(source: Compact, text: str, token: _Token) -> str:
    return text[source.origin[token.start]:source.origin[token.end - 1] + 1]


def _place(source: Compact, text: str, place: Place, at: int) -> Place:
    if place.line is None or not source.origin:
        return place
    offset = source.origin[min(at, len(source.origin) - 1)]
    return Place(page=place.page, line=place.line + text.count("\n", 0, offset), table=place.table)
