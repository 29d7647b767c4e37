"""Generates ``schema/gipr-report.schema.json`` from the layout.

The committed schema is the contract for the input format (editors, check-jsonschema and
``gipr-gen check`` all read it); it is generated so that no label is typed twice. A test fails
when the committed file differs from this output. Regenerate with ``python -m gipr_gen.schema_gen``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from . import layout as L
from .resources import schema_path

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{1,2}-[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)$"


def _field(key: str, **schema: Any) -> dict[str, Any]:
    info = L.FIELDS[key]
    return {"title": info.title, "description": f"{info.description}（{info.title_en}）", **schema}


def _cell(table: L.TableSpec, row: L.DataRow, col: L.Column) -> dict[str, Any]:
    where = " · ".join(row.labels)
    if col.kind == "decimal":
        body: dict[str, Any] = {"type": "number", "minimum": 0}
        what = f"金额，单位万元，最多 {L.FEE_DECIMALS} 位小数"
    else:
        body = {"type": "integer", "minimum": 0}
        what = "件数，填 0 或正整数"
    if col.total:
        what += "；可不填，不填时自动计算，填了则校验"
    return {"title": col.label, "description": f"{where} · {col.label}：{what}。（{col.label_en}）", **body}


def _row(table: L.TableSpec, row: L.DataRow) -> dict[str, Any]:
    cols = row.columns
    optional = "可整行不填，不填时自动计算。" if row.row.total else ""
    return {
        "title": row.label,
        "description": f"{' · '.join(row.labels)}。一行写全各列：{'、'.join(c.label for c in cols)}。"
                       f"{optional}（{row.row.label_en}）",
        "type": "object",
        "additionalProperties": False,
        "required": [c.key for c in cols if not c.total],
        "properties": {c.key: _cell(table, row, c) for c in cols},
    }


def _nest(table: L.TableSpec, items, depth: int) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    for item in items:
        if isinstance(item, L.Group) and item.key is None:
            sub = _nest(table, item.children, depth)  # table 二's 第二十条 groups are not nested in YAML
            props.update(sub["properties"])
            required += sub["required"]
            continue
        if isinstance(item, L.Group):
            sub = _nest(table, item.children, depth + 1)
            props[item.key] = {"title": item.label, "description": f"{item.label}（{item.label_en}）",
                               "type": "object", "additionalProperties": False, **sub}
        else:
            path = next(r.path for r in table.rows if r.row is item)
            props[item.key] = _row(table, table.row(path))
        if not (isinstance(item, L.Row) and item.total):
            required.append(item.key)
    return {"required": required, "properties": props}


def _table_section(section: L.Section) -> dict[str, Any]:
    table = L.TABLE_BY_SECTION[section.key]
    body = _nest(table, table.body, 0)
    return {
        "title": section.heading,
        "description": f"{section.hint}（{section.hint_en}）",
        "type": "object",
        "additionalProperties": False,
        "required": body["required"],
        "properties": {"text": _field("text", type="string"), **body["properties"]},
    }


def _text_section(section: L.Section) -> dict[str, Any]:
    return {"title": section.heading, "description": f"{section.hint}\n\n{L.TEXT_HELP}（{section.hint_en}）",
            "type": "string"}


def build_schema() -> dict[str, Any]:
    sections = {s.key: (_table_section(s) if s.kind == "table" else _text_section(s)) for s in L.SECTIONS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:gipr-gen:report:2021",
        "title": f"{L.REPORT_NAME}（{L.FORMAT} 年格式）",
        "description": "gipr-gen 的报告文件格式：机关信息、六个部分的文字和三张统计表。"
                       "（gipr-gen report file: the body, the six sections' text and the three tables.）",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "organ", "year", *(s.key for s in L.SECTIONS)],
        "properties": {
            "format": _field("format", enum=[L.FORMAT, int(L.FORMAT)]),
            "organ": _field("organ", type="string", minLength=1),
            "organ_type": _field("organ_type", enum=[o.key for o in L.ORGAN_TYPES],
                                 description=L.FIELDS["organ_type"].description + "可选值："
                                 + "；".join(f"{o.key}：{o.label}" for o in L.ORGAN_TYPES) + "。"),
            "year": _field("year", type="integer", minimum=2021, maximum=2100),
            "title": _field("title", type="string", minLength=1),
            "intro": _field("intro", type="string"),
            **sections,
            "signature": _field("signature", type="object", additionalProperties=False, required=["date"],
                                properties={
                                    "organ": _field("signature.organ", type="string", minLength=1),
                                    "date": _field("signature.date", type="string", pattern=DATE_PATTERN),
                                }),
        },
    }


def render() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    schema_path().write_text(render(), encoding="utf-8")
    sys.stdout.write(f"{schema_path()}\n")


if __name__ == "__main__":
    main()
