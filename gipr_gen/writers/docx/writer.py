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
import hashlib
import io
import os
import re
import time
import zipfile
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree
from markupsafe import Markup

from ... import formats
from ...errors import TemplateError
from ...formats.layout import Format
from ...i18n import Bi, bi
from ...model import Block, Narrative, Report, Signature, Span, TableData, format_number
from ...patterns import pattern
from ...records import record
from ...resources import template_file
from ...readers.files import read_bounded
from . import plain
from .ooxml import PROPERTIES, W, safe_xml, styles_of
from ..zipped import FAST, Member, member, zipped
from .tables import table_xml, text
from .vocabulary import (NARRATIVE_VAR, STYLE_BODY, STYLE_HEADINGS, STYLE_LIST, STYLE_SIGNATURE_DATE,
                         STYLE_SIGNATURE_ORGAN, context_shape, nest, styles_used)

if TYPE_CHECKING:
    from .template_check import Problem

CHAR = 320  # one 三号 character (16 pt) in twips
MAX_FILE = 64 * 2**20  # bytes of a template file (template_check reads it within the same bounds)
TEMPLATE_NAME = "report.docx"
_BREAKS_IN_TEXT = pattern(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_CORE_PROPERTIES = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_NOTES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": "where.template_footnote",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": "where.template_endnote"}
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # every member's date when SOURCE_DATE_EPOCH is not set


def default_template() -> Path:
    return template_file(TEMPLATE_NAME)


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
    data = read_bounded(path, MAX_FILE)
    if len(data) > MAX_FILE:
        return [_too_large(max(len(data), path.stat().st_size))]
    return check(data, fmt)[1]


def _too_large(size: int) -> Problem:
    mb = "{:.1f} MB".format
    return "", "template.too_large", {"size": mb(size / 2**20), "limit": mb(MAX_FILE / 2**20)}


def check(data: bytes, fmt: Format, trusted: bool = False) -> tuple[_Prepared | None, list[Problem]]:
    """A template made ready to fill, or the problems that keep it from being used: what ``inspect`` finds
    in the file and its tags, then what filling it with two sample reports shows (one complete, one with
    every optional part left out). The bundled template (``trusted``) is only made ready."""
    if trusted:
        return _prepare_bundled(data, fmt) or _prepare(data, fmt, trusted=True), []
    from .template_check import inspect, trial

    tpl, problems = inspect(data, context_shape(fmt))
    if tpl is None or problems:
        return None, problems
    try:
        prepared = _prepare(tpl.data, fmt)  # as python-docx reads it
    except _Failed as exc:
        return None, [exc.problem]
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
    """The template filled with the report: each part that holds tags rendered in the sandbox (as docxtpl
    renders it) and checked to be well-formed WordprocessingML, the 落款 indented, the document properties
    set, and the package zipped with the members the template holds unchanged."""
    ctx = context(report, prepared)
    where: Bi | str = ""
    filled: dict[str, Member] = {}
    try:
        with _limits(prepared):
            where = bi("where.template_body")
            xml = _signed(_fill(prepared.body.source, ctx, prepared), prepared.body.marks, report.signature)
            if prepared.checked or prepared.body.refit:
                body = _valid(xml.encode("utf-8"), where)
                if prepared.body.refit:
                    xml = _refitted(body)
            for part in prepared.parts:
                where = bi(part.where)
                text = _fill(part.source, ctx, prepared)
                if prepared.checked:
                    _valid(text.encode("utf-8"), where)
                filled[part.name] = member(part.name, (part.head + text).encode("utf-8"), FAST)
            where = ""
            core = _core(report, prepared, ctx)
        document = prepared.body.head + xml.encode("utf-8") + prepared.body.tail
        filled[prepared.body.name] = member(prepared.body.name, document, FAST)
        filled[prepared.core_name] = member(prepared.core_name, core, FAST)
        return zipped((filled.get(m.name, m) for m in prepared.members), _zip_time())
    except _Failed:
        raise
    except Exception as exc:  # noqa: BLE001 - anything a template makes fail is the template's problem
        from .template_check import problem_of

        raise _Failed(problem_of(exc, where)) from exc


def _limits(prepared: _Prepared) -> AbstractContextManager[None]:
    """The sandbox's budget for one report (the bundled template's plain tags need none)."""
    if prepared.plain:
        return nullcontext()
    from .sandbox import limits

    return limits()


def _refitted(body: Any) -> str:
    """The body as docxtpl leaves it: tables' grids fitted to their rows (cell loops, spans), drawings
    numbered anew (a loop may repeat one)."""
    tree = _docxtpl().fix_tables(etree.tostring(body, encoding="unicode"))
    for n, picture in enumerate(_DOC_PR(tree), 1001):
        picture.set("id", str(n))
    return etree.tostring(tree, encoding="unicode")


def _fill(source: str, ctx: dict[str, Any], prepared: _Prepared) -> str:
    """One part's XML rendered as docxtpl renders it (``render_xml_part``), in the sandbox."""
    if prepared.plain:
        xml = plain.fill(source, ctx)
    else:
        from .sandbox import environment

        xml = environment().from_string(source).render(ctx)
    xml = _P_MARKED.sub(r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    # docxtpl turns tabs, line and page breaks inside text into Word's own; searching every run of every
    # table cell for them costs more than the rest of filling the template, and most reports have none
    listing = ("\t" in xml or "\a" in xml or "\n" in xml or "\f" in xml) and _BREAKS_IN_TEXT.search(xml)
    return _docxtpl().resolve_listing(xml) if listing else xml


_DC, _DCTERMS = "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_CORE_NAMESPACES = {"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI}


def _core(report: Report, prepared: _Prepared, ctx: dict[str, Any]) -> bytes:
    """docProps/core.xml: the template's properties, their tags filled as plain text, then the report's
    title, author (the organ) and dates, written as python-docx writes them."""
    root = etree.fromstring(prepared.core)
    if any(root.nsmap.get(prefix) != uri for prefix, uri in _CORE_NAMESPACES.items()):
        declared = etree.Element(root.tag, nsmap={**root.nsmap, **_CORE_NAMESPACES})
        declared.extend(root)
        root = declared
    for name in prepared.tagged_properties:
        from .sandbox import environment
        from .template_check import problem_of

        where = bi("where.template_property", name=name)
        try:
            filled = Markup(environment().from_string(_property(root, name).text or "").render(ctx)).unescape()
        except Exception as exc:  # noqa: BLE001 - said as the property's problem
            raise _Failed(problem_of(exc, where)) from exc
        if len(filled) > 255:
            raise _Failed((where, "template.property_too_long", {"length": len(filled)}))
        try:
            _property(root, name).text = filled
        except ValueError as exc:  # a character XML cannot hold
            raise _Failed((where, "template.render_failed", {"reason": str(exc)})) from exc
    _property(root, "title").text = report.title
    _property(root, "author").text = report.organ
    when = _document_date(report, prepared.created).strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("created", "modified"):
        element = _property(root, f"{{{_DCTERMS}}}{name}")
        element.text = when
        element.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def _property(root: Any, name: str) -> Any:
    """A core property's element (by python-docx's name, or by tag), made when the template has none."""
    tag = PROPERTIES.get(name, name)
    element = root.find(tag)
    return element if element is not None else etree.SubElement(root, tag)


def _created(core: bytes) -> dt.datetime | None:
    """The template's own date (dcterms:created), as python-docx reads it; None when it has none."""
    element = etree.fromstring(core).find(f"{{{_DCTERMS}}}created")
    m = _W3CDTF.match((element.text or "").strip()) if element is not None else None
    try:
        return dt.datetime(*(int(part or 0) for part in m.groups())) if m else None
    except ValueError:  # a date no calendar has
        return None


_W3CDTF = pattern(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")


@cache
def _docxtpl() -> Any:
    """docxtpl, for its processing of a part's XML as text (which needs no document open); imported only
    to make a template ready, or for what the bundled one does not need."""
    from docxtpl import DocxTemplate

    return DocxTemplate(None)


_P_START = pattern(r"<w:p([ >])")
_P_MARKED = pattern(r"\n<w:p([ >])")


_NS = {"w": W[1:-1]}
_BLOCK_PARENTS = " or ".join(f"parent::w:{tag}" for tag in (
    "body", "tc", "txbxContent", "sdtContent", "hdr", "ftr", "footnote", "endnote", "comment", "customXml",
    "docPartBody", "ins", "del", "moveFrom", "moveTo", "smartTag"))
_NESTED = etree.XPath(f"(//w:p | //w:tbl)[not({_BLOCK_PARENTS})][1]", namespaces=_NS)
_TEXT_OUTSIDE = etree.XPath("(//w:body | //w:tbl | //w:tr | //w:tc | //w:hdr | //w:ftr | //w:footnote | //w:endnote"
                            " | //w:txbxContent)/text()[normalize-space()][1]", namespaces=_NS)
_EMPTY_CELL = etree.XPath("//w:tc[not(w:p | w:tbl | w:sdt | w:customXml)][1]", namespaces=_NS)
_DOC_PR = etree.XPath("//wp:docPr", namespaces={
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"})


def _valid(xml: bytes, where: Bi | str) -> Any:
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
    return root


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


# ---- the template, read and made ready once ---------------------------------------------------------


@record
class _Part:
    """A part the template fills for each report: its XML as one Jinja template (docxtpl's tags made
    Jinja's), and what is written before it (the XML declaration)."""

    name: str  # the zip member
    source: str
    where: str  # message key: where the part is, for its problems
    head: str = ""


@record
class _Body:
    """The document part: the body is filled; what stands around it is written as it is."""

    name: str
    source: str
    head: bytes
    tail: bytes
    marks: Marks  # where the 落款's indents go
    refit: bool  # whether docxtpl fits tables' grids to their rows (cell loops, spans) and numbers drawings


@record
class _Prepared:
    styles: dict[str, str]  # style name, lower-cased → style id, with the supplied styles
    members: tuple[Member, ...]  # every member in order, compressed as the template has it
    body: _Body
    parts: tuple[_Part, ...]  # headers, footers and notes that hold tags
    core_name: str  # docProps/core.xml
    core: bytes
    tagged_properties: tuple[str, ...]  # document properties that hold tags
    created: dt.datetime | None  # the template's date
    checked: bool  # whether every filled part is checked (a template that is not the bundled one)
    plain: bool = False  # whether its tags are filled without Jinja (``plain.py``: the bundled one's)


_PREPARED: dict[tuple[bytes, bool, Format], _Prepared | list[Problem]] = {}


def _template(path: Path, fmt: Format) -> _Prepared:
    """The template made ready, once per content (a batch renders it many times): checked first unless it
    is the bundled one."""
    try:
        data = read_bounded(path, MAX_FILE)  # a pipe refused, a huge file not read to its end
        if len(data) > MAX_FILE:
            raise TemplateError(path, [_too_large(max(len(data), path.stat().st_size))])
        trusted = path.resolve() == _bundled()
    except OSError as exc:
        raise TemplateError(path, [("", "template.unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    key = (hashlib.sha256(data).digest(), trusted, fmt)
    known = _PREPARED.get(key)
    if known is None:
        prepared, problems = check(data, fmt, trusted)
        known = prepared or problems
        if len(_PREPARED) >= 8:
            _PREPARED.pop(next(iter(_PREPARED)))
        _PREPARED[key] = known
    if isinstance(known, list):
        raise TemplateError(path, known)
    return known


@cache
def _bundled() -> Path:
    return default_template().resolve()


_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"  # as python-docx writes a part
_TAGGED = pattern(r"\{[{%#]|\{_[{%]|[}%]_\}")
_FITTED = pattern(r"\{%-?\s*(?:tc\s|colspan\b|hm\b)")  # docxtpl's tags that change a row's cells
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"


def _prepare(data: bytes, fmt: Format, trusted: bool = False) -> _Prepared:
    """The template made ready to fill: opened as python-docx opens it (raises what it raises for a file
    it cannot read), completed with the styles the writer needs and it lacks, each part that holds tags
    made a Jinja template as docxtpl makes it, the rest compressed once. Raises _Failed for a part
    without tags that is no well-formed WordprocessingML."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import parse_xml

    doc = Document(io.BytesIO(_repaired(data)))
    styles, supplied = _supplied(styles_of(doc.styles.element), fmt)
    doc.styles.element.extend(supplied)
    doc.core_properties  # noqa: B018 - python-docx adds the part when the template has none
    parts, static = [], set()
    for rel in doc.part.rels.values():  # headers and footers, as docxtpl fills them
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external and rel.target_part.blob:
            xml = etree.tostring(parse_xml(rel.target_part.blob), encoding="unicode")
            where = "where.template_header" if rel.reltype == RT.HEADER else "where.template_footer"
            parts.append(_Part(rel.target_part.partname.lstrip("/"), xml, where, _DECLARATION))
    parts.sort(key=lambda part: part.where != "where.template_header")  # every header, then every footer
    for part in doc.part.package.iter_parts():
        if part.content_type in _NOTES:
            parts.append(_Part(part.partname.lstrip("/"), part.blob.decode("utf-8"), _NOTES[part.content_type]))
    for i, part in enumerate(parts):
        if _TAGGED.search(part.source) or _BREAKS_IN_TEXT.search(part.source):
            parts[i] = replace(part, source=_P_START.sub(r"\n<w:p\1", _docxtpl().patch_xml(part.source)))
        else:  # written as it is: checked once, here
            _valid(part.source.encode("utf-8"), bi(part.where))
            static.add(part.name)
    body = copy.deepcopy(doc.element.body)
    marks = _mark_signature(body, styles)
    xml = etree.tostring(body, encoding="unicode")
    refit = bool(_FITTED.search(xml) or _DOC_PR(body)) or etree.tostring(_docxtpl().fix_tables(xml)) != \
        etree.tostring(safe_xml(xml.encode("utf-8")))
    saved = io.BytesIO()
    doc.save(saved)
    document = copy.deepcopy(doc.element)
    document.replace(document.body, etree.Comment("body"))
    head, tail = etree.tostring(document, encoding="UTF-8", xml_declaration=True, standalone=True).split(
        b"<!--body-->")
    core = next(p for p in doc.part.package.iter_parts() if p.content_type == _CORE_TYPE)
    with zipfile.ZipFile(saved) as z:
        members = tuple(member(i.filename, z.read(i)) for i in z.infolist())
    source = _P_START.sub(r"\n<w:p\1", _docxtpl().patch_xml(xml))
    props = doc.core_properties
    return _Prepared(styles, members, _Body(doc.part.partname.lstrip("/"), source, head, tail, marks, refit),
                     tuple(p for p in parts if p.name not in static), core.partname.lstrip("/"), core.blob,
                     tuple(name for name in PROPERTIES if "{" in getattr(props, name)), _created(core.blob),
                     checked=not trusted)


def _prepare_bundled(data: bytes, fmt: Format) -> _Prepared | None:
    """The bundled template made ready as ``bundled.py`` records it (written when the template was made), so
    that a build with it imports neither python-docx nor docxtpl: its members as they are, its body and
    parts as recorded. None when the file is not the one recorded or the format needs a style it lacks."""
    from . import bundled

    if hashlib.sha256(data).hexdigest() != bundled.SHA256 or any(
            name.lower() not in bundled.STYLES for name in styles_used(fmt)):
        return None
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(z.namelist(), key=lambda name: name != "[Content_Types].xml")  # first, as Word writes it
        members = tuple(member(name, _rels_repaired(z.read(name)) if name == "_rels/.rels" else z.read(name))
                        for name in names)
        core = z.read(bundled.CORE)
    return _Prepared(bundled.STYLES, members, _Body(bundled.DOCUMENT, bundled.BODY, bundled.HEAD, bundled.TAIL,
                                                    bundled.MARKS, bundled.REFIT),
                     tuple(_Part(*part) for part in bundled.PARTS), bundled.CORE, core, bundled.TAGGED,
                     _created(core), checked=False, plain=bundled.PLAIN)


def ready_form(data: bytes) -> str:
    """The source of ``bundled.py``: the bundled template (``data``) made ready to fill, as ``_prepare``
    makes it."""
    prepared = _prepare(data, formats.DEFAULT, trusted=True)
    fields = {"SHA256": hashlib.sha256(data).hexdigest(), "DOCUMENT": prepared.body.name, "CORE": prepared.core_name,
              "STYLES": prepared.styles, "MARKS": prepared.body.marks, "REFIT": prepared.body.refit,
              "TAGGED": prepared.tagged_properties, "HEAD": prepared.body.head, "TAIL": prepared.body.tail,
              "PARTS": tuple((p.name, p.source, p.where, p.head) for p in prepared.parts),
              "PLAIN": not prepared.tagged_properties and all(plain.simple(source) for source in (
                  prepared.body.source, *(p.source for p in prepared.parts))),
              "BODY": prepared.body.source}
    lines = ['"""The bundled template (templates/report.docx) made ready to fill: its body as one Jinja template,',
             "as docxtpl makes it, and what stands around it. Written by python-docx and docxtpl when the template",
             "is made (python -m gipr_gen.writers.docx.reference), so that a build needs neither; a test keeps it",
             'equal to what the writer makes of the committed template. Do not edit."""', ""]
    return "\n".join(lines + [f"{name} = {value!r}" for name, value in fields.items()]) + "\n"


def _supplied(own: dict[str, str], fmt: Format) -> tuple[dict[str, str], list[Any]]:
    """The styles by name with those the writer needs and the template lacks, and those (w:style elements),
    taken from the bundled template."""
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
    return styles, supplied


def _repaired(data: bytes) -> bytes:
    """The template with its core-properties relationship typed as the standard spells it. LibreOffice
    misspells it ("officedocument/…"); python-docx would then add a second docProps/core.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "_rels/.rels" not in z.namelist():
            return data
        rels = z.read("_rels/.rels")
        fixed = _rels_repaired(rels)
        if fixed == rels:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in z.infolist():
                dst.writestr(item, fixed if item.filename == "_rels/.rels" else z.read(item))
    return out.getvalue()


def _rels_repaired(rels: bytes) -> bytes:
    return re.sub(rb'Type="[^"]*/metadata/core-properties"', b'Type="%s"' % _CORE_PROPERTIES, rels)


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


Marks = tuple[tuple[str, str, str], ...]  # (organ or date, the mark as written, the template's own indent as written)


def _mark_signature(body: Any, styles: dict[str, str]) -> Marks:
    """The 落款's two paragraphs in the template (the last of the body in each of its styles), their right
    indent replaced by a mark that ``_signed`` fills for each report."""
    found = []
    wanted = {styles.get(STYLE_SIGNATURE_ORGAN.lower()): "organ", styles.get(STYLE_SIGNATURE_DATE.lower()): "date"}
    wanted.pop(None, None)
    for p in body.iterchildren(f"{W}p", reversed=True):  # the 落款 closes the document: look from the end
        style = p.find(f"{W}pPr/{W}pStyle")
        which = wanted.pop(style.get(f"{W}val"), None) if style is not None else None
        if which is not None:
            ind = _ind(p)
            given = ind.get(f"{W}right")
            ind.set(f"{W}right", f"\ue000{which}")
            written = etree.tostring(ind, encoding="unicode")  # the attribute as serialised, prefix and all
            name = re.search(r' ([^\s=]+)="\ue000', written).group(1)
            found.append((which, f' {name}="\ue000{which}"', f' {name}="{given}"' if given is not None else ""))
    return tuple(found)


def _signed(xml: str, marks: Marks, sig: Signature | None) -> str:
    """The body with the 落款's right indents (GB/T 9704) on the last paragraph of each mark; where a loop
    repeated one, and when there is no 落款, the others keep the template's own."""
    indents = dict(zip(("organ", "date"), signature_indents(sig), strict=True)) if sig else {}
    for which, mark, given in marks:
        last = xml.rfind(mark)
        if last >= 0 and which in indents:
            name = mark.split("=")[0]
            xml = f'{xml[:last]}{name}="{round(indents[which] * CHAR)}"{xml[last + len(mark):]}'
        xml = xml.replace(mark, given)
    return xml


# what follows w:ind in a paragraph's properties (WordprocessingML's order of w:pPr's children)
_AFTER_IND = frozenset(f"{W}{tag}" for tag in (
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))


def _ind(p: Any) -> Any:
    """A paragraph's w:ind, made where WordprocessingML orders it when there is none."""
    props = p.find(f"{W}pPr")
    if props is None:
        props = etree.Element(f"{W}pPr")
        p.insert(0, props)
    ind = props.find(f"{W}ind")
    if ind is None:
        ind = etree.Element(f"{W}ind")
        later = next((i for i, child in enumerate(props) if child.tag in _AFTER_IND), len(props))
        props.insert(later, ind)
    return ind
