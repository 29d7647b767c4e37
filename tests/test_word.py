"""The Word output and the reference template, read back with python-docx.

Nothing expected comes from gipr-gen itself:

* the tables (rows × columns, every gridSpan and vMerge, every label) are the spec §3–§5 transcription in
  ``tests/data/official_grids.py``; column widths, cell sizes and the page are spec §9's values, written here;
* every figure is read from the input file with ``yaml.safe_load``;
* the narrative is the input's Markdown as markdown-it-py reads it, its headings numbered here in the
  order spec §9.2 gives the levels (（一）, 1., （1））;
* templates are edited copies of the bundled one, the committed cell-by-cell fixture
  ``tests/data/word/cell-tags.docx`` (the bundled template as it was before tables were drawn by the
  writer), or a letterhead made here with python-docx.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt

from gipr_gen.api import load
from gipr_gen.errors import TemplateError
from gipr_gen.writers.docx import render
from gipr_gen.writers.docx.writer import default_template

from conftest import INPUTS, ROOT, SEEDS, cli
from data import official_grids as G

CELL_TAGS = ROOT / "tests" / "data" / "word" / "cell-tags.docx"
TABLE_TAG = {"proactive_disclosure": "t2", "applications": "t3", "review_and_litigation": "t4"}
# spec §9.4: suggested column widths (mm) and table text sizes (五号; 小五 for the 15 columns of table 四)
WIDTHS_MM = {"proactive_disclosure": (48, 36, 36, 36), "applications": (8, 20, 46.1, *(11.7,) * 7),
             "review_and_litigation": (10.4,) * 15}
CELL_SIZE = {"proactive_disclosure": Pt(10.5), "applications": Pt(10.5), "review_and_litigation": Pt(9)}
HEADER_ROWS = {"proactive_disclosure": 0, "applications": 3, "review_and_litigation": 3}  # spec §4.1, §5.1
# the 2019 format's table 二 (spec §7.2), its label column and four sub-columns in the same 156 mm
WIDTHS_MM_2019 = {**WIDTHS_MM, "proactive_disclosure": (40, 29, 29, 29, 29)}
CHAR = 320  # one 三号 character in twips


# ---- reading a .docx ---------------------------------------------------------------------------


def styles_by_name(doc: Any) -> dict[str, Any]:
    return {s.name.lower(): s for s in doc.styles}


def style_name(p: Paragraph) -> str:
    return p.style.name.lower() if p.style is not None else ""


def east_asia(style: Any) -> str | None:
    """The East Asian font a style sets, or the one it inherits."""
    while style is not None:
        fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def inherited(style: Any, get: Callable[[Any], Any]) -> Any:
    """A style property, set by the style or by the nearest style it is based on."""
    while style is not None and get(style) is None:
        style = style.base_style
    return None if style is None else get(style)


def grid_of(table: Table) -> dict[tuple[int, int], tuple[int, int, str]]:
    """(R, C), 1-based as the spec numbers them → (rowspan, colspan, text) of every cell, rebuilt from
    gridSpan and vMerge; every row must cover the table's grid exactly."""
    ncols = len(table._tbl.tblGrid.gridCol_lst)
    starts: dict[tuple[int, int], list] = {}
    above: dict[int, tuple[int, int]] = {}  # column → top-left of the cell continuing downwards
    for r, tr in enumerate(table._tbl.tr_lst, 1):
        c = 1
        for tc in tr.tc_lst:
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                assert text == "", (r, c)
                starts[above[c]][0] += 1
            else:
                starts[(r, c)] = [1, tc.grid_span, text]
                for j in range(tc.grid_span):
                    above[c + j] = (r, c)
            c += tc.grid_span
        assert c - 1 == ncols, f"row {r} covers {c - 1} of {ncols} columns"
    return {pos: (rs, cs, text) for pos, (rs, cs, text) in starts.items()}


def assert_official_tables(doc: Any, data: dict) -> None:
    """The three tables, in order, are the spec's grids holding the input's figures."""
    assert len(doc.tables) == 3
    for table, section in zip(doc.tables, G.TABLE_SECTIONS, strict=True):
        official = G.tables_of(data)[section]
        assert len(table._tbl.tr_lst) == official.nrows, section
        assert len(table._tbl.tblGrid.gridCol_lst) == official.ncols, section
        expected = {pos: (rs, cs, text) for pos, (rs, cs, _, text) in G.expected_cells(official, data).items()}
        assert grid_of(table) == expected, section


def markdown_paragraphs(markdown: str | None) -> list[tuple[str, str]]:
    """(style, text) of each paragraph the narrative Markdown should become: "#" a （一） heading, "##" a 1.
    heading, "###" a （1） heading (spec §9.2), each count restarting under its parent; bold and italic
    marks dropped, a soft line break joining the lines."""
    out: list[tuple[str, str]] = []
    counts = [0, 0, 0]
    level = 0
    for tok in MarkdownIt("commonmark").parse(markdown or ""):
        if tok.type == "heading_open":
            level = int(tok.tag[1])
        elif tok.type == "inline":
            text = "".join("\n" if c.type == "hardbreak" else c.content for c in tok.children or ()
                           if c.type in ("text", "hardbreak"))
            if level:
                counts[level - 1] += 1
                counts[level:] = [0] * (3 - level)
                n = counts[level - 1]
                number = ("（%s）" % "一二三四五六七八九十"[n - 1], f"{n}.", f"（{n}）")[level - 1]
                out.append((f"heading {level + 1}", number + text))
                level = 0
            else:
                out.append(("normal", text))
        else:
            assert tok.type in ("heading_close", "paragraph_open", "paragraph_close"), tok.type  # what the inputs use
    return out


def section_text(data: dict, key: str) -> str | None:
    value = data.get(key)
    return value.get("text") if isinstance(value, dict) else value


def chinese_date(written: str) -> str:
    """GB/T 9704: Arabic numerals, the full year, no leading zeros."""
    y, m, d = (int(x) for x in re.findall(r"[0-9]+", written))
    return f"{y}年{m}月{d}日"


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[dict, bytes]]:
    """Each example report as read independently, and its .docx, rendered once."""
    return {p.name: (yaml.safe_load(p.read_text(encoding="utf-8")), render(load(p))) for p in INPUTS}


# ---- the tables ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_tables_are_the_official_grids_with_the_input_figures(built, name: str) -> None:
    data, docx = built[name]
    assert_official_tables(Document(io.BytesIO(docx)), data)


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_tables_are_typeset(built, name: str) -> None:
    data, docx = built[name]
    doc = Document(io.BytesIO(docx))
    widths_mm = WIDTHS_MM_2019 if G.tables_of(data) is G.TABLES_2019 else WIDTHS_MM
    for table, section in zip(doc.tables, G.TABLE_SECTIONS, strict=True):
        widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.gridCol_lst]
        assert [round(w / 56.6929, 1) for w in widths] == pytest.approx(widths_mm[section], abs=0.1), section
        assert sum(widths) <= round(156 * 56.6929)  # within the type area
        rows = table._tbl.tr_lst
        headers = [r.trPr is not None and r.trPr.find(qn("w:tblHeader")) is not None for r in rows]
        assert headers == [i < HEADER_ROWS[section] for i in range(len(rows))], section
        assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        for r in rows:  # a row of titles and headers goes to the next page with the row under it
            texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in r.iter(qn("w:tc"))]
            figures = any(re.fullmatch(r"[0-9]+(?:\.[0-9]+)?(?:元|万元|亿元)?", t) for t in texts)
            kept = {p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None for p in r.iter(qn("w:p"))}
            assert kept == {not figures}, (section, texts)
        assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None
        for tc in table._tbl.iter(qn("w:tc")):
            assert tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "center"
        paragraphs = [Paragraph(p, table) for p in table._tbl.iter(qn("w:p"))]
        assert {inherited(p.style, lambda s: s.font.size) for p in paragraphs} == {CELL_SIZE[section]}, section
        for p in paragraphs:
            if p.text.replace(".", "").isdigit():  # a figure: centred (spec §9.4)
                assert p._p.pPr.find(qn("w:jc")) is None, section
                assert inherited(p.style, lambda s: s.paragraph_format.alignment) == 1, section


def test_the_template_sets_the_cell_styles() -> None:
    styles = styles_by_name(Document(default_template()))
    for name, size in (("tabletext", Pt(10.5)), ("tablesmall", Pt(9))):  # spec §9.4: 五号, 小五
        style = styles[name]
        assert style.font.size == size and east_asia(style) == "仿宋_GB2312"
        assert inherited(style, lambda s: s.paragraph_format.first_line_indent) == 0
        assert inherited(style, lambda s: s.paragraph_format.line_spacing_rule) == WD_LINE_SPACING.SINGLE
        assert inherited(style, lambda s: s.paragraph_format.alignment) == 1  # centred


# ---- title, narrative, 落款 ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_title_headings_narrative_and_signature(built, name: str) -> None:
    data, docx = built[name]
    doc = Document(io.BytesIO(docx))
    blocks = list(doc.iter_inner_content())
    title = blocks.pop(0)
    assert isinstance(title, Paragraph) and style_name(title) == "title" and title.text == G.title_of(data)
    # the intro, then each section: its heading, its text, its table
    sections: list[list] = [[]]
    for b in blocks:
        if isinstance(b, Paragraph) and style_name(b) == "heading 1":
            sections.append([b])
        else:
            sections[-1].append(b)
    intro, *sections = sections
    assert [(style_name(p), p.text) for p in intro] == markdown_paragraphs(data.get("intro"))
    assert [s[0].text for s in sections] == list(G.HEADINGS)
    signature = data.get("signature")
    for (key, _), (heading, *body) in zip(G.SECTIONS, sections, strict=True):
        paragraphs = [(style_name(p), p.text) for p in body if isinstance(p, Paragraph)]
        expected = markdown_paragraphs(section_text(data, key))
        if key == G.SECTIONS[-1][0] and signature:
            expected += [("normal", ""), ("signature organ", signature.get("organ") or data["organ"]),
                         ("signature date", chinese_date(signature["date"]))]
        assert paragraphs == expected, key
        # a table section ends with its table, after its text
        tables = [isinstance(b, Table) for b in body]
        assert tables == [False] * len(paragraphs) + [True] * (key in G.TABLE_SECTIONS), key
    assert doc.core_properties.title == G.title_of(data) and doc.core_properties.author == data["organ"]


def test_signature_is_set_by_gb_t_9704(built) -> None:
    data, docx = built["yunxi-county-market-regulation-2024.yaml"]
    doc = Document(io.BytesIO(docx))
    organ, date = [p for p in doc.paragraphs if p.text.strip()][-2:]
    assert (organ.text, date.text) == ("云溪县市场监督管理局", "2025年1月20日")
    # the organ ends 2 characters from the right margin; the date starts 2 characters right of the organ's
    # first character: 10 characters of organ, 6.5 of date ("2025年1月20日", digits half width)
    assert organ.paragraph_format.right_indent.twips == 2 * CHAR
    assert date.paragraph_format.right_indent.twips == round(3.5 * CHAR)


def test_text_with_markup_characters_comes_out_literally(tmp_path) -> None:
    text = (ROOT / "inputs" / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8")
    tricky = 'A&B\t局 "甲" \'乙\' {{ organ }} {% if x %}y{% endif %} {{p t3 }} 1 < 2 > 0'
    text = text.replace("organ: 鹿邑县真源街道办事处", f"organ: '{tricky.replace(chr(39), chr(39) * 2)}'")
    text = text.replace("  2023年度真源街道办事处政务公开无收费情况。", f"  {tricky}，无收费。")
    path = tmp_path / "tricky.yaml"
    path.write_text(text, encoding="utf-8")
    doc = Document(io.BytesIO(render(load(path))))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"{tricky}2023年政府信息公开工作年度报告"
    assert "<w:tab/>" in doc.paragraphs[0]._p.xml  # a tab in a value is Word's tab (docxtpl's listing rule)
    assert f"{tricky}，无收费。" in texts
    assert len(doc.tables) == 3


# ---- the reference template: page, fonts, footers --------------------------------------------------


def test_the_template_sets_the_page() -> None:
    section = Document(default_template()).sections[0]
    # spec §9.1: A4; margins top 37, bottom 35, left 28, right 26 mm
    for length, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37),
                       (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(length.mm - mm) < 0.05, (length.mm, mm)
    # spec §9.3: the page number's dash line about 7 mm below the type area, i.e. the footer about 22 mm up
    assert 21.5 < section.footer_distance.mm < 23


def test_the_template_sets_the_fonts_and_lines() -> None:
    styles = styles_by_name(Document(default_template()))
    normal = styles["normal"]
    # spec §9.1/§9.2: 三号 仿宋_GB2312, 22 lines of exact 28.95 pt, first line indented 2 characters
    assert normal.font.size == Pt(16) and east_asia(normal) == "仿宋_GB2312" and normal.font.name == "Times New Roman"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert abs(Mm(225) / normal.paragraph_format.line_spacing - 22) < 0.05
    assert normal.paragraph_format.first_line_indent == Pt(32)
    # spec §9.2: 二号 方正小标宋简体 title, centred, not bold; headings by level
    title = styles["title"]
    assert (east_asia(title), title.font.size, title.font.bold, title.paragraph_format.alignment) == (
        "方正小标宋简体", Pt(22), False, 1)
    for level, font, bold in ((1, "黑体", False), (2, "楷体_GB2312", False), (3, "仿宋_GB2312", True),
                              (4, "仿宋_GB2312", False)):
        heading = styles[f"heading {level}"]
        assert (east_asia(heading), bool(heading.font.bold)) == (font, bold), level
        assert inherited(heading, lambda s: s.font.size) == Pt(16)
        assert inherited(heading, lambda s: s.paragraph_format.first_line_indent) == Pt(32)
        assert heading.paragraph_format.keep_with_next
    # 落款: right-aligned, no indent of the first line (the writer sets the right indents)
    for name in ("signature organ", "signature date"):
        ppr = styles[name].element.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) in ("right", "end")
        assert styles[name].paragraph_format.first_line_indent == 0
    assert "list paragraph" in styles


def test_the_template_is_in_chinese() -> None:
    with zipfile.ZipFile(default_template()) as z:
        styles = z.read("word/styles.xml").decode()
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles).group(0)
    assert re.search(r'<w:lang [^>]*w:eastAsia="zh-CN"', defaults)


def test_the_template_numbers_odd_and_even_pages() -> None:
    doc = Document(default_template())
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, side in ((section.footer, ("right", "end")), (section.even_page_footer, ("left", "start"))):
        assert not footer.is_linked_to_previous
        (p,) = footer.paragraphs
        xml = p._p.xml
        assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*<", xml) or 'w:instr=" PAGE "' in xml
        assert re.fullmatch(r"— \d+ —", p.text), p.text
        # spec §9.3: odd pages right-aligned, even pages left-aligned, 1 character (四号, 14 pt) in
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) in side
        indent = p._p.pPr.find(qn("w:ind"))
        assert any(indent.get(qn(f"w:{s}")) == "280" for s in side)
        assert p.style.font.size == Pt(14) and east_asia(p.style) == "宋体"


def test_the_output_keeps_the_templates_page(built) -> None:
    doc = Document(io.BytesIO(built["yunxi-county-market-regulation-2024.yaml"][1]))
    section = doc.sections[0]
    assert abs(section.top_margin.mm - 37) < 0.05 and abs(section.left_margin.mm - 28) < 0.05
    assert doc.settings.odd_and_even_pages_header_footer
    with zipfile.ZipFile(io.BytesIO(built["yunxi-county-market-regulation-2024.yaml"][1])) as z:
        names = z.namelist()
    assert len(names) == len(set(names)), "a part written twice"


def test_the_template_holds_only_the_handful_of_tags() -> None:
    with zipfile.ZipFile(default_template()) as z:
        body = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode())
    assert re.findall(r"\{[{%].*?[}%]\}", body) == [
        "{{ title }}", "{{p intro }}",
        "{{p text.overview }}",
        "{{p text.proactive_disclosure }}", "{{p t2 }}",
        "{{p text.applications }}", "{{p t3 }}",
        "{{p text.review_and_litigation }}", "{{p t4 }}",
        "{{p text.problems_and_improvements }}",
        "{{p text.other_matters }}",
        "{%p if signature %}", "{{ signature.organ }}", "{{ signature.date }}", "{%p endif %}"]


# ---- other templates -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in INPUTS if G.tables_of(yaml.safe_load(p.read_text(encoding="utf-8")))
                                  is G.TABLES])  # its cell tags are the 2021 tables' (2019: test_format_2019)
def test_a_template_binding_every_cell_still_builds(built, name: str) -> None:
    data, _ = built[name]
    path = next(p for p in INPUTS if p.name == name)
    doc = Document(io.BytesIO(render(load(path), template=CELL_TAGS)))
    assert_official_tables(doc, data)
    assert [p.text for p in doc.paragraphs if style_name(p) == "heading 1"] == list(G.HEADINGS)


def letterhead(path: Path) -> Path:
    """An office's own document made a template by adding the tags: python-docx's blank document, a
    letterhead line, no table styles, and a style of its own that happens to use the id TableText."""
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "云溪县市场监督管理局"
    own = doc.styles.add_style("Letterhead Table", WD_STYLE_TYPE.PARAGRAPH)
    own.element.set(qn("w:styleId"), "TableText")
    for style in ("Heading 2", "List Paragraph"):  # narrative styles the writer must then supply
        doc.styles[style].element.getparent().remove(doc.styles[style].element)
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{p intro }}")
    for key, heading in G.SECTIONS:
        doc.add_paragraph(heading, style="Heading 1")
        doc.add_paragraph("{{p text.%s }}" % key)
        if key in TABLE_TAG:
            doc.add_paragraph("{{p %s }}" % TABLE_TAG[key])
    doc.add_paragraph("{{ signature.organ if signature else organ }}")
    doc.save(path)
    return path


def test_an_office_letterhead_needs_only_the_tags(built, tmp_path) -> None:
    mine = letterhead(tmp_path / "letterhead.docx")
    assert cli("template", "check", str(mine)).returncode == 0
    data, _ = built["suining-ciyin-2023.yaml"]
    doc = Document(io.BytesIO(render(load(ROOT / "inputs" / "suining-ciyin-2023.yaml"), template=mine)))
    assert_official_tables(doc, data)
    assert doc.sections[0].header.paragraphs[0].text == "云溪县市场监督管理局"
    styles = styles_by_name(doc)
    # the styles it lacked come from the bundled template, under ids of their own
    assert styles["tabletext"].style_id != "TableText" and styles["tabletext"].font.size == Pt(10.5)
    assert styles["letterhead table"].style_id == "TableText"
    assert {p.style.name for p in doc.tables[1]._cells[40].paragraphs} == {"TableText"}
    assert styles["tablesmall"].base_style.name == "TableText" and styles["tablesmall"].font.size == Pt(9)
    assert styles["heading 2"].base_style.name == "Normal"
    assert east_asia(styles["heading 2"]) == "楷体_GB2312"
    subheadings = [p.text for p in doc.paragraphs if style_name(p) == "heading 2"]
    assert subheadings[:2] == ["（一）主动公开", "（二）政府信息依申请公开情况"]


def edited(path: Path, old: bytes, new: bytes, source: Path | None = None) -> Path:
    """A copy of a template (the bundled one by default) with ``old`` replaced by ``new`` in its body."""
    with zipfile.ZipFile(source or default_template()) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(item, data)
    return path


def test_the_bundled_templates_pass_the_check() -> None:
    for template in (default_template(), CELL_TAGS):
        res = cli("template", "check", str(template))
        assert res.returncode == 0, res.stdout
    assert cli("template", "check", str(INPUTS[0])).returncode == 2


def test_a_table_left_out_is_reported_and_nothing_written(tmp_path) -> None:
    mine = edited(tmp_path / "no-t3.docx", b"{{p t3 }}", "（表格）".encode())
    check = cli("template", "check", str(mine))
    assert check.returncode == 1
    assert "t3" in check.stdout and "收到和处理政府信息公开申请情况" in check.stdout, check.stdout
    res = cli("build", str(INPUTS[0]), "--template", str(mine), "-o", str(tmp_path / "out"))
    assert res.returncode == 2 and "t3" in res.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("old, new, where", [
    (b"{{p t3 }}", b"{{ t3 }}", "第 10 段"),  # not a paragraph tag: the table would land inside a line
    ("第二十条第（一）项".encode(), b"{{p t2 }}", "表格 1 第 1 行第 1 列"),  # inside a table cell
])
def test_a_misplaced_table_tag_is_reported(tmp_path, old: bytes, new: bytes, where: str) -> None:
    source = default_template() if old.startswith(b"{{") else CELL_TAGS
    mine = edited(tmp_path / "misplaced.docx", old, new, source)
    check = cli("template", "check", str(mine))
    assert check.returncode == 1 and where in check.stdout and "{{p t" in check.stdout, check.stdout
    with pytest.raises(TemplateError) as exc:
        render(load(INPUTS[0]), template=mine)
    assert [key for _, key, _ in exc.value.problems] == ["template.table_tag_place"]


def test_unknown_filter_is_a_template_error(tmp_path) -> None:
    mine = edited(tmp_path / "filter.docx", b"{{ title }}", b"{{ title | shout }}")
    res = cli("template", "check", str(mine))
    assert res.returncode == 1 and "shout" in res.stdout and "第 1 段" in res.stdout


def test_a_template_cannot_reach_into_python(tmp_path) -> None:
    mine = edited(tmp_path / "dunder.docx", b"{{ title }}", b"{{ title.__class__.__mro__ }}")
    res = cli("template", "check", str(mine))
    assert res.returncode == 1 and "title.__class__" in res.stdout
    with pytest.raises(TemplateError):
        render(load(INPUTS[0]), template=mine)


def test_misspelt_cell_tag_is_reported_and_nothing_written(tmp_path) -> None:
    mine = edited(tmp_path / "mine.docx", b"t3.received.natural_person", b"t3.recieved.natural_person", CELL_TAGS)
    with pytest.raises(TemplateError) as exc:
        render(load(INPUTS[0]), template=mine)
    (where, key, args), = exc.value.problems
    assert key == "template.unknown_tag" and args["suggestion"] == "t3.received.natural_person"
    assert where.zh.startswith("表格 2 ") and where.en.startswith("table 2, ")
    res = cli("build", str(INPUTS[0]), "--template", str(mine), "-o", str(tmp_path / "out"))
    assert res.returncode == 2 and "t3.recieved.natural_person" in res.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    check = cli("template", "check", str(mine))
    assert check.returncode == 1 and "t3.received.natural_person" in check.stdout
    assert "table 2, row" in cli("template", "check", str(mine), "--lang", "en").stdout


# ---- the seeds reproduced ------------------------------------------------------------------------


def norm(text: str) -> str:
    table = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})
    return re.sub(r"\s+", "", text).translate(table)


SEED_FILES = {"suining-ciyin-2023.yaml": "000_23d160e7ec491542.txt", "luyi-zhenyuan-2023.yaml": "003_29542b8c895c43dd.txt"}


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_text_and_figures_reproduced(built, name: str) -> None:
    doc = Document(io.BytesIO(built[name][1]))
    seed = (SEEDS / SEED_FILES[name]).read_text(encoding="utf-8")
    body = norm("".join(p.text for p in doc.paragraphs))
    seed_lines = [line for line in seed.splitlines() if line.strip() and "|" not in line and "\t" not in line]
    narrative = [line for line in seed_lines if len(line) > 30]  # the prose paragraphs
    assert narrative and all(norm(line) in body for line in narrative)
    # every figure of the seed's flattened tables, in order, is the figure in that place of the Word tables
    cells = re.findall(r"(?:^|(?<=[|\t]))\s*([0-9.]+)\s*(?=[|\t]|$)", seed, flags=re.M)
    ours = [grid_of(table)[(c.row, c.col)][2] for table, section in zip(doc.tables, G.TABLE_SECTIONS, strict=True)
            for row in G.TABLES[section].data_rows() for c in row]
    assert cells == ours


def test_spec_wins_over_the_seed(built) -> None:
    seed = (SEEDS / "000_23d160e7ec491542.txt").read_text(encoding="utf-8")
    assert "第二十条第(一)项" in seed and "五、政府信息公开工作存在的主要问题及改进情况。" in seed
    doc = Document(io.BytesIO(built["suining-ciyin-2023.yaml"][1]))
    assert doc.tables[0].rows[0].cells[0].text == "第二十条第（一）项"
    assert [p.text for p in doc.paragraphs if style_name(p) == "heading 1"][4] == "五、存在的主要问题及改进情况"
