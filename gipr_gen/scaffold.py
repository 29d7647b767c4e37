"""``gipr-gen init``: a complete report skeleton, written from the layout.

Every heading, hint, row, column, key and label comes from ``layout``; the surrounding words come
from the message catalogue. Totals (the 总计 column and the （七）总计 row) are left out: they are
derived, so a filled-in figure never contradicts a stale zero total. The skeleton is checked before
it is written, so what ``init`` writes always passes ``gipr-gen check`` (narrative warnings aside).
"""

from __future__ import annotations

import json
import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from . import layout as L
from .api import check_bytes, check_file
from .build import write_atomically
from .diagnostics import Diagnostic
from .messages import t
from .model import Number, default_title
from .resources import schema_path

_WRAP = 60  # characters per hint comment line (Chinese text has no spaces to break at)
_APPLICATIONS_CARRY = (("carried_forward",), ("carried_over",))  # last year's row → this year's row
_IN_FORCE_ROWS = tuple(r.path for r in L.PROACTIVE.rows if any(c.key == "in_force" for c in r.columns))


class ScaffoldError(Exception):
    """init cannot go on: ``key`` and ``args`` name a message; ``diagnostics`` explain it when known."""

    def __init__(self, key: str, diagnostics: list[Diagnostic] | None = None, **args: object):
        super().__init__(key)
        self.key, self.args_, self.diagnostics = key, args, diagnostics or []


@dataclass(frozen=True)
class Carried:
    """Figures taken from last year's report."""

    file: str
    year: int
    values: dict[L.CellKey, Number] = field(default_factory=dict)  # this year's cell → value


def overview_topics() -> list[str]:
    """The five sub-topics of 一、总体情况: （一）主动公开 … （五）监督保障."""
    return list(L.OVERVIEW_TOPICS)


def read_previous(path: Path) -> Carried:
    """Last year's carried-forward applications and in-force counts. Raises ScaffoldError when the
    file cannot be read or has errors (warnings are fine)."""
    try:
        checked = check_file(path, str(path))
    except FileNotFoundError as exc:
        raise ScaffoldError("init.previous_not_found", file=str(path)) from exc
    except OSError as exc:
        raise ScaffoldError("init.previous_unreadable", file=str(path), reason=exc.strerror or exc) from exc
    if checked.errors or checked.report is None:
        raise ScaffoldError("init.previous_errors", checked.diagnostics, file=str(path),
                            errors=len(checked.errors))
    apps = checked.report.tables["applications"]
    proactive = checked.report.tables["proactive_disclosure"]
    src_row, dst_row = _APPLICATIONS_CARRY
    values: dict[L.CellKey, Number] = {}
    for col in L.APPLICATIONS.row(dst_row).columns:
        if not col.total:
            values[(dst_row, col.key)] = apps.get(src_row, col.key)
    for path_ in _IN_FORCE_ROWS:
        values[(path_, "in_force")] = proactive.get(path_, "in_force")
    return Carried(str(path), checked.report.year, values)


def schema_reference(output: Path) -> str:
    """The schema path for the modeline: relative when the output lies inside the folder that holds
    schema/ (a checkout of this project), absolute otherwise."""
    schema = schema_path().resolve()
    folder = output.resolve().parent
    home = schema.parent.parent
    if folder == home or home in folder.parents:
        return Path(os.path.relpath(schema, folder)).as_posix()
    return schema.as_posix()


def scaffold(organ: str, year: int, organ_type: str | None = None, previous: Carried | None = None,
             schema_ref: str | None = None) -> str:
    """The YAML text of a report skeleton."""
    z = lambda key, **args: t(key, "zh", **args)  # noqa: E731 - the report file is written in Chinese
    organ = organ.strip()
    out = [f"# yaml-language-server: $schema={schema_ref or schema_path().as_posix()}",
           *_comment(z("init.file.header", title=default_title(organ, year))),
           f"format: {json.dumps(L.FORMAT)}",
           f"organ: {json.dumps(organ, ensure_ascii=False)}   # {L.FIELDS['organ'].title}"]
    types = {o.key: o for o in L.ORGAN_TYPES}
    if organ_type:
        out.append(f"organ_type: {organ_type}   # {L.FIELDS['organ_type'].title}：{types[organ_type].label}")
    else:
        choices = "；".join(f"{o.key} {o.label}" for o in L.ORGAN_TYPES)
        out += _comment(z("init.file.organ_type", title=L.FIELDS["organ_type"].title, choices=choices))
    out += [f"year: {year}   # {L.FIELDS['year'].title}",
            f"intro: |   # {L.FIELDS['intro'].title}",
            f"  {z('init.file.intro', year=year)}"]
    notes: dict[L.Path, str] = {}
    values: dict[L.CellKey, Number] = {}
    if previous:
        values = dict(previous.values)
        src_row, dst_row = _APPLICATIONS_CARRY
        src = L.APPLICATIONS.row(src_row).label
        notes[dst_row] = z("init.file.carried_over", file=previous.file, year=previous.year, row=src)
        for path_ in _IN_FORCE_ROWS:
            notes[path_] = z("init.file.in_force", file=previous.file, year=previous.year)
        # Nothing is handled yet, so everything carried over is still to be carried forward: this keeps
        # 第一项加第二项 equal to 第三项加第四项 until the figures are filled in.
        for (path_, col), value in previous.values.items():
            if path_ == dst_row:
                values[(src_row, col)] = value
        notes[src_row] = z("init.file.balance", row=L.APPLICATIONS.row(dst_row).label)
    for section in L.SECTIONS:
        out += ["", *_comment(f"{section.heading}：{section.hint}")]
        if section.kind == "text":
            out += [f"{section.key}: |", *_narrative(section, z)]
        else:
            out += [f"{section.key}:", *_table(L.TABLE_BY_SECTION[section.key], values, notes, z)]
    return "\n".join(out) + "\n"


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, _WRAP)]


def _narrative(section: L.Section, z) -> list[str]:
    placeholder = z("init.file.placeholder")
    if section.key != "overview":
        return [f"  {placeholder}"]
    lines: list[str] = []
    for topic in overview_topics():
        lines += [f"  # {topic}", "", f"  {placeholder}", ""]
    return lines[:-1]


def _table(table: L.TableSpec, values: dict[L.CellKey, Number], notes: dict[L.Path, str], z) -> list[str]:
    lines = _comment(z("init.file.text", title=L.FIELDS["text"].title), "  ")
    if table.columns:
        lines += _columns_comment(table.columns, "  ", z)
    width = max(2 * len(r.path) + len(r.path[-1]) + 1 for r in table.rows)  # indent + "key:"

    def walk(items: tuple[L.Row | L.Group, ...], path: L.Path, indent: str) -> None:
        for item in items:
            if isinstance(item, L.Group) and item.key is None:
                lines.extend(_comment(item.label, indent))
                lines.extend(_columns_comment(item.columns, indent, z))
                walk(item.children, path, indent)
            elif isinstance(item, L.Group):
                lines.append(f"{indent}{item.key}:   # {item.label}")
                walk(item.children, path + (item.key,), indent + "  ")
            elif item.total:
                lines.append(f"{indent}# {item.key}: {item.label} — {z('init.file.total_row')}")
            else:
                row = table.row(path + (item.key,))
                cells = ", ".join(f"{c.key}: {values.get((row.path, c.key), 0)}" for c in row.columns if not c.total)
                key = f"{indent}{item.key}:".ljust(width)
                note = f"（{notes[row.path]}）" if row.path in notes else ""
                lines.append(f"{key} {{{cells}}}   # {item.label}{note}")

    walk(table.body, (), "  ")
    return lines


def _columns_comment(columns: tuple[L.Column, ...], indent: str, z) -> list[str]:
    names = "、".join(f"{c.label} {c.key}" for c in columns if not c.total)
    totals = "、".join(f"{c.label} {c.key}" for c in columns if c.total)
    text = z("init.file.columns", columns=names)
    if totals:
        text += z("init.file.total_column", columns=totals)
    return _comment(text, indent)


def check_skeleton(text: str, file: str) -> None:
    """Raises ScaffoldError when the skeleton would not pass ``gipr-gen check`` (e.g. a year out of range)."""
    checked = check_bytes(text.encode("utf-8"), file)
    if checked.errors:
        raise ScaffoldError("init.invalid", checked.errors)


def write_skeleton(output: Path, text: str, force: bool) -> None:
    """Write the skeleton atomically; never replace an existing file unless ``force``.
    Raises ScaffoldError, or build.OutputError when the path cannot be written."""
    if output.is_dir():
        raise ScaffoldError("init.is_dir", path=str(output))
    if output.exists() and not force:
        raise ScaffoldError("init.exists", path=str(output))
    write_atomically(output, text.encode("utf-8"))
