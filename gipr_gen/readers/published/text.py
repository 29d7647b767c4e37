"""A report as plain text → ``Document``: each line is a paragraph, except the lines of its tables.

Tables in text carry no grid, so they are ``loose``: one row per line, its cells in the order written,
empty cells at the end of a row dropped (the positions of merged cells, written or not, cannot be told
apart from empty ones). Three ways of writing them are read:

* rows with ``|`` between cells (``规章 | 0 | 0 | 0 |``, merged positions as ``| |||``), two or more lines;
* rows with tabs between cells, two or more lines;
* one cell per line, cells separated by blank lines (a table copied from a web page): a run of short
  one-line blocks of which at least three are numbers. Such a run also takes in the headings around its
  tables, so a block numbered like a section ("三、…") leaves it when it starts the run, or when it
  follows a number and two blocks that are no numbers follow it (a new section's heading and its
  table's header cells, unlike "三、本年度办理结果" that the next row's figures follow); blocks after the
  last number leave it too.

Text with no separators at all (a crawler that ran the cells together, "规章 000行政规范性文件693665")
is left as it is: a paragraph. A crawler's header ("标题: …", "发布时间: 2022-02-08 16:34", up to a line
"==== 正文 ====") gives the title and the publication date, and is not part of the body.
Places are lines (1-based) and, in tables, the row and column as written.
"""

from __future__ import annotations

from ...errors import SourceError
from ...model.place import Place
from ...patterns import pattern
from . import dates
from .document import Block, Cell, Document, Paragraph, Table
from .limits import MAX_LINE_CHARS, Budget

_BODY_MARK = pattern(r"\s*=+\s*正文\s*=+\s*")
_HEADER_LINE = pattern(r"\s*([^:：]{1,12})\s*[:：]\s*(.*)")
_HEADER_LINES = 40  # a crawler's header is short
_TITLE_KEYS = ("标题", "题名", "名称")
_DATE_KEYS = ("发布时间", "发布日期", "公开日期", "日期", "时间")
_NUMBER = pattern(r"[-+]?\d[\d,，]*(?:\.\d+)?%?")
_SECTION = pattern(r"[一二三四五六七八九十]+、")
_MAX_CELL = 60  # a cell written on a line of its own is short …
_SENTENCE_END = ("。", "；", ";")  # … and is no sentence


def lines_of(text: str, file: str) -> list[str]:
    """The text's lines (line breaks of any system), each within the length limit."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise SourceError("source.line_too_long", file=file, line=number, limit=MAX_LINE_CHARS)
    return lines


def read_text(text: str, file: str) -> Document:
    lines = lines_of(text, file)
    title, published, start = _header(lines)
    reader = _Reader(lines, Budget(file))
    reader.read(start)
    return Document(file, "text", tuple(reader.out), title=title, published=published)


def _header(lines: list[str]) -> tuple[str | None, str | None, int]:
    """(title, published, index of the first body line) from a crawler's header, if the file has one."""
    mark = next((i for i, line in enumerate(lines[:_HEADER_LINES]) if _BODY_MARK.fullmatch(line)), None)
    if mark is None:
        return None, None, 0
    title = published = None
    for line in lines[:mark]:
        m = _HEADER_LINE.fullmatch(line)
        if not m:
            continue
        key, value = m[1].strip(), m[2].strip()
        if key in _TITLE_KEYS and value and title is None:
            title = value
        elif key in _DATE_KEYS and published is None:
            published = dates.normalised(value)
    return title, published, mark + 1


def pipe_cells(line: str) -> list[str] | None:
    """A row written with ``|`` between cells, or None when the line is no such row."""
    if "|" not in line or not (line.rstrip().endswith("|") or " | " in line):
        return None
    return [cell.strip() for cell in line.split("|")]


def tab_cells(line: str) -> list[str] | None:
    return [cell.strip() for cell in line.split("\t")] if "\t" in line else None


def _numeric(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text.strip()))


class _Reader:
    def __init__(self, lines: list[str], budget: Budget):
        self.lines, self.budget = lines, budget
        self.out: list[Block] = []
        self.tables = 0

    def read(self, start: int) -> None:
        i, n = start, len(self.lines)
        blocks: list[int] = []  # one-line blocks waiting to be read as cells or paragraphs
        while i < n:
            line = self.lines[i]
            split = pipe_cells if pipe_cells(line) is not None else tab_cells if "\t" in line else None
            run = i
            while split is not None and run < n and split(self.lines[run]) is not None:
                run += 1
            if run - i >= 2:  # a table written with separators
                self.one_line_blocks(blocks)
                blocks = []
                self.loose_table([(k, split(self.lines[k]) or []) for k in range(i, run)])
                i = run
                continue
            if line.strip():
                alone = (i == 0 or not self.lines[i - 1].strip()) and (i + 1 == n or not self.lines[i + 1].strip())
                if alone and self.cell_like(line):
                    blocks.append(i)
                else:
                    self.one_line_blocks(blocks)
                    blocks = []
                    self.paragraph(i)
            i += 1
        self.one_line_blocks(blocks)

    def cell_like(self, line: str) -> bool:
        text = line.strip()
        return len(text) <= _MAX_CELL and not text.endswith(_SENTENCE_END)

    def paragraph(self, i: int) -> None:
        self.budget.block()
        self.out.append(Paragraph(self.lines[i].rstrip(), Place(line=i + 1)))

    def one_line_blocks(self, blocks: list[int]) -> None:
        """A run of short one-line blocks: tables of one cell per line, and paragraphs around them."""
        texts = [self.lines[i].strip() for i in blocks]
        cells: list[int] = []
        for k, i in enumerate(blocks):
            heading = _SECTION.match(texts[k]) and (
                not cells or (_numeric(texts[k - 1]) and not any(_numeric(t) for t in texts[k + 1:k + 3])
                              and len(texts[k + 1:k + 3]) == 2))
            if heading:
                self.cells_or_paragraphs(cells)
                cells = []
                self.paragraph(i)
            else:
                cells.append(i)
        self.cells_or_paragraphs(cells)

    def cells_or_paragraphs(self, blocks: list[int]) -> None:
        numbers = [k for k, i in enumerate(blocks) if _numeric(self.lines[i])]
        if len(numbers) < 3:
            for i in blocks:
                self.paragraph(i)
            return
        last = numbers[-1]
        self.loose_table([(i, [self.lines[i].strip()]) for i in blocks[:last + 1]])
        for i in blocks[last + 1:]:
            self.paragraph(i)

    def loose_table(self, rows: list[tuple[int, list[str]]]) -> None:
        """A loose table of ``rows``: (line index, the cells written on it)."""
        self.tables += 1
        cells: list[Cell] = []
        width = 0
        for r, (i, row) in enumerate(rows):
            while row and not row[-1]:
                row = row[:-1]
            self.budget.grid(len(row))
            cells.extend(Cell(text, r, c, Place(line=i + 1, table=self.tables, row=r + 1, col=c + 1))
                         for c, text in enumerate(row))
            width = max(width, len(row))
        self.budget.block()
        self.out.append(Table(tuple(cells), len(rows), width, Place(line=rows[0][0] + 1, table=self.tables),
                              loose=True))
