"""A Word report (.docx, and .doc through LibreOffice) → ``Document``, its XML read directly.

The body's paragraphs and tables in order. A paragraph's text is what Word shows: its runs, inside
hyperlinks, smart tags, content controls and tracked insertions, and the numbers Word's list numbering
puts before it (``docx_numbering``); deleted text, field codes, hidden text, drawings and text boxes are
not part of it. ``w:br``/``w:cr`` are "\\n", ``w:tab`` "\\t". A paragraph's heading level comes from its
style (Heading N → N, Title → 0) or its outline level. A table's cells take their grid positions from
``w:gridBefore`` and ``w:gridSpan``; ``w:vMerge`` continues a cell downwards. A table whose cells hold
tables is a layout frame: what its cells hold is read in order, the inner tables as tables.

A .docx is an untrusted zip of XML: its entries and their unpacked size are bounded, an XML part with a
DTD is refused (Word writes none; entities are never expanded), nothing is fetched.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from pathlib import Path
from typing import Any, Iterator

from ...errors import SourceError
from ...model.place import Place
from ...patterns import pattern, stored
from ...records import record
from .document import Block, Document, Paragraph
from .docx_numbering import Numbering
from .grid import MAX_COLSPAN, Grid, Placed
from .limits import MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, Budget, megabytes, missing_library

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
               ValueError, OSError)
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_HEADING_NAME = pattern(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_TITLE_NAME = pattern(r"title|标题", re.IGNORECASE)
# elements inside a paragraph whose runs are its text; anything else (deletions, moves away, properties,
# bookmarks, comments, drawings, math) holds none
_INLINE = {"hyperlink", "smartTag", "sdt", "sdtContent", "ins", "customXml", "fldSimple", "dir", "bdo", "moveTo"}
_BLOCK_WRAPPERS = {"sdt", "sdtContent", "customXml"}  # content controls and custom XML around blocks, rows, cells
_OFF = ("0", "false", "off")


def read_docx(data: bytes, file: str) -> Document:
    package = _Package(data, file)
    main = package.target("_rels/.rels", "officeDocument", "word/document.xml")
    root = package.xml(main)
    if root is None or not root.tag.endswith("}document"):  # none, or a workbook's or a slide show's
        raise SourceError("source.docx_no_document", file=file, part=main)
    w = root.tag[:-len("document")]
    rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    styles = package.xml(package.target(rels, "styles", posixpath.join(posixpath.dirname(main), "styles.xml")))
    numbering = package.xml(package.target(rels, "numbering", posixpath.join(posixpath.dirname(main),
                                                                               "numbering.xml")))
    core = package.xml(package.target("_rels/.rels", "core-properties", "docProps/core.xml"))
    reader = _Reader(w, Budget(file), _styles(styles, w),
                     Numbering.parse(numbering, w) if numbering is not None else Numbering({}, {}))
    body = root.find(f"{w}body")
    blocks: list[Block] = []
    if body is not None:
        reader.blocks(body, blocks)
    title = core.findtext(_DC_TITLE) if core is not None else None
    return Document(file, "docx", tuple(blocks), title=(title or "").strip() or None)


def read_doc(data: bytes, file: str) -> Document:
    """A Word 97–2003 file (or WPS, RTF: any document LibreOffice opens), converted to .docx first."""
    import subprocess
    import tempfile

    from ...writers.pdf import TIMEOUT_S, convert, soffice

    exe = soffice()
    if exe is None:
        raise SourceError("source.doc_needs_libreoffice", file=file)
    with tempfile.TemporaryDirectory(prefix="gipr-gen-doc-") as work:
        source = Path(work, "in", "report.doc")
        source.parent.mkdir()
        source.write_bytes(data)
        try:
            done, produced = convert(exe, source, "docx", Path(work))
        except subprocess.TimeoutExpired:
            raise SourceError("source.doc_timeout", file=file, seconds=TIMEOUT_S) from None
        except OSError as exc:
            raise SourceError("source.doc_failed", file=file, reason=exc.strerror or str(exc)) from exc
        if done.returncode != 0 or not produced.is_file():
            reason = (done.stderr or done.stdout).strip() or f"exit {done.returncode}"
            raise SourceError("source.doc_failed", file=file, reason=reason)
        return read_docx(produced.read_bytes(), file)


# ---- the package --------------------------------------------------------------------------------------


class _Package:
    """A .docx's parts, each read and parsed once, within the bounds on entries and unpacked size."""

    def __init__(self, data: bytes, file: str):
        self.file = file
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _ZIP_ERRORS:
            raise SourceError("source.docx_damaged", file=file) from None
        if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
            raise SourceError("source.docx_too_large", file=file, limit=megabytes(MAX_UNZIPPED_BYTES),
                              entries=MAX_ZIP_ENTRIES)
        self.names = {i.filename for i in infos}
        self.left = MAX_UNZIPPED_BYTES  # declared sizes can lie: what is actually unpacked counts
        self.parsed: dict[str, Any] = {}

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        try:
            with self.zip.open(name) as f:
                data = f.read(self.left + 1)
        except _ZIP_ERRORS:
            raise SourceError("source.docx_damaged", file=self.file) from None
        if len(data) > self.left:
            raise SourceError("source.docx_too_large", file=self.file, limit=megabytes(MAX_UNZIPPED_BYTES),
                              entries=MAX_ZIP_ENTRIES)
        self.left -= len(data)
        return data

    def xml(self, name: str) -> Any:
        if name not in self.parsed:
            data = self.read(name)
            self.parsed[name] = None if data is None else parse_xml(data, name, self.file)
        return self.parsed[name]

    def target(self, rels: str, kind: str, default: str) -> str:
        """The part a relationship of type ``…/kind`` in ``rels`` points at; ``default`` when none does."""
        root = self.xml(rels)
        base = posixpath.dirname(posixpath.dirname(rels))
        for rel in (root if root is not None else ()):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                return posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(base, target))
        return default


def parse_xml(data: bytes, part: str, file: str) -> Any:
    try:
        with stored("lxml"):
            from lxml import etree
    except ImportError:
        raise missing_library(file, "lxml") from None
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise SourceError("source.docx_dtd", file=file, part=part)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise SourceError("source.docx_damaged_part", file=file, part=part) from None
    if root.getroottree().docinfo.doctype:  # a DTD in an encoding the byte test above does not see
        raise SourceError("source.docx_dtd", file=file, part=part)
    return root


# ---- styles -------------------------------------------------------------------------------------------


@record
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl, 0-based; 9 is body text
    num_id: str | None
    ilvl: int | None


class _Styles:
    """Paragraph styles by id, with what a paragraph takes from its style's chain (asked once per style)."""

    def __init__(self, by_id: dict[str, _Style], default: str | None):
        self.by_id, self.default = by_id, default  # default: the style of a paragraph that names none
        self._headings: dict[str | None, int | None] = {}
        self._numbering: dict[str | None, tuple[str | None, int | None, str | None]] = {}

    def chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen and len(seen) < 50:
            seen.add(style_id)
            yield style_id, self.by_id[style_id]
            style_id = self.by_id[style_id].based_on

    def heading(self, style_id: str | None) -> int | None:
        if style_id not in self._headings:
            self._headings[style_id] = next((level for _, style in self.chain(style_id)
                                             if (level := _heading_level(style)) is not False), None)
        return self._headings[style_id]

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style that carries them) of the first style in the chain that numbers."""
        if style_id not in self._numbering:
            self._numbering[style_id] = next(((style.num_id, style.ilvl, sid) for sid, style in self.chain(style_id)
                                              if style.num_id is not None), (None, None, None))
        return self._numbering[style_id]


def _heading_level(style: _Style) -> int | None | bool:
    """The heading level a style gives by its name or outline level, None for body text, False when it
    says nothing (its base style may)."""
    name = style.name.strip()
    m = _HEADING_NAME.fullmatch(name)
    if m:
        return int(m[1])
    if _TITLE_NAME.fullmatch(name):
        return 0
    if style.outline is not None:
        return style.outline + 1 if style.outline < 9 else None
    return False


def _styles(root: Any, w: str) -> _Styles:
    by_id: dict[str, _Style] = {}
    default = None
    for s in (root.iter(f"{w}style") if root is not None else ()):
        if s.get(f"{w}type", "paragraph") != "paragraph":
            continue
        sid = s.get(f"{w}styleId", "")
        ppr = s.find(f"{w}pPr")
        num_id, ilvl = _num_pr(_child(ppr, w, "numPr"), w)
        by_id[sid] = _Style(_val(s.find(f"{w}name"), w) or "", _val(s.find(f"{w}basedOn"), w),
                            _int(_val(_child(ppr, w, "outlineLvl"), w)), num_id, ilvl)
        if s.get(f"{w}default") in ("1", "true", "on"):
            default = sid
    return _Styles(by_id, default)


def _child(el: Any, w: str, name: str) -> Any:
    return None if el is None else el.find(f"{w}{name}")


def _val(el: Any, w: str) -> str | None:
    return None if el is None else el.get(f"{w}val")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _num_pr(num: Any, w: str) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a w:numPr."""
    return _val(_child(num, w, "numId"), w), _int(_val(_child(num, w, "ilvl"), w))


# ---- the body -----------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, w: str, budget: Budget, styles: _Styles, numbering: Numbering):
        self.w, self.budget, self.styles, self.numbering = w, budget, styles, numbering
        self.tables = 0
        self.paragraphs = 0
        self.fields: list[bool] = []  # the paragraph's open fields, each True once past its separator
        self.in_code = 0  # open fields still in their instructions (their code, not their result)
        # tags in this document's namespace, compared as they are (the hot loops ask for no local names)
        self.p, self.tbl, self.tr, self.tc, self.r = (w + n for n in ("p", "tbl", "tr", "tc", "r"))
        self.inline_tags = {w + n for n in _INLINE}
        self.wrappers = {w + n for n in _BLOCK_WRAPPERS}
        self.run_tags = {w + n: n for n in ("fldChar", "t", "tab", "ptab", "br", "cr", "noBreakHyphen")}

    def props(self, el: Any, name: str) -> dict[str, Any]:
        """The children of ``el``'s properties (w:pPr, w:rPr, w:trPr, w:tcPr: its first child) by tag."""
        first = el[0] if len(el) else None
        return {c.tag: c for c in first} if first is not None and first.tag == self.w + name else {}

    def val(self, props: dict[str, Any], name: str) -> str | None:
        return _val(props.get(self.w + name), self.w)

    def blocks(self, container: Any, out: list[Block]) -> None:
        """The paragraphs and tables of a body, a cell or a content control, in order, into ``out``."""
        for child in container:
            tag = child.tag
            if tag == self.p:
                text, heading = self.paragraph(child)
                if text.strip():
                    self.budget.block()
                    self.paragraphs += 1
                    out.append(Paragraph(text, Place(paragraph=self.paragraphs), heading))
            elif tag == self.tbl:
                self.table(child, out)
            elif tag in self.wrappers:
                self.blocks(child, out)

    def paragraph(self, p: Any) -> tuple[str, int | None]:
        """The paragraph's text as Word shows it (its list number first) and its heading level."""
        ppr = self.props(p, "pPr")
        style = self.val(ppr, "pStyle") or self.styles.default
        num_id, ilvl = _num_pr(ppr.get(self.w + "numPr"), self.w)
        style_num, style_ilvl, numbered_style = self.styles.numbering(style)
        if num_id is None:
            num_id = style_num
        label = ""
        if num_id not in (None, "0"):
            if ilvl is None:
                ilvl = style_ilvl
            if ilvl is None and numbered_style is not None:
                ilvl = self.numbering.level_of_style(num_id, numbered_style)
            label = self.numbering.label(num_id, ilvl or 0)
        parts: list[str] = []
        self.fields, self.in_code = [], 0  # a field left open in a broken file hides no later paragraph
        self.inline(p, parts)
        text = "".join(parts)
        outline = _int(self.val(ppr, "outlineLvl"))
        heading = (outline + 1 if outline < 9 else None) if outline is not None else self.styles.heading(style)
        return (label + text if text.strip() else text), heading

    def inline(self, el: Any, parts: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == self.r:
                self.run(child, parts)
            elif tag in self.inline_tags:
                self.inline(child, parts)

    def run(self, r: Any, parts: list[str]) -> None:
        vanish = self.props(r, "rPr").get(self.w + "vanish")
        hidden = vanish is not None and _val(vanish, self.w) not in _OFF
        for child in r:
            name = self.run_tags.get(child.tag)
            if name is None:
                continue
            if name == "fldChar":
                self.field(child.get(f"{self.w}fldCharType"))
            elif hidden or self.in_code:
                continue
            elif name == "t":
                parts.append(child.text or "")
            elif name in ("tab", "ptab"):
                parts.append("\t")
            elif name in ("br", "cr"):
                parts.append("\n")
            else:  # noBreakHyphen
                parts.append("-")

    def field(self, kind: str | None) -> None:
        """A complex field's begin, separator or end: what lies between begin and separator is its code."""
        if kind == "begin":
            self.fields.append(False)
            self.in_code += 1
        elif kind == "separate" and self.fields and not self.fields[-1]:
            self.fields[-1] = True
            self.in_code -= 1
        elif kind == "end" and self.fields:
            self.in_code -= not self.fields.pop()

    def children(self, el: Any, tag: str) -> Iterator[Any]:
        """``el``'s children of ``tag`` (rows, cells), those inside content controls and custom XML too."""
        for child in el:
            if child.tag == tag:
                yield child
            elif child.tag in self.wrappers:
                yield from self.children(child, tag)

    def table(self, tbl: Any, out: list[Block]) -> None:
        w = self.w
        rows = list(self.children(tbl, self.tr))
        if any(inner is not tbl for inner in tbl.iter(self.tbl)):  # a frame around tables: read what it holds
            for tr in rows:
                for tc in self.children(tr, self.tc):
                    self.blocks(tc, out)
            return
        self.tables += 1
        grid = Grid(self.budget)
        above: dict[int, Placed] = {}  # column → the cell that starts there in the rows above
        for tr in rows:
            grid.new_row()
            col = min(max(_int(self.val(self.props(tr, "trPr"), "gridBefore")) or 0, 0), MAX_COLSPAN)
            last: Placed | None = None
            for tc in self.children(tr, self.tc):
                tcpr = self.props(tc, "tcPr")
                span = min(max(_int(self.val(tcpr, "gridSpan")) or 1, 1), MAX_COLSPAN)
                text = self.cell_text(tc)
                v_merge, h_merge = tcpr.get(w + "vMerge"), tcpr.get(w + "hMerge")
                if v_merge is not None and _val(v_merge, w) != "restart" and col in above:
                    grid.extend_down(above[col], text)
                elif h_merge is not None and _val(h_merge, w) != "restart" and last is not None:
                    # the old horizontal merge: this position belongs to the cell before
                    last.colspan = min(last.colspan + span, MAX_COLSPAN)
                    grid.width = max(grid.width, last.col + last.colspan)
                    if text:
                        last.text = f"{last.text}\n{text}" if last.text else text
                else:
                    last = grid.place_at(text, col, span)
                    for c in range(col, col + span):
                        above.pop(c, None)
                    above[col] = last
                col += span
        self.budget.block()
        ncols = len(tbl.findall(f"{w}tblGrid/{w}gridCol"))
        out.append(grid.table(self.tables, Place(table=self.tables), ncols))

    def cell_text(self, tc: Any) -> str:
        lines: list[str] = []
        self.cell_lines(tc, lines)
        return "\n".join(lines).strip("\n")

    def cell_lines(self, el: Any, lines: list[str]) -> None:
        for child in el:
            if child.tag == self.p:
                lines.append(self.paragraph(child)[0])
            elif child.tag in self.wrappers:
                self.cell_lines(child, lines)
