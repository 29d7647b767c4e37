"""Every consistency rule that ``check`` evaluates, broken on purpose in an otherwise valid report.

Each case starts from the text of a clean input, changes one or two values, and asserts the exact
findings: rule ID, severity, line and column of the offending value, and nothing else.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gipr_gen.formats.f2021 import layout as L
from gipr_gen.formats import F2021
from gipr_gen.api import Checked, check_bytes, check_file
from gipr_gen.diagnostics import Diagnostic
from gipr_gen.formats import F2021
RULES = F2021.rules

ROOT = Path(__file__).resolve().parents[1]
YUNXI_PATH = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"
YUNXI = YUNXI_PATH.read_text(encoding="utf-8")
# The same report with the narrative's quoted counts taken out, so that changing a table figure breaks
# only the table rule under test and not also the text-vs-table rules T3-08/T4-05.
QUIET = re.sub(r"2024年新收政府信息公开申请.*?继续办理7件。", "全年办理情况见第三部分表格。",
               YUNXI.replace("全年因政府信息公开工作被申请行政复议4件，其中1件", "个别答复"))
K6 = [c.key for c in L.APPLICANT_COLUMNS if not c.total]
READER_RULES = {r.id for r in RULES if r.check == "reader" or r.id.startswith("Y-")}  # tested in test_input_errors

# ---- editing a report's text ------------------------------------------------------------------


def check(text: str) -> Checked:
    return check_bytes(text.encode("utf-8"), "report.yaml")


def found(text: str) -> list[tuple[str, str, int, int]]:
    return sorted((d.rule, d.severity, d.line, d.column) for d in check(text).diagnostics)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_no(text: str, pattern: str) -> int:
    """The 1-based number of the one line matching ``pattern`` (a regex)."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if re.search(pattern, line)]
    assert len(hits) == 1, f"{pattern!r} matches lines {hits}"
    return hits[0]


def _row(text: str, row: str) -> tuple[int, str, int]:
    """(line number, line text, offset of the '{') of the flow-mapping row ``row``."""
    n = line_no(text, rf"^\s*{row}:\s*\{{")
    line = text.splitlines()[n - 1]
    return n, line, line.index("{")


def _cell_match(text: str, row: str, col: str) -> tuple[int, str, re.Match | None]:
    n, line, brace = _row(text, row)
    return n, line, re.compile(rf"[{{,]\s*({col}): ([^,}}]*)").search(line, brace)


def cell_pos(text: str, row: str, col: str) -> tuple[int, int]:
    """Line and 1-based column where the value of ``row``'s cell ``col`` starts."""
    n, _, m = _cell_match(text, row, col)
    assert m, (row, col)
    return n, m.start(2) + 1


def row_pos(text: str, row: str) -> tuple[int, int]:
    n, _, brace = _row(text, row)
    return n, brace + 1


def cell(text: str, row: str, col: str) -> int | None:
    _, _, m = _cell_match(text, row, col)
    return int(m.group(2)) if m else None


def set_cell(text: str, row: str, col: str, value: object) -> str:
    n, line, m = _cell_match(text, row, col)
    if m:
        new = line[:m.start(2)] + str(value) + line[m.end(2):]
    else:  # add a cell the row does not write yet (e.g. a 总计)
        new = line[:line.rindex("}")] + f", {col}: {value}" + line[line.rindex("}"):]
    lines = text.splitlines(keepends=True)
    lines[n - 1] = new + lines[n - 1][len(line):]
    return "".join(lines)


def bump(text: str, row: str, col: str, delta: int) -> str:
    """Change a cell, and the row's 总计 with it when the row writes one (so T3-03 keeps holding)."""
    text = set_cell(text, row, col, cell(text, row, col) + delta)
    total = cell(text, row, "total")
    return text if total is None or col == "total" else set_cell(text, row, "total", total + delta)


def top_key_pos(text: str, key: str) -> tuple[int, int]:
    """Line and column of the value of a top-level key (the '|' of a block scalar)."""
    n = line_no(text, rf"^{key}:")
    line = text.splitlines()[n - 1]
    return n, len(line) - len(line[len(key) + 1:].lstrip()) + 1


def set_top(text: str, key: str, value: str | None) -> str:
    """Replace a top-level key's whole value (block included); ``None`` drops the key."""
    lines = text.splitlines(keepends=True)
    start = line_no(text, rf"^{key}:") - 1
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\n", "#") or not lines[end].strip()):
        end += 1
    lines[start:end] = [] if value is None else [f"{key}: {value}\n\n"]
    return "".join(lines)


def strip_totals(text: str) -> str:
    """The same report with every 总计 cell and the （七）总计 row left out."""
    text = re.sub(r"\n    total: .*", "", text)
    return re.sub(r", total: \d+\}", "}", text)


def only(text: str, rule: str) -> list[Diagnostic]:
    diags = check(text).diagnostics
    assert diags and {d.rule for d in diags} == {rule}, [(d.rule, d.line, d.message("en")) for d in diags]
    return diags


# ---- the inputs ---------------------------------------------------------------------------------


def test_new_input_is_clean() -> None:
    checked = check(YUNXI)
    assert checked.buildable() and checked.diagnostics == []


def test_new_input_has_figures_in_every_table_and_narrative_agrees() -> None:
    report = check(YUNXI).report
    t2, t3, t4 = (report.tables[s] for s in ("proactive_disclosure", "applications", "review_and_litigation"))
    assert all(t2.get((r,), c) > 0 for r, c in [("normative_documents", "issued"), ("licensing", "decisions"),
                                              ("penalties", "decisions"), ("coercive_measures", "decisions")])
    assert t2.get(("licensing",), "decisions") >= 1000 and t2.get(("fees",), "amount_wan_yuan") % 1
    assert all(t2.get(("regulations",), c) == 0 for c in ("issued", "repealed", "in_force"))
    assert sum(1 for c in K6 if t3.get(("received",), c)) >= 3
    total = lambda *p: t3.get(p, "total")  # noqa: E731
    groups = {g: sum(t3.get(r.path, "total") for r in t3.spec.rows if r.path[:2] == ("results", g))
              for g in ("withheld", "unavailable", "not_processed", "other_handling")}
    assert all(groups.values()) and total("carried_over") and total("carried_forward")
    text = report.texts["overview"].markdown
    said = {k: int(re.search(p + r"(\d+)件", text).group(1)) for k, p in [
        ("received", "新收政府信息公开申请"), ("carried_over", "上年结转"), ("total", "办结"),
        ("disclosed", "予以公开"), ("partly", "部分公开"), ("withheld", "不予公开"), ("unavailable", "无法提供"),
        ("not_processed", "不予处理"), ("other_handling", "其他处理"), ("carried_forward", "结转下年度继续办理")]}
    assert said == {"received": total("received"), "carried_over": total("carried_over"),
                    "total": total("results", "total"), "disclosed": total("results", "disclosed"),
                    "partly": total("results", "partly_disclosed"), **groups,
                    "carried_forward": total("carried_forward")}
    reviews = int(re.search(r"被申请行政复议(\d+)件", report.texts["problems_and_improvements"].markdown).group(1))
    assert reviews == t4.get(("review",), "total") and t4.get(("litigation_direct",), "total")
    assert re.search(r"发出收费通知0件.*实际收取0元", report.texts["other_matters"].markdown)


def test_suining_seed_warns_that_section_six_omits_fees() -> None:
    text = (ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8")
    # besides S-05, its narrative says 收到行政诉讼1条 while table 四 is all 0 (T4-05), and 五 has ";;" (N-06)
    assert found(text) == sorted([("S-05", "warning", *top_key_pos(text, "other_matters")),
                                  ("T4-05", "warning", line_no(text, "收到行政诉讼1条"), 1),
                                  ("N-06", "warning", line_no(text, "拓宽;;二是"), 1)])


def test_luyi_seed_warns_at_each_pasted_level1_paragraph() -> None:
    text = (ROOT / "inputs" / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8")
    lines = [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"^  [一二三四五]、", line)]
    assert len(lines) == 5
    # and section 五 has a stray English "and" (思想 and 党的二十大精神): N-05
    assert found(text) == sorted([("N-02", "warning", n, 1) for n in lines]
                                 + [("N-05", "warning", line_no(text, "思想 and 党"), 1)])


# ---- table 三 ----------------------------------------------------------------------------------


def _labels(row: str, col: str) -> tuple[str, str, str]:
    r = next(x for x in L.APPLICATIONS.rows if x.path[-1] == row and len(x.path) <= 3)
    c = next(x for x in L.APPLICANT_COLUMNS if x.key == col)
    return r.label, c.label, c.label_en


def assert_sum_message(d: Diagnostic, row: str, col: str, reported: int, computed: int) -> None:
    row_label, col_zh, col_en = _labels(row, col)
    zh, en = d.message("zh"), d.message("en")
    assert f"“{row_label}”行“{col_zh}”列" in zh and f"填报 {reported}" in zh and f"应为 {computed}" in zh, zh
    assert f"row '{row_label}', column '{col_en}'" in en and f"reported {reported}," in en, en
    assert f"gives {computed} (" in en, en


@pytest.mark.parametrize("col", K6)
def test_t3_01_balance_per_column(col: str) -> None:
    text = bump(QUIET, "received", col, 1)
    diags = only(text, "T3-01")
    assert found(text) == sorted(("T3-01", "error", *cell_pos(text, "carried_forward", c)) for c in (col, "total"))
    d = next(x for x in diags if x.column == cell_pos(text, "carried_forward", col)[1])
    lhs = cell(text, "received", col) + cell(text, "carried_over", col)
    rhs = cell(text, "total", col) + cell(text, "carried_forward", col)
    _, col_zh, col_en = _labels("received", col)
    zh, en = d.message("zh"), d.message("en")
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计", "四、结转下年度继续办理"):
        assert label in zh and label in en
    assert f"“{col_zh}”列" in zh and f"= {lhs}，" in zh and f"= {rhs}，" in zh and "相差 1" in zh, zh
    assert f"column '{col_en}'" in en and f"= {lhs} but" in en and f"= {rhs} (off by 1)" in en, en


@pytest.mark.parametrize("row, col", [("disclosed", "natural_person"), ("partly_disclosed", "business"),
                                      ("state_secret", "research"), ("not_held", "public_welfare"),
                                      ("enforcement_files", "legal_service"), ("no_correction", "other")])
def test_t3_02_total_results_per_column(row: str, col: str) -> None:
    text = bump(QUIET, row, col, 2)
    diags = only(text, "T3-02")
    assert found(text) == sorted(("T3-02", "error", *cell_pos(text, "total", c)) for c in (col, "total"))
    d = next(x for x in diags if x.column == cell_pos(text, "total", col)[1])
    assert_sum_message(d, "total", col, cell(text, "total", col), cell(text, "total", col) + 2)
    row_label = _labels(row, col)[0]
    assert f"{row_label} {cell(text, row, col)}" in d.message("zh")  # the changed term is named with its value


@pytest.mark.parametrize("first, second, delta", [
    ("received", "carried_over", -1),  # the 总计 column still balances, so only the row rule fails
    ("received", "carried_forward", 1),
    ("disclosed", "partly_disclosed", -1),
    ("third_party_rights", "not_held", -1),
    ("petition_complaint", "no_correction", -1),
])
def test_t3_03_written_row_total_per_row(first: str, second: str, delta: int) -> None:
    text = set_cell(QUIET, first, "total", cell(QUIET, first, "total") + 1)
    text = set_cell(text, second, "total", cell(text, second, "total") + delta)
    diags = only(text, "T3-03")
    assert found(text) == sorted(("T3-03", "error", *cell_pos(text, r, "total")) for r in (first, second))
    for d in diags:
        row = first if d.line == cell_pos(text, first, "total")[0] else second
        assert_sum_message(d, row, "total", cell(text, row, "total"), sum(cell(text, row, c) for c in K6))


def test_omitted_totals_are_derived_and_pass() -> None:
    stripped = strip_totals(QUIET)
    assert "total:" not in stripped.split("applications:")[1]
    checked = check(stripped)
    assert checked.diagnostics == []
    full = check(QUIET).report
    for key, table in checked.report.tables.items():
        assert table.values == full.tables[key].values
        assert not any(col == "total" for _, col in table.given)


def test_wrong_written_total_fails_where_others_are_derived() -> None:
    text = set_cell(strip_totals(QUIET), "review", "total", 5)
    assert found(text) == [("T4-01", "error", *cell_pos(text, "review", "total"))]


def test_wrong_result_row_total_with_derived_total_row() -> None:
    text = set_cell(strip_totals(QUIET), "third_party_rights", "total", 3)
    assert found(text) == [("T3-03", "error", *cell_pos(text, "third_party_rights", "total"))]


@pytest.mark.parametrize("col", ["natural_person", "business"])
def test_t3_05_results_side_too_large(col: str) -> None:
    text = bump(bump(QUIET, "disclosed", col, 10), "total", col, 10)
    total = lambda r, c: cell(text, r, c)  # noqa: E731
    assert total("total", col) > total("received", col) + total("carried_over", col)
    assert found(text) == sorted([("T3-01", "error", *cell_pos(text, "carried_forward", c)) for c in (col, "total")]
                                 + [("T3-05", "error", *cell_pos(text, "total", c)) for c in (col, "total")])
    d = next(x for x in check(text).diagnostics if x.rule == "T3-05" and x.column == cell_pos(text, "total", col)[1])
    limit = total("received", col) + total("carried_over", col)
    assert f"（七）总计” = {total('total', col)}，超过了" in d.message("zh") and f"= {limit}。" in d.message("zh")
    assert "exceeds" in d.message("en") and f"= {limit}." in d.message("en")


@pytest.mark.parametrize("col", ["natural_person", "legal_service"])
def test_t3_05_carried_forward_too_large(col: str) -> None:
    text = bump(QUIET, "carried_forward", col, 60)
    assert found(text) == sorted(
        [("T3-01", "error", *cell_pos(text, "carried_forward", c)) for c in (col, "total")]
        + [("T3-05", "error", *cell_pos(text, "carried_forward", c)) for c in (col, "total")])
    d = next(x for x in check(text).diagnostics if x.rule == "T3-05" and x.column == cell_pos(text, "carried_forward", col)[1])
    assert "四、结转下年度继续办理" in d.message("zh") and str(cell(text, "carried_forward", col)) in d.message("en")


@pytest.mark.parametrize("row, col, value, key", [
    ("received", "natural_person", "-1", "schema.negative"),
    ("disclosed", "business", "4.5", "schema.not_integer"),
    ("carried_forward", "total", "七", "schema.number_as_text"),
    ("third_party_rights", "research", "~", "schema.empty_cell"),
    ("no_correction", "other", '"3"', "schema.number_as_text"),
])
def test_t3_04_cells_are_whole_numbers(row: str, col: str, value: str, key: str) -> None:
    text = set_cell(QUIET, row, col, value)
    diags = only(text, "T3-04")
    assert found(text) == [("T3-04", "error", *cell_pos(text, row, col))] and diags[0].key == key


@pytest.mark.parametrize("row, col, value", [("still_unclear", "research", "~"), ("other", "other", '"3"')])
def test_t3_04_bad_cell_in_row_with_derived_total(row: str, col: str, value: str) -> None:
    text = set_cell(QUIET, row, col, value)
    assert found(text) == [("T3-04", "error", *cell_pos(text, row, col))]


# ---- table 四 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rule, row, col, value", [
    ("T4-01", "review", "total", 5),
    ("T4-01", "review", "corrected", 2),
    ("T4-02", "litigation_direct", "pending", 2),
    ("T4-03", "litigation_after_review", "total", 2),  # a total written where the input leaves it out
])
def test_t4_totals(rule: str, row: str, col: str, value: int) -> None:
    text = set_cell(QUIET, row, col, value)
    assert found(text) == [(rule, "error", *cell_pos(text, row, "total"))]
    d = check(text).diagnostics[0]
    computed = sum(cell(text, row, c) for c in ("upheld", "corrected", "other", "pending"))
    label = next(r.label for r in L.REVIEW.rows if r.path == (row,))
    assert f"“{label}”行“总计”列：填报 {cell(text, row, 'total')}，" in d.message("zh")
    assert f"应为 {computed}" in d.message("zh") and f"gives {computed}" in d.message("en")


def test_t4_03_omitted_total_is_derived() -> None:
    assert cell(QUIET, "litigation_after_review", "total") is None
    assert found(set_cell(QUIET, "litigation_after_review", "upheld", 3)) == []


@pytest.mark.parametrize("row, col, value", [("review", "upheld", "-1"), ("litigation_after_review", "other", "0.5"),
                                             ("litigation_direct", "total", "两件")])
def test_t4_04_cells_are_whole_numbers(row: str, col: str, value: str) -> None:
    text = set_cell(QUIET, row, col, value)
    assert found(text) == [("T4-04", "error", *cell_pos(text, row, col))]


# ---- table 二 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("row, col, value", [("normative_documents", "issued", "-1"),
                                             ("regulations", "in_force", "0.5"),
                                             ("licensing", "decisions", "4862.5"),
                                             ("penalties", "decisions", "327件"),
                                             ("coercive_measures", "decisions", "/")])
def test_t2_01_counts_are_whole_numbers(row: str, col: str, value: str) -> None:
    text = set_cell(QUIET, row, col, value)
    assert found(text) == [("T2-01", "error", *cell_pos(text, row, col))]


@pytest.mark.parametrize("value, key", [("12.3456789", "rule.decimals"), ("-12.35", "schema.negative"),
                                        ("1235元", "schema.number_as_text")])
def test_t2_02_fee_amount(value: str, key: str) -> None:
    text = set_cell(QUIET, "fees", "amount_wan_yuan", value)
    diags = only(text, "T2-02")
    assert found(text) == [("T2-02", "error", *cell_pos(text, "fees", "amount_wan_yuan"))] and diags[0].key == key
    assert value in diags[0].message("zh")


def test_t2_02_six_decimals_are_fine_and_yuan_hint_converts() -> None:
    assert found(set_cell(QUIET, "fees", "amount_wan_yuan", "12.345678")) == []  # spec §6: to the 分
    d = check(set_cell(QUIET, "fees", "amount_wan_yuan", "1235元")).diagnostics[0]
    assert "0.1235" in d.message("zh") and "0.1235" in d.message("en")


def test_t2_02_exponent_form_is_checked_too() -> None:
    text = set_cell(QUIET, "fees", "amount_wan_yuan", "1.5e-07")
    assert found(text) == [("T2-02", "error", *cell_pos(text, "fees", "amount_wan_yuan"))]


# Calibrated on real reports (spec §6 T2-04): a township or county department rarely reports more than a
# few hundred 万元, a county government up to tens of thousands, a prefecture-level city about 96,000.
@pytest.mark.parametrize("organ_type, too_much, yuan, plausible", [
    ("government_department", "123500", "1,235,000,000", "999.99"),
    ("township_or_street", "123500", "1,235,000,000", "999.99"),
    ("county_government", "123500", "1,235,000,000", "24252.311082"),
    ("city_government", "1234500", "12,345,000,000", "96000")])
def test_t2_04_fee_that_looks_like_yuan(organ_type: str, too_much: str, yuan: str, plausible: str) -> None:
    text = replace_once(QUIET, "organ_type: government_department", f"organ_type: {organ_type}")
    text = set_cell(text, "fees", "amount_wan_yuan", too_much)
    assert found(text) == [("T2-04", "warning", *cell_pos(text, "fees", "amount_wan_yuan"))]
    assert yuan in check(text).diagnostics[0].message("zh")
    assert found(set_cell(text, "fees", "amount_wan_yuan", plausible)) == []


@pytest.mark.parametrize("organ_type, col", [("township_or_street", "issued"), ("government_department", "repealed"),
                                             ("county_government", "in_force")])
def test_t2_05_rules_from_a_body_without_rule_making_power(organ_type: str, col: str) -> None:
    text = replace_once(QUIET, "organ_type: government_department", f"organ_type: {organ_type}")
    text = set_cell(text, "regulations", col, 2)
    assert found(text) == [("T2-05", "warning", *cell_pos(text, "regulations", col))]
    city = replace_once(text, f"organ_type: {organ_type}", "organ_type: city_government")
    assert found(city) == []


# ---- structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("section", [s.key for s in L.SECTIONS])
def test_s_01_missing_section(section: str) -> None:
    text = set_top(QUIET, section, None)
    diags = only(text, "S-01")
    assert found(text) == [("S-01", "error", line_no(text, r"^format:"), 1)]  # the report as a whole
    assert F2021.section_by_key[section].heading in diags[0].message("zh")


def test_s_02_missing_row() -> None:
    text = re.sub(r"\n      excessive: .*", "", QUIET)
    diags = only(text, "S-02")
    assert len(diags) == 1 and "4.无正当理由大量反复申请" in diags[0].message("zh")
    # the mapping that lacks the row: its key line or its first row
    assert diags[0].line in (line_no(text, r"^    not_processed:"), line_no(text, r"^      petition_complaint:"))


@pytest.mark.parametrize("row, drop", [("received", "research: 0, "), ("review", "other: 0, "),
                                       ("normative_documents", "repealed: 2, ")])
def test_s_02_missing_cell(row: str, drop: str) -> None:
    n, line, _ = _row(QUIET, row)
    text = replace_once(QUIET, line, line.replace(drop, "", 1))
    assert found(text) == [("S-02", "error", n, len(line) - len(line.lstrip()) + 1)]  # at the row's key


def test_s_02_unknown_row_and_column() -> None:
    text = replace_once(QUIET, "    total:                   {",
                        "      withdrawn:             {natural_person: 0}\n    total:                   {")
    assert found(text) == [("S-02", "error", line_no(text, r"^      withdrawn:"), 7)]
    text = set_cell(QUIET, "carried_over", "natural_persons", 2)
    n, line, _ = _row(text, "carried_over")
    assert found(text) == [("S-02", "error", n, line.index("natural_persons") + 1)]


@pytest.mark.parametrize("title", ["云溪县市场监督管理局政府信息公开工作年度报告", "云溪县市场监督管理局2023年政府信息公开工作年度报告",
                                   "云溪县市场监督管理局2024年政务公开工作报告"])
def test_s_03_title(title: str) -> None:
    text = set_top(QUIET, "title", title)
    assert found(text) == [("S-03", "warning", *top_key_pos(text, "title"))]
    assert found(set_top(QUIET, "title", "2024年云溪县市场监督管理局政府信息公开工作年度报告")) == []


@pytest.mark.parametrize("period", ["2023年1月1日至12月31日", "2024年1月1日至2024年11月30日", "2024年2月1日至12月31日"])
def test_s_03_statistics_period(period: str) -> None:
    text = replace_once(QUIET, "2024年1月1日至12月31日", period)
    assert found(text) == [("S-03", "warning", line_no(text, "统计期限为"), 1)]
    assert period in check(text).diagnostics[0].message("zh")


def test_s_05_section_six_without_fees() -> None:
    text = set_top(QUIET, "other_matters", "本年度无其他需要报告的事项。")
    assert found(text) == [("S-05", "warning", *top_key_pos(text, "other_matters"))]


# ---- narrative ---------------------------------------------------------------------------------


@pytest.mark.parametrize("section, empty", [("overview", '""'), ("problems_and_improvements", '"  "'),
                                            ("problems_and_improvements", "|\n  \n")])
def test_n_01_empty_narrative_section(section: str, empty: str) -> None:
    text = set_top(YUNXI, section, empty)
    assert found(text) == [("N-01", "warning", *top_key_pos(text, section))]


def test_n_01_empty_section_six_also_lacks_fees() -> None:
    text = set_top(YUNXI, "other_matters", '""')
    pos = top_key_pos(text, "other_matters")
    assert found(text) == [("N-01", "warning", *pos), ("S-05", "warning", *pos)]


@pytest.mark.parametrize("old, new", [
    ("本报告根据", "一、本报告根据"),  # intro
    ("  我局修订了依申请公开工作规程", "  二、我局修订了依申请公开工作规程"),  # overview
    ("  针对上述问题", "  三、针对上述问题"),  # problems_and_improvements
    ("  按照县政府办公室", "  \u3000\u3000四、按照县政府办公室"),  # other_matters, indented with full-width spaces
    ("applications:\n", "applications:\n  text: |\n    表格如下：\n\n    五、收到和处理政府信息公开申请情况\n"),
])
def test_n_02_paragraph_with_level1_number(old: str, new: str) -> None:
    text = replace_once(YUNXI, old, new)
    marker = re.search(r"[一二三四五]、", new).group(0)
    assert found(text) == [("N-02", "warning", line_no(text, rf"^[ \u3000]*{marker}"), 1)]


def test_n_02_line_in_folded_block() -> None:
    text = replace_once(YUNXI, "problems_and_improvements: |", "problems_and_improvements: >")
    text = replace_once(text, "  针对上述问题", "  二、针对上述问题")
    assert found(text) == [("N-02", "warning", line_no(text, r"^  二、针对"), 1)]


# ---- text against tables, and against last year's report ---------------------------------------


@pytest.mark.parametrize("rule, old, new", [
    ("T3-08", "新收政府信息公开申请54件", "新收政府信息公开申请55件"),
    ("T3-08", "予以公开21件", "予以公开20件"),
    ("T3-08", "结转下年度继续办理7件", "结转下年度继续办理8件"),
    ("T4-05", "被申请行政复议4件", "被申请行政复议5件"),
    ("T4-05", "本年度未发生因政府信息公开工作被追究责任的情况。", "本年度未发生行政诉讼。"),
])
def test_text_counts_match_the_tables(rule: str, old: str, new: str) -> None:
    text = replace_once(YUNXI, old, new)
    assert found(text) == [(rule, "warning", line_no(text, re.escape(new)), 1)]


def _previous_year(text: str) -> str:
    """Last year's report of the same body: its carried-forward row is this year's carried-over."""
    text = text.replace("2024", "2023").replace("{issued: 3, repealed: 2, in_force: 11}",
                                                 "{issued: 1, repealed: 0, in_force: 10}")
    for col, value in [("natural_person", 37), ("business", 7), ("legal_service", 3), ("total", 50)]:
        text = set_cell(text, "received", col, value)
    for col, value in [("natural_person", 2), ("business", 1), ("legal_service", 0), ("total", 3)]:
        text = set_cell(text, "carried_forward", col, value)
    return text


@pytest.mark.parametrize("rule, change, at", [
    (None, {}, []),
    ("T3-07", {("carried_forward", "business"): 2, ("carried_forward", "total"): 4, ("received", "business"): 8,
               ("received", "total"): 51}, [("carried_over", "business"), ("carried_over", "total")]),
    ("T2-03", {("normative_documents", "in_force"): 9}, [("normative_documents", "in_force")]),
])
def test_cross_year_rules(tmp_path: Path, rule: str | None, change: dict, at: list) -> None:
    before = _previous_year(QUIET)
    for (row, col), value in change.items():
        before = set_cell(before, row, col, value)
    assert found(before) == []  # last year's report is itself consistent
    (tmp_path / "2023.yaml").write_text(before, encoding="utf-8")
    (tmp_path / "2024.yaml").write_text(QUIET, encoding="utf-8")
    checked = check_file(tmp_path / "2024.yaml", previous=tmp_path / "2023.yaml")
    assert sorted((d.rule, d.severity, d.line, d.column) for d in checked.diagnostics) == \
        sorted((rule, "warning", *cell_pos(QUIET, r, c)) for r, c in at)


def test_t3_07_previous_report_of_another_year(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(_previous_year(QUIET).replace("year: 2023", "year: 2022")
                                       .replace("2023年", "2022年"), encoding="utf-8")
    (tmp_path / "2024.yaml").write_text(QUIET, encoding="utf-8")
    checked = check_file(tmp_path / "2024.yaml", previous=tmp_path / "old.yaml")
    assert [(d.rule, d.line, d.column) for d in checked.diagnostics] == \
        [("T3-07", *cell_pos(QUIET, "carried_over", "total"))]
    assert "2022" in checked.diagnostics[0].message("zh")


# ---- the command line --------------------------------------------------------------------------


def _cli() -> str:
    exe = Path(sys.executable).with_name("gipr-gen")
    return str(exe) if exe.exists() else "gipr-gen"


def test_cli_check_exit_codes_and_output(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(YUNXI, encoding="utf-8")
    text = bump(QUIET, "received", "business", 1)
    bad.write_text(text, encoding="utf-8")
    run = subprocess.run([_cli(), "check", "--lang", "zh", str(bad), str(good)], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 2 and all(re.fullmatch(rf"{re.escape(str(bad))}:{cell_pos(text, 'carried_forward', c)[0]}:"
                                                rf"{cell_pos(text, 'carried_forward', c)[1]}: 错误 T3-01 .+", line)
                                   for line, c in zip(lines, ("business", "total"))), lines
    ok = subprocess.run([_cli(), "check", "--lang", "zh", str(good)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout == "", ok.stdout + ok.stderr


@pytest.mark.parametrize("placeholder", ["（待填写）", "(to be written)"])
def test_n_04_placeholder_from_init_left_in(placeholder: str) -> None:
    text = replace_once(YUNXI, "  针对上述问题", f"  {placeholder}针对上述问题")
    assert found(text) == [("N-04", "warning", line_no(text, rf"^  {re.escape(placeholder)}"), 1)]


@pytest.mark.parametrize("slip", ["思想 and 党的", "质量of发展", "依法 with 规范"])
def test_n_05_stray_english_word(slip: str) -> None:
    text = replace_once(YUNXI, "  针对上述问题", f"  {slip}针对上述问题")
    assert found(text) == [("N-05", "warning", line_no(text, rf"^  {slip}"), 1)]


@pytest.mark.parametrize("ok", ["利用 LED 屏发布", "通过 12345 热线", "Times New Roman 字体"])
def test_n_05_leaves_names_and_abbreviations_alone(ok: str) -> None:
    assert found(replace_once(YUNXI, "  针对上述问题", f"  {ok}，针对上述问题")) == []


@pytest.mark.parametrize("slip", ["；；", ";;", "，，", "。。"])
def test_n_06_doubled_punctuation(slip: str) -> None:
    text = replace_once(YUNXI, "  针对上述问题", f"  针对{slip}上述问题")
    assert found(text) == [("N-06", "warning", line_no(text, rf"^  针对{re.escape(slip)}"), 1)]


# ---- coverage of the rule list -----------------------------------------------------------------


def test_every_checked_rule_has_a_test() -> None:
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    used = {node.value for fn in tree.body if isinstance(fn, ast.FunctionDef) and fn.name.startswith("test_")
            and fn.name != "test_every_checked_rule_has_a_test"
            for deco_or_body in (fn.decorator_list, fn.body) for part in deco_or_body
            for node in ast.walk(part) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    missing = {r.id for r in RULES} - READER_RULES - {u for u in used if u in {r.id for r in RULES}}
    assert not missing, f"rules without a test: {sorted(missing)}"


# ---- N-03: Markdown the official layout cannot hold, found by check itself ------------------------

# What a user typed inside a narrative paragraph, and the line (a regex) the finding must point at.
N03_CASES = {
    "indented four spaces": ("  针对上述问题", "  \n      针对上述问题", r"^      针对上述问题"),
    "tab at paragraph start": ("  针对上述问题", "  \n  \t针对上述问题", r"^  \t针对上述问题"),
    "bold tag": ("  针对上述问题", "  <b>针对</b>上述问题", r"^  <b>针对"),
    "line break tag": ("  针对上述问题", "  针对<br>上述问题", r"^  针对<br>"),
    "image": ("  针对上述问题", "  ![公章](seal.png)\n\n  针对上述问题", r"^  !\[公章\]"),
}


@pytest.mark.parametrize("name", N03_CASES)
def test_n_03_is_found_by_check_on_its_line(name: str) -> None:
    old, new, at = N03_CASES[name]
    text = replace_once(YUNXI, old, new)
    diags = [d for d in check(text).diagnostics if d.rule == "N-03"]
    assert [(d.severity, d.line) for d in diags] == [("error", line_no(text, at))]
    assert not check(text).buildable(force=True)  # no writer can hold it, so --force cannot build it
