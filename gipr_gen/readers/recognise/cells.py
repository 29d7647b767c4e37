"""The figure in one published table cell (spec §6 G1/G2, §8.2, §8.11): a number as written, a placeholder
or blank read as 0, a unit or an annotation removed (never converted), a signed change where the column
allows one, and anything else unknown — never 0."""

from __future__ import annotations

import re
import unicodedata

from ...formats.layout import Column
from ...model import Number
from ...patterns import pattern
from ...records import record

PLACEHOLDERS = frozenset({"/", "\\", "-", "--", "—", "——", "–", "−", "无"})  # spec §8.2, after NFKC (－ is -)
# Units written after a figure (spec §8.11): amounts and the counters reports put behind counts.
UNITS = ("万元", "元", "人次", "件", "项", "个", "条", "次", "宗", "份", "家", "户")
_UNIT = "|".join(UNITS)
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_CELL = pattern(rf"(?P<sign>[+\-−]|增加?|减少?)?(?P<number>{_NUMBER})(?P<unit>{_UNIT})?"
                   r"(?P<note>\(.*\))?")  # NFKC has made （） half-width
_NEGATIVE = ("-", "−", "减", "减少")


@record
class CellValue:
    """A cell read: ``value`` None when unknown. ``rule`` and ``key`` name the note it needs (G1: not a
    figure; G2: a blank or placeholder read as 0; I-02: a unit or annotation removed), None when the
    figure is read as written. ``unit``: a unit the column records (``Column.units``), to keep."""

    value: Number | None
    rule: str | None = None
    key: str | None = None
    removed: str = ""
    unit: str | None = None


def clean(text: str) -> str:
    """The cell's text, half-width (NFKC), without whitespace at either end."""
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(text: str) -> bool:
    return not clean(text)


def is_figure(text: str) -> bool:
    """The cell holds a figure or a placeholder, as opposed to a label (or a blank)."""
    text = clean(text)
    return bool(text) and (text in PLACEHOLDERS or _CELL.fullmatch(_squeeze(text)) is not None)


def read_cell(text: str, column: Column) -> CellValue:
    """The figure ``text`` writes in ``column``."""
    text = _WRAPPED.sub("", clean(text))
    if not text:
        return CellValue(0, "G2", "import.cell.blank")
    if text in PLACEHOLDERS:
        return CellValue(0, "G2", "import.cell.placeholder")
    if re.search(r"[0-9]\s+[0-9]", text):  # two figures in one cell, or a figure broken by a space
        return CellValue(None, "G1", "import.cell.unreadable")
    m = _CELL.fullmatch(_squeeze(text))
    if m is None:
        return CellValue(None, "G1", "import.cell.unreadable")
    sign, number, unit, note = m.group("sign"), m.group("number").replace(",", ""), m.group("unit"), m.group("note")
    if sign and not column.signed:
        return CellValue(None, "G1", "import.cell.signed")
    value: Number = float(number) if "." in number else int(number)
    if column.kind == "integer" and value == int(value):  # a count printed "3.00"
        value = int(value)
    if sign in _NEGATIVE:
        value = -value
    if unit and unit in column.units and not note:  # the row records it (``unit: 元``): nothing is lost
        return CellValue(value, unit=unit)
    if unit or note:
        return CellValue(value, "I-02", "import.cell.annotation" if note else "import.cell.unit",
                         removed=(unit or "") + (note or ""), unit=unit if unit in column.units else None)
    return CellValue(value)


# A figure a narrow column wrapped onto the next line ("1447\n0" in a PDF): one figure, as printed.
_WRAPPED = pattern(r"(?<=[0-9])\n(?=[0-9])")


def _squeeze(text: str) -> str:
    """Spaces between a figure and its unit or note removed (the figure's own digits keep theirs)."""
    return re.sub(r"\s+", "", text)
