"""Wrapped lines joined back into one paragraph: Chinese is written without spaces, so a line break
between two Chinese characters (or punctuation marks) was only the margin and joins to nothing; between
two Latin words it was a space."""

from __future__ import annotations

import unicodedata


def is_cjk(ch: str) -> bool:
    """A Chinese character, a CJK or full-width punctuation mark, or an ideographic space."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF
            or unicodedata.east_asian_width(ch) in ("W", "F"))


def joined(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if out and line and not is_cjk(out[-1]) and not is_cjk(line[0]) and not out[-1].isspace() \
                and not line[0].isspace() and out[-1] not in "-/":  # "2024-" + "01-17": a break, no space
            out += " "
        out += line
    return out
