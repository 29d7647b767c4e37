"""Bytes of a web page or a text file → text: a byte-order mark decides, then the encoding the page
declares, then UTF-8, then GB18030 (which reads GBK and GB2312: Chinese pages and Notepad files are
often in it). Bytes no encoding reads, or that decode to control characters, are no text."""

from __future__ import annotations

import codecs

from ...errors import SourceError
from ...patterns import pattern

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHINESE = {"gb2312", "gbk", "gb18030", "hz", "x-gbk", "cp936", "ms936", "euc-cn", "gb_2312-80", "csgb2312"}
_CONTROL = pattern(r"[\x00-\x08\x0e-\x1f\x7f]")


def bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _codec(name: str | None) -> str | None:
    """A declared charset as Python names it (GBK and GB2312 read as their superset GB18030)."""
    if not name:
        return None
    name = name.strip().lower()
    if name in _CHINESE:
        return "gb18030"
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    return None if found.startswith(("utf-16", "utf-32")) else found  # as browsers: no such page without a BOM


def decode(data: bytes, file: str, declared: str | None = None) -> str:
    """``data`` as text; ``declared`` is the charset the content names (an HTML page's meta)."""
    first = bom_encoding(data) or _codec(declared)
    for encoding in dict.fromkeys(e for e in (first, "utf-8", "gb18030") if e):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if is_text(text):
            return text.removeprefix("\ufeff")
        break  # decoded, but to control characters: binary, in any encoding
    raise SourceError("source.not_text", file=file)


def is_text(text: str) -> bool:
    """No NUL, and control characters (other than tab, line and page breaks) are rare."""
    if "\x00" in text:
        return False
    return len(_CONTROL.findall(text[:65536])) * 200 <= min(len(text), 65536)
