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
from html import escape
from pathlib import Path

import jinja2

from ..model import Block, Narrative, Report, Span
from ..resources import templates_dir
from .tables_html import tables_html

TEMPLATE = "report.md.j2"

_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>&#~|!])")
# At the start of a line: a list marker, a setext underline, a quote, an indented code line.
_LINE_START = re.compile(r"^(?:([-+=>])|([0-9]+)([.)]))")
_HEADING_MARK = {2: "###", 3: "####", 4: "#####"}  # below the section heading "## 一、…"


def render(report: Report, template: Path | None = None) -> bytes:
    return render_text(report).encode("utf-8")


def render_text(report: Report) -> str:
    tables = tables_html(report)
    sections = [{"heading": escape_text(s.heading), "text": narrative_markdown(text),
                 "table": tables.get(s.key, "")} for s, text, _ in report.sections()]
    signature = report.signature and {"organ": escape(report.signature.organ, quote=False),
                                      "date": escape(report.signature.date_chinese, quote=False)}
    text = _template().render(title=escape_text(report.title),
                              intro=narrative_markdown(report.intro) if report.intro else "",
                              sections=sections, signature=signature)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template(TEMPLATE)


def escape_text(text: str, line_start: bool = True) -> str:
    """Plain text → CommonMark that renders as exactly that text (``line_start``: it begins a line)."""
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LINE_START.sub(lambda m: "\\" + m[1] if m[1] else f"{m[2]}\\{m[3]}", text)


def narrative_markdown(text: Narrative) -> str:
    """A narrative → normalised CommonMark: headings numbered and one level below the section."""
    out: list[str] = []
    lists: list[bool] = []  # the open lists by depth: ordered or not
    blocks = text.blocks
    for i, block in enumerate(blocks):
        if i:
            out.append(_separator(blocks[i - 1], block, lists))
        if block.kind == "item":
            lists[block.level - 1:] = [_ordered(block)]
        else:
            lists.clear()
        out.append(_block(block))
    return "".join(out)


def _separator(prev: Block, block: Block, lists: list[bool]) -> str:
    """A blank line between blocks, one newline between list items (a tight list, as the author's
    renders) except before a new list numbered from other than 1, which cannot interrupt a paragraph."""
    if not prev.kind == block.kind == "item":
        return "\n\n"
    continues = len(lists) >= block.level and lists[block.level - 1] == _ordered(block)
    return "\n" if continues or not _ordered(block) or block.number == "1." else "\n\n"


def _ordered(block: Block) -> bool:
    return block.number[:1].isdigit()


def _block(block: Block) -> str:
    if block.kind == "heading":
        return f"{_HEADING_MARK[block.level]} {escape_text(block.number, line_start=False)}{_inline(block.spans, '', at_start=False)}"
    if block.kind == "item":
        marker = block.number if _ordered(block) else "-"
        indent = "    " * (block.level - 1)  # inside the outer item's content for markers "-" up to "99."
        return f"{indent}{marker} {_inline(block.spans, indent + ' ' * (len(marker) + 1))}"
    return _inline(block.spans, "")


def _inline(spans: tuple[Span, ...], indent: str, at_start: bool = True) -> str:
    """Spans → Markdown; ``indent`` continues a list item after a hard break, ``at_start``: the spans begin a line."""
    out = []
    for i, span in enumerate(spans):
        if span.line_break:
            out.append("\\\n" + indent)
            continue
        body = escape_text(span.text, line_start=spans[i - 1].line_break if i else at_start)
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

