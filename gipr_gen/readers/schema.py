"""Schema validation: the format's JSON Schema applied to the data, each problem said plainly and located.

``validate`` returns findings (rules Y-KEY, Y-TYPE, S-01, T3-04 …); the engine reports them under the
rules that declare the schema as their check.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Any, Iterator

from .. import formats
from ..diagnostics import Diagnostic
from ..formats.layout import UNIT_KEY, Column, Format, TableSpec
from ..formats.naming import title
from ..formats.numerals import count
from ..i18n import Bi, bi
from ..patterns import pattern
from ..resources import schema_file
from .schema_fast import conforms
from .yaml_source import Key, Source

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def schema(fmt: Format) -> dict[str, Any]:
    import json  # the whole schema is read only when a report breaks it

    return json.loads(schema_file(fmt.schema_file).read_text(encoding="utf-8"))


@cache
def _validator(fmt: Format) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported only for reports that need findings

    return Draft202012Validator(schema(fmt))


def validate(src: Source, fmt: Format) -> tuple[list[Diagnostic], set[str]]:
    """The schema findings of a report, and the top-level keys that had any."""
    dates = _impossible_dates(src, fmt) + _too_many_decimals(src, fmt) + _out_of_range(src, fmt)
    if not dates and conforms(fmt, src.data):
        return [], set()
    fits = _format_that_fits(src, fmt)
    if fits is not None:  # last year's file of the other format, its tables rewritten and format: left as it was
        mark = src.mark(_FORMAT)
        return [Diagnostic(src.file, mark.line, mark.column, "Y-VALUE", fmt.rule_by_id["Y-VALUE"].severity,
                           "schema.format_fits", {"value": _raw(src, _FORMAT, src.data_at(_FORMAT)),
                                                  "fits": fits.name})], {_FORMAT[0]}
    findings: dict[tuple, tuple[Key, str, str, dict[str, Any]]] = {}
    for err in _validator(fmt).iter_errors(src.data):
        for f in _explain(src, fmt, err, tuple(err.absolute_path)):
            findings.setdefault((f[0], f[2], f[3].get("key")), f)
        if len(findings) >= MAX_FINDINGS:  # a file of 100,000 stray keys: the first ones say enough
            break
    findings.update({(f[0], f[2], None): f for f in dates})
    # A misspelt key is one finding, not two: drop "missing X" where an unknown key here suggests X.
    meant = {(key[:-1], m) for key, _, msg, args in findings.values() for m in args.get("meant", ())}
    bad: set[str] = set()
    out: list[Diagnostic] = []
    for key, rule, msg, args in findings.values():
        if msg.startswith("schema.required") and (key, args.get("key")) in meant:
            continue
        args = {k: v for k, v in args.items() if k != "meant"}
        at_key = msg == "schema.unknown_key" or msg.startswith("schema.required")  # point at the key line
        mark = src.key_mark(key) if at_key else src.mark(key)
        out.append(Diagnostic(src.file, mark.line, mark.column, rule, fmt.rule_by_id[rule].severity, msg, args))
        bad.add(str(key[0]) if key else "")
    return out, bad


_FORMAT: Key = ("format",)


def _format_that_fits(src: Source, fmt: Format) -> Format | None:
    """Another format whose schema the data meets in all but its ``format:`` value: one mistake, said once,
    rather than every row of tables that are another format's."""
    if not isinstance(src.data, dict) or "format" not in src.data:
        return None
    return next((other for other in formats.FORMATS.values()
                 if other is not fmt and conforms(other, {**src.data, "format": other.name})), None)


def _raw(src: Source, path: Key, inst: Any) -> str:
    """A value as the user wrote it ("yes", ""), not as Python read it (True, None)."""
    scalar = src.scalars.get(path)
    return scalar.raw if scalar else "…" if isinstance(inst, (dict, list)) else str(inst)


_DATED: tuple[Key, ...] = (("signature", "date"), ("published",))


def _impossible_dates(src: Source, fmt: Format) -> list[tuple[Key, str, str, dict[str, Any]]]:
    """A date of the right form that no calendar has (2025-02-30)."""
    out = []
    for key in _DATED:
        value = src.data_at(key)
        m = _DATE.fullmatch(value) if isinstance(value, str) else None
        if m is None:  # not of the right form (2024-01-99999999999): the schema's pattern says so
            continue
        try:
            date(*(int(x) for x in m.groups() if x is not None))
        except ValueError:
            out.append((key, "Y-VALUE", "schema.no_such_date", {"title": title(fmt, key), "value": value}))
    return out


_DATE = pattern(r"([0-9]{4})(?:-([0-9]{1,2})-([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)")


def _rule_for(fmt: Format, path: Key) -> str:
    """The rule a bad table cell breaks (the table's, or its column's own); Y-TYPE elsewhere."""
    table = fmt.table_by_section.get(str(path[0])) if len(path) > 2 else None
    if table is None:
        return "Y-TYPE"
    column = _column(table, path)
    return column.rule if column and column.rule else table.cell_rule


def _column(table: TableSpec, path: Key):
    return table.locate(tuple(str(p) for p in path[1:]))[1]


# The largest figure a report can state: no body decides a billion matters in a year, and no fee comes
# near 10^10 万元 (China's yearly GDP); the same fee typed in yuan stays below it, for T2-04 to name.
COUNT_MAX = 999_999_999
AMOUNT_MAX = 10_000_000_000  # 万元
MAX_FINDINGS = 1000  # schema findings per file


def _cells(fmt: Format) -> Iterator[tuple[TableSpec, Column, Key]]:
    """Every table cell of the format: its table, its column and its key in the report."""
    for table in fmt.tables:
        for row in table.rows:
            for col in row.columns:
                yield table, col, (table.section, *row.path, col.key)


def _out_of_range(src: Source, fmt: Format) -> list[tuple[Key, str, str, dict[str, Any]]]:
    """A table figure beyond any real report's (the schema only bounds it below)."""
    out = []
    for table, col, key in _cells(fmt):
        value = src.data_at(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        maximum = AMOUNT_MAX if col.kind == "decimal" else COUNT_MAX
        minimum = -maximum if col.signed else 0  # a change is bounded as a count is (a count below 0: the schema)
        if value > maximum or (col.signed and value < minimum):
            out.append((key, col.rule or table.cell_rule, "schema.range",
                        {"title": title(fmt, key), "minimum": minimum, "maximum": maximum,
                         "value": src.raw(key) or value}))
    return out


def _too_many_decimals(src: Source, fmt: Format) -> list[tuple[Key, str, str, dict[str, Any]]]:
    """An amount written with more decimal places than its column allows (JSON Schema's multipleOf is
    inexact for decimal fractions, so the places are counted in the text as written)."""
    out = []
    for table, col, key in _cells(fmt):
        raw = src.raw(key)
        if col.decimals is None or raw is None or not isinstance(src.data_at(key), float):
            continue
        try:
            places = max(0, -Decimal(raw).normalize().as_tuple().exponent)
        except InvalidOperation:
            continue
        if places > col.decimals:
            out.append((key, col.rule or table.cell_rule, "rule.decimals",
                        {"title": title(fmt, key), "places": col.decimals, "value": raw}))
    return out


# ---- one jsonschema error → (where, rule, message key, args) -------------------------------------


def _explain(src: Source, fmt: Format, err: ValidationError, path: Key) -> list[tuple[Key, str, str, dict[str, Any]]]:
    v = err.validator
    inst = err.instance
    if v == "required":
        missing = [k for k in err.validator_value if isinstance(inst, dict) and k not in inst]
        return [_missing(fmt, path, k) for k in missing]
    if v == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in allowed][:MAX_FINDINGS] if isinstance(inst, dict) else []
        rule = "S-02" if path and str(path[0]) in fmt.table_by_section else "Y-KEY"
        return [(path + (k,), rule, "schema.unknown_key", {"key": k, **_key_hint(fmt, k, allowed)}) for k in extra]
    name = title(fmt, path)
    if v == "type":
        return [_type_error(src, fmt, path, name, err)]
    if v == "minimum" and isinstance(inst, (int, float)) and not isinstance(inst, bool):
        if err.validator_value == 0:
            return [(path, _rule_for(fmt, path), "schema.negative", {"title": name, "value": inst})]
        return [(path, "Y-RANGE", "schema.range", {"title": name, "minimum": err.schema.get("minimum"),
                                                  "maximum": err.schema.get("maximum"), "value": inst})]
    if v == "maximum":
        return [(path, "Y-RANGE", "schema.range", {"title": name, "minimum": err.schema.get("minimum"),
                                                  "maximum": err.schema.get("maximum"), "value": inst})]
    if v in ("enum", "const"):
        allowed = err.validator_value if v == "enum" else [err.validator_value]
        if path == _FORMAT:  # each format's schema names its own value; gipr-gen reads them all
            allowed = list(formats.FORMATS)
        shown = "、".join(str(a) for a in dict.fromkeys(str(a) for a in allowed))
        return [(path, "Y-VALUE", "schema.enum", {"title": name, "allowed": shown, "value": _raw(src, path, inst)})]
    if v == "pattern":
        desc = err.schema.get("description", "")
        return [(path, "Y-VALUE", "schema.pattern", {"title": name, "value": inst, "description": desc})]
    if v == "minLength":
        return [(path, "Y-VALUE", "schema.min_length", {"title": name})]
    return [(path, "Y-VALUE", "schema.other", {"title": name, "detail": Bi(err.message, err.message)})]


def _missing(fmt: Format, path: Key, key: str) -> tuple[Key, str, str, dict[str, Any]]:
    full = path + (key,)
    if not path and key in fmt.section_by_key:
        s = fmt.section_by_key[key]
        return path, "S-01", "schema.required_section", {"number": s.number, "heading": s.heading, "key": key}
    head = str(full[0])
    table = fmt.table_by_section.get(head)
    if table:
        rel = tuple(str(p) for p in full[1:])
        rows = [r for r in table.rows if r.path[:len(rel)] == rel]
        if rows:
            label = rows[0].label if rows[0].path == rel else (table.group_label(rel) or rel[-1])
            return path, "S-02", "schema.required_row", {"label": label, "key": key}
        row = next((r for r in table.rows if r.path == rel[:-1]), None)
        if row:
            col = next(c for c in row.columns if c.key == key)
            return path, "S-02", "schema.required_cell", {"row": row.label, "label": col.label, "key": key}
    return path, "Y-REQUIRED", "schema.required", {"title": title(fmt, full), "key": key}


@cache
def _labels_to_keys(fmt: Format) -> dict[str, str]:
    out = {s.title: s.key for s in fmt.sections} | {s.heading: s.key for s in fmt.sections}
    for table in fmt.tables:
        for row in table.rows:
            out[row.label] = row.path[-1]
            out[re.sub(r"^[（(]?[一二三四五六七八九十0-9]+[）)、.]", "", row.label)] = row.path[-1]
            for col in row.columns:
                out[col.label] = col.key
    out |= {info.title: key.split(".")[-1] for key, info in fmt.fields.items()}
    return out


_FULLWIDTH_IN_KEY = pattern("[：，\u3000]")  # typed by an input method in place of ': ' or ', '


def _key_hint(fmt: Format, key: str, allowed: list[str]) -> dict[str, Any]:
    """The hint for an unknown key, and the allowed key it most likely meant (if any)."""
    if key.isdigit():  # {decisions: 4,862} reads as decisions 4 and a key "862"
        return {"hint": bi("hint.thousands", digits=key)}
    words = [w.strip(" ") for w in re.split(r"[：，\u3000:,]", key)]
    if _FULLWIDTH_IN_KEY.search(key) and any(w in allowed for w in words):
        return {"hint": bi("hint.fullwidth_in_key"), "meant": [w for w in words if w in allowed]}
    by_label = _labels_to_keys(fmt).get(key.strip())
    if by_label in allowed:
        return {"hint": bi("hint.label_key", label=key, suggestion=by_label), "meant": [by_label]}
    import difflib

    close = difflib.get_close_matches(words[0].lower(), allowed, n=1, cutoff=0.6)
    if close:
        return {"hint": bi("hint.did_you_mean", suggestion=close[0]), "meant": close}
    return {"hint": bi("hint.valid_keys", keys=", ".join(allowed))}


# ---- type errors, with the fix spelled out -------------------------------------------------------

_FULL_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_PLACEHOLDERS = {"", "/", "／", "-", "—", "－", "——", "无", "空", "none", "null", "n/a", "na"}


def _type_error(src: Source, fmt: Format, path: Key, name: Bi, err: ValidationError) -> tuple[Key, str, str, dict[str, Any]]:
    inst = err.instance
    expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
    numeric = expected in ("integer", "number")
    rule = _rule_for(fmt, path) if numeric else "Y-TYPE"
    if numeric and inst is None:
        return path, rule, "schema.empty_cell", {"title": name}
    if numeric and isinstance(inst, float) and expected == "integer":
        return path, rule, "schema.not_integer", {"title": name, "value": inst}
    if numeric and isinstance(inst, str):
        text = inst.strip()
        scalar = src.scalars.get(path)
        hint_key, hint_args = "hint.placeholder", {}
        # a figure of a sane length (no hint reads 5,000 digits, and int() would refuse past 4,300)
        m = re.fullmatch(r"([0-9０-９.．,，]{1,24})\s*(件|条|个|项|起|次|元|万元|万|年)?", text)
        yuan = _yuan(m.group(1)) if m and m.group(2) == "元" and _is_amount(fmt, path) else None
        column = _column_at(fmt, path)
        change = _CHANGE.fullmatch(text) if column is not None and column.signed else None
        if text.lower() in _PLACEHOLDERS:
            pass
        elif change:  # 本年增/减 written 减4 or 增3: a decrease is a negative number
            fix = int(change.group(2).translate(_FULL_DIGITS))
            hint_key, hint_args = "hint.write_number", {"fix": -fix if change.group(1) in _DECREASE else fix}
        elif m and column is not None and m.group(2) in column.units:  # "251000元" where the row states the unit
            fix = m.group(1).translate(_FULL_DIGITS).replace(",", "").replace("，", "")
            hint_key, hint_args = "hint.amount_unit", {"fix": fix, "unit_key": UNIT_KEY, "unit": m.group(2)}
        elif m and yuan is not None:
            hint_key, hint_args = "hint.fee_yuan", {"yuan": m.group(1), "fix": f"{yuan / 10000:g}"}
        elif m:
            digits = m.group(1).translate(_FULL_DIGITS).replace(",", "").replace("，", "")
            if scalar and scalar.style in ('"', "'") and digits == text:
                hint_key = "hint.quote_number"
            elif m.group(1) != m.group(1).translate(_FULL_DIGITS):
                hint_key = "hint.fullwidth_digits"
            else:
                hint_key = "hint.write_number"
            hint_args = {"fix": digits}
        elif len(text) <= 24:
            cn = count(re.sub(r"(件|条|个|项|起|次)$", "", text))
            if cn is not None:
                hint_key, hint_args = "hint.write_number", {"fix": cn}
        hint = bi(hint_key, **hint_args)
        return path, rule, "schema.number_as_text", {"title": name, "value": inst, "hint": hint}
    actual = {bool: "boolean", int: "integer", float: "number", str: "string", dict: "object",
              list: "array", type(None): "null"}[type(inst)]
    shown = _raw(src, path, inst)
    return path, rule, "schema.type", {"title": name, "expected": _type_name(expected),
                                       "actual": _type_name(actual), "value": shown}


def _yuan(written: str) -> float | None:
    """An amount in yuan as written ("3500", "3,500", "３５００"), or None when it is no number ("1.2.3")."""
    try:
        return float(written.translate(_FULL_DIGITS).replace(",", "").replace("，", ""))
    except ValueError:
        return None


def _column_at(fmt: Format, path: Key) -> Column | None:
    """The table column a cell's path names, or None when it names no cell."""
    table = fmt.table_by_section.get(str(path[0])) if len(path) > 2 else None
    return _column(table, path) if table else None


def _is_amount(fmt: Format, path: Key) -> bool:
    column = _column_at(fmt, path)
    return column is not None and column.kind == "decimal"


_CHANGE = pattern(r"(增加|减少|增|减|\+|＋|-|－)\s*([0-9０-９]{1,15})\s*(?:项|个|件)?")  # 本年增/减 as 减4, 增加3
_DECREASE = ("减少", "减", "-", "－")


def _type_name(name: str) -> Bi:
    return bi("type." + name)
