"""The Word writer: fills a docxtpl template (by default ``templates/report.docx``) with a report.

The template owns the typography; this module supplies values only: the title, the narrative
Markdown as paragraphs in the template's own styles, each table drawn from its grid where its table tag
(``{{p t3 }}``) stands, or its figures one by one for templates that bind every cell, and the 落款.
A style the writer needs and the template lacks is taken from the bundled template, so an office's own
letterhead needs only the tags. Values are escaped (autoescape, StrictUndefined), so text is always
printed literally.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Twips
from docxtpl import DocxTemplate
from lxml import etree

from ...errors import TemplateError
from ...formats.layout import Format
from ...model import Block, Narrative, Report, Signature, Span, TableData, format_number
from ...resources import templates_dir
from .tables import table_xml, text
from .template_check import W, environment, load
from .vocabulary import (NARRATIVE_VAR, STYLE_BODY, STYLE_HEADINGS, STYLE_LIST, STYLE_SIGNATURE_DATE,
                         STYLE_SIGNATURE_ORGAN, context_shape, nest, styles_used)

CHAR = 320  # one 三号 character (16 pt) in twips
TEMPLATE_NAME = "report.docx"
_BREAKS_IN_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_CORE_PROPERTIES = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def default_template() -> Path:
    return templates_dir() / TEMPLATE_NAME


def render(report: Report, template: Path | None = None) -> bytes:
    """The report as .docx bytes; raises TemplateError for a template that cannot be used."""
    path = template or default_template()
    prepared = _template(path, report.format)
    tpl = _Template(io.BytesIO(prepared.data))
    try:
        tpl.render(context(report, prepared), jinja_env=environment(), autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(path, [("", "template.render_failed", {"reason": str(exc)})]) from exc
    doc = tpl.docx
    doc.styles.element.extend(copy.deepcopy(s) for s in prepared.supplied)
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

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns tabs, line and page breaks inside text into Word's own; searching every run of every
        # table cell for them costs more than the rest of filling the template, and most reports have none
        return super().resolve_listing(xml) if _BREAKS_IN_TEXT.search(xml) else xml


@dataclass(frozen=True)
class _Prepared:
    data: bytes
    styles: dict[str, str]  # style name, lower-cased → style id, with the supplied styles
    supplied: tuple[Any, ...]  # w:style elements of the bundled template that the template lacks


def _template(path: Path, fmt: Format) -> _Prepared:
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(path, [("", "template.unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    return _checked(path.resolve(), stat.st_mtime_ns, stat.st_size, fmt)


@lru_cache(maxsize=8)
def _checked(path: Path, mtime_ns: int, size: int, fmt: Format) -> _Prepared:
    """Read, check and complete a template once per version of the file (a batch renders it many times)."""
    tpl = load(path, context_shape(fmt))
    bundled, names = _bundled_styles()
    styles, supplied = dict(tpl.styles), []
    ids = set(styles.values())
    for name in (n.lower() for n in styles_used(fmt)):
        if name in styles:
            continue
        style = copy.deepcopy(bundled[name])
        style_id = style.get(f"{W}styleId")
        if style_id in ids:  # taken by a style of the template's own
            style_id = f"gipr-gen-{style_id}"
            style.set(f"{W}styleId", style_id)
        styles[name] = style_id
        ids.add(style_id)
        supplied.append(style)
    for style in supplied:
        # its references lead to the template's styles of the same names; the template has none of its lists
        for ref in list(style.iter(f"{W}basedOn", f"{W}next", f"{W}link", f"{W}numPr")):
            target = styles.get(names.get(ref.get(f"{W}val"), "")) if ref.tag != f"{W}numPr" else None
            if target:
                ref.set(f"{W}val", target)
            else:
                ref.getparent().remove(ref)
    return _Prepared(_repaired(tpl.data), styles, tuple(supplied))


def _repaired(data: bytes) -> bytes:
    """The template with its core-properties relationship typed as the standard spells it. LibreOffice
    misspells it ("officedocument/…"); python-docx would then add a second docProps/core.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "_rels/.rels" not in z.namelist():
            return data
        rels = z.read("_rels/.rels")
        fixed = re.sub(rb'Type="[^"]*/metadata/core-properties"', b'Type="%s"' % _CORE_PROPERTIES, rels)
        if fixed == rels:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in z.infolist():
                dst.writestr(item, fixed if item.filename == "_rels/.rels" else z.read(item))
    return out.getvalue()


@cache
def _bundled_styles() -> tuple[dict[str, Any], dict[str, str]]:
    """The bundled template's paragraph styles by lower-cased name, and the lower-cased name of each id."""
    with zipfile.ZipFile(default_template()) as z:
        root = etree.fromstring(z.read("word/styles.xml"))
    named = [(s.find(f"{W}name").get(f"{W}val").lower(), s) for s in root.iter(f"{W}style")
             if s.get(f"{W}type") == "paragraph" and s.find(f"{W}name") is not None]
    return dict(named), {s.get(f"{W}styleId"): name for name, s in named}


# ---- the context -----------------------------------------------------------------------------


def context(report: Report, prepared: _Prepared) -> dict[str, Any]:
    styles = _Styles(prepared.styles)
    return {
        "title": text(report.title),
        "organ": text(report.organ),
        "year": report.year,
        "intro": _paragraphs(report.intro, styles),
        NARRATIVE_VAR: {s.key: _paragraphs(narrative, styles) for s, narrative, _ in report.sections()},
        **{t.spec.var: _Table(t, styles) for t in report.tables.values()},
        "signature": ({"organ": text(report.signature.organ), "date": text(report.signature.date_chinese)}
                      if report.signature else None),
    }


class _Table:
    """A table in the context: its table tag ``{{p t3 }}`` draws the whole table from its grid; a cell tag
    ``t3.received.natural_person`` is one figure (its rows nest as in the report file)."""

    def __init__(self, data: TableData, styles: _Styles):
        self._data, self._styles = data, styles

    def __html__(self) -> str:
        assert self._data.spec.typesetting is not None, self._data.spec.section
        return table_xml(self._data, self._styles.id(self._data.spec.typesetting.style))

    def __getitem__(self, key: str) -> Any:
        return self._cells[key]

    @cached_property
    def _cells(self) -> dict[str, Any]:
        return nest(self._data.spec, lambda cell: text(format_number(self._data[cell])))


# ---- narrative Markdown → paragraphs in the template's styles ---------------------------------


class _Styles:
    def __init__(self, by_name: dict[str, str]):
        self.by_name = by_name

    def id(self, name: str) -> str:
        """The style's id, escaped for an XML attribute (a template's ids are its author's)."""
        return text(self.by_name[name.lower()])


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
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text(span.text)}</w:t></w:r>'


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
