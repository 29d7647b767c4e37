"""Markdown and HTML editions read back by real readers: the standard library's html.parser for the page,
markdown-it-py (CommonMark) for the Markdown. Tables are rebuilt from rowspan/colspan and held against
``layout.grid``; figures against the model; narrative against ``narrative.parse``; seeds against the
published reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from markdown_it import MarkdownIt

from gipr_gen.formats.f2021 import layout as L
from gipr_gen.formats import F2021
from gipr_gen.api import check_bytes, load
from gipr_gen.api import render
from gipr_gen.model import Number, Report
from gipr_gen.readers.markdown import parse
from gipr_gen.resources import templates_dir

from conftest import INPUTS, ROOT, SEEDS, cli

# ---- a small DOM from html.parser ---------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, *tags: str) -> list[Node]:
        return [n for n in self.iter() if n.tag in tags]

    def kids(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def text(self, skip: tuple[str, ...] = ()) -> str:
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag == "br":
                out.append("\n")
            elif c.tag not in skip:
                out.append(c.text(skip))
        return re.sub(r"\n+", "\n", "".join(out)).strip()

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> _TreeBuilder:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], f"unclosed: {[n.tag for n in builder.stack[1:]]}"
    return builder


def render_md(md: str) -> Node:
    return parse_html(MarkdownIt("commonmark", {"html": True}).render(md)).root


# ---- builds, once per module -------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    report: Report
    md: str
    html: str


def build(report: Report, tmp: Path) -> Built:
    out = {fmt: render(report, fmt).decode("utf-8") for fmt in ("md", "html")}
    return Built(report, out["md"], out["html"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    tmp = tmp_path_factory.mktemp("web")
    return {p.name: build(load(p), tmp) for p in INPUTS}


def containers(b: Built) -> dict[str, Node]:
    """The document's block container: markdown-it's rendering of the .md, and <main> of the page."""
    (main,) = parse_html(b.html).root.find_all("main")
    return {"md": render_md(b.md), "html": main}


# ---- tables -------------------------------------------------------------------------------------

Placed = dict[tuple[int, int], tuple[int, int, str, str]]  # (row, col) → (rowspan, colspan, tag, text)


def rebuild(table: Node) -> tuple[int, int, Placed]:
    """Place every cell of an HTML table the way a browser does and check the spans tile a full grid."""
    taken: set[tuple[int, int]] = set()
    placed: Placed = {}
    rows = table.find_all("tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in (k for k in tr.kids() if k.tag in ("th", "td")):
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell.attrs.get("rowspan") or 1), int(cell.attrs.get("colspan") or 1)
            cover = {(r + i, c + j) for i in range(rs) for j in range(cs)}
            assert not cover & taken, f"cell at {(r, c)} overlaps"
            taken |= cover
            placed[(r, c)] = (rs, cs, cell.tag, cell.text())
            c += cs
    nrows, ncols = len(rows), 1 + max(c for _, c in taken)
    assert taken == {(r, c) for r in range(nrows) for c in range(ncols)}, "the spans leave holes"
    return nrows, ncols, placed


def figure(value: Number) -> str:
    """Independent of the writer: integers as written, decimals without trailing zeros or exponent."""
    assert not isinstance(value, bool)
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)).normalize(), "f")


def expected_grid(report: Report, spec: L.TableSpec) -> Placed:
    data = report.tables[spec.section]
    return {(c.row, c.col): (c.rowspan, c.colspan, "td" if c.role == "data" else "th",
                             figure(data[c.cell]) if c.cell is not None else c.text)
            for c in spec.grid.cells}


SHAPES = {"proactive_disclosure": (14, 4), "applications": (28, 10), "review_and_litigation": (4, 15)}


def tables_by_section(root: Node) -> dict[str, Node]:
    tables = root.find_all("table")
    assert len(tables) == 3
    return {next(s for s in SHAPES if s in t.classes): t for t in tables}


@pytest.mark.parametrize("doc", ["md", "html"])
@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_tables_match_layout_and_model(built: dict[str, Built], name: str, doc: str) -> None:
    b = built[name]
    tables = tables_by_section(containers(b)[doc])
    assert list(tables) == [t.section for t in L.TABLES]
    for spec in L.TABLES:
        nrows, ncols, placed = rebuild(tables[spec.section])
        assert (nrows, ncols) == SHAPES[spec.section] == (spec.grid.nrows, spec.grid.ncols)
        assert placed == expected_grid(b.report, spec)


def test_inputs_exercise_nonzero_figures_and_a_fee(built: dict[str, Built]) -> None:
    # guards the table test against passing on all-zero reports
    nonzero = [b for b in built.values()
               if all(any(v for v in t.values.values()) for t in b.report.tables.values())]
    assert nonzero and any(not float(b.report.tables["proactive_disclosure"].get(("fees",), "amount_wan_yuan"))
                           .is_integer() for b in nonzero)


@pytest.mark.parametrize("written, shown", [("12.30", "12.3"), ("100.0", "100"), ("100", "100"),
                                            ("0.0001", "0.0001"), ("7.5000", "7.5"), ("0", "0")])
def test_fee_figure_without_trailing_zeros(tmp_path: Path, written: str, shown: str) -> None:
    text = (ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml").read_text(encoding="utf-8")
    text = re.sub(r"amount_wan_yuan: [0-9.]+", f"amount_wan_yuan: {written}", text)
    checked = check_bytes(text.encode("utf-8"))
    assert checked.report is not None and not checked.blocking
    b = build(checked.report, tmp_path)
    for root in containers(b).values():
        *_, placed = rebuild(tables_by_section(root)["proactive_disclosure"])
        assert placed[(13, 1)][3] == shown


# ---- a standalone page --------------------------------------------------------------------------

URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_page_is_standalone(built: dict[str, Built], name: str) -> None:
    page = parse_html(built[name].html)
    root = page.root
    assert page.doctype and page.doctype.lower() == "doctype html"
    (html,) = root.find_all("html")
    assert html.attrs.get("lang") == "zh-CN"
    assert any((m.attrs.get("charset") or "").lower() == "utf-8" for m in root.find_all("meta"))
    assert not root.find_all("script", "link", "iframe", "object", "embed", "img", "base")
    assert "<script" not in built[name].html.lower()
    for node in root.iter():
        for attr in ("src", "href", "action", "srcset", "poster", "data"):
            value = node.attrs.get(attr)
            assert value is None or not URL.match(value), f"<{node.tag} {attr}={value}>"
        assert not any(a.startswith("on") for a in node.attrs), f"event handler on <{node.tag}>"
    (style,) = root.find_all("style")
    css = style.text()
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", css, re.I) and "@import" not in css
    page_rule = re.search(r"@page\s*\{([^}]*)\}", css)
    assert page_rule and re.search(r"\bsize\s*:\s*A4\b", page_rule[1])
    (title,) = root.find_all("title")
    assert title.text() == built[name].report.title


# ---- headings and narrative ---------------------------------------------------------------------

Block = tuple[str, str]


def expected_blocks(text) -> list[Block]:
    tag = {2: "h3", 3: "h4", 4: "h5"}
    return [(tag[b.level], b.number + b.text) if b.kind == "heading" else
            ("li" if b.kind == "item" else "p", re.sub(r"\n+", "\n", b.text).strip()) for b in (text.blocks if text else ())]


def text_blocks(nodes: list[Node]) -> list[Block]:
    out: list[Block] = []
    for n in nodes:
        if n.tag in ("h3", "h4", "h5", "p"):
            out.append((n.tag, n.text()))
        elif n.tag in ("ul", "ol"):
            out.extend(("li", li.text(skip=("ul", "ol"))) for li in n.find_all("li"))
    return out


def split(root: Node) -> tuple[Node, list[Node], list[tuple[Node, list[Node]]]]:
    """h1, the blocks before the first h2, and each h2 with the blocks under it."""
    kids = root.kids()
    h1s = [k for k in kids if k.tag == "h1"]
    assert len(h1s) == 1 and kids[0] is h1s[0]
    sections: list[tuple[Node, list[Node]]] = []
    intro: list[Node] = []
    for k in kids[1:]:
        if k.tag == "h2":
            sections.append((k, []))
        else:
            (sections[-1][1] if sections else intro).append(k)
    return h1s[0], intro, sections


@pytest.mark.parametrize("doc", ["md", "html"])
@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_headings_and_narrative(built: dict[str, Built], name: str, doc: str) -> None:
    report = built[name].report
    h1, intro, sections = split(containers(built[name])[doc])
    assert h1.text() == report.title
    assert [h.text() for h, _ in sections] == [s.heading for s in L.SECTIONS]
    assert text_blocks(intro) == expected_blocks(report.intro)
    for (_, nodes), (spec, text, table) in zip(sections, report.sections()):
        assert text_blocks(nodes) == expected_blocks(text)
        tables = [n for n in nodes if n.tag == "table"]
        assert [t.classes for t in tables] == ([["gipr-table", spec.key]] if table else [])
        h3 = [n.text() for n in nodes if n.tag == "h3"]
        assert [t[:len(f"（{'一二三四五六七八九十'[i]}）")] for i, t in enumerate(h3)] == [
            f"（{'一二三四五六七八九十'[i]}）" for i in range(len(h3))]
    signature = [n for n in sections[-1][1] if n.tag == "div"]
    if report.signature:
        (div,) = signature
        assert div.classes == ["signature"]
        assert [p.text() for p in div.find_all("p")] == [report.signature.organ, report.signature.date_chinese]
    else:
        assert not signature


def test_subheadings_are_numbered_in_an_input(built: dict[str, Built]) -> None:
    h3 = [n.text() for n in render_md(built["yunxi-county-market-regulation-2024.yaml"].md).find_all("h3")]
    assert h3[:5] == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]


# ---- escaping ------------------------------------------------------------------------------------

HOSTILE_ORGAN = "慈音<街道> & {{ x }} *办*_事_处"
HOSTILE_TEXT = r"""# 小标题 a < b & \*c\* {{ y }}

a < b & c

\<script>alert(1)\</script>

{{ x }} {% if %} {# c #}

\*star\* 2 \* 3 snake_case_name \_lead\_

第 # 号 and 5 #6 [x] \`y\` ~z~ | a

1\. 不是列表 + - = 号

\- 不是列表

\# 不是标题

**加粗**与*倾斜*之外，_下划_，和 __粗__

**“公开”**
"""
HOSTILE_SHOWN = [
    ("h3", "（一）小标题 a < b & *c* {{ y }}"),
    ("p", "a < b & c"),
    ("p", "<script>alert(1)</script>"),
    ("p", "{{ x }} {% if %} {# c #}"),
    ("p", "*star* 2 * 3 snake_case_name _lead_"),
    ("p", "第 # 号 and 5 #6 [x] `y` ~z~ | a"),
    ("p", "1. 不是列表 + - = 号"),
    ("p", "- 不是列表"),
    ("p", "# 不是标题"),
    ("p", "加粗与倾斜之外，下划，和 粗"),
    ("p", "“公开”"),
]
HOSTILE_EMPHASIS = {"strong": ["加粗", "粗", "“公开”"], "em": ["倾斜", "下划"]}


def hostile_yaml(other_matters: str, organ: str = HOSTILE_ORGAN) -> str:
    data = yaml.safe_load((ROOT / "inputs" / "suining-ciyin-2023.yaml").read_text(encoding="utf-8"))
    data.update(organ=organ, other_matters=other_matters)
    data["overview"] = data["overview"].replace("积极做好", "积极 <做好> & ")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_text_is_shown_literally(tmp_path: Path) -> None:
    checked = check_bytes(hostile_yaml(HOSTILE_TEXT).encode("utf-8"))
    assert checked.report is not None and not checked.blocking, checked.diagnostics
    b = build(checked.report, tmp_path)
    title = f"{HOSTILE_ORGAN}2023年政府信息公开工作年度报告"
    for doc, root in containers(b).items():
        h1, _, sections = split(root)
        assert h1.text() == title, doc
        assert text_blocks(sections[5][1]) == HOSTILE_SHOWN, doc
        assert "积极 <做好> & 做好" not in text_blocks(sections[0][1])[1][1]
        assert "积极 <做好> & " in text_blocks(sections[0][1])[1][1], doc
        assert not root.find_all("script", "code", "a", "del", "街道", "做好")
        assert {tag: [n.text() for n in root.find_all(tag)] for tag in ("strong", "em")} == HOSTILE_EMPHASIS, doc
    assert parse_html(b.html).root.find_all("title")[0].text() == title
    for raw in (b.html, MarkdownIt("commonmark", {"html": True}).render(b.md)):
        assert not re.search(r"&amp;(?:lt|gt|amp|quot|#)", raw)


@pytest.mark.parametrize("html", ["本年度<b>x</b>无。", "本年度无。\n\n<div>\nx\n</div>\n"])
def test_raw_html_refused_at_build(tmp_path: Path, html: str) -> None:
    src = tmp_path / "r.yaml"
    text = hostile_yaml(html, organ="遂宁市河东新区慈音街道办事处")
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = cli("build", str(src), "--to", "md,html", "-o", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "<b>" in s or "<div>" in s)
    assert re.search(rf"^{re.escape(str(src))}:{line}:\d+: .*N-03", proc.stdout + proc.stderr, re.M), proc.stdout
    assert not out.exists() or not any(out.iterdir())


# ---- seeds ---------------------------------------------------------------------------------------

SEED_INPUTS = {"000_23d160e7ec491542.txt": "suining-ciyin-2023.yaml", "003_29542b8c895c43dd.txt": "luyi-zhenyuan-2023.yaml"}
HALF = str.maketrans("（），：；", "(),:;")


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(HALF))


@dataclass
class Seed:
    title: str | None
    headings: list[str]
    texts: list[list[str]]  # per section, the narrative lines
    tables: list[list[list[str]]]  # the three tables, as rows of non-empty cells


def read_seed(path: Path) -> Seed:
    """A flattened seed: the three tables are the runs of lines with | or tab cells; the heading of
    section 二/三/四 is the line before its table, 一 the first 一、 line, 五 and 六 after the last table."""
    lines = [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
    is_row = [("|" in s or "\t" in s) for s in lines]
    runs: list[tuple[int, int]] = []
    for i, row in enumerate(is_row):
        if row and (not i or not is_row[i - 1]):
            runs.append((i, i))
        if row:
            runs[-1] = (runs[-1][0], i + 1)
    assert len(runs) == 3
    h1 = next(i for i, s in enumerate(lines) if s.startswith("一、"))
    h5 = runs[2][1]
    h6 = next(i for i in range(h5 + 1, len(lines)) if lines[i].startswith("六、"))
    heads = [h1, runs[0][0] - 1, runs[1][0] - 1, runs[2][0] - 1, h5, h6]
    bounds = [(heads[0] + 1, heads[1]), (heads[1] + 1, runs[0][0]), (heads[2] + 1, runs[1][0]),
              (heads[3] + 1, runs[2][0]), (h5 + 1, h6), (h6 + 1, len(lines))]
    return Seed(
        title=lines[0].strip() if h1 else None,
        headings=[lines[i].strip() for i in heads],
        texts=[[s.strip() for s in lines[a:b]] for a, b in bounds],
        tables=[[[c.strip() for c in re.split(r"[|\t]", s) if c.strip()] for s in lines[a:b]] for a, b in runs],
    )


NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def seed_figures(spec: L.TableSpec, rows: list[list[str]]) -> dict[tuple[int, int], str]:
    """Seed figures placed in the official grid: a row with figures is found by its innermost label."""
    g = spec.grid
    by_label = {norm(c.text): c.row for c in g.cells if c.role == "label"}
    unlabelled = [r for r in range(g.nrows) if any(c.role == "data" for c in g.rows()[r])
                  and not any(c.role == "label" for c in g.rows()[r])]
    out: dict[tuple[int, int], str] = {}
    for cells in rows:
        figures = [c for c in cells if NUMBER.match(c)]
        labels = [c for c in cells if not NUMBER.match(c)]
        if not figures:
            continue
        row = by_label[norm(labels[-1])] if labels else unlabelled.pop(0)
        data = [c for c in g.rows()[row] if c.role == "data"]
        assert len(data) == len(figures), cells
        out.update({(c.row, c.col): f for c, f in zip(data, figures)})
    return out


@pytest.mark.parametrize("seed", sorted(SEED_INPUTS))
def test_seed_reproduced(built: dict[str, Built], seed: str) -> None:
    s = read_seed(SEEDS / seed)
    b = built[SEED_INPUTS[seed]]
    root = render_md(b.md)
    h1, intro, sections = split(root)
    if s.title:
        assert norm(s.title) == norm(h1.text())
    assert not intro
    shown = [h.text() for h, _ in sections]
    for mine, theirs in zip(shown, s.headings):
        if (seed, theirs) not in SPEC_WINS:
            assert norm(mine) == norm(theirs)
    for (_, nodes), lines in zip(sections, s.texts):
        assert [norm(t) for _, t in text_blocks(nodes)] == [norm(t) for t in lines]
    tables = tables_by_section(root)
    for spec, rows in zip(L.TABLES, s.tables):
        *_, placed = rebuild(tables[spec.section])
        mine = {pos: v[3] for pos, v in placed.items() if v[2] == "td"}
        assert mine == seed_figures(spec, rows)
        assert len(mine) == {"proactive_disclosure": 10, "applications": 175, "review_and_litigation": 15}[spec.section]


# Differences where the spec wins over a seed, asserted one by one.
SPEC_WINS = {("000_23d160e7ec491542.txt", "五、政府信息公开工作存在的主要问题及改进情况。"),
             ("000_23d160e7ec491542.txt", "六、其他需要报告的事项。")}


def test_spec_wins_over_seed(built: dict[str, Built]) -> None:
    raw = (SEEDS / "000_23d160e7ec491542.txt").read_text(encoding="utf-8")
    root = render_md(built["suining-ciyin-2023.yaml"].md)
    _, _, sections = split(root)
    headings = [h.text() for h, _ in sections]
    assert "五、政府信息公开工作存在的主要问题及改进情况。" in raw.splitlines()
    assert headings[4] == "五、存在的主要问题及改进情况"
    assert "六、其他需要报告的事项。" in raw.splitlines() and headings[5] == "六、其他需要报告的事项"
    assert "第二十条第(一)项" in raw and "第二十条第（一）项" not in raw
    groups = [th.text() for th in tables_by_section(root)["proactive_disclosure"].find_all("th") if "group" in th.classes]
    assert groups == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert "第二十条第(" not in built["suining-ciyin-2023.yaml"].md + built["suining-ciyin-2023.yaml"].html


# ---- labels come from the layout -----------------------------------------------------------------

WRITER_FILES = [ROOT / "gipr_gen" / "writers" / f for f in ("markdown.py", "html.py", "tables_html.py")] + [
    templates_dir() / "report.md.j2", templates_dir() / "report.css"]


def official_labels() -> set[str]:
    labels = {c.text for t in L.TABLES for c in t.grid.cells if c.text}
    labels |= {s.heading for s in L.SECTIONS} | {s.title for s in L.SECTIONS}
    return labels | {"第二十条", "申请人情况", "结果维持", "自然人", "行政复议"}


@pytest.mark.parametrize("path", WRITER_FILES, ids=lambda p: p.name)
def test_writers_hold_no_official_label(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    labels = official_labels()
    assert len(labels) > 60
    assert [label for label in sorted(labels) if label in source] == []
