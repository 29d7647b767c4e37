"""Word's automatic numbering (word/numbering.xml), rendered the way Word shows it: offices number their
headings with list levels such as "%1、", "（%2）", "%3." in Chinese or Arabic counting, and the number
is then no character of the paragraph's text. A bullet is shown as "•", whatever symbol font draws it.

A list's counters belong to its abstract definition, shared by every ``w:num`` that points at it; a
``w:num`` that overrides a level's start restarts that level where it is first used. Numbering a level
resets the levels below it.
"""

from __future__ import annotations

from ...records import record
from ..markdown import cn_number

_LEGAL = str.maketrans("零一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟")
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += numeral * count
    return out


def _letter(n: int) -> str:
    """Word's letters: A … Z, then AA … ZZ, AAA …"""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last else str(n)


def formatted(n: int, fmt: str) -> str:
    """``n`` in the number format ``fmt`` (w:numFmt); formats not listed print as Arabic digits."""
    if fmt == "none":
        return ""
    if n < 1:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand"):
        return cn_number(n)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":  # 壹拾贰: the ten written with its digit
        counted = cn_number(n)
        return ("一" + counted if counted.startswith("十") else counted).translate(_LEGAL)
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY[(n - 1) % 12]
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letter(n) if fmt == "upperLetter" else _letter(n).lower()
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@record
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # w:lvlText, "%1、"
    suffix: str = "\t"
    legal: bool = False  # w:isLgl: every number of the label in Arabic digits
    style: str | None = None  # the paragraph style this level is tied to (w:pStyle)


class Numbering:
    """The numbering definitions of one document, and the counters as its paragraphs are read in order."""

    def __init__(self, abstract: dict[str, dict[int, Level]], nums: dict[str, tuple[str, dict[int, int]]]):
        self.abstract = abstract  # abstractNumId → level → definition
        self.nums = nums  # numId → (abstractNumId, level → start override)
        self._counters: dict[str, dict[int, int]] = {}
        self._restarted: set[str] = set()

    @classmethod
    def parse(cls, root, w: str) -> Numbering:
        """From the parsed numbering part (``root``; ``w`` the WordprocessingML namespace in braces)."""
        def val(el, name: str) -> str | None:
            found = el.find(f"{w}{name}")
            return None if found is None else found.get(f"{w}val")

        abstract: dict[str, dict[int, Level]] = {}
        for a in root.iter(f"{w}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{w}lvl"):
                start = val(lvl, "start")
                legal = lvl.find(f"{w}isLgl")
                levels[_int(lvl.get(f"{w}ilvl"))] = Level(
                    _int(start, 1), val(lvl, "numFmt") or "decimal", val(lvl, "lvlText") or "",
                    _SUFFIX.get(val(lvl, "suff") or "tab", "\t"),
                    legal is not None and legal.get(f"{w}val") not in ("0", "false", "off"), val(lvl, "pStyle"))
            abstract[a.get(f"{w}abstractNumId", "")] = levels
        nums = {}
        for num in root.iter(f"{w}num"):
            overrides = {}
            for o in num.iter(f"{w}lvlOverride"):
                start = val(o, "startOverride")
                if start is not None:
                    overrides[_int(o.get(f"{w}ilvl"))] = _int(start, 1)
            nums[num.get(f"{w}numId", "")] = (val(num, "abstractNumId") or "", overrides)
        return cls(abstract, nums)

    def level_of_style(self, num_id: str, style: str) -> int | None:
        """The list level a paragraph style is tied to in list ``num_id``."""
        levels = self.abstract.get(self.nums.get(num_id, ("", {}))[0], {})
        return next((i for i, level in levels.items() if level.style == style), None)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of list ``num_id`` at level ``ilvl``, as the paragraph shows it before its text."""
        if num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if overrides and num_id not in self._restarted:
            self._restarted.add(num_id)
            for i, start in overrides.items():
                counters[i] = start - 1
                for deeper in [k for k in counters if k > i]:
                    del counters[deeper]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl].start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":  # its character is often a private symbol of a symbol font: shown as "•"
            return "•" + level.suffix
        text = level.text
        for i in range(9):
            if f"%{i + 1}" in text:
                shown = levels.get(i, Level())
                value = counters.get(i, shown.start)
                text = text.replace(f"%{i + 1}", formatted(value, "decimal" if level.legal else shown.fmt))
        return text + level.suffix if text else ""


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
