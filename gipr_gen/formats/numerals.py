"""How reports write numbers: reading counts written as Arabic, full-width or Chinese numerals (12, １２,
十二, 三百零五, 二〇二三), and printing a figure the one way every output prints it."""

from __future__ import annotations

from decimal import Decimal

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERALS = "".join(_DIGITS) + "".join(_UNITS)
MAX_DIGITS = 15  # longer is no count of a report (and past 4,300 digits Python refuses to read it)


def count(text: str) -> int | None:
    """The number ``text`` writes, or None when it is not a plain count (nor one of absurd length)."""
    text = text.strip().translate(_FULL_WIDTH)
    if len(text) > MAX_DIGITS:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):  # digit by digit, as years are written
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current


def format_number(value: int | float) -> str:
    """A figure as every output prints it: integers as written, decimals (the fee in 万元) in full and
    without trailing zeros (0.350 → 0.35, 12.0 → 12, never an exponent)."""
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)).normalize(), "f")
