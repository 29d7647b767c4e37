"""Counts stated in the text against the tables (T3-08, T4-05), cross-year rules (T3-07, T2-03), explain."""

from __future__ import annotations

import pytest

from gipr_gen.api import check_bytes, check_file
from gipr_gen.formats.numerals import count as number
from gipr_gen.formats.f2021.text_facts import mentions

from conftest import ROOT, cli

YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"
SUINING = ROOT / "inputs" / "suining-ciyin-2023.yaml"


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
                                        ("一百", 100), ("二〇二三", 2023), ("两", 2)])
def test_numbers(text: str, value: int) -> None:
    assert number(text) == value


def test_seed_contradiction_is_reported_on_its_line() -> None:
    result = check_file(SUINING)
    found = [d for d in result.diagnostics if d.rule == "T4-05"]
    line = next(i for i, t in enumerate(SUINING.read_text(encoding="utf-8").splitlines(), 1) if "收到行政诉讼1条" in t)
    assert [(d.line, d.severity) for d in found] == [(line, "warning")]
    assert "行政诉讼1条" in found[0].message("zh") and "0" in found[0].message("zh")


def test_text_that_agrees_with_the_table_passes_and_a_changed_figure_fails() -> None:
    text = YUNXI.read_text(encoding="utf-8")
    assert not [d for d in check_bytes(text.encode(), "y.yaml").diagnostics if d.rule in ("T3-08", "T4-05")]
    sentence = next(m.quote for m in mentions(text) if m.fact.rows == ("received",) and m.stated > 0)
    changed = text.replace(sentence, sentence.replace(str(next(m.stated for m in mentions(sentence))), "999"), 1)
    found = [d for d in check_bytes(changed.encode(), "y.yaml").diagnostics if d.rule == "T3-08"]
    line = next(i for i, t in enumerate(changed.splitlines(), 1) if "999" in t)
    assert [(d.line, d.severity) for d in found] == [(line, "warning")]


# ---- cross-year ---------------------------------------------------------------------------------


def next_year(tmp_path, edits: dict[str, str]) -> tuple:
    text = YUNXI.read_text(encoding="utf-8").replace("year: 2024", "year: 2025").replace("2024年", "2025年")
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def cross(path) -> list:
    return [d for d in check_file(path, previous=YUNXI).diagnostics if d.rule in ("T3-07", "T2-03")]


def test_carry_over_mismatch_names_both_files(tmp_path) -> None:
    prev = YUNXI.read_text(encoding="utf-8")
    prev_line = next(i for i, t in enumerate(prev.splitlines(), 1) if t.strip().startswith("carried_forward:"))
    path, text = next_year(tmp_path, {})
    found = [d for d in cross(path) if d.rule == "T3-07"]
    assert found and all(d.severity == "warning" for d in found)
    this_line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip().startswith("carried_over:"))
    assert {d.line for d in found} == {this_line}
    assert f"{YUNXI.name}:{prev_line}" in found[0].message("zh")


def test_carried_figures_match_when_copied(tmp_path) -> None:
    from gipr_gen.api import load

    last = load(YUNXI).tables["applications"]
    row = ", ".join(f"{k}: {last.get(('carried_forward',), k)}"
                    for k in ("natural_person", "business", "research", "public_welfare", "legal_service", "other"))
    text = YUNXI.read_text(encoding="utf-8")
    old = next(t for t in text.splitlines() if t.strip().startswith("carried_over:"))
    path, _ = next_year(tmp_path, {old: f"  carried_over: {{{row}}}"})
    assert not [d for d in cross(path) if d.rule == "T3-07"]


def test_in_force_stock(tmp_path) -> None:
    last = check_file(YUNXI).report.tables["proactive_disclosure"]
    stock = last.get(("normative_documents",), "in_force")
    text = YUNXI.read_text(encoding="utf-8")
    old = next(t for t in text.splitlines() if t.strip().startswith("normative_documents:"))
    good = f"  normative_documents: {{issued: 3, repealed: 1, in_force: {stock + 2}}}"
    path, _ = next_year(tmp_path, {old: good})
    assert not [d for d in cross(path) if d.rule == "T2-03" and "行政规范性文件" in d.message("zh")]
    path, _ = next_year(tmp_path, {old: good.replace(f"in_force: {stock + 2}", f"in_force: {stock + 7}")})
    found = [d for d in cross(path) if d.rule == "T2-03"]
    assert len(found) == 1 and str(stock + 2) in found[0].message("zh")


def test_previous_via_cli(tmp_path) -> None:
    path, _ = next_year(tmp_path, {})
    res = cli("check", str(path), "--previous", str(YUNXI))
    assert res.returncode == 0 and " 警告 T3-07 " in res.stdout
    assert cli("check", str(path), "--previous", str(tmp_path / "missing.yaml")).returncode == 2


# ---- explain ------------------------------------------------------------------------------------


def test_explain_every_rule_in_both_languages() -> None:
    from gipr_gen.api import explain as explain_rule, rule_ids as known_ids

    for rule_id in known_ids():
        zh, en = explain_rule(rule_id, "zh"), explain_rule(rule_id, "en")
        assert zh and en and zh != en and rule_id in zh


def test_explain_cli() -> None:
    res = cli("explain", "T3-01")
    assert res.returncode == 0 and "公式：received[c] + carried_over[c]" in res.stdout and "示例" in res.stdout
    assert "example:" in cli("explain", "t3-01", "--lang", "en").stdout
    bad = cli("explain", "T9-99")
    assert bad.returncode == 2 and "T3-01" in bad.stderr


def test_a_broken_previous_report_is_reported_under_its_own_name(tmp_path) -> None:
    path, _ = next_year(tmp_path, {})
    broken = tmp_path / "2024.yaml"
    broken.write_text(YUNXI.read_text(encoding="utf-8").replace("licensing:", "licencing:"), encoding="utf-8")
    res = cli("check", str(path), "--previous", str(broken))
    assert res.returncode == 1
    assert f"{broken}:" in res.stdout and " 错误 S-02 " in res.stdout
    assert not [line for line in res.stdout.splitlines() if line.startswith(f"{path}:") and " 错误 " in line]
    assert " T3-07 " not in res.stdout  # no comparison with a report that has errors
