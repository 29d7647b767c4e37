"""Labels as published, made comparable with the official ones (spec §8.3–§8.5): ``normalise`` removes
what narrow Word columns and mixed input methods add, ``match`` finds the official label a published one
stands for and says how sure it is."""

from __future__ import annotations

import unicodedata

from functools import lru_cache
from typing import Collection, Literal, Sequence

from ...patterns import pattern
from ...records import record

# Kept after NFKC: the canonical forms are the full-width ones the official labels use (spec §8.4).
_CANONICAL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；",
                            "「": "“", "『": "“", "‘": "“", "」": "”", "』": "”", "’": "”"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_ITEM = pattern(r"(?<![0-9.])([0-9]{1,2})[、.]")  # "1、" "1." (after NFKC "1．" is "1.") → "1."


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """``text`` with every whitespace character (U+3000 and line breaks too) deleted, digits and letters
    half-width (NFKC), brackets, colon, comma and quotes in their full-width form, item numbers as "1."."""
    if not unicodedata.is_normalized("NFKC", text):
        return compact(text).text
    # each character is then its own NFKC form: the whole text at once, as ``compact`` reads it
    text = "".join(text.translate(_INVISIBLE).translate(_CANONICAL).split())
    if '"' in text:
        first, *rest = text.split('"')
        text = first + "".join(("“" if n % 2 else "”") + part for n, part in enumerate(rest, 1))
    return _ITEM.sub(r"\1.", text)


@record
class Compact:
    """A text normalised, remembering where each character came from and where whitespace was (it may
    separate figures that are otherwise run together)."""

    text: str
    origin: tuple[int, ...]  # index in the original text of each character
    breaks: frozenset[int]  # positions in ``text`` that had whitespace before them


def compact(text: str) -> Compact:
    """``text`` normalised (see ``normalise``), character by character."""
    chars: list[str] = []
    origin: list[int] = []
    breaks: set[int] = set()
    opening = True  # straight double quotes become curly ones, opening and closing in turn
    for i, ch in enumerate(text):
        for piece in unicodedata.normalize("NFKC", ch).translate(_INVISIBLE).translate(_CANONICAL):
            if piece.isspace():
                breaks.add(len(chars))
                continue
            if piece == '"':
                piece, opening = ("“" if opening else "”"), not opening
            chars.append(piece)
            origin.append(i)
    return Compact(_ITEM.sub(r"\1.", "".join(chars)), tuple(origin), frozenset(breaks))


def variant_form(text: str) -> str:
    """A normalised text with the known variants of official wording replaced, keeping its length."""
    for published, official in _VARIANTS:
        text = text.replace(published, official)
    return text


# ---- matching -----------------------------------------------------------------------------------

How = Literal["exact", "variant", "note", "truncated", "fuzzy"]
_RANK: dict[How, int] = {"exact": 0, "variant": 1, "note": 2, "truncated": 3, "fuzzy": 4}

# Wording observed in published tables for the official one (spec §8.5): (published, official) of equal
# length, compared after normalisation; a variant is any combination of these.
_VARIANTS = (("，", "、"), ("情况", "情形"), ("内容事务", "内部事务"))
_QUOTES = dict.fromkeys(map(ord, "“”"))
_NUMBERING = pattern(r"^(?:[0-9]{1,2}\.|（[一二三四五六七八九十]{1,2}）|[一二三四五六七八九十]{1,2}、)")
_NOTE = pattern(r"（[^（）]*）")
TRUNCATION = 0.6  # a published label may stop short after this share of the official one
_ADMIN = "行政"  # "规范性文件" printed for "行政规范性文件" (2021 table 二)


@record
class Match:
    index: int  # position of the official label among the candidates
    label: str  # the official label
    how: How
    distance: int = 0  # edit distance ("fuzzy" only)

    @property
    def exact(self) -> bool:
        return self.how == "exact"


def match(label: str, candidates: Sequence[str], near: int | None = None) -> Match | None:
    """The candidate ``label`` stands for, or None when none is close enough. Closer kinds of match win
    (exact, a known variant, a bracketed note stripped, a truncation, edit distance ≤ 2 scaled to length);
    among equals the candidate nearest position ``near`` wins, else the first."""
    text = normalise(label)
    if not text:
        return None
    officials, exact = _officials(tuple(candidates))
    found = [(i, "exact", 0) for i in exact.get(text, ())] or \
        [(i, how, 0) for i, official in enumerate(officials) if (how := _close(text, official))]
    if not found:  # edit distance, the costly comparison, only where nothing closer matched
        found = [(i, "fuzzy", d) for i, official in enumerate(officials)
                 if (d := _fuzzy(text, official)) is not None]
    if not found:
        return None
    i, how, distance = min(found, key=lambda f: (_RANK[f[1]], f[2], abs(f[0] - near) if near is not None else f[0]))
    return Match(i, candidates[i], how, distance)


def known(candidates: tuple[str, ...]) -> Collection[str]:
    """The candidates as labels are matched against them (normalised)."""
    return _officials(candidates)[1].keys()


@lru_cache(maxsize=256)  # a table's labels are matched against the same candidates, cell after cell
def _officials(candidates: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, list[int]]]:
    """The candidates normalised, and where each normalised label stands among them."""
    officials = tuple(normalise(c) for c in candidates)
    at: dict[str, list[int]] = {}
    for i, official in enumerate(officials):
        at.setdefault(official, []).append(i)
    return officials, at


@lru_cache(maxsize=8192)  # labels repeat across a table's cells and candidates
def _close(text: str, official: str) -> How | None:
    """How ``text`` stands for ``official`` short of edit distance: exact, a variant, a note, a truncation."""
    if text == official:
        return "exact"
    if _variant(text) == _variant(official) or _core(_variant(text)) == _core(_variant(official)):
        return "variant"
    plain, bare = _strip_notes(text), _strip_notes(official)
    if plain and plain == bare:
        return "note"
    core, whole = _core(_variant(plain)), _core(_variant(bare))
    if len(core) < len(whole) and whole.startswith(core) and len(core) >= TRUNCATION * len(whole):
        return "truncated"
    return None


@lru_cache(maxsize=8192)
def _fuzzy(text: str, official: str) -> int | None:
    return _distance(text, official, _allowed_distance(official))


@lru_cache(maxsize=8192)
def _variant(text: str) -> str:
    return _without_admin(variant_form(text).translate(_QUOTES))


def _without_admin(text: str) -> str:
    """"规范性文件" for "行政规范性文件"; never "许可" for "行政许可"."""
    return text.removeprefix(_ADMIN) if len(text) > len(_ADMIN) + 2 else text


def shorter_forms(label: str) -> list[str]:
    """Shorter ways a normalised row label is printed: without its item number ("属于国家秘密"), without
    a leading 行政 ("规范性文件"), without quotes ("3.危及三安全一稳定")."""
    forms = [_core(label), _without_admin(label), label.translate(_QUOTES)]
    return [f for f in dict.fromkeys(forms) if f != label and len(f) >= 2]


@lru_cache(maxsize=8192)
def _core(text: str) -> str:
    """The label without its item number ("1." "（三）" "四、")."""
    return _NUMBERING.sub("", text, count=1)


@lru_cache(maxsize=8192)
def _strip_notes(text: str) -> str:
    """The label without bracketed notes after its start ("上一年项目数量（指2019年事项数）")."""
    head = _NUMBERING.match(text)
    start = head.end() if head else 0
    return text[:start] + _NOTE.sub("", text[start:])


def _allowed_distance(official: str) -> int:
    """Edit distance a label of this length may be off by: none for ≤ 3 characters, 1 up to 7, else 2."""
    return 0 if len(official) <= 3 else 1 if len(official) <= 7 else 2


def _distance(a: str, b: str, limit: int) -> int | None:
    """Levenshtein distance of ``a`` and ``b`` when it is at most ``limit``, else None."""
    if abs(len(a) - len(b)) > limit or len(set(a) ^ set(b)) > 2 * limit:  # an edit changes ≤ 2 of the letters
        return None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None
