"""Markdown and HTML editions read back by independent readers: the standard library's html.parser for
the page, markdown-it-py (CommonMark) for the Markdown.

Nothing expected comes from gipr-gen itself:

* the tables' structure (rows × columns, every rowspan and colspan, every label) is the spec §3–§5
  transcription in ``tests/data/official_grids.py``; the section headings are spec §2.3's;
* every figure is read from the input file with ``yaml.safe_load`` (a 总计 the file leaves out is summed
  here);
* the narrative is the author's Markdown from the input file as markdown-it-py renders it, with the
  headings numbered here as spec §9.2 orders the levels (（一）, 1., （1）);
* escaping cases and the seeds (two published reports, tests/data/seeds) are literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from markdown_it import MarkdownIt

from gipr_gen.api import check_bytes, load, render
from gipr_gen.model import Report

from conftest import INPUTS, ROOT, SEEDS, cli
from data import official_grids as G

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
    """markdown-it-py's own HTML for a Markdown text, as a tree."""
    return parse_html(MarkdownIt("commonmark", {"html": True}).render(md)).root


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


# ---- the author's narrative, as the official layout numbers it ------------------------------------

CHINESE = "一二三四五六七八九十"


def chinese(n: int) -> str:
    assert 1 <= n <= 99
    tens, ones = divmod(n, 10)
    return ((CHINESE[tens - 1] if tens > 1 else "") + "十" if tens else "") + (CHINESE[ones - 1] if ones else "")


def numbered(nodes: list[Node]) -> list[Node]:
    """The author's headings as the report shows them below a section heading (spec §9.2): "#" is the
    level （一）, "##" the level 1., "###" the level （1）; each count restarts under its parent."""
    counts = [0, 0, 0]
    out = []
    for n in nodes:
        level = {"h1": 1, "h2": 2, "h3": 3}.get(n.tag)
        if level is None:
            out.append(n)
            continue
        counts[level - 1] += 1
        counts[level:] = [0] * (3 - level)
        k = counts[level - 1]
        number = (f"（{chinese(k)}）", f"{k}.", f"（{k}）")[level - 1]
        out.append(Node(f"h{level + 2}", {}, [number, *n.children]))
    return out


def author_shape(markdown: str | None) -> list:
    return shape(numbered(render_md(markdown).kids())) if markdown else []


def load_yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def signature_of(data: dict[str, Any]) -> tuple[str, str] | None:
    """(organ, date) as spec §9.2 writes the 落款: the date in Arabic numerals without leading zeros."""
    sig = data.get("signature")
    if not sig:
        return None
    y, m, d = (int(x) for x in re.fullmatch(r"(\d{4})\D(\d{1,2})\D(\d{1,2})日?", str(sig["date"])).groups())
    return sig.get("organ") or data["organ"], f"{y}年{m}月{d}日"


# ---- builds, once per module -------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    data: dict[str, Any]  # the input file as yaml.safe_load reads it
    md: str
    html: str


def build(report: Report, data: dict[str, Any]) -> Built:
    out = {fmt: render(report, fmt).decode("utf-8") for fmt in ("md", "html")}
    return Built(data, out["md"], out["html"])


@pytest.fixture(scope="module")
def built() -> dict[str, Built]:
    return {p.name: build(load(p), load_yaml(p)) for p in INPUTS}


def containers(b: Built) -> dict[str, Node]:
    """The document's block container: markdown-it's rendering of the .md, and <main> of the page."""
    (main,) = parse_html(b.html).root.find_all("main")
    return {"md": render_md(b.md), "html": main}


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


def tables_by_section(root: Node) -> dict[str, Node]:
    """The one table under each of the headings 二, 三 and 四 (and no table anywhere else)."""
    _, intro, sections = split(root)
    assert not [n for n in intro if n.tag == "table"]
    found = {}
    for (key, _), (_, nodes) in zip(G.SECTIONS, sections, strict=True):
        tables = [n for n in nodes if n.tag == "table"]
        assert len(tables) == (key in G.TABLE_SECTIONS), key
        if tables:
            found[key] = tables[0]
    return found


# ---- tables -------------------------------------------------------------------------------------


def rebuild(table: Node) -> tuple[int, int, G.Placed]:
    """Place every cell of an HTML table the way a browser does (1-based, as the spec counts) and check
    the spans tile a full grid."""
    taken: set[tuple[int, int]] = set()
    placed: G.Placed = {}
    rows = table.find_all("tr")
    for r, tr in enumerate(rows, 1):
        c = 1
        for cell in (k for k in tr.kids() if k.tag in ("th", "td")):
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell.attrs.get("rowspan") or 1), int(cell.attrs.get("colspan") or 1)
            cover = {(r + i, c + j) for i in range(rs) for j in range(cs)}
            assert not cover & taken, f"cell at {(r, c)} overlaps"
            taken |= cover
            placed[(r, c)] = (rs, cs, cell.tag, cell.text())
            c += cs
    nrows, ncols = len(rows), max(c for _, c in taken)
    assert taken == {(r, c) for r in range(1, nrows + 1) for c in range(1, ncols + 1)}, "the spans leave holes"
    return nrows, ncols, placed


def test_transcribed_grids_tile_and_count_as_the_spec_says() -> None:
    """The test data itself: spans tile each grid; 10, 175 and 15 data cells (spec §3, §4.2, §5.1)."""
    for key, table in G.TABLES.items():
        covered: list[tuple[int, int]] = [(c.row + i, c.col + j) for c in table.cells
                                          for i in range(c.rowspan) for j in range(c.colspan)]
        assert sorted(covered) == [(r, c) for r in range(1, table.nrows + 1) for c in range(1, table.ncols + 1)]
        assert len(table.data_cells) == G.DATA_CELLS[key]
    assert [(t.nrows, t.ncols) for t in G.TABLES.values()] == [(14, 4), (28, 10), (4, 15)]


@pytest.mark.parametrize("doc", ["md", "html"])
@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_tables_match_the_spec_and_the_input(built: dict[str, Built], name: str, doc: str) -> None:
    b = built[name]
    tables = tables_by_section(containers(b)[doc])
    assert list(tables) == list(G.TABLE_SECTIONS)
    for key, node in tables.items():
        spec = G.tables_of(b.data)[key]
        nrows, ncols, placed = rebuild(node)
        assert (nrows, ncols) == (spec.nrows, spec.ncols), key
        assert placed == G.expected_cells(spec, b.data), key


def test_inputs_exercise_nonzero_figures_derived_totals_and_a_fee() -> None:
    """Guards the table test against passing on all-zero reports or on reports that write every total."""
    data = {p.name: load_yaml(p) for p in INPUTS if G.tables_of(load_yaml(p)) is G.TABLES}  # the 2021 ones
    full = [d for d in data.values() if all(any(float(G.figure_of(G.TABLES[k], d[k], c.data))
                                                for c in G.TABLES[k].data_cells) for k in G.TABLE_SECTIONS)]
    assert full and any(not float(d["proactive_disclosure"]["fees"]["amount_wan_yuan"]).is_integer() for d in full)
    left_out = [(k, row) for d in full for k in ("applications", "review_and_litigation")
                for row in G.TABLES[k].data_rows() if "total" not in (G.node_at(d[k], row[-1].data[:-1]) or {})]
    assert len(left_out) >= 5, left_out


def test_left_out_totals_are_shown_summed() -> None:
    """Every 总计 taken out of an input (cells and the （七）总计 row): the tables show the sums."""
    text = (ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml").read_text(encoding="utf-8")
    stripped = re.sub(r", total: \d+\}", "}", re.sub(r"\n    total: .*", "", text))
    data = yaml.safe_load(stripped)
    assert "total" not in data["applications"]["results"]
    assert all("total" not in row for row in data["review_and_litigation"].values())
    checked = check_bytes(stripped.encode("utf-8"))
    assert checked.report is not None and checked.diagnostics == []
    b = build(checked.report, data)
    for root in containers(b).values():
        for key, node in tables_by_section(root).items():
            assert rebuild(node)[2] == G.expected_cells(G.TABLES[key], yaml.safe_load(text)), key


@pytest.mark.parametrize("written, shown", [("12.30", "12.3"), ("100.0", "100"), ("100", "100"),
                                            ("0.0001", "0.0001"), ("7.5000", "7.5"), ("0", "0"),
                                            ("24252.311082", "24252.311082")])
def test_fee_figure_without_trailing_zeros(written: str, shown: str) -> None:
    text = (ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml").read_text(encoding="utf-8")
    text = re.sub(r"amount_wan_yuan: [0-9.]+", f"amount_wan_yuan: {written}", text)
    checked = check_bytes(text.encode("utf-8"))
    assert checked.report is not None and checked.buildable(force=True), checked.diagnostics
    b = build(checked.report, yaml.safe_load(text))
    for root in containers(b).values():
        *_, placed = rebuild(tables_by_section(root)["proactive_disclosure"])
        assert placed[(14, 2)] == (1, 3, "td", shown)  # spec §3 r14: the amount over C2–C4


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
    assert title.text() == G.title_of(built[name].data)


# ---- headings and narrative ---------------------------------------------------------------------

Block = tuple[str, str]


def text_blocks(nodes: list[Node]) -> list[Block]:
    out: list[Block] = []
    for n in nodes:
        if n.tag in ("h3", "h4", "h5", "p"):
            out.append((n.tag, n.text()))
        elif n.tag in ("ul", "ol"):
            out.extend(("li", li.text(skip=("ul", "ol"))) for li in n.find_all("li"))
    return out


def section_text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value.get("text") if isinstance(value, dict) else value


@pytest.mark.parametrize("doc", ["md", "html"])
@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_headings_and_narrative(built: dict[str, Built], name: str, doc: str) -> None:
    data = built[name].data
    h1, intro, sections = split(containers(built[name])[doc])
    assert h1.text() == G.title_of(data)
    assert [h.text() for h, _ in sections] == list(G.HEADINGS)
    assert shape(intro) == author_shape(data.get("intro"))
    for (_, nodes), (key, _) in zip(sections, G.SECTIONS, strict=True):
        narrative = [n for n in nodes if n.tag != "table" and "signature" not in n.classes]
        assert shape(narrative) == author_shape(section_text(data, key)), key
        tables = [i for i, n in enumerate(nodes) if n.tag == "table"]
        if key in G.TABLE_SECTIONS:  # the table follows the section's text
            assert tables == [len(narrative)] and nodes[-1].classes == ["gipr-table", key], key
        else:
            assert tables == [], key
    signature = [n for n in sections[-1][1] if "signature" in n.classes]
    expected = signature_of(data)
    if expected:
        (div,) = signature
        assert div.tag == "div" and div is sections[-1][1][-1]
        assert tuple(p.text() for p in div.find_all("p")) == expected
    else:
        assert not signature


def test_inputs_exercise_headings_and_a_signature() -> None:
    """Guards the narrative test: the inputs have sub-headings, several paragraphs and a signature."""
    data = [load_yaml(p) for p in INPUTS]
    assert any(signature_of(d) for d in data) and any(not signature_of(d) for d in data)
    assert any(d.get("intro") for d in data) and any(not d.get("title") for d in data)
    assert sum(len(re.findall(r"^# ", d["overview"], re.M)) for d in data) >= 10


def test_subheadings_are_numbered_in_an_input(built: dict[str, Built]) -> None:
    h3 = [n.text() for n in render_md(built["yunxi-county-market-regulation-2024.yaml"].md).find_all("h3")]
    assert h3 == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障",
                  "（一）信息处理费收取情况", "（二）落实上级年度政务公开工作要点情况", "（三）人大代表建议和政协提案办理结果公开情况"]


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


def hostile_data(other_matters: str, organ: str = HOSTILE_ORGAN) -> dict[str, Any]:
    data = load_yaml(ROOT / "inputs" / "suining-ciyin-2023.yaml")
    data.update(organ=organ, other_matters=other_matters)
    data["overview"] = data["overview"].replace("积极做好", "积极 <做好> & ")
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_text_is_shown_literally() -> None:
    data = hostile_data(HOSTILE_TEXT)
    checked = check_bytes(dump(data).encode("utf-8"))
    assert checked.report is not None and checked.buildable(force=True), checked.diagnostics
    b = build(checked.report, data)
    title = f"{HOSTILE_ORGAN}2023年政府信息公开工作年度报告"
    paragraph = data["overview"].split("\n\n")[1].strip()  # the one with "积极 <做好> & "
    assert "积极 <做好> & 主动公开" in paragraph
    for doc, root in containers(b).items():
        h1, _, sections = split(root)
        assert h1.text() == title, doc
        assert text_blocks(sections[5][1]) == HOSTILE_SHOWN, doc
        assert text_blocks(sections[0][1])[1] == ("p", paragraph), doc
        assert not root.find_all("script", "code", "a", "del", "街道", "做好")
        assert {tag: [n.text() for n in root.find_all(tag)] for tag in ("strong", "em")} == HOSTILE_EMPHASIS, doc
    assert parse_html(b.html).root.find_all("title")[0].text() == title
    for raw in (b.html, MarkdownIt("commonmark", {"html": True}).render(b.md)):
        assert not re.search(r"&amp;(?:lt|gt|amp|quot|#)", raw)


@pytest.mark.parametrize("html", ["本年度<b>x</b>无。", "本年度无。\n\n<div>\nx\n</div>\n"])
def test_raw_html_refused_at_build(tmp_path: Path, html: str) -> None:
    src = tmp_path / "r.yaml"
    text = dump(hostile_data(html, organ="遂宁市河东新区慈音街道办事处"))
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = cli("build", str(src), "--to", "md,html", "-o", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "<b>" in s or "<div>" in s)
    assert re.search(rf"^{re.escape(str(src))}:{line}:\d+: \S+ N-03 ", proc.stdout + proc.stderr, re.M), proc.stdout
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


def seed_figures(table: G.Table, rows: list[list[str]]) -> dict[tuple[int, int], str]:
    """Seed figures placed in the spec's grid: a row with figures is found by its innermost label (a
    seed row without labels is table 四's figure row)."""
    by_label = {norm(c.text): c.row for c in table.cells if c.text}
    data_rows = {cells[0].row: cells for cells in table.data_rows()}
    unlabelled = [r for r in data_rows if not any(c.text and c.row == r for c in table.cells)]
    out: dict[tuple[int, int], str] = {}
    for cells in rows:
        figures = [c for c in cells if NUMBER.match(c)]
        labels = [c for c in cells if not NUMBER.match(c)]
        assert {norm(c) for c in labels} <= set(by_label), labels  # the seed prints the spec's labels
        if not figures:
            continue
        row = by_label[norm(labels[-1])] if labels else unlabelled.pop(0)
        assert len(data_rows[row]) == len(figures), cells
        out.update({(c.row, c.col): f for c, f in zip(data_rows[row], figures)})
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
    assert len(s.headings) == len(shown) == 6
    for mine, theirs in zip(shown, s.headings):
        if (seed, theirs) not in SPEC_WINS:
            assert norm(mine) == norm(theirs)
    for (_, nodes), lines in zip(sections, s.texts, strict=True):
        assert [norm(t) for _, t in text_blocks(nodes)] == [norm(t) for t in lines]
    tables = tables_by_section(root)
    for key, rows in zip(G.TABLE_SECTIONS, s.tables, strict=True):
        *_, placed = rebuild(tables[key])
        mine = {pos: v[3] for pos, v in placed.items() if v[2] == "td"}
        assert mine == seed_figures(G.TABLES[key], rows), key
        assert len(mine) == G.DATA_CELLS[key]


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
    *_, placed = rebuild(tables_by_section(root)["proactive_disclosure"])
    assert [placed[(r, 1)][3] for r in (1, 5, 8, 12)] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert "第二十条第(" not in built["suining-ciyin-2023.yaml"].md + built["suining-ciyin-2023.yaml"].html


# ---- labels come from the layout, not from the writers -------------------------------------------

WRITER_FILES = [ROOT / "gipr_gen" / "writers" / f for f in ("markdown.py", "html.py", "tables_html.py")] + [
    ROOT / "templates" / "report.md.j2", ROOT / "templates" / "report.css"]


def official_labels() -> set[str]:
    labels = {label for t in G.TABLES.values() for label in t.labels}
    labels |= set(G.HEADINGS) | {h.split("、", 1)[1] for h in G.HEADINGS}
    return labels | {"第二十条", "申请人情况", "结果维持", "自然人", "行政复议"}


@pytest.mark.parametrize("path", WRITER_FILES, ids=lambda p: p.name)
def test_writers_hold_no_official_label(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    labels = official_labels()
    assert len(labels) > 60
    assert [label for label in sorted(labels) if label in source] == []
