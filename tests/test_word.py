"""The Word output read back with python-docx: grids, merges, labels, figures, narrative, typography,
escaping, custom templates, and the seed reports reproduced."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from gipr_gen.formats.f2021 import layout as L
from gipr_gen.formats import F2021
from gipr_gen.api import load
from gipr_gen.errors import TemplateError
from gipr_gen.writers.docx.reference import build as build_template
from gipr_gen.writers.docx.reference import default_template, tw
from gipr_gen.readers.markdown import parse
from gipr_gen.model import format_number as number
from gipr_gen.writers.docx import render

from conftest import INPUTS, ROOT, SEEDS, cli


@pytest.fixture(scope="module")
def built() -> dict:
    """Each example report and its .docx, rendered once."""
    out = {}
    for path in INPUTS:
        report = load(path)
        out[path.name] = (report, render(report))
    return out


def grid_of(table) -> dict[tuple[int, int], tuple[int, int, int, str]]:
    """Top-left position → (rowspan, colspan, id, text) of every cell, rebuilt from gridSpan/vMerge."""
    starts: dict[tuple[int, int], list] = {}
    above: dict[int, tuple[int, int]] = {}  # column → top-left of the cell continuing downwards
    for r, tr in enumerate(table._tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                starts[above[c]][0] += 1
            else:
                starts[(r, c)] = [1, span, text]
                for j in range(span):
                    above[c + j] = (r, c)
            c += span
    return {pos: (rs, cs, 0, text) for pos, (rs, cs, text) in starts.items()}


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name.lower() == "heading 1"]


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_tables_match_the_official_grids(built, name: str) -> None:
    report, data = built[name]
    doc = Document(io.BytesIO(data))
    assert len(doc.tables) == 3
    for table, spec in zip(doc.tables, L.TABLES, strict=True):
        official = spec.grid
        assert len(table._tbl.tr_lst) == official.nrows
        assert len(table._tbl.tblGrid.gridCol_lst) == official.ncols
        found = grid_of(table)
        assert set(found) == {(c.row, c.col) for c in official.cells}, spec.section
        values = report.tables[spec.section]
        for cell in official.cells:
            rowspan, colspan, _, text = found[(cell.row, cell.col)]
            assert (rowspan, colspan) == (cell.rowspan, cell.colspan), (spec.section, cell)
            expected = number(values[cell.cell]) if cell.role == "data" else cell.text
            assert text == expected, (spec.section, cell)


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_header_rows_repeat_and_rows_do_not_split(built, name: str) -> None:
    doc = Document(io.BytesIO(built[name][1]))
    for table, spec in zip(doc.tables, L.TABLES, strict=True):
        rows = table._tbl.tr_lst
        headers = [r.trPr is not None and r.trPr.find(qn("w:tblHeader")) is not None for r in rows]
        assert headers == [i < spec.grid.header_rows for i in range(len(rows))]
        assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows)


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_title_headings_narrative_and_properties(built, name: str) -> None:
    report, data = built[name]
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == report.title
    assert headings(doc) == [s.heading for s in L.SECTIONS]
    for key, text in report.texts.items():
        for block in text.blocks:
            assert block.number + block.text in paragraphs or (block.number + " " + block.text) in paragraphs
    assert doc.core_properties.title == report.title and doc.core_properties.author == report.organ


def test_signature_is_placed_at_the_end(built) -> None:
    report, data = built["yunxi-county-market-regulation-2024.yaml"]
    doc = Document(io.BytesIO(data))
    tail = [p for p in doc.paragraphs if p.text.strip()][-2:]
    assert [p.text for p in tail] == [report.signature.organ, report.signature.date_chinese]
    assert report.signature.date_chinese == "2025年1月20日"
    assert all(p.paragraph_format.right_indent and p.paragraph_format.right_indent > 0 for p in tail)


def test_page_and_typography_live_in_the_template() -> None:
    with zipfile.ZipFile(default_template()) as z:
        document, styles, settings = (z.read(f"word/{n}.xml").decode() for n in ("document", "styles", "settings"))
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert 'w:w="11906"' in document and 'w:h="16838"' in document  # A4
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert f'w:{side}="{tw(mm)}"' in document
    for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "Times New Roman"):
        assert font in styles
    assert 'w:eastAsia="zh-CN"' in styles and "w:firstLineChars" in styles
    assert "evenAndOddHeaders" in settings
    assert len(footers) == 2 and all("PAGE" in f and "—" in f for f in footers)
    assert {m for f in footers for m in re.findall(r'<w:jc w:val="(\w+)"', f)} == {"left", "right"}


def test_committed_template_is_the_generated_one() -> None:
    assert default_template().read_bytes() == build_template(), "run: python -m gipr_gen.writers.docx.reference"


def test_text_with_markup_characters_comes_out_literally(tmp_path) -> None:
    text = (ROOT / "inputs" / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8")
    tricky = 'A&B 局 "甲" \'乙\' {{ organ }} {% if x %}y{% endif %} 1 < 2 > 0'
    text = text.replace("organ: 鹿邑县真源街道办事处", f"organ: '{tricky.replace(chr(39), chr(39) * 2)}'")
    text = text.replace("  2023年度真源街道办事处政务公开无收费情况。", f"  {tricky}，无收费。")
    path = tmp_path / "tricky.yaml"
    path.write_text(text, encoding="utf-8")
    report = load(path)
    assert report.organ == tricky
    doc = Document(io.BytesIO(render(report)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"{tricky}2023年政府信息公开工作年度报告"
    assert f"{tricky}，无收费。" in texts


def edited_template(path, old: bytes, new: bytes):
    """A copy of the bundled template with ``old`` replaced by ``new`` in its body, as an office edits it."""
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(item, data)
    return path


def test_unknown_filter_is_a_template_error(tmp_path) -> None:
    mine = edited_template(tmp_path / "filter.docx", b"{{ title }}", b"{{ title | shout }}")
    res = cli("template", "check", str(mine))
    assert res.returncode == 1 and "shout" in res.stdout and "第 1 段" in res.stdout


def test_misspelt_template_tag_is_reported_and_nothing_written(tmp_path) -> None:
    mine = edited_template(tmp_path / "mine.docx", b"t3.received.natural_person", b"t3.recieved.natural_person")
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
    assert cli("template", "check", str(default_template())).returncode == 0
    assert cli("template", "check", str(INPUTS[0])).returncode == 2


# ---- the seeds reproduced ------------------------------------------------------------------------


def norm(text: str) -> str:
    table = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})
    return re.sub(r"\s+", "", text).translate(table)


SEED_FILES = {"suining-ciyin-2023.yaml": "000_23d160e7ec491542.txt", "luyi-zhenyuan-2023.yaml": "003_29542b8c895c43dd.txt"}


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_text_and_figures_reproduced(built, name: str) -> None:
    report, data = built[name]
    seed = (SEEDS / SEED_FILES[name]).read_text(encoding="utf-8")
    doc = Document(io.BytesIO(data))
    body = norm("".join(p.text for p in doc.paragraphs))
    seed_lines = [line for line in seed.splitlines() if line.strip() and "|" not in line and "\t" not in line]
    narrative = [line for line in seed_lines if len(line) > 30]  # the prose paragraphs
    assert narrative and all(norm(line) in body for line in narrative)
    # every figure of the seed's flattened tables, in order, is the figure in the official grid
    cells = re.findall(r"(?:^|(?<=[|\t]))\s*([0-9.]+)\s*(?=[|\t]|$)", seed, flags=re.M)
    ours = [number(report.tables[s.section][c.cell]) for s in L.TABLES for c in s.grid.cells if c.role == "data"]
    assert cells == ours


def test_spec_wins_over_the_seed() -> None:
    seed = (SEEDS / "000_23d160e7ec491542.txt").read_text(encoding="utf-8")
    assert "第二十条第(一)项" in seed and "五、政府信息公开工作存在的主要问题及改进情况。" in seed
    report = load(ROOT / "inputs" / "suining-ciyin-2023.yaml")
    doc = Document(io.BytesIO(render(report)))
    first_table = doc.tables[0].rows[0].cells[0].text
    assert first_table == "第二十条第（一）项"
    assert headings(doc)[4] == "五、存在的主要问题及改进情况"
