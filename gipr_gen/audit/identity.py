"""Which body's report of which year a file is, before it is checked: the organ and year of a YAML report read
from its top-level lines (a fraction of a full check), and the organ name normalised so that the same body's
reports meet in one chain whatever spaces or bracket widths each year's file used."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..readers.yaml_source import MAX_BYTES, read_file


@dataclass(frozen=True)
class Identity:
    path: str
    organ: str | None
    year: int | None


def organ_key(organ: str) -> str:
    """The organ name as bodies are matched: compatibility forms folded (full-width brackets and letters as
    their ASCII forms), every space and invisible format character dropped."""
    folded = unicodedata.normalize("NFKC", organ)
    return "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch) != "Cf")


_TOP = re.compile(r"^(organ|year):(.*)$", re.M)
_CJK = re.compile(r"[\u3400-\u9fff]")
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")


def identify(path: str) -> Identity:
    """The organ and year of a YAML report, as ``check`` will read them (``Report.organ`` and ``year``); None
    for either when the file does not state it plainly. Raises OSError when the file cannot be read."""
    with open(path, "rb") as f:  # as the reader reads it: a device or a huge file is not read to its end
        data = f.read(MAX_BYTES + 1)
    fast = _top_lines(data) if len(data) <= MAX_BYTES else None
    if fast is not None:
        return Identity(path, *fast)
    data = read_file(path, path).data  # anything unusual: the reader's own reading
    organ = data.get("organ") if isinstance(data, dict) else None
    year = data.get("year") if isinstance(data, dict) else None
    return Identity(path, organ.strip() if isinstance(organ, str) and organ.strip() else None,
                    year if type(year) is int else None)


def _top_lines(data: bytes) -> tuple[str, int] | None:
    """``organ:`` and ``year:`` written once each on a line of their own, in forms whose value is certain (a
    plain or quoted name with Chinese in it, four digits); None for anything else."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    found: dict[str, list[str]] = {}
    for m in _TOP.finditer(text):
        found.setdefault(m.group(1), []).append(m.group(2))
    if [len(found.get(k, ())) for k in ("organ", "year")] != [1, 1]:
        return None
    organ, year = _scalar(found["organ"][0]), _scalar(found["year"][0], quoted=False)
    if organ is None or year is None or not _CJK.search(organ) or not re.fullmatch(r"[0-9]{4}", year):
        return None
    return organ.strip(), int(year)


def _scalar(rest: str, quoted: bool = True) -> str | None:
    """The value after ``key:`` when it is a one-line scalar with nothing YAML would read another way (a
    quoted one only when ``quoted``: a year in quotes is text)."""
    if rest and rest[0] not in " \t":
        return None
    rest = rest.strip(" \t\r")
    if not quoted and rest[:1] in ('"', "'"):
        return None
    if rest[:1] == '"':
        m = re.fullmatch(r'"([^"\\]*)"(?:[ \t]+#.*)?', rest)
        return m.group(1) if m else None
    if rest[:1] == "'":
        m = re.fullmatch(r"'([^']*)'(?:[ \t]+#.*)?", rest)
        return m.group(1) if m else None
    value = re.split(r"[ \t]#", rest, maxsplit=1)[0].rstrip(" \t")
    if not value or value[0] in _PLAIN_START or ": " in value or value.endswith(":") or "\t" in value:
        return None
    return value
