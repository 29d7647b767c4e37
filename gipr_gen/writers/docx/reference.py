"""Generates the reference Word template ``templates/report.docx`` (``python -m gipr_gen.writers.docx.reference``).

The template owns all typography (GB/T 9704 主体 style, spec §9); the writer only supplies values.
Every part is written here as plain WordprocessingML so the file is small, opens in Word, WPS and
LibreOffice, and is byte-for-byte reproducible: members are stored uncompressed, in a fixed order,
with a fixed date, and the core properties are fixed.

Line pitch: 22 lines per page are obtained with exact line spacing of 28.95 pt (579 twips; the
225 mm type area / 22) on every body style, not with a document grid, so Word and LibreOffice lay
out the same lines.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ... import formats
from ...formats.layout import Format, GridCell, TableSpec
from ...resources import templates_dir
from .vocabulary import (NARRATIVE_VAR, STYLE_BODY, STYLE_HEADINGS, STYLE_LIST, STYLE_SIGNATURE_DATE,
                         STYLE_SIGNATURE_ORGAN, cell_tag)

TEMPLATE_NAME = "report.docx"

# ---- units -----------------------------------------------------------------------------------

MM = 56.6929  # twips per millimetre
CHAR = 320  # one 三号 character (16 pt) in twips
LINE = 579  # 28.95 pt exact: 22 lines in the 225 mm type area

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def tw(mm: float) -> int:
    return round(mm * MM)


# Page: A4, margins top 37, bottom 35, left 28, right 26 mm (type area 156 × 225 mm).
PAGE = {"w": 11906, "h": 16838, "top": tw(37), "bottom": tw(35), "left": tw(28), "right": tw(26)}



# ---- styles ----------------------------------------------------------------------------------


def _fonts(east_asia: str, latin: str = "Times New Roman") -> str:
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}"/>')


def _rpr(east_asia: str, size_pt: float, bold: bool = False, latin: str = "Times New Roman") -> str:
    b = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    half = round(size_pt * 2)
    return (f"<w:rPr>{_fonts(east_asia, latin)}{b}<w:kern w:val=\"0\"/><w:sz w:val=\"{half}\"/>"
            f'<w:szCs w:val="{half}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>')


def _body_ppr(extra: str = "", indent: bool = True, jc: str = "both") -> str:
    ind = f'<w:ind w:firstLine="{2 * CHAR}" w:firstLineChars="200"/>' if indent else '<w:ind w:firstLine="0"/>'
    return (f'<w:pPr>{extra}<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
            f'{ind}<w:jc w:val="{jc}"/></w:pPr>')


def _style(style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal",
           kind: str = "paragraph", extra: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{extra}'
            f"<w:qFormat/>{ppr}{rpr}</w:style>")


def _heading(level: int, east_asia: str, bold: bool) -> str:
    extra = f'<w:keepNext/><w:keepLines/><w:outlineLvl w:val="{level - 1}"/>'
    return _style(f"Heading{level}", STYLE_HEADINGS[level], _body_ppr(extra), _rpr(east_asia, 16, bold),
                  extra='<w:next w:val="Normal"/>')


def _table_style(style_id: str, name: str, size_pt: float) -> str:
    ppr = ('<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
           'w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>')
    return _style(style_id, name, ppr, _rpr("仿宋_GB2312", size_pt))


def styles_xml() -> str:
    sig_ppr = _body_ppr(indent=False, jc="right")
    styles = [
        _style("Normal", STYLE_BODY, _body_ppr(), _rpr("仿宋_GB2312", 16), based_on=None,
               extra='<w:uiPriority w:val="0"/>'),
        # Title: 二号 方正小标宋简体, centred, 35 pt lines, one blank body line after it.
        _style("Title", "Title", f'<w:pPr><w:spacing w:before="0" w:after="{LINE}" w:line="700" '
               'w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>',
               _rpr("方正小标宋简体", 22), extra='<w:next w:val="Normal"/>'),
        _heading(1, "黑体", False),  # 一、 黑体
        _heading(2, "楷体_GB2312", False),  # （一） 楷体
        _heading(3, "仿宋_GB2312", True),  # 1. 仿宋 bold (practice)
        _heading(4, "仿宋_GB2312", False),  # （1） 仿宋 regular
        _style("ListParagraph", STYLE_LIST, _body_ppr(), ""),
        # 落款: right-aligned; the writer sets each line's right indent per GB/T 9704 §7.3.5.
        _style("SignatureOrgan", STYLE_SIGNATURE_ORGAN, sig_ppr.replace("<w:pPr>", "<w:pPr><w:keepNext/>"), ""),
        _style("SignatureDate", STYLE_SIGNATURE_DATE, sig_ppr, ""),
        _table_style("TableText", "Table Text", 10.5),  # 五号
        _table_style("TableSmall", "Table Text Small", 9),  # 小五, table 四 (15 columns)
        # Page number: 四号 宋体, half-width digits.
        _style("Footer", "footer", '<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" '
               'w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr>',
               _rpr("宋体", 14, latin="宋体")),
        _style("TableGrid", "Table Grid", "", "", based_on=None, kind="table",
               extra='<w:tblPr><w:tblBorders>' + "".join(
                   f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
               + '</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
               "</w:tblCellMar></w:tblPr>"),
    ]
    defaults = (f'<w:docDefaults><w:rPrDefault>{_rpr("仿宋_GB2312", 16)}</w:rPrDefault>'
                "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>")
    return f'{HEAD}<w:styles {NS}>{defaults}{"".join(styles)}</w:styles>'


# ---- body ------------------------------------------------------------------------------------


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(text: str, style: str | None = None, jc: str | None = None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (f'<w:jc w:val="{jc}"/>' if jc else "")
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{_run(text) if text else ''}</w:p>"


def _cell_xml(width: int, span: int, vmerge: str | None, content: str) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge else "<w:vMerge/>"
    return f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>'


def _align(table: TableSpec, cell: GridCell) -> str | None:
    # Some tables' row labels read left to right; everything else is centred (spec §3 notes, §9.4).
    justified = table.typesetting is not None and table.typesetting.justified_labels
    return "both" if justified and cell.role == "label" and cell.rowspan == 1 else None


def table_xml(table: TableSpec) -> str:
    g = table.grid
    assert table.typesetting is not None, table.section
    widths = [tw(mm) for mm in table.typesetting.column_mm]
    style = table.typesetting.style
    covered = g.covered()
    rows = []
    for r in range(g.nrows):
        tr_pr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < g.header_rows else "")
        cells, col = [], 0
        while col < g.ncols:
            c = covered[(r, col)]
            width = sum(widths[col:col + c.colspan])
            if c.row == r:
                text = "{{ %s }}" % cell_tag(table, c.cell) if c.role == "data" else c.text
                cells.append(_cell_xml(width, c.colspan, "restart" if c.rowspan > 1 else None,
                                       _p(text, style, _align(table, c))))
            else:
                cells.append(_cell_xml(width, c.colspan, "", _p("", style)))
            col += c.colspan
        rows.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(cells)}</w:tr>")
    grid_cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr>'
            f"<w:tblGrid>{grid_cols}</w:tblGrid>{''.join(rows)}</w:tbl>")


def _section_props() -> str:
    p = PAGE
    return (f'<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            f'<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            f'<w:pgSz w:w="{p["w"]}" w:h="{p["h"]}"/>'
            f'<w:pgMar w:top="{p["top"]}" w:right="{p["right"]}" w:bottom="{p["bottom"]}" w:left="{p["left"]}" '
            # footer 22 mm from the bottom edge: the dash line's top sits 7 mm below the type area (§9.3)
            f'w:header="851" w:footer="{tw(22)}" w:gutter="0"/><w:cols w:space="425"/>'
            f'<w:docGrid w:linePitch="{LINE}"/></w:sectPr>')


def document_xml(fmt: Format) -> str:
    h1 = "Heading1"
    parts = [_p("{{ title }}", "Title"), _p("{{p intro }}")]
    for s in fmt.sections:
        parts.append(_p(s.heading, h1))
        parts.append(_p("{{p %s.%s }}" % (NARRATIVE_VAR, s.key)))
        if s.kind == "table":
            parts.append(table_xml(fmt.table_by_section[s.key]))
    # 落款 (GB/T 9704 §7.3.5.2, no seal): one blank line after the text, organ, then the date.
    parts += [_p("{%p if signature %}"), _p(""), _p("{{ signature.organ }}", "SignatureOrgan"),
              _p("{{ signature.date }}", "SignatureDate"), _p("{%p endif %}")]
    return f'{HEAD}<w:document {NS}><w:body>{"".join(parts)}{_section_props()}</w:body></w:document>'


def footer_xml(odd: bool) -> str:
    # "— 1 —": odd pages right-aligned 1 character (四号) in from the right edge, even pages from the left.
    ind = '<w:ind w:right="280"/>' if odd else '<w:ind w:left="280"/>'
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'{HEAD}<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{"right" if odd else "left"}"/>'
            f'</w:pPr>{_run("— ")}{field}{_run(" —")}</w:p></w:ftr>')


# ---- package ---------------------------------------------------------------------------------

_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rels(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t if "://" in t else f"{_REL}/{t}"}" Target="{target}"/>'
                   for i, t, target in items)
    return f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


def _content_types() -> str:
    overrides = {
        "/word/document.xml": f"{_CT}.document.main+xml",
        "/word/styles.xml": f"{_CT}.styles+xml",
        "/word/settings.xml": f"{_CT}.settings+xml",
        "/word/fontTable.xml": f"{_CT}.fontTable+xml",
        "/word/footer1.xml": f"{_CT}.footer+xml",
        "/word/footer2.xml": f"{_CT}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    body = ('<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items()))
    return f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{body}</Types>'


def settings_xml() -> str:
    return (f'{HEAD}<w:settings {NS}><w:zoom w:percent="100"/><w:evenAndOddHeaders/>'
            '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            'w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>')


# Fonts the styles name, with the substitute Word should try where the first is not installed (§9.6).
FONTS = (("方正小标宋简体", "华文中宋"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"),
         ("黑体", "SimHei"), ("宋体", "SimSun"), ("Times New Roman", None))


def font_table_xml() -> str:
    fonts = "".join(
        f"<w:font w:name={quoteattr(name)}>" + (f"<w:altName w:val={quoteattr(alt)}/>" if alt else "")
        + ('<w:charset w:val="86"/>' if alt else "") + "</w:font>" for name, alt in FONTS)
    return f"{HEAD}<w:fonts {NS}>{fonts}</w:fonts>"


def core_xml(fmt: Format) -> str:
    # Fixed properties; the writer sets the title and author of each report.
    return (f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{fmt.report_name}</dc:title><dc:creator>gipr-gen</dc:creator>"
            "<cp:lastModifiedBy>gipr-gen</cp:lastModifiedBy><dc:language>zh-CN</dc:language>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2021-09-29T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-09-29T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>")


def app_xml() -> str:
    return (f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>gipr-gen</Application></Properties>")


def parts(fmt: Format) -> list[tuple[str, str]]:
    """Every member of the package, in the order it is written."""
    return [
        ("[Content_Types].xml", _content_types()),
        ("_rels/.rels", _rels([("rId1", "officeDocument", "word/document.xml"),
                               ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                                "docProps/core.xml"),
                               ("rId3", "extended-properties", "docProps/app.xml")])),
        ("docProps/core.xml", core_xml(fmt)),
        ("docProps/app.xml", app_xml()),
        ("word/document.xml", document_xml(fmt)),
        ("word/_rels/document.xml.rels", _rels([("rIdStyles", "styles", "styles.xml"),
                                                ("rIdSettings", "settings", "settings.xml"),
                                                ("rIdFonts", "fontTable", "fontTable.xml"),
                                                ("rIdFooterOdd", "footer", "footer1.xml"),
                                                ("rIdFooterEven", "footer", "footer2.xml")])),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/footer1.xml", footer_xml(odd=True)),
        ("word/footer2.xml", footer_xml(odd=False)),
    ]


def build(fmt: Format = formats.DEFAULT) -> bytes:
    """The template as bytes: stored members, fixed order and dates, so the output never varies."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, text in parts(fmt):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def default_template() -> Path:
    return templates_dir() / TEMPLATE_NAME


def main() -> None:
    path = default_template()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build())
    print(path)


if __name__ == "__main__":
    main()
