"""Generates ``schema/gipr-report.schema.json`` from the layout.

The committed schema is the contract for the input format (editors, check-jsonschema and
``gipr-gen check`` all read it); it is generated so that no label is typed twice. A test fails
when the committed file differs from this output. Regenerate with ``python -m gipr_gen.formats.schema_gen``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ..resources import schema_path
from . import DEFAULT
from .layout import DataRow, Format, Group, Row, Section, TableSpec

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{1,2}-[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)$"


def _field(fmt: Format, key: str, **schema: Any) -> dict[str, Any]:
    info = fmt.fields[key]
    return {"title": info.title, "description": f"{info.description}（{info.title_en}）", **schema}


def _cell(fmt: Format, row: DataRow, col) -> dict[str, Any]:
    where = " · ".join(row.labels)
    if col.kind == "decimal":
        body: dict[str, Any] = {"type": "number", "minimum": 0}
        what = f"金额，单位万元，最多 {col.decimals} 位小数"
    else:
        body = {"type": "integer", "minimum": 0}
        what = "件数，填 0 或正整数"
    if col.total:
        what += "；可不填，不填时自动计算，填了则校验"
    return {"title": col.label, "description": f"{where} · {col.label}：{what}。（{col.label_en}）", **body}


def _row(fmt: Format, row: DataRow) -> dict[str, Any]:
    cols = row.columns
    optional = "可整行不填，不填时自动计算。" if row.row.total else ""
    return {
        "title": row.label,
        "description": f"{' · '.join(row.labels)}。一行写全各列：{'、'.join(c.label for c in cols)}。"
                       f"{optional}（{row.row.label_en}）",
        "type": "object",
        "additionalProperties": False,
        "required": [c.key for c in cols if not c.total],
        "properties": {c.key: _cell(fmt, row, c) for c in cols},
    }


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
            props[item.key] = {"title": item.label, "description": f"{item.label}（{item.label_en}）",
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
        "description": f"{section.hint}（{section.hint_en}）",
        "type": "object",
        "additionalProperties": False,
        "required": body["required"],
        "properties": {"text": _field(fmt, "text", type="string"), **body["properties"]},
    }


def _text_section(fmt: Format, section: Section) -> dict[str, Any]:
    return {"title": section.heading, "description": f"{section.hint}\n\n{fmt.text_help}（{section.hint_en}）",
            "type": "string"}


def build_schema(fmt: Format = DEFAULT) -> dict[str, Any]:
    sections = {s.key: (_table_section(fmt, s) if s.kind == "table" else _text_section(fmt, s)) for s in fmt.sections}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:gipr-gen:report:{fmt.name}",
        "title": f"{fmt.report_name}（{fmt.name} 年格式）",
        "description": "gipr-gen 的报告文件格式：机关信息、六个部分的文字和三张统计表。"
                       "（gipr-gen report file: the body, the six sections' text and the three tables.）",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "organ", "year", *(s.key for s in fmt.sections)],
        "properties": {
            "format": _field(fmt, "format", enum=[fmt.name, int(fmt.name)]),
            "organ": _field(fmt, "organ", type="string", minLength=1),
            "organ_type": _field(fmt, "organ_type", enum=[o.key for o in fmt.organ_types],
                                 description=fmt.fields["organ_type"].description + "可选值："
                                 + "；".join(f"{o.key}：{o.label}" for o in fmt.organ_types) + "。"),
            "year": _field(fmt, "year", type="integer", minimum=2021, maximum=2100),
            "title": _field(fmt, "title", type="string", minLength=1),
            "intro": _field(fmt, "intro", type="string"),
            **sections,
            "signature": _field(fmt, "signature", type="object", additionalProperties=False, required=["date"],
                                properties={
                                    "organ": _field(fmt, "signature.organ", type="string", minLength=1),
                                    "date": _field(fmt, "signature.date", type="string", pattern=DATE_PATTERN),
                                }),
        },
    }


def render(fmt: Format = DEFAULT) -> str:
    return json.dumps(build_schema(fmt), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    path = schema_path(DEFAULT.schema_file)
    path.write_text(render(DEFAULT), encoding="utf-8")
    sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
