"""The share of a report's narrative sentences repeated from the same body's previous report (evaluators
mark reports 内容雷同, copied from last year's, and some local rules deduct above half).

A sentence is the text up to 。！？； or ! ? ; (or a line's end), in every narrative block but headings (the
sub-headings repeat by design). Two sentences are the same when they read the same after normalising:
compatibility forms folded (full-width letters and digits), every space and punctuation mark dropped, and
each run of digits read as one figure — a sentence copied with this year's figures put in is still copied.
Sentences shorter than ``MIN_CHARS`` after that ("无。", "详见下表。") are not counted either way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from ..model import Report
from ..patterns import pattern

FLAG = 0.5  # a share at or above this is flagged
MIN_CHARS = 8
EXAMPLES = 3  # repeated sentences kept to show
_SENTENCE = pattern(r"[^。！？；!?;\n]+[。！？；!?;]*")
_NOT_WORD = pattern(r"[\W_]+")
_FIGURE = pattern(r"[0-9]+")


def sentences(report: Report) -> Iterator[str]:
    """The report's narrative sentences as written (stripped), headings left out."""
    for narrative in report.narratives():
        for block in narrative.blocks:
            if block.kind != "heading":
                for m in _SENTENCE.finditer(block.text):
                    if m.group().strip():
                        yield m.group().strip()


def normalised(sentence: str) -> str:
    folded = unicodedata.normalize("NFKC", sentence).lower()
    return _FIGURE.sub("0", _NOT_WORD.sub("", folded))


def counted(report: Report) -> list[tuple[str, str]]:
    """(sentence, its normalised form) for each sentence long enough to count."""
    return [(s, n) for s in sentences(report) if len(n := normalised(s)) >= MIN_CHARS]


def compare(current: Iterable[tuple[str, str]], previous: Iterable[tuple[str, str]]) -> tuple[int, int, tuple[str, ...]]:
    """(sentences, repeated, a few repeated examples) of ``current`` against ``previous``."""
    before = {n for _, n in previous}
    total, examples = 0, []
    repeated = 0
    for sentence, norm in current:
        total += 1
        if norm in before:
            repeated += 1
            if len(examples) < EXAMPLES:
                examples.append(sentence)
    return total, repeated, tuple(examples)
