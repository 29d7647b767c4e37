"""A web page (a whole saved page with the site around it, or a fragment) → ``Document``.

**Encoding**: a byte-order mark, else the charset the page declares, else UTF-8, else GB18030.

**The report's content root.** A government page wraps the report in the site: menus, breadcrumbs, a
metadata table (索引号, 发布机构, 公开日期 …), the title and a line of 来源/时间, then the article, then
share buttons, related links and the footer. The content root is found from two measures: the text of
each element that is not link text (menus are links), and the report's tables — tables without tables
inside that hold at least three cells of digits, a fifth of their filled cells (the metadata table holds
an index number and a date, not counts). The root is first the smallest element, descending from
``<body>`` through containers (never into a paragraph, nor a table other than a layout frame), that holds
at least half the page's text; a report table in a sibling of the root is then taken in, by climbing to
their parent, when that adds little other text (a block of tables beside the text); a table further
away is not (a calendar in a side bar). The article's title, outside the root just before it, is the
first block: the element among ``<h1>``–``<h3>`` and elements whose class or id names a title whose text
best matches ``<title>``.

**Blocks.** Paragraphs come from block elements and ``<br>``; a list item starts with the marker a
browser shows ("• ", "1."); inline markup (``<span>``, ``<font>``,
``<o:p>`` …) is concatenated exactly; white space collapses as a browser shows it and ``&nbsp;`` stays a
space; scripts, styles, comments, hidden elements, forms' controls and images are dropped. ``<table>``
cells are expanded on a grid with their rowspan and colspan; a table holding tables is a layout frame and
what its cells hold is read in order. ``<h1>``–``<h6>`` give ``Paragraph.heading``. Places are the source
line of each element (``Place.line``) and the table, row and column of each cell.

**Date.** ``Document.published`` is the page's own date: a meta tag (PubDate, publishdate …), a
``<publishtime>`` element, or a labelled date ("发布时间：", "发布日期", "公开日期", "时间：") in the page
before the content or at its start.

Nothing is fetched: the parser resolves no entity and loads no DTD, images, scripts or frames.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ...errors import SourceError
from ...model.place import Place
from ...patterns import pattern, stored
from . import dates
from .document import Block, Document, Paragraph
from .docx_numbering import formatted
from .encoding import bom_encoding, decode
from .grid import Grid
from .limits import Budget, missing_library

_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section summary "
    "ul tbody thead tfoot tr td th".split())
_DROPPED = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
            "svg", "math", "select", "textarea", "button", "input", "img", "map", "audio", "video", "canvas", "head",
            "link", "meta", "title", "base")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LIST_TYPES = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_PARAGRAPHS = frozenset(("p", *_HEADINGS, "li", "pre", "blockquote", "dt", "dd"))
_WHITE = pattern(r"[ \t\n\r\f]+")
_CHARSET = pattern(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = pattern(r"^\s*<\?xml[^>]*\?>")
_HIDDEN = pattern(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NUMERIC = pattern(r"[\d.,，]*\d[\d.,，]*")
_TITLE_CLASS = pattern(r"title|biaoti", re.IGNORECASE)
_DATE_META = {"pubdate", "publishdate", "publish_date", "publishtime", "pubtime", "firstpublishedtime",
              "dc.date.issued", "dcterms.issued", "article:published_time", "datepublished"}
_DATE_TAGS = {"publishtime", "pubtime", "pubdate"}
_MIN_TEXT_SHARE = 0.5  # the content root holds at least this share of the page's text
_MAX_EXTRA = 0.15  # taking in a report table may add at most this much other text, relative to the root's


def read_html(data: bytes, file: str) -> Document:
    declared = None if bom_encoding(data) else _CHARSET.search(data[:8192])
    text = decode(data, file, declared[1].decode("ascii", "replace") if declared else None)
    page = parse(text, file)
    if page is None:
        return Document(file, "html", ())
    title_text = _clean(page.findtext(".//title") or "") or None
    published = _meta_date(page)
    _strip(page)
    body = page.find("body")
    if body is None:
        return Document(file, "html", (), title=title_text, published=published)
    weights = _weights(body)
    root = _content_root(body, weights)
    order = {el: i for i, el in enumerate(body.iter())}
    heading = _title_element(body, root, title_text, order)
    walker = Walker(Budget(file))
    if heading is not None and order[heading] < order[root] and heading not in set(root.iterancestors()):
        walker.paragraph(_clean(heading.text_content()), heading.sourceline, _HEADINGS.get(heading.tag, 1))
    walker.element(root)
    if published is None:
        published = dates.labelled(_text_before(body, root)) or dates.labelled(_clean(root.text_content())[:500])
    title = _clean(heading.text_content()) if heading is not None else title_text
    return Document(file, "html", tuple(walker.out), title=title or None, published=published)


MAX_DEPTH = 256  # lxml's bound on nested elements without its huge_tree option


def parse(text: str, file: str) -> Any:
    """The page's element tree (None for a page with no elements): lxml's HTML parser, which recovers
    from broken markup and fetches nothing. Raises SourceError for a page nested past MAX_DEPTH, which the
    parser would cut short without a word."""
    try:
        with stored("lxml.html"):
            import lxml.html
        from lxml import etree
    except ImportError:
        raise missing_library(file, "lxml") from None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
                                  default_doctype=False, collect_ids=False)
    try:
        page = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):  # lxml: "Document is empty"
        page = None
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log):
        raise SourceError("source.too_deep", file=file, limit=MAX_DEPTH)
    return page


def _strip(page: Any) -> None:
    """Drop what a reader of the page does not see as its text: hidden elements (but never the body a
    script would show), scripts, styles, frames, controls, images, the head."""
    from lxml import etree

    for el in list(page.iter()):
        if isinstance(el.tag, str) and el.tag not in ("html", "body") and (
                el.get("hidden") is not None or _HIDDEN.search(el.get("style") or "")):
            el.drop_tree()
    etree.strip_elements(page, *_DROPPED, with_tail=False)


def _clean(raw: str) -> str:
    """Text as a browser shows it: white space collapsed and trimmed; a no-break space stays a space."""
    return _WHITE.sub(" ", raw).strip(" ").replace("\xa0", " ")


# ---- where the report is ----------------------------------------------------------------------------


def _chars(text: str | None) -> int:
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r") if text else 0


def _weights(body: Any) -> dict[Any, int]:
    """Each element's amount of text, link text left out (menus and link lists are links)."""
    weights: dict[Any, int] = {}
    for el in reversed(list(body.iter())):
        if el.tag == "a":
            weights[el] = 0
            continue
        weights[el] = _chars(el.text) + sum(weights.get(c, 0) + _chars(c.tail) for c in el)
    return weights


def _report_tables(body: Any) -> list[Any]:
    tables = []
    for table in body.iter("table"):
        if table.find(".//table") is not None:
            continue
        texts = [_clean(c.text_content()) for c in table.iter("td", "th")]
        filled = [t for t in texts if t]
        numeric = sum(1 for t in filled if _NUMERIC.fullmatch(t))
        if numeric >= 3 and numeric * 5 >= len(filled):
            tables.append(table)
    return tables


def _content_root(body: Any, weights: dict[Any, int]) -> Any:
    total = weights[body]
    root = body
    while True:
        inner = next((c for c in root if weights.get(c, 0) >= _MIN_TEXT_SHARE * total > 0 and c.tag not in _PARAGRAPHS
                      and (c.tag != "table" or c.find(".//table") is not None)), None)
        if inner is None:
            break
        root = inner
    for table in _report_tables(body):
        parent = root.getparent()
        if parent is None or root in set(table.iterancestors()) or parent not in set(table.iterancestors()):
            continue  # inside already, or further away than a sibling of the root
        if weights[parent] - weights[root] - weights[table] <= _MAX_EXTRA * weights[root]:
            root = parent
    return root


def _title_element(body: Any, root: Any, page_title: str | None, order: dict[Any, int]) -> Any:
    """The article's title: the heading-like element whose text best matches the page's <title>, or the
    last ``<h1>`` before the content root."""
    best, best_score = None, 0
    for el in body.iter():
        if not isinstance(el.tag, str) or not (el.tag in ("h1", "h2", "h3") or el.tag.endswith("title")
                                                or _TITLE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}")):
            continue
        text = _clean(el.text_content())
        if not 2 <= len(text) <= 150:
            continue
        score = _match(text, page_title) if page_title else (1 if el.tag == "h1" and order[el] < order[root] else 0)
        if score > best_score or (score == best_score and score and order[el] < order[root]):
            best, best_score = el, score
    while best is not None and best.getparent() is not None and _clean(best.getparent().text_content()) == \
            _clean(best.text_content()) and best.getparent().tag not in ("body", "html"):
        best = best.getparent()  # the outermost element of the title: <h1><ucaptitle>…</ucaptitle></h1>
    return best if best_score else None


def _match(text: str, page_title: str) -> int:
    """How well ``text`` matches the page's title: the length of their common start (at least 6)."""
    n = 0
    while n < min(len(text), len(page_title)) and text[n] == page_title[n]:
        n += 1
    return n if n >= 6 or n == len(text) == len(page_title) else 0


def _meta_date(page: Any) -> str | None:
    for meta in page.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        if name in _DATE_META:
            found = dates.normalised(meta.get("content") or "")
            if found:
                return found
    for el in page.iter(*_DATE_TAGS):
        found = dates.normalised(_clean(el.text_content()))
        if found:
            return found
    return None


def _text_before(body: Any, stop: Any) -> str:
    from lxml import etree

    parts: list[str] = []
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if el is stop:
            break
        text = el.text if event == "start" else (el.tail if el is not body else None)
        if text:
            parts.append(text)
    return _clean(" ".join(parts))


# ---- blocks -------------------------------------------------------------------------------------------


class Walker:
    """Blocks of a page's elements, in document order, into ``out``; ``line_offset`` is added to source
    lines (a fragment inside a Markdown file)."""

    def __init__(self, budget: Budget, line_offset: int = 0):
        self.budget, self.line_offset = budget, line_offset
        self.out: list[Block] = []
        self.tables = 0

    def line(self, el: Any) -> int | None:
        return el.sourceline + self.line_offset if el.sourceline else None

    def paragraph(self, text: str, line: int | None, heading: int | None = None) -> None:
        if text.strip(" \u3000"):
            self.budget.block()
            self.out.append(Paragraph(text, Place(line=line), heading))

    def element(self, el: Any) -> None:
        if el.tag == "table":
            self.table(el)
            return
        flow = _Flow(self.line, self.paragraph, self.table)
        flow.content(el)
        flow.flush()

    def table(self, el: Any) -> None:
        """A table of the page: a grid of cells, or, for a frame around tables, what its cells hold."""
        caption = el.find("caption")
        if caption is not None:
            self.paragraph(_clean(caption.text_content()), self.line(caption))
        if el.find(".//table") is not None:
            for row in _rows(el):
                for cell in _cells(row):
                    self.element(cell)
            return
        self.tables += 1
        grid = Grid(self.budget)
        for row in _rows(el):
            grid.new_row()
            col = 0
            for cell in _cells(row):
                lines: list[str] = []
                flow = _Flow(self.line, lambda text, line, heading: lines.append(text), lambda inner: None)
                flow.content(cell)
                flow.flush()
                col = grid.place("\n".join(lines), col, _span(cell.get("rowspan")), _span(cell.get("colspan")),
                                 self.line(cell))
        self.budget.block()
        self.out.append(grid.table(self.tables, Place(line=self.line(el), table=self.tables)))


class _Flow:
    """Inline text gathered into paragraphs, each handed to ``emit`` as it ends: at a block element or a
    ``<br>``. A table met is handed to ``table`` after the paragraph before it. A list item starts with the
    marker a browser shows: "• ", or its number in an ordered list ("1.", "b.", "iv." as ``type`` says)."""

    def __init__(self, line: Callable[[Any], int | None], emit: Callable[[str, int | None, int | None], None],
                 table: Callable[[Any], None]):
        self.line, self.emit, self.table = line, emit, table
        self.parts: list[str] = []
        self.start: int | None = None
        self.heading: int | None = None
        self.marker = ""  # of the list item whose first paragraph is being gathered
        self.lists: list[list[Any]] = []  # open lists: [element, the number of its last item]

    def add(self, text: str | None, el: Any) -> None:
        if text:
            if self.start is None and text.strip():
                self.start = self.line(el)
            self.parts.append(text)

    def flush(self) -> None:
        text = _clean("".join(self.parts))
        if text.strip(" \u3000"):
            self.emit(self.marker + text, self.start, self.heading)
            self.marker = ""
        self.parts, self.start = [], None

    def content(self, el: Any) -> None:
        self.add(el.text, el)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                self.flush()
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCK:
                self.flush()
                outer, self.heading = self.heading, _HEADINGS.get(tag, self.heading)
                if tag in ("ol", "ul"):
                    self.lists.append([child, _span(child.get("start")) - 1 if child.get("start") else 0])
                elif tag == "li":
                    self.marker = self.item_marker(child)
                self.content(child)
                self.flush()
                self.heading, self.marker = outer, ""
                if tag in ("ol", "ul"):
                    self.lists.pop()
            elif tag:
                self.content(child)
            self.add(child.tail, child)

    def item_marker(self, li: Any) -> str:
        if not self.lists or self.lists[-1][0].tag != "ol":
            return "• "
        current = self.lists[-1]
        value = li.get("value")
        current[1] = _span(value) if value and value.strip().isdigit() else current[1] + 1
        fmt = _LIST_TYPES.get((current[0].get("type") or "1").strip(), "decimal")
        return f"{formatted(current[1], fmt)}."


def _rows(table: Any) -> list[Any]:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _cells(row: Any) -> list[Any]:
    return [c for c in row if c.tag in ("td", "th")]


def _span(value: str | None) -> int:
    m = re.match(r"\s*(\d{1,6})", value or "")
    return int(m[1]) if m else 1
