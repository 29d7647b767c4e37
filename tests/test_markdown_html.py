"""Narrative structure carried over faithfully: the author's Markdown and the Markdown (and HTML) edition,
read by the same independent CommonMark reader (markdown-it-py), give the same tree: lists with their
nesting, type and first number, hard breaks (and what follows them at the start of a line), bold and
italic next to Chinese punctuation, and headings numbered as the official levels (（一）, 1., （1）).

The expected trees are markdown-it-py's own rendering of the author's text (headings numbered by the
test, see ``test_web_outputs.numbered``) or literal; reports are built through the public API."""

from __future__ import annotations

import re

import pytest
import yaml

from gipr_gen.api import check_bytes, render

from conftest import ROOT
from test_web_outputs import Node, author_shape, parse_html, render_md, shape, split

NARRATIVES = {
    "lists": """前言：

- 甲项
  1. 孙项\\
     续行 - 不是列表
     1. 曾孙\\
        \\- 不是列表
  2. 又一项
- 乙项

10. 第十项
    - 子项

      10. 从十起的孙项

- 新的无序列表
1. 新的有序列表
""",
    "breaks": """第一行\\
\\- 行首横线\\
1\\. 行首编号\\
\\> 行首大于号\\
\\=== 行首等号\\
\\# 行首井号
""",
    "emphasis": """**“公开”** 为原则，*（例外）* 不公开；前**加粗**后、*倾斜*、***粗斜***。

**加粗***倾斜*相邻，*倾斜***加粗**相邻，**粗_下划_线**。
""",
    "headings": """# 甲

## 乙

### 丙

### *丁*

## 戊

# 己

## **庚**

正文
第二行
""",
}

# What the headings case must show, literally (spec §9.2: 一级 is the section heading; then （一）, 1., （1）).
HEADINGS_SHOWN = [("h3", None, ["（一）甲"]), ("h4", None, ["1.乙"]), ("h5", None, ["（1）丙"]),
                  ("h5", None, ["（2）", ("em", None, ["丁"])]), ("h4", None, ["2.戊"]), ("h3", None, ["（二）己"]),
                  ("h4", None, ["1.", ("strong", None, ["庚"])]), ("p", None, ["正文第二行"])]


def build(text: str) -> dict[str, str]:
    """The Markdown and HTML editions of a clean report whose section 六 is ``text``."""
    data = yaml.safe_load((ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8"))
    checked = check_bytes(yaml.safe_dump({**data, "other_matters": text}, allow_unicode=True).encode("utf-8"))
    assert checked.report is not None and checked.buildable(force=True), checked.diagnostics
    return {fmt: render(checked.report, fmt).decode("utf-8") for fmt in ("md", "html")}


def section_six(root: Node) -> list[Node]:
    _, _, sections = split(root)
    heading, nodes = sections[5]
    assert heading.text() == "六、其他需要报告的事项"
    return nodes


def other_matters_nodes(text: str) -> dict[str, list]:
    """Section 六 of the Markdown and HTML editions, and the author's text as the reader renders it."""
    out = build(text)
    editions = {"md": render_md(out["md"]), "html": parse_html(out["html"]).root.find_all("main")[0]}
    return {"author": author_shape(text), **{name: shape(section_six(root)) for name, root in editions.items()}}


@pytest.mark.parametrize("case", NARRATIVES)
def test_narrative_structure_survives(case: str) -> None:
    trees = other_matters_nodes(NARRATIVES[case])
    assert trees["md"] == trees["author"]
    assert trees["html"] == trees["author"]


def test_cases_exercise_what_they_claim() -> None:
    """The author's trees really hold the constructs (so the comparison above can fail)."""
    lists = str(author_shape(NARRATIVES["lists"]))
    assert lists.count("('ol', '10'") == 2 and lists.count("('ul'") == 3 and lists.count("('ol', None") == 3
    breaks = author_shape(NARRATIVES["breaks"])
    assert str(breaks).count("('br'") == 5 and "- 行首横线" in str(breaks)
    emphasis = str(author_shape(NARRATIVES["emphasis"]))
    for part in ("('strong', None, ['“公开”'])", "('em', None, ['（例外）'])", "('strong', None, ['加粗'])",
                 "('em', None, ['倾斜'])", "('em', None, [('strong', None, ['粗斜'])])"):
        assert part in emphasis
    assert author_shape(NARRATIVES["headings"]) == HEADINGS_SHOWN


def test_markdown_edition_reads_well() -> None:
    """Plain Markdown where it parses as meant; inline HTML only where CommonMark's delimiter rules fail."""
    md = build(NARRATIVES["emphasis"])["md"]
    assert "前**加粗**后" in md and "*倾斜*、" in md
    assert "<strong>“公开”</strong> 为原则" in md
    lists = build(NARRATIVES["lists"])["md"]
    assert re.search(r"^- 甲项\n {4}1\. 孙项", lists, re.M)
    headings = build(NARRATIVES["headings"])["md"]
    assert re.search(r"^### （一）甲\n\n#### 1\.乙\n\n##### （1）丙\n", headings, re.M)


def test_stylesheet_comes_from_templates() -> None:
    css = (ROOT / "templates" / "report.css").read_text(encoding="utf-8")
    assert "@page" in css
    (style,) = parse_html(build("本年度未收取信息处理费。")["html"]).root.find_all("style")
    assert [c.strip() for c in style.children] == [css.strip()]
    source = (ROOT / "templates" / "report.md.j2").read_text(encoding="utf-8")
    assert "{{ title }}" in source and "section.table" in source
