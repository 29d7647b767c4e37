"""The publication date a page or a crawler's header states ("发布时间：2024-01-17 10:20", "发布日期：
2024年1月17日", "公开日期 2024-01-17", "时间：2024/1/17"), as YYYY-MM-DD. Other dates a page carries
(采集时间, 生成时间, 成文日期) are not its publication and are not taken."""

from __future__ import annotations

import re
from datetime import date

from ...patterns import pattern

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)"
_LABELLED = pattern(r"(?:发布时间|发布日期|公开日期|发文日期|(?<![\u4e00-\u9fff])(?:时间|日期)\s*[:：])\s*[:：]?\s*" + _DATE)
_ALONE = pattern(r"\s*" + _DATE)


def normalised(text: str) -> str | None:
    """A date written at the start of ``text`` as YYYY-MM-DD; None when there is none or it is no date."""
    m = _ALONE.match(text)
    return _iso(m) if m else None


def labelled(text: str) -> str | None:
    """The first date in ``text`` labelled as the publication date."""
    for m in _LABELLED.finditer(text):
        found = _iso(m)
        if found:
            return found
    return None


def _iso(m: re.Match[str]) -> str | None:
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None
