"""Where something is in a published report (a .docx, a web page, a PDF, a text file): the page, the line,
the table and its row and column, as far as the source can say. Import findings point there."""

from __future__ import annotations

from ..records import record




@record
class Place:
    page: int | None = None  # 1-based PDF page
    line: int | None = None  # 1-based line of a text or HTML file
    paragraph: int | None = None  # 1-based paragraph of a Word file with text, tables aside
    table: int | None = None  # 1-based table of the document, in reading order
    row: int | None = None  # 1-based row of that table, as published
    col: int | None = None  # 1-based grid column of that table

    def describe(self, lang: str) -> str:
        """The place in words (第3页，第2张表第5行第4列 / page 3, table 2 row 5 column 4); "" when unknown."""
        from ..i18n import t

        parts = [t(f"place.{name}", lang, number=value) for name, value in
                 (("page", self.page), ("line", self.line), ("paragraph", self.paragraph), ("table", self.table), ("row", self.row),
                  ("col", self.col)) if value is not None]
        return t("place.join", lang).join(parts)
