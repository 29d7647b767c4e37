"""The typed report every rule and writer reads: tables with derived totals, narrative as blocks."""

from __future__ import annotations

import re

from typing import Iterator

from ..formats.layout import CellKey, Format, Path, Section, TableSpec
from ..formats.numerals import format_number  # noqa: F401 - the model prints figures this one way
from ..records import record
from .narrative import Narrative
from .positions import NOWHERE, Key, Mark, Positions

Number = int | float


@record
class TableData:
    spec: TableSpec
    values: dict[CellKey, Number]
    given: frozenset[CellKey]  # cells written in the file; the others were derived totals

    def __getitem__(self, cell: CellKey) -> Number:
        return self.values[cell]

    def get(self, path: Path, column: str) -> Number:
        return self.values[(path, column)]


@record
class Signature:
    organ: str
    date: str  # as written: 2024-01-20 or 2024年1月20日

    @property
    def date_chinese(self) -> str:
        """The date as GB/T 9704 writes it: Arabic numerals, full year, no leading zeros."""
        y, m, d = (int(x) for x in re.findall(r"[0-9]+", self.date))
        return f"{y}年{m}月{d}日"


@record
class Report:
    format: Format
    organ: str
    organ_type: str | None
    year: int
    title: str  # the effective title
    title_given: bool
    intro: Narrative | None
    texts: dict[str, Narrative]  # section key → narrative; for table sections the text before the table
    tables: dict[str, TableData]  # section key → table
    signature: Signature | None
    source: Positions | None = None
    published: str | None = None  # publication date, YYYY-MM-DD, when the report states it (rule S-04)

    @property
    def file(self) -> str:
        return self.source.file if self.source else "<report>"

    def sections(self) -> Iterator[tuple[Section, Narrative, TableData | None]]:
        for s in self.format.sections:
            yield s, self.texts[s.key], self.tables.get(s.key)

    def narratives(self) -> Iterator[Narrative]:
        """Every non-empty narrative text, in document order."""
        if self.intro:
            yield self.intro
        yield from (n for n in self.texts.values() if n)

    def mark(self, key: Key) -> Mark:
        return self.source.mark(key) if self.source else NOWHERE

    def text_line(self, key: Key, offset: int) -> Mark:
        return self.source.text_line(key, offset) if self.source else NOWHERE

    def text_mark(self, key: Key, line_in_text: int) -> Mark:
        return self.source.text_mark(key, line_in_text) if self.source else NOWHERE

    def cell_mark(self, section: str, cell: CellKey) -> Mark:
        """Where a cell is written, or the line of its row when it was derived."""
        path, col = cell
        return self.mark((section, *path, col))
