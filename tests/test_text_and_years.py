"""Counts stated in the text against the tables (T3-08, T4-05), cross-year rules (T3-07, T2-03), explain.

Expected figures are read from the report files (yaml.safe_load) and expected sentences are quoted
from them, never found or computed by the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from gipr_gen.api import check_bytes, check_file
from gipr_gen.formats.f2021.text_facts import mentions
from gipr_gen.formats.numerals import count as number

from conftest import ROOT, cli

YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"  # no findings at all
SUINING = ROOT / "inputs" / "suining-ciyin-2023.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")
APPLICANTS = ("natural_person", "business", "research", "public_welfare", "legal_service", "other")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def value_column(text: str, line: int, key: str) -> int:
    """The column of a cell's value in a one-line flow mapping (``{key: value}``)."""
    source = text.splitlines()[line - 1]
    return source.index(f"{key}: ") + len(key) + 3


def total(row: dict) -> int:
    return sum(row[k] for k in row if k != "total")


# ---- reading counts in sentences (units of text_facts, with literal expectations) -----------------


@pytest.mark.parametrize("text,expected", [
    ("全年共收到政府信息公开申请12件。", [("received", 12)]),
    ("2023 年，真源街道共收到政府信息公开申请 0 件。", [("received", 0)]),
    ("本年度新收政府信息公开申请十二件", [("received", 12)]),
    ("受理依申请公开申请共计35件，予以公开20件，部分公开5件", [("received", 35), ("results.disclosed", 20),
                                                        ("results.partly_disclosed", 5)]),
    ("不予公开3件，无法提供4件，不予处理2件，结转下年度继续办理1件。",
     [("results.withheld.*", 3), ("results.unavailable.*", 4), ("results.not_processed.*", 2), ("carried_forward", 1)]),
    ("上年结转政府信息公开申请2件", [("carried_over", 2)]),
    ("被申请行政复议2起，提起行政诉讼1起。", [("review", 2), ("litigation_direct", 1)]),
    ("收到行政诉讼1条,未收到行政复议、依申请公开件。", [("litigation_direct", 1), ("received", 0), ("review", 0)]),
    ("未发生行政复议、行政诉讼情况。", [("review", 0), ("litigation_direct", 0)]),
    ("本年度没有收到政府信息公开申请。", [("received", 0)]),
    ("主动公开信息182余条，热线工单1865件次。", []),
    ("共收到政府信息公开申请100多件", []),
])
def test_mentions_in_realistic_sentences(text: str, expected: list[tuple[str, int]]) -> None:
    found = sorted((m.fact.rows[0], m.stated) for m in mentions(text))
    assert found == sorted(expected)


@pytest.mark.parametrize("text,value", [("12", 12), ("１２", 12), ("十二", 12), ("二十", 20), ("三百零五", 305),
                                        ("一百", 100), ("二〇二三", 2023), ("两", 2), ("五十四", 54)])
def test_numbers(text: str, value: int) -> None:
    assert number(text) == value


# ---- text against the tables -------------------------------------------------------------------


def test_seed_contradiction_is_reported_on_its_line() -> None:
    text = SUINING.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    litigation = sum(total(data["review_and_litigation"][r]) for r in ("litigation_direct", "litigation_after_review"))
    found = [d for d in check_file(SUINING).diagnostics if d.rule == "T4-05"]
    assert [(d.severity, d.key, d.line, d.column) for d in found] == [
        ("warning", "rule.text_count", line_of(text, "收到行政诉讼1条"), 1)]
    assert {k: found[0].args[k] for k in ("quote", "stated", "actual")} == {
        "quote": "行政诉讼1条", "stated": 1, "actual": litigation}
    assert litigation == 0


def test_text_that_agrees_with_the_tables_passes() -> None:
    text = YUNXI.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    # the sentences this test relies on, and the table figures they state
    assert "新收政府信息公开申请54件" in text and data["applications"]["received"]["total"] == 54
    assert "予以公开21件" in text and data["applications"]["results"]["disclosed"]["total"] == 21
    assert "行政复议4件" in text and data["review_and_litigation"]["review"]["total"] == 4
    assert check_bytes(text.encode(), "y.yaml").diagnostics == []
    in_words = text.replace("新收政府信息公开申请54件", "新收政府信息公开申请五十四件", 1)
    assert check_bytes(in_words.encode(), "y.yaml").diagnostics == []


@pytest.mark.parametrize("old,new,rule,stated,actual", [
    ("新收政府信息公开申请54件", "新收政府信息公开申请999件", "T3-08", 999, 54),
    ("予以公开21件", "予以公开20件", "T3-08", 20, 21),
    ("行政复议4件", "行政复议5件", "T4-05", 5, 4),
    ("新收政府信息公开申请54件", "新收政府信息公开申请五十件", "T3-08", 50, 54),
])
def test_a_changed_figure_in_the_text_is_reported_on_its_line(old: str, new: str, rule: str, stated: int,
                                                              actual: int) -> None:
    changed = YUNXI.read_text(encoding="utf-8").replace(old, new, 1)
    found = check_bytes(changed.encode(), "y.yaml").diagnostics
    assert [(d.rule, d.severity, d.key, d.line) for d in found] == [
        (rule, "warning", "rule.text_count", line_of(changed, new))]
    assert (found[0].args["stated"], found[0].args["actual"]) == (stated, actual)
    assert found[0].args["quote"] == new  # the words as the text has them


# ---- cross-year -----------------------------------------------------------------------------------


def next_year(tmp_path: Path, edits: dict[str, str], year: int = 2025) -> tuple[Path, str]:
    text = YUNXI.read_text(encoding="utf-8").replace("year: 2024", f"year: {year}").replace("2024年", f"{year}年")
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{year}.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def cross(path: Path, previous: Path = YUNXI) -> list:
    return [d for d in check_file(path, previous=previous).diagnostics if d.rule in ("T3-07", "T2-03")]


def test_carry_over_mismatch_is_reported_per_column_and_names_both_files(tmp_path: Path) -> None:
    prev_text = YUNXI.read_text(encoding="utf-8")
    last = yaml.safe_load(prev_text)["applications"]["carried_forward"]
    prev_line = line_of(prev_text, "carried_forward:")
    path, text = next_year(tmp_path, {})  # carried_over left as it was in 2024
    this = yaml.safe_load(text)["applications"]["carried_over"]
    this_line = line_of(text, "carried_over:")
    differing = [k for k in (*APPLICANTS, "total") if this[k] != last[k]]
    assert differing == ["natural_person", "business", "legal_service", "total"]  # the files as they are
    found = [d for d in cross(path) if d.rule == "T3-07"]
    assert [(d.severity, d.key, d.line, d.column) for d in found] == [
        ("warning", "rule.carry_over", this_line, value_column(text, this_line, k)) for k in differing]
    assert [(d.args["cin"], d.args["cout"]) for d in found] == [(this[k], last[k]) for k in differing]
    assert {d.args["previous"] for d in found} == {f"{YUNXI}:{prev_line}"}


def test_carried_figures_match_when_copied(tmp_path: Path) -> None:
    last = yaml.safe_load(YUNXI.read_text(encoding="utf-8"))["applications"]["carried_forward"]
    row = ", ".join(f"{k}: {last[k]}" for k in APPLICANTS)
    old = next(t for t in YUNXI.read_text(encoding="utf-8").splitlines() if t.strip().startswith("carried_over:"))
    path, _ = next_year(tmp_path, {old: f"  carried_over: {{{row}}}"})
    assert [d for d in cross(path) if d.rule == "T3-07"] == []


def test_in_force_stock(tmp_path: Path) -> None:
    text = YUNXI.read_text(encoding="utf-8")
    stock = yaml.safe_load(text)["proactive_disclosure"]["normative_documents"]["in_force"]
    prev_line = line_of(text, "normative_documents:")
    old = next(t for t in text.splitlines() if t.strip().startswith("normative_documents:"))
    good = f"  normative_documents: {{issued: 3, repealed: 1, in_force: {stock + 2}}}"
    path, _ = next_year(tmp_path, {old: good})
    assert not [d for d in cross(path) if d.rule == "T2-03"]
    path, changed = next_year(tmp_path, {old: good.replace(f"in_force: {stock + 2}", f"in_force: {stock + 7}")})
    found = [d for d in cross(path) if d.rule == "T2-03"]
    line = line_of(changed, "normative_documents:")
    assert [(d.severity, d.key, d.line, d.column) for d in found] == [
        ("warning", "rule.in_force", line, value_column(changed, line, "in_force"))]
    assert {k: found[0].args[k] for k in ("reported", "expected", "last", "issued", "repealed", "previous")} == {
        "reported": stock + 7, "expected": stock + 2, "last": stock, "issued": 3, "repealed": 1,
        "previous": f"{YUNXI}:{prev_line}"}


def test_a_previous_report_of_another_year_is_noted(tmp_path: Path) -> None:
    last = yaml.safe_load(YUNXI.read_text(encoding="utf-8"))["applications"]["carried_forward"]
    old = next(t for t in YUNXI.read_text(encoding="utf-8").splitlines() if t.strip().startswith("carried_over:"))
    row = ", ".join(f"{k}: {last[k]}" for k in APPLICANTS)
    path, text = next_year(tmp_path, {old: f"  carried_over: {{{row}}}"}, year=2026)  # 2024 is not the year before
    found = [d for d in cross(path) if d.key == "rule.previous_year"]
    assert [(d.rule, d.severity, d.line) for d in found] == [("T3-07", "warning", line_of(text, "carried_over:"))]
    assert {k: found[0].args[k] for k in ("previous", "previous_year", "year")} == {
        "previous": str(YUNXI), "previous_year": 2024, "year": 2026}


def test_previous_via_cli(tmp_path: Path) -> None:
    path, text = next_year(tmp_path, {})
    (tmp_path / "b").mkdir()
    other, _ = next_year(tmp_path / "b", {})
    res = cli("check", "--format", "json", str(path), str(other), "--previous", str(YUNXI))
    assert res.returncode == 0  # cross-year findings are warnings
    found = json.loads(res.stdout)
    for report in (path, other):  # every file is compared with last year's
        mine = [f for f in found if f["file"] == str(report) and f["rule"] == "T3-07"]
        assert {f["line"] for f in mine} == {line_of(text, "carried_over:")} and len(mine) == 4
    assert not [f for f in found if f["file"] == str(YUNXI)]  # last year's own warnings are not this year's
    assert cli("check", str(path)).returncode == 0 and not [
        f for f in json.loads(cli("check", "--format", "json", str(path)).stdout) if f["rule"] == "T3-07"]
    assert cli("check", "--strict", str(path), "--previous", str(YUNXI)).returncode == 1
    missing = tmp_path / "missing.yaml"
    res = cli("check", str(path), "--previous", str(missing))
    assert res.returncode == 2 and str(missing) in res.stderr and res.stdout == ""
    res = cli("check", str(path), "--previous", str(tmp_path / "b"))  # a folder
    assert res.returncode == 2 and "Traceback" not in res.stderr


def test_a_broken_previous_report_is_reported_under_its_own_name(tmp_path: Path) -> None:
    path, _ = next_year(tmp_path, {})
    broken = tmp_path / "2024.yaml"
    text = YUNXI.read_text(encoding="utf-8").replace("licensing:", "licencing:")
    broken.write_text(text, encoding="utf-8")
    res = cli("check", "--format", "json", str(path), "--previous", str(broken))
    assert res.returncode == 1
    found = json.loads(res.stdout)
    assert [(f["file"], f["line"], f["rule"], f["severity"]) for f in found if f["severity"] == "error"] == [
        (str(broken), line_of(text, "licencing:"), "S-02", "error")]
    assert not [f for f in found if f["rule"] in ("T3-07", "T2-03")]  # no comparison with a report that has errors


# ---- explain ------------------------------------------------------------------------------------

# The consistency rules of spec §6 this tool implements (S-04, the publication date, needs a date the
# report file does not hold; T3-06 cannot be checked; G1/G2 are importer rules), the narrative rules
# N-01…N-06 of the README and the input checks the other tests meet.
SPEC_RULES = {"T3-01", "T3-02", "T3-03", "T3-04", "T3-05", "T3-07", "T3-08", "T4-01", "T4-02", "T4-03", "T4-04",
              "T4-05", "T2-01", "T2-02", "T2-03", "T2-04", "T2-05", "S-01", "S-02", "S-03", "S-05"}
OWN_RULES = {"N-01", "N-02", "N-03", "N-04", "N-05", "N-06", "Y-ENCODING", "Y-UTF8", "Y-CHAR", "Y-SYNTAX", "Y-STRUCTURE",
             "Y-DUPLICATE", "Y-NUMBER", "Y-KEY", "Y-TYPE", "Y-VALUE", "Y-RANGE", "Y-REQUIRED"}


def test_explain_every_rule_in_both_languages() -> None:
    from gipr_gen.api import explain as explain_rule
    from gipr_gen.api import rule_ids

    known = set(rule_ids())
    assert SPEC_RULES | OWN_RULES <= known
    for rule_id in known:
        zh, en = explain_rule(rule_id, "zh"), explain_rule(rule_id, "en")
        assert zh and en and zh != en and rule_id in zh and rule_id in en, rule_id
        assert CJK.search(zh), rule_id


def test_explain_cli() -> None:
    res = cli("explain", "T3-01")
    assert res.returncode == 0 and "T3-01" in res.stdout and CJK.search(res.stdout)
    # the formula is said in the report file's own keys
    assert all(key in res.stdout for key in ("received", "carried_over", "results.total", "carried_forward"))
    assert cli("explain", "t3-01").stdout == res.stdout  # any case
    en = cli("explain", "T3-01", "--lang", "en")
    assert en.returncode == 0 and en.stdout != res.stdout and "T3-01" in en.stdout
    assert cli("explain", "Y-SYNTAX").returncode == 0
    bad = cli("explain", "T9-99")
    assert bad.returncode == 2 and "T9-99" in bad.stderr and "T3-01" in bad.stderr  # the rules there are
    assert cli("explain").returncode == 2
