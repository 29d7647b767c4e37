"""Which body's report of which year a file is, before it is checked: the organ and year of a YAML report read
from its top-level lines (a fraction of a full check), and the organ name normalised so that the same body's
reports meet in one chain whatever spaces or bracket widths each year's file used."""

from __future__ import annotations

import unicodedata

from ..patterns import pattern
from ..readers.files import read_bounded
from ..readers.yaml_source import MAX_BYTES, read_file
from ..records import record


@record
class Identity:
    path: str
    organ: str | None
    year: int | None


def organ_key(organ: str) -> str:
    """The organ name as bodies are matched: compatibility forms folded (full-width brackets and letters as
    their ASCII forms), every space and invisible format character dropped."""
    folded = unicodedata.normalize("NFKC", organ)
    return "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch) != "Cf")


_CJK = pattern(r"[\u3400-\u9fff]")
_YEAR = pattern(r"[0-9]{4}")
_DOUBLE_QUOTED = pattern(r'"([^"\\]*)"(?:[ \t]+#.*)?')
_SINGLE_QUOTED = pattern(r"'([^']*)'(?:[ \t]+#.*)?")
_COMMENT = pattern(r"[ \t]#")
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")


def identify(path: str) -> Identity:
    """The organ and year of a YAML report, as ``check`` will read them (``Report.organ`` and ``year``); None
    for either when the file does not state it plainly. Raises OSError when the file cannot be read."""
    data = read_bounded(path, MAX_BYTES)  # as the reader reads it: a device or a huge file not to its end
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
    plain or quoted name with Chinese in it, four digits); None for anything else (a file that is not
    UTF-8 too: the reader decides what it says)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    data = data.removeprefix(b"\xef\xbb\xbf")
    found = {key: _at_line_starts(data, key) for key in (b"organ:", b"year:")}
    if [len(lines) for lines in found.values()] != [1, 1]:
        return None
    organ, year = (_scalar(lines[0].decode("utf-8"), quoted=key == b"organ:") for key, lines in found.items())
    if organ is None or year is None or not _CJK.search(organ) or not _YEAR.fullmatch(year):
        return None
    return organ.strip(), int(year)


def _at_line_starts(data: bytes, key: bytes) -> list[bytes]:
    """What follows ``key`` on each line that starts with it (found by ``bytes.find``: a regular expression
    anchored at every line start, on the decoded text, reads a report several times slower)."""
    out = []
    at = data.find(key)
    while at >= 0:
        if at == 0 or data[at - 1] == 0x0A:
            end = data.find(b"\n", at)
            out.append(data[at + len(key):end if end >= 0 else len(data)])
        at = data.find(key, at + 1)
    return out


def _scalar(rest: str, quoted: bool = True) -> str | None:
    """The value after ``key:`` when it is a one-line scalar with nothing YAML would read another way (a
    quoted one only when ``quoted``: a year in quotes is text)."""
    if rest and rest[0] not in " \t":
        return None
    rest = rest.strip(" \t\r")
    if not quoted and rest[:1] in ('"', "'"):
        return None
    if rest[:1] == '"':
        m = _DOUBLE_QUOTED.fullmatch(rest)
        return m.group(1) if m else None
    if rest[:1] == "'":
        m = _SINGLE_QUOTED.fullmatch(rest)
        return m.group(1) if m else None
    value = _COMMENT.split(rest, maxsplit=1)[0].rstrip(" \t")
    if not value or value[0] in _PLAIN_START or ": " in value or value.endswith(":") or "\t" in value:
        return None
    return value
