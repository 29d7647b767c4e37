"""The report as CommonMark, rendered from the editable template ``templates/report.md.j2``.

Narrative text is re-emitted from the model's blocks with every character that CommonMark
could read as markup escaped, so what the author typed comes out literally; the tables and the
signature are HTML blocks (cells must merge). The template gets finished Markdown strings, so
Jinja's autoescape is off: escaping happens here, once.
"""

from __future__ import annotations

import re
import unicodedata

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Block, Narrative, Report, Span
from ..patterns import pattern
from ..records import record
from ..resources import template_file

if TYPE_CHECKING:  # Jinja and the tables are loaded when a report is rendered, not by what only escapes
    import jinja2  # text (import)

TEMPLATE = "report.md.j2"

_INLINE_MARKUP = pattern(r"([\\`*_\[\]<>&#~|!])")
# At the start of a line: a list marker, a setext underline, a quote, an indented code line.
_LINE_START = pattern(r"^(?:([-+=>])|([0-9]+)([.)]))")
_LEADING_BLANKS = pattern(r"^[ \t]+")
_HEADING_MARK = {2: "###", 3: "####", 4: "#####"}  # below the section heading "## 一、…"
_LINE_BREAKS = pattern(r"\r\n|\r|\n")
BREAK = "<br>"  # a line break where Markdown has none: in a heading, in an HTML block


def render(report: Report, template: Path | None = None) -> bytes:
    return render_text(report).encode("utf-8")


def render_text(report: Report) -> str:
    from .tables_html import tables_html

    tables = tables_html(report)
    sections = [{"heading": escape_text(s.heading), "text": narrative_markdown(text),
                 "table": tables.get(s.key, "")} for s, text, _ in report.sections()]
    signature = report.signature and {"organ": _html_lines(report.signature.organ),
                                      "date": _html_lines(report.signature.date_chinese)}
    text = _template().render(title=_heading_text(report.title),
                              intro=narrative_markdown(report.intro) if report.intro else "",
                              sections=sections, signature=signature)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@cache
def _template() -> jinja2.Template:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_file(TEMPLATE).parent), autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template(TEMPLATE)


def escape_text(text: str, line_start: bool = True) -> str:
    """Plain text → CommonMark that renders as exactly that text (``line_start``: it begins a line)."""
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    if not line_start:
        return text
    text = _LINE_START.sub(lambda m: "\\" + m[1] if m[1] else f"{m[2]}\\{m[3]}", text)
    # spaces a character reference put there (&#32;) would indent the line: as references again
    return _LEADING_BLANKS.sub(lambda m: "".join(f"&#{ord(ch)};" for ch in m[0]), text)


def _heading_text(text: str) -> str:
    """A value printed as a heading: a heading is one line, so its line breaks become ``<br>``."""
    return BREAK.join(escape_text(line.strip(" \t")) for line in _LINE_BREAKS.split(text.strip()))


def _html_lines(text: str) -> str:
    """A value inside an HTML block, escaped and on one line: a blank line would end the block and
    let the rest be read as Markdown (an image, a link), so line breaks become ``<br>``."""
    from html import escape

    return BREAK.join(escape(line, quote=False) for line in _LINE_BREAKS.split(text.strip()))


def narrative_markdown(text: Narrative) -> str:
    """A narrative → normalised CommonMark: headings numbered and one level below the section.

    Lists are written so that CommonMark reads back the model's items: each level indented by its
    parent's marker (at least four columns), a further paragraph of an item (number "") indented
    under it, an empty item kept, and a list that restarts its numbering at the same level given the
    other delimiter (``1.`` ↔ ``1)``), since CommonMark would otherwise continue the numbers."""
    out: list[str] = []
    opened: list[_List] = []  # the lists open at each depth, outermost first
    blocks = text.blocks
    for i, block in enumerate(blocks):
        new_list = False
        if block.kind != "item":
            opened.clear()
        elif not block.number:  # a further paragraph of the item at this depth
            del opened[block.level:]
        else:
            del opened[block.level:]
            new_list = _opens_list(block, opened)
        if i:
            out.append(_separator(blocks[i - 1], block, new_list))
        out.append(_block(block, opened))
    return "".join(out)


@record(frozen=False)
class _List:
    ordered: bool
    delimiter: str  # "." or ")" for an ordered list
    number: int  # the last item's number
    width: int  # the columns an item's content is indented by under this list's marker


def _opens_list(block: Block, opened: list[_List]) -> bool:
    """Record the item in ``opened`` (deeper lists already closed); True when it starts a list."""
    ordered = _ordered(block)
    number = int(block.number[:-1]) if ordered else 0
    same = opened[block.level - 1] if len(opened) >= block.level else None
    if same and same.ordered == ordered and (not ordered or number == same.number + 1):
        same.number = number
        return False
    delimiter = ")" if same and same.ordered and ordered and same.delimiter == "." else "."
    while len(opened) < block.level - 1:  # not made by the reader, whose items always have a parent
        opened.append(_List(False, ".", 0, 4))
    del opened[block.level - 1:]
    opened.append(_List(ordered, delimiter, number, 0))
    return True


def _separator(prev: Block, block: Block, new_list: bool) -> str:
    """A blank line between blocks, one newline between list items (a tight list, as the author's
    renders), except where CommonMark needs the blank line: before an item's further paragraph, before
    an empty item that follows text (it could not interrupt the paragraph) and before a new list
    numbered from other than 1 (neither can it). After an empty item one newline before the next item:
    a blank line would end it and leave its sub-list indented as code."""
    if not prev.kind == block.kind == "item" or not block.number:
        return "\n\n"
    if not prev.spans and prev.number:
        return "\n"
    if not block.spans:
        return "\n\n"
    return "\n\n" if new_list and _ordered(block) and block.number != "1." else "\n"


def _ordered(block: Block) -> bool:
    return block.number[:1].isdigit()


def _block(block: Block, opened: list[_List]) -> str:
    if block.kind == "heading":
        number = escape_text(block.number, line_start=False)
        return f"{_HEADING_MARK[block.level]} {number}{_inline(block.spans, '', at_start=False, heading=True)}"
    if block.kind == "item":
        if not block.number:  # a further paragraph, indented under its item's marker
            indent = " " * sum(lst.width for lst in opened[:block.level])
            return indent + _inline(block.spans, indent)
        lst = opened[block.level - 1]
        marker = f"{block.number[:-1]}{lst.delimiter}" if lst.ordered else "-"
        lst.width = max(4, len(marker) + 1)  # inside the outer item's content, and at least as before
        indent = " " * sum(outer.width for outer in opened[:block.level - 1])
        if not block.spans:  # an empty item: its marker alone
            return f"{indent}{marker}"
        return f"{indent}{marker} {_inline(block.spans, indent + ' ' * (len(marker) + 1))}"
    return _inline(block.spans, "")


def _inline(spans: tuple[Span, ...], indent: str, at_start: bool = True, heading: bool = False) -> str:
    """Spans → Markdown; ``indent`` continues a list item after a hard break, ``at_start``: the spans begin
    a line; in a ``heading`` (one line) a hard break is written ``<br>``."""
    out = []
    for i, span in enumerate(spans):
        if span.line_break:
            out.append(BREAK if heading else "\\\n" + indent)
            continue
        starts_line = (spans[i - 1].line_break and not heading) if i else at_start
        body = escape_text(span.text, line_start=starts_line)
        out.append(_emphasis(span, body, spans[i - 1] if i else None, spans[i + 1] if i + 1 < len(spans) else None))
    return "".join(out)


def _emphasis(span: Span, body: str, before: Span | None, after: Span | None) -> str:
    if not (span.bold or span.italic):
        return body
    if _delimiters_safe(span.text, before, after):
        mark = ("**" if span.bold else "") + ("*" if span.italic else "")
        return f"{mark}{body}{mark[::-1]}"
    # CommonMark's flanking rules fail next to CJK punctuation (e.g. **“公开”**后): use inline HTML
    open_, close = ("<strong>", "</strong>") if span.bold else ("", "")
    if span.italic:
        open_, close = open_ + "<em>", "</em>" + close
    return f"{open_}{body}{close}"


def _delimiters_safe(text: str, before: Span | None, after: Span | None) -> bool:
    """``**…**`` parses as intended only when the text starts and ends with a letter-like character
    and no emphasised neighbour puts another delimiter run right beside it."""
    neighbours_plain = all(n is None or n.line_break or not (n.bold or n.italic) for n in (before, after))
    return bool(text) and neighbours_plain and not (_punct_or_space(text[0]) or _punct_or_space(text[-1]))


def _punct_or_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"

