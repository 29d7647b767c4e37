"""Bad input gets a located, plain-language finding: never a traceback, never a changed file."""

from __future__ import annotations

import hashlib
import json

import pytest

from gipr_gen.api import check_bytes

from conftest import ROOT, cli

GOOD = (ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def errors(text: str | bytes) -> list:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [d for d in check_bytes(data, "r.yaml").diagnostics if d.severity == "error"]


def only_error(text: str | bytes):
    errs = errors(text)
    assert len(errs) == 1, [d.format("zh") for d in errs]
    return errs[0]


# ---- each class of bad input: (edit, rule, the line's marker, words the Chinese message must contain)

CASES = {
    "yaml syntax": (("organ: 遂宁市河东新区慈音街道办事处", 'organ: "遂宁市河东新区慈音街道办事处'),
                    "Y-SYNTAX", None, "引号"),
    "tab indent": (("organ_type: township_or_street", "\torgan_type: township_or_street"),
                   "Y-SYNTAX", "organ_type", "制表符"),
    "full-width colon": (("year: 2023", "year：2023"), "Y-SYNTAX", "year：2023", "year: 2023"),
    "full-width space": (("organ_type: township_or_street", "\u3000organ_type: township_or_street"),
                         "Y-KEY", "organ_type", "全角"),
    "full-width comma in row": (("review:                  {upheld: 0, corrected: 0",
                                 "review:                  {upheld：0，corrected: 0"), "S-02", "review:", "全角"),
    "duplicate key": (("year: 2023\n", "year: 2023\nyear: 2024\n"), "Y-DUPLICATE", "year: 2024", "第 6 行"),
    "number with unit": (("received:                  {natural_person: 0,",
                          "received:                  {natural_person: 12件,"), "T3-04", "received:", "12"),
    "chinese numeral": (("licensing:           {decisions: 0}", "licensing:           {decisions: 十二}"),
                        "T2-01", "licensing:", "12"),
    "quoted number": (("licensing:           {decisions: 0}", 'licensing:           {decisions: "7"}'),
                      "T2-01", "licensing:", "去掉引号"),
    "placeholder": (("penalties:           {decisions: 0}", "penalties:           {decisions: /}"),
                    "T2-01", "penalties:", "填 0"),
    "empty cell": (("penalties:           {decisions: 0}", "penalties:           {decisions: }"),
                   "T2-01", "penalties:", "填 0"),
    "fee in yuan": (("fees:                {amount_wan_yuan: 0}", "fees:                {amount_wan_yuan: 3500元}"),
                    "T2-02", "fees:", "0.35"),
    "negative count": (("review:                  {upheld: 0,", "review:                  {upheld: -2,"),
                       "T4-04", "review:", "负数"),
    "fractional count": (("    disclosed:               {natural_person: 0,",
                          "    disclosed:               {natural_person: 1.5,"), "T3-04", "disclosed:", "整数"),
    "misspelt key": (("licensing:  ", "licencing:  "), "S-02", "licencing:", "licensing"),
    "chinese label as key": (("    disclosed:  ", "    予以公开:  "), "S-02", "予以公开:", "disclosed"),
    "unknown top-level key": (("organ_type:", "organ_typ:"), "Y-KEY", "organ_typ:", "organ_type"),
    "wrong year type": (("year: 2023", "year: 二〇二三"), "Y-TYPE", "year:", "2023"),
    "not a number (NaN)": (("fees:                {amount_wan_yuan: 0}", "fees:                {amount_wan_yuan: .nan}"),
                           "T2-02", "fees:", ".nan"),
    "infinity": (("fees:                {amount_wan_yuan: 0}", "fees:                {amount_wan_yuan: .inf}"),
                 "T2-02", "fees:", ".inf"),
    "year with unit": (("year: 2023", "year: 2023年"), "Y-TYPE", "year:", "2023"),
    "no-break space": (("organ_type: township_or_street", "organ_type:\u00a0township_or_street"),
                       "Y-SYNTAX", "organ_type", "不换行空格"),
    "yes as organ type": (("organ_type: township_or_street", "organ_type: yes"), "Y-VALUE", "organ_type", "“yes”"),
    "impossible date": (("year: 2023\n", "year: 2023\nsignature: {date: 2024-02-30}\n"), "Y-VALUE", "signature:",
                        "2024-02-30"),
    "thousands separator": (("penalties:           {decisions: 0}", "penalties:           {decisions: 4,862}"),
                            "S-02", "penalties:", "千位分隔"),
    "leading zero": (("licensing:           {decisions: 0}", "licensing:           {decisions: 012}"),
                     "Y-NUMBER", "licensing:", "12"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_located_and_explained(name: str) -> None:
    (old, new), rule, marker, words = CASES[name]
    text = edit(old, new)
    err = only_error(text)
    assert err.rule == rule
    if marker:
        assert err.line == line_of(text, marker)
    assert words in err.message("zh")
    assert err.message("en") != err.message("zh")  # an English message exists and is not the Chinese one


def test_missing_section_names_it() -> None:
    start = GOOD.index("problems_and_improvements:")
    text = GOOD[:start] + GOOD[GOOD.index("other_matters:"):]
    err = only_error(text)
    assert (err.rule, err.line) == ("S-01", line_of(text, "format:"))  # the report's first key
    assert "五、存在的主要问题及改进情况" in err.message("zh") and "problems_and_improvements" in err.message("zh")


def test_missing_row_names_the_official_label() -> None:
    text = "\n".join(line for line in GOOD.splitlines() if not line.lstrip().startswith("repeated:"))
    err = only_error(text)
    assert err.rule == "S-02" and "2.重复申请" in err.message("zh")
    assert err.line == line_of(text, "not_processed:")


def test_missing_column_names_the_official_label() -> None:
    text = edit("review:                  {upheld: 0, ", "review:                  {")
    err = only_error(text)
    assert err.rule == "S-02" and "结果维持" in err.message("zh") and err.line == line_of(text, "review:")


@pytest.mark.parametrize("old,new,marker,words", [
    ("  received:", "  received: 5\n  received_x:", "received: 5", "映射"),
    ("  results:\n", "  results: 无\n  results_x:\n", "results: 无", "三、本年度办理结果"),
])
def test_table_parts_of_the_wrong_type(old: str, new: str, marker: str, words: str) -> None:
    text = edit(old, new)
    errs = errors(text)
    wrong = [d for d in errs if d.line == line_of(text, marker)]
    assert len(wrong) == 1 and wrong[0].rule in ("Y-TYPE", "T3-04") and words in wrong[0].message("zh")


def test_whole_table_section_of_the_wrong_type() -> None:
    start, end = GOOD.index("applications:\n"), GOOD.index("review_and_litigation:")
    text = GOOD[:start] + "applications: 5\n\n" + GOOD[end:]
    err = only_error(text)
    assert err.rule == "Y-TYPE" and err.line == line_of(text, "applications: 5")
    assert "三、收到和处理政府信息公开申请情况" in err.message("zh")


def test_gbk_file_is_read_with_a_warning() -> None:
    result = check_bytes(GOOD.encode("gb18030"), "r.yaml")
    assert not result.errors
    enc = [d for d in result.warnings if d.rule == "Y-ENCODING"]
    assert len(enc) == 1 and "UTF-8" in enc[0].message("zh")
    assert result.report is not None and result.report.organ == "遂宁市河东新区慈音街道办事处"


def test_bom_is_accepted_silently() -> None:
    result = check_bytes(b"\xef\xbb\xbf" + GOOD.encode(), "r.yaml")
    assert not result.errors and not [d for d in result.diagnostics if d.rule == "Y-ENCODING"]


def test_utf16_file_is_read_with_a_warning() -> None:
    result = check_bytes(GOOD.encode("utf-16"), "r.yaml")
    assert not result.errors and any(d.rule == "Y-ENCODING" for d in result.warnings)


def test_binary_file_is_an_error_not_a_crash() -> None:
    err = only_error(bytes(range(256)) * 4)
    assert err.rule == "Y-ENCODING"


@pytest.mark.parametrize("text,rule", [("", "Y-SYNTAX"), ("- a\n- b\n", "Y-STRUCTURE"), ("just text\n", "Y-STRUCTURE")])
def test_not_a_report(text: str, rule: str) -> None:
    assert only_error(text).rule == rule


def test_yaml_tags_and_aliases_are_refused() -> None:
    text = edit("organ_type: township_or_street", "organ_type: !!python/object:os.system township_or_street")
    assert any(d.rule == "Y-SYNTAX" for d in errors(text))
    text = edit("year: 2023", "year: &y 2023\ntitle: *y")
    assert any(d.rule == "Y-SYNTAX" and "&" in d.message("zh") for d in errors(text))


def test_many_problems_are_all_reported_at_once() -> None:
    text = edit("licensing:           {decisions: 0}", "licensing:           {decisions: 十二}")
    text = edit("penalties:           {decisions: 0}", "penalties:           {decisions: -1}", text)
    text = edit("organ_type:", "organ_typ:", text)
    assert sorted(d.rule for d in errors(text)) == ["T2-01", "T2-01", "Y-KEY"]


# ---- the same through the real command: exit codes, no traceback, input untouched --------------

BAD_FILES = {
    "syntax.yaml": edit("year: 2023", "year：2023").encode(),
    "types.yaml": edit("licensing:           {decisions: 0}", "licensing:           {decisions: 12件}").encode(),
    "gbk-bad.yaml": edit("year: 2023", "year: 2023x").encode("gb18030"),
    "binary.yaml": bytes(range(256)),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_cli_bad_input(tmp_path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    res = cli("check", str(path))
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    assert res.stdout.startswith(f"{path}:") and " 错误 " in res.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_cli_missing_file_is_exit_2(tmp_path) -> None:
    res = cli("check", str(tmp_path / "nope.yaml"))
    assert res.returncode == 2 and "找不到文件" in res.stderr and "Traceback" not in res.stderr


def test_cli_directory_is_exit_2(tmp_path) -> None:
    res = cli("check", str(tmp_path))
    assert res.returncode == 2 and "Traceback" not in res.stderr


def test_cli_json_output_lists_findings(tmp_path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(BAD_FILES["types.yaml"])
    res = cli("check", "--format", "json", "--lang", "en", str(path))
    findings = json.loads(res.stdout)
    assert res.returncode == 1
    bad = [f for f in findings if f["severity"] == "error"]
    assert [(f["rule"], f["line"]) for f in bad] == [("T2-01", line_of(path.read_text(), "licensing:"))]
    assert "must be a number" in bad[0]["message"]
