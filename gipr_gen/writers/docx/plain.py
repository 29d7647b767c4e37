"""The bundled template's tags filled without Jinja. It holds only ``{{ name.name }}`` and ``{% if name %} …
{% endif %}`` (``bundled.py`` records that it does), which are filled here as the sandbox fills them: a value
escaped unless it is markup, a condition by its truth. So a build with the bundled template does not load
Jinja; a test holds the two to the same output."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from ...patterns import pattern

_TAG = pattern(r"\{\{ ([A-Za-z_][\w.]*) \}\}|\{% if ([A-Za-z_][\w.]*) %\}|\{% endif %\}")
_DELIMITER = pattern(r"\{[{%#]|[}%#]\}")


def simple(source: str) -> bool:
    """Whether every tag of ``source`` is one of those, each ``if`` closed, and nothing else looks like one."""
    depth = 0
    for m in _TAG.finditer(source):
        depth += 1 if m.group(2) else -1 if m.group(1) is None else 0
        if depth < 0:
            return False
    return depth == 0 and not _DELIMITER.search(_TAG.sub("", source))


def fill(source: str, context: dict[str, Any]) -> str:
    """``source`` (``simple``) with its tags filled from ``context``."""
    out, at, skipping = [], 0, 0
    for m in _TAG.finditer(source):
        if not skipping:
            out.append(source[at:m.start()])
        at = m.end()
        name, condition = m.group(1), m.group(2)
        if condition is not None:
            skipping += 1 if skipping or not _value(context, condition) else 0
        elif name is None:  # endif
            skipping = max(skipping - 1, 0)
        elif not skipping:
            out.append(str(escape(_value(context, name))))
    out.append(source[at:])
    return "".join(out)


def _value(context: dict[str, Any], name: str) -> Any:
    value: Any = context
    for part in name.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value
