"""The narrative reader's plain path (paragraphs and "#" headings, read without a Markdown library)
gives exactly the blocks CommonMark gives, and declines everything else — including what the reader's
CommonMark path treats specially: table rows, reference and footnote definitions, links, entities."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gipr_gen.readers.markdown import _commonmark, _plain, parse

# Lines an author writes, plain or not, and characters that matter to CommonMark at a line's start,
# inside a line, or as whitespace.
LINES = st.sampled_from([
    "", " ", "正文一段。", "2024年，我局围绕重点领域", "  缩进两格", "   缩进三格", "    缩进四格", "# 主动公开",
    "## 制度 建设", "### （一）已编号", "#### 过深", "#没有空格", "# 标题 #", "# C#语言", "1. 列表", "1、顿号",
    "1.5亿元", "2) 括号", "- 横线", "+ 加号", "* 星号", "> 引用", "---", "===", "```", "~~~", "尾随两空格  ",
    "尾随一空格 ", "\t制表", "\u3000全角空格", "甲\u00a0乙", "a & b", "**加粗**", "_下划_", "<b>x</b>", "![图](a.png)",
    "[链接](http://x)", "反斜\\杠", "C# 与 #号", "百分之10%", "{{ title }}", "2024-01-20",
    # what the reader treats beyond CommonMark (tables, definitions) or prints specially (links, entities)
    "| 甲 | 乙 |", "|---|---|", "甲 | 乙", "--|--", "甲 \\| 乙", "[^1]: 注释", "[门户]: http://x", "<http://x>",
    "&amp;", "&copy;", "## 1.5亿元", "- - 甲",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8))
def test_plain_path_agrees_with_commonmark(lines: list[str]) -> None:
    text = "\n".join(lines).rstrip()
    plain = _plain(text)
    if plain is not None:
        blocks, problems = _commonmark(text)
        assert (plain, []) == (blocks, problems), text


@given(st.text(alphabet="甲 #\n-*1.)>`_[]!<&\t\u3000a=~|:^", max_size=40))
def test_plain_path_agrees_on_any_text(text: str) -> None:
    text = text.rstrip()
    plain = _plain(text) if text else None
    if plain is not None:
        assert (plain, []) == _commonmark(text), repr(text)


def test_plain_narratives_are_read_without_a_markdown_library() -> None:
    import subprocess
    import sys

    # only a fresh interpreter shows what a check of plain narratives imports
    code = ("import sys\nfrom gipr_gen.readers.markdown import parse\n"
            "n = parse('# 主动公开\\n\\n2024年，我局\\n公开信息12条。\\n\\n## 平台\\n网站。')\n"
            "print([b.number + b.text for b in n.blocks], 'markdown_it' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "['（一）主动公开', '2024年，我局公开信息12条。', '1.平台', '网站。'] False"


def test_anything_else_goes_to_commonmark() -> None:
    for text in ("- 一项\n- 二项", "甲  \n乙", "    代码", "<b>粗</b>", "# 标题 #", "甲 | 乙\n--|--", "甲\n==="):
        assert _plain(text) is None
    assert [b.kind for b in parse("- 一项\n- 二项").blocks] == ["item", "item"]


def test_heading_numbers_in_chinese_beyond_ninety_nine() -> None:
    from gipr_gen.readers.markdown import cn_number

    expected = {1: "一", 10: "十", 12: "十二", 20: "二十", 99: "九十九", 100: "一百", 101: "一百零一", 110: "一百一十",
                1010: "一千零一十", 9999: "九千九百九十九"}
    assert {n: cn_number(n) for n in expected} == expected
    text = "\n\n".join(f"# 第{i}项" for i in range(1, 102))
    headings = [b.number + b.text for b in parse(text).blocks]
    assert headings[-1] == "（一百零一）第101项" and len(headings) == 101
    assert parse("# （一百零一）已编号").blocks[0].text == "已编号"  # a typed number gives way
