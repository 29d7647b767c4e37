"""Readers of published reports (readers/published): .docx, .doc, web pages, PDF, text and Markdown → one
``Document`` of paragraphs and tables in reading order, with exact text and places.

Fixtures are built here from raw WordprocessingML, HTML and text (tests/data/readers/make_fixtures.py makes
the GBK page and the .doc kept there), and every expected cell is written from that construction; the
reports gipr-gen itself builds are checked against the specification's grids (tests/data/official_grids.py);
the real published reports beside the repository (shared/real-reports) against the figures read by hand
(figures.json) and the spec. Hostile files each end in a SourceError, and no reader fetches anything.
"""

from __future__ import annotations

import http.server
import io
import json
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import INPUTS, ROOT, SEEDS
from data import official_grids as G
from data.readers.make_fixtures import DOC_BODY, DOC_NUMBERING, docx_bytes, p, page, tc
from gipr_gen.errors import SourceError
from gipr_gen.readers.published import load
from gipr_gen.readers.published.dates import labelled, normalised
from gipr_gen.readers.published.document import Document, Paragraph, Table
from gipr_gen.readers.published.docx_numbering import formatted
from gipr_gen.readers.published.limits import MAX_LINE_CHARS, MAX_ZIP_ENTRIES
from gipr_gen.readers.published.pdf_lines import lines_of
from gipr_gen.readers.published.pdf_tables import PdfCell, PdfTable, join

READERS = ROOT / "tests" / "data" / "readers"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real-reports"


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def read(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Document:
    return load(write(tmp_path, name, data, encoding))


def paragraphs(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def grid(table: Table) -> dict[tuple[int, int], tuple[int, int, str]]:
    """(row, col) → (rowspan, colspan, text) of each cell, 0-based."""
    return {(c.row, c.col): (c.rowspan, c.colspan, c.text) for c in table.cells}


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows()]


def line_of(path: Path, needle: str, encoding: str = "utf-8") -> int:
    """The 1-based line of ``path`` where ``needle`` first occurs."""
    return next(i for i, line in enumerate(path.read_text(encoding=encoding).splitlines(), 1) if needle in line)


def refused(path: Path) -> str:
    with pytest.raises(SourceError) as caught:
        load(path)
    assert caught.value.args_["file"] == str(path)
    return caught.value.key


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on this machine that records every request: (its address, the paths asked for)."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<!ENTITY x 'fetched'>")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


# ---- Word (.docx) -------------------------------------------------------------------------------------

NUMBERING = (
    # list 0: 一、 / （一） / 1. in Chinese and Arabic counting, no tab after the number
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
    '<w:suff w:val="nothing"/><w:pStyle w:val="1"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
    '<w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/>'
    '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    # list 1: bullets, which are no number
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
    '</w:abstractNum>'
    # list 2: legal numbering after a tab
    '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/>'
    '</w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>')
STYLES = (
    # as Chinese Word names its styles: ids "1", "2", names "heading 1", "heading 2"; heading 1 numbered
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="Section head"/><w:basedOn w:val="2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/>'
    '</w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>')


def numbered(text: str, num_id: int, level: int) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>")


def test_docx_paragraph_text_is_what_word_shows(tmp_path: Path) -> None:
    body = (
        # a label split over runs, as Word saves an edited line
        "<w:p><w:r><w:t>第二十条第（</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>一</w:t></w:r>"
        "<w:r><w:t>）项</w:t></w:r></w:p>"
        # hyperlink, tracked insertion, field result, smart tag and content control kept; deletion, field
        # code and hidden text left out
        '<w:p><w:r><w:t xml:space="preserve">见 </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>网站</w:t></w:r>'
        "</w:hyperlink><w:ins><w:r><w:t>新增</w:t></w:r></w:ins><w:del><w:r><w:delText>删去</w:delText></w:r>"
        '</w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:smartTag><w:r><w:t>标签</w:t></w:r></w:smartTag>'
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent>"
        '</w:sdt><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>'
        # breaks and tabs
        "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r></w:p>"
        # an empty paragraph is no block; a block-level content control's paragraphs are
        "<w:p/><w:sdt><w:sdtContent>" + p("控件里的段落") + "</w:sdtContent></w:sdt>")
    doc = read(tmp_path, "r.docx", docx_bytes(body, title="核心属性里的标题"))
    assert doc.kind == "docx" and doc.title == "核心属性里的标题" and doc.published is None
    assert paragraphs(doc) == ["第二十条第（一）项", "见 网站新增7标签控件", "甲\t乙\n丙\n丁", "控件里的段落"]


def test_docx_headings_come_from_styles_and_outline_levels(tmp_path: Path) -> None:
    body = (p("报告标题", "a3") + p("一级", "1") + p("二级", "2") + p("继承二级", "Mine") + p("大纲三级", "Outline")
            + p("正文") + '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>段落大纲</w:t></w:r></w:p>')
    doc = read(tmp_path, "h.docx", docx_bytes(body, styles=STYLES, numbering=NUMBERING))
    assert [(b.text, b.heading) for b in doc.blocks] == [
        ("报告标题", 0), ("一、一级", 1), ("二级", 2), ("继承二级", 2), ("大纲三级", 3), ("正文", None),
        ("段落大纲", 2)]


def test_docx_list_numbering_is_rendered_into_the_text(tmp_path: Path) -> None:
    body = (numbered("总体情况", 1, 0) + numbered("主动公开", 1, 1) + numbered("依申请公开", 1, 1)
            + numbered("第一项", 1, 2) + numbered("第二项", 1, 2) + numbered("主动公开政府信息情况", 1, 0)
            + numbered("重新起算", 1, 1) + numbered("要点", 2, 0) + numbered("第十一部分", 3, 0)
            + numbered("第十二部分", 3, 0) + numbered("括号", 4, 0)
            + '<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>'
              "<w:r><w:t>不编号的标题</w:t></w:r></w:p>"
            + p("样式编号的标题", "1"))
    doc = read(tmp_path, "n.docx", docx_bytes(body, styles=STYLES, numbering=NUMBERING))
    # list 0 and the restarted list 3 share their counters (one abstract list): 一 二 then 十一 十二, then 十三
    assert paragraphs(doc) == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "1.第一项", "2.第二项", "二、主动公开政府信息情况",
        "（一）重新起算", "•\t要点", "十一、第十一部分", "十二、第十二部分", "1)\t括号", "不编号的标题",
        "十三、样式编号的标题"]


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCountingThousand", "十一"),
    (20, "chineseCounting", "二十"), (105, "chineseCounting", "一百零五"), (12, "chineseLegalSimplified", "壹拾贰"),
    (3, "ideographTraditional", "丙"), (1, "decimalEnclosedCircle", "①"), (27, "upperLetter", "AA"),
    (4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"), (12, "decimalFullWidth", "１２"), (3, "decimalZero", "03"),
    (7, "none", ""), (7, "ordinalText", "7")])
def test_word_number_formats(n: int, fmt: str, shown: str) -> None:
    assert formatted(n, fmt) == shown


def test_docx_table_merges_land_on_the_grid(tmp_path: Path) -> None:
    merged = (
        '<w:tbl><w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="1"/><w:gridCol w:w="1"/><w:gridCol w:w="1"/>'
        "</w:tblGrid>"
        "<w:tr>" + tc("第二十条第（一）项", '<w:gridSpan w:val="4"/>') + "</w:tr>"
        "<w:tr>" + tc("规章", '<w:vMerge w:val="restart"/>') + tc("1") + tc("2", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        "<w:tr>" + tc("", "<w:vMerge/>") + tc("3") + tc("4") + tc("5") + "</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>' + tc("6")
        + tc("7", '<w:vMerge w:val="restart"/>') + "</w:tr>"
        '<w:sdt><w:sdtContent><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("8")
        + tc("", '<w:vMerge w:val="continue"/>') + "<w:sdt><w:sdtContent><w:tc>" + p("商业") + p("企业")
        + "</w:tc></w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>")
    doc = read(tmp_path, "t.docx", docx_bytes(p("二、主动公开政府信息情况") + merged + p("表后")))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = tables(doc)[0]
    assert (table.nrows, table.ncols, table.loose, table.place.table) == (5, 4, False, 1)
    assert grid(table) == {
        (0, 0): (1, 4, "第二十条第（一）项"),
        (1, 0): (2, 1, "规章"), (1, 1): (1, 1, "1"), (1, 2): (1, 2, "2"),
        (2, 1): (1, 1, "3"), (2, 2): (1, 1, "4"), (2, 3): (1, 1, "5"),
        (3, 1): (1, 1, "6"), (3, 2): (2, 1, "7"),
        (4, 1): (1, 1, "8"), (4, 3): (1, 1, "商业\n企业")}
    assert {(c.place.table, c.place.row, c.place.col) for c in table.cells} >= {(1, 2, 1), (1, 5, 4)}


def test_docx_tables_inside_a_frame_are_read_as_tables(tmp_path: Path) -> None:
    inner = ('<w:tbl><w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="1"/></w:tblGrid><w:tr>' + tc("行政许可")
             + tc("9") + "</w:tr></w:tbl>")
    frame = ("<w:tbl><w:tblGrid><w:gridCol w:w=\"1\"/></w:tblGrid><w:tr><w:tc>" + p("表格说明") + inner + p("")
             + "</w:tc></w:tr></w:tbl>")
    doc = read(tmp_path, "f.docx", docx_bytes(frame + inner))
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in doc.blocks] == [
        "表格说明", [["行政许可", "9"]], [["行政许可", "9"]]]
    assert [t.place.table for t in tables(doc)] == [1, 2]


def test_doc_is_converted_by_libreoffice_or_names_what_to_install(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from gipr_gen.writers import pdf as pdf_writer

    doc_file = READERS / "report.doc"
    monkeypatch.setattr(pdf_writer, "soffice", lambda: None)
    with pytest.raises(SourceError) as caught:
        load(doc_file)
    assert caught.value.key == "source.doc_needs_libreoffice"
    monkeypatch.undo()
    if pdf_writer.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    doc = load(doc_file, "报告.doc")
    expected = load(write(tmp_path, "same.docx", docx_bytes(DOC_BODY, numbering=DOC_NUMBERING)))
    assert doc.file == "报告.doc" and doc.kind == "docx"
    assert paragraphs(doc) == paragraphs(expected) == [
        "某县某局2024年政府信息公开工作年度报告", "一、总体情况", "六、其他需要报告的事项"]
    assert grid(tables(doc)[0]) == grid(tables(expected)[0]) == {
        (0, 0): (1, 3, "第二十条第（一）项"), (1, 0): (2, 1, "规章"), (1, 1): (1, 1, "1"), (1, 2): (1, 1, "2"),
        (2, 1): (1, 1, "3"), (2, 2): (1, 1, "4")}
    # rich text published under a .doc name goes the same way (\u25253 \u21578: 报告)
    rtf = write(tmp_path, "rich.doc", rb"{\rtf1\ansi{\fonttbl\f0 SimSun;}\f0 \uc1 \u25253?\u21578? 2024\par}")
    assert paragraphs(load(rtf)) == ["报告 2024"]


# ---- hostile Word files -------------------------------------------------------------------------------


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", "<Relationships/>")
        with z.open("word/document.xml", "w") as f:  # 70 MB of one byte: a few hundred kilobytes packed
            chunk = b" " * (1 << 20)
            for _ in range(70):
                f.write(chunk)
    assert path.stat().st_size < 1 << 20
    assert refused(path) == "source.docx_too_large"


def test_a_zip_of_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(MAX_ZIP_ENTRIES + 1):
            z.writestr(f"word/media/{i}.xml", "")
    assert refused(path) == "source.docx_too_large"


def test_entity_expansion_and_external_entities_are_refused(tmp_path: Path, server) -> None:
    address, asked = server
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">{laughs}]>'
            f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f"<w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>")
    assert refused(write(tmp_path, "laughs.docx", docx_bytes("", document=bomb))) == "source.docx_dtd"
    external = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "{address}/entity">]>'
                f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                f"<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    assert refused(write(tmp_path, "xxe.docx", docx_bytes("", document=external))) == "source.docx_dtd"
    utf16 = external.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    assert refused(write(tmp_path, "xxe16.docx", docx_bytes("", document=utf16))) == "source.docx_dtd"
    assert asked == []


def test_broken_word_files_are_refused(tmp_path: Path) -> None:
    good = docx_bytes(p("正文"))
    no_body = io.BytesIO()
    with zipfile.ZipFile(no_body, "w") as z:
        z.writestr("word/styles.xml", "<w:styles/>")
    assert refused(write(tmp_path, "renamed.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)) == "source.not_docx"
    assert refused(write(tmp_path, "nobody.docx", no_body.getvalue())) == "source.docx_no_document"
    assert refused(write(tmp_path, "cut.docx", good[: len(good) // 2])) == "source.docx_damaged"
    assert refused(write(tmp_path, "xml.docx", docx_bytes("", document="<w:document"))) == "source.docx_damaged_part"
    workbook = io.BytesIO()  # a spreadsheet: a zip whose main part is no Word document
    with zipfile.ZipFile(workbook, "w") as z:
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    assert refused(write(tmp_path, "book.docx", workbook.getvalue())) == "source.docx_no_document"


# ---- web pages ----------------------------------------------------------------------------------------


def test_a_saved_page_gives_the_report_without_the_site_around_it() -> None:
    saved = READERS / "page-gbk.html"
    doc = load(saved)
    assert doc.kind == "html" and doc.published == "2025-01-20"
    assert doc.title == "云溪县市场监督管理局2024年政府信息公开工作年度报告"
    shown = paragraphs(doc)
    assert shown[:3] == ["云溪县市场监督管理局2024年政府信息公开工作年度报告",
                         "\u3000\u3000本报告依据《中华人民共和国政府信息公开条例》编制。", "一、总体情况"]
    assert doc.blocks[0].heading == 1 and doc.blocks[0].place.line == line_of(saved, "<h1", "gb18030")
    assert shown[5:8] == ["2024年，本局主动公开政府信息256条。", "第二行  有两个不换行空格。", "二、主动公开政府信息情况"]
    assert shown[-4:] == ["六、其他需要报告的事项", "本年度未收取信息处理费。", "云溪县市场监督管理局", "2025年1月20日"]
    chrome = ("索引号", "当前位置", "发布时间", "浏览次数", "分享到", "联系我们", "主办单位", "相关链接", "脚本写出",
              "隐藏的旧版", "注释", "门户网站")
    assert not [s for s in shown if any(word in s for word in chrome)]
    [table] = tables(doc)  # the metadata table and the calendar are the site's
    assert (table.nrows, table.ncols, table.place.line) == (5, 5, line_of(saved, '<table border="1">', "gb18030"))
    assert grid(table) == {
        (0, 0): (1, 3, "第二十条第（一）项"),
        (1, 0): (1, 1, "信息内容"), (1, 1): (1, 1, "本年制发件数"), (1, 2): (1, 1, "本年废止件数"),
        (1, 3): (1, 1, "现行有效件数"),
        (2, 0): (2, 1, "规章"), (2, 1): (1, 1, "1"), (2, 2): (1, 1, ""), (2, 3): (1, 1, "3"),
        (3, 1): (1, 1, "4"), (3, 2): (1, 1, "5"),
        (4, 0): (1, 1, "行政许可"), (4, 1): (1, 3, "12\n（其中新办 2）"), (4, 4): (1, 1, "")}
    assert [(c.place.line, c.place.row, c.place.col) for c in table.cells if c.text == "5"] == [
        (line_of(saved, "<tr><td>4</td>", "gb18030"), 4, 3)]


def test_a_page_loads_nothing_from_the_network(tmp_path: Path, server) -> None:
    address, asked = server
    html = page(address).replace("<body>", f'<body background="{address}/bg.png">')
    doc = read(tmp_path, "page.html", html, "gb18030")
    assert tables(doc) and asked == []


def test_the_real_saved_page_keeps_its_tables_and_drops_the_metadata_table() -> None:
    path = REAL / "shuyang-county-fgj-2023.html"
    if not path.is_file():
        pytest.skip("the shared real reports are not beside this repository")
    report = next(r for r in json.loads((REAL / "figures.json").read_text(encoding="utf-8"))["reports"]
                  if r["file"] == path.name)
    doc = load(path)
    assert doc.published == report["published"] and doc.title == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert doc.blocks[0].text == doc.title and not any("索引号" in s or "采集时间" in s for s in paragraphs(doc))
    t2, t3, t4 = tables(doc)
    assert_official_grid(t2, "proactive_disclosure", exact=False)
    assert_official_grid(t3, "applications", exact=False)
    assert_official_grid(t4, "review_and_litigation", exact=False)
    assert [c.text for c in t4.cells if c.row == 3] == [str(v) for v in report["t4"]]
    # blank legal-person cells are blank, not 0 (figures.json's quirk); the 26 new applications are there
    assert texts(t3)[3][1:] == ["26", "", "", "", "", "", "26"]
    assert [s for s in paragraphs(doc) if s.startswith(("五、", "六、"))] == ["五、存在的主要问题及整改措施",
                                                                            "六、其他需要报告的事项"]


def test_html_fragments_tables_and_encodings(tmp_path: Path) -> None:
    fragment = ("<p>前言<br/>第二行</p>\n<table>\n<tr><th>甲</th><th colspan='2'>乙</th></tr>\n"
                "<tr><td rowspan='3'>丙</td><td>1</td></tr>\n<tr><td>2</td><td>3</td><td></td><td></td></tr>\n"
                "<tr></tr>\n<tr><td>4</td><td rowspan='9'>5</td></tr>\n</table>\n<h2>二、标题</h2>")
    for encoding, name in (("utf-8-sig", "bom.html"), ("gb18030", "gbk.htm"), ("utf-16", "u16.html")):
        doc = read(tmp_path, name, fragment, encoding)
        assert paragraphs(doc) == ["前言", "第二行", "二、标题"] and doc.blocks[-1].heading == 2
        [table] = tables(doc)
        assert (table.nrows, table.ncols) == (5, 5)
        assert grid(table) == {(0, 0): (1, 1, "甲"), (0, 1): (1, 2, "乙"), (1, 0): (3, 1, "丙"),
                               (1, 1): (1, 1, "1"), (2, 1): (1, 1, "2"), (2, 2): (1, 1, "3"), (2, 3): (1, 1, ""),
                               (2, 4): (1, 1, ""), (4, 0): (1, 1, "4"), (4, 1): (1, 1, "5")}
        assert table.place.line == 2 and [c.place.line for c in table.cells if c.text == "4"] == [7]


def test_list_items_start_with_the_marker_a_browser_shows(tmp_path: Path) -> None:
    page = ("<ul><li>要点一</li><li><p>要点二</p><p>续段</p></li></ul><ol start='3'><li>第三</li><li>第四"
            "<ol type='a'><li>甲</li><li value='4'>丁</li></ol></li><li>第五</li></ol><ol type='I'><li>罗马</li></ol>")
    assert paragraphs(read(tmp_path, "list.html", page)) == [
        "• 要点一", "• 要点二", "续段", "3.第三", "4.第四", "a.甲", "d.丁", "5.第五", "I.罗马"]


def test_a_page_declares_its_charset_or_is_read_as_utf8_then_gb18030(tmp_path: Path) -> None:
    body = "<p>政府信息公开工作年度报告</p>"
    declared = f'<html><head><meta charset="gbk"><title>题</title></head><body>{body}</body></html>'
    assert paragraphs(read(tmp_path, "a.html", declared, "gb18030")) == ["政府信息公开工作年度报告"]
    plain = f"<html><body>{body}</body></html>"
    assert paragraphs(read(tmp_path, "b.html", plain, "gb18030")) == ["政府信息公开工作年度报告"]
    assert paragraphs(read(tmp_path, "c.html", plain, "utf-8")) == ["政府信息公开工作年度报告"]


def test_a_table_beside_the_text_is_taken_in_and_the_page_date_found(tmp_path: Path) -> None:
    text = "".join(f"<p>第{i}段正文，政务公开工作稳步推进，公开质量持续提高，群众满意度进一步提升。</p>" for i in range(30))
    html = ("<html><head><title>某局2024年报告</title></head><body>"
            "<div class='meta'>采集时间：2025-12-30T21:37:37+08:00</div>"
            "<div class='head'><h1>某局2024年报告</h1><p>来源：某局　时间：2025-01-15</p></div>"
            f"<div class='box'><div class='text'>{text}</div><div class='tables'>"
            "<table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table></div></div>"
            "<div class='foot'><p>版权所有：某局</p></div></body></html>")
    doc = read(tmp_path, "side.html", html)
    assert doc.published == "2025-01-15" and doc.title == "某局2024年报告"
    assert paragraphs(doc)[0] == "某局2024年报告" and len(paragraphs(doc)) == 31
    assert [texts(t) for t in tables(doc)] == [[["规章", "1", "2", "3"]]]


@pytest.mark.parametrize(("text", "date"), [
    ("发布时间：2024-01-17 10:20", "2024-01-17"), ("发布日期：2024年1月7日", "2024-01-07"),
    ("公开日期2024-01-17", "2024-01-17"), ("来源：某局 时间：2024/1/17", "2024-01-17"),
    ("日期: 2024.01.17", "2024-01-17"), ("采集时间：2025-12-30T21:37", None), ("页面生成时间 2024-05-28", None),
    ("发布时间：2024-02-30", None), ("成文日期：2024-01-10", None)])
def test_publication_dates(text: str, date: str | None) -> None:
    assert labelled(text) == date


def test_dates_are_normalised() -> None:
    assert normalised("2022-02-08 16:34") == "2022-02-08"
    assert normalised(" 2024年12月1日") == "2024-12-01"
    assert normalised("无") is None


# ---- PDF ----------------------------------------------------------------------------------------------


def assert_official_grid(table: Table, section: str, exact: bool, data: dict | None = None) -> None:
    """The table has the specification's grid: every cell at its place with its spans, and (``data``: the
    report file's figures) the spec's labels and the file's figures; ``exact=False`` compares labels with
    white space removed (spec §8.3: line breaks of narrow columns)."""
    spec = G.TABLES[section]
    assert (table.nrows, table.ncols) == (spec.nrows, spec.ncols)
    found = {(c.row + 1, c.col + 1): (c.rowspan, c.colspan) for c in table.cells}
    assert found == {(c.row, c.col): (c.rowspan, c.colspan) for c in spec.cells}
    if data is not None:
        shown = {(c.row + 1, c.col + 1): c.text if exact else re.sub(r"\s", "", c.text) for c in table.cells}
        assert shown == {pos: text for pos, (_, _, _, text) in G.expected_cells(spec, data).items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """gipr-gen's own outputs of the Luyi report, the PDF made by LibreOffice (when installed)."""
    from gipr_gen.api import build_file
    from gipr_gen.writers.pdf import soffice

    out = tmp_path_factory.mktemp("built")
    source = ROOT / "inputs" / "luyi-zhenyuan-2023.yaml"
    build_file(source, out, pdf=soffice() is not None)
    return {path.suffix: path for path in out.iterdir()}


def test_a_libreoffice_pdf_of_gipr_gens_own_report_has_the_official_grids(built: dict[str, Path]) -> None:
    if ".pdf" not in built:
        pytest.skip("LibreOffice is not installed")
    data = yaml.safe_load((ROOT / "inputs" / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8"))
    doc = load(built[".pdf"])
    assert doc.kind == "pdf"
    t2, t3, t4 = tables(doc)  # table 三 runs over a page break, its header repeated: one table
    for table, section in ((t2, "proactive_disclosure"), (t3, "applications"), (t4, "review_and_litigation")):
        assert_official_grid(table, section, exact=False, data=data)
    assert t3.place.page < max(c.place.page for c in t3.cells)
    shown = paragraphs(doc)
    assert shown[0] == G.title_of(data)  # the title's two lines joined as the words run
    assert not [s for s in shown if re.fullmatch(r"[—-]\s*\d+\s*[—-]", s)]  # page numbers
    assert set(G.HEADINGS) <= set(shown)


@pytest.mark.parametrize("name", ["huaian-city-2024.pdf"])
def test_the_real_pdf_has_its_three_tables_whole(name: str) -> None:
    path = REAL / name
    if not path.is_file():
        pytest.skip("the shared real reports are not beside this repository")
    report = next(r for r in json.loads((REAL / "figures.json").read_text(encoding="utf-8"))["reports"]
                  if r["file"] == name)
    doc = load(path)
    t2, t3, t4 = tables(doc)
    for table, section in ((t2, "proactive_disclosure"), (t3, "applications"), (t4, "review_and_litigation")):
        assert_official_grid(table, section, exact=False)
    assert {c.place.page for c in t2.cells} == {3, 4} and {c.place.page for c in t3.cells} == {4, 5}
    # the figures read by hand, row by row (figures.json names the rows in table 三's order)
    rows = ["new", "carried", "granted", "partial", "d_secret", "d_law", "d_3safe", "d_third", "d_internal",
            "d_process", "d_enforce", "d_query", "u_nohold", "u_create", "u_unclear", "n_petition", "n_repeat",
            "n_publication", "n_massive", "n_confirm", "o_nocorrect", "o_fee", "o_other", "total", "fwd"]
    assert set(report["t3_nonzero_rows"]) <= set(rows)
    figures = [[c.text for c in row if c.col >= 3] for row in t3.rows()[3:]]
    assert figures == [[str(v) for v in report["t3_nonzero_rows"].get(key, [0] * 7)] for key in rows]
    assert [c.text for c in t4.cells if c.row == 3] == [str(v) for v in report["t4"]]
    t2_figures = [c.text for c in t2.cells if c.col > 0 and c.text.replace(".", "").isdigit()]
    expected = [v for key in ("regs", "norms", "licensing", "punish", "coerce", "fees") for v in report["t2"][key]]
    assert t2_figures == [G.shown(v) for v in expected]
    # the label the page break split, joined; the cell spans the spec's three rows
    broken = next(c for c in t3.cells if re.sub(r"\s", "", c.text) == "（四）无法提供")
    assert (broken.row, broken.rowspan, broken.place.page) == (15, 3, 4)
    shown = paragraphs(doc)
    assert shown[0] == "淮安市人民政府\n2024年政府信息公开工作年度报告"
    assert [s for s in shown if re.fullmatch(r"[一二三四五六]、.*", s)] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert not [s for s in shown if re.fullmatch(r"-\d+-", s)]
    # a paragraph that runs over a page break is one paragraph
    assert any(s.startswith("（四）政府信息公开平台建设情况") and s.endswith("合格率均为100%。") for s in shown)


def _chars(*glyphs: tuple[str, float, float], size: float = 16.0, top: float = 100.0) -> list[dict]:
    """Characters as pdfplumber gives them: (text, x0, x1) on one line."""
    return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size} for t, x0, x1 in glyphs]


def test_pdf_lines_take_spaces_from_gaps_only_where_a_space_was_written() -> None:
    # "2024" then a quarter-em gap then "年": Word's spacing between scripts, no space in the source
    assert [line.text for line in lines_of(_chars(("2", 0, 8), ("4", 8, 16), ("年", 20, 36), ("度", 36, 52)))] == \
        ["24年度"]
    # the same gap between two Latin words is the space between them; half an em between characters is one
    assert lines_of(_chars(("l", 0, 5), ("e", 5, 12), ("d", 12, 19), ("x", 23, 30)))[0].text == "led x"
    assert lines_of(_chars(("条", 0, 16), ("第", 24, 40)))[0].text == "条 第"
    assert lines_of(_chars(("⼀", 0, 16), ("、", 16, 32)))[0].text == "一、"  # a Kangxi radical for 一
    two = lines_of(_chars(("甲", 0, 16)) + _chars(("乙", 0, 16), top=130.0))
    assert [(line.text, line.top) for line in two] == [("甲", 100.0), ("乙", 130.0)]


def _part(page: int, xs: list[float], rows: list[list[tuple]], top: float = 0.0, height: float = 30.0) -> PdfTable:
    """A table part as pdf_tables finds it on a page: ``rows`` of (text, col, rowspan, colspan, ink top and
    bottom within the cell or None), each row ``height`` high."""
    cells = []
    for r, row in enumerate(rows):
        for text, col, rowspan, colspan, ink in row:
            box = (xs[col], top + r * height, xs[col + colspan], top + (r + rowspan) * height)
            cells.append(PdfCell(text, r, col, rowspan, colspan, page, box,
                                 (box[1] + ink[0], box[1] + ink[1]) if ink else None))
    table = PdfTable(page, (xs[0], top, xs[-1], top + len(rows) * height), xs, cells, len(rows), page)
    table.top_rows = [tuple((c.col, c.colspan, c.rowspan, c.text) for c in sorted(row, key=lambda c: c.col))
                      for row in table.rows()]
    return table


def test_a_row_the_page_break_split_is_joined_into_one_row() -> None:
    xs = [70.0, 170.0, 270.0, 370.0]
    above = _part(4, xs, [[("标签", 0, 1, 1, (10, 20)), ("自然人", 1, 1, 1, (10, 20)), ("总计", 2, 1, 1, (10, 20))],
                          [("（二）部分公开（区分处理的，只计这一情", 0, 1, 1, (18, 28)),  # pushed to the bottom
                           ("447", 1, 1, 1, (10, 20)), ("454", 2, 1, 1, (10, 20))]])
    below = _part(5, [71.5, 170.5, 269.0, 372.0], [[("形，不计其他情形）", 0, 1, 1, (2, 12)), ("", 1, 1, 1, None),
                                                    ("", 2, 1, 1, None)],
                                                   [("（三）不予公开", 0, 1, 1, (10, 20)), ("2", 1, 1, 1, (10, 20)),
                                                    ("2", 2, 1, 1, (10, 20))]])
    assert join(above, below) and above.nrows == 3
    assert {(c.row, c.col): (c.rowspan, c.text) for c in above.cells} == {
        (0, 0): (1, "标签"), (0, 1): (1, "自然人"), (0, 2): (1, "总计"),
        (1, 0): (1, "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）"), (1, 1): (1, "447"), (1, 2): (1, "454"),
        (2, 0): (1, "（三）不予公开"), (2, 1): (1, "2"), (2, 2): (1, "2")}


def test_a_merged_cell_carries_on_under_the_break_and_other_tables_stay_apart() -> None:
    xs = [70.0, 100.0, 200.0, 300.0]
    above = _part(4, xs, [[("三、本年度办理结果", 0, 2, 1, (10, 40)), ("（一）予以公开", 1, 1, 1, (10, 20)),
                           ("5", 2, 1, 1, (10, 20))],
                          [("（四）无", 1, 1, 1, (18, 28)), ("6", 2, 1, 1, (10, 20))]])
    below = _part(5, xs, [[("", 0, 2, 1, None), ("法提供", 1, 2, 1, (2, 12)), ("7", 2, 1, 1, (10, 20))],
                          [("8", 2, 1, 1, (10, 20))]])
    assert join(above, below) and above.nrows == 4
    assert {(c.row, c.col): (c.rowspan, c.text) for c in above.cells} == {
        (0, 0): (4, "三、本年度办理结果"), (0, 1): (1, "（一）予以公开"), (0, 2): (1, "5"),
        (1, 1): (3, "（四）无\n法提供"), (1, 2): (1, "6"), (2, 2): (1, "7"), (3, 2): (1, "8")}
    other = _part(6, [70.0, 150.0, 300.0], [[("另一张表", 0, 1, 1, (10, 20)), ("9", 1, 1, 1, (10, 20))]])
    assert not join(above, other) and above.nrows == 4


def test_a_merged_label_flowed_on_under_the_break_and_a_column_split_only_below_it_are_one_table() -> None:
    """As LibreOffice prints table 三: the merged label's first character on the page above, the rest on the
    next page's part, whose rows also split a column the rows above never split."""
    above = _part(1, [70.0, 100.0, 300.0, 350.0], [
        [("标签", 0, 1, 2, (10, 20)), ("总计", 2, 1, 1, (10, 20))],
        [("三", 0, 1, 1, (10, 20)), ("（一）予以公开", 1, 1, 1, (10, 20)), ("5", 2, 1, 1, (10, 20))]])
    below = _part(2, [70.0, 101.5, 150.0, 300.0, 349.0], [
        [("标签", 0, 1, 3, (10, 20)), ("总计", 3, 1, 1, (10, 20))],  # the header row repeated
        [("、\n本\n年\n度", 0, 2, 1, (10, 50)), ("（二）部分公开", 1, 1, 2, (10, 20)), ("6", 3, 1, 1, (10, 20))],
        [("（三）不予公开", 1, 1, 1, (10, 20)), ("1.属于国家秘密", 2, 1, 1, (10, 20)), ("7", 3, 1, 1, (10, 20))]])
    assert join(above, below) and above.nrows == 4 and len(above.xs) == 5
    assert {(c.row, c.col): (c.rowspan, c.colspan, c.text) for c in above.cells} == {
        (0, 0): (1, 3, "标签"), (0, 3): (1, 1, "总计"),
        (1, 0): (3, 1, "三\n、\n本\n年\n度"), (1, 1): (1, 2, "（一）予以公开"), (1, 3): (1, 1, "5"),
        (2, 1): (1, 2, "（二）部分公开"), (2, 3): (1, 1, "6"),
        (3, 1): (1, 1, "（三）不予公开"), (3, 2): (1, 1, "1.属于国家秘密"), (3, 3): (1, 1, "7")}


def test_figures_one_to_a_cell_on_either_side_of_the_break_stay_apart() -> None:
    xs = [70.0, 200.0, 300.0]
    above = _part(1, xs, [[("标签", 0, 1, 1, (10, 20)), ("总计", 1, 1, 1, (10, 20))],
                          [("一", 0, 1, 1, (10, 20)), ("5", 1, 1, 1, (10, 20))]])
    below = _part(2, xs, [[("二", 0, 1, 1, (10, 20)), ("6", 1, 1, 1, (10, 20))]])
    assert join(above, below) and above.nrows == 3
    assert [c.text for c in sorted(above.cells, key=lambda c: (c.row, c.col))] == ["标签", "总计", "一", "5", "二", "6"]


def test_an_items_number_alone_above_the_break_goes_with_the_words_below_it() -> None:
    """A narrow label column: "（三）" is all of "（三）不予公开" that fits above the break."""
    xs = [70.0, 100.0, 140.0, 300.0, 350.0]
    above = _part(1, xs, [[("三", 0, 1, 1, (10, 20)), ("（三）", 1, 1, 1, (10, 20)), ("1.属于国家秘密", 2, 1, 1, (10, 20)),
                           ("5", 3, 1, 1, (10, 20))]])
    below = _part(2, xs, [[("办\n理", 0, 2, 1, (2, 28)), ("不予公\n开", 1, 2, 1, (10, 40)),
                           ("2.其他法律行政法规禁止公开", 2, 1, 1, (10, 20)), ("6", 3, 1, 1, (10, 20))],
                          [("3.危及“三安全一稳定”", 2, 1, 1, (10, 20)), ("7", 3, 1, 1, (10, 20))]])
    assert join(above, below) and above.nrows == 3
    assert {(c.row, c.col): (c.rowspan, c.text) for c in above.cells if c.col < 2} == {
        (0, 0): (3, "三\n办\n理"), (0, 1): (3, "（三）\n不予公\n开")}


def test_labels_of_their_own_placeholders_and_moved_edges_stay_apart_under_the_break() -> None:
    xs = [70.0, 85.0, 200.0, 300.0]  # a narrow label column: its labels set one character to a line
    above = _part(1, xs, [[("标签", 0, 1, 2, (10, 20)), ("总计", 2, 1, 1, (10, 20))],
                          [("（\n三\n）\n不\n予", 0, 1, 1, (2, 28)), ("1.属于国家秘密", 1, 1, 1, (10, 20)),
                           ("5", 2, 1, 1, (10, 20))]])
    below = _part(2, xs, [[("（\n四\n）\n无\n法", 0, 1, 1, (2, 28)), ("1.本机关不掌握", 1, 1, 1, (10, 20)),
                           ("…", 2, 1, 1, (10, 20))]])
    assert join(above, below) and above.nrows == 3
    assert [c.text for c in sorted(above.cells, key=lambda c: (c.row, c.col))][2:] == [
        "（\n三\n）\n不\n予", "1.属于国家秘密", "5", "（\n四\n）\n无\n法", "1.本机关不掌握", "…"]
    other = _part(1, [70.0, 170.0, 270.0, 370.0, 470.0], [[("甲", 0, 1, 1, (10, 20)), ("1", 1, 1, 1, (10, 20))]])
    moved = _part(2, [70.0, 170.0, 270.0, 420.0, 470.0], [[("乙", 0, 1, 1, (10, 20)), ("2", 1, 1, 1, (10, 20))]])
    assert not join(other, moved) and other.nrows == 1


def test_a_box_of_one_column_above_a_table_of_several_is_no_part_of_it() -> None:
    note = _part(1, [70.0, 370.0], [[("注：以下为统计表", 0, 1, 1, (10, 20))], [("（续）", 0, 1, 1, (10, 20))]])
    table = _part(2, [70.0, 170.0, 270.0, 370.0], [[("标签", 0, 1, 1, (10, 20)), ("1", 1, 1, 1, (10, 20)),
                                                    ("2", 2, 1, 1, (10, 20))]])
    assert not join(note, table) and note.nrows == 2


ENCRYPTED_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                 b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                 b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                 b"5 0 obj<</Filter/Standard/V 1/R 2/O<" + b"11" * 32 + b">/U<" + b"22" * 32 + b">/P -4>>endobj\n"
                 b"trailer<</Root 1 0 R/Size 6/Encrypt 5 0 R/ID[<" + b"33" * 16 + b"><" + b"33" * 16 + b">]>>\n%%EOF\n")


def _pdf(*pages: bytes | tuple[int, int, bytes]) -> bytes:
    """A PDF of pages drawing their content (Helvetica as /F1), each A4 upright or (width, height, content);
    its cross-reference table left to the reader."""
    sized = [page if isinstance(page, tuple) else (595, 842, page) for page in pages]
    kids = b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(len(sized)))
    out = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
           b"2 0 obj<</Type/Pages/Kids[" + kids + b"]/Count %d>>endobj\n" % len(sized) +
           b"3 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n")
    for n, (width, height, content) in enumerate(sized):
        page, stream = 4 + 2 * n, 5 + 2 * n
        out += (b"%d 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 %d %d]/Contents %d 0 R" % (page, width, height, stream)
                + b"/Resources<</Font<</F1 3 0 R>>>>>>endobj\n"
                + b"%d 0 obj<</Length %d>>stream\n" % (stream, len(content)) + content + b"\nendstream\nendobj\n")
    return out + b"trailer<</Root 1 0 R/Size %d>>\n%%%%EOF\n" % (4 + 2 * len(sized))


def _text(x: int, y: int, words: bytes) -> bytes:
    return b"BT /F1 12 Tf %d %d Td (%s) Tj ET " % (x, y, words)


MINIMAL_PDF = _pdf(b"0 0 1 rg 100 100 200 300 re f 10 w 0 0 m 5 5 l S")  # drawn, with no text: a scan


def test_the_page_number_of_a_page_turned_landscape_is_no_text(tmp_path: Path) -> None:
    """A wide table set on a landscape page: its footer sits as far from the page's foot as the others'."""
    upright = [_text(90, 700, b"Report text on page %d." % n) + _text(290, 70, b"- %d -" % n) for n in (1, 3)]
    turned = (842, 595, _text(90, 450, b"Text beside the wide table.") + _text(410, 70, b"- 2 -"))
    doc = load(write(tmp_path, "turned.pdf", _pdf(upright[0], turned, upright[1])))
    texts = [b.text for b in doc.blocks]
    assert not [t for t in texts if "-" in t], texts
    assert "Text beside the wide table." in " ".join(texts)


def test_a_pdf_whose_only_text_is_a_table_reads_as_that_table(tmp_path: Path) -> None:
    grid = b"0 0 0 RG 1 w 100 600 300 100 re S 250 600 m 250 700 l S 100 650 m 400 650 l S"
    words = b"".join(_text(x, y, w) for x, y, w in ((120, 670, b"one"), (270, 670, b"two"), (120, 620, b"three"),
                                                     (270, 620, b"four")))
    doc = load(write(tmp_path, "table.pdf", _pdf(grid + b" " + words)))
    (table,) = doc.blocks
    assert [[c.text for c in row] for row in table.rows()] == [["one", "two"], ["three", "four"]]


def test_a_pdf_without_text_needs_ocr_and_broken_pdfs_are_refused(tmp_path: Path) -> None:
    assert refused(write(tmp_path, "scan.pdf", MINIMAL_PDF)) == "source.pdf_no_text"
    assert refused(write(tmp_path, "locked.pdf", ENCRYPTED_PDF)) == "source.pdf_encrypted"  # no empty password
    assert refused(write(tmp_path, "broken.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8)) == "source.pdf_damaged"
    assert refused(write(tmp_path, "named.pdf", b"\x00\x01 not a pdf at all \xff" * 30)) == "source.not_pdf"


def test_reading_yaml_or_a_docx_never_loads_pdfplumber(built: dict[str, Path]) -> None:
    code = ("import sys; from pathlib import Path; from gipr_gen.api import check_file; "
            "from gipr_gen.readers.published import load; "
            f"check_file({str(INPUTS[0])!r}); load(Path({str(built['.docx'])!r})); "
            "print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


# ---- gipr-gen's own outputs ---------------------------------------------------------------------------


INPUTS_2021 = [p for p in INPUTS if yaml.safe_load(p.read_text(encoding="utf-8")).get("format") == "2021"]


@pytest.mark.parametrize("source", INPUTS_2021, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_gipr_gens_own_outputs_read_back_with_the_official_grids(source: Path, fmt: str, tmp_path: Path) -> None:
    from gipr_gen.api import load as load_report
    from gipr_gen.api import render

    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc = read(tmp_path, f"report.{fmt}", render(load_report(source), fmt))
    assert doc.kind == {"md": "markdown"}.get(fmt, fmt)
    for table, section in zip(tables(doc), G.TABLE_SECTIONS, strict=True):
        assert_official_grid(table, section, exact=True, data=data)
    title_level, section_level = {"docx": (0, 1), "html": (1, 2), "md": (1, 2)}[fmt]
    assert (doc.blocks[0].text, doc.blocks[0].heading) == (G.title_of(data), title_level)
    marked = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.heading == section_level]
    assert marked == list(G.HEADINGS)


# ---- text and Markdown --------------------------------------------------------------------------------


def test_pipe_separated_seed_tables_are_loose_rows() -> None:
    doc = load(SEEDS / "000_23d160e7ec491542.txt")
    assert doc.kind == "text" and len(tables(doc)) == 3
    t2, t3, t4 = tables(doc)
    assert all(t.loose for t in (t2, t3, t4)) and (t2.nrows, t3.nrows, t4.nrows) == (14, 28, 4)
    assert texts(t2)[:4] == [["第二十条第(一)项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                             ["规章", "0", "0", "0"], ["行政规范性文件", "0", "0", "0"]]
    assert texts(t3)[2] == ["商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他"]
    assert texts(t3)[5] == ["三、本年度办理结果", "(一)予以公开", "0", "0", "0", "0", "0", "0", "0"]
    assert texts(t4)[3] == ["0"] * 15 and t4.ncols == 15
    first = line_of(SEEDS / "000_23d160e7ec491542.txt", "第二十条第(一)项")
    assert t2.place.line == first and t2.cells[0].place.line == first and texts(t3)[0][0].startswith("(本列数据")
    assert paragraphs(doc)[11:13] == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


def test_tab_separated_seed_tables_keep_their_leading_empty_cells() -> None:
    doc = load(SEEDS / "003_29542b8c895c43dd.txt")
    t2, t3, t4 = tables(doc)
    assert texts(t3)[1] == ["", "", "自然人", "法人或其他组织"]
    assert texts(t3)[6] == ["", "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "0", "0", "0", "0", "0", "0", "0"]
    assert texts(t4)[0] == ["行政复议", "", "", "", "", "行政诉讼"]
    assert texts(t2)[2] == ["规章", "0", "0", "0"]
    assert t2.place.line == line_of(SEEDS / "003_29542b8c895c43dd.txt", "第二十条第（一）项")
    assert paragraphs(doc)[0] == "鹿邑县真源街道办事处 2023 年政府信息公开工作年度报告"


def test_cells_one_per_line_between_blank_lines(tmp_path: Path) -> None:
    cells_t2 = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "0",
                "行政规范性文件", "3", "1", "12"]
    cells_t3 = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人",
                "一、本年新收政府信息公开申请数量", "26", "三、本年度办理结果", "（一）予以公开", "26", "0"]
    cells_t4 = ["行政复议", "行政诉讼", "结果维持", "0", "1", "2"]
    lines = ["一、总体情况", "本局认真贯彻落实《条例》，全年主动公开信息256条。", "二、主动公开政府信息情况", *cells_t2,
             "三、收到和处理政府信息公开申请情况", *cells_t3, "四、政府信息公开行政复议、行政诉讼情况", *cells_t4,
             "五、存在的主要问题及改进情况", "宣传培训还需加强。"]
    doc = read(tmp_path, "copied.txt", "\n\n".join(lines) + "\n")
    t2, t3, t4 = tables(doc)
    assert all(t.loose and t.ncols == 1 for t in (t2, t3, t4))
    assert [[c.text for c in t.cells] for t in (t2, t3, t4)] == [cells_t2, cells_t3, cells_t4]
    assert paragraphs(doc) == ["一、总体情况", "本局认真贯彻落实《条例》，全年主动公开信息256条。", "二、主动公开政府信息情况",
                               "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                               "五、存在的主要问题及改进情况", "宣传培训还需加强。"]
    assert [c.place.line for c in t2.cells][:2] == [7, 9] and [c.place.row for c in t2.cells][:2] == [1, 2]


def test_a_crawler_header_gives_title_and_date_and_run_together_text_stays_whole(tmp_path: Path) -> None:
    header = ["标题: 某区2021年度政府信息公开工作年度报告", "发布时间: 2022-02-08 16:34", "文号: ", "来源：某区",
              "==================== 正文 ===================="]
    body = "一、总体情况2021年……第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000行政规范性文件693665"
    doc = read(tmp_path, "crawled.txt", "\n".join([*header, body, "附件下载"]))
    assert (doc.title, doc.published) == ("某区2021年度政府信息公开工作年度报告", "2022-02-08")
    assert paragraphs(doc) == [body, "附件下载"] and doc.blocks[0].place.line == 6 and not tables(doc)
    for name in ("pingtan-zone-2021.txt", "pingtan-zone-2022.txt"):
        path = REAL / name
        if not path.is_file():
            continue
        doc = load(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert doc.published == next(r for r in json.loads((REAL / "figures.json").read_text(encoding="utf-8"))
                                     ["reports"] if r["file"] == name)["published"]
        assert doc.blocks[0].text == lines[9] and not tables(doc)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    text = "一、总体情况\n规章\t0\t0\t0\n行政规范性文件\t1\t2\t3\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = read(tmp_path, "r.txt", data)
    assert paragraphs(doc) == ["一、总体情况"] and texts(tables(doc)[0]) == [["规章", "0", "0", "0"],
                                                                         ["行政规范性文件", "1", "2", "3"]]


def test_markdown_text_is_the_authors(tmp_path: Path) -> None:
    md = ("# 某局2024年报告\n\n## 一、总体情况\n\n**加粗**与\\*星号\\*，[网站](http://x)和`代码`，\n"
          "折行的\n句子 and\nwords。\n\n硬换行  \n第二行\n\n1. 第一条\n2. 第二条\n\n- 要点\n\n"
          "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 5 |\n\n"
          "<table>\n<tr><td rowspan=\"2\">甲</td><td>1</td></tr>\n<tr><td>2</td></tr>\n</table>\n")
    doc = read(tmp_path, "r.md", md)
    assert doc.kind == "markdown"
    assert [(b.text, b.heading) for b in doc.blocks if isinstance(b, Paragraph)] == [
        ("某局2024年报告", 1), ("一、总体情况", 2), ("加粗与*星号*，网站和代码，折行的句子 and words。", None),
        ("硬换行\n第二行", None), ("1.第一条", None), ("2.第二条", None), ("• 要点", None)]
    pipe, html = tables(doc)
    assert texts(pipe) == [["信息内容", "本年制发件数"], ["规章", "5"]] and not pipe.loose
    assert [c.place.line for c in pipe.cells] == [18, 18, 20, 20]
    assert grid(html) == {(0, 0): (2, 1, "甲"), (0, 1): (1, 1, "1"), (1, 1): (1, 1, "2")}
    assert (html.place.line, [c.place.line for c in html.cells]) == (22, [23, 23, 24])
    assert [t.place.table for t in (pipe, html)] == [1, 2]


# ---- hostile and broken input of every kind -----------------------------------------------------------


def test_empty_huge_and_binary_files_are_refused(tmp_path: Path) -> None:
    assert refused(write(tmp_path, "empty.txt", b"")) == "source.empty"
    assert refused(write(tmp_path, "blank.html", b" \n\t\n")) == "source.empty"
    assert refused(write(tmp_path, "junk.bin", bytes(range(256)) * 16)) == "source.not_text"
    assert refused(write(tmp_path, "line.txt", "规" * (MAX_LINE_CHARS + 1))) == "source.line_too_long"
    assert refused(write(tmp_path, "line.md", "# 题\n\n" + "规" * (MAX_LINE_CHARS + 1))) == "source.line_too_long"
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(33 * 1024 * 1024)
    assert refused(big) == "source.too_large"


def test_absurd_tables_and_block_counts_are_refused(tmp_path: Path) -> None:
    wide = "<table><tr><td colspan='1000' rowspan='65534'>x</td></tr></table>"
    assert refused(write(tmp_path, "span.html", wide)) == "source.too_many_cells"
    assert refused(write(tmp_path, "many.html", "<p>段</p>" * 50_001)) == "source.too_many_blocks"
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<!DOCTYPE html [<!ENTITY l0 "ha">{laughs}]><html><body><p>正文&l9;结束</p></body></html>'
    assert "正文&l9;结束" in paragraphs(read(tmp_path, "laughs.html", bomb))  # entities are never expanded
    deep = "<div>" * 5000 + "深" + "</div>" * 5000  # the HTML parser keeps 255 levels: said, not cut short
    assert refused(write(tmp_path, "deep.html", deep)) == "source.too_deep"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"<html><body>", b"# \xe6\xa0\x87\n", b"\xef\xbb\xbf"]),
       tail=st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_source_error(tmp_path: Path, head: bytes, tail: bytes) -> None:
    path = write(tmp_path, "any.txt", head + tail)
    try:
        doc = load(path)
    except SourceError as exc:
        assert exc.key.startswith("source.")
    else:
        assert all(isinstance(b, (Paragraph, Table)) for b in doc.blocks)
