"""The table formats, in a registry keyed by the YAML ``format:`` value.

Each format is one package (``f2021``, ``f2019``) holding its layout, rules, predicates and text facts; the rest of
gipr-gen reaches a format only through this registry and the types of ``formats.layout``.
"""

from __future__ import annotations

from typing import Any

from .f2019 import FORMAT as F2019
from .f2021 import FORMAT as F2021
from .layout import Format

FORMATS: dict[str, Format] = {f.name: f for f in (F2021, F2019)}
DEFAULT = F2021  # what init writes, and what a report with no readable format: value is checked against


def get(value: Any) -> Format:
    """The format a report's ``format:`` value names; the default when it names none (the schema says so)."""
    return FORMATS.get(str(value), DEFAULT)
