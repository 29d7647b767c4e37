"""``gipr-gen init``'s report skeleton: YAML written from a format's layout.

Every heading, hint, row, column, key and label comes from the format; the surrounding words come
from the message catalogue. Totals (总计 columns and rows) are left out: they are derived, so a
filled-in figure never contradicts a stale zero total.
"""

from __future__ import annotations

import json
from dataclasses import field

from ..formats.layout import CellKey, Format, Path, Section, TableSpec
from ..i18n import t
from ..model import Number
from ..records import record
from .yaml import INDENT, comment, table_lines


@record
class Carried:
    """Figures taken from last year's report (``Format.carry``)."""

    file: str
    year: int
    values: dict[tuple[str, CellKey], Number] = field(default_factory=dict)  # (section, cell) here → value
    organ_type: str | None = None  # the kind of body, which does not change from year to year


def skeleton(fmt: Format, organ: str, year: int, organ_type: str | None, previous: Carried | None,
             schema_ref: str) -> str:
    """The YAML text of a report skeleton (``schema_ref``: the schema path for the editor modeline)."""
    z = lambda key, **args: t(key, "zh", **args)  # noqa: E731 - the report file is written in Chinese
    organ = organ.strip()
    fields = fmt.fields
    out = [f"# yaml-language-server: $schema={schema_ref}",
           *comment(z("init.file.header", title=fmt.default_title(organ, year))),
           f"format: {json.dumps(fmt.name)}",
           f"organ: {json.dumps(organ, ensure_ascii=False)}   # {fields['organ'].title}"]
    types = {o.key: o for o in fmt.organ_types}
    organ_type = organ_type or (previous.organ_type if previous else None)
    if organ_type:
        out.append(f"organ_type: {organ_type}   # {fields['organ_type'].title}：{types[organ_type].label}")
    else:
        choices = "；".join(f"{o.key} {o.label}" for o in fmt.organ_types)
        out += comment(z("init.file.organ_type", title=fields["organ_type"].title, choices=choices))
    out += [f"year: {year}   # {fields['year'].title}",
            f"intro: |   # {fields['intro'].title}",
            f"  {z('init.file.intro', year=year)}"]
    notes: dict[tuple[str, Path], str] = {}
    values: dict[tuple[str, CellKey], Number] = {}
    if previous:
        values = dict(previous.values)
        carried = {(section, path_) for section, (path_, _) in previous.values}
        for carry in fmt.carry:
            if (carry.section, carry.target) not in carried:  # last year's format had no such figure
                continue
            source = fmt.table_by_section[carry.section].row(carry.source).label
            key = "init.file.carried_over" if carry.column is None else "init.file.in_force"
            notes[(carry.section, carry.target)] = z(key, file=previous.file, year=previous.year, row=source)
        if fmt.init_balance:
            # Nothing is handled yet, so everything carried over is still to be carried forward: this keeps
            # the table's balance until the figures are filled in.
            section, row, same = fmt.init_balance
            for (sec, (path_, col)), value in previous.values.items():
                if (sec, path_) == (section, row):
                    values[(section, (same, col))] = value
            notes[(section, same)] = z("init.file.balance", row=fmt.table_by_section[section].row(row).label)
    for section in fmt.sections:
        out += ["", *comment(f"{section.heading}：{section.hint}")]
        if section.kind == "text":
            out += [f"{section.key}: |", *_narrative(fmt, section, z)]
        else:
            out += [f"{section.key}:", *_table(fmt, fmt.table_by_section[section.key], values, notes, z)]
    return "\n".join(out) + "\n"


def _narrative(fmt: Format, section: Section, z) -> list[str]:
    placeholder = z("init.file.placeholder")
    if section is not fmt.sections[0] or not fmt.overview_topics:
        return [f"  {placeholder}"]
    lines: list[str] = []
    for topic in fmt.overview_topics:
        lines += [f"  # {topic}", "", f"  {placeholder}", ""]
    return lines[:-1]


def _table(fmt: Format, table: TableSpec, values: dict[tuple[str, CellKey], Number],
           notes: dict[tuple[str, Path], str], z) -> list[str]:
    cells = {(r.path, c.key): values.get((table.section, (r.path, c.key)), 0)
             for r in table.rows if not r.row.total for c in r.columns if not c.total}
    row_notes = {path: f"（{note}）" for (section, path), note in notes.items() if section == table.section}
    return comment(z("init.file.text", title=fmt.fields["text"].title), INDENT) + table_lines(table, cells, row_notes)
