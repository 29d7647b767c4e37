"""Recognising a published report's document (readers/recognise) and writing it as YAML (writers/yaml.py).

Documents are built here as a reader of published files would give them: paragraphs with their lines, and
tables drawn on the official grid (labels from the format, figures from a bundled report read by the YAML
reader). Expected texts are written out by hand from the spec (§2, §8.7, §8.9, §8.13) and the brief; the
seeds must read back to the bundled reports made from them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gipr_gen import api, formats
from gipr_gen.errors import SourceError
from gipr_gen.formats.layout import Format, TableSpec
from gipr_gen.model.place import Place
from gipr_gen.readers.published.document import Cell, Document, Paragraph, Table
from gipr_gen.readers.recognise import recognise
from gipr_gen.readers.recognise.result import Imported, Note
from gipr_gen.writers.yaml import report_yaml

from conftest import ROOT, SEEDS

FMT = formats.FORMATS["2021"]
HEADINGS = [s.heading for s in FMT.sections]  # the official headings, spec §2.3
YUNXI = api.load(ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml")  # figures in every table
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCHEMA_REF = "../schema/gipr-report.schema.json"

ORGAN = "云溪县市场监督管理局"
TITLE = f"{ORGAN}2024年政府信息公开工作年度报告"
INTRO = "本报告中所列数据统计期限为2024年1月1日至12月31日。"
OVERVIEW = ["（一）主动公开", "本年度主动公开政府信息632条。", "（二）依申请公开", "2024年新收政府信息公开申请54件。"]
OVERVIEW_MD = "# 主动公开\n\n本年度主动公开政府信息632条。\n\n# 依申请公开\n\n2024年新收政府信息公开申请54件。\n"
PROBLEMS = ["一是部分执法信息公开不够及时。", "二是政策解读形式较为单一。"]
PROBLEMS_MD = "一是部分执法信息公开不够及时。\n\n二是政策解读形式较为单一。\n"
OTHER = ["本年度未收取信息处理费。"]
OTHER_MD = "本年度未收取信息处理费。\n"


# ---- building documents --------------------------------------------------------------------------


class Doc:
    """A published report being written, one paragraph or table after another, each on its own line."""

    def __init__(self) -> None:
        self.blocks: list[Paragraph | Table] = []
        self.tables = 0

    @property
    def line(self) -> int:
        return len(self.blocks) + 1

    def par(self, *texts: str, heading: int | None = None) -> int:
        """Paragraphs; the line of the first."""
        first = self.line
        for text in texts:
            self.blocks.append(Paragraph(text, Place(line=self.line), heading))
        return first

    def table(self, spec: TableSpec, values: dict | None = None, unknown: tuple = ()) -> int:
        """The table on the official grid, its figures from ``values`` (the Yunxi report's by default);
        the cells in ``unknown`` printed as "不详"."""
        values = YUNXI.tables[spec.section].values if values is None else values
        self.tables += 1
        line = self.line
        cells = tuple(Cell("不详" if g.cell in unknown else str(values[g.cell]) if g.role == "data" else g.text,
                           g.row, g.col, Place(line=line, table=self.tables, row=g.row + 1, col=g.col + 1),
                           g.rowspan, g.colspan) for g in spec.grid.cells)
        self.blocks.append(Table(cells, spec.grid.nrows, spec.grid.ncols, Place(line=line, table=self.tables)))
        return line

    def document(self, **kwargs) -> Document:
        return Document("报告.html", "html", tuple(self.blocks), **kwargs)


def standard(headings: dict[int, str | None] | None = None, end: tuple[str, ...] = ("云溪县市场监督管理局",
             "2025年1月20日"), skip_tables: tuple[str, ...] = (), unknown: tuple = ()) -> tuple[Doc, dict[str, int]]:
    """A complete report: title, a publication date line, the intro, the six sections (their headings
    official unless ``headings`` says otherwise, None leaving one out), the 落款 (``end``)."""
    headings = headings or {}
    doc, lines = Doc(), {}
    doc.par(TITLE, "发布日期：2025-01-22", INTRO)
    for i, section in enumerate(FMT.sections):
        heading = headings.get(i, section.heading)
        if heading is not None:
            lines[section.key] = doc.par(heading)
        if section.kind == "table":
            if section.key == "proactive_disclosure":
                doc.par("表格如下：")
            if section.key not in skip_tables:
                lines[f"table:{section.key}"] = doc.table(FMT.table_by_section[section.key], unknown=unknown)
        else:
            doc.par(*{"overview": OVERVIEW, "problems_and_improvements": PROBLEMS, "other_matters": OTHER}[section.key])
    doc.par(*end)
    return doc, lines


def notes(imported: Imported) -> list[tuple[str, str, str | None, int | None]]:
    return [(n.rule, n.key, n.section or n.field, n.place.line) for n in imported.notes]


def written(imported: Imported) -> dict:
    """The YAML written, read as the report reader reads it (libyaml) and as ``yaml.safe_load`` does."""
    text = report_yaml(imported, SCHEMA_REF)
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    assert yaml.safe_load(text) == data
    return data


def checked(imported: Imported) -> api.Checked:
    return api.check_bytes(report_yaml(imported, SCHEMA_REF).encode("utf-8"), "导入.yaml")


# ---- a complete report ------------------------------------------------------------------------------


def test_a_complete_report_reads_into_every_field_and_its_yaml_checks_clean() -> None:
    doc, _ = standard()
    imported = recognise(doc.document())
    assert imported.notes == []
    assert (imported.organ, imported.year, imported.title) == (ORGAN, 2024, None)  # the default title
    assert imported.published == "2025-01-22"  # from the 发布日期 line under the title
    assert imported.intro == INTRO + "\n"
    assert imported.texts == {"overview": OVERVIEW_MD, "proactive_disclosure": "表格如下：\n", "applications": "",
                              "review_and_litigation": "", "problems_and_improvements": PROBLEMS_MD,
                              "other_matters": OTHER_MD}
    assert (imported.signature_organ, imported.signature_date) == (ORGAN, "2025年1月20日")
    for key, table in YUNXI.tables.items():
        assert imported.values[key] == table.values, key
    result = checked(imported)
    assert result.errors == [], [d.format("zh") for d in result.errors]
    report = result.report
    assert report is not None and report.signature is not None
    assert (report.organ, report.year, report.title, report.signature.date_chinese) == (
        ORGAN, 2024, TITLE, "2025年1月20日")
    assert all(report.tables[key].values == table.values for key, table in YUNXI.tables.items())


def test_the_yaml_follows_init_s_layout() -> None:
    text = report_yaml(recognise(standard()[0].document()), SCHEMA_REF)
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={SCHEMA_REF}"
    assert 'format: "2021"' in lines and f'organ: "{ORGAN}"   # 机关全称' in lines and "year: 2024   # 报告年度" in lines
    assert "overview: |" in lines and "  # 主动公开" in lines  # narrative as a block scalar
    assert "  text: |" in lines and "    表格如下：" in lines  # a table section's text before its table
    assert "  regulations:         {issued: 0, repealed: 0, in_force: 0}   # 规章" in lines  # one flow row, its label
    assert re.search(r"^    total: +\{natural_person: \d+.*\}   # （七）总计$", text, re.M)  # totals as read


# ---- section headings --------------------------------------------------------------------------------

VARIANTS = [  # spec §8.7, each as published and the section it stands for
    (2, "三、收到和处理政府信息公开的申请情况"),
    (3, "四、政府信息公开行政复议及行政诉讼情况"),
    (3, "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    (3, "四、因政府信息公开工作被申请行政复议提起行政诉讼情况"),
    (3, "四、政府信息公开行政复议和行政诉讼情况"),
    (4, "五、政府信息公开工作存在的主要问题及改进情况"),
    (4, "五、存在的主要问题和改进措施"),
    (4, "五、存在问题及改进情况"),
    (4, "五、存在的主要问题及整改措施"),  # shuyang-county-fgj-2023.html
    (5, "六、其他报告的事项"),
    (5, "其他需要报告的事项"),  # unnumbered
    (0, "一．总体情况"),  # full-width full stop after the number
    (5, "六、其他需要报告的事项。"),  # a full stop after it (the Suining seed)
]


@pytest.mark.parametrize("index, heading", VARIANTS)
def test_a_heading_worded_otherwise_reads_as_its_section_with_a_note_where_it_stands(index: int, heading: str) -> None:
    doc, lines = standard({index: heading})
    imported = recognise(doc.document())
    section = FMT.sections[index]
    assert notes(imported) == [("I-01", "recognise.heading_variant", section.key, lines[section.key])]
    assert imported.notes[0].args == {"heading": heading, "official": section.heading}
    expected = {"overview": OVERVIEW_MD, "proactive_disclosure": "表格如下：\n", "problems_and_improvements": PROBLEMS_MD,
                "other_matters": OTHER_MD}
    assert imported.texts[section.key] == expected.get(section.key, "")
    assert all(imported.values[key] == table.values for key, table in YUNXI.tables.items())


def test_a_heading_s_words_in_a_sentence_are_no_heading() -> None:
    doc, _ = standard()
    doc.blocks.insert(3, Paragraph("本报告由总体情况、主动公开政府信息情况、其他需要报告的事项等六部分组成。", Place(line=99)))
    imported = recognise(doc.document())
    assert imported.notes == [] and imported.texts["overview"] == OVERVIEW_MD
    assert imported.intro == INTRO + "\n\n本报告由总体情况、主动公开政府信息情况、其他需要报告的事项等六部分组成。\n"


def test_an_older_outline_pasted_into_the_overview_stays_its_text() -> None:
    """The Luyi seed's overview repeats the pre-2019 headings ("二、主动公开政府信息情况" among them); the
    section headings are the ones followed by their tables."""
    doc, _ = standard()
    at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and b.text == "（二）依申请公开")
    pasted = ["二、主动公开政府信息情况", "发送政府工作信息33条。", "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
              "未发生行政复议、行政诉讼。"]
    doc.blocks[at:at] = [Paragraph(text, Place(line=100 + n)) for n, text in enumerate(pasted)]
    imported = recognise(doc.document())
    assert imported.notes == []
    assert imported.texts["overview"] == ("# 主动公开\n\n本年度主动公开政府信息632条。\n\n二、主动公开政府信息情况\n\n"
                                          "发送政府工作信息33条。\n\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n\n"
                                          "未发生行政复议、行政诉讼。\n\n# 依申请公开\n\n2024年新收政府信息公开申请54件。\n")
    assert imported.texts["proactive_disclosure"] == "表格如下：\n"


def test_headings_run_into_one_long_paragraph_are_cut_out_of_it() -> None:
    """A crawled page puts the whole report on one line (spec §8.13; pingtan-zone-2021.txt)."""
    body = (f"当前位置：首页 {TITLE} 来源：云溪县市场监督管理局 时间：2025-01-22 09:30 【打印】 {INTRO}"
            "一、总体情况2024年，我局依法公开政府信息。（一）主动公开方面。全年公开632条。（二）依申请公开方面。"
            "新收申请54件。五、存在的主要问题及改进情况一是公开不够及时。六、其他需要报告的事项本年度未收取信息处理费。"
            f" {ORGAN} 2025年1月20日 附件下载 【打印本页】【关闭窗口】")
    doc = Doc()
    doc.par(body)
    imported = recognise(doc.document())
    assert (imported.organ, imported.year, imported.published) == (ORGAN, 2024, "2025-01-22")
    assert imported.intro == INTRO + "\n"
    assert imported.texts["overview"] == ("2024年，我局依法公开政府信息。\n\n# 主动公开方面。\n\n全年公开632条。\n\n"
                                          "# 依申请公开方面。\n\n新收申请54件。\n")
    assert imported.texts["problems_and_improvements"] == "一是公开不够及时。\n"
    assert imported.texts["other_matters"] == "本年度未收取信息处理费。\n"
    assert (imported.signature_organ, imported.signature_date) == (ORGAN, "2025年1月20日")
    # no heading for 二、三、四 and no table: each table noted missing, its figures unknown
    assert sorted((n.rule, n.key, n.section) for n in imported.notes) == [
        ("I-06", "recognise.table_missing", key, ) for key in ("applications", "proactive_disclosure",
                                                                "review_and_litigation")]
    assert all(v is None for table in imported.values.values() for v in table.values())


# ---- missing and merged sections ------------------------------------------------------------------


def test_a_missing_section_and_a_missing_table_are_noted_and_the_figures_unknown() -> None:
    doc, lines = standard({3: None, 5: None}, skip_tables=("review_and_litigation",), end=())
    doc.blocks = [b for b in doc.blocks if not (isinstance(b, Paragraph) and b.text in OTHER)]
    imported = recognise(doc.document())
    assert notes(imported) == [("I-06", "recognise.table_missing", "review_and_litigation", None),
                               ("I-06", "recognise.section_missing", "other_matters", None)]
    assert imported.texts["other_matters"] == ""
    assert set(imported.values["review_and_litigation"].values()) == {None}
    text = report_yaml(imported, SCHEMA_REF)
    result = api.check_bytes(text.encode("utf-8"))
    rows = {n: line for n, line in enumerate(text.splitlines(), 1)}
    failed = sorted({(d.rule, rows[d.line].split(":")[0].strip()) for d in result.errors})
    assert failed == [("T4-04", "litigation_after_review"), ("T4-04", "litigation_direct"), ("T4-04", "review")]


def test_sections_merged_under_one_heading_are_noted_and_the_text_kept_in_the_first() -> None:
    doc, lines = standard({4: "五、存在的主要问题及改进情况和其他需要报告的事项", 5: None})
    imported = recognise(doc.document())
    assert notes(imported) == [
        ("I-01", "recognise.sections_merged", "problems_and_improvements", lines["problems_and_improvements"]),
        ("I-01", "recognise.merged_section", "other_matters", lines["problems_and_improvements"])]
    assert imported.texts["problems_and_improvements"] == PROBLEMS_MD + "\n" + OTHER_MD
    assert imported.texts["other_matters"] == ""


# ---- intro, title, 落款, the page around the report ---------------------------------------------------


@pytest.mark.parametrize("title, organ, year", [
    ("云溪县市场监督管理局2024年度政府信息公开工作年度报告", ORGAN, 2024),
    ("2024年云溪县市场监督管理局政府信息公开工作年度报告", ORGAN, 2024),  # year first (Shanghai)
    ("云溪县市场监督管理局关于2024年度政府信息公开情况的报告", ORGAN, 2024),
    ("云溪县市场监督管理局2024年政府信息公开工作的年度报告", ORGAN, 2024),
])
def test_title_variants_give_organ_and_year_and_are_kept_as_published(title: str, organ: str, year: int) -> None:
    doc, _ = standard()
    doc.blocks[0] = Paragraph(title, Place(line=1))
    imported = recognise(doc.document())
    assert (imported.organ, imported.year, imported.title) == (organ, year, title)
    assert imported.notes == []


def test_the_default_title_with_spaces_is_not_kept() -> None:
    doc, _ = standard()
    doc.blocks[0] = Paragraph(f"{ORGAN} 2024 年政府信息公开工作年度报告", Place(line=1))
    assert recognise(doc.document()).title is None


def test_an_organ_and_year_without_a_title_are_taken_where_the_report_states_them_and_noted() -> None:
    doc, _ = standard()
    doc.blocks = doc.blocks[1:]  # no title
    imported = recognise(doc.document(title=f"{TITLE} - 云溪县人民政府"))  # the page's title
    assert (imported.organ, imported.year) == (ORGAN, 2024)
    assert notes(imported) == [("I-01", "recognise.title_from_page", "organ", None)]
    imported = recognise(doc.document())
    assert (imported.organ, imported.year) == (ORGAN, 2024)  # the 落款's organ, the intro's statistics period
    assert notes(imported) == [("I-01", "recognise.year_from_period", "year", None),
                               ("I-01", "recognise.organ_from_signature", "organ", None)]
    doc.blocks[1:1] = [Paragraph(f"如对本报告有疑问，请与{ORGAN}办公室联系（电话：0736-5512301）。", Place(line=3))]
    doc.blocks = doc.blocks[:-2]  # no 落款 either
    imported = recognise(doc.document())
    assert imported.organ == ORGAN and notes(imported)[-1] == ("I-01", "recognise.organ_from_text", "organ", None)


def test_an_organ_nowhere_is_null_with_its_note_and_check_fails_on_its_line() -> None:
    doc, _ = standard(end=())
    doc.blocks = doc.blocks[1:]
    imported = recognise(doc.document())
    assert imported.organ is None and notes(imported)[-1] == ("G1", "recognise.organ_unknown", "organ", None)
    yaml_text = report_yaml(imported, SCHEMA_REF)
    line = next(n for n, row in enumerate(yaml_text.splitlines(), 1) if row.startswith("organ:"))
    assert yaml_text.splitlines()[line - 1].startswith("organ: null   # 机关全称 导入：G1 ")
    assert [(d.rule, d.line) for d in api.check_bytes(yaml_text.encode()).errors] == [("Y-TYPE", line)]


def test_a_title_naming_the_area_takes_the_body_s_full_name_from_the_text() -> None:
    doc, _ = standard(end=())
    doc.blocks[0] = Paragraph("云溪县2024年政府信息公开工作年度报告", Place(line=1))
    doc.blocks[2] = Paragraph(INTRO + "如有疑问，请与云溪县人民政府办公室联系。", Place(line=3))
    imported = recognise(doc.document())
    assert (imported.organ, imported.title) == ("云溪县人民政府", "云溪县2024年政府信息公开工作年度报告")
    assert notes(imported) == [("I-01", "recognise.organ_completed", "organ", None)]


def test_the_intro_leaves_out_the_page_s_items_and_dates_under_the_title() -> None:
    doc, _ = standard()
    doc.blocks[1:2] = [Paragraph(text, Place(line=2)) for text in
                       ("（2025年1月20日）", "来源：云溪县市场监督管理局 发布时间：2025-01-22 10:00 浏览次数：12",
                        "【打印】【关闭】")]
    imported = recognise(doc.document())
    assert imported.intro == INTRO + "\n" and imported.published == "2025-01-22"


@pytest.mark.parametrize("end, organ, date", [
    (("云溪县市场监督管理局", "2025年1月20日"), ORGAN, "2025年1月20日"),
    (("2025年1月20日",), None, "2025年1月20日"),
    (("云溪县市场监督管理局", "二〇二五年一月二十日"), ORGAN, "2025年1月20日"),
    (("云溪县市场监督管理局", "2025-01-20", "附件下载：", "【打印本页】【关闭窗口】"), ORGAN, "2025-1-20"),
    (("本年度未收取信息处理费。云溪县市场监督管理局 2025年1月20日",), ORGAN, "2025年1月20日"),
    (("上一篇：云溪县市场监督管理局2023年政府信息公开工作年度报告", "下一篇：无"), None, None),
])
def test_the_signature_and_the_page_after_the_report_leave_section_six(end: tuple[str, ...], organ, date) -> None:
    doc, _ = standard(end=end)
    imported = recognise(doc.document())
    assert (imported.signature_organ, imported.signature_date) == (organ, date)
    expected = OTHER_MD if not end[0].startswith("本年度") else OTHER_MD + "\n本年度未收取信息处理费。\n"
    assert imported.texts["other_matters"] == expected
    assert imported.notes == []


# ---- narrative ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("paragraphs, markdown", [
    (["（一）主动公开", "正文。"], "# 主动公开\n\n正文。\n"),
    (["(一)主动公开", "1.政策解读", "（1）图解", "正文。"], "# 主动公开\n\n## 政策解读\n\n### 图解\n\n正文。\n"),
    (["（一）主动公开。本年度公开632条。"], "# 主动公开。\n\n本年度公开632条。\n"),  # a run-in heading: its 。 kept
    (["（一）改进措施：一是丰富解读形式。"], "# 改进措施：\n\n一是丰富解读形式。\n"),
    # a heading must be numbered as the writers number it: one that starts at （二） stays text as published
    (["（二）改进措施：一是丰富解读形式。"], "（二）改进措施：一是丰富解读形式。\n"),
    (["（一）领导重视，职责明晰。街道领导高度重视。"], "（一）领导重视，职责明晰。街道领导高度重视。\n"),  # a lead sentence
    # a crawled page's line break after a heading, become a space; a space after no Chinese words is none
    (["（一）主动公开方面 全区共主动公开政府信息14571条。"], "# 主动公开方面\n\n全区共主动公开政府信息14571条。\n"),
    (["（一）GB/T 9704-2012 排版，严格落实“三审三校”制度。"], "（一）GB/T 9704-2012 排版，严格落实“三审三校”制度。\n"),
    (["1.本年度公开政府信息632条，较上年增加12%。"], "1\\.本年度公开政府信息632条，较上年增加12%。\n"),
    (["正文。（一）依申请公开方面。新收申请54件。"], "正文。\n\n# 依申请公开方面。\n\n新收申请54件。\n"),
    (["依据第二十条第（一）项公开。"], "依据第二十条第（一）项公开。\n"),
    (["# 号开头", "- 不是列表", "星号*与_下划线_与[方括号]", "1.5亿元投入"],
     "\\# 号开头\n\n\\- 不是列表\n\n星号\\*与\\_下划线\\_与\\[方括号\\]\n\n1\\.5亿元投入\n"),
    (["　　首行缩进的段落。  ", "第一行\n第二行"], "首行缩进的段落。\n\n第一行\\\n第二行\n"),
    # a number that does not go on from the heading before at its level is a list item, kept as published
    (["1.平台建设", "1.网站改版", "2.监督保障"], "## 平台建设\n\n1\\.网站改版\n\n## 监督保障\n"),
    (["1.平台建设", "1.联系电话：0371-12345678，邮编：477200。"],
     "## 平台建设\n\n1\\.联系电话：0371-12345678，邮编：477200。\n"),
    (["（一）问题", "1.队伍", "（二）措施", "1.培训"], "# 问题\n\n## 队伍\n\n# 措施\n\n## 培训\n"),  # 1. again under a new （二）
])
def test_sub_headings_and_paragraphs_become_markdown_that_prints_as_published(paragraphs: list[str],
                                                                              markdown: str) -> None:
    doc, _ = standard()
    at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and b.text == PROBLEMS[0])
    doc.blocks[at:at + len(PROBLEMS)] = [Paragraph(text, Place(line=200 + n)) for n, text in enumerate(paragraphs)]
    imported = recognise(doc.document())
    assert imported.texts["problems_and_improvements"] == markdown
    result = checked(imported)
    assert result.report is not None and not result.blocking


def test_where_the_source_marks_headings_only_marked_paragraphs_are_headings() -> None:
    doc = Doc()
    doc.par(TITLE, heading=1)
    for i, section in enumerate(FMT.sections):
        doc.par(section.heading, heading=2)
        if section.kind == "table":
            doc.table(FMT.table_by_section[section.key])
        elif i == 0:
            doc.par("（一）主动公开", heading=3)
            doc.par("1.2024年1月1日至12月31日")  # a list item: body text, however short
            doc.par("监督保障", heading=4)  # unnumbered: the level its mark says, below the section's
        else:
            doc.par("无。")
    imported = recognise(doc.document())
    assert imported.texts["overview"] == "# 主动公开\n\n1\\.2024年1月1日至12月31日\n\n## 监督保障\n"


# ---- reports that are not imported ------------------------------------------------------------------


def legacy_document() -> Document:
    doc = Doc()
    doc.par("某县人民政府2018年政府信息公开工作年度报告", "一、概述", "2018年，我县……", "二、主动公开政府信息情况",
            "四、政府信息公开的收费及减免情况", "无。")
    return doc.document()


def test_a_report_older_than_the_2019_format_is_refused_with_i05() -> None:
    with pytest.raises(SourceError) as caught:
        recognise(legacy_document())
    assert (caught.value.key, caught.value.args_) == ("import.legacy.year", {"file": "报告.html", "year": 2018})
    doc = legacy_document()
    untitled = Document(doc.file, doc.kind, doc.blocks[1:])
    with pytest.raises(SourceError) as caught:
        recognise(untitled)
    assert (caught.value.key, caught.value.args_["sign"]) == ("import.legacy", "概述")


def test_a_key_value_statistics_table_is_a_legacy_report() -> None:
    doc = Doc()
    doc.par("二、主动公开政府信息情况")
    doc.blocks.append(Table(tuple(Cell(text, r, c, Place(table=1, row=r + 1, col=c + 1)) for r, row in enumerate(
        [["统计指标", "单位", "统计数"], ["一、主动公开情况", "", ""], ["（一）主动公开政府信息数", "条", "120"]])
        for c, text in enumerate(row)), 3, 3, Place(table=1)))
    with pytest.raises(SourceError) as caught:
        recognise(doc.document())
    assert (caught.value.key, caught.value.args_["sign"]) == ("import.legacy", "统计指标")


def test_a_document_that_is_no_report_is_refused() -> None:
    doc = Doc()
    doc.par("关于开展2024年春季植树活动的通知", "各单位：请按时参加。")
    with pytest.raises(SourceError) as caught:
        recognise(doc.document())
    assert caught.value.key == "recognise.not_report"


def test_a_2023_report_mentioning_the_old_fee_heading_is_still_imported() -> None:
    doc, _ = standard()
    doc.blocks.insert(4, Paragraph("四、政府信息公开收费及减免情况", Place(line=98)))  # as the Luyi seed has it
    assert recognise(doc.document()).year == 2024


# ---- notes in the YAML --------------------------------------------------------------------------------


def test_an_unknown_figure_is_null_its_note_is_on_its_row_and_check_fails_on_that_line() -> None:
    cell = (("results", "disclosed"), "business")
    doc, _ = standard(unknown=(cell,))
    imported = recognise(doc.document())
    assert imported.values["applications"][cell] is None
    g1 = [n for n in imported.notes if n.rule == "G1"]
    assert [(n.section, n.cell, n.place.table) for n in g1] == [("applications", cell, 2)]
    text = report_yaml(imported, SCHEMA_REF)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith("disclosed:"))
    row = text.splitlines()[line - 1]
    assert "business: null" in row and "导入：G1 " in row and "第2张表" in row
    errors = api.check_bytes(text.encode("utf-8")).errors
    assert [(d.rule, d.line) for d in errors] == [("T3-04", line)]


def test_every_note_is_a_comment_on_the_line_it_marks() -> None:
    doc, _ = standard({2: "三、收到和处理政府信息公开的申请情况", 5: None}, end=())
    doc.blocks = [b for b in doc.blocks if not (isinstance(b, Paragraph) and b.text in OTHER)]
    imported = recognise(doc.document(title=None))
    text = report_yaml(imported, SCHEMA_REF).splitlines()
    assert {n.key for n in imported.notes} == {"recognise.heading_variant", "recognise.section_missing"}
    applications = next(line for line in text if line.startswith("applications:"))
    assert "导入：I-01 部分标题“三、收到和处理政府信息公开的申请情况”与官方标题“三、收到和处理政府信息公开申请情况”不同" in applications
    other = next(line for line in text if line.startswith("other_matters:"))
    assert other.startswith('other_matters: ""   # 导入：I-06 原文没有“六、其他需要报告的事项”这一部分')


# ---- the YAML writer reads back exactly --------------------------------------------------------------

_ODD_CHARS = st.sampled_from([" ", "#", ":", "\"", "'", "\t", "\n", "\\", "|", "-", ">", "。", "，", "“", "”", "：",
                              "\u3000", "a", "中", "{", "}", "[", "]", "&", "*", "%", "`", "!", "\r", "\x85", "\u2028",
                              "\ufeff", "\x00", "\x7f", "é", "1", "."])
# Texts with what YAML makes hard: leading spaces and tabs, '#', ':', quotes, blank lines, trailing spaces
# and line breaks, CJK punctuation, characters YAML cannot print; as lines, or anything at all.
ODD = st.one_of(
    st.builds(lambda lines, tail: "\n".join(lines) + "\n" * tail,
              st.lists(st.text(alphabet=_ODD_CHARS, max_size=10), max_size=4), st.integers(0, 3)),
    st.text(alphabet=_ODD_CHARS, max_size=40),
    st.text(max_size=20),
)
# figures as imports read them: unknown, counts, amounts with many decimals, one YAML 1.1 would write as 1e-07
VALUES = st.sampled_from([None, 0, 7, 10 ** 12, 12.5, 24252.311082, 1e-07, 0.1, 3.0])


@st.composite
def imported_reports(draw) -> Imported:
    fmt: Format = draw(st.sampled_from(list(formats.FORMATS.values())))
    text, maybe = st.one_of(st.none(), ODD.filter(bool)), st.one_of(st.none(), ODD)
    imported = Imported(draw(ODD), fmt, organ=draw(text), year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
                        title=draw(text), published=draw(maybe), intro=draw(maybe), signature_organ=draw(text),
                        signature_date=draw(text))
    for section in fmt.sections:
        imported.texts[section.key] = draw(ODD)
    for table in fmt.tables:
        imported.values[table.section] = {cell: draw(VALUES) for cell in table.cells()}
    for _ in range(draw(st.integers(0, 4))):
        table = draw(st.sampled_from(fmt.tables))
        cell = draw(st.one_of(st.none(), st.sampled_from(list(table.cells()))))
        imported.notes.append(Note("I-01", "recognise.heading_variant", Place(line=draw(st.integers(1, 9))),
                                   {"heading": draw(ODD), "official": draw(ODD)}, section=table.section, cell=cell))
    return imported


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(imported_reports())
def test_the_yaml_reads_back_to_exactly_the_imported_values_and_texts(imported: Imported) -> None:
    data = written(imported)
    fmt = imported.format
    assert (data["format"], data["organ"], data["year"]) == (fmt.name, imported.organ, imported.year)
    assert data.get("title") == imported.title and data.get("intro") == (imported.intro or None)
    if imported.signature_organ or imported.signature_date:
        assert data["signature"] == {**({"organ": imported.signature_organ} if imported.signature_organ else {}),
                                     "date": imported.signature_date}
    for section in fmt.sections:
        text = imported.texts[section.key]
        if section.kind == "text":
            assert data[section.key] == text
            continue
        assert data[section.key].get("text") == (text or None)
        for row in fmt.table_by_section[section.key].rows:
            node = data[section.key]
            for part in row.path:
                node = (node or {}).get(part)
            for column in row.columns:
                value = imported.values[section.key][(row.path, column.key)]
                if value is not None:
                    assert node[column.key] == value
                elif column.total or row.row.total:  # an unknown total is derived
                    assert node is None or column.key not in node
                else:
                    assert node[column.key] is None


# ---- real reports -------------------------------------------------------------------------------------

def _load(path: Path) -> Document:
    try:
        from gipr_gen.readers.published import load
    except ImportError:
        pytest.skip("readers.published.load is not there yet")
    return load(path)


@pytest.mark.parametrize("seed, bundled", [("003_29542b8c895c43dd.txt", "luyi-zhenyuan-2023.yaml"),
                                           ("000_23d160e7ec491542.txt", "suining-ciyin-2023.yaml")])
def test_the_seeds_recognise_to_the_bundled_reports_made_from_them(seed: str, bundled: str) -> None:
    imported = recognise(_load(SEEDS / seed))
    data = written(imported)
    expected = yaml.safe_load((ROOT / "inputs" / bundled).read_text(encoding="utf-8"))
    for section in FMT.sections:
        assert data[section.key] == expected[section.key], section.key
    assert data["year"] == expected["year"]
    assert data["organ"] in (expected["organ"], None)  # the Suining seed names no organ


def test_a_crawled_page_with_the_report_on_one_line() -> None:
    page = SHARED / "real-reports" / "pingtan-zone-2021.txt"
    if not page.exists():
        pytest.skip("the shared real reports are not beside the repository")
    imported = recognise(_load(page))
    reports = json.loads((SHARED / "real-reports" / "figures.json").read_text(encoding="utf-8"))["reports"]
    figures = next(r for r in reports if r.get("file") == "pingtan-zone-2021.txt")
    assert (imported.organ, imported.year) == (figures["unit"], 2021)  # the title names the zone, not its body
    assert imported.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert imported.intro is not None and imported.intro.startswith("根据《中华人民共和国政府信息公开条例》")
    assert re.findall(r"^# (.*)$", imported.texts["overview"], re.M) == [
        "主动公开方面。", "依申请公开方面。", "政府信息管理方面。", "平台载体建设方面。", "监督保障方面。"]  # as published
    assert imported.texts["other_matters"] == "2021年，无收取信息处理费情况。\n"  # 附件下载 after it dropped
    assert imported.values["proactive_disclosure"][(("fees",), "amount_wan_yuan")] == figures["t2"]["fees"][0]


def test_a_crawled_page_whose_headings_run_into_their_paragraphs_after_a_space() -> None:
    page = SHARED / "real-reports" / "pingtan-zone-2022.txt"
    if not page.exists():
        pytest.skip("the shared real reports are not beside the repository")
    overview = recognise(_load(page)).texts["overview"]
    assert re.findall(r"^# (.*)$", overview, re.M) == [
        "主动公开方面", "依申请公开方面", "政府信息管理方面", "信息公开平台建设方面", "监督保障方面"]
    assert "\n\n一是压实工作责任。根据国务院办公厅2022年政务公开工作要点" in overview  # the rest, a paragraph


# ---- tables of the other format -----------------------------------------------------------------------

F2019 = formats.FORMATS["2019"]
QINGLAN = api.load(ROOT / "inputs" / "qinglan-county-transport-2020.yaml")  # a 2020 report in the 2019 format


def mixed(second: Format, third: Format) -> Document:
    """A report whose table 二 is of format ``second`` and table 三 of ``third`` (figures from the bundled
    report of that format)."""
    doc = Doc()
    doc.par("青岚县交通运输局2020年政府信息公开工作年度报告")
    source = {FMT: YUNXI, F2019: QINGLAN}
    for section in FMT.sections:
        doc.par(section.heading)
        fmt = {"proactive_disclosure": second, "applications": third}.get(section.key, FMT)
        if section.kind == "table":
            doc.table(fmt.table_by_section[section.key], source[fmt].tables[section.key].values)
        else:
            doc.par("无。")
    return doc.document()


def test_table_two_decides_the_format_and_a_table_three_of_the_other_is_mapped_into_it() -> None:
    imported = recognise(mixed(FMT, F2019))
    assert imported.format is FMT
    published = QINGLAN.tables["applications"].values
    expected = {}
    for row in FMT.table_by_section["applications"].rows:  # spec §7.2: （六）其他处理 is one row in 2019
        for column in row.columns:
            if row.path[:2] == ("results", "other_handling"):
                expected[(row.path, column.key)] = (published[(("results", "other_handling"), column.key)]
                                                    if row.path[-1] == "other" else 0)
            else:
                expected[(row.path, column.key)] = published[(row.path, column.key)]
    assert imported.values["applications"] == expected
    assert imported.notes and {(n.rule, n.section) for n in imported.notes} == {("I-04", "applications")}

    imported = recognise(mixed(F2019, FMT))
    assert imported.format is F2019
    assert imported.values["proactive_disclosure"] == QINGLAN.tables["proactive_disclosure"].values
    summed = YUNXI.tables["applications"].values
    other = [r.path for r in FMT.table_by_section["applications"].rows if r.path[:2] == ("results", "other_handling")]
    assert imported.values["applications"][(("results", "other_handling"), "natural_person")] == sum(
        summed[(path, "natural_person")] for path in other)
    assert written(imported)["format"] == "2019"
