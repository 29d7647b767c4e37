"""Generates each format's JSON Schema (``schema/`` + ``Format.schema_file``: ``gipr-report.schema.json`` for
2021, ``gipr-report-2019.schema.json`` for 2019) from its layout, and validation code from that schema.

The committed schema is the contract for the input format (editors, check-jsonschema and
``gipr-gen check`` all read it); it is generated so that no label is typed twice. Each schema admits its
own ``format:`` value alone, so an editor holding a report to the other format's schema flags the
``format:`` line first, whose hover names the schema to use (``gipr-gen check`` picks it by ``format:``).
The validation code (``readers/schema_<format>_validator.py``, by fastjsonschema) gives ``check`` its
quick yes/no without importing jsonschema. Tests fail when any committed file differs from this output.
Regenerate them all with ``python -m gipr_gen.readers.schema_gen``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema

from ..formats import DEFAULT, FORMATS
from ..formats.layout import UNIT_KEY, Column, DataRow, Format, Group, Row, Section, TableSpec
from ..i18n import t, tr
from ..resources import schema_path
from . import schema_fast

# (?!\n): Python's $ (jsonschema) also matches before a final newline, ECMA-262's (editors, check-jsonschema) does not.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{1,2}-[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)(?!\n)$"
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\n)$"  # the publication date: YYYY-MM-DD, as pages state it


def _field(fmt: Format, key: str, **schema: Any) -> dict[str, Any]:
    info = fmt.fields[key]
    english = tr("field", info.title, "en")
    return {"title": info.title, "description": f"{info.description}（{english}）", **schema}


def _zh(key: str, **args: Any) -> str:
    """Hover text for editors: Chinese from the catalogue (the English follows in brackets)."""
    return t(key, "zh", **args)


def _cell(fmt: Format, row: DataRow, col: Column) -> dict[str, Any]:
    where = " · ".join(row.labels)
    if col.kind == "decimal":
        body: dict[str, Any] = {"type": "number", "minimum": 0}
        units = "、".join(col.units)
        what = (_zh("schema.hover.amount_stated", decimals=col.decimals, unit_key=UNIT_KEY, units=units) if col.units
                else _zh("schema.hover.amount", decimals=col.decimals))
    elif col.signed:  # bounded on both sides by the reader (schema._out_of_range), as counts are above
        body = {"type": "integer"}
        what = _zh("schema.hover.change")
    else:
        body = {"type": "integer", "minimum": 0}
        what = _zh("schema.hover.count")
    if col.total:
        what += _zh("schema.hover.total")
    english = tr("column", col.label, "en")
    return {"title": col.label, "description": _zh("schema.hover.cell", where=where, label=col.label, what=what)
            + f"（{english}）", **body}


def _row(fmt: Format, row: DataRow) -> dict[str, Any]:
    cols = row.columns
    optional = _zh("schema.hover.total_row") if row.row.total else ""
    amount = row.unit_column
    unit = {UNIT_KEY: _unit(amount)} if amount else {}
    return {
        "title": row.label,
        "description": _zh("schema.hover.row", labels=" · ".join(row.labels), columns="、".join(c.label for c in cols))
                       + f"{optional}（{tr('row', row.label, 'en')}）",
        "type": "object",
        "additionalProperties": False,
        "required": [c.key for c in cols if not c.total],
        "properties": {**{c.key: _cell(fmt, row, c) for c in cols}, **unit},
    }


def _unit(amount: Column) -> dict[str, Any]:
    """The optional ``unit`` of a row whose amount's label names none: one of the units reports used."""
    english = t("schema.hover.unit_title", "en", label=tr("column", amount.label, "en"))
    return {"title": _zh("schema.hover.unit_title", label=amount.label),
            "description": _zh("schema.hover.unit", label=amount.label, units="、".join(amount.units))
                           + f"（{english}）",
            "enum": list(amount.units)}


def _nest(fmt: Format, table: TableSpec, items, depth: int) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    for item in items:
        if isinstance(item, Group) and item.key is None:
            sub = _nest(fmt, table, item.children, depth)  # table 二's 第二十条 groups are not nested in YAML
            props.update(sub["properties"])
            required += sub["required"]
            continue
        if isinstance(item, Group):
            sub = _nest(fmt, table, item.children, depth + 1)
            english = tr("group", item.label, "en")
            props[item.key] = {"title": item.label, "description": f"{item.label}（{english}）",
                               "type": "object", "additionalProperties": False, **sub}
        else:
            path = next(r.path for r in table.rows if r.row is item)
            props[item.key] = _row(fmt, table.row(path))
        if not (isinstance(item, Row) and item.total):
            required.append(item.key)
    return {"required": required, "properties": props}


def _table_section(fmt: Format, section: Section) -> dict[str, Any]:
    table = fmt.table_by_section[section.key]
    body = _nest(fmt, table, table.body, 0)
    return {
        "title": section.heading,
        "description": f"{section.hint}（{tr('hint', section.hint, 'en')}）",
        "type": "object",
        "additionalProperties": False,
        "required": body["required"],
        "properties": {"text": _field(fmt, "text", type="string"), **body["properties"]},
    }


def _text_section(fmt: Format, section: Section) -> dict[str, Any]:
    english = tr("hint", section.hint, "en")
    return {"title": section.heading, "description": f"{section.hint}\n\n{fmt.text_help}（{english}）",
            "type": "string"}


def build_schema(fmt: Format = DEFAULT) -> dict[str, Any]:
    sections = {s.key: (_table_section(fmt, s) if s.kind == "table" else _text_section(fmt, s)) for s in fmt.sections}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:gipr-gen:report:{fmt.name}",
        "title": _zh("schema.hover.title", report_name=fmt.report_name, name=fmt.name),
        "description": _zh("schema.hover.description") + f"（{t('schema.hover.description', 'en')}）",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "organ", "year", *(s.key for s in fmt.sections)],
        "properties": {
            "format": _field(fmt, "format", enum=[fmt.name, int(fmt.name)]),
            "organ": _field(fmt, "organ", type="string", minLength=1),
            "organ_type": _field(fmt, "organ_type", enum=[o.key for o in fmt.organ_types],
                                 description=fmt.fields["organ_type"].description + _zh("schema.hover.choices")
                                 + "；".join(f"{o.key}：{o.label}" for o in fmt.organ_types) + "。"),
            "year": _field(fmt, "year", type="integer", minimum=fmt.first_year, maximum=2100),
            "title": _field(fmt, "title", type="string", minLength=1),
            "intro": _field(fmt, "intro", type="string"),
            **sections,
            "signature": _field(fmt, "signature", type="object", additionalProperties=False, required=["date"],
                                properties={
                                    "organ": _field(fmt, "signature.organ", type="string", minLength=1),
                                    "date": _field(fmt, "signature.date", type="string", pattern=DATE_PATTERN),
                                }),
            "published": _field(fmt, "published", type="string", pattern=ISO_DATE_PATTERN),
        },
    }


def render(fmt: Format = DEFAULT) -> str:
    return json.dumps(build_schema(fmt), ensure_ascii=False, indent=2) + "\n"


_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
_OWN_EXCEPTION = '''class JsonSchemaValueException(ValueError):
    """The data breaks the schema (this module's own, in place of fastjsonschema's)."""
'''
_HEADER = '''"""GENERATED by ``python -m gipr_gen.readers.schema_gen`` from the {name} format's schema with fastjsonschema
{version} (compile_to_code); do not edit. Rerun that command after any change to the schema. The input is the
schema's constraints alone, each object shape that recurs under $defs (schema_gen._constraints).

``validate(data)`` raises JsonSchemaValueException at the first problem. The code needs nothing of fastjsonschema
at run time: its import is replaced by an exception class of this module's own.
"""

'''


_ANNOTATIONS = ("$id", "title", "description")  # no part of a verdict; without $id the function is named validate


def _constraints(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without annotations, each object shape that recurs (a row of six counts, say) written once
    under $defs: the same verdicts, from generated code a fraction of the size."""
    def strip(node: dict[str, Any]) -> dict[str, Any]:
        return {k: {p: strip(s) for p, s in v.items()} if k == "properties" else v
                for k, v in node.items() if k not in _ANNOTATIONS}

    def shapes(node: dict[str, Any]) -> Iterator[str]:
        if "properties" in node:
            yield json.dumps(node, sort_keys=True)
            for sub in node["properties"].values():
                yield from shapes(sub)

    def factor(node: dict[str, Any]) -> dict[str, Any]:
        if "properties" not in node:
            return node
        key = json.dumps(node, sort_keys=True)
        node = {**node, "properties": {k: factor(s) for k, s in node["properties"].items()}}
        if times[key] == 1:
            return node
        name = names.setdefault(key, f"shape{len(names)}")
        defs[name] = node
        return {"$ref": f"#/$defs/{name}"}

    bare = strip(schema)
    times = Counter(shapes(bare))
    names: dict[str, str] = {}
    defs: dict[str, dict[str, Any]] = {}
    return {**factor(bare), "$defs": defs}


def render_validator(fmt: Format = DEFAULT) -> str:
    """Python code that validates a report against the format's schema, generated by fastjsonschema."""
    definition = _constraints(build_schema(fmt))
    code = fastjsonschema.compile_to_code(definition, use_default=False, use_formats=False, detailed_exceptions=False)
    if code.count(_IMPORT) != 1:
        raise RuntimeError(f"fastjsonschema {fastjsonschema.VERSION} no longer imports {_IMPORT!r}: update schema_gen")
    return _HEADER.format(name=fmt.name, version=fastjsonschema.VERSION) + code.replace(_IMPORT, _OWN_EXCEPTION)


def validator_path(fmt: Format = DEFAULT) -> Path:
    return Path(schema_fast.__file__).with_name(f"{schema_fast.module_name(fmt)}.py")


def main() -> None:
    for fmt in FORMATS.values():
        for path, text in ((schema_path(fmt.schema_file), render(fmt)), (validator_path(fmt), render_validator(fmt))):
            path.write_text(text, encoding="utf-8")
            sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
