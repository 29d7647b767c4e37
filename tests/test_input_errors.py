"""Bad input gets a located, plain-language finding: never a traceback, never a changed file.

Each class of bad input is one edit of a real report; the test says which rule, which message (its
catalogue key), where (line and column found in the edited text) and with which arguments, never the
wording. Labels the messages must name are the spec's (tests/data/official-2021.yaml).
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
import yaml

from gipr_gen.api import check_bytes

from conftest import GOOD, ROOT, cli, column_of, edit, errors, line_of, only_error

OFFICIAL = yaml.safe_load((ROOT / "tests" / "data" / "official-2021.yaml").read_text(encoding="utf-8"))
HEADING = {s["key"]: s["heading"] for s in OFFICIAL["sections"]}
LABEL = {(table, row["path"]): row["label"] for table, spec in OFFICIAL["tables"].items() for row in spec["rows"]}
CJK = re.compile(r"[\u4e00-\u9fff]")







# ---- each class of bad input ----------------------------------------------------------------------
# name: ((old, new), rule, message key, line marker, column marker, arguments, fix)
#   line marker: text on the line the finding must point at (None: not checked)
#   column marker: text on that line whose first character is the finding's column (None: not checked)
#   arguments: the finding's plain arguments that must have exactly these values
#   fix: what the user should write instead, which both messages must name (None: nothing to name)

ROW = "{natural_person: 0,"
CASES = {
    "yaml syntax": (("organ: 遂宁市河东新区慈音街道办事处", 'organ: "遂宁市河东新区慈音街道办事处'),
                    "Y-SYNTAX", "yaml.syntax", None, None, {}, None),
    "tab indent": (("organ_type: township_or_street", "\torgan_type: township_or_street"),
                   "Y-SYNTAX", "yaml.tab", "organ_type", "\t", {}, None),
    "full-width colon": (("year: 2023", "year：2023"), "Y-SYNTAX", "yaml.fullwidth_colon", "year：2023", "：",
                         {"fix": "year: 2023"}, None),
    "full-width space": (("organ_type: township_or_street", "\u3000organ_type: township_or_street"),
                         "Y-KEY", "schema.unknown_key", "organ_type", "\u3000", {"key": "\u3000organ_type"}, None),
    "full-width comma in row": (("review:                  {upheld: 0, corrected: 0",
                                 "review:                  {upheld：0，corrected: 0"), "S-02", "schema.unknown_key",
                                "review:", "upheld：", {"key": "upheld：0，corrected"}, None),
    "full-width colon in row": (("licensing:           {decisions: 0}", "licensing:           {decisions：0}"),
                                "S-02", "schema.unknown_key", "licensing:", "decisions：", {"key": "decisions：0"}, None),
    "duplicate key": (("year: 2023\n", "year: 2023\nyear: 2024\n"), "Y-DUPLICATE", "yaml.duplicate_key",
                      "year: 2024", "year: 2024", {"key": "year", "first": line_of(GOOD, "year: 2023")}, None),
    "number with unit": (("received:                  " + ROW, "received:                  {natural_person: 12件,"),
                         "T3-04", "schema.number_as_text", "received:", "12件", {"value": "12件"}, None),
    "chinese numeral": (("licensing:           {decisions: 0}", "licensing:           {decisions: 十二}"),
                        "T2-01", "schema.number_as_text", "licensing:", "十二", {"value": "十二"}, "12"),
    "full-width digits": (("licensing:           {decisions: 0}", "licensing:           {decisions: １２}"),
                          "T2-01", "schema.number_as_text", "licensing:", "１２", {"value": "１２"}, "12"),
    "quoted number": (("licensing:           {decisions: 0}", 'licensing:           {decisions: "7"}'),
                      "T2-01", "schema.number_as_text", "licensing:", '"7"', {"value": "7"}, None),
    "placeholder": (("penalties:           {decisions: 0}", "penalties:           {decisions: /}"),
                    "T2-01", "schema.number_as_text", "penalties:", "/", {"value": "/"}, None),
    "empty cell": (("penalties:           {decisions: 0}", "penalties:           {decisions: }"),
                   "T2-01", "schema.empty_cell", "penalties:", "}", {}, None),
    "yes in a cell": (("licensing:           {decisions: 0}", "licensing:           {decisions: yes}"),
                      "T2-01", "schema.type", "licensing:", "yes", {"value": "yes"}, None),
    "fee in yuan": (("fees:                {amount_wan_yuan: 0}", "fees:                {amount_wan_yuan: 3500元}"),
                    "T2-02", "schema.number_as_text", "fees:", "3500元", {"value": "3500元"}, "0.35"),
    "fee with 7 decimals": (("fees:                {amount_wan_yuan: 0}",
                             "fees:                {amount_wan_yuan: 0.1234567}"),  # spec §6 T2-02: at most 6
                            "T2-02", "rule.decimals", "fees:", "0.1234567", {"places": 6, "value": "0.1234567"}, None),
    "negative count": (("review:                  {upheld: 0,", "review:                  {upheld: -2,"),
                       "T4-04", "schema.negative", "review:", "-2", {"value": -2}, None),
    "fractional count": (("    disclosed:               " + ROW, "    disclosed:               {natural_person: 1.5,"),
                         "T3-04", "schema.not_integer", "disclosed:", "1.5", {"value": 1.5}, None),
    "misspelt key": (("licensing:  ", "licencing:  "), "S-02", "schema.unknown_key", "licencing:", "licencing",
                     {"key": "licencing"}, "licensing"),
    "chinese label as key": (("    disclosed:  ", "    予以公开:  "), "S-02", "schema.unknown_key", "予以公开:", "予以公开",
                             {"key": "予以公开"}, "disclosed"),
    "extra column": (("licensing:           {decisions: 0}", "licensing:           {decisions: 0, extra: 1}"),
                     "S-02", "schema.unknown_key", "licensing:", "extra", {"key": "extra"}, None),
    "unknown top-level key": (("organ_type:", "organ_typ:"), "Y-KEY", "schema.unknown_key", "organ_typ:", "organ_typ",
                              {"key": "organ_typ"}, "organ_type"),
    "wrong year type": (("year: 2023", "year: 二〇二三"), "Y-TYPE", "schema.number_as_text", "year:", "二〇二三",
                        {"value": "二〇二三"}, "2023"),
    "year with unit": (("year: 2023", "year: 2023年"), "Y-TYPE", "schema.number_as_text", "year:", "2023年",
                       {"value": "2023年"}, None),
    "year before the 2021 format": (("year: 2023", "year: 2019"), "Y-RANGE", "schema.range", "year:", "2019",
                                    {"value": 2019, "minimum": 2021}, None),
    "not a number (NaN)": (("fees:                {amount_wan_yuan: 0}", "fees:                {amount_wan_yuan: .nan}"),
                           "T2-02", "schema.number_as_text", "fees:", ".nan", {"value": ".nan"}, None),
    "infinity": (("fees:                {amount_wan_yuan: 0}", "fees:                {amount_wan_yuan: .inf}"),
                 "T2-02", "schema.number_as_text", "fees:", ".inf", {"value": ".inf"}, None),
    "no-break space": (("organ_type: township_or_street", "organ_type:\u00a0township_or_street"),
                       "Y-SYNTAX", "yaml.nbsp", "organ_type", "\u00a0", {}, None),
    "yes as organ type": (("organ_type: township_or_street", "organ_type: yes"), "Y-VALUE", "schema.enum",
                          "organ_type", "yes", {"value": "yes"}, "township_or_street"),
    "unknown format": (('format: "2021"', 'format: "2020"'), "Y-VALUE", "schema.enum", "format:", '"2020"',
                       {"value": "2020"}, "2021"),
    "empty organ": (("organ: 遂宁市河东新区慈音街道办事处", 'organ: ""'), "Y-VALUE", "schema.min_length", "organ:", '""',
                    {}, None),
    "missing organ": (("organ: 遂宁市河东新区慈音街道办事处\n", ""), "Y-REQUIRED", "schema.required", None, None,
                      {"key": "organ"}, None),
    "impossible date": (("year: 2023\n", "year: 2023\nsignature: {date: 2024-02-30}\n"), "Y-VALUE",
                        "schema.no_such_date", "signature:", "2024-02-30", {"value": "2024-02-30"}, None),
    "impossible Chinese date": (("year: 2023\n", "year: 2023\nsignature: {date: 2024年2月30日}\n"), "Y-VALUE",
                                "schema.no_such_date", "signature:", "2024年2月30日", {"value": "2024年2月30日"}, None),
    "incomplete date": (("year: 2023\n", "year: 2023\nsignature: {date: 2024年1月}\n"), "Y-VALUE",
                        "schema.pattern", "signature:", "2024年1月", {"value": "2024年1月"}, None),
    "thousands separator": (("penalties:           {decisions: 0}", "penalties:           {decisions: 4,862}"),
                            "S-02", "schema.unknown_key", "penalties:", "862", {"key": "862"}, None),
    "leading zero": (("licensing:           {decisions: 0}", "licensing:           {decisions: 012}"),
                     "Y-NUMBER", "yaml.leading_zero", "licensing:", "012", {"raw": "012", "fix": "12"}, None),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_located_and_explained(name: str) -> None:
    (old, new), rule, key, line_marker, column_marker, args, fix = CASES[name]
    text = edit(old, new)
    err = only_error(text)
    assert (err.rule, err.severity, err.key) == (rule, "error", key)
    if line_marker is not None:
        assert err.line == line_of(text, line_marker)
        if column_marker is not None:
            assert err.column == column_of(text, err.line, column_marker)
    assert {k: err.args.get(k) for k in args} == args
    zh, en = err.message("zh"), err.message("en")
    assert CJK.search(zh) and en and en != zh  # a Chinese message, and an English one
    if fix is not None:
        assert fix in zh and fix in en and fix not in new  # the way out is spelt out, and it is not the input


def test_a_yaml_syntax_error_is_reported_at_or_after_the_slip() -> None:
    # libyaml notices an unclosed quote only where the file ends; the finding must not point above it
    text = edit("organ: 遂宁市河东新区慈音街道办事处", 'organ: "遂宁市河东新区慈音街道办事处')
    assert only_error(text).line >= line_of(text, "organ:")


def test_yes_as_organ_type_lists_the_choices() -> None:
    err = only_error(edit("organ_type: township_or_street", "organ_type: yes"))
    schema = json.loads((ROOT / "schema" / "gipr-report.schema.json").read_text(encoding="utf-8"))
    assert all(choice in err.message("zh") for choice in schema["properties"]["organ_type"]["enum"])


def test_missing_section_names_it() -> None:
    start = GOOD.index("problems_and_improvements:")
    text = GOOD[:start] + GOOD[GOOD.index("other_matters:"):]
    err = only_error(text)
    assert (err.rule, err.key, err.line) == ("S-01", "schema.required_section", line_of(text, "format:"))  # the first key
    assert {k: err.args[k] for k in ("number", "key")} == {"number": "五", "key": "problems_and_improvements"}
    assert HEADING["problems_and_improvements"] in err.message("zh")


def test_missing_row_names_the_official_label() -> None:
    text = "\n".join(line for line in GOOD.splitlines() if not line.lstrip().startswith("repeated:"))
    err = only_error(text)
    assert (err.rule, err.key, err.line) == ("S-02", "schema.required_row", line_of(text, "not_processed:"))
    assert err.args["key"] == "repeated"
    assert err.args["label"] == LABEL[("applications", "results.not_processed.repeated")]


def test_missing_column_names_the_official_label() -> None:
    text = edit("review:                  {upheld: 0, ", "review:                  {")
    err = only_error(text)
    assert (err.rule, err.key, err.line) == ("S-02", "schema.required_cell", line_of(text, "review:"))
    outcomes = OFFICIAL["tables"]["review_and_litigation"]["columns"]
    assert (err.args["key"], err.args["row"], err.args["label"]) == (
        "upheld", LABEL[("review_and_litigation", "review")], outcomes["upheld"])


@pytest.mark.parametrize("old,new,marker,value,label", [
    ("  received:", "  received: 5\n  received_x:", "received: 5", "5", LABEL[("applications", "received")]),
    ("  results:\n", "  results: 无\n  results_x:\n", "results: 无", "无", "三、本年度办理结果"),
])
def test_table_parts_of_the_wrong_type(old: str, new: str, marker: str, value: str, label: str) -> None:
    text = edit(old, new)  # the row's own mapping moves to a misspelt key (a second finding, S-02)
    wrong = [d for d in errors(text) if d.line == line_of(text, marker)]
    assert [(d.rule, d.key, d.args["value"]) for d in wrong] == [("Y-TYPE", "schema.type", value)]
    assert wrong[0].column == column_of(text, wrong[0].line, f": {value}") + 2
    assert label in wrong[0].message("zh")


def test_whole_table_section_of_the_wrong_type() -> None:
    start, end = GOOD.index("applications:\n"), GOOD.index("review_and_litigation:")
    text = GOOD[:start] + "applications: 5\n\n" + GOOD[end:]
    err = only_error(text)
    assert (err.rule, err.key, err.line, err.args["value"]) == (
        "Y-TYPE", "schema.type", line_of(text, "applications: 5"), "5")
    assert HEADING["applications"] in err.message("zh")


# ---- encodings and files that are no report ---------------------------------------------------------


def test_gbk_file_is_read_with_a_warning() -> None:
    result = check_bytes(GOOD.encode("gb18030"), "r.yaml")
    assert not result.errors
    assert [(d.rule, d.key, d.line) for d in result.warnings if d.rule == "Y-UTF8"] == [("Y-UTF8", "io.gbk", 1)]
    utf8 = check_bytes(GOOD.encode("utf-8"), "r.yaml")  # otherwise the same findings as the UTF-8 file
    assert [d for d in result.diagnostics if d.rule != "Y-UTF8"] == utf8.diagnostics
    assert result.report is not None and result.report.organ == yaml.safe_load(GOOD)["organ"]


def test_bom_is_accepted_silently() -> None:
    result = check_bytes(b"\xef\xbb\xbf" + GOOD.encode(), "r.yaml")
    assert result.diagnostics == check_bytes(GOOD.encode(), "r.yaml").diagnostics


def test_utf16_file_is_read_with_a_warning() -> None:
    result = check_bytes(GOOD.encode("utf-16"), "r.yaml")
    assert not result.errors
    assert [(d.rule, d.key) for d in result.warnings if d.rule == "Y-UTF8"] == [("Y-UTF8", "io.utf16")]
    assert result.report is not None and result.report.organ == yaml.safe_load(GOOD)["organ"]


def test_binary_file_is_an_error_not_a_crash() -> None:
    data = bytes(range(256)) * 4
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
    err = only_error(data)
    assert (err.rule, err.key, err.line, err.args["line"]) == ("Y-ENCODING", "io.not_text", bad_line, bad_line)


@pytest.mark.parametrize("text,rule,key", [("", "Y-SYNTAX", "io.empty"), ("   \n\n", "Y-SYNTAX", "io.empty"),
                                           ("- a\n- b\n", "Y-STRUCTURE", "yaml.not_mapping"),
                                           ("just text\n", "Y-STRUCTURE", "yaml.not_mapping")])
def test_not_a_report(text: str, rule: str, key: str) -> None:
    err = only_error(text)
    assert (err.rule, err.key, err.line) == (rule, key, 1)


def test_yaml_tags_are_refused() -> None:
    text = edit("organ_type: township_or_street", "organ_type: !!python/object:os.system township_or_street")
    err = only_error(text)
    assert (err.rule, err.key, err.line, err.column) == (
        "Y-SYNTAX", "yaml.anchor", line_of(text, "organ_type:"), column_of(text, line_of(text, "organ_type:"), "!!"))


def test_yaml_aliases_are_refused_with_one_finding_where_the_alias_is() -> None:
    text = edit("year: 2023", "year: &y 2023\ntitle: *y")
    # PRODUCT BUG (reported): besides the Y-SYNTAX finding on the alias, check adds a Y-TYPE finding
    # "title must be text, not empty 'None'" located on line 3 (the report's first key, not the alias):
    # the value an alias is refused into (None) is then validated, and has no position of its own.
    assert [(d.rule, d.key, d.line) for d in errors(text)] == [("Y-SYNTAX", "yaml.anchor", line_of(text, "title: *y"))]


def test_many_problems_are_all_reported_at_once() -> None:
    text = edit("licensing:           {decisions: 0}", "licensing:           {decisions: 十二}")
    text = edit("penalties:           {decisions: 0}", "penalties:           {decisions: -1}", text)
    text = edit("organ_type:", "organ_typ:", text)
    assert sorted((d.rule, d.line) for d in errors(text)) == [("T2-01", line_of(text, "licensing:")),
                                                              ("T2-01", line_of(text, "penalties:")),
                                                              ("Y-KEY", line_of(text, "organ_typ:"))]


# ---- the same through the command: exit codes, no traceback, input untouched --------------------

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
    res = cli("check", "--format", "json", str(path))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    expected = check_bytes(BAD_FILES[name], str(path)).diagnostics  # what the library says, said by the command
    assert expected and any(d.severity == "error" for d in expected)
    assert [(f["file"], f["line"], f["column"], f["rule"], f["severity"]) for f in json.loads(res.stdout)] == [
        (d.file, d.line, d.column, d.rule, d.severity) for d in expected]
    text = cli("check", str(path))
    assert text.returncode == 1 and all(line.startswith(f"{path}:") for line in text.stdout.splitlines())
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_cli_missing_file_is_exit_2(tmp_path) -> None:
    missing = tmp_path / "nope.yaml"
    res = cli("check", str(missing))
    assert res.returncode == 2 and str(missing) in res.stderr and "Traceback" not in res.stderr and res.stdout == ""


def test_cli_directory_is_exit_2(tmp_path) -> None:
    res = cli("check", str(tmp_path))
    assert res.returncode == 2 and str(tmp_path) in res.stderr and "Traceback" not in res.stderr


def test_cli_json_output_lists_findings_in_english(tmp_path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(BAD_FILES["types.yaml"])
    text = path.read_text(encoding="utf-8")
    en = cli("check", "--format", "json", "--lang", "en", str(path))
    zh = cli("check", "--format", "json", str(path))
    assert en.returncode == zh.returncode == 1
    bad = [f for f in json.loads(en.stdout) if f["severity"] == "error"]
    line = line_of(text, "licensing:")
    assert [(f["rule"], f["line"], f["column"]) for f in bad] == [("T2-01", line, column_of(text, line, "12件"))]
    zh_bad = [f for f in json.loads(zh.stdout) if f["severity"] == "error"]
    assert bad[0]["message"] != zh_bad[0]["message"] and "12件" in bad[0]["message"]
