"""Slips in narrative text, as data: a pattern, the rule it breaks and what to say (N-05, N-06)."""

from __future__ import annotations

import re

from typing import Iterator

from ...patterns import pattern
from ...records import record

_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"


@record
class Lint:
    rule: str
    pattern: re.Pattern[str]
    message: str  # message catalogue key; the match is passed as {found}


LINTS: tuple[Lint, ...] = (
    # an English function word between Chinese words: left over from translation or conversion
    # (case-insensitive only around the words: folding the CJK ranges' case costs ms at every start).
    # Linear in the text: a match starts only after a Chinese character that is no space, and takes
    # the spaces after it at once (possessive), so a run of 60,000 ideographic spaces is read once.
    Lint("N-05", pattern(rf"(?<={_CJK})(?<!\s)\s*+(?i:and|or|the|of|with|for|to)(?![A-Za-z])\s*(?={_CJK})"),
         "rule.stray_english"),
    # the same punctuation mark typed twice
    Lint("N-06", pattern(r"([，。；、：;,:])\1+"), "rule.doubled_punctuation"),
)


def findings(text: str, rule: str) -> Iterator[tuple[int, str]]:
    """(offset, matched text) of every slip of one rule in ``text``."""
    for lint in LINTS:
        if lint.rule == rule:
            for m in lint.pattern.finditer(text):
                yield m.start(), m.group(0).strip()


def message(rule: str) -> str:
    return next(lint.message for lint in LINTS if lint.rule == rule)
