"""A PDF with a text layer → ``Document`` (pdfplumber, imported only when a PDF is read).

Each page gives its tables (``pdf_tables``) and the lines of text outside them (``pdf_lines``), in order
from the top. Running headers and footers go: in the top or bottom tenth of a page, a page number
("- 3 -", "—3—", "第3页", "3/6") or a line that recurs on most pages. Paragraphs are rebuilt from the
lines, across page breaks: a line indented from the left margin (the two-character indent of a Chinese
paragraph, or a centred or right-aligned line) starts one, a line ending short of the right margin ends
one, and so do a wider gap than the line spacing and a change of type size; lines set larger than the
body text that follow each other are one paragraph (a title in two lines). The body's size and margins
are the document's most common line size, start and end. A paragraph of centred lines keeps its line
breaks as "\\n"; the lines of others join as the words do (nothing between Chinese characters). A table
at the top of a page that carries on the table that ended the page before is joined to it. Places are
the page, and a cell's table, row and column.

A PDF without any text (a scan) needs OCR first.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from typing import Any

from ...errors import SourceError
from ...model.place import Place
from ...patterns import pattern
from ...records import record
from .cjk import joined
from .document import Block, Document, Paragraph
from .limits import MAX_PDF_PAGES, Budget, missing_library
from .pdf_lines import Line, lines_of
from .pdf_tables import PdfTable, join, tables_on

_PAGE_NUMBER = pattern(r"[-—–－~_·\s]*(?:第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?"
                          r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)[-—–－~_·\s]*")
_MARGIN = 0.1  # a tenth of a page's longer side at its top and bottom holds its running header and footer
_INDENT = 1.2  # em: a line starting this far right of the margin starts a paragraph
_SHORT = 1.2  # em: a line ending this far left of the margin ends one
_GAP = 1.0  # em between lines: a paragraph break
# A line that starts with a part's number, "二、": where every paragraph is one short line, the longest of
# them may be taken for a full one, and the next line for its continuation; a part heading never is one.
_PART = pattern(r"\s*[一二三四五六七八九十]{1,2}\s*、")


@record(frozen=False)
class _Item:
    page: int
    line: Line | None = None
    table: PdfTable | None = None

    @property
    def top(self) -> float:
        return self.line.top if self.line else self.table.bbox[1] if self.table else 0.0


def read_pdf(data: bytes, file: str) -> Document:
    try:
        import pdfplumber
    except ImportError:
        raise missing_library(file, "pdfplumber") from None
    budget = Budget(file)
    pages: list[list[_Item]] = []
    heights: list[tuple[float, float]] = []  # each page's height, and its longer side
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise SourceError("source.pdf_damaged", file=file)
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise SourceError("source.pdf_too_many_pages", file=file, pages=len(pdf.pages), limit=MAX_PDF_PAGES)
            for page in pdf.pages:
                pages.append(_items(page, budget))
                heights.append((float(page.height), float(max(page.width, page.height))))
    except SourceError:
        raise
    except Exception as exc:  # pdfminer meets broken files with errors of every kind
        cause = exc.args[0] if exc.args else exc
        encrypted = type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError")
        raise SourceError("source.pdf_encrypted" if encrypted else "source.pdf_damaged", file=file) from None
    if not any(pages):
        raise SourceError("source.pdf_no_text", file=file)
    items = _without_running_lines(pages, heights)
    return Document(file, "pdf", tuple(_blocks(items, budget)))


def _items(page: Any, budget: Budget) -> list[_Item]:
    """The page's tables and the lines outside them, top to bottom."""
    page = page.dedupe_chars()  # text drawn twice, a little apart, to look bold
    chars = page.chars
    tables = tables_on(page, chars, budget)
    boxes = [t.bbox for t in tables]
    free = [c for c in chars if not any(x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2
                                        <= bottom for x0, top, x1, bottom in boxes)]
    items = [_Item(page.page_number, line=line) for line in lines_of(free)]
    items += [_Item(page.page_number, table=t) for t in tables]
    return sorted(items, key=lambda item: item.top)


def _without_running_lines(pages: list[list[_Item]], heights: list[tuple[float, float]]) -> list[_Item]:
    def in_margin(item: _Item, page: tuple[float, float]) -> bool:
        height, side = page  # the margins of a page turned landscape are as deep as the upright pages'
        return item.line is not None and (item.line.bottom < _MARGIN * side or item.line.top > height - _MARGIN * side)

    def key(item: _Item) -> str:
        return re.sub(r"\d+", "#", item.line.text.replace(" ", "")) if item.line else ""

    recurring = Counter(k for items, h in zip(pages, heights) for k in {key(i) for i in items if in_margin(i, h)})
    most = max(2, (len(pages) + 1) // 2)
    return [i for items, h in zip(pages, heights) for i in items
            if not (in_margin(i, h) and (_PAGE_NUMBER.fullmatch(i.line.text) or recurring[key(i)] >= most))]


@record
class _Body:
    """The body text's type size and margins: the most common size, and the leftmost start and rightmost end
    of lines of that size (where short one-line paragraphs abound, the most common end is no margin)."""

    size: float
    left: float
    right: float

    @classmethod
    def of(cls, lines: list[Line]) -> _Body:
        def common(values: list[int]) -> int:
            return Counter(values).most_common(1)[0][0] if values else 0

        size = common([round(line.size) for line in lines])
        body = [line for line in lines if round(line.size) == size]
        if not body:  # all the text is in tables
            return cls(size, 0, 0)
        return cls(size, min(round(line.x0) for line in body), max(round(line.x1) for line in body))


def _blocks(items: list[_Item], budget: Budget) -> list[Block]:
    body = _Body.of([i.line for i in items if i.line])
    blocks: list[Block | PdfTable] = []
    lines: list[_Item] = []

    def large(line: Line) -> bool:
        return line.size > body.size + 1

    def centred(line: Line) -> bool:
        return (line.x0 - body.left > _INDENT * line.size and body.right - line.x1 > _SHORT * line.size
                and abs(line.middle - (body.left + body.right) / 2) < line.size)

    def continues(a: _Item, b: _Item) -> bool:
        la, lb = a.line, b.line
        if abs(la.size - lb.size) > 0.5 or (a.page == b.page and lb.top - la.bottom > _GAP * lb.size):
            return False
        if large(la) and a.page == b.page:  # a title set large, in two lines
            return True
        if _PART.match(lb.text):  # "二、主动公开政府信息情况": a part of the report starts a paragraph of its own
            return False
        return lb.x0 - body.left <= _INDENT * lb.size and body.right - la.x1 <= _SHORT * la.size

    def flush() -> None:
        if lines:
            texts = [i.line.text for i in lines]
            text = "\n".join(texts) if len(lines) > 1 and all(centred(i.line) for i in lines) else joined(texts)
            budget.block()
            blocks.append(Paragraph(text, Place(page=lines[0].page)))
            lines.clear()

    previous: _Item | None = None
    for item in items:
        if item.line is not None:
            if lines and not continues(lines[-1], item):
                flush()
            lines.append(item)
        else:
            flush()
            last = blocks[-1] if blocks else None
            # a table right after a table that ended the page before (nothing between but footer and header)
            carried_on = (isinstance(last, PdfTable) and previous is not None and previous.table is not None
                          and previous.page == item.page - 1 == last.last_page)
            if not (carried_on and join(last, item.table)):
                blocks.append(item.table)
        previous = item
    flush()
    out: list[Block] = []
    number = 0
    for block in blocks:
        if isinstance(block, PdfTable):
            number += 1
            budget.block()
            block = block.table(number)
        out.append(block)
    return out
