"""A quick yes/no against the schema file, for the common case of a valid report.

It interprets the few JSON Schema keywords that schema/ uses; on any other keyword it answers
``None`` (unknown). ``validate`` imports jsonschema (a tenth of a second at start-up) only when
this does not answer True, and jsonschema then produces the full findings. Tests hold the two to
the same verdict on every example and on many broken variants.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_ANNOTATIONS = {"$schema", "$id", "title", "description"}
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


class _Unknown(Exception):
    pass


def conforms(schema: dict[str, Any], instance: Any) -> bool | None:
    """True or False when every keyword met is known, None otherwise."""
    try:
        return _ok(schema, instance)
    except _Unknown:
        return None


@cache
def _pattern(p: str) -> re.Pattern[str]:
    return re.compile(p)


def _ok(s: dict[str, Any], v: Any) -> bool:
    for key, arg in s.items():
        if key in _ANNOTATIONS:
            continue
        if key == "type":
            if not any(_TYPES[t](v) for t in ([arg] if isinstance(arg, str) else arg)):
                return False
        elif key == "enum":
            if not any(v == e and isinstance(v, bool) == isinstance(e, bool) for e in arg):
                return False
        elif key in ("minimum", "maximum"):
            if _TYPES["number"](v) and (v < arg if key == "minimum" else v > arg):
                return False
        elif key == "minLength":
            if isinstance(v, str) and len(v) < arg:
                return False
        elif key == "pattern":
            if isinstance(v, str) and not _pattern(arg).search(v):
                return False
        elif key == "required":
            if isinstance(v, dict) and any(k not in v for k in arg):
                return False
        elif key == "properties":
            if isinstance(v, dict) and not all(_ok(arg[k], x) for k, x in v.items() if k in arg):
                return False
        elif key == "additionalProperties":
            if isinstance(v, dict):
                extra = [x for k, x in v.items() if k not in s.get("properties", {})]
                if arg is False and extra or isinstance(arg, dict) and not all(_ok(arg, x) for x in extra):
                    return False
        else:
            raise _Unknown(key)
    return True
