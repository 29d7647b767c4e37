"""Schema validation: the committed JSON Schema applied to the data, errors said plainly and located."""

from __future__ import annotations

import difflib
import json
import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from . import layout as L
from .messages import Bi, bi
from .numerals import count
from .resources import schema_path
from .schema_fast import conforms
from .source import Key, Source

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported only for reports that need findings

    return Draft202012Validator(schema())


def validate(src: Source) -> set[str]:
    """Add schema findings to ``src.diagnostics``; return the top-level keys that had any."""
    dates = _impossible_dates(src)
    if not dates and conforms(schema(), src.data):
        return set()
    findings: dict[tuple, tuple[Key, str, str, dict[str, Any]]] = {}
    for err in _validator().iter_errors(src.data):
        for f in _explain(src, err, tuple(err.absolute_path)):
            findings.setdefault((f[0], f[2], f[3].get("key")), f)
    findings.update({(f[0], f[2], None): f for f in dates})
    # A misspelt key is one finding, not two: drop "missing X" where an unknown key here suggests X.
    meant = {(key[:-1], m) for key, _, msg, args in findings.values() for m in args.get("meant", ())}
    bad: set[str] = set()
    for key, rule, msg, args in findings.values():
        if msg.startswith("schema.required") and (key, args.get("key")) in meant:
            continue
        args = {k: v for k, v in args.items() if k != "meant"}
        at_key = msg == "schema.unknown_key" or msg.startswith("schema.required")  # point at the key line
        src.error(src.key_mark(key) if at_key else src.mark(key), rule, msg, **args)
        bad.add(str(key[0]) if key else "")
    return bad


def _raw(src: Source, path: Key, inst: Any) -> str:
    """A value as the user wrote it ("yes", ""), not as Python read it (True, None)."""
    scalar = src.scalars.get(path)
    return scalar.raw if scalar else "…" if isinstance(inst, (dict, list)) else str(inst)


def _impossible_dates(src: Source) -> list[tuple[Key, str, str, dict[str, Any]]]:
    """A date of the right form that no calendar has (2025-02-30)."""
    key: Key = ("signature", "date")
    value = src.data_at(key)
    if not isinstance(value, str):
        return []
    parts = [int(x) for x in re.findall(r"[0-9]+", value)]
    try:
        if len(parts) == 3:
            date(*parts)
    except ValueError:
        return [(key, "Y-VALUE", "schema.no_such_date", {"title": title(key), "value": value})]
    return []


# ---- naming a place in the report --------------------------------------------------------------


def title(path: Key) -> Bi:
    """A phrase naming a value's place, quotes included, e.g. 第三部分表格“（一）予以公开”行“自然人”列."""
    if not path:
        return Bi("报告", "the report")
    head = str(path[0])
    section = L.SECTION_BY_KEY.get(head)
    table = L.TABLE_BY_SECTION.get(head)
    if table and len(path) > 1:
        rel = tuple(str(p) for p in path[1:])
        row = next((r for r in table.rows if r.path == rel[:len(r.path)]), None)
        if row:
            where = Bi(f"第{section.number}部分表格“{row.label}”行", f"table {section.number}, row '{row.row.label_en}'")
            col = next((c for c in row.columns if len(rel) > len(row.path) and c.key == rel[len(row.path)]), None)
            if col:
                return Bi(f"{where.zh}“{col.label}”列", f"{where.en}, column '{col.label_en}'")
            return where
        group = _group_label(table, rel)
        if group != rel[-1]:
            return Bi(f"第{section.number}部分表格“{group}”", f"table {section.number}, group '{rel[-1]}'")
    if section and len(path) == 1:
        return Bi(f"“{section.heading}”", f"section {section.number}")
    dotted = ".".join(str(p) for p in path)
    info = L.FIELDS.get(dotted) or L.FIELDS.get(str(path[-1]))
    return Bi(f"“{info.title}”", f"'{info.title_en}'") if info else Bi(f"“{dotted}”", f"'{dotted}'")


def _rule_for(path: Key) -> str:
    """The spec rule a bad table cell breaks (T2-01/T2-02, T3-04, T4-04); Y-TYPE elsewhere."""
    head = str(path[0]) if path else ""
    if head == "proactive_disclosure" and len(path) > 2:
        return "T2-02" if path[-1] == "amount_wan_yuan" else "T2-01"
    if head == "applications" and len(path) > 2:
        return "T3-04"
    if head == "review_and_litigation" and len(path) > 2:
        return "T4-04"
    return "Y-TYPE"


# ---- one jsonschema error → (where, rule, message key, args) -------------------------------------


def _explain(src: Source, err: ValidationError, path: Key) -> list[tuple[Key, str, str, dict[str, Any]]]:
    v = err.validator
    inst = err.instance
    if v == "required":
        missing = [k for k in err.validator_value if isinstance(inst, dict) and k not in inst]
        return [_missing(path, k) for k in missing]
    if v == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in allowed] if isinstance(inst, dict) else []
        rule = "S-02" if path and str(path[0]) in L.TABLE_BY_SECTION else "Y-KEY"
        return [(path + (k,), rule, "schema.unknown_key", {"key": k, **_key_hint(k, allowed)}) for k in extra]
    name = title(path)
    if v == "type":
        return [_type_error(src, path, name, err)]
    if v == "minimum" and isinstance(inst, (int, float)) and not isinstance(inst, bool):
        if err.validator_value == 0:
            return [(path, _rule_for(path), "schema.negative", {"title": name, "value": inst})]
        return [(path, "Y-RANGE", "schema.range", {"title": name, "minimum": err.schema.get("minimum"),
                                                  "maximum": err.schema.get("maximum"), "value": inst})]
    if v == "maximum":
        return [(path, "Y-RANGE", "schema.range", {"title": name, "minimum": err.schema.get("minimum"),
                                                  "maximum": err.schema.get("maximum"), "value": inst})]
    if v in ("enum", "const"):
        allowed = err.validator_value if v == "enum" else [err.validator_value]
        shown = "、".join(str(a) for a in dict.fromkeys(str(a) for a in allowed))
        return [(path, "Y-VALUE", "schema.enum", {"title": name, "allowed": shown, "value": _raw(src, path, inst)})]
    if v == "pattern":
        desc = err.schema.get("description", "")
        return [(path, "Y-VALUE", "schema.pattern", {"title": name, "value": inst, "description": desc})]
    if v == "minLength":
        return [(path, "Y-VALUE", "schema.min_length", {"title": name})]
    return [(path, "Y-VALUE", "schema.other", {"title": name, "detail": Bi(err.message, err.message)})]


def _missing(path: Key, key: str) -> tuple[Key, str, str, dict[str, Any]]:
    full = path + (key,)
    if not path and key in L.SECTION_BY_KEY:
        s = L.SECTION_BY_KEY[key]
        return path, "S-01", "schema.required_section", {"number": s.number, "heading": s.heading, "key": key}
    head = str(full[0])
    table = L.TABLE_BY_SECTION.get(head)
    if table:
        rel = tuple(str(p) for p in full[1:])
        rows = [r for r in table.rows if r.path[:len(rel)] == rel]
        if rows:
            label = rows[0].label if rows[0].path == rel else _group_label(table, rel)
            return path, "S-02", "schema.required_row", {"label": label, "key": key}
        row = next((r for r in table.rows if r.path == rel[:-1]), None)
        if row:
            col = next(c for c in row.columns if c.key == key)
            return path, "S-02", "schema.required_cell", {"row": row.label, "label": col.label, "key": key}
    return path, "Y-REQUIRED", "schema.required", {"title": title(full), "key": key}


def _group_label(table: L.TableSpec, rel: tuple[str, ...]) -> str:
    def walk(items, prefix):
        for item in items:
            if isinstance(item, L.Group):
                p = prefix + ((item.key,) if item.key else ())
                if p == rel:
                    return item.label
                found = walk(item.children, p)
                if found:
                    return found
        return None
    return walk(table.body, ()) or rel[-1]


@cache
def _labels_to_keys() -> dict[str, str]:
    out = {s.title: s.key for s in L.SECTIONS} | {s.heading: s.key for s in L.SECTIONS}
    for table in L.TABLES:
        for row in table.rows:
            out[row.label] = row.path[-1]
            out[re.sub(r"^[（(]?[一二三四五六七八九十0-9]+[）)、.]", "", row.label)] = row.path[-1]
            for col in row.columns:
                out[col.label] = col.key
    out |= {info.title: key.split(".")[-1] for key, info in L.FIELDS.items()}
    return out


_FULLWIDTH_IN_KEY = re.compile("[：，\u3000]")  # typed by an input method in place of ': ' or ', '


def _key_hint(key: str, allowed: list[str]) -> dict[str, Any]:
    """The hint for an unknown key, and the allowed key it most likely meant (if any)."""
    if key.isdigit():  # {decisions: 4,862} reads as decisions 4 and a key "862"
        return {"hint": bi("hint.thousands", digits=key)}
    words = [w.strip(" ") for w in re.split(r"[：，\u3000:,]", key)]
    if _FULLWIDTH_IN_KEY.search(key) and any(w in allowed for w in words):
        return {"hint": bi("hint.fullwidth_in_key"), "meant": [w for w in words if w in allowed]}
    by_label = _labels_to_keys().get(key.strip())
    if by_label in allowed:
        return {"hint": bi("hint.label_key", label=key, suggestion=by_label), "meant": [by_label]}
    close = difflib.get_close_matches(words[0].lower(), allowed, n=1, cutoff=0.6)
    if close:
        return {"hint": bi("hint.did_you_mean", suggestion=close[0]), "meant": close}
    return {"hint": bi("hint.valid_keys", keys=", ".join(allowed))}


# ---- type errors, with the fix spelled out -------------------------------------------------------

_FULL_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_PLACEHOLDERS = {"", "/", "／", "-", "—", "－", "——", "无", "空", "none", "null", "n/a", "na"}


def _type_error(src: Source, path: Key, name: Bi, err: ValidationError) -> tuple[Key, str, str, dict[str, Any]]:
    inst = err.instance
    expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
    numeric = expected in ("integer", "number")
    rule = _rule_for(path) if numeric else "Y-TYPE"
    if numeric and inst is None:
        return path, rule, "schema.empty_cell", {"title": name}
    if numeric and isinstance(inst, float) and expected == "integer":
        return path, rule, "schema.not_integer", {"title": name, "value": inst}
    if numeric and isinstance(inst, str):
        text = inst.strip()
        scalar = src.scalars.get(path)
        hint_key, hint_args = "hint.placeholder", {}
        m = re.fullmatch(r"([0-9０-９.．,，]+)\s*(件|条|个|项|起|次|元|万元|万|年)?", text)
        if text.lower() in _PLACEHOLDERS:
            pass
        elif m and m.group(2) == "元" and path[-1] == "amount_wan_yuan":
            yuan = float(m.group(1).translate(_FULL_DIGITS).replace(",", "").replace("，", ""))
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
        else:
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


def _type_name(name: str) -> Bi:
    return bi("type." + name)
