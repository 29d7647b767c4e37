"""Hostile values in a report never crash, hang, or get silently misread: each is a located finding.

Each case below is one edit of a real report, as reported against the reader: numbers in YAML 1.1's other
forms (0x1F read as 31, 1:20 as 80), explicit type tags, numbers too large for a report (or for int()),
negative zero, infinities, nesting 900 deep, a huge day in a date, files that are no report at all
(/dev/zero, a broken UTF-16 file, UTF-32) and characters libyaml cannot read. The tests say which rule,
where (line and column found in the edited text), which message (its catalogue key) and with which
arguments, never the wording; through the command, the exit code is 0, 1 or 2 and there is no traceback.
The text rules and the locator are linear in the input (bench/bench_large.py times them); here they are
held to the right lines on texts of every YAML style. Last, a property test mutates the bundled reports,
byte by byte and value by value, and holds every command to the same model: check passes ⇔ build writes.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gipr_gen.api import check_bytes, check_file
from gipr_gen.i18n import bi
from gipr_gen.readers.schema import AMOUNT_MAX, COUNT_MAX
from gipr_gen.readers.yaml_source import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, MAX_NODES, parse_bytes, read_file

from conftest import GOOD, INPUTS, cli, column_of, edit, errors, line_of, only_error

CJK = re.compile(r"[\u4e00-\u9fff]")
LICENSING = "licensing:           {decisions: 0}"
FEES = "fees:                {amount_wan_yuan: 0}"







def no_traceback(*runs) -> None:
    for ran in runs:
        assert ran.returncode in (0, 1, 2) and "Traceback" not in ran.stdout + ran.stderr, _short(ran)


def _short(ran) -> str:
    """What a run said, cut to a readable length (a mutated report can be 5,000 digits long)."""
    return f"exit {ran.returncode}\n{ran.stdout[:1500]}\n{ran.stderr[:1500]}"


# ---- each hostile value: rule, line, column, message key and arguments ---------------------------------
# name: ((old, new), rule, message key, line marker, column marker, arguments)
#   the finding stands on the line holding the line marker, at the first character of the column marker

BIG = "9" * 5000  # int() refuses strings of more than 4,300 digits
CASES = {
    "hexadecimal": ((LICENSING, "licensing:           {decisions: 0x1F}"), "Y-NUMBER", "yaml.number_form",
                    "licensing:", "0x1F", {"raw": "0x1F", "value": "31", "form": bi("yaml.form.hex")}),
    "binary": ((LICENSING, "licensing:           {decisions: 0b101}"), "Y-NUMBER", "yaml.number_form",
               "licensing:", "0b101", {"raw": "0b101", "value": "5", "form": bi("yaml.form.binary")}),
    "octal with underscore": ((LICENSING, "licensing:           {decisions: 0_12}"), "Y-NUMBER", "yaml.number_form",
                              "licensing:", "0_12", {"raw": "0_12", "value": "10", "form": bi("yaml.form.underscore")}),
    "thousands underscore": ((LICENSING, "licensing:           {decisions: 1_000}"), "Y-NUMBER", "yaml.number_form",
                             "licensing:", "1_000", {"raw": "1_000", "value": "1000"}),
    "sexagesimal count": ((LICENSING, "licensing:           {decisions: 1:20}"), "Y-NUMBER", "yaml.number_form",
                          "licensing:", "1:20", {"raw": "1:20", "value": "80", "form": bi("yaml.form.sexagesimal")}),
    "sexagesimal year": (("year: 2023", "year: 33:44"), "Y-NUMBER", "yaml.number_form", "year:", "33:44",
                         {"raw": "33:44", "value": "2024"}),
    "sexagesimal fee": ((FEES, "fees:                {amount_wan_yuan: 1:20.5}"), "Y-NUMBER", "yaml.number_form",
                        "fees:", "1:20.5", {"raw": "1:20.5", "value": "80.5"}),
    "huge float": ((FEES, "fees:                {amount_wan_yuan: 1.0e+308}"), "Y-NUMBER", "yaml.number_range",
                   "fees:", "1.0e+308", {"raw": "1.0e+308", "digits": MAX_DIGITS}),
    "infinite float": ((FEES, "fees:                {amount_wan_yuan: 1.0e+400}"), "Y-NUMBER", "yaml.number_range",
                       "fees:", "1.0e+400", {"raw": "1.0e+400"}),
    "exponent past Decimal": ((FEES, "fees:                {amount_wan_yuan: 1.0e+99999999999999999999}"),
                              "Y-NUMBER", "yaml.number_range", "fees:", "1.0e+", {}),
    "vanishing float": ((LICENSING, "licensing:           {decisions: 1.0e-400}"), "Y-NUMBER", "yaml.number_range",
                        "licensing:", "1.0e-400", {"raw": "1.0e-400"}),
    "too many digits": ((LICENSING, "licensing:           {decisions: 3.0000000000000001}"), "Y-NUMBER",
                        "yaml.number_range", "licensing:", "3.0000", {"raw": "3.0000000000000001"}),
    "negative zero fee": ((FEES, "fees:                {amount_wan_yuan: -0.0}"), "Y-NUMBER", "yaml.negative_zero",
                          "fees:", "-0.0", {"raw": "-0.0"}),
    "negative zero count": ((LICENSING, "licensing:           {decisions: -0}"), "Y-NUMBER", "yaml.negative_zero",
                            "licensing:", "-0", {"raw": "-0"}),
    "5,000-digit count": ((LICENSING, f"licensing:           {{decisions: {BIG}}}"), "Y-NUMBER", "yaml.number_range",
                          "licensing:", "9999", {"digits": MAX_DIGITS}),
    "5,000-digit year": (("year: 2023", f"year: {BIG}"), "Y-NUMBER", "yaml.number_range", "year:", "9999", {}),
    "5,000 leading zeros": ((LICENSING, "licensing:           {decisions: " + "0" * 5000 + "12}"), "Y-NUMBER",
                            "yaml.leading_zero", "licensing:", "0000", {"fix": "12"}),
    "!!int on text": ((LICENSING, 'licensing:           {decisions: !!int "abc"}'), "Y-SYNTAX", "yaml.type_tag",
                      "licensing:", "!!int", {"tag": "!!int", "fix": '"abc"'}),
    "!!int on a number": ((LICENSING, "licensing:           {decisions: !!int 12}"), "Y-SYNTAX", "yaml.type_tag",
                          "licensing:", "!!int", {"tag": "!!int", "fix": "12"}),
    "!!bool": ((LICENSING, "licensing:           {decisions: !!bool x}"), "Y-SYNTAX", "yaml.type_tag",
               "licensing:", "!!bool", {"tag": "!!bool", "fix": "x"}),
    "!!float": ((FEES, "fees:                {amount_wan_yuan: !!float 0.5}"), "Y-SYNTAX", "yaml.type_tag",
                "fees:", "!!float", {"tag": "!!float", "fix": "0.5"}),
    "!!null on a year": (("year: 2023", "year: !!null 2023"), "Y-SYNTAX", "yaml.type_tag", "year:", "!!null",
                         {"tag": "!!null", "fix": "2023"}),
    "count beyond any report": ((LICENSING, f"licensing:           {{decisions: {COUNT_MAX + 1}}}"), "T2-01",
                                "schema.range", "licensing:", str(COUNT_MAX + 1),
                                {"maximum": COUNT_MAX, "value": str(COUNT_MAX + 1)}),
    "fee beyond any report": ((FEES, f"fees:                {{amount_wan_yuan: {AMOUNT_MAX * 10}.5}}"), "T2-02",
                              "schema.range", "fees:", str(AMOUNT_MAX * 10), {"maximum": AMOUNT_MAX}),
    "huge day in a date": (("year: 2023\n", "year: 2023\nsignature: {date: 2024-01-99999999999}\n"), "Y-VALUE",
                           "schema.pattern", "signature:", "2024-01-99999999999", {"value": "2024-01-99999999999"}),
    "impossible date": (("year: 2023\n", "year: 2023\nsignature: {date: 2024-02-30}\n"), "Y-VALUE",
                        "schema.no_such_date", "signature:", "2024-02-30", {"value": "2024-02-30"}),
    "nesting 900 deep": (("year: 2023\n", "year: 2023\nx: " + "[" * 900 + "]" * 900 + "\n"), "Y-STRUCTURE",
                         "yaml.too_deep", "x: [", "[" * (900 - MAX_DEPTH + 1), {"limit": MAX_DEPTH}),
    "nesting deep in blocks": (("year: 2023\n", "year: 2023\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(30))),
                               "Y-STRUCTURE", "yaml.too_deep", f"k{MAX_DEPTH}:", f"k{MAX_DEPTH}",  # level 21
                               {"limit": MAX_DEPTH}),
    "second document": (("year: 2023\n", "year: 2023\n---\nyear: 2024\n"), "Y-STRUCTURE", "yaml.second_document",
                        "---", "---", {}),
    "collection as a key": (("year: 2023\n", "year: 2023\n[a, b]: 1\n"), "Y-STRUCTURE", "yaml.complex_key",
                            "[a, b]", "[", {}),
    "undefined alias": (("organ_type: township_or_street", "organ_type: *nope"), "Y-SYNTAX", "yaml.anchor",
                        "organ_type:", "*nope", {}),
    "control character on line 4": (("organ_type: township_or_street", "organ_type: town\x07ship"), "Y-CHAR",
                                    "yaml.control_char", "organ_type:", "\x07", {"code": "U+0007"}),
    "line separator": (("organ_type: township_or_street", "organ_type: town\u2028ship"), "Y-CHAR",
                       "yaml.control_char", "organ_type:", "\u2028", {"code": "U+2028"}),
    "non-character": (("organ_type: township_or_street", "organ_type: town\ufffeship"), "Y-CHAR",
                      "yaml.control_char", "organ_type:", "\ufffe", {"code": "U+FFFE"}),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_value_is_located_and_explained(name: str) -> None:
    (old, new), rule, key, line_marker, column_marker, args = CASES[name]
    text = edit(old, new)
    err = only_error(text)
    line = line_of(text, line_marker)
    if name == "nesting 900 deep":  # the top mapping is level 1: the first bracket past the limit
        column = column_of(text, line, "[") + MAX_DEPTH - 1
    else:
        column = column_of(text, line, column_marker)
    assert (err.rule, err.key, err.line, err.column) == (rule, key, line, column)
    assert {k: err.args.get(k) for k in args} == args
    zh, en = err.message("zh"), err.message("en")
    assert CJK.search(zh) and en and en != zh
    assert len(zh) < 600 and len(en) < 600  # 5,000 digits are not quoted in full


@pytest.mark.parametrize("name", ["hexadecimal", "5,000-digit count", "!!int on text", "nesting 900 deep",
                                  "huge float", "control character on line 4"])
def test_hostile_value_through_the_commands(tmp_path: Path, name: str) -> None:
    (old, new), rule, key, *_ = CASES[name]
    path = tmp_path / "r.yaml"
    path.write_text(edit(old, new), encoding="utf-8")
    checked = cli("check", "--format", "json", str(path))
    built = cli("build", str(path), "-o", str(tmp_path / "out"), "--to", "md,html")
    forced = cli("build", "--force", str(path), "-o", str(tmp_path / "out"), "--to", "md,html")
    no_traceback(checked, built, forced)
    assert checked.returncode == built.returncode == forced.returncode == 1
    assert [(f["rule"], f["severity"]) for f in json.loads(checked.stdout) if f["severity"] == "error"] == [
        (rule, "error")]
    assert not (tmp_path / "out").exists()  # a value the reader refused blocks even --force
    (err,) = [d for d in check_file(path).diagnostics if d.severity == "error"]
    en = cli("check", "--lang", "en", str(path))
    assert en.returncode == 1 and err.message("en") in en.stdout and err.message("zh") not in en.stdout


def test_a_refused_value_is_not_reported_twice() -> None:
    # the schema would say "must be a number" where the reader already refused the form: one finding
    for name in ("hexadecimal", "!!bool", "5,000-digit year", "negative zero fee"):
        (old, new), rule, *_ = CASES[name]
        assert [d.rule for d in errors(edit(old, new))] == [rule], name


def test_plain_decimal_forms_still_read() -> None:
    for written, value in (("12", 12), ("+12", 12), ("3.0", 3), ("0.35", 0.35), ("1.5e+3", 1500.0), (".5", 0.5),
                           ("-2", -2), ("0", 0), ("0.0", 0), ("1.0e-15", 1e-15),
                           (str(10 ** MAX_DIGITS - 1), 10 ** MAX_DIGITS - 1)):
        src = parse_bytes(edit(FEES, f"fees:                {{amount_wan_yuan: {written}}}").encode(), "r.yaml")
        assert not src.diagnostics, written
        assert src.data_at(("proactive_disclosure", "fees", "amount_wan_yuan")) == value, written


def test_an_alias_bomb_is_one_finding_per_alias_and_no_blow_up() -> None:
    # each level nine aliases of the one before: copied, level 9 would hold 9^9 values
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = GOOD + "\n".join(lines) + "\n"
    found = errors(text)
    aliases = [(d.line, d.column) for d in found if d.key == "yaml.anchor"]
    expected = [(line_of(text, f"a{i}: "), m.start() + 1) for i in range(1, 10)
                for m in re.finditer(r"\*", text.split("\n")[line_of(text, f"a{i}: ") - 1])]
    assert aliases == expected and len(aliases) == 81
    assert {d.rule for d in found} == {"Y-SYNTAX", "Y-KEY"}  # and the ten keys no report has


def test_a_key_after_a_refused_key_is_read() -> None:
    text = edit("year: 2023\n", "year: 2023\n[a, b]: {c: 1}\n? {d: 2}\n: [e]\norgan_typ: x\n")
    found = [(d.rule, d.key, d.line) for d in errors(text)]
    assert found == [("Y-STRUCTURE", "yaml.complex_key", line_of(text, "[a, b]")),
                     ("Y-STRUCTURE", "yaml.complex_key", line_of(text, "? {d")),
                     ("Y-KEY", "schema.unknown_key", line_of(text, "organ_typ: x"))]


def test_a_file_of_too_many_values_is_refused_where_the_limit_is_passed() -> None:
    text = GOOD + "x: [" + "0, " * 30_000 + "0]\n"
    err = only_error(text)
    line = line_of(text, "x: [")
    # the top mapping and its keys and values come first; the list's own nodes fill the rest
    assert (err.rule, err.key, err.line, err.args) == ("Y-STRUCTURE", "yaml.too_many_values", line,
                                                      {"limit": MAX_NODES})
    before = len([e for e in yaml.parse(GOOD, Loader=yaml.CSafeLoader)
                  if isinstance(e, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent))])
    assert err.column == column_of(text, line, "[") + 1 + 3 * (MAX_NODES - before - 2)


# ---- files that are no report, and encodings --------------------------------------------------------


def test_utf16_bom_before_an_odd_length_file() -> None:
    err = only_error(b"\xff\xfe" + "organ: 某局\n".encode("utf-16-le") + b"x")
    assert (err.rule, err.key, err.line, err.args) == ("Y-ENCODING", "io.bad_unicode", 2,
                                                      {"encoding": "UTF-16", "line": 2})


@pytest.mark.parametrize("codec, name, note", [("utf-32", "UTF-32", "io.utf32"), ("utf-32-be", "UTF-32", "io.utf32"),
                                               ("utf-32-le", "UTF-32", "io.utf32"), ("utf-16-be", "UTF-16", "io.utf16"),
                                               ("utf-16-le", "UTF-16", "io.utf16")])
def test_utf32_and_utf16_are_named_as_they_are(codec: str, name: str, note: str) -> None:
    # with a byte-order mark (utf-32 writes one), or without (found as the YAML spec says, by the NULs)
    result = check_bytes(GOOD.encode(codec), "r.yaml")
    assert [(d.rule, d.key, d.severity) for d in result.diagnostics if d.rule == "Y-UTF8"] == [
        ("Y-UTF8", note, "warning")]
    utf8 = check_bytes(GOOD.encode("utf-8"), "r.yaml")
    assert [d for d in result.diagnostics if d.rule != "Y-UTF8"] == utf8.diagnostics


def test_devzero_is_read_to_a_bound_and_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():  # pragma: no cover - not a POSIX system
        pytest.skip("no /dev/zero")
    src = read_file("/dev/zero")
    assert [(d.rule, d.key, d.line, d.args) for d in src.diagnostics] == [
        ("Y-STRUCTURE", "io.too_large", 1, {"limit": MAX_BYTES // (1024 * 1024)})]
    checked = cli("check", "/dev/zero")
    built = cli("build", "/dev/zero", "-o", str(tmp_path / "out"))
    no_traceback(checked, built)
    assert checked.returncode == built.returncode == 1 and not (tmp_path / "out").exists()
    assert "/dev/zero:1:1:" in checked.stdout and "Y-STRUCTURE" in checked.stdout


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    padding = MAX_BYTES - len(GOOD.encode())
    big.write_bytes(GOOD.encode() + b"#" * (padding - 1) + b"\n")  # exactly the limit: a report
    assert not check_file(big).errors
    with big.open("ab") as fp:
        fp.write(b"\n")
    assert [(d.rule, d.key) for d in check_file(big).errors] == [("Y-STRUCTURE", "io.too_large")]


def test_a_fifo_is_read_to_a_bound(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the writer, in the child
        try:
            with open(fifo, "wb") as fp:
                fp.write(GOOD.encode())
        finally:
            os._exit(0)
    try:
        assert not check_file(fifo).errors
    finally:
        os.waitpid(pid, 0)


def test_reader_error_is_located_on_its_line_in_chinese_first(tmp_path: Path) -> None:
    # once reported at 1:1 with libyaml's English ("unacceptable character #x0007 ...")
    text = "format: \"2021\"\norgan: 某局\nyear: 2023\novervi\x07ew: x\n"
    err = only_error(text)
    assert (err.rule, err.key, err.line, err.column, err.args) == ("Y-CHAR", "yaml.control_char", 4, 7,
                                                                  {"code": "U+0007"})
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    zh, en = cli("check", str(path)), cli("check", "--lang", "en", str(path))
    no_traceback(zh, en)
    assert zh.stdout.startswith(f"{path}:4:7: ") and CJK.search(zh.stdout) and "unacceptable" not in zh.stdout
    assert en.stdout.startswith(f"{path}:4:7: ") and not CJK.search(en.stdout)


def test_a_syntax_problem_the_catalogue_lacks_is_said_in_chinese_first() -> None:
    text = edit("organ_type: township_or_street", 'organ_type: "town\\qship"')  # an unknown escape
    err = only_error(text)
    assert (err.rule, err.key, err.line) == ("Y-SYNTAX", "yaml.syntax", line_of(text, "organ_type:"))
    zh, en = err.message("zh"), err.message("en")
    english = err.args["problem"].en
    assert english and english in en and CJK.search(zh) and CJK.search(zh[: zh.index(english)])


# ---- numbers written in the narrative ------------------------------------------------------------------


@pytest.mark.parametrize("number", ["9" * 5000, "９" * 5000, "一" * 5000, "十" * 5000, "9" * (MAX_DIGITS + 1)])
def test_an_absurd_count_in_the_text_is_no_count(number: str) -> None:
    text = edit("2023年慈音街道办收到行政诉讼1条", f"2023年慈音街道办收到政府信息公开申请{number}件，行政诉讼1条")
    result = check_bytes(text.encode(), "r.yaml")
    assert not result.errors
    assert [d.args["stated"] for d in result.diagnostics if d.rule == "T3-08"] == []


def test_a_count_of_fifteen_digits_in_the_text_is_still_compared() -> None:
    stated = "9" * MAX_DIGITS
    text = edit("2023年慈音街道办收到行政诉讼1条", f"2023年慈音街道办收到政府信息公开申请{stated}件，行政诉讼1条")
    assert [d.args["stated"] for d in check_bytes(text.encode(), "r.yaml").diagnostics if d.rule == "T3-08"] == [
        int(stated)]


@pytest.mark.parametrize("cell", ["一" * 5000, "9" * 5000 + "件", '"' + "9" * 5000 + '"', "1.2.3元", "9" * 30 + "元"])
def test_an_absurd_cell_in_words_is_a_finding(cell: str) -> None:
    text = edit(FEES, f"fees:                {{amount_wan_yuan: {cell}}}")
    err = only_error(text)
    assert (err.rule, err.key) == ("T2-02", "schema.number_as_text")


def test_a_hundred_subheadings_under_one_heading_do_not_crash() -> None:
    body = "  # 工作\n\n" + "\n\n".join(f"  ## 第{i}项\n\n  正文。" for i in range(120))
    start, end = GOOD.index("problems_and_improvements:"), GOOD.index("other_matters:")
    text = GOOD[:start] + "problems_and_improvements: |\n" + body + "\n\n" + GOOD[end:]
    assert check_bytes(text.encode(), "r.yaml").report is not None


# ---- the locator: text findings on the right line, whatever the YAML style -----------------------------

NARRATIVE = "problems_and_improvements"


def _with_text(block: str) -> str:
    start = GOOD.index(f"{NARRATIVE}:")
    end = GOOD.index("other_matters:")
    return GOOD[:start] + block + "\n\n" + GOOD[end:]


def _n06_lines(text: str) -> list[int]:
    return [d.line for d in check_bytes(text.encode(), "r.yaml").diagnostics if d.rule == "N-06"]


def _expected(text: str, needle: str = "，，") -> list[int]:
    return [i for i, line in enumerate(text.split("\n"), 1) if needle in line]


@pytest.mark.parametrize("style", [">", "|", ">-", "|+"])
def test_findings_in_block_text_point_at_their_lines(style: str) -> None:
    body = "\n\n".join(f"  第{i}项，，完成。" if i % 3 else f"  第{i}项\n    更深缩进，，的行" for i in range(300))
    text = _with_text(f"{NARRATIVE}: {style}\n{body}")
    assert _n06_lines(text) == _expected(text)


def test_findings_in_plain_multiline_text_point_at_their_lines() -> None:
    body = "\n".join(f"  第{i}项{'，，' if i % 2 else ''}完成" for i in range(200))
    text = _with_text(f"{NARRATIVE}:\n{body}")
    assert _n06_lines(text) == _expected(text)


def test_findings_in_quoted_text_point_at_their_lines() -> None:
    # escapes in double quotes (\u3000, \", \\, an escaped line break) and '' in single quotes
    double = "\n".join(f'  第{i}项\\u3000\\"引号\\"\\\\{"，，" if i % 2 else ""}完成\\' for i in range(100))
    text = _with_text(f'{NARRATIVE}: "\n{double}\n  "')
    assert _n06_lines(text) == _expected(text)
    single = "\n".join(f"  第{i}项''引号''{'，，' if i % 2 else ''}完成" for i in range(100))
    text = _with_text(f"{NARRATIVE}: '\n{single}\n  '")
    assert _n06_lines(text) == _expected(text)


def test_findings_after_lines_of_ideographic_spaces() -> None:
    body = "\n\n".join("  " + "\u3000" * 500 + ("甲，，乙" if i % 2 else "") for i in range(50))
    text = _with_text(f"{NARRATIVE}: >\n{body}")
    assert _n06_lines(text) == _expected(text)


def test_many_findings_are_all_located() -> None:
    body = "\n\n".join(f"  第{i}项工作，，已经完成。" for i in range(5000))
    text = _with_text(f"{NARRATIVE}: >\n{body}")
    assert _n06_lines(text) == _expected(text)


def test_stray_english_after_a_run_of_spaces_is_still_found() -> None:
    body = "  存在问题：" + "\u3000" * 2000 + "and改进措施。\n\n  措施" + "\u3000" * 2000 + "已经完成。"
    text = _with_text(f"{NARRATIVE}: |\n{body}")
    found = [(d.line, d.args["found"]) for d in check_bytes(text.encode(), "r.yaml").diagnostics if d.rule == "N-05"]
    assert found == [(line_of(text, "and改进"), "and")]


def test_narrative_problems_point_at_their_lines_in_folded_text() -> None:
    body = "\n\n".join(f"  第{i}段" if i % 7 else f"  <b>第{i}段</b>" for i in range(70))
    text = _with_text(f"{NARRATIVE}: >\n{body}")
    found = [d.line for d in check_bytes(text.encode(), "r.yaml").diagnostics if d.rule == "N-03"]
    assert found == _expected(text, "<b>")


# ---- property: any mutation of a bundled report, byte by byte or value by value --------------------------

HOSTILE_VALUES = [
    "0x1F", "-0x1F", "0b101", "0_12", "1_000", "1:20", "33:44", "1:20.5", "1_000.5", "012", "08", "1.0e+308",
    "1.0e+400", "-1.0e+400", "1.0e-400", "-0.0", "-0", "+0", ".inf", "-.inf", ".nan", "~", "null", "yes", "No",
    "on", '!!int "abc"', "!!bool x", "!!int 12", "!!float 0.5", "!!str 12", "!!null x", "!!timestamp 2024-01-01",
    "!!binary aGVsbG8=", "!!set {a: 1}", "!!python/object:os.system x", "!x y", "&a 1", "*a", "*nope", "BIG",
    "DEEP", "CNBIG", "3.0000000000000001", "1e5", "2024-01-99999999999", "2024-02-30", "2024年2月30日",
    "'quoted'", '"\\u2028"', '"\\x00"', '"\\uFFFE"', "[1, 2]", "{a: 1}", "", "'", '"', "{", "[", "- x", "a: b: c",
    "\u3000", "\t1", "1,000", "1，000", "十二", "12件", "3500元", "/", "9" * (MAX_DIGITS + 1),
    str(COUNT_MAX + 1), str(AMOUNT_MAX + 1) + ".5", "TEXTBIG", "SPACES",
    # and values a report may well hold, so that many mutated reports are still built
    "0", "1", "12", "0.5", "某局", "'某局'", '"2025年1月20日"', "2025-01-20", "township_or_street",
]
SPECIAL = {"BIG": "9" * 5000, "DEEP": "[" * 300 + "]" * 300, "CNBIG": "一" * 5000,
           "TEXTBIG": "收到政府信息公开申请" + "9" * 5000 + "件", "SPACES": "存在问题：" + "\u3000" * 3000 + "改进，，措施"}
BYTE_SNIPPETS = [b"\x00", b"\xff", b"\xfe\xff", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\t", b"\x07",
                 b"\xe2\x80\xa8", b"\xc2\x85", b"\xef\xbf\xbe", b"\xe3\x80\x80", b"\xa3\xba", b"---\n", b"...\n",
                 b": ", b"- ", b"#", b"&a ", b"*a", b"!!int ", b"{", b"}", b"[", b"]", b"'", b'"', b"\\",
                 b"\xe4\xb8", b"\n  ", b"\x00\x00\x00"]
BASES = {p.name: p.read_bytes() for p in INPUTS}
OUTPUTS = ("docx", "md", "html")


_PAIR = re.compile(r"(?m)^\s*[A-Za-z_]+:[ \t]+([\"']?)([^{}\n#]*?)\1[ \t]*(?:#.*)?$")


def _value_spans(text: str) -> list[tuple[int, int]]:
    """Where the values of "key: value" pairs stand in the text (flow-mapping cells included)."""
    spans = [(m.start(2), m.end(2)) for m in _PAIR.finditer(text) if m.group(2)]
    spans += [(m.start(1), m.end(1)) for m in re.finditer(r"[A-Za-z_]+: ([^,{}\n]+)(?=[,}])", text)]
    return spans


_CJK_BYTES = re.compile(rb"[\xe4-\xe9][\x80-\xbf]{2}")  # a Chinese character in UTF-8


@st.composite
def mutated(draw) -> bytes:
    name = draw(st.sampled_from(sorted(BASES)))
    data = BASES[name]
    mode = ("yaml", "bytes", "light")[draw(st.integers(0, 5)) // 2]
    if mode == "light":  # what a user types into the narrative: printable text, often still a good report
        starts = [m.end() for m in _CJK_BYTES.finditer(data)]
        at = draw(st.sampled_from(starts))
        typed = draw(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8))
        event("light")
        return data[:at] + typed.encode("utf-8") + data[at:]
    if mode == "yaml":  # YAML level: replace values with hostile ones
        text = data.decode("utf-8")
        spans = _value_spans(text)
        for _ in range(draw(st.integers(1, 3))):
            start, end = draw(st.sampled_from(spans))
            value = draw(st.sampled_from(HOSTILE_VALUES))
            value = SPECIAL.get(value, value)
            text = text[:start] + value + text[end:]
            spans = _value_spans(text)
        event("yaml-level")
        data = text.encode("utf-8")
    else:  # byte level: insert, delete, overwrite, truncate, or re-encode; or type into the narrative
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["insert", "delete", "overwrite", "truncate", "encode", "prefix", "type",
                                         "type"]))
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            if kind == "type":  # any character at all, after a Chinese character of the text
                starts = [m.end() for m in _CJK_BYTES.finditer(data)]
                if starts:
                    at = draw(st.sampled_from(starts))
                    typed = draw(st.text(min_size=1, max_size=3)).encode("utf-8", "surrogatepass")
                    data = data[:at] + typed + data[at:]
            elif kind == "insert":
                data = data[:at] + draw(st.sampled_from(BYTE_SNIPPETS)) + data[at:]
            elif kind == "delete":
                data = data[:at] + data[at + draw(st.integers(1, 16)):]
            elif kind == "overwrite":  # mostly with a character a keyboard types, now and then any byte
                byte = draw(st.one_of(st.integers(0x20, 0x7E), st.integers(0x20, 0x7E), st.integers(0, 255)))
                data = data[:at] + bytes([byte]) + data[at + 1:]
            elif kind == "truncate":
                data = data[:at]
            elif kind == "prefix":
                data = draw(st.sampled_from(BYTE_SNIPPETS)) + data
            else:
                try:
                    data = data.decode("utf-8").encode(draw(st.sampled_from(["utf-16", "utf-32", "gb18030",
                                                                             "utf-16-be", "utf-32-le"])))
                except (UnicodeDecodeError, UnicodeEncodeError):
                    pass
        event("byte-level")
    return data


def _case_dir(tmp_path: Path) -> Path:
    n = len(list(tmp_path.iterdir()))  # hypothesis reuses the function's tmp_path: a fresh folder per example
    case = tmp_path / f"case{n}"
    case.mkdir()
    return case


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(data=mutated())
def test_mutated_reports_never_crash_and_check_agrees_with_build(tmp_path: Path, data: bytes) -> None:
    case = _case_dir(tmp_path)
    report = case / "report.yaml"
    report.write_bytes(data)
    checked = cli("check", "--format", "json", str(report))
    # every output where check passes; where it fails, the quick ones (Word is the slow one), which
    # must not be written either
    to = OUTPUTS if checked.returncode == 0 else ("md", "html")
    built = cli("build", str(report), "-o", str(case / "out"), "--to", ",".join(to))
    no_traceback(checked, built)
    assert checked.returncode in (0, 1) and built.returncode in (0, 1), _short(checked) + _short(built)
    findings = json.loads(checked.stdout)
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in findings)
    written = {fmt for fmt in OUTPUTS if (case / "out" / f"report.{fmt}").is_file()}
    event(f"check exits {checked.returncode}")
    if checked.returncode == 0:
        assert built.returncode == 0 and written == set(to), _short(checked) + _short(built)
    else:
        assert built.returncode == 1 and written == set(), _short(checked) + _short(built)
    assert report.read_bytes() == data  # the input is never touched
