"""Narrative structure carried over faithfully: the author's Markdown and the Markdown (and HTML) edition,
read by the same CommonMark reader, give the same tree: lists with their nesting, type and first number,
hard breaks (and what follows them at the start of a line), bold and italic next to Chinese punctuation."""

from __future__ import annotations

import re

import pytest
import yaml
from markdown_it import MarkdownIt

from gipr_gen.formats import F2021
from gipr_gen.readers.markdown import parse
from gipr_gen.readers.report import report_from_data
from gipr_gen.writers import html, markdown

from conftest import ROOT
from test_web_outputs import Node, parse_html, render_md

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
}


def other_matters_nodes(text: str) -> dict[str, list]:
    """Section 六 of the Markdown and HTML editions, and the author's text as the reader renders it."""
    data = yaml.safe_load((ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8"))
    report = report_from_data(F2021, {**data, "other_matters": text})
    editions = {"md": render_md(markdown.render(report).decode("utf-8")),
                "html": parse_html(html.render(report).decode("utf-8")).root.find_all("main")[0]}
    out = {"author": shape(render_md(text).kids())}
    for name, root in editions.items():
        kids = root.kids()
        start = next(i for i, k in enumerate(kids) if k.tag == "h2" and k.text().startswith("六、"))
        out[name] = shape(kids[start + 1:])
    return out


def shape(nodes: list[Node | str]) -> list:
    """A comparable tree: tags with their start number and content; <p> inside a list item unwrapped
    (tight or loose list), newlines dropped (a soft break joins Chinese lines)."""
    out: list = []
    for n in nodes:
        if isinstance(n, str):
            text = n.replace("\n", "")
            if text and out and isinstance(out[-1], str):
                out[-1] += text
            elif text:
                out.append(text)
        else:
            children = [g for c in n.children
                        for g in (c.children if n.tag == "li" and isinstance(c, Node) and c.tag == "p" else [c])]
            out.append((n.tag, n.attrs.get("start"), shape(children)))
    return out


@pytest.mark.parametrize("case", NARRATIVES)
def test_narrative_structure_survives(case: str) -> None:
    trees = other_matters_nodes(NARRATIVES[case])
    assert trees["md"] == trees["author"]
    assert trees["html"] == trees["author"]


def test_cases_exercise_what_they_claim() -> None:
    """The author's trees really hold the constructs (so the comparison above can fail)."""
    lists = str(other_matters_nodes(NARRATIVES["lists"])["author"])
    assert lists.count("('ol', '10'") == 2 and lists.count("('ul'") == 3 and lists.count("('ol', None") == 3
    breaks = other_matters_nodes(NARRATIVES["breaks"])["author"]
    assert str(breaks).count("('br'") == 5 and "- 行首横线" in str(breaks)
    emphasis = str(other_matters_nodes(NARRATIVES["emphasis"])["author"])
    for part in ("('strong', None, ['“公开”'])", "('em', None, ['（例外）'])", "('strong', None, ['加粗'])"):
        assert part in emphasis


def test_markdown_edition_reads_well() -> None:
    """Plain Markdown where it parses as meant; inline HTML only where CommonMark's delimiter rules fail."""
    report_md = markdown.narrative_markdown(parse(NARRATIVES["emphasis"]))
    assert "前**加粗**后" in report_md and "*倾斜*、" in report_md
    assert "<strong>“公开”</strong> 为原则" in report_md
    assert re.search(r"^- 甲项\n {4}1\. 孙项", markdown.narrative_markdown(parse(NARRATIVES["lists"])), re.M)


def test_template_and_stylesheet_come_from_templates() -> None:
    source = (ROOT / "templates" / markdown.TEMPLATE).read_text(encoding="utf-8")
    assert "{{ title }}" in source and "section.table" in source
    css = (ROOT / "templates" / html.STYLESHEET).read_text(encoding="utf-8")
    page = html.render_page(report_from_data(F2021, yaml.safe_load(
        (ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8"))))
    assert css in page
