"""The typed report model every writer reads: built from validated YAML data, totals derived."""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass
from typing import Any, Iterator

from . import layout as L
from .source import Source

Number = int | float


@dataclass(frozen=True)
class TableData:
    spec: L.TableSpec
    values: dict[L.CellKey, Number]
    given: frozenset[L.CellKey]  # cells written in the file; the others were derived totals

    def __getitem__(self, cell: L.CellKey) -> Number:
        return self.values[cell]

    def get(self, path: L.Path, column: str) -> Number:
        return self.values[(path, column)]



@dataclass(frozen=True)
class Signature:
    organ: str
    date: str  # as written: 2024-01-20 or 2024年1月20日

    @property
    def date_chinese(self) -> str:
        """The date as GB/T 9704 writes it: Arabic numerals, full year, no leading zeros."""
        y, m, d = (int(x) for x in re.findall(r"[0-9]+", self.date))
        return f"{y}年{m}月{d}日"


@dataclass(frozen=True)
class Report:
    format: str
    organ: str
    organ_type: str | None
    year: int
    title: str  # the effective title
    title_given: bool
    intro: str | None
    texts: dict[str, str]  # section key → Markdown; for table sections the optional text before the table
    tables: dict[str, TableData]  # section key → table
    signature: Signature | None
    source: Source | None = None

    def sections(self) -> Iterator[tuple[L.Section, str, TableData | None]]:
        for s in L.SECTIONS:
            yield s, self.texts.get(s.key, ""), self.tables.get(s.key)


def format_number(value: Number) -> str:
    """A figure as every writer prints it: integers as written, decimals (the fee in 万元) without
    trailing zeros (0.350 → 0.35, 12.0 → 12)."""
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)).normalize(), "f")


def default_title(organ: str, year: int) -> str:
    return f"{organ}{year}年{L.REPORT_NAME}"


def table_from_data(spec: L.TableSpec, data: Any) -> TableData:
    """Read one table section's mapping; omitted 总计 cells and rows are derived from their parts.
    Data the schema rejected (a row that is not a mapping, a cell that is text) reads as 0: the rules of
    such a table are not run, and such a report is never built."""
    values: dict[L.CellKey, Number] = {}
    given: set[L.CellKey] = set()
    for row in spec.rows:
        node: Any = data
        for part in row.path:
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            continue  # a derived total row, filled below
        for col in row.columns:
            if col.key in node:
                value = node[col.key]
                if col.kind == "integer" and isinstance(value, float) and value.is_integer():
                    value = int(value)  # "3.0" is the count 3
                values[(row.path, col.key)] = value
                given.add((row.path, col.key))
        for col in row.columns:
            if col.total and (row.path, col.key) not in values:
                values[(row.path, col.key)] = _sum(values.get((row.path, c.key)) for c in row.columns if not c.total)
    for row in spec.rows:
        if row.row.total:
            group = row.path[:-1]  # a total row sums every other row of its group, nested ones included
            parts = [r for r in spec.rows if r.path[:len(group)] == group and not r.row.total]
            for col in row.columns:  # its own 总计 column, if derived, comes from its own columns (last)
                if (row.path, col.key) not in values and not col.total:
                    values[(row.path, col.key)] = _sum(values.get((r.path, col.key)) for r in parts)
            for col in row.columns:
                if (row.path, col.key) not in values:
                    values[(row.path, col.key)] = _sum(values.get((row.path, c.key)) for c in row.columns
                                                       if not c.total)
    for cell in spec.cells():
        values.setdefault(cell, 0)
    return TableData(spec, values, frozenset(given))


def _sum(values: Iterator[Any]) -> Number:
    # Cells the schema rejected (text, empty) count as 0 here; their table's rules are not run.
    return sum((v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)), 0)


def report_from_data(data: dict[str, Any], source: Source | None = None) -> Report:
    """Build the model from data that passed the schema."""
    organ = data["organ"].strip()
    year = int(data["year"])
    title = (data.get("title") or "").strip()
    texts: dict[str, str] = {}
    tables: dict[str, TableData] = {}
    for s in L.SECTIONS:
        value = data[s.key]
        if s.kind == "table":
            value = value if isinstance(value, dict) else {}
            texts[s.key] = (value.get("text") or "").rstrip() if isinstance(value.get("text"), str) else ""
            tables[s.key] = table_from_data(L.TABLE_BY_SECTION[s.key], value)
        else:
            texts[s.key] = (value or "").rstrip()
    sig = data.get("signature")
    signature = Signature((sig.get("organ") or organ).strip(), str(sig["date"])) if sig else None
    return Report(
        format=str(data["format"]),
        organ=organ,
        organ_type=data.get("organ_type"),
        year=year,
        title=title or default_title(organ, year),
        title_given=bool(title),
        intro=(data.get("intro") or "").rstrip() or None,
        texts=texts,
        tables=tables,
        signature=signature,
        source=source,
    )
