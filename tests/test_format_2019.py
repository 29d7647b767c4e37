"""The 2019 trial format (国办公开办函〔2019〕60号, spec §7) as a second real format, on the bundled example
inputs/qinglan-county-transport-2020.yaml and mutated copies of it.

Nothing expected comes from gipr-gen: the grids are the spec §7.2 transcription in
``tests/data/official_grids.py`` (``TABLES_2019``), figures are read from the file with ``yaml.safe_load``,
the line of each finding is found in the mutated text here, and the outputs are read back with lxml
(.docx) and the standard library's HTML parser (Markdown, HTML).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gipr_gen.api import check_bytes, check_file, load, read_previous, render
from gipr_gen.errors import TemplateError

from conftest import ROOT, VENV_BIN, cli, line_of
from data import official_grids as G

EXAMPLE = ROOT / "inputs" / "qinglan-county-transport-2020.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
DATA = yaml.safe_load(TEXT)
YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"  # a 2021-format report
SCHEMA_2019 = ROOT / "schema" / "gipr-report-2019.schema.json"
SCHEMA_2021 = ROOT / "schema" / "gipr-report.schema.json"
Grid = dict[tuple[int, int], tuple[int, int, str]]  # (R, C) 1-based → (rowspan, colspan, text)


def edit(old: str, new: str, text: str = TEXT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def findings(text: str) -> list[tuple[str, str, int]]:
    """(rule, severity, line) of every finding of a report text."""
    return sorted((d.rule, d.severity, d.line) for d in check_bytes(text.encode("utf-8"), "r.yaml").diagnostics)


def expected(key: str, data: dict[str, Any] = DATA) -> Grid:
    return {pos: (rs, cs, text) for pos, (rs, cs, _, text) in G.expected_cells(G.TABLES_2019[key], data).items()}


# ---- the example checks clean --------------------------------------------------------------------------


def test_the_example_is_a_2019_report_that_checks_clean() -> None:
    assert DATA["format"] == "2019" and DATA["year"] == 2020
    assert check_file(EXAMPLE).diagnostics == []
    assert cli("check", str(EXAMPLE)).returncode == 0
    # it exercises what the 2019 format adds: a decrease, a procurement row with its unit
    rows = DATA["proactive_disclosure"]
    assert any(row.get("change", 0) < 0 for row in rows.values())
    assert rows["procurement"]["amount"] > 0 and rows["procurement"]["unit"] in ("元", "万元")


def test_the_2019_format_declares_the_rules_that_apply_to_it() -> None:
    from gipr_gen.formats import F2019, F2021

    ids = {r.id for r in F2019.rules}
    assert not ids & {"T2-02", "T2-03", "T2-04"}  # the fee in 万元 and 现行有效件数: no such cells (spec §7.2)
    assert {"T3-01", "T3-02", "T3-03", "T3-05", "T3-07", "T3-08", "T2-01", "T2-05", "T4-01", "T4-05", "N-08"} <= ids
    assert F2019.first_year == 2019 and F2021.first_year == 2021


# ---- every rule of the format fails on a mutated copy, at the right line -----------------------------------

_CF = ("carried_forward:           {natural_person: 0, business: 2, research: 0, public_welfare: 0, legal_service: 0, "
       "other: 0, total: 2}")
_OTHER = ("other_handling:          {natural_person: 1, business: 0, research: 0, public_welfare: 0, legal_service: 0, "
          "other: 1, total: 2}")
_REVIEW = "review:                  {upheld: 1, corrected: 0, other: 0, pending: 1, total: 2}"

_RULES = "{made: 0, published: 0, published_total: 0}"
_SAID_OTHER = ("其他处理2件", "其他处理3件")  # the text keeps stating what the （六） row writes

MUTATIONS = [  # (rule, severity, edits, the text of the line the finding points at)
    # T3-01: 一 + 二 = 三 + 四, per column
    ("T3-01", "error", [(_CF, _CF.replace("natural_person: 0", "natural_person: 1").replace("total: 2", "total: 3"))],
     "  carried_forward:"),
    # T3-02: （七）总计 = the result rows, （六）其他处理 being one row
    ("T3-02", "error",
     [(_OTHER, _OTHER.replace("natural_person: 1", "natural_person: 2").replace("total: 2", "total: 3")), _SAID_OTHER],
     "    total:                   {natural_person: 23"),
    # T3-03: a row's 总计 = its six applicant columns, on the single （六） row too
    ("T3-03", "error", [(_OTHER, _OTHER.replace("total: 2", "total: 3")), _SAID_OTHER], "    other_handling:"),
    ("T3-04", "error", [(_OTHER, _OTHER.replace("natural_person: 1", "natural_person: -1"))], "    other_handling:"),
    ("T3-05", "error", [(_CF, _CF.replace("natural_person: 0", "natural_person: 40").replace("total: 2", "total: 42"))],
     "  carried_forward:"),
    ("T4-01", "error", [(_REVIEW, _REVIEW.replace("total: 2", "total: 3"))], "  review:"),
    ("T4-04", "error", [(_REVIEW, _REVIEW.replace("upheld: 1", "upheld: 1.5").replace("total: 2", "total: 2.5"))],
     "  review:"),
    # T2-01: every cell of table 二 — a count below 0, a fraction, a change beyond any report's, an amount
    ("T2-01", "error", [("decisions: 2316", "decisions: -5")], "  licensing:"),
    ("T2-01", "error", [("items_last_year: 268", "items_last_year: 26.8")], "  penalties:"),
    ("T2-01", "error", [("change: 11,", "change: -1000000000,")], "  penalties:"),
    ("T2-01", "error", [("change: 11,", "change: 减11,")], "  penalties:"),
    ("T2-01", "error", [("amount: 1286.4,", "amount: -1286.4,")], "  procurement:"),
    ("T2-01", "error", [("amount: 1286.4,", "amount: 1286.1234567,")], "  procurement:"),
    ("T2-05", "warning", [(_RULES, _RULES.replace("0", "1"))], "  regulations:"),  # 规章 from a county bureau
    ("Y-VALUE", "error", [("unit: 万元", "unit: 千元")], "  procurement:"),
    # S-02: a row missing; a 2021 column; （六） written with the 2021 format's three sub-rows
    ("S-02", "error", [("  procurement:         {projects: 14, amount: 1286.4, unit: 万元}   # 政府集中采购\n", "")],
     "proactive_disclosure:"),
    ("S-02", "error", [("{made: 3, published: 3, published_total: 21}", "{made: 3, published: 3, in_force: 21}")],
     "  normative_documents:"),
    ("S-02", "error", [(_OTHER, "other_handling:\n      no_correction: {natural_person: 1, business: 0, research: 0, "
                                "public_welfare: 0, legal_service: 0, other: 1}")], "      no_correction:"),
    ("S-01", "error", [("other_matters: |\n  本年度未收取政府信息公开信息处理费。\n", "")], "format:"),
    ("T3-08", "warning", [("予以公开14件", "予以公开15件")], "  2020年收到政府信息公开申请31件"),
    ("T3-08", "warning", [_SAID_OTHER], "  2020年收到政府信息公开申请31件"),  # the one （六） row
    ("T4-05", "warning", [("行政复议2件", "行政复议3件")], "  2020年，我局政府信息公开工作仍有不足"),
    ("S-03", "warning", [("统计期限为2020年1月1日", "统计期限为2019年1月1日")], "  本报告根据"),
    ("S-05", "warning", [("本年度未收取政府信息公开信息处理费。", "无。")], "other_matters:"),
    ("N-01", "warning", [("本年度未收取政府信息公开信息处理费。", "")], "other_matters:"),
    ("N-05", "warning", [("明确办公室牵头", "明确办公室 and 牵头")], "  局党组专题研究"),
    ("N-06", "warning", [("答复说理还需加强。", "答复说理还需加强。。")], "  2020年，我局政府信息公开工作仍有不足"),
]


@pytest.mark.parametrize("rule, severity, edits, line_text", MUTATIONS,
                         ids=[f"{m[0]}-{i}" for i, m in enumerate(MUTATIONS)])
def test_each_rule_fails_on_a_mutated_copy_at_its_line(rule: str, severity: str, edits: list[tuple[str, str]],
                                                      line_text: str) -> None:
    text = TEXT
    for old, new in edits:
        text = edit(old, new, text)
    line = line_of(text, line_text)
    assert (rule, severity, line) in findings(text), findings(text)
    # one mistake, one kind of finding: no other rule's error
    assert {r for r, s, _ in findings(text) if s == "error"} <= {rule, "T3-01", "T3-05"}


def test_a_signed_change_may_be_negative_and_a_count_may_not() -> None:
    assert findings(edit("change: 11,", "change: -11,")) == []
    assert findings(edit("items_last_year: 268,", "items_last_year: -268,"))[0][0] == "T2-01"


def test_a_change_written_in_words_is_told_as_a_number() -> None:
    (d,) = check_bytes(edit("change: 11,", "change: 减11,").encode("utf-8"), "r.yaml").diagnostics
    assert "-11" in d.format("zh") and "-11" in d.format("en")
    (d,) = check_bytes(edit("amount: 1286.4, unit: 万元", "amount: 12864000元").encode("utf-8"), "r.yaml").diagnostics
    assert d.rule == "T2-01" and "unit: 元" in d.format("zh") and "12864000" in d.format("en")


def test_an_unknown_format_is_told_the_formats_there_are() -> None:
    text = YUNXI.read_text(encoding="utf-8").replace('format: "2021"', 'format: "2020"')
    (d,) = check_bytes(text.encode("utf-8"), "r.yaml").diagnostics
    assert (d.rule, d.line) == ("Y-VALUE", line_of(text, "format:"))
    assert "2021" in d.format("en") and "2019" in d.format("en")


@pytest.mark.parametrize("text, written, fits", [
    (TEXT, "2021", "2019"),  # a 2019 report marked 2021
    (TEXT, "2020", "2019"),  # the year written for the format
    (YUNXI.read_text(encoding="utf-8"), "2019", "2021"),  # last year's file, its tables rewritten, format: left
])
def test_tables_of_another_format_are_one_finding_at_format(text: str, written: str, fits: str) -> None:
    text = re.sub(r'format: "[0-9]+"', f'format: "{written}"', text)
    (d,) = check_bytes(text.encode("utf-8"), "r.yaml").diagnostics  # not one finding per row of the tables
    assert (d.rule, d.severity, d.line) == ("Y-VALUE", "error", line_of(text, "format:"))
    assert f'format: "{fits}"' in d.format("zh") and f'format: "{fits}"' in d.format("en")


# ---- the tables as built -------------------------------------------------------------------------------


def docx_grid(tbl: Any) -> tuple[int, int, Grid]:
    """(rows, grid columns, cells) of a w:tbl, rebuilt from w:gridSpan and w:vMerge as Word reads them."""
    ncols = len(tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol")))
    cells: dict[tuple[int, int], list] = {}
    above: dict[int, tuple[int, int]] = {}
    rows = tbl.findall(qn("w:tr"))
    for r, tr in enumerate(rows, 1):
        c = 1
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if merge is not None and merge.get(qn("w:val")) != "restart":
                assert text == ""
                cells[above[c]][0] += 1
            else:
                cells[(r, c)] = [1, span, text]
                above.update({c + j: (r, c) for j in range(span)})
            c += span
        assert c - 1 == ncols, (r, c)
    return len(rows), ncols, {pos: tuple(v) for pos, v in cells.items()}


class _Tables(HTMLParser):
    """Every <table> of an HTML text, each as its rows of (tag, rowspan, colspan, text)."""

    def __init__(self, text: str):
        super().__init__()
        self.tables: list[list[list[tuple[str, int, int, str]]]] = []
        self._cell: list | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = [tag, int(a.get("rowspan") or 1), int(a.get("colspan") or 1), ""]

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[3] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(tuple(self._cell))
            self._cell = None


def html_grid(rows: list[list[tuple[str, int, int, str]]]) -> tuple[int, int, Grid]:
    """Place the cells as a browser does; the spans must tile the grid."""
    taken: set[tuple[int, int]] = set()
    cells: Grid = {}
    for r, row in enumerate(rows, 1):
        c = 1
        for _, rs, cs, text in row:
            while (r, c) in taken:
                c += 1
            cover = {(r + i, c + j) for i in range(rs) for j in range(cs)}
            assert not cover & taken
            taken |= cover
            cells[(r, c)] = (rs, cs, text)
            c += cs
    ncols = max(c for _, c in taken)
    assert taken == {(r, c) for r in range(1, len(rows) + 1) for c in range(1, ncols + 1)}
    return len(rows), ncols, cells


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    report = load(EXAMPLE)
    return {fmt: render(report, fmt) for fmt in ("docx", "md", "html")}


def test_word_tables_are_the_2019_grids(outputs: dict[str, bytes]) -> None:
    tables = Document(io.BytesIO(outputs["docx"])).tables
    assert len(tables) == 3
    for table, key in zip(tables, G.TABLE_SECTIONS, strict=True):
        nrows, ncols, cells = docx_grid(table._tbl)
        official = G.TABLES_2019[key]
        assert (nrows, ncols) == (official.nrows, official.ncols), key
        assert cells == expected(key), key
    # spec §7.2 said directly: 18 × 5, groups across all five, (1, 2, 1) and (2, 2) rows
    two = docx_grid(tables[0]._tbl)[2]
    assert two[(1, 1)] == (1, 5, "第二十条第（一）项") and two[(16, 1)] == (1, 5, "第二十条第（九）项")
    assert [two[(7, c)][1] for c in (2, 3, 5)] == [1, 2, 1]  # 行政许可
    assert [two[(15, c)][1] for c in (2, 4)] == [2, 2]  # 行政事业性收费
    assert two[(18, 4)] == (1, 2, "1286.4万元") and two[(7, 3)][2] == "-3"
    three = docx_grid(tables[1]._tbl)
    assert three[:2] == (26, 10)
    assert three[2][(6, 1)] == (20, 1, "三、本年度办理结果") and three[2][(24, 2)] == (1, 2, "（六）其他处理")


@pytest.mark.parametrize("doc", ["md", "html"])
def test_markdown_and_html_tables_are_the_2019_grids(outputs: dict[str, bytes], doc: str) -> None:
    tables = _Tables(outputs[doc].decode("utf-8")).tables
    assert len(tables) == 3
    for rows, key in zip(tables, G.TABLE_SECTIONS, strict=True):
        nrows, ncols, cells = html_grid(rows)
        assert (nrows, ncols) == (G.TABLES_2019[key].nrows, G.TABLES_2019[key].ncols), key
        assert cells == expected(key), key


def test_an_amount_without_a_unit_is_printed_alone_and_one_in_yuan_with_it() -> None:
    for old, new, shown in (("amount: 1286.4, unit: 万元", "amount: 1286.4", "1286.4"),
                            ("amount: 1286.4, unit: 万元", "amount: 12864000, unit: 元", "12864000元")):
        text = edit(old, new)
        checked = check_bytes(text.encode("utf-8"), "r.yaml")
        assert checked.diagnostics == [] and checked.report is not None
        html = render(checked.report, "html").decode("utf-8")
        cells = html_grid(_Tables(html).tables[0])[2]
        assert cells[(18, 4)] == (1, 2, shown) == expected("proactive_disclosure", yaml.safe_load(text))[(18, 4)]
        word = docx_grid(Document(io.BytesIO(render(checked.report, "docx"))).tables[0]._tbl)[2]
        assert word[(18, 4)][2] == shown


CELLS_2019 = [c.data for c in G.TABLES_2019["proactive_disclosure"].data_cells]


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10**6), min_size=len(CELLS_2019), max_size=len(CELLS_2019)),
       st.integers(-10**6, 10**6), st.sampled_from(["元", "万元", None]))
def test_any_table_two_is_printed_as_written(counts: list[int], change: int, unit: str | None) -> None:
    data = yaml.safe_load(TEXT)
    for (row, col), value in zip(CELLS_2019, counts, strict=True):
        data["proactive_disclosure"][row][col] = change if col == "change" else value
    data["proactive_disclosure"]["procurement"].pop("unit")
    if unit:
        data["proactive_disclosure"]["procurement"]["unit"] = unit
    checked = check_bytes(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"), "r.yaml")
    assert [d for d in checked.diagnostics if d.severity == "error"] == []
    cells = html_grid(_Tables(render(checked.report, "md").decode("utf-8")).tables[0])[2]
    assert cells == expected("proactive_disclosure", data)


def cell_template(path: Path) -> Path:
    """A template with every section's tag and a cell tag for each figure of the 2019 table 二."""
    doc = Document()
    for tag in ("{{ title }}", "{{p intro }}", *(f"{{{{p text.{key} }}}}" for key, _ in G.SECTIONS),
                "{{p t3 }}", "{{p t4 }}", "{{ signature.organ if signature else organ }}"):
        doc.add_paragraph(tag)
    for row, col in CELLS_2019:
        doc.add_paragraph(f"{row}.{col}=" + "{{ t2.%s.%s }}" % (row, col))
    doc.save(path)
    return path


def test_a_template_binding_every_2019_cell_prints_each_figure(tmp_path: Path) -> None:
    """An office's template that draws table 二 itself, a cell tag for each of its 22 figures (spec §7.2)."""
    path = cell_template(tmp_path / "cells.docx")
    out = Document(io.BytesIO(render(load(EXAMPLE), "docx", path)))
    shown = dict(p.text.split("=", 1) for p in out.paragraphs if "=" in p.text)
    assert shown == {f"{row}.{col}": G.shown_cell(G.TABLES_2019["proactive_disclosure"], DATA["proactive_disclosure"],
                                                   (row, col)) for row, col in CELLS_2019}
    assert shown["procurement.amount"] == "1286.4万元"
    # the 2021 format's cell tags name cells a 2019 report has not: said before anything is built
    with pytest.raises(TemplateError):
        render(load(EXAMPLE), "docx", ROOT / "tests" / "data" / "word" / "cell-tags.docx")


def test_the_build_command_writes_every_output(tmp_path: Path) -> None:
    res = cli("build", str(EXAMPLE), "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{EXAMPLE.stem}.{ext}" for ext in ("docx", "html", "md")]


# ---- the schema ------------------------------------------------------------------------------------------


def test_the_committed_2019_schema_is_the_generated_one() -> None:
    from gipr_gen.formats import F2019
    from gipr_gen.readers.schema_gen import render as render_schema

    assert SCHEMA_2019.read_text(encoding="utf-8") == render_schema(F2019), "run: python -m gipr_gen.readers.schema_gen"


def test_the_example_names_the_2019_schema_and_each_schema_names_its_format_alone() -> None:
    assert TEXT.splitlines()[0] == f"# yaml-language-server: $schema=../schema/{SCHEMA_2019.name}"
    s2019, s2021 = (json.loads(p.read_text(encoding="utf-8")) for p in (SCHEMA_2019, SCHEMA_2021))
    assert s2019["properties"]["format"]["enum"] == ["2019", 2019]
    assert s2021["properties"]["format"]["enum"] == ["2021", 2021]
    # an editor holding a report to the other schema flags format:, whose hover names the schema to use
    assert SCHEMA_2019.name in s2021["properties"]["format"]["description"]
    assert SCHEMA_2021.name in s2019["properties"]["format"]["description"]
    assert s2019["properties"]["year"]["minimum"] == 2019 and s2021["properties"]["year"]["minimum"] == 2021
    row = s2019["properties"]["proactive_disclosure"]["properties"]["licensing"]["properties"]
    assert "minimum" not in row["change"] and row["decisions"]["minimum"] == 0
    assert s2019["properties"]["proactive_disclosure"]["properties"]["procurement"]["properties"]["unit"]["enum"] == \
        ["元", "万元"]


def test_check_jsonschema_validates_the_example_against_the_2019_schema(tmp_path: Path) -> None:
    # the real command, as other tools' users run it
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(edit("{made: 3, published: 3, published_total: 21}", "{issued: 3, repealed: 0, in_force: 21}"),
                     encoding="utf-8")
    run = lambda schema, *files: subprocess.run(  # noqa: E731
        [str(VENV_BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, files)],
        capture_output=True, text=True, timeout=120)
    assert run(SCHEMA_2019, EXAMPLE).returncode == 0
    bad = run(SCHEMA_2019, wrong)
    assert bad.returncode == 1 and "issued" in bad.stdout
    other = run(SCHEMA_2021, EXAMPLE)  # the 2021 schema refuses it, at format: first
    assert other.returncode == 1 and "format" in other.stdout


# ---- across the change of format ---------------------------------------------------------------------------

def report_2021(carried_over: list[int], year: int = 2021) -> str:
    """The 2021-format example as the same body's next report: ``year``, and its 上年结转 row (six columns)."""
    text = YUNXI.read_text(encoding="utf-8").replace("year: 2024", f"year: {year}")
    cells = ", ".join(f"{k}: {v}" for k, v in zip(G.APPLICANT_KEYS, carried_over, strict=True))
    return re.sub(r"carried_over: +\{[^}]*\}", f"carried_over: {{{cells}}}", text)


def cross_year(tmp_path: Path, text: str, previous: Path = EXAMPLE) -> list[tuple[str, str, int]]:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    checked = check_file(path, "r.yaml", previous=previous)
    return [(d.rule, d.severity, d.line) for d in checked.diagnostics if d.rule in ("T3-07", "T2-03", "N-08")]


def test_a_2021_report_checks_its_carried_over_against_a_2019_report(tmp_path: Path) -> None:
    forward = [DATA["applications"]["carried_forward"][k] for k in G.APPLICANT_KEYS]
    # the same figures: nothing to say, and T2-03 (现行有效件数) has nothing in the 2019 table to compare with
    assert cross_year(tmp_path, report_2021(forward)) == []
    wrong = [f + 1 for f in forward]
    text = report_2021(wrong)
    line = line_of(text, "carried_over:")
    found = cross_year(tmp_path, text)
    assert found and set(found) == {("T3-07", "warning", line)}
    assert len(found) == 7  # the six applicant columns and 总计


def test_a_2019_report_of_a_later_year_is_no_previous_report(tmp_path: Path) -> None:
    later = tmp_path / "later.yaml"  # the 2019 format was still used by some bodies after 2021 (spec §7.1)
    later.write_text(edit("year: 2020", "year: 2022").replace("2020年", "2022年"), encoding="utf-8")
    assert check_file(later).ok
    text = report_2021([DATA["applications"]["carried_forward"][k] for k in G.APPLICANT_KEYS])
    assert cross_year(tmp_path, text, later) == [("N-08", "error", line_of(text, "year:"))]


def test_the_2021_cross_year_rules_still_run_between_2021_reports(tmp_path: Path) -> None:
    previous = tmp_path / "last.yaml"
    previous.write_text(YUNXI.read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load(YUNXI.read_text(encoding="utf-8"))
    forward = [data["applications"]["carried_forward"][k] for k in G.APPLICANT_KEYS]
    text = report_2021(forward, year=2025)  # in force 11 again, though 3 issued and 2 repealed: 12 expected
    assert cross_year(tmp_path, text, previous) == [("T2-03", "warning", line_of(text, "normative_documents:"))]


def test_a_2021_skeleton_carries_over_from_a_2019_report(tmp_path: Path) -> None:
    carried = read_previous(EXAMPLE)
    forward = DATA["applications"]["carried_forward"]
    assert carried.year == 2020
    assert {cell[0][0]: v for (section, cell), v in carried.values.items() if section == "applications"
            and cell[1] == "business"} == {"carried_over": forward["business"]}
    out = tmp_path / "2021.yaml"
    res = cli("init", "--organ", DATA["organ"], "--year", "2021", "--previous", str(EXAMPLE), "-o", str(out))
    assert res.returncode == 0, res.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["format"] == "2021" and data["organ_type"] == DATA["organ_type"]
    assert {k: data["applications"]["carried_over"][k] for k in G.APPLICANT_KEYS} == \
        {k: forward[k] for k in G.APPLICANT_KEYS}
    assert check_file(out).ok
    assert cross_year(tmp_path, out.read_text(encoding="utf-8")) == []


def test_a_skeleton_from_a_2019_report_notes_only_what_it_carried(tmp_path: Path) -> None:
    out = tmp_path / "2021.yaml"
    res = cli("init", "--organ", DATA["organ"], "--year", "2021", "--previous", str(EXAMPLE), "-o", str(out))
    assert res.returncode == 0, res.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    noted = [line.split(":")[0].strip() for line in lines if str(EXAMPLE) in line and not line.startswith("#")]
    # the 2019 table 二 has no in-force counts: only the applications carried over are said to come from it
    assert noted == ["carried_over"]


def test_an_imported_2019_report_keeps_the_unit_its_procurement_amount_was_published_in(tmp_path: Path) -> None:
    page = ROOT / "tests" / "data" / "published" / "f10-ecology-branch-2020-format2019.html"
    assert "251000元" in page.read_text(encoding="utf-8")
    res = cli("import", str(page), "-o", str(tmp_path))
    yaml_file = tmp_path / f"{page.stem}.yaml"
    assert yaml_file.is_file(), res.stderr
    data = yaml.safe_load(yaml_file.read_text(encoding="utf-8"))
    assert data["format"] == "2019"
    assert data["proactive_disclosure"]["procurement"]["amount"] == 251000
    assert data["proactive_disclosure"]["procurement"]["unit"] == "元"
    built = cli("build", str(yaml_file), "--to", "md", "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert "251000元" in (tmp_path / "out" / f"{page.stem}.md").read_text(encoding="utf-8")


def test_template_check_takes_the_format_the_template_is_filled_with(tmp_path: Path) -> None:
    path = cell_template(tmp_path / "cells.docx")
    as_2019 = cli("template", "check", str(path), "--format", "2019")
    as_2021 = cli("template", "check", str(path))
    assert as_2019.returncode == 0, as_2019.stdout + as_2019.stderr
    assert as_2021.returncode == 1 and "t2.procurement" in as_2021.stdout


def test_schema_write_copies_the_schema_each_report_in_the_folder_names(tmp_path: Path) -> None:
    (tmp_path / "2020.yaml").write_text(TEXT, encoding="utf-8")
    res = cli("schema", "--write", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [SCHEMA_2019.name]
    assert (tmp_path / SCHEMA_2019.name).read_bytes() == SCHEMA_2019.read_bytes()
    (tmp_path / "2024.yaml").write_text(YUNXI.read_text(encoding="utf-8"), encoding="utf-8")
    res = cli("schema", "--write", str(tmp_path))
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted([SCHEMA_2019.name, SCHEMA_2021.name])
    assert cli("schema", "--format", "2019").stdout.strip() == str(SCHEMA_2019)


def test_explain_gives_each_format_its_own_formula_and_says_where_a_rule_applies() -> None:
    both = cli("explain", "T3-02", "--lang", "en").stdout
    formulas = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in both.splitlines() if line.startswith("formula")}
    # the 2019 table 三 has （六）其他处理 as one row, the 2021 one a group of three (spec §7.3)
    assert "results.other_handling[c]" in formulas["formula (2019 format)"]
    assert "results.other_handling.*[c]" in formulas["formula (2021 format)"]
    assert "formats: 2021, 2019" in both
    only = cli("explain", "T2-03").stdout  # in-force counts: the 2019 table 二 has none
    assert "适用格式：2021" in only and "2019" not in only.splitlines()[-1]
