"""What recognising a published report gives: the report's fields, narrative Markdown and table figures,
each guess it had to make as a located ``Note`` — the YAML writer marks them, ``import`` and ``check``
report them."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from ...formats.layout import CellKey, Format, Path as RowPath
from ...model import Number
from ...model.place import Place
from ...records import record


@record
class Note:
    """One thing read with less than certainty, or not read at all (rules G1, G2, I-01 … in formats.common)."""

    rule: str
    key: str  # message catalogue key
    place: Place  # where in the published source
    args: dict[str, Any] = field(default_factory=dict)
    section: str | None = None  # the YAML section it marks (a table's, or a narrative section's)
    cell: CellKey | None = None  # the table cell it marks; None: the section, or the field below
    field: str | None = None  # a top-level field it marks (organ, year, signature …)


@record(frozen=False)
class Imported:
    """A published report read into the shape of a YAML report of ``format``."""

    file: str  # the published source, as the user named it
    format: Format
    organ: str | None = None
    year: int | None = None
    title: str | None = None  # as published, when it differs from the format's default title
    published: str | None = None  # publication date, YYYY-MM-DD, when the source states it
    intro: str | None = None  # Markdown
    texts: dict[str, str] = field(default_factory=dict)  # section key → Markdown (a table section's: text before it)
    values: dict[str, dict[CellKey, Number | None]] = field(default_factory=dict)  # None: could not be read
    units: dict[str, dict[RowPath, str]] = field(default_factory=dict)  # section → row → unit of its amount, as published
    signature_organ: str | None = None
    signature_date: str | None = None  # as published: 2024年1月20日
    notes: list[Note] = field(default_factory=list)
