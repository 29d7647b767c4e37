"""One mistake, one finding: real edits of the Yunxi report, each asserting every finding it gives."""

from __future__ import annotations

from pathlib import Path

from gipr_gen.api import check_file

from test_rules import YUNXI, cell_pos, check, found, replace_once, set_cell, top_key_pos


def test_wrong_written_total_is_one_finding() -> None:
    text = set_cell(YUNXI, "received", "total", 55)  # the parts add up to 54, as the text says
    assert found(text) == [("T3-03", "error", *cell_pos(text, "received", "total"))]


def test_one_wrong_cell_points_at_that_cell() -> None:
    text = set_cell(YUNXI, "received", "business", 10)  # 总计 54 and the text stay as they were
    assert found(text) == [("T3-01", "error", *cell_pos(text, "received", "business"))]
    (d,) = check(text).diagnostics
    assert (d.args["lhs"], d.args["rhs"], d.args["diff"]) == (11, 10, 1)


def test_one_wrong_cell_in_a_row_without_total() -> None:
    text = set_cell(YUNXI, "state_secret", "research", 1)  # its 总计 is derived, （七）总计 is written
    # the text's 不予公开6件 agrees with the written （七）总计, not with the edited rows: T3-08 waits until the
    # table adds up, and then judges the text again
    assert found(text) == [("T3-02", "error", *cell_pos(text, "total", "research"))]  # (test_rules: T3-08 on a sound table)


def test_wrong_review_total_is_one_finding() -> None:
    text = set_cell(YUNXI, "review", "total", 5)  # the text says 4, the parts add up to 4
    assert found(text) == [("T4-01", "error", *cell_pos(text, "review", "total"))]


def test_narrative_of_another_year() -> None:
    text = YUNXI.replace("year: 2024", "year: 2023").replace("2023年度报告", "2022年度报告")
    assert found(text) == sorted([("N-07", "warning", *top_key_pos(text, "year")),
                                  ("S-03", "warning", *top_key_pos(text, "title"))]
                                 + [(d.rule, d.severity, d.line, d.column) for d in check(text).diagnostics
                                    if d.rule == "S-03" and d.key == "rule.period"])
    d = next(d for d in check(text).diagnostics if d.rule == "N-07")
    assert (d.args["year"], d.args["used"]) == (2023, 2024)


def test_mentions_of_last_and_next_year_pass() -> None:
    text = replace_once(YUNXI, "2023年度报告提出的", "2025年将继续推进。2023年度报告提出的")
    assert found(text) == []


def test_previous_of_the_same_year_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(YUNXI, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(YUNXI, encoding="utf-8")
    checked = check_file(tmp_path / "a.yaml", previous=tmp_path / "b.yaml")
    assert [(d.rule, d.severity, d.line, d.column) for d in checked.diagnostics] == [
        ("N-08", "error", *top_key_pos(YUNXI, "year"))]
