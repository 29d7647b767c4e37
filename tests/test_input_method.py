"""Input-method slips (issue "Office staff on Windows", point 1): what a Chinese input method types where
YAML wants ASCII gets its own finding at the character itself, naming it (and its code point when it is
invisible) and the fix. Each case is one edit of the Suining report; the test says rule, line, column,
message key and arguments, never the wording; the messages must name the character in both languages.
"""

from __future__ import annotations

import pytest

from conftest import GOOD, column_of, edit, errors, line_of, only_error

ORGAN = "organ: 遂宁市河东新区慈音街道办事处"
REG = "regulations:         {issued: 0, repealed: 0, in_force: 0}"

# name: ((old, new), message key, line marker, column marker, arguments, what both messages must name)
#   line marker: text on the line the finding must point at
#   column marker: text on that line whose first character is the finding's column
CASES = {
    "full-width comma in braces": (
        (REG, "regulations:         {issued: 3，repealed: 1, in_force: 0}"),
        "yaml.fullwidth_comma", "regulations:", "，", {"char": "，", "fix": ","}, "，"),
    "full-width braces": (
        (REG, "regulations:         ｛issued: 0, repealed: 0, in_force: 0｝"),
        "yaml.fullwidth_punct", "regulations:", "｛", {"char": "｛", "fix": "{"}, "｛"),
    "full-width closing brace": (
        (REG, "regulations:         {issued: 0, repealed: 0, in_force: 0｝"),
        "yaml.fullwidth_punct", "regulations:", "｝", {"char": "｝", "fix": "}"}, "｝"),
    "full-width brackets around a mapping": (
        (REG, "regulations:         ［issued: 0, repealed: 0, in_force: 0］"),
        "yaml.fullwidth_punct", "regulations:", "［", {"char": "［", "fix": "["}, "［"),
    "full-width brackets around a value": (
        (ORGAN, "organ: ［遂宁市河东新区慈音街道办事处］"),
        "yaml.fullwidth_punct", "organ:", "［", {"char": "［", "fix": "["}, "［"),
    "full-width spaces indenting a row (line 47)": (
        ("    partly_disclosed:", "\u3000\u3000partly_disclosed:"),
        "yaml.ime.fullwidth_indent", "partly_disclosed:", "\u3000", {"code": "U+3000", "count": 2}, "U+3000"),
    "full-width space indenting a block key (reported by libyaml 9 lines later)": (
        ("    withheld:", "  \u3000withheld:"),
        "yaml.ime.fullwidth_indent", "withheld:", "\u3000", {"code": "U+3000", "count": 1}, "U+3000"),
    "no space after the colon": (
        ("year: 2023", "year:2025"),
        "yaml.ime.colon_space", "year:2025", ":", {"key": "year", "fix": "year: 2025"}, ":"),
    "a paragraph that lost its indentation": (
        ("\n  一是加强信息保密管理", "\n一是加强信息保密管理"),
        "yaml.ime.block_indent", "一是加强信息保密管理", "一", {"key": "overview", "indent": 2}, "overview"),
    "a heading that lost its indentation": (
        ("  # 政府信息管理\n", "# 政府信息管理\n"),
        "yaml.ime.block_indent", "# 政府信息管理", "#", {"key": "overview", "indent": 2}, "overview"),
    "curly double quotes": (
        (ORGAN, "organ: “遂宁市河东新区慈音街道办事处”"),
        "yaml.ime.curly_quotes", "organ:", "“", {"open": "“", "close": "”", "fix": "遂宁市河东新区慈音街道办事处"}, "“"),
    "curly single quotes": (
        (ORGAN, "organ: ‘遂宁市河东新区慈音街道办事处’"),
        "yaml.ime.curly_quotes", "organ:", "‘", {"open": "‘", "close": "’", "fix": "遂宁市河东新区慈音街道办事处"}, "‘"),
    "corner brackets": (
        (ORGAN, "organ: 「遂宁市河东新区慈音街道办事处」"),
        "yaml.ime.curly_quotes", "organ:", "「", {"open": "「", "close": "」", "fix": "遂宁市河东新区慈音街道办事处"}, "「"),
}


@pytest.mark.parametrize("name", CASES)
def test_an_input_method_slip_is_named_where_it_stands(name: str) -> None:
    (old, new), key, line_marker, column_marker, args, named = CASES[name]
    text = edit(old, new)
    err = only_error(text)
    line = line_of(text, line_marker)
    assert (err.rule, err.severity, err.key) == ("Y-SYNTAX", "error", key)
    assert (err.line, err.column) == (line, column_of(text, line, column_marker))
    assert err.args == args
    zh, en = err.message("zh"), err.message("en")
    assert named in zh and named in en
    assert zh != en


def test_the_fix_is_spelt_out() -> None:
    for name in ("no space after the colon", "curly double quotes"):
        args = CASES[name][4]
        err = only_error(edit(*CASES[name][0]))
        assert all(args["fix"] in err.message(lang) for lang in ("zh", "en")), name


@pytest.mark.parametrize("old,new", [
    (ORGAN, "organ: “河东慈音”微信公众号"),  # a quoted word inside a value, not quotes around it
    (ORGAN, "organ: “遂宁”和“慈音”"),
    ("\n  一是加强信息保密管理", "\n  \u3000\u3000一是加强信息保密管理"),  # the Chinese first-line indent of a paragraph
    ("  # 主动公开\n", "  # 主动公开\n\n  〔2023〕1号文件｛附件｝，［见下］：略\n"),  # full-width signs in text
])
def test_what_is_meant_is_not_refused(old: str, new: str) -> None:
    assert [(d.rule, d.key) for d in errors(edit(old, new)) if d.rule == "Y-SYNTAX"] == []


def test_the_good_report_still_reads() -> None:
    assert errors(GOOD) == []
