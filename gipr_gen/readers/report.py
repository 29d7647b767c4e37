"""Validated YAML data → the model: omitted totals derived, narrative Markdown parsed once."""

from __future__ import annotations

from typing import Any, Iterable

from ..formats.layout import UNIT_KEY, CellKey, Format, TableSpec
from ..model.positions import Positions
from ..model.report import Number, Report, Signature, TableData
from .markdown import parse


def table_from_data(spec: TableSpec, data: Any) -> TableData:
    """Read one table section's mapping; omitted 总计 cells and rows are derived from their parts, and the
    unit a row states for its amount (``unit``) goes with the table (``TableSpec.stating``).
    Data the schema rejected (a row that is not a mapping, a cell that is text) reads as 0: the rules of
    such a table are not run, and such a report is never built."""
    values: dict[CellKey, Number] = {}
    given: set[CellKey] = set()
    units: list[tuple[CellKey, str]] = []
    for row in spec.rows:
        node: Any = data
        for part in row.path:
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            continue  # a derived total row, filled below
        amount = row.unit_column
        if amount is not None and node.get(UNIT_KEY) in amount.units:
            units.append(((row.path, amount.key), node[UNIT_KEY]))
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
    return TableData(spec.stating(tuple(units)), values, frozenset(given))


def _sum(values: Iterable[Any]) -> Number:
    # Cells the schema rejected (text, empty) count as 0 here; their table's rules are not run.
    return sum((v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)), 0)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def report_from_data(fmt: Format, data: dict[str, Any], source: Positions | None = None) -> Report:
    """Build the model from data whose top-level fields and narrative sections passed the schema."""
    organ = data["organ"].strip()
    year = int(data["year"])
    title = _text(data.get("title")).strip()
    texts = {}
    tables: dict[str, TableData] = {}
    for s in fmt.sections:
        value = data[s.key]
        if s.kind == "table":
            value = value if isinstance(value, dict) else {}
            texts[s.key] = parse(_text(value.get("text")), (s.key, "text"))
            tables[s.key] = table_from_data(fmt.table_by_section[s.key], value)
        else:
            texts[s.key] = parse(_text(value), (s.key,))
    intro = parse(_text(data.get("intro")), ("intro",))
    sig = data.get("signature")
    signature = Signature((sig.get("organ") or organ).strip(), str(sig["date"])) if sig else None
    return Report(
        format=fmt,
        organ=organ,
        organ_type=data.get("organ_type"),
        year=year,
        title=title or fmt.default_title(organ, year),
        title_given=bool(title),
        intro=intro if intro else None,
        texts=texts,
        tables=tables,
        signature=signature,
        source=source,
        published=data.get("published"),
    )
