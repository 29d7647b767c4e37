"""YAML reports as gipr-gen writes them: an imported published report (``report_yaml``), and the table rows
``init``'s skeleton shares with it (``table_lines``): one flow mapping per official row, its label as a comment.

Every value is written so that YAML reads back exactly what was meant: narrative as a literal block scalar
where one can hold it, else one double-quoted line with escapes; unknown figures as ``null``. Each import
note is a comment (``# 导入：…``) on the line it marks: the row of its cell, its section's key or its field.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING, Mapping

from ..formats.layout import UNIT_KEY, CellKey, Column, Group, Path, Row, TableSpec
from ..formats.numerals import format_number
from ..i18n import t
from ..model import Number
from ..patterns import pattern

if TYPE_CHECKING:
    from ..readers.recognise.result import Imported, Note

WRAP = 60  # characters per comment line (Chinese text has no spaces to break at)
INDENT = "  "
# What a literal block scalar cannot hold as written: characters YAML does not print or reads as a line
# break (CR, NEL, U+2028/U+2029), and the byte order mark. Written as the small set it is, not as the
# complement of what YAML prints: a class spanning most of Unicode costs milliseconds to compile at each start.
_NOT_IN_BLOCK = pattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _z(key: str, **args) -> str:
    return t(key, "zh", **args)  # a report file is written in Chinese


# ---- comments ------------------------------------------------------------------------------------


def comment(text: str, indent: str = "") -> list[str]:
    """``text`` as comment lines of at most ``WRAP`` characters."""
    return [f"{indent}# {line}" for line in textwrap.wrap(_commentable(text), WRAP)]


def _commentable(text: str) -> str:
    """``text`` on one line that a comment can hold: line breaks and what YAML cannot print as spaces."""
    return " ".join(_NOT_IN_BLOCK.sub(" ", text).split())


def columns_comment(columns: tuple[Column, ...], indent: str) -> list[str]:
    names = "、".join(f"{c.label} {c.key}" for c in columns if not c.total)
    totals = "、".join(f"{c.label} {c.key}" for c in columns if c.total)
    text = _z("init.file.columns", columns=names)
    if totals:
        text += _z("init.file.total_column", columns=totals)
    return comment(text, indent)


# ---- table rows ----------------------------------------------------------------------------------


def number(value: Number | None) -> str:
    """A figure as YAML reads it back: never an exponent, which YAML 1.1 would read as text."""
    return "null" if value is None else format_number(value)


def table_lines(table: TableSpec, values: Mapping[CellKey, Number | None], row_notes: Mapping[Path, str],
                indent: str = INDENT, units: Mapping[Path, str] | None = None) -> list[str]:
    """The rows of a table section: group and column comments, then one flow mapping per row with exactly
    the cells in ``values`` (None written as null) and the unit ``units`` states for its amount, its label as
    a comment followed by ``row_notes[path]``. A 总计 row with no cell in ``values`` is a comment saying it
    is derived."""
    lines = columns_comment(table.columns, indent) if table.columns else []
    width = max(2 * len(r.path) + len(r.path[-1]) + 1 for r in table.rows)  # indent + "key:"

    def walk(items: tuple[Row | Group, ...], path: Path, indent: str) -> None:
        for item in items:
            if isinstance(item, Group) and item.key is None:
                lines.extend(comment(item.label, indent))
                lines.extend(columns_comment(item.columns, indent))
                walk(item.children, path, indent)
            elif isinstance(item, Group):
                lines.append(f"{indent}{item.key}:   # {item.label}")
                walk(item.children, path + (item.key,), indent + INDENT)
            else:
                row = table.row(path + (item.key,))
                note = row_notes.get(row.path, "")
                cells = [(c.key, values[(row.path, c.key)]) for c in row.columns if (row.path, c.key) in values]
                if item.total and not cells:
                    lines.append(f"{indent}# {item.key}: {item.label} — {_z('init.file.total_row')}{note}")
                    continue
                key = f"{indent}{item.key}:".ljust(width)
                mapping = ", ".join([*(f"{column}: {number(value)}" for column, value in cells),
                                     *([f"{UNIT_KEY}: {units[row.path]}"] if units and row.path in units else [])])
                lines.append(f"{key} {{{mapping}}}   # {item.label}{note}")

    walk(table.body, (), indent)
    return lines


# ---- text values ---------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_TO_ESCAPE = pattern('[\\\\"\t\n]|' + _NOT_IN_BLOCK.pattern)


def quoted(text: str) -> str:
    """``text`` as a one-line double-quoted YAML scalar."""
    def escape(m: re.Match) -> str:
        ch = m.group()
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        code = ord(ch)
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"
    return '"' + _TO_ESCAPE.sub(escape, text) + '"'


def text_value(key: str, text: str, indent: str = "", note: str = "") -> list[str]:
    """``key: |`` and ``text`` as a literal block scalar, or ``key: "…"`` when a block cannot hold it exactly:
    empty text, characters it cannot hold, or more than one line break at the end (keeping them would
    take in the blank line that follows). ``note`` is a comment on the key's line."""
    after = f"   # {note}" if note else ""
    trailing = len(text) - len(text.rstrip("\n"))
    if not text.strip("\n") or trailing > 1 or _NOT_IN_BLOCK.search(text):
        return [f"{indent}{key}: {quoted(text)}{after}"]
    header = "|" + ("2" if text[0] in " \t\n" else "") + ("-" if trailing == 0 else "")
    body = [f"{indent}{INDENT}{line}" if line else "" for line in text.removesuffix("\n").split("\n")]
    return [f"{indent}{key}: {header}{after}", *body]


# ---- the imported report -------------------------------------------------------------------------


def note_text(note: Note) -> str:
    """A note as the comment says it, in Chinese: the rule, what happened, where in the published source."""
    where = note.place.describe("zh")
    return _commentable(_z("recognise.yaml.note", rule=note.rule, message=_z(note.key, **note.args),
                        place=f"（{where}）" if where else ""))


def report_yaml(imported: Imported, schema_ref: str) -> str:
    """The YAML report of what ``recognise`` read (``schema_ref``: the schema path for the editor modeline)."""
    fmt = imported.format
    fields = fmt.fields
    marks: dict[tuple, list[str]] = {}  # ("field", name) | ("section", key) | ("row", section, path) → notes
    for note in imported.notes:
        if note.section is not None and note.cell is not None:
            where: tuple = ("row", note.section, note.cell[0])
        elif note.section is not None:
            where = ("section", note.section)
        else:
            where = ("field", note.field)
        marks.setdefault(where, []).append(note_text(note))
    placed: set[tuple] = set()

    def mark(*where) -> str:
        placed.add(where)
        return "；".join(marks.get(where, ()))

    def titled(name: str) -> str:  # the comment of a field's line: its title, then its notes
        return " ".join(filter(None, (fields[name].title, mark("field", name))))

    def field(key: str, value: str, name: str | None = None) -> str:
        return f"{key}: {value}   # {titled(name or key)}"

    title = imported.title or (fmt.default_title(imported.organ, imported.year)
                               if imported.organ and imported.year else fmt.report_name)
    header = _z("recognise.yaml.header", title=title, file=imported.file)
    body = [f"format: {quoted(fmt.name)}",
            field("organ", quoted(imported.organ) if imported.organ else "null"),
            field("year", str(imported.year) if imported.year is not None else "null")]
    if imported.title:
        body.append(field("title", quoted(imported.title)))
    if imported.published:  # the page's own date: S-04 holds it against the deadline
        body.append(field("published", quoted(imported.published)))
    if imported.intro:
        body += text_value("intro", imported.intro, note=titled("intro"))
    for section in fmt.sections:
        body += ["", *comment(section.heading)]
        notes = mark("section", section.key)
        text = imported.texts.get(section.key, "")
        if section.kind == "text":
            body += text_value(section.key, text, note=notes)
            continue
        body.append(f"{section.key}:" + (f"   # {notes}" if notes else ""))
        if text:
            body += text_value("text", text, INDENT)
        table = fmt.table_by_section[section.key]
        row_notes = {r.path: f"  {mark('row', section.key, r.path)}" for r in table.rows
                     if ("row", section.key, r.path) in marks}
        body += table_lines(table, _written(table, imported.values.get(section.key, {})), row_notes,
                            units=imported.units.get(section.key))
    if imported.signature_organ or imported.signature_date:
        body += ["", f"signature:   # {titled('signature')}"]
        if imported.signature_organ:
            body.append(INDENT + field("organ", quoted(imported.signature_organ), "signature.organ"))
        body.append(INDENT + field("date", quoted(imported.signature_date) if imported.signature_date else "null",
                                   "signature.date"))
    stray = [n for where, notes in marks.items() if where not in placed for n in notes]
    out = [f"# yaml-language-server: $schema={schema_ref}", *comment(header), *(f"# {n}" for n in stray), *body]
    return "\n".join(out) + "\n"


def _written(table: TableSpec, values: Mapping[CellKey, Number | None]) -> dict[CellKey, Number | None]:
    """The cells to write: every cell of a row, unknown ones as None, except totals that are unknown
    (derived from their parts instead)."""
    out: dict[CellKey, Number | None] = {}
    for row in table.rows:
        for column in row.columns:
            value = values.get((row.path, column.key))
            if value is not None or not (column.total or row.row.total):
                out[(row.path, column.key)] = value
    return out
