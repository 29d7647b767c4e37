"""Reading the statistical tables of published reports (readers/recognise: labels, cells, tables): tables
built here from the specification's labels, with the deviations of spec §8 (spacing, widths, typos,
placeholders, units, missing cells, fragments, the 2019 table 三 in a 2021 report), and the real reports
published as run-together text, checked against the figures read by hand (shared/real-reports)."""

from __future__ import annotations

import json
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gipr_gen import formats
from gipr_gen.formats.layout import CellKey, Column, TableSpec
from gipr_gen.model.place import Place
from gipr_gen.readers.published.document import Cell, Table
from gipr_gen.readers.recognise.cells import read_cell
from gipr_gen.readers.recognise.labels import compact, match, normalise
from gipr_gen.readers.recognise.tables import (TableReading, convert, convertible, formats_matching, read_flat,
                                               read_tables)

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-reports"
F2021, F2019 = formats.FORMATS["2021"], formats.FORMATS["2019"]
T2, T3, T4 = (F2021.table_by_section[s] for s in ("proactive_disclosure", "applications", "review_and_litigation"))
T2_2019, T3_2019 = (F2019.table_by_section[s] for s in ("proactive_disclosure", "applications"))

# ---- building published tables -------------------------------------------------------------------

Values = dict[CellKey, object]


def counting(spec: TableSpec, start: int = 1) -> Values:
    """Distinct figures for every cell: 1, 2, 3 … (a misplaced cell cannot go unnoticed)."""
    return {cell: start + i for i, cell in enumerate(spec.cells())}


def grid_table(spec: TableSpec, values: Values, number: int = 1, label: Callable[[str], str] = str,
               rows: range | None = None, header: range = range(0)) -> Table:
    """The table as the format draws it (its Grid), figures written as ``values`` say (str() of each);
    ``rows``: only these grid rows (a fragment), after the ``header`` rows repeated."""
    grid = spec.grid
    keep = list(header) + list(rows if rows is not None else range(grid.nrows))
    cells = []
    for c in grid.cells:
        if c.row not in keep:
            continue
        r = keep.index(c.row)
        text = str(values[c.cell]) if c.role == "data" else label(c.text)
        span = min(c.rowspan, len(keep) - r)
        cells.append(Cell(text, r, c.col, Place(table=number, row=r + 1, col=c.col + 1), span, c.colspan))
    return Table(tuple(cells), len(keep), grid.ncols, Place(table=number))


def loose_table(lines: list[list[str]], number: int = 1) -> Table:
    """A table as a text reader gives it: one row of cells per line, no grid."""
    cells = tuple(Cell(text, r, c, Place(table=number, line=r + 1)) for r, line in enumerate(lines)
                  for c, text in enumerate(line))
    return Table(cells, len(lines), max(len(line) for line in lines), Place(table=number, line=1), loose=True)


def notes_of(reading: TableReading, *rules: str) -> list:
    return [n for n in reading.notes if n.rule in rules]


def row_cells(spec: TableSpec, path: tuple[str, ...]) -> list[CellKey]:
    return [(path, c.key) for c in spec.row(path).columns]


# ---- labels ---------------------------------------------------------------------------------------


_LABEL_CHARS = st.sampled_from(list('（一）1、2.３．ａＢc "“”「」『』\u3000\t\n\u200b\u00ade\u0301é，,:：;；()其他处理１０件')
                               + ["\ufb01", "\u2460", "\u00bd", "\u212b"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_LABEL_CHARS, max_size=30).map("".join) | st.text(max_size=20))
def test_a_label_normalised_at_once_reads_as_character_by_character(text: str) -> None:
    """``normalise`` takes an NFKC text whole; ``compact`` (which flat text uses) goes character by character:
    the two agree on every text, combining marks and compatibility characters among them."""
    normalise.cache_clear()
    assert normalise(text) == compact(text).text


def test_normalise_deletes_whitespace_and_unifies_widths() -> None:
    assert normalise("第二十条  第(一)项") == "第二十条第（一）项"
    assert normalise("结\n果\n维\u3000持 ") == "结果维持"
    assert normalise("1、属于国家秘密") == normalise("１．属于国家秘密") == "1.属于国家秘密"
    assert normalise('3.危及"三安全一稳定"') == "3.危及“三安全一稳定”"
    assert normalise("本年收费金额(单位:万元)") == "本年收费金额（单位：万元）"
    assert normalise("只计这一情形,不计") == "只计这一情形，不计"


@pytest.mark.parametrize("published, official, how", [
    ("商业 企业", "商业企业", "exact"),
    ("规范性文件", "行政规范性文件", "variant"),
    ("（二）部分公开（区分处理的，只计这一情况，不计其他情形）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "variant"),
    ("5.属于三类内容事务信息", "5.属于三类内部事务信息", "variant"),
    ("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "variant"),
    ("要求行政机关确认或重新出具", "5.要求行政机关确认或重新出具已获取信息", "truncated"),
    ("6.属于四类过程信息", "6.属于四类过程性信息", "fuzzy"),
])
def test_a_published_row_label_finds_its_official_one(published: str, official: str, how: str) -> None:
    found = match(published, [r.label for r in T3.rows] + [r.label for r in T2.rows] + [c.label for c in T3.columns])
    assert found is not None and (found.label, found.how) == (official, how)


def test_a_bracketed_note_is_stripped_and_unrelated_labels_match_nothing() -> None:
    columns = [c.label for r in T2_2019.rows for c in r.columns]
    found = match("上一年项目数量（指2019年事项数）", columns)
    assert found is not None and (found.label, found.how) == ("上一年项目数量", "note")
    assert match("索引号", columns) is None
    assert match("其他对外管理服务事项", [r.label for r in T2.rows]) is None


def test_position_breaks_a_tie() -> None:
    labels = ["规章", "合计", "规章"]
    assert match("规 章", labels).index == 0
    assert match("规 章", labels, near=2).index == 2


# ---- cells ----------------------------------------------------------------------------------------

COUNT, FEE = T3.columns[0], T2.row(("fees",)).columns[0]
CHANGE = T2_2019.row(("licensing",)).column("change")
AMOUNT = T2_2019.row(("procurement",)).column("amount")


@pytest.mark.parametrize("text, column, value, rule", [
    ("1,234", COUNT, 1234, None), ("1，234", COUNT, 1234, None), ("１２", COUNT, 12, None),
    ("24252.311082", FEE, 24252.311082, None), (" 7 ", COUNT, 7, None), ("3.00", COUNT, 3, None),
    ("2.5", COUNT, 2.5, None), ("12.0", FEE, 12.0, None),
    ("/", COUNT, 0, "G2"), ("-", COUNT, 0, "G2"), ("—", COUNT, 0, "G2"), ("－", COUNT, 0, "G2"),
    ("无", COUNT, 0, "G2"), ("", COUNT, 0, "G2"), ("\u3000", COUNT, 0, "G2"),
    ("240万元", FEE, 240, "I-02"), ("251000元", FEE, 251000, "I-02"), ("12件", COUNT, 12, "I-02"),
    ("22（其中修订16件）", COUNT, 22, "I-02"),
    ("-8", CHANGE, -8, None), ("减4", CHANGE, -4, None), ("增3", CHANGE, 3, None), ("+2", CHANGE, 2, None),
    ("-8", COUNT, None, "G1"), ("见附件", COUNT, None, "G1"), ("12 3", COUNT, None, "G1"), ("1,23", COUNT, None, "G1"),
])
def test_a_cell_reads_as_written_or_says_why_not(text: str, column: Column, value, rule) -> None:
    read = read_cell(text, column)
    assert (read.value, read.rule) == (value, rule)
    assert type(read.value) is type(value)


def test_an_amount_keeps_the_unit_it_is_published_in_never_converted() -> None:
    read = read_cell("251000元", AMOUNT)
    assert (read.value, read.unit, read.rule) == (251000, "元", None)  # kept with the figure: nothing lost
    assert read_cell("25.1万元", AMOUNT).unit == "万元"


# ---- tables on a grid -----------------------------------------------------------------------------


def test_both_formats_read_back_exactly() -> None:
    for fmt in (F2021, F2019):
        values = {t.section: counting(t, 100 * i) for i, t in enumerate(fmt.tables)}
        readings = read_tables([grid_table(t, values[t.section], i + 1) for i, t in enumerate(fmt.tables)])
        assert [(r.format.name, r.section) for r in readings] == [(fmt.name, t.section) for t in fmt.tables]
        for r in readings:
            assert r.values == values[r.section] and r.notes == []


def test_typos_of_section_8_read_right_and_are_noted() -> None:
    typos = {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
             "5.属于三类内部事务信息": "5.属于三类内容事务信息",
             "5.要求行政机关确认或重新出具已获取信息": "5.要求行政机关确认或重新出具",
             "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
                 "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
             "行政规范性文件": "规范性文件"}
    t2, t3 = counting(T2), counting(T3, 50)
    readings = read_tables([grid_table(T2, t2, 1, lambda s: typos.get(s, s)), grid_table(T3, t3, 2, lambda s: typos.get(s, s))])
    assert [r.values for r in readings] == [t2, t3]
    fuzzy = [(n.args["label"], n.cell[0], n.place.table) for r in readings for n in notes_of(r, "I-01")]
    assert sorted(fuzzy) == sorted([("行政规范性文件", ("normative_documents",), 1),
                                    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("results", "partly_disclosed"), 2),
                                    ("5.属于三类内部事务信息", ("results", "withheld", "internal_affairs"), 2),
                                    ("5.要求行政机关确认或重新出具已获取信息", ("results", "not_processed", "confirmation"), 2),
                                    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                     ("results", "other_handling", "no_correction"), 2)])
    assert all(r.format is F2021 for r in readings)


def test_placeholders_and_blanks_are_zero_with_a_note_at_the_cell() -> None:
    values = counting(T2)
    values[(("regulations",), "issued")] = "/"
    values[(("regulations",), "repealed")] = "—"
    values[(("licensing",), "decisions")] = ""
    (reading,) = read_tables([grid_table(T2, values, 3)])
    assert reading.values[(("regulations",), "issued")] == 0
    assert reading.values[(("licensing",), "decisions")] == 0
    g2 = {n.cell: (n.key, n.place) for n in notes_of(reading, "G2")}
    assert g2 == {(("regulations",), "issued"): ("import.cell.placeholder", Place(table=3, row=3, col=2)),
                  (("regulations",), "repealed"): ("import.cell.placeholder", Place(table=3, row=3, col=3)),
                  (("licensing",), "decisions"): ("import.cell.blank", Place(table=3, row=7, col=2))}


def test_units_and_annotations_are_removed_not_converted() -> None:
    values = counting(T2)
    values[(("fees",), "amount_wan_yuan")] = "251000元"
    values[(("normative_documents",), "issued")] = "22（其中修订16件）"
    (reading,) = read_tables([grid_table(T2, values)])
    assert reading.values[(("fees",), "amount_wan_yuan")] == 251000
    assert reading.values[(("normative_documents",), "issued")] == 22
    assert {n.cell: n.args["removed"] for n in notes_of(reading, "I-02")} == {
        (("fees",), "amount_wan_yuan"): "元", (("normative_documents",), "issued"): "(其中修订16件)"}


def test_the_2019_procurement_amount_records_its_unit_from_the_cell_or_the_header() -> None:
    values = counting(T2_2019)
    cell = (("procurement",), "amount")
    values[cell] = "251000元"
    (reading,) = read_tables([grid_table(T2_2019, values)])
    assert reading.values[cell] == 251000 and reading.units == {cell: "元"}
    assert reading.notes == []  # the unit is recorded beside the figure, not removed
    values[cell] = "25.1"
    (reading,) = read_tables([grid_table(T2_2019, values, label=lambda s: s + "（万元）" if s == "采购总金额" else s)])
    assert reading.values[cell] == 25.1 and reading.units == {cell: "万元"}


def test_a_signed_change_reads_in_the_2019_change_column_only() -> None:
    values = counting(T2_2019)
    values[(("licensing",), "change")] = "减4"
    values[(("penalties",), "change")] = "-8"
    values[(("licensing",), "decisions")] = "-3"
    (reading,) = read_tables([grid_table(T2_2019, values)])
    assert reading.values[(("licensing",), "change")] == -4
    assert reading.values[(("penalties",), "change")] == -8
    assert reading.values[(("licensing",), "decisions")] is None
    assert [(n.rule, n.cell) for n in reading.notes] == [("G1", (("licensing",), "decisions"))]


def test_a_missing_row_is_unknown_not_zero() -> None:
    values = counting(T3)
    grid = T3.grid
    query = next(c.row for c in grid.cells if c.text == "8.属于行政查询事项")
    (reading,) = read_tables([grid_table(T3, values, rows=[r for r in range(grid.nrows) if r != query])])
    lost = row_cells(T3, ("results", "withheld", "administrative_query"))
    assert all(reading.values[c] is None for c in lost)
    assert all(reading.values[c] == values[c] for c in values if c not in lost)
    assert sorted(n.cell for n in notes_of(reading, "G1")) == sorted(lost)


def test_fragments_of_one_table_are_merged() -> None:
    t2, t3, t4 = counting(T2), counting(T3, 40), counting(T4, 300)
    pieces = [grid_table(T2, t2, i + 1, rows=range(start, start + n))
              for i, (start, n) in enumerate(((0, 4), (4, 3), (7, 4), (11, 3)))]
    header = range(3)  # table 三 broken by a page, its heading rows repeated on the next page
    pieces += [grid_table(T3, t3, 5, rows=range(0, 14)), grid_table(T3, t3, 6, rows=range(14, 28), header=header),
               grid_table(T4, t4, 7)]
    readings = read_tables(pieces)
    assert [(r.section, r.values, r.notes) for r in readings] == [
        ("proactive_disclosure", t2, []), ("applications", t3, []), ("review_and_litigation", t4, [])]
    assert [r.place.table for r in readings] == [1, 5, 7]


def test_tables_that_are_no_report_table_are_skipped() -> None:
    metadata = loose_table([["索引号", "014202034/2024-00012", "分类", "政务公开"],
                            ["发布机构", "沭阳县发展和改革局", "生成日期", "2024-01-17"]])
    legacy = loose_table([["统计指标", "单位", "统计数"], ["一、主动公开情况", "—", "—"],
                          ["（一）主动公开政府信息数", "条", "1234"], ["其中：主动公开规范性文件数", "条", "12"],
                          ["二、依申请公开情况", "—", "—"], ["（一）收到申请数", "件", "30"],
                          ["三、行政复议数量", "件", "1"]], 2)
    values = counting(T4)
    readings = read_tables([metadata, legacy, grid_table(T4, values, 3)])
    assert [(r.section, r.values) for r in readings] == [("review_and_litigation", values)]


def test_columns_follow_their_headers_where_the_grid_has_them() -> None:
    values = counting(T3)
    swap = {3: 9, 9: 3}  # 自然人 and 总计 published the other way round, headers and figures alike
    table = grid_table(T3, values)
    cells = tuple(replace(c, col=swap.get(c.col, c.col)) if c.row > 0 else c for c in table.cells)
    (reading,) = read_tables([replace(table, cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))))])
    assert reading.values == values and not reading.notes


def test_empty_cells_beyond_a_rows_figures_are_dropped() -> None:
    lines = [["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "2293", "", ""]]
    (reading,) = read_tables([loose_table(lines)])
    assert reading.values[(("licensing",), "decisions")] == 2293
    assert [n for n in reading.notes if n.cell == (("licensing",), "decisions")] == []


# ---- rows with fewer cells ------------------------------------------------------------------------


def _t3_lines(values: Values) -> list[list[str]]:
    lines = [[T3.grid.cells[0].text], ["申请人情况"], ["自然人", "法人或其他组织", "总计"],
             ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    return lines + [[row.label] + [str(values[(row.path, c.key)]) for c in row.columns] for row in T3.rows]


def _consistent_t3() -> Values:
    """Table 三 whose figures satisfy its arithmetic: 3 new applications from people, 1 from a business,
    4 disclosed in full, nothing carried."""
    values: Values = {cell: 0 for cell in T3.cells()}
    for path in (("received",), ("results", "disclosed"), ("results", "total")):
        values[(path, "natural_person")], values[(path, "business")], values[(path, "total")] = 3, 1, 4
    return values


def test_a_row_short_of_a_cell_is_placed_by_the_arithmetic() -> None:
    values = _consistent_t3()
    lines = _t3_lines(values)
    disclosed = next(i for i, line in enumerate(lines) if line[0] == "（一）予以公开")
    lines[disclosed] = ["（一）予以公开", "3", "1", "0", "0", "0", "4"]  # one blank 0 dropped
    (reading,) = read_tables([loose_table(lines)])
    assert reading.values == values
    inferred = row_cells(T3, ("results", "disclosed"))
    assert sorted(n.cell for n in notes_of(reading, "I-03")) == sorted(inferred)
    assert not notes_of(reading, "G1")


def test_a_row_short_of_a_cell_with_no_arithmetic_to_place_it_is_unknown() -> None:
    lines = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "5", "7"],
             ["行政规范性文件", "1", "2", "3"]]
    (reading,) = read_tables([loose_table(lines)])
    regulations = row_cells(T2, ("regulations",))
    assert [reading.values[c] for c in regulations] == [None, None, None]
    assert sorted(n.cell for n in notes_of(reading, "G1") if n.key == "import.row.ambiguous") == sorted(regulations)
    assert [reading.values[c] for c in row_cells(T2, ("normative_documents",))] == [1, 2, 3]


def test_a_loose_table_four_reads_its_one_line_of_figures() -> None:
    figures = [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    lines = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2, [str(f) for f in figures]]
    (reading,) = read_tables([loose_table(lines)])
    assert [reading.values[c] for r in T4.rows for c in row_cells(T4, r.path)] == figures


# ---- the 2019 table 三 and the other format ----------------------------------------------------


def test_a_2019_table_three_in_a_2021_report_is_recognised_and_converted() -> None:
    t2, t3, t4 = counting(T2), counting(T3_2019, 20), counting(T4, 200)
    readings = read_tables([grid_table(T2, t2, 1), grid_table(T3_2019, t3, 2), grid_table(T4, t4, 3)])
    assert [r.format.name for r in readings] == ["2021", "2019", "2021"]
    three = readings[1]
    assert three.values == t3
    assert formats_matching(three) == [F2019] and formats_matching(readings[2]) == [F2021, F2019]
    converted = convert(three, F2021)
    single = ("results", "other_handling")
    assert converted.format is F2021 and set(converted.values) == set(T3.cells())
    for c in T3.columns:
        assert converted.values[(single + ("other",), c.key)] == t3[(single, c.key)]
        assert converted.values[(single + ("no_correction",), c.key)] == 0
        assert converted.values[(single + ("no_fee_paid",), c.key)] == 0
    spread = {(n.key, n.cell[0][-1]) for n in notes_of(converted, "I-04")}
    assert spread == {("import.convert.into", "other"), ("import.convert.zero", "no_correction"),
                      ("import.convert.zero", "no_fee_paid")}
    assert all(converted.values[c] == v for c, v in t3.items() if c[0] != single)
    back = convert(converted, F2019)
    assert back.values == t3  # 3.其他 + 0 + 0 summed into the single row
    assert {n.key for n in notes_of(back, "I-04")} >= {"import.convert.sum"}


def test_table_two_cannot_change_format() -> None:
    (reading,) = read_tables([grid_table(T2, counting(T2))])
    assert not convertible(reading, F2019) and convertible(reading, F2021)
    with pytest.raises(ValueError):
        convert(reading, F2019)


# ---- the property: any figures, drawn from the format's own grid ----------------------------------

_SPACES = st.sampled_from([" ", "\u3000", "\n", "  "])
_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "1": "１", "2": "２"})


@st.composite
def _label_change(draw) -> Callable[[str], str]:
    seed = draw(st.integers(0, 2 ** 32 - 1))
    spaces = draw(st.lists(_SPACES, min_size=1, max_size=4))
    half = draw(st.booleans())

    def change(text: str) -> str:
        out = text.translate(_WIDTH) if half else text
        for space in spaces:  # at places that differ from label to label
            k = (seed + zlib.crc32(out.encode())) % (len(out) + 1)
            out = out[:k] + space + out[k:]
        return out
    return change


def _figure(column: Column):
    if column.kind == "decimal":
        return st.integers(0, 10 ** 9).map(lambda n: n / 10 ** 6 if n % 3 else n // 1000)
    return st.integers(-50 if column.signed else 0, 10 ** 7)


@st.composite
def _report_tables(draw):
    fmt = draw(st.sampled_from([F2021, F2019]))
    values = {t.section: {cell: draw(_figure(t.row(cell[0]).column(cell[1]))) for cell in t.cells()}
              for t in fmt.tables}
    return fmt, values, draw(_label_change())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_report_tables())
def test_any_figures_read_back_exactly_whatever_the_spacing_and_widths(drawn) -> None:
    fmt, values, change = drawn
    written = {s: {c: _written(v) for c, v in vals.items()} for s, vals in values.items()}
    tables = [grid_table(t, written[t.section], i + 1, change) for i, t in enumerate(fmt.tables)]
    readings = read_tables(tables)
    assert [(r.format, r.section) for r in readings] == [(fmt, t.section) for t in fmt.tables]
    for r in readings:
        assert r.values == values[r.section]
        assert not notes_of(r, "G1", "I-03")


def _written(value: int | float) -> str:
    return format(value, "f").rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


# ---- real reports published as run-together text ----------------------------------------------------

# figures.json's names of table 三's rows, in the table's order
_T3_NAMES = ("new", "carried", "granted", "partial", "d_secret", "d_law", "d_3safe", "d_third", "d_internal",
             "d_process", "d_enforce", "d_query", "u_nohold", "u_create", "u_unclear", "n_petition", "n_repeat",
             "n_publication", "n_massive", "n_confirm", "o_nocorrect", "o_fee", "o_other", "total", "fwd")
_T2_NAMES = {"regs": "regulations", "norms": "normative_documents", "licensing": "licensing",
             "punish": "penalties", "coerce": "coercive_measures", "fees": "fees"}


def _by_hand(report: dict) -> dict[str, dict[CellKey, object]]:
    """figures.json's figures as cells; a string (a figure it calls ambiguous) for each cell of its row."""
    t2 = {}
    for name, figures in report["t2"].items():
        row = T2.row((_T2_NAMES[name],))
        for i, c in enumerate(row.columns):
            t2[(row.path, c.key)] = figures if isinstance(figures, str) else figures[i]
    assert set(report["t3_nonzero_rows"]) <= set(_T3_NAMES)
    t3 = {}
    for name, row in zip(_T3_NAMES, T3.rows, strict=True):
        figures = report["t3_nonzero_rows"].get(name, [0] * 7)
        t3.update({(row.path, c.key): figures[i] for i, c in enumerate(row.columns)})
    t4 = dict(zip([c for r in T4.rows for c in row_cells(T4, r.path)], report["t4"], strict=True))
    return {"proactive_disclosure": t2, "applications": t3, "review_and_litigation": t4}


@pytest.mark.parametrize("name", ["pingtan-zone-2021.txt", "pingtan-zone-2022.txt"])
def test_run_together_text_reads_every_figure_right_or_unknown(name: str) -> None:
    if not (REAL / name).is_file():
        pytest.skip("the shared real reports are not beside this repository")
    report = next(r for r in json.loads((REAL / "figures.json").read_text(encoding="utf-8"))["reports"]
                  if r["file"] == name)
    expected = _by_hand(report)
    text = (REAL / name).read_text(encoding="utf-8")
    readings = read_flat(text, Place(line=1))
    assert sorted(r.section for r in readings) == sorted(expected) and all(r.format is F2021 for r in readings)
    for r in readings:
        assert set(r.values) == set(expected[r.section])
        for cell, value in r.values.items():
            want = expected[r.section][cell]
            assert value is None or value == want, (cell, value, want)
            if isinstance(want, str):  # published ambiguously: must not be guessed
                assert value is None
        unknown = {cell for cell, value in r.values.items() if value is None}
        assert unknown <= set(row_cells(T2, ("normative_documents",)))  # the rest decodes uniquely
        assert {n.cell for n in notes_of(r, "G1")} == unknown
        assert all(n.place.line and n.place.line > 1 for n in r.notes)
    if name == "pingtan-zone-2021.txt":  # its 行政规范性文件 "693665" splits many ways
        (two,) = [r for r in readings if r.section == "proactive_disclosure"]
        assert all(two.values[c] is None for c in row_cells(T2, ("normative_documents",)))


def test_flat_text_of_a_2019_table_three() -> None:
    values = _consistent_t3()
    text = "".join(f"{line[0]}{''.join(line[1:])}" for line in _t3_lines_2019(values))
    readings = read_flat("表格如下：" + text + "四、政府信息公开行政复议、行政诉讼情况", Place(line=7))
    (three,) = readings
    assert three.format is F2019 and three.values == {c: values.get(c, 0) for c in T3_2019.cells()}


def test_flat_text_with_separators_signs_thousands_and_units() -> None:
    written = {(("procurement",), "amount"): "251000元", (("licensing",), "change"): "-3",
               (("penalties",), "change"): "减2", (("licensing",), "decisions"): "1,234"}
    expected = {cell: i for i, cell in enumerate(T2_2019.cells())}
    expected.update({(("procurement",), "amount"): 251000, (("licensing",), "change"): -3,
                     (("penalties",), "change"): -2, (("licensing",), "decisions"): 1234})
    text = ""
    for group in T2_2019.body:
        rows = group.children
        text += group.label + "信息内容" + "".join(c.label for c in group.columns)
        for row in rows:
            cells = [((row.key,), c.key) for c in group.columns]
            text += row.label + "，".join(written.get(c, str(expected[c])) for c in cells)
    (reading,) = read_flat(text, Place(line=3))
    assert reading.format is F2019 and reading.values == expected
    assert reading.units == {(("procurement",), "amount"): "元"}
    assert reading.notes == []


def _t3_lines_2019(values: Values) -> list[list[str]]:
    lines = [[T3_2019.grid.cells[0].text], ["申请人情况"], ["自然人", "法人或其他组织", "总计"],
             ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    return lines + [[row.label] + [str(values.get((row.path, c.key), 0)) for c in row.columns]
                    for row in T3_2019.rows]



def test_a_table_whose_figures_went_nowhere_is_not_counted_as_read() -> None:
    """Two tables 四 in a row (this year's, then last year's pasted under it): the first is read; the second,
    whose rows all matched rows already taken, is no part of the reading, so the report keeps it as text."""
    this_year, last_year = grid_table(T4, counting(T4, 10), 1), grid_table(T4, counting(T4, 50), 2)
    (reading,) = read_tables([this_year, last_year])
    assert reading.values == counting(T4, 10)
    assert reading.tables == (this_year.place,)
    header = grid_table(T3, counting(T3), 3, rows=range(3))  # a part of titles and headers only, then the rest
    rest = grid_table(T3, counting(T3), 4, rows=range(3, T3.grid.nrows), header=range(3))
    (parts,) = read_tables([header, rest])
    assert parts.values == counting(T3) and parts.tables == (header.place, rest.place)
