"""The Word writer: fills a docxtpl template (by default ``templates/report.docx``) with a report.

The template owns the typography; this module supplies values only: the title, the narrative
Markdown as paragraphs in the template's own styles, every table figure bound to its own tag, and
the 落款. Values are escaped (autoescape, StrictUndefined), so text is always printed literally.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Twips
from docxtpl import DocxTemplate
from markupsafe import Markup
from markupsafe import escape as _escape

from ...errors import TemplateError
from ...formats.layout import Format
from ...model import Block, Narrative, Report, Signature, Span, format_number
from .reference import CHAR, default_template
from .template_check import Template, environment, load
from .vocabulary import (NARRATIVE_VAR, STYLE_BODY, STYLE_HEADINGS, STYLE_LIST, STYLE_SIGNATURE_DATE,
                         STYLE_SIGNATURE_ORGAN, context_shape, nest)


def render(report: Report, template: Path | None = None) -> bytes:
    """The report as .docx bytes; raises TemplateError for a template that cannot be used."""
    path = template or default_template()
    tpl_info = _template(path, report.format)
    tpl = _Template(io.BytesIO(tpl_info.data))
    try:
        tpl.render(context(report, tpl_info), jinja_env=environment(), autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(path, [("", "template.render_failed", {"reason": str(exc)})]) from exc
    doc = tpl.docx
    if report.signature:
        _place_signature(doc, report.signature)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.organ
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


class _Template(DocxTemplate):
    """docxtpl's template with its tag preprocessing remembered: the same template XML is patched the
    same way for every report of a batch."""

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        if src_xml not in self._patched:
            if len(self._patched) > 64:
                self._patched.clear()
            self._patched[src_xml] = super().patch_xml(src_xml)
        return self._patched[src_xml]


def _template(path: Path, fmt: Format) -> Template:
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(path, [("", "template.unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    return _checked(path.resolve(), stat.st_mtime_ns, stat.st_size, fmt)


@lru_cache(maxsize=8)
def _checked(path: Path, mtime_ns: int, size: int, fmt: Format) -> Template:
    """Read and check a template once per version of the file (a batch renders it many times)."""
    return load(path, context_shape(fmt))


# ---- the context -----------------------------------------------------------------------------


def context(report: Report, tpl: Template) -> dict[str, Any]:
    styles = _Styles(tpl.styles)
    return {
        "title": _text(report.title),
        "organ": _text(report.organ),
        "year": report.year,
        "intro": _paragraphs(report.intro, styles),
        NARRATIVE_VAR: {s.key: _paragraphs(text, styles) for s, text, _ in report.sections()},
        **{t.spec.var: nest(t.spec, lambda cell, t=t: _text(format_number(t[cell]))) for t in report.tables.values()},
        "signature": ({"organ": _text(report.signature.organ), "date": _text(report.signature.date_chinese)}
                      if report.signature else None),
    }


def _text(value: str) -> Markup:
    # Escaped for XML; braces as character references so docxtpl's own post-processing of "{_{" etc.
    # can never change a value.
    return Markup(str(_escape(value)).replace("{", "&#123;").replace("}", "&#125;"))


# ---- narrative Markdown → paragraphs in the template's styles ---------------------------------


class _Styles:
    def __init__(self, by_name: dict[str, str]):
        self.by_name = by_name

    def id(self, name: str) -> str:
        return self.by_name[name.lower()]


class _Paragraphs:
    """WordprocessingML paragraphs that a ``{{p var }}`` tag puts in place of its own paragraph."""

    def __init__(self, xml: str):
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __bool__(self) -> bool:
        return bool(self.xml)


def _paragraphs(text: Narrative | None, styles: _Styles) -> _Paragraphs:
    return _Paragraphs("".join(_block(b, styles) for b in text.blocks) if text else "")


def _block(block: Block, styles: _Styles) -> str:
    if block.kind == "heading":
        style, lead, indent = styles.id(STYLE_HEADINGS[block.level]), block.number, ""
    elif block.kind == "item":
        style = styles.id(STYLE_LIST)
        lead = block.number if block.number != "•" else "• "
        depth = block.level - 1  # nested items move right by two characters per level
        indent = f'<w:ind w:left="{2 * CHAR * depth}" w:leftChars="{200 * depth}"/>' if depth else ""
    else:
        style, lead, indent = styles.id(STYLE_BODY), "", ""
    runs = ([_run(Span(lead))] if lead else []) + [_run(s) for s in block.spans]
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{indent}</w:pPr>{"".join(runs)}</w:p>'


def _run(span: Span) -> str:
    if span.line_break:
        return "<w:r><w:br/></w:r>"
    props = ("<w:b/><w:bCs/>" if span.bold else "") + ("<w:i/><w:iCs/>" if span.italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(span.text)}</w:t></w:r>'


# ---- 落款 (GB/T 9704 §7.3.5.2, no seal) --------------------------------------------------------


def _width(text: str) -> float:
    """Width in characters of 三号: CJK and full-width forms one, digits and Latin letters half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def signature_indents(sig: Signature) -> tuple[float, float]:
    """Right indents in characters of the organ line and the date line: the organ ends 2 characters from
    the right margin and the date starts 2 characters right of the organ's first character; a date
    longer than that ends 2 characters from the margin and the organ moves left to keep the offset."""
    organ, date = _width(sig.organ), _width(sig.date_chinese)
    if organ - date >= 2:
        return 2.0, organ - date
    return 4.0 - organ + date, 2.0


def _place_signature(doc, sig: Signature) -> None:
    indents = dict(zip((STYLE_SIGNATURE_ORGAN, STYLE_SIGNATURE_DATE), signature_indents(sig), strict=True))
    for p in reversed(doc.paragraphs):  # the 落款 closes the document: look from the end
        name = p.style.name if p.style is not None else ""
        if name in indents:
            p.paragraph_format.right_indent = Twips(round(indents.pop(name) * CHAR))
            if not indents:
                break
