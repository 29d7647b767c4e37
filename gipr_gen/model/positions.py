"""Where things are written in a report file: 1-based line and column of every key and value."""

from __future__ import annotations


from typing import Protocol

from ..records import record

Key = tuple[str | int, ...]  # a path into the YAML document


@record
class Mark:
    line: int  # 1-based; 0 when unknown (a report built in memory)
    column: int  # 1-based


NOWHERE = Mark(0, 0)


class Positions(Protocol):
    """What a reader knows of where each value stands in its file."""

    file: str

    def mark(self, key: Key) -> Mark: ...

    def text_line(self, key: Key, offset: int) -> Mark: ...

    def text_mark(self, key: Key, line_in_text: int) -> Mark: ...

    def raw(self, key: Key) -> str | None: ...
