"""A PDF's characters (pdfplumber's char objects) → lines of text with their box.

Characters whose vertical centres are close form a line, read left to right. A PDF often has no space
characters (Word leaves them out), so spaces come from gaps: a gap of 0.4 em or more is a space; a
smaller one (0.15 em) is one only between two Latin letters or digits — Word puts a quarter-em gap
between Chinese and Latin text ("2024 年") that is no character of the source. Kangxi radicals, which
some fonts' character maps give for common characters ("⼀", "⼆"), are read as those characters.
"""

from __future__ import annotations

import unicodedata

from statistics import median
from typing import Any

from ...records import record
from .cjk import is_cjk

_WIDE_GAP = 0.4  # em
_LATIN_GAP = 0.15  # em


@record(frozen=False)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the median character size

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


def lines_of(chars: list[dict[str, Any]]) -> list[Line]:
    """The lines the characters make, top to bottom."""
    lines: list[list[dict[str, Any]]] = []
    centre = 0.0
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (ch["top"] + ch["bottom"]) / 2
        if lines and abs(mid - centre) <= 0.4 * ch["size"]:
            lines[-1].append(ch)
        else:
            lines.append([ch])
            centre = mid
    return [line for line in (_line(chs) for chs in lines) if line.text.strip()]


def _line(chars: list[dict[str, Any]]) -> Line:
    chars = sorted(chars, key=lambda c: c["x0"])
    text, prev = "", None
    for ch in chars:
        glyph = ch["text"]
        if "\u2f00" <= glyph <= "\u2fdf":  # a Kangxi radical a font's map gives for the character ("⼀" for 一)
            glyph = unicodedata.normalize("NFKC", glyph)
        if prev is not None and glyph != " " and text and not text.endswith(" "):
            gap = ch["x0"] - prev["x1"]
            em = max(ch["size"], prev["size"])
            latin = not is_cjk(prev["text"][-1:] or " ") and not is_cjk(glyph[:1] or " ")
            if gap >= _WIDE_GAP * em or (latin and gap >= _LATIN_GAP * em):
                text += " "
        text += glyph
        prev = ch
    return Line(text.strip(" "), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                min(c["top"] for c in chars), max(c["bottom"] for c in chars), median(c["size"] for c in chars))
