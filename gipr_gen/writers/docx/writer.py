"""The Word writer: fills a docxtpl template (by default ``templates/report.docx``) with a report.

The template owns the typography; this module supplies values only: the title, the narrative
Markdown as paragraphs in the template's own styles, each table drawn from its grid where its table tag
(``{{p t3 }}``) stands, or its figures one by one for templates that bind every cell, and the 落款.
A style the writer needs and the template lacks is taken from the bundled template, so an office's own
letterhead needs only the tags. Values are escaped (autoescape, StrictUndefined), so text is always
printed literally.

A template is untrusted data. Before it is used it is checked (``template_check.py``) and tried with two
sample reports; it is filled in the bounded sandbox (``sandbox.py``); every part it fills is checked to be
well-formed WordprocessingML before the file is written. The same report and template make the same bytes:
every zip member is dated 1980-01-01 (or SOURCE_DATE_EPOCH), and the document's dates are the 落款's.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import time
import zipfile
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Twips
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup

from ...errors import TemplateError
from ...formats.layout import Format
from ...i18n import Bi, bi
from ...model import Block, Narrative, Report, Signature, Span, TableData, format_number
from ...resources import templates_dir
from .sandbox import environment, limits
from .tables import table_xml, text
from . import template_check
from .template_check import PROPERTIES, W, Problem, inspect, problem_of, safe_xml, trial
from .vocabulary import (NARRATIVE_VAR, STYLE_BODY, STYLE_HEADINGS, STYLE_LIST, STYLE_SIGNATURE_DATE,
                         STYLE_SIGNATURE_ORGAN, context_shape, nest, styles_used)

CHAR = 320  # one 三号 character (16 pt) in twips
TEMPLATE_NAME = "report.docx"
_BREAKS_IN_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_CORE_PROPERTIES = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_NOTES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": "where.template_footnote",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": "where.template_endnote"}
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # every member's date when SOURCE_DATE_EPOCH is not set


def default_template() -> Path:
    return templates_dir() / TEMPLATE_NAME


def render(report: Report, template: Path | None = None) -> bytes:
    """The report as .docx bytes; raises TemplateError for a template that cannot be used. The same report
    and template make the same bytes."""
    path = template or default_template()
    prepared = _template(path, report.format)
    try:
        return _render(report, prepared)
    except _Failed as exc:
        raise TemplateError(path, [exc.problem]) from exc


def check_file(path: Path, fmt: Format) -> list[Problem]:
    """Every problem of a template file (``template check``); raises OSError when it cannot be read."""
    size = path.stat().st_size
    if size > template_check.MAX_FILE:
        return [_too_large(size)]
    return check(path.read_bytes(), fmt)[1]


def _too_large(size: int) -> Problem:
    mb = "{:.1f} MB".format
    return "", "template.too_large", {"size": mb(size / 2**20), "limit": mb(template_check.MAX_FILE / 2**20)}


def check(data: bytes, fmt: Format, trusted: bool = False) -> tuple[_Prepared | None, list[Problem]]:
    """A template made ready to fill, or the problems that keep it from being used: what ``inspect`` finds
    in the file and its tags, then what filling it with two sample reports shows (one complete, one with
    every optional part left out), unless the template is ``trusted`` (the bundled one)."""
    tpl, problems = inspect(data, context_shape(fmt))
    if tpl is None or problems:
        return None, problems
    prepared = _prepare(tpl.data, tpl.styles, fmt)
    if trusted:
        return prepared, []
    try:
        Document(io.BytesIO(prepared.data))  # as docxtpl will open it
    except Exception as exc:  # noqa: BLE001 - python-docx failing on what the package holds
        return None, [("", "template.not_docx", {"reason": str(exc) or type(exc).__name__})]
    for sample in _samples(fmt):
        problems = trial(tpl, context(sample, prepared))
        if problems:
            return None, problems
    for sample in _samples(fmt):
        try:
            _render(sample, prepared)
        except _Failed as exc:
            return None, [exc.problem]
    return prepared, []


class _Failed(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem[1])
        self.problem = problem


def _render(report: Report, prepared: _Prepared) -> bytes:
    tpl = _Template(io.BytesIO(prepared.data))
    try:
        with limits():
            tpl.render(context(report, prepared), jinja_env=environment(), autoescape=True)
        tpl.where = ""
        doc = tpl.docx
        doc.styles.element.extend(copy.deepcopy(s) for s in prepared.supplied)
        if report.signature:
            _place_signature(doc, report.signature)
        props = doc.core_properties
        props.title = report.title
        props.author = report.organ
        props.created = props.modified = _document_date(report, props.created)
        out = io.BytesIO()
        tpl.save(out)
        return _reproducible(out.getvalue())
    except _Failed:
        raise
    except Exception as exc:  # noqa: BLE001 - anything a template makes fail is the template's problem
        raise _Failed(problem_of(exc, tpl.where)) from exc


class _Template(DocxTemplate):
    """docxtpl's template, filled in the sandbox with every part's output checked: the body, headers and
    footers as docxtpl fills them, footnotes and endnotes once each, the document properties as plain text.
    Its tag preprocessing is remembered: the same template XML is patched the same way for every report of
    a batch."""

    _patched: dict[str, str] = {}
    where: Bi | str = ""  # the part being filled

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

    def build_xml(self, context, jinja_env=None):
        self.where = bi("where.template_body")
        return super().build_xml(context, jinja_env)

    def fix_tables(self, xml):
        _valid(xml.encode("utf-8"), self.where)
        return super().fix_tables(xml)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        self.where = bi("where.template_header" if uri == self.HEADER_URI else "where.template_footer")
        return super().build_headers_footers_xml(context, uri, jinja_env)

    def map_headers_footers_xml(self, relKey, xml):  # noqa: N803 - docxtpl's signature
        _valid(xml, self.where)
        super().map_headers_footers_xml(relKey, xml)

    def render_properties(self, context, jinja_env=None):
        props = self.docx.core_properties
        for name in PROPERTIES:
            value = getattr(props, name)
            if "{" not in value:
                continue
            self.where = bi("where.template_property", name=name)
            filled = Markup(jinja_env.from_string(value).render(context)).unescape()  # plain text, not XML
            if len(filled) > 255:
                raise _Failed((self.where, "template.property_too_long", {"length": len(filled)}))
            try:
                setattr(props, name, filled)
            except ValueError as exc:  # a character XML cannot hold
                raise _Failed((self.where, "template.render_failed", {"reason": str(exc)})) from exc

    def render_footnotes(self, context, jinja_env=None):
        for part in self.docx.part.package.iter_parts():
            if part.content_type in _NOTES:
                self.where = bi(_NOTES[part.content_type])
                xml = self.render_xml_part(self.patch_xml(part.blob.decode("utf-8")), part, context, jinja_env)
                part._blob = xml.encode("utf-8")
                _valid(part._blob, self.where)


_NS = {"w": W[1:-1]}
_BLOCK_PARENTS = " or ".join(f"parent::w:{tag}" for tag in (
    "body", "tc", "txbxContent", "sdtContent", "hdr", "ftr", "footnote", "endnote", "comment", "customXml",
    "docPartBody", "ins", "del", "moveFrom", "moveTo", "smartTag"))
_NESTED = etree.XPath(f"(//w:p | //w:tbl)[not({_BLOCK_PARENTS})][1]", namespaces=_NS)
_TEXT_OUTSIDE = etree.XPath("(//w:body | //w:tbl | //w:tr | //w:tc | //w:hdr | //w:ftr | //w:footnote | //w:endnote"
                            " | //w:txbxContent)/text()[normalize-space()][1]", namespaces=_NS)
_EMPTY_CELL = etree.XPath("//w:tc[not(w:p | w:tbl | w:sdt | w:customXml)][1]", namespaces=_NS)


def _valid(xml: bytes, where: Bi | str) -> None:
    """A filled part is well-formed WordprocessingML: every paragraph and table where Word allows one (not
    inside a line of text), no text outside a paragraph, no empty table cell. A template that breaks these
    (most often {{ … }} where {{p … }} is needed) would make a file Word calls damaged and LibreOffice
    drops whole sections of."""
    try:
        root = safe_xml(xml)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise _Failed((where, "template.output_bad_xml", {"reason": str(exc)})) from exc
    for test, key in ((_NESTED, "template.output_nested"), (_TEXT_OUTSIDE, "template.output_text_outside"),
                      (_EMPTY_CELL, "template.output_empty_cell")):
        if test(root):
            raise _Failed((where, key, {}))


# ---- the same bytes every time ---------------------------------------------------------------------------


_ZIP_RANGE = (315532800, 4354819198)  # the dates a zip can hold: 1980-01-01 to 2107-12-31


def _source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org), within the dates a zip can hold; None when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not (value.isascii() and value.isdigit() and len(value) < 20):
        return None
    return min(max(int(value), _ZIP_RANGE[0]), _ZIP_RANGE[1])


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = _source_date_epoch()
    return ZIP_EPOCH if epoch is None else time.gmtime(epoch)[:6]


def _document_date(report: Report, template_date: dt.datetime | None) -> dt.datetime:
    """The document's created and modified dates: SOURCE_DATE_EPOCH when set, else the report's own date
    (the 落款's), else the template's, else the start of 1980 (never the time of the build)."""
    epoch = _source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    if report.signature:
        try:
            y, m, d = (int(x) for x in re.findall(r"[0-9]+", report.signature.date)[:3])
            return dt.datetime(y, m, d)
        except ValueError:  # a date check has already reported (built with --force)
            pass
    return template_date or dt.datetime(*ZIP_EPOCH)


def _reproducible(data: bytes) -> bytes:
    """The .docx with every member dated alike (python-docx dates them with the time of saving)."""
    when = _zip_time()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            dst.writestr(info, src.read(item), compresslevel=6)
    return out.getvalue()


# ---- the template, read and completed once -----------------------------------------------------------


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
    """Read and check a template once per version of the file (a batch renders it many times)."""
    if size > template_check.MAX_FILE:  # checked before reading it
        raise TemplateError(path, [_too_large(size)])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(path, [("", "template.unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    prepared, problems = check(data, fmt, trusted=path == default_template().resolve())
    if prepared is None:
        raise TemplateError(path, problems)
    return prepared


def _prepare(data: bytes, own: dict[str, str], fmt: Format) -> _Prepared:
    """The template completed: the styles the writer needs and it lacks, taken from the bundled template."""
    bundled, names = _bundled_styles()
    styles, supplied = dict(own), []
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
    return _Prepared(_repaired(data), styles, tuple(supplied))


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


# ---- sample reports, to try a template with -------------------------------------------------------------


@cache
def _samples(fmt: Format) -> tuple[Report, Report]:
    """A report with every part written (headings, lists, bold, a line break, characters XML escapes) and
    the same report with every optional part left out (no intro, no narrative, no 落款)."""
    def narrative(key: str) -> Narrative:
        spans = (Span("示例 A&B <1> {{ x }} "), Span("加粗", bold=True), Span("", line_break=True),
                 Span("下一行"))
        blocks = (Block("heading", (Span("小标题"),), level=2, number="（一）"), Block("paragraph", spans),
                  Block("item", (Span("要点"),), level=1, number="1."),
                  Block("item", (Span("细项"),), level=2, number="•"))
        return Narrative((key,), "示例", blocks)

    full = Report(format=fmt, organ="示例机关", organ_type=None, year=2024, title_given=False,
                  title="示例机关2024年政府信息公开工作年度报告", intro=narrative("intro"),
                  texts={s.key: narrative(s.key) for s in fmt.sections},
                  tables={t.section: TableData(t, {cell: 1 for cell in t.cells()}, frozenset()) for t in fmt.tables},
                  signature=Signature("示例机关", "2025-01-20"))
    bare = replace(full, intro=None, texts={s.key: Narrative((s.key,), "", ()) for s in fmt.sections}, signature=None)
    return full, bare


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
        spec = self._data.spec
        return nest(spec, lambda cell: text(format_number(self._data[cell]) + spec.unit(cell)))


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
