"""No text lost: every Markdown construct in a narrative is either rendered faithfully in all three
outputs or refused by ``check`` (rule N-03) at its line.

The property test generates reports whose narratives mix paragraphs, ATX and setext headings, lists
(bullet and ordered, up to three levels, empty items, further paragraphs, soft and hard breaks),
emphasis, links, autolinks, entities, backslash escapes, CJK and ASCII text and special characters.
The generator knows the author's own text of each narrative (its characters other than Markdown
syntax); for every generated report that ``check`` passes, that text must be found, in order, in the
plain text of each output: the .md read back with markdown-it, the .html with html.parser and the
.docx from its XML. Reports that also hold a construct the layout cannot carry must be refused. A second
property feeds any text dense in Markdown's characters: whatever check passes keeps every Chinese
character in every output. The tests after them pin each construct's fate: printed (links as
文字（网址）, autolinks, entities, setext headings, list shapes) or refused at its line.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from gipr_gen.api import Checked, check_bytes, render
from gipr_gen.readers.markdown import MAX_LIST_DEPTH, parse

from conftest import ROOT

BASE = yaml.safe_load((ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml").read_text(encoding="utf-8"))
NARRATIVE_FIELDS = (("intro",), ("overview",), ("proactive_disclosure", "text"), ("applications", "text"),
                    ("problems_and_improvements",), ("other_matters",))


# ---- the plain text of each output -------------------------------------------------------------

_MD = MarkdownIt("commonmark", {"html": True})
_ALLOWED_TAGS = {"<strong>", "</strong>", "<em>", "</em>", "<br>"}  # the Markdown edition's only inline HTML


def md_text(md: str) -> str:
    """The text of the Markdown edition as a CommonMark reader shows it (the HTML blocks — tables and
    signature — as their text). Nothing in it may be code, a link, an image, a quote or a rule."""
    out = []
    for tok in _MD.parse(md):
        assert tok.type not in ("code_block", "fence", "blockquote_open", "hr"), tok
        if tok.type == "html_block":
            out.append(html.unescape(re.sub(r"<[^>]*>", "", tok.content)))
        for child in tok.children or ():
            assert child.type not in ("image", "link_open", "code_inline"), child
            if child.type == "html_inline":
                assert child.content in _ALLOWED_TAGS, child.content
            elif child.type == "text":
                out.append(child.content)
    return "".join(out)


class _HtmlText(HTMLParser):
    SKIPPED = {"head", "style", "title", "script"}
    FORBIDDEN = {"img", "a", "pre", "code", "blockquote", "hr", "script", "iframe", "object"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        assert tag not in self.FORBIDDEN, tag
        self.skip += tag in self.SKIPPED

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in self.SKIPPED

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def html_text(page: str) -> str:
    parser = _HtmlText()
    parser.feed(page)
    parser.close()
    return "".join(parser.out)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return "".join(el.text or "" for el in root.iter(f"{_W}t"))


def outputs(checked: Checked) -> dict[str, str]:
    assert checked.report is not None
    report = checked.report
    return {"md": md_text(render(report, "md").decode("utf-8")),
            "html": html_text(render(report, "html").decode("utf-8")),
            "docx": docx_text(render(report, "docx"))}


def squeezed(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def missing(expected: str, shown: str) -> str:
    """What of ``expected`` (in order, whitespace aside) cannot be found in ``shown``: empty when nothing."""
    it = iter(squeezed(shown))
    want = squeezed(expected)
    for i, ch in enumerate(want):
        if ch not in it:  # advances the iterator: an in-order subsequence test
            return want[i:]
    return ""


# ---- reports -------------------------------------------------------------------------------------


def report_bytes(texts: dict[tuple[str, ...], str], **fields) -> bytes:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    for path, text in texts.items():
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = text
    data.update(fields)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def start_mark(k: int) -> str:
    return f"〘{k}〘"


def end_mark(k: int) -> str:
    return f"〙{k}〙"


def segment(text: str, k: int) -> str:
    """The part of an output between narrative ``k``'s two marks."""
    start, end = text.find(start_mark(k)), text.find(end_mark(k))
    assert 0 <= start < end, f"narrative {k}'s marks are missing"
    return text[start:end]


# ---- the generator: Markdown together with the author's text it holds -------------------------


@dataclass(frozen=True)
class Md:
    source: str  # as the author types it
    text: str  # the author's own characters in it (no syntax)

    def __add__(self, other: Md) -> Md:
        return Md(self.source + other.source, self.text + other.text)


def joined(parts: list[Md]) -> Md:
    out = Md("", "")
    for p in parts:
        out = out + p
    return out


CJK = "公开政府信息年度报告工作情况主动依申请行政复议诉讼平台建设监督保障数据甲乙丙丁中文字词"  # no 一…十: "三、" is a typed heading number
SAFE_ASCII = "abcXYZ0123456789,.%@$'\"/:;?^{}="
SAFE_PUNCT = "，。、；：“”（）《》！？…—·"
SPECIAL = "😀\u200b\u00a0\u3000é"
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
ENTITIES = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&copy;", "©"), ("&#20013;", "中"),
            ("&#x6587;", "文"), ("&nbsp;", "\u00a0"), ("&#32;" * 4, " " * 4), ("&#9;", "\t")]

cjk_word = st.text(alphabet=CJK, min_size=1, max_size=6).map(lambda s: Md(s, s))
word = st.text(alphabet=CJK + SAFE_ASCII + SAFE_PUNCT + SPECIAL + " ", min_size=1, max_size=8).map(lambda s: Md(s, s))
escaped = st.sampled_from(PUNCTUATION).map(lambda c: Md("\\" + c, c))
entity = st.sampled_from(ENTITIES).map(lambda e: Md(*e))
atom = st.one_of(word, word, cjk_word, escaped, entity)


@st.composite
def emphasis(draw) -> Md:
    inner = joined([draw(cjk_word), *draw(st.lists(atom, max_size=2)), draw(cjk_word)])
    mark = draw(st.sampled_from(["**", "*", "_", "***", "__"]))
    return Md(mark + inner.source + mark, inner.text)


URL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789/._-~%?=&#:中文"


@st.composite
def url(draw) -> str:
    host = draw(st.sampled_from(["www.yx.gov.cn", "example.org", "政府.中国", "10.0.0.1:8080"]))
    scheme = draw(st.sampled_from(["http://", "https://", "ftp://", "javascript:"]))
    return scheme + host + "/" + draw(st.text(alphabet=URL_CHARS, max_size=12))


@st.composite
def link(draw) -> Md:
    inner = joined([draw(cjk_word), *draw(st.lists(st.one_of(atom, emphasis()), max_size=2))])
    address = draw(url())
    return Md(f"[{inner.source}]({address})", inner.text + address)


@st.composite
def autolink(draw) -> Md:
    address = draw(url().filter(lambda u: not u.startswith("javascript")))
    return Md(f"<{address}>", address)


piece = st.one_of(atom, atom, atom, emphasis(), link(), autolink())


@st.composite
def line(draw) -> Md:
    """One line of text; it starts with a Chinese word or a character reference (&#32;&#32;&#32;&#32;
    is text, not indentation), so it never reads as a block marker."""
    return joined([draw(st.one_of(cjk_word, cjk_word, entity)), *draw(st.lists(piece, max_size=5))])


@st.composite
def lines(draw, indent: str = "", max_size: int = 3) -> Md:
    """Lines of one paragraph, joined by soft or hard breaks; ``indent`` before all but the first."""
    parts = draw(st.lists(line(), min_size=1, max_size=max_size))
    out = parts[0]
    for p in parts[1:]:
        out = out + Md(draw(st.sampled_from(["\n", "  \n", "\\\n"])) + indent, "") + p
    return out


@st.composite
def heading(draw) -> Md:
    if draw(st.booleans()):
        return Md("#" * draw(st.integers(1, 3)) + " ", "") + draw(line())
    return draw(lines(max_size=2)) + Md("\n" + draw(st.sampled_from(["===", "---", "="])), "")


@st.composite
def items(draw, depth: int, indent: str) -> Md:
    """A list at ``depth`` (1 to MAX_LIST_DEPTH) whose markers stand at ``indent``."""
    ordered = draw(st.booleans())
    if ordered:
        start = draw(st.sampled_from([1, 1, 2, 9, 10, 99, 100, 123456789]))
        delimiter = draw(st.sampled_from(".)"))
    else:
        bullet = draw(st.sampled_from("-*+"))
    out: list[Md] = []
    count = draw(st.integers(1, 3))
    for n in range(count):
        marker = f"{start + n}{delimiter}" if ordered else bullet
        inner = indent + " " * (len(marker) + 1)
        # an empty item, never first in a nested list (right under its parent's text "-" would
        # underline it as a heading, any other marker could not interrupt the paragraph)
        empty = n > 0 and draw(st.integers(0, 5)) == 0
        body = Md(indent + marker, "") if empty else Md(indent + marker + " ", "") + draw(lines(inner))
        if not empty and draw(st.integers(0, 3)) == 0:  # a further paragraph of the item
            body = body + Md("\n\n" + inner, "") + draw(lines(inner))
        if depth < MAX_LIST_DEPTH and draw(st.integers(0, 2)) == 0:
            sub = draw(items(depth + 1, inner))
            # a list numbered from other than 1 cannot interrupt the paragraph above it (it would be
            # that paragraph's text, by CommonMark's rule): a blank line first, unless the item is empty
            # (then a blank line would end it)
            interrupts = re.match(r" *[0-9]+[.)]", sub.source) is None or re.match(r" *1[.)]", sub.source)
            gap = "\n" if empty or (interrupts and draw(st.booleans())) else "\n\n"
            body = body + Md(gap, "") + sub
        out.append(body)
    return joined([out[0], *(Md("\n", "") + b for b in out[1:])])


paragraph = lines()
block = st.one_of(paragraph, paragraph, heading(), items(1, ""))

# Constructs the official layout cannot hold: each must make check fail with N-03.
REFUSED = st.sampled_from([
    "| 项目 | 数量 |\n|---|---|\n| 申请 | 5 |",
    "项目 | 数量\n--|--\n申请 | 5",
    "[^1]: 注释文字",
    "[门户]: http://www.yx.gov.cn",
    "[门户网站](http://www.yx.gov.cn \"县政府门户\")",
    "\n".join("  " * i + f"- 第{i + 1}层" for i in range(MAX_LIST_DEPTH + 1)),
    "\n".join("  " * i + f"- 第{i + 1}层" for i in range(12)) + "\n\n其后的段落",
    "- 列表项\n\n  # 列表中的标题",
    "![图](a.png)", "<b>粗</b>", "文字`代码`", "> 引用", "***", "#### 过深", "段内&#10;- 换行", "分页&#12;",
])


@st.composite
def narrative(draw, k: int) -> tuple[str, str, bool]:
    """(Markdown, the author's text, whether it holds a refused construct); marks open and close it."""
    blocks = draw(st.lists(block, min_size=1, max_size=5))
    refused = draw(st.lists(REFUSED, max_size=1)) if draw(st.integers(0, 4)) == 0 else []
    parts = [start_mark(k), *(b.source for b in blocks), *refused, end_mark(k)]
    return "\n\n".join(parts), "".join(b.text for b in blocks), bool(refused)


@st.composite
def reports(draw) -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str], bool]:
    fields = draw(st.lists(st.sampled_from(NARRATIVE_FIELDS), min_size=1, max_size=3, unique=True))
    texts, authors, refused = {}, {}, False
    for k, path in enumerate(fields):
        source, author, bad = draw(narrative(k))
        texts[path], authors[path] = source, author
        refused |= bad
    return texts, authors, refused


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_no_character_of_the_authors_text_is_lost(case) -> None:
    texts, authors, refused = case
    checked = check_bytes(report_bytes(texts))
    n03 = [d for d in checked.errors if d.rule == "N-03"]
    if refused:
        assert n03, texts
        return
    assert checked.ok, ([(d.rule, d.key, d.args) for d in checked.errors], texts)
    shown = outputs(checked)
    for k, path in enumerate(texts):
        for fmt, text in shown.items():
            lost = missing(authors[path], segment(text, k))
            assert not lost, (fmt, path, lost[:20], texts[path])


# Any text at all, dense in Markdown's characters: whatever check passes keeps every Chinese character
# (never syntax; 一 to 十 left out, since a typed heading number gives way to the computed one).
HOSTILE = "甲乙丙丁 \n#*_-+=>|[]()!<>&;:/\\`~^0123456789.ahtp\t\u3000"


def chinese(text: str) -> Counter:
    return Counter(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=HOSTILE, max_size=60))
def test_any_text_check_passes_keeps_every_chinese_character(text: str) -> None:
    checked = check_bytes(report_bytes({("other_matters",): f"{start_mark(0)}\n\n{text}\n\n{end_mark(0)}"}))
    if not checked.ok:
        assert [d for d in checked.errors if d.rule == "N-03"], checked.errors
        return
    want = chinese(text)
    for fmt, out in outputs(checked).items():
        assert not want - chinese(segment(out, 0)), (fmt, text)


# ---- each construct's fate, one by one ------------------------------------------------------------


def built(text: str, **fields) -> tuple[Checked, dict[str, str]]:
    checked = check_bytes(report_bytes({("other_matters",): text}, **fields))
    assert checked.ok, [(d.rule, d.key, d.args) for d in checked.errors]
    return checked, outputs(checked)


def refused(text: str) -> list[tuple[int, str]]:
    """(line inside the narrative, message key) of each N-03 finding for ``text`` as section 六."""
    data = report_bytes({("other_matters",): "@@"}).decode("utf-8")
    data = data.replace("other_matters: '@@'", "other_matters: |\n" + "".join(f"  {ln}\n" for ln in text.split("\n")))
    first = data.split("\n").index("other_matters: |") + 2  # the text's first line, 1-based
    checked = check_bytes(data.encode("utf-8"))
    assert not checked.buildable(force=True)
    return [(d.line - first, d.key) for d in checked.errors if d.rule == "N-03"]


def test_a_link_prints_its_text_and_its_address() -> None:
    checked, shown = built("详见[门户网站](http://www.yx.gov.cn/gk?a=1&b=2)和<https://政府.中国/%E4>，"
                           "或[http://x.cn](http://x.cn)。")
    assert checked.report is not None
    want = "详见门户网站（http://www.yx.gov.cn/gk?a=1&b=2）和https://政府.中国/%E4，或http://x.cn。"
    assert checked.report.texts["other_matters"].blocks[0].text == want
    for fmt, text in shown.items():
        assert want in text, fmt


def test_a_link_with_an_unsafe_scheme_still_prints_its_address() -> None:
    checked, shown = built("[点此](javascript:alert(1))")
    for fmt, text in shown.items():
        assert "点此（javascript:alert(1)）" in text, fmt


def test_entities_and_escapes_print_the_characters_they_stand_for() -> None:
    _, shown = built("甲&amp;乙&copy;&#20013;&#x6587;\\*丙\\[丁\\]")
    for fmt, text in shown.items():
        assert "甲&乙©中文*丙[丁]" in text, fmt


def test_spaces_from_character_references_do_not_indent_a_line() -> None:
    """``&#32;`` at a line's start is text: written back as spaces it would make code or a list."""
    _, shown = built("&#32;- 甲\n\n&#32;&#32;&#32;&#32;乙\n\n- 丙\\\n&#9;1. 丁")
    for fmt, text in shown.items():  # (outputs() also holds that nothing became code)
        assert not missing("-甲乙丙1.丁", text[text.index("六、"):]), fmt


def test_setext_headings_are_headings() -> None:
    checked, shown = built("主动公开\n===\n\n正文。\n\n平台建设\n---\n\n正文。")
    assert checked.report is not None
    blocks = checked.report.texts["other_matters"].blocks
    assert [(b.kind, b.number, b.text) for b in blocks] == [
        ("heading", "（一）", "主动公开"), ("paragraph", "", "正文。"), ("heading", "1.", "平台建设"),
        ("paragraph", "", "正文。")]
    for fmt, text in shown.items():
        assert "（一）主动公开正文。1.平台建设正文。" in squeezed(text), fmt


def test_a_hard_break_in_a_setext_heading_stays_in_the_heading() -> None:
    checked, shown = built("上半句\\\n下半句\n===\n\n正文。")
    assert "### （一）上半句<br>下半句\n" in render(checked.report, "md").decode("utf-8")
    for fmt, text in shown.items():
        assert "（一）上半句下半句正文。" in squeezed(text), fmt


def test_a_typed_decimal_is_not_taken_for_a_heading_number() -> None:
    checked, _ = built("## 1.5亿元资金\n\n## 2、平台")
    assert checked.report is not None
    assert [b.number + b.text for b in checked.report.texts["other_matters"].blocks] == ["1.1.5亿元资金", "2.平台"]


def test_list_items_keep_empty_items_further_paragraphs_and_wide_numbers() -> None:
    text = ("123456789. 甲\n           - 子\n\n           续段\n123456790.\n123456791. 乙\n\n"
            "-\n  - 无文字的父项之子\n\n1. 一\n2. 二\n\n5) 新的列表从五起")
    checked, shown = built(text)
    assert checked.report is not None
    blocks = checked.report.texts["other_matters"].blocks
    assert [(b.level, b.number, b.text) for b in blocks] == [
        (1, "123456789.", "甲"), (2, "•", "子"), (1, "", "续段"), (1, "123456790.", ""), (1, "123456791.", "乙"),
        (1, "•", ""), (2, "•", "无文字的父项之子"), (1, "1.", "一"), (1, "2.", "二"), (1, "5.", "新的列表从五起")]
    md = render(checked.report, "md").decode("utf-8")
    section = md[md.index("## 六、"):]
    again = parse(section[section.index("\n\n") + 2:].split("\n\n<div")[0])
    assert [(b.level, b.number, b.text) for b in again.blocks] == [(b.level, b.number, b.text) for b in blocks]
    for fmt, out in shown.items():
        assert not missing("甲子续段乙无文字的父项之子一二新的列表从五起", out), fmt


@pytest.mark.parametrize(("text", "expected"), [
    ("正文。\n\n| 项目 | 数量 |\n|---|---|\n| 申请 | 5 |", [(2, "narrative.table")]),
    ("正文。\n\n[^1]: 注释\n\n后文。", [(2, "narrative.footnote")]),
    ("正文[门户]。\n\n[门户]: http://www.yx.gov.cn", [(2, "narrative.reference")]),
    ("见[门户](http://www.yx.gov.cn \"标题\")。", [(0, "narrative.link_title")]),
    ("- 一\n  - 二\n    - 三\n      - 四\n        - 五", [(3, "narrative.deep_list")]),
    ("- 列表项\n\n  # 标题", [(2, "narrative.heading_in_item")]),
    ("正文。\n续行&#12;分页，&#10;- 换行", [(1, "narrative.control")]),
])
def test_what_the_layout_cannot_hold_is_refused_at_its_line(text: str, expected: list) -> None:
    assert refused(text) == expected


def test_a_list_ten_deep_is_refused_before_markdown_it_drops_what_follows() -> None:
    deep = "\n".join("  " * i + f"- 第{i + 1}层" for i in range(12))
    findings = refused("正文。\n\n" + deep + "\n\n结尾。")
    assert findings[0] == (2 + MAX_LIST_DEPTH, "narrative.deep_list")
    # beyond markdown-it's nesting limit the text is not even read: that is said where it starts
    assert ("narrative.nesting" in {key for _, key in findings})


def test_a_blank_line_in_the_signature_lets_no_markdown_in() -> None:
    organ = "云溪县市场监督管理局\n\n![x](http://evil.example/x.png)\n\n<script>alert(1)</script>"
    checked = check_bytes(report_bytes({}, signature={"organ": organ, "date": "2025-01-20"}))
    assert checked.ok
    page = render(checked.report, "html").decode("utf-8")
    assert "<img" not in page and "<script>" not in page
    for fmt, text in outputs(checked).items():
        assert not missing(organ, text), fmt
