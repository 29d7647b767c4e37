"""Builds the published-report fixtures of this folder and their truth, ``expected.json``.

Every fixture is an invented report (fictional bodies, figures and sentences) laid out the way one kind of
real publication lays it out (LAYOUTS.md says which and where it was seen). Each report's figures are
written once, below, as the truth; the same figures are then printed in the fixture's layout, with its
quirks (placeholders, typos, split labels, run-together digits …), and written to ``expected.json`` by YAML
path — so the truth is the input the fixture was made from, never something an importer read.

    .venv/bin/python tests/data/published/make_fixtures.py

needs python-docx (the test extras) and, for the PDF, LibreOffice (``soffice``) and ``pdftotext``.
Text and HTML come out byte-identical on every run; the .docx files are pinned to a fixed date; the PDF
is LibreOffice's and is checked to break table 三 across two pages.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

HERE = Path(__file__).resolve().parent

# ================================================================================================
# The official tables (spec §3–§5, §7.2), with the YAML keys of gipr_gen/formats/f2021/layout.py
# ================================================================================================

APPLICANTS = ("natural_person", "business", "research", "public_welfare", "legal_service", "other")
T3_COLS = APPLICANTS + ("total",)
T3_COL_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T4_COLS = ("upheld", "corrected", "other", "pending", "total")
T4_COL_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_ROWS = (("review",), ("litigation_direct",), ("litigation_after_review",))
T4_ROW_LABELS = {("review",): ("行政复议",), ("litigation_direct",): ("未经复议直接起诉",),
                 ("litigation_after_review",): ("复议后起诉",)}

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS = "三、本年度办理结果"

# table 三, 2021: (path, label, label of the （三）…（六） group it sits in or None)
T3_2021: tuple[tuple[tuple[str, ...], str, str | None], ...] = (
    (("received",), "一、本年新收政府信息公开申请数量", None),
    (("carried_over",), "二、上年结转政府信息公开申请数量", None),
    (("results", "disclosed"), "（一）予以公开", None),
    (("results", "partly_disclosed"), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    (("results", "withheld", "state_secret"), "1.属于国家秘密", "（三）不予公开"),
    (("results", "withheld", "prohibited_by_law"), "2.其他法律行政法规禁止公开", "（三）不予公开"),
    (("results", "withheld", "security_stability"), "3.危及“三安全一稳定”", "（三）不予公开"),
    (("results", "withheld", "third_party_rights"), "4.保护第三方合法权益", "（三）不予公开"),
    (("results", "withheld", "internal_affairs"), "5.属于三类内部事务信息", "（三）不予公开"),
    (("results", "withheld", "process_information"), "6.属于四类过程性信息", "（三）不予公开"),
    (("results", "withheld", "enforcement_files"), "7.属于行政执法案卷", "（三）不予公开"),
    (("results", "withheld", "administrative_query"), "8.属于行政查询事项", "（三）不予公开"),
    (("results", "unavailable", "not_held"), "1.本机关不掌握相关政府信息", "（四）无法提供"),
    (("results", "unavailable", "needs_creation"), "2.没有现成信息需要另行制作", "（四）无法提供"),
    (("results", "unavailable", "still_unclear"), "3.补正后申请内容仍不明确", "（四）无法提供"),
    (("results", "not_processed", "petition_complaint"), "1.信访举报投诉类申请", "（五）不予处理"),
    (("results", "not_processed", "repeated"), "2.重复申请", "（五）不予处理"),
    (("results", "not_processed", "publication"), "3.要求提供公开出版物", "（五）不予处理"),
    (("results", "not_processed", "excessive"), "4.无正当理由大量反复申请", "（五）不予处理"),
    (("results", "not_processed", "confirmation"), "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    (("results", "other_handling", "no_correction"),
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    (("results", "other_handling", "no_fee_paid"),
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    (("results", "other_handling", "other"), "3.其他", "（六）其他处理"),
    (("results", "total"), "（七）总计", None),
    (("carried_forward",), "四、结转下年度继续办理", None),
)
# table 三, 2019 (spec §7.2): （六）其他处理 is one row; its path here is only this script's name for it
OTHER_2019 = ("results", "other_handling")
T3_2019 = tuple(r for r in T3_2021 if r[0][:2] != OTHER_2019) [:20] + (
    (OTHER_2019, "（六）其他处理", None),) + tuple(r for r in T3_2021 if r[0] in (("results", "total"),
                                                                                ("carried_forward",)))
RESULT_ROWS_2021 = [p for p, _, _ in T3_2021 if p[0] == "results" and p != ("results", "total")]
RESULT_ROWS_2019 = [p for p, _, _ in T3_2019 if p[0] == "results" and p != ("results", "total")]

# table 二, 2021: groups of (article label, header labels, rows of (path, label, columns))
T2_2021 = (
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
     ((("regulations",), "规章"), (("normative_documents",), "行政规范性文件")), ("issued", "repealed", "in_force")),
    ("第二十条第（五）项", ("本年处理决定数量",), ((("licensing",), "行政许可"),), ("decisions",)),
    ("第二十条第（六）项", ("本年处理决定数量",),
     ((("penalties",), "行政处罚"), (("coercive_measures",), "行政强制")), ("decisions",)),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ((("fees",), "行政事业性收费"),), ("amount_wan_yuan",)),
)
# table 二, 2019 (spec §7.2): (article, header labels, data-area spans on a 4-column data grid, row labels)
T2_2019 = (
    ("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"), (1, 2, 1), ("规章", "规范性文件")),
    ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"), (1, 2, 1), ("行政许可", "其他对外管理服务事项")),
    ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), (1, 2, 1), ("行政处罚", "行政强制")),
    ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (2, 2), ("行政事业性收费",)),
    ("第二十条第（九）项", ("采购项目数量", "采购总金额"), (2, 2), ("政府集中采购",)),
)

SECTION_KEYS = ("overview", "proactive_disclosure", "applications", "review_and_litigation",
                "problems_and_improvements", "other_matters")
CANONICAL = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")

# ================================================================================================
# Figures: the truth of one report
# ================================================================================================

Path_ = tuple[str, ...]


def key(section: str, path: Path_, col: str) -> str:
    return f"{section}|{'.'.join(path)}|{col}"


@dataclass
class Figures:
    """One report's figures. ``t2``: 2021 table 二 by (path, column); ``t2_2019``: 2019 table 二 by (row label,
    column label) → (value, printed text); ``t3``: row path → 7 values (the six applicants and 总计);
    ``t4``: row path → 5 values."""

    t3: dict[Path_, list[int]]
    t4: dict[Path_, list[int]]
    t2: dict[tuple[Path_, str], int | float] = field(default_factory=dict)
    fee_text: str = "0"  # the fee as printed (万元, as many decimals as published)
    t2_2019: dict[tuple[str, str], tuple[int | float, str]] = field(default_factory=dict)
    t3_format: str = "2021"


def t3_figures(rows: dict[str, list[int]], fmt: str = "2021") -> dict[Path_, list[int]]:
    """Every row of table 三 from the non-zero ones (dotted paths, six applicant values each); the result
    total and every 总计 computed; the printed 勾稽关系 (new + carried over = results + carried forward)
    checked per column, so a fixture's truth always adds up."""
    layout = T3_2021 if fmt == "2021" else T3_2019
    result_rows = RESULT_ROWS_2021 if fmt == "2021" else RESULT_ROWS_2019
    unknown = set(rows) - {".".join(p) for p, _, _ in layout}
    assert not unknown, unknown
    out: dict[Path_, list[int]] = {}
    for path, _, _ in layout:
        six = rows.get(".".join(path), [0] * 6)
        assert len(six) == 6
        out[path] = list(six)
    out[("results", "total")] = [sum(out[p][i] for p in result_rows) for i in range(6)]
    for i in range(6):
        lhs = out[("received",)][i] + out[("carried_over",)][i]
        rhs = out[("results", "total")][i] + out[("carried_forward",)][i]
        assert lhs == rhs, [(j, out[("received",)][j] + out[("carried_over",)][j] - out[("results", "total")][j] - out[("carried_forward",)][j]) for j in range(6)]
    for v in out.values():
        v.append(sum(v))
    return out


def t4_figures(review: list[int], direct: list[int], after: list[int]) -> dict[Path_, list[int]]:
    return {p: v + [sum(v)] for p, v in zip(T4_ROWS, (review, direct, after))}


def t2_figures(regs, norms, licensing, penalties, coercive, fee_text: str) -> dict:
    t2: dict[tuple[Path_, str], int | float] = {}
    for path, vals in ((("regulations",), regs), (("normative_documents",), norms)):
        for col, v in zip(("issued", "repealed", "in_force"), vals):
            t2[(path, col)] = v
    for path, v in ((("licensing",), licensing), (("penalties",), penalties), (("coercive_measures",), coercive)):
        t2[(path, "decisions")] = v
    t2[(("fees",), "amount_wan_yuan")] = float(Decimal(fee_text)) if "." in fee_text else int(fee_text)
    return t2


# ================================================================================================
# A table as published: rows of cells with spans, placed on a grid
# ================================================================================================


@dataclass
class C:
    text: str
    rs: int = 1
    cs: int = 1
    kind: str = "label"  # label | head | data
    cell: tuple[str, Path_, str] | None = None  # data: (section, path, column)


@dataclass
class Placed:
    r: int
    c: int
    cell: C


def place(rows: list[list[C]]) -> tuple[list[Placed], int, int]:
    """HTML's table algorithm: each row's cells take the next columns no rowspan above has taken."""
    taken: set[tuple[int, int]] = set()
    out: list[Placed] = []
    ncols = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append(Placed(r, c, cell))
            for i in range(cell.rs):
                for j in range(cell.cs):
                    taken.add((r + i, c + j))
            c += cell.cs
            ncols = max(ncols, c)
    return out, len(rows), ncols




def std_text(value) -> str:
    return str(value)


@dataclass
class Style:
    """How one fixture prints its tables: label replacements (typos), the text of each data cell, the
    rows that lose their last cell, and whether table 二 is four tables."""

    labels: dict[str, str] = field(default_factory=dict)
    cell_text: Callable[[str, Path_, str, int | float], str] | None = None
    drop_last: set[Path_] = field(default_factory=set)  # table 三 rows printed without their 总计 cell
    t2_split: bool = False

    def label(self, text: str) -> str:
        return self.labels.get(text, text)

    def text(self, section: str, path: Path_, col: str, value) -> str:
        if self.cell_text is not None:
            return self.cell_text(section, path, col, value)
        return std_text(value)


def t2_2021_tables(f: Figures, st: Style) -> list[list[list[C]]]:
    tables: list[list[list[C]]] = []
    rows: list[list[C]] = []
    for article, heads, data_rows, cols in T2_2021:
        group: list[list[C]] = [[C(st.label(article), cs=4, kind="head")]]
        span = 3 // len(heads)
        group.append([C(st.label("信息内容"), kind="head")] + [C(st.label(h), cs=span, kind="head") for h in heads])
        for path, label in data_rows:
            cells = [C(st.label(label))]
            for col in cols:
                v = f.t2[(path, col)]
                text = f.fee_text if path == ("fees",) else st.text("proactive_disclosure", path, col, v)
                cells.append(C(text, cs=span, kind="data", cell=("proactive_disclosure", path, col)))
            group.append(cells)
        if st.t2_split:
            tables.append(group)
        else:
            rows.extend(group)
    return tables if st.t2_split else [rows]


def t2_2019_table(f: Figures, st: Style) -> list[list[C]]:
    rows: list[list[C]] = []
    for article, heads, spans, labels in T2_2019:
        rows.append([C(st.label(article), cs=5, kind="head")])
        rows.append([C("信息内容", kind="head")] + [C(st.label(h), cs=s, kind="head") for h, s in zip(heads, spans)])
        for label in labels:
            cells = [C(st.label(label))]
            for h, s in zip(heads, spans):
                _, text = f.t2_2019[(label, h)]
                cells.append(C(text, cs=s, kind="data", cell=("proactive_disclosure", (article, label), h)))
            rows.append(cells)
    return rows


def t3_table(f: Figures, st: Style) -> list[list[C]]:
    layout = T3_2021 if f.t3_format == "2021" else T3_2019
    n_results = sum(1 for p, _, _ in layout if p[0] == "results")
    rows: list[list[C]] = [
        [C(st.label(NOTE), rs=3, cs=3, kind="head"), C(st.label("申请人情况"), cs=7, kind="head")],
        [C("自然人", rs=2, kind="head"), C(st.label("法人或其他组织"), cs=5, kind="head"), C("总计", rs=2, kind="head")],
        [C(st.label(t), kind="head") for t in T3_COL_LABELS[1:6]],
    ]
    seen_groups: set[str] = set()
    for path, label, group in layout:
        cells: list[C] = []
        if path[0] != "results":
            cells.append(C(st.label(label), cs=3))
        else:
            if path == layout[2][0]:
                cells.append(C(st.label(RESULTS), rs=n_results))
            if group is None:
                cells.append(C(st.label(label), cs=2))
            else:
                if group not in seen_groups:
                    seen_groups.add(group)
                    size = sum(1 for _, _, g in layout if g == group)
                    cells.append(C(st.label(group), rs=size))
                cells.append(C(st.label(label)))
        values = f.t3[path]
        cols = T3_COLS[:-1] if path in st.drop_last else T3_COLS
        for col, v in zip(cols, values):
            cells.append(C(st.text("applications", path, col, v), kind="data", cell=("applications", path, col)))
        rows.append(cells)
    return rows


def t4_table(f: Figures, st: Style) -> list[list[C]]:
    heads = [C(st.label(t), rs=2, kind="head") for t in T4_COL_LABELS]
    rows = [
        [C("行政复议", cs=5, kind="head"), C("行政诉讼", cs=10, kind="head")],
        heads + [C(st.label("未经复议直接起诉"), cs=5, kind="head"), C(st.label("复议后起诉"), cs=5, kind="head")],
        [C(st.label(t), kind="head") for t in T4_COL_LABELS * 2],
    ]
    data: list[C] = []
    for path in T4_ROWS:
        for col, v in zip(T4_COLS, f.t4[path]):
            data.append(C(st.text("review_and_litigation", path, col, v), kind="data",
                          cell=("review_and_litigation", path, col)))
    rows.append(data)
    return rows


# ================================================================================================
# Narrative: the invented text of each report
# ================================================================================================


@dataclass
class Body:
    """What one report says. ``blocks``: per section key, a list of ("sub", text) sub-headings and
    ("p", text) paragraphs."""

    organ: str
    year: int
    title: str
    intro: str | None
    blocks: dict[str, list[tuple[str, str]]]
    headings: dict[str, str]  # section key → heading as published
    signature: tuple[str, str] | None  # (organ, date as printed)
    published: str | None = None  # YYYY-MM-DD


def story(organ: str, year: int, me: str, site: str, figs: Figures, *, topics: tuple[str, ...] | None = None,
          extra: dict[str, list[tuple[str, str]]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """The six sections' text; the counts quoted agree with the figures."""
    new = figs.t3[("received",)][6]
    cin = figs.t3[("carried_over",)][6]
    done = figs.t3[("results", "total")][6]
    cout = figs.t3[("carried_forward",)][6]
    rev = figs.t4[("review",)][4]
    lit = figs.t4[("litigation_direct",)][4] + figs.t4[("litigation_after_review",)][4]
    subs = topics or ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")
    apply_text = (f"{year}年，{me}新收政府信息公开申请{new}件，上年结转{cin}件，办结{done}件，"
                  f"结转下年度继续办理{cout}件，全部在法定期限内作出答复。" if new + cin else
                  f"{year}年，{me}未收到政府信息公开申请，也没有上年结转的申请。")
    review_text = (f"因政府信息公开工作被申请行政复议{rev}件、被提起行政诉讼{lit}件，均依法应对。"
                   if rev + lit else "全年未发生因政府信息公开工作引起的行政复议和行政诉讼。")
    blocks = {
        "overview": [
            ("p", f"{year}年，{me}按照上级关于政务公开工作的部署，把信息公开和日常业务一同安排、一同检查，"
                  f"公开工作总体平稳有序。"),
            ("sub", subs[0]),
            ("p", f"依托{site}发布机构职能、政策文件、通知公告和办事指南等信息，对涉及群众切身利益的事项做到"
                  f"事前征求意见、事后公布结果，重要文件印发后同步上网并配发图文解读。"),
            ("sub", subs[1]),
            ("p", apply_text + review_text),
            ("sub", subs[2]),
            ("p", "落实“先审后发”和“三审三校”要求，对拟公开的每一条信息核对公开属性、开展保密审查，"
                  "年底前对栏目中的失效链接和过期内容进行了一次集中清理。"),
            ("sub", subs[3]),
            ("p", f"以{site}为第一平台，政务新媒体同步转发，并在办事大厅设置信息公开查阅点，方便群众就近查询。"),
            ("sub", subs[4]),
            ("p", "明确分管负责同志和专职联络员，把信息公开纳入年度目标考核；全年开展业务培训和季度自查，"
                  "发现的问题当月整改。本年度未发生信息公开方面的责任追究。"),
        ],
        "proactive_disclosure": [],
        "applications": [],
        "review_and_litigation": [],
        "problems_and_improvements": [
            ("p", "回顾一年来的工作，还存在一些不足：一是部分栏目更新不够及时，基层单位报送信息的积极性不高；"
                  "二是政策解读以文字为主，图解、问答等群众喜闻乐见的形式用得不多。"),
            ("p", f"下一步，{me}将建立栏目更新月度提醒机制，把信息报送情况纳入考评；同时丰富解读形式，"
                  "重要政策做到一文一解读，让群众看得懂、用得上。"),
        ],
        "other_matters": [
            ("p", f"{year}年度，{me}未向申请人收取信息处理费，未发出收费通知。"),
        ],
    }
    for k, v in (extra or {}).items():
        blocks[k] = blocks[k] + v
    return blocks


def body(organ: str, year: int, me: str, site: str, figs: Figures, *, title: str | None = None,
         intro: bool = True, headings: dict[str, str] | None = None, drop: Iterable[str] = (),
         signature: str | None = None, published: str | None = None, phone: str = "0000-0000000",
         parts: str = "六", topics=None, extra=None) -> Body:
    blocks = story(organ, year, me, site, figs, topics=topics, extra=extra)
    for k in drop:
        del blocks[k]
    hs = dict(zip(SECTION_KEYS, CANONICAL)) | (headings or {})
    intro_text = None
    if intro:
        intro_text = (f"本报告依据《中华人民共和国政府信息公开条例》和上级关于做好{year}年度政府信息公开工作年度报告"
                      f"编制发布工作的通知编写，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                      f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项{parts}部分组成。"
                      f"报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。对本报告如有疑问，"
                      f"请与{organ}办公室联系（电话：{phone}）。")
    return Body(organ, year, title or f"{organ}{year}年政府信息公开工作年度报告", intro_text, blocks,
                {k: v for k, v in hs.items() if k in blocks}, (organ, signature) if signature else None, published)


# ================================================================================================
# Expected truth (expected.json)
# ================================================================================================


def truth_cells(f: Figures, *, skip: set[str] = frozenset()) -> dict[str, int | float]:
    cells: dict[str, int | float] = {}
    if f.t2:
        for (path, col), v in f.t2.items():
            cells[key("proactive_disclosure", path, col)] = v
    if f.t3_format == "2021":
        for path, values in f.t3.items():
            for col, v in zip(T3_COLS, values):
                cells[key("applications", path, col)] = v
    for path, values in f.t4.items():
        for col, v in zip(T4_COLS, values):
            cells[key("review_and_litigation", path, col)] = v
    return {k: v for k, v in cells.items() if k not in skip}


def by_label_2019(f: Figures, *, skip: set[str] = frozenset()) -> list[dict]:
    """2019 cells by their official labels (spec §7.2): the 2019 format's YAML keys are not in gipr-gen yet."""
    out: list[dict] = []
    for article, heads, _, labels in T2_2019:
        for label in labels:
            for h in heads:
                v, printed = f.t2_2019[(label, h)]
                c = {"section": "proactive_disclosure", "labels": [article, label], "column": h, "value": v}
                if printed.endswith("万元"):  # the unit printed in the cell: the amount in 元 is as right
                    c["also"] = [round(v * 10000, 2)]
                elif printed.endswith("元"):
                    c["also"] = [v / 10000]
                out.append(c)
    for path, label, group in T3_2019:
        labels = [label] if path[0] != "results" else [RESULTS] + ([group] if group else []) + [label]
        for col, col_label, v in zip(T3_COLS, T3_COL_LABELS, f.t3[path]):
            out.append({"section": "applications", "labels": labels, "column": col_label, "value": v})
    for path in T4_ROWS:
        for col_label, v in zip(T4_COL_LABELS, f.t4[path]):
            out.append({"section": "review_and_litigation", "labels": list(T4_ROW_LABELS[path]),
                        "column": col_label, "value": v})
    return [c for c in out if label_key(c) not in skip]


def label_key(c: dict) -> str:
    return f"{c['section']}|{'/'.join(c['labels'])}|{c['column']}"


# ================================================================================================
# Writers: HTML pages, Word soup, text layouts, .docx, PDF
# ================================================================================================

E = html.escape


def html_table(rows: list[list[C]], *, attrs: str = 'border="1" cellspacing="0" cellpadding="4"',
               cell: Callable[[C], str] | None = None) -> str:
    out = [f"<table {attrs}>", "<tbody>"]
    for row in rows:
        out.append("<tr>")
        for c in row:
            span = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            inner = cell(c) if cell else E(c.text)
            out.append(f"<td{span}>{inner}</td>")
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def article_html(b: Body, tables: dict[str, list[str]], *, heading_tag: str = "p", sub_tag: str = "p",
                 lead: dict[str, str] | None = None) -> list[str]:
    """The article's paragraphs and tables, sections in order."""
    out: list[str] = []
    if b.intro:
        out.append(f'<p style="text-indent:2em">{E(b.intro)}</p>')
    subno = "一二三四五六七八九"
    for k in SECTION_KEYS:
        if k not in b.blocks:
            continue
        h = b.headings[k]
        out.append(f"<{heading_tag}><strong>{E(h)}</strong></{heading_tag}>" if heading_tag == "p"
                   else f"<{heading_tag}>{E(h)}</{heading_tag}>")
        if lead and k in lead:
            out.append(f'<p style="text-indent:2em">{E(lead[k])}</p>')
        n = 0
        for kind, text in b.blocks[k]:
            if kind == "sub":
                out.append(f'<{sub_tag} style="text-indent:2em">（{subno[n]}）{E(text)}</{sub_tag}>')
                n += 1
            else:
                out.append(f'<p style="text-indent:2em">{E(text)}</p>')
        out += tables.get(k, [])
    if b.signature:
        out.append(f'<p style="text-align:right">{E(b.signature[0])}</p>')
        out.append(f'<p style="text-align:right">{E(b.signature[1])}</p>')
    return out


def site_page(b: Body, article: list[str], *, charset: str, site: str, index_no: str, related: str) -> str:
    """A whole saved page of a government site: scripts, top bar, navigation, breadcrumb, the metadata
    table (索引号 / 发布机构 / 公开日期), the article, print/close links, related links and the footer."""
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset != "utf-8"
            else '<meta charset="utf-8">')
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        meta,
        f"<title>{E(b.title)}_{E(site)}</title>",
        '<meta name="SiteName" content="' + E(site) + '">',
        '<meta name="ColumnName" content="政府信息公开年报">',
        '<link rel="stylesheet" href="/css/common.css">',
        '<script src="/js/jquery.min.js"></script>',
        "<script>var hits=0; function setFont(s){document.getElementById('zoom').style.fontSize=s+'px';}</script>",
        "</head>",
        "<body>",
        '<div class="topbar"><span>欢迎访问' + E(site) + '</span><a href="#">无障碍</a> <a href="#">长者模式</a> '
        '<a href="#">登录</a></div>',
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
        '<li><a href="/bsfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>',
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
        '<a href="/zwgk/nb/">政府信息公开年报</a></div>',
        '<table class="xxgk-meta" border="0">',
        f"<tr><td>索引号：</td><td>{E(index_no)}</td><td>主题分类：</td><td>政府信息公开年报</td></tr>",
        f"<tr><td>发布机构：</td><td>{E(b.organ)}</td><td>公开日期：</td><td>{E(b.published or '')}</td></tr>",
        "<tr><td>文号：</td><td></td><td>有效性：</td><td>有效</td></tr>",
        f"<tr><td>名称：</td><td colspan=\"3\">{E(b.title)}</td></tr>",
        "</table>",
        f'<h1 class="title">{E(b.title)}</h1>',
        f'<div class="info">发布时间：{E(b.published or "")} 09:30　来源：{E(b.organ)}　浏览次数：<span id="hits">'
        '</span>　【字体：<a href="javascript:setFont(18)">大</a> <a href="javascript:setFont(16)">中</a> '
        '<a href="javascript:setFont(14)">小</a>】</div>',
        '<div id="zoom" class="TRS_Editor">',
        *article,
        "</div>",
        '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>',
        '<div class="tools"><a href="javascript:window.print()">【打印本页】</a> '
        '<a href="javascript:window.close()">【关闭窗口】</a></div>',
        '<div class="related"><h4>相关链接</h4><ul><li><a href="#">' + E(related) + "</a></li></ul></div>",
        '<div class="footer"><p>主办：' + E(site) + '办公室　网站标识码：0000000000　备案号：X ICP备00000000号</p>'
        "<p>技术支持：某某信息技术有限公司</p></div>",
        "</body>",
        "</html>",
        "",
    ])


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(text.encode(encoding))


# ---- text layouts -------------------------------------------------------------------------------


def half(text: str) -> str:
    """The half-width brackets and colon the crawled texts print (seed 000)."""
    return text.translate(str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","}))


def pipe_lines(rows: list[list[C]], tx: Callable[[str], str] = half) -> list[str]:
    """The seeds' pipe layout: each cell "text |", the positions a span covers as extra "|" at the row's end."""
    placed, nrows, ncols = place(rows)
    cover = [0] * nrows
    for p in placed:
        for i in range(p.cell.rs):
            cover[p.r + i] += p.cell.cs - (1 if i == 0 else 0)
    lines = []
    for r, row in enumerate(rows):
        line = " ".join(f"{tx(c.text)} |" for c in row)
        if cover[r]:
            line += " " + "|" * cover[r]
        lines.append(line)
    return lines


def tab_lines(rows: list[list[C]], skip_leading: set[int] = frozenset(), tx: Callable[[str], str] = half) -> list[str]:
    """The seeds' tab layout: a row's positions covered from above stay as empty fields in place, the ones its
    own cells span go to the end of the line; rows in ``skip_leading`` lose their empty leading fields (seed 003)."""
    placed, nrows, ncols = place(rows)
    from_above: set[tuple[int, int]] = set()
    for p in placed:
        for i in range(1, p.cell.rs):
            for j in range(p.cell.cs):
                from_above.add((p.r + i, p.c + j))
    lines = []
    by_row: dict[int, list[Placed]] = {}
    for p in placed:
        by_row.setdefault(p.r, []).append(p)
    for r in range(nrows):
        fields: list[tuple[int, str]] = [(c, "") for (rr, c) in from_above if rr == r]
        trailing = 0
        for p in by_row.get(r, []):
            fields.append((p.c, tx(p.cell.text)))
            trailing += p.cell.cs - 1
        fields.sort()
        out = [t for _, t in fields]
        if r in skip_leading:
            while out and out[0] == "":
                out.pop(0)
        lines.append("\t".join(out + [""] * trailing))
    return lines


def cell_per_line(rows: list[list[C]], tx: Callable[[str], str] = half) -> list[str]:
    """One cell per line (a page whose table cells each sit on their own line): a "|" line opens each row,
    every cell is "text |", and the positions a row's spans cover follow as one line of "|"."""
    lines: list[str] = []
    for row in rows:
        lines.append("|")
        covered = 0
        for c in row:
            lines.append(f"{tx(c.text)} |")
            covered += c.cs - 1
        if covered:
            lines.append("|" * covered)
    return lines


def run_together(rows: list[list[C]], sep_after: set[tuple[int, int]] = frozenset()) -> str:
    """The archive crawler's text: every cell's text concatenated with nothing between (pingtan-zone)."""
    parts = []
    for r, row in enumerate(rows):
        for i, c in enumerate(row):
            parts.append(c.text)
            if (r, i) in sep_after:
                parts.append(" ")
    return "".join(parts)


# ---- .docx (python-docx) --------------------------------------------------------------------------

FIXED_DATE = "2024-01-20T08:00:00"


WIDTHS_CM = {4: [4.8, 3.6, 3.6, 3.6], 5: [4.8, 2.7, 2.7, 2.7, 2.7], 10: [0.8, 2.0, 4.6] + [1.17] * 7,
             15: [1.04] * 15}  # spec §9.4's suggested column widths, by the table's number of columns


def docx_table(doc, rows: list[list[C]], *, header_rows: int = 0, runs: Callable[[C], list[str]] | None = None):
    """A Word table with the published merges (python-docx writes gridSpan and vMerge)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    placed, nrows, ncols = place(rows)
    table = doc.add_table(rows=nrows, cols=ncols)
    table.style = "Table Grid"
    table.autofit = False
    for c, w in enumerate(WIDTHS_CM[ncols]):
        table.columns[c].width = Cm(w)
        for r in range(nrows):
            table.cell(r, c).width = Cm(w)
    for p in placed:
        a = table.cell(p.r, p.c)
        if p.cell.rs > 1 or p.cell.cs > 1:
            a = a.merge(table.cell(p.r + p.cell.rs - 1, p.c + p.cell.cs - 1))
        para = a.paragraphs[0]
        for piece in (runs(p.cell) if runs else [p.cell.text]):
            if piece == "\n":
                para.add_run().add_break()
                continue
            run = para.add_run(piece)
            run.font.size = Pt(9)
    for r in range(header_rows):  # the header rows Word repeats on every page the table runs onto
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)
    return table


def pin_docx(path: Path, title: str) -> None:
    """Fixed core properties (title, dates, author) so the file is the same on every run."""
    import docx

    d = docx.Document(str(path))
    cp = d.core_properties
    from datetime import datetime
    cp.title, cp.author, cp.last_modified_by = title, "办公室", "办公室"
    cp.created = cp.modified = datetime.fromisoformat(FIXED_DATE)
    cp.revision = 1
    d.save(str(path))
    normalise_zip(path)


def normalise_zip(path: Path) -> None:
    """Rewrite a zip with fixed timestamps and order: the same bytes for the same content."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 20, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    path.write_bytes(buf.getvalue())


def docx_paragraph(doc, text: str, *, font: str = "仿宋_GB2312", size: float = 16, bold: bool = False,
                   align: str | None = None, indent: bool = True, pieces: list[str] | None = None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = doc.add_paragraph()
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent and align is None:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    for piece in pieces or [text]:
        run = p.add_run(piece)
        run.font.size = Pt(size)
        run.bold = bold
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return p


# ================================================================================================
# The fixtures
# ================================================================================================

EXPECTED: list[dict] = []


def expect(file: str, b: Body | None, f: Figures | None, *, layout: str, seen: list[str], fmt: str = "2021",
           refuse: bool = False, uncertain: dict[str, int | float | None] | None = None,
           notes: list[str] | None = None, arithmetic: list[str] | None = None, organ: str | None = None,
           year: int | None = None, missing: list[str] | None = None) -> None:
    uncertain = uncertain or {}
    entry: dict = {
        "file": file,
        "layout": layout,
        "seen_in": seen,
        "format": fmt,
        "organ": organ or (b.organ if b else None),
        "year": year or (b.year if b else None),
        "refuse": refuse,
        "headings": [b.headings[k] for k in SECTION_KEYS if k in b.headings] if b else [],
        "missing_sections": missing or [],
    }
    if f is not None:
        if fmt == "2019" or f.t3_format == "2019":
            entry["cells"] = truth_cells(f, skip=set(uncertain)) if fmt == "2021" else {}
            if fmt == "2019":
                entry["cells_by_label"] = by_label_2019(f, skip=set(uncertain))
        else:
            entry["cells"] = truth_cells(f, skip=set(uncertain))
    entry["uncertain"] = uncertain
    entry["notes_expected"] = notes or []
    entry["arithmetic_rules"] = arithmetic or []
    EXPECTED.append(entry)


# ---- 01: a county bureau's whole saved page, UTF-8, clean HTML tables ------------------------------


def f01() -> None:
    organ, year = "青岚县农业农村局", 2023
    f = Figures(
        t2=t2_figures((0, 0, 0), (2, 1, 9), 1386, 74, 3, "0"),
        t3=t3_figures({
            "received": [17, 3, 0, 0, 1, 0], "carried_over": [1, 0, 0, 0, 0, 0],
            "results.disclosed": [8, 2, 0, 0, 1, 0], "results.partly_disclosed": [2, 0, 0, 0, 0, 0],
            "results.withheld.process_information": [1, 0, 0, 0, 0, 0],
            "results.unavailable.not_held": [4, 1, 0, 0, 0, 0],
            "results.not_processed.repeated": [1, 0, 0, 0, 0, 0],
            "carried_forward": [2, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([1, 0, 0, 1], [0, 0, 1, 0], [0, 0, 0, 0]),
    )
    # legal-person columns printed blank where zero (shuyang-county-fgj); 总计 always printed
    st = Style(cell_text=lambda s, p, c, v: "" if (s == "applications" and c in APPLICANTS[1:] and v == 0) else str(v))
    b = body(organ, year, "我局", "青岚县人民政府门户网站", f, signature="2024年1月22日", published="2024-01-22",
             phone="0719-6623105")
    tables = {
        "proactive_disclosure": [html_table(t) for t in t2_2021_tables(f, st)],
        "applications": [html_table(t3_table(f, st))],
        "review_and_litigation": [html_table(t4_table(f, st))],
    }
    page = site_page(b, article_html(b, tables), charset="utf-8", site="青岚县人民政府",
                     index_no="11429000MB1234567X/2024-00031",
                     related="青岚县农业农村局2022年政府信息公开工作年度报告")
    name = "f01-county-bureau-2023-page-utf8.html"
    write(name, page)
    expect(name, b, f, layout="whole saved page (UTF-8): scripts, nav, breadcrumb, a 4×4 metadata table before the "
           "report, a related-links box naming last year's report; clean rowspan/colspan tables; legal-person "
           "columns of table 三 blank where zero; 落款 with date", seen=["shuyang-county-fgj-2023.html",
                                                                    "www.kaihua.gov.cn/art/2024/1/26/art_1229792462_89068.html"],
           notes=["G2"])


# ---- 02: a township's page in GBK, table 二 as four tables, placeholders, typos, a short row --------


def f02() -> None:
    organ, year = "澄川县石桥镇人民政府", 2022
    f = Figures(
        t2=t2_figures((0, 0, 0), (0, 0, 3), 12, 0, 0, "0"),
        t3=t3_figures({
            "received": [5, 1, 0, 0, 0, 0],
            "results.disclosed": [3, 1, 0, 0, 0, 0],
            "results.unavailable.not_held": [1, 0, 0, 0, 0, 0],
            "results.other_handling.no_correction": [1, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
    )
    short_row = ("results", "withheld", "security_stability")

    def text(s, p, c, v):
        if s == "proactive_disclosure" and p == ("regulations",):
            return "/"  # a township has no rule-making power
        if s == "applications" and v == 0 and c != "total":
            return "—"
        if s == "review_and_litigation" and v == 0:
            return "0"
        return str(v)

    st = Style(labels={
        "行政规范性文件": "规范性文件",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
        "5.属于三类内部事务信息": "5.属于三类内容事务信息",
        "5.要求行政机关确认或重新出具已获取信息": "5.要求行政机关确认或重新出具",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请":
            "2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
    }, cell_text=text, drop_last={short_row}, t2_split=True)
    b = body(organ, year, "我镇", "澄川县人民政府网站石桥镇栏目", f, published="2023-01-16", signature="2023年1月16日",
             phone="0736-7810016", headings={
                 "applications": "三、收到和处理政府信息公开的申请情况",
                 "review_and_litigation": "四、政府信息公开行政复议及行政诉讼情况",
                 "problems_and_improvements": "五、存在问题及改进情况",
             })
    tables = {
        "proactive_disclosure": [html_table(t, attrs='border="1" width="100%"') for t in t2_2021_tables(f, st)],
        "applications": [html_table(t3_table(f, st), attrs='border="1" width="100%"')],
        "review_and_litigation": [html_table(t4_table(f, st), attrs='border="1" width="100%"')],
    }
    art = article_html(b, tables)
    art.insert(0, '<p style="text-align:center">发布日期：2023-01-16　　来源：石桥镇人民政府</p>')
    page = site_page(b, art, charset="gb2312", site="澄川县人民政府", index_no="000000000/2023-00008",
                     related="澄川县石桥镇人民政府2021年政府信息公开工作年度报告")
    name = "f02-township-2022-page-gbk.html"
    write(name, page, "gbk")
    uncertain = {key("applications", short_row, "total"): f.t3[short_row][6]}
    expect(name, b, f, layout="whole saved page in GBK (charset=gb2312); '发布日期' line under the title; table 二 as "
           "four small tables; '/' in the 规章 row, '—' for zero in table 三; typos of spec §8.5 (规范性文件, "
           "只计这一情况, 三类内容事务信息, a truncated 5.要求行政机关确认或重新出具, '，' in the two （六） labels); "
           "the 3.危及“三安全一稳定” row lacks its 总计 cell; heading variants of §8.7",
           seen=["www.tjbc.gov.cn/zwgk/zfxxgk/xxgk_zjyq/zjyq_xxgk_jrlj/xxgk_zfxgknb_jrlj/202201/t20220123_5786521.html",
                 "spec §8.5–§8.7"],
           uncertain=uncertain, notes=["G2", "I-01"])


# ---- 03: Word/WPS "save as HTML" soup, labels one character per span -------------------------------


def wps_span(text: str, *, chars: bool = False, font: str = "仿宋_GB2312") -> str:
    if text == "":
        return "<span lang=EN-US style='font-size:10.5pt'><o:p>&nbsp;</o:p></span>"
    pieces = list(text) if chars else re.findall(r"\d+|[^\d]+", text)
    out = []
    for piece in pieces:
        if piece.isdigit() and len(piece) > 1 and not chars:
            out += [f"<span lang=EN-US style='font-size:10.5pt;font-family:\"Times New Roman\"'>{d}</span>"
                    for d in piece]  # Word splits runs even inside a number
        elif piece.isdigit():
            out.append(f"<span lang=EN-US style='font-size:10.5pt;font-family:\"Times New Roman\"'>{piece}</span>")
        else:
            out.append(f"<span style='font-size:10.5pt;font-family:{font}'>{E(piece)}</span>")
    return "".join(out)


def wps_cell(c: C) -> str:
    if c.kind == "label" and c.rs > 3:  # the tall merged label: one character per line
        return "".join(f"<p class=MsoNormal align=center style='text-align:center'>{wps_span(ch)}</p>"
                       for ch in c.text)
    if c.text in T4_COL_LABELS[:4]:  # 结果/维持 on two lines
        return "".join(f"<p class=MsoNormal align=center style='text-align:center'>{wps_span(part, chars=True)}</p>"
                       for part in (c.text[:2], c.text[2:]))
    chars = c.kind != "data"
    return (f"<p class=MsoNormal align=center style='text-align:center'>{wps_span(c.text, chars=chars)}"
            "<span lang=EN-US><o:p></o:p></span></p>")


def f03() -> None:
    organ, year = "望洲市临溪区枫林街道办事处", 2023
    f = Figures(
        t2=t2_figures((0, 0, 0), (0, 0, 0), 0, 0, 0, "0"),
        t3=t3_figures({
            "received": [11, 2, 0, 0, 0, 1], "carried_over": [0, 0, 0, 0, 0, 0],
            "results.disclosed": [4, 1, 0, 0, 0, 1], "results.partly_disclosed": [1, 0, 0, 0, 0, 0],
            "results.withheld.third_party_rights": [1, 0, 0, 0, 0, 0],
            "results.unavailable.not_held": [3, 1, 0, 0, 0, 0],
            "results.not_processed.petition_complaint": [1, 0, 0, 0, 0, 0],
            "carried_forward": [1, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
    )
    st = Style(cell_text=lambda s, p, c, v: "" if (s == "applications" and c in APPLICANTS[1:] and v == 0) else str(v))
    b = body(organ, year, "我街道", "临溪区人民政府网站", f, signature="2024年1月15日", phone="0527-8865100",
             headings={"problems_and_improvements": "五、存在的主要问题和改进措施",
                       "other_matters": "六、其他报告的事项"})
    tattr = ("class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
             "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'")
    tables = {
        "proactive_disclosure": [html_table(t, attrs=tattr, cell=wps_cell) for t in t2_2021_tables(f, st)],
        "applications": [html_table(t3_table(f, st), attrs=tattr, cell=wps_cell)],
        "review_and_litigation": [html_table(t4_table(f, st), attrs=tattr, cell=wps_cell)],
    }

    def para(text: str, font: str = "仿宋_GB2312", align: str = "justify", indent: bool = True) -> str:
        style = f"text-align:{align};" + ("text-indent:32.0pt;" if indent else "") + "line-height:28.0pt"
        return f"<p class=MsoNormal style='{style}'>{wps_span(text, font=font)}<span lang=EN-US><o:p></o:p></span></p>"

    out = [para(b.title, font="方正小标宋简体", align="center", indent=False), para("", indent=False)]
    out.append(para(b.intro))
    subno = "一二三四五"
    for k in SECTION_KEYS:
        out.append(para(b.headings[k], font="黑体"))
        if k in ("proactive_disclosure", "applications", "review_and_litigation"):
            out.append(para("该部分以表格形式报告。表格如下："))
        n = 0
        for kind, text in b.blocks[k]:
            if kind == "sub":
                out.append(para(f"（{subno[n]}）{text}", font="楷体_GB2312"))
                n += 1
            else:
                out.append(para(text))
        out += tables.get(k, [])
    out += [para(organ, align="right", indent=False), para("2024年1月15日", align="right", indent=False)]
    page = "\n".join([
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">',
        "<head>",
        "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">",
        "<meta name=ProgId content=Word.Document>",
        "<meta name=Generator content=\"Microsoft Word 15\">",
        f"<title>{E(b.title)}</title>",
        "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>dzb</o:Author><o:Pages>6</o:Pages>"
        "</o:DocumentProperties></xml><![endif]-->",
        "<style><!-- p.MsoNormal {margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线;} "
        "@page WordSection1 {size:595.3pt 841.9pt;margin:104.9pt 74.55pt 99.25pt 79.4pt;} "
        "div.WordSection1 {page:WordSection1;} --></style>",
        "</head>",
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>",
        "<div class=WordSection1 style='layout-grid:15.6pt'>",
        *out,
        "</div>",
        "</body>",
        "</html>",
        "",
    ])
    name = "f03-street-2023-word-html.html"
    write(name, page)
    expect(name, b, f, layout="Word/WPS 'save as HTML': MsoNormal paragraphs, every label character in its own "
           "<span>, numbers split into one span per digit, <o:p>&nbsp;</o:p> in blank cells (legal-person columns "
           "blank where zero), 三、本年度办理结果 one character per <p>, table 四 headers on two lines; headings "
           "五、存在的主要问题和改进措施 and 六、其他报告的事项; '该部分以表格形式报告' lines",
           seen=["shuyang-county-fgj-2023.html", "www.xjnlk.gov.cn/xjnlk/c112945/202401/46aba5e181454bc798b5443c493da056.shtml"],
           notes=["G2"])


# ---- 04/05: a county government's Word file (python-docx) and its PDF ------------------------------

F04_FIGS = Figures(
    t2=t2_figures((0, 0, 0), (14, 9, 127), 21864, 3075, 412, "5322.481906"),
    fee_text="5322.481906",
    t3=t3_figures({
        "received": [236, 41, 2, 3, 18, 5], "carried_over": [9, 2, 0, 0, 1, 0],
        "results.disclosed": [97, 19, 1, 2, 9, 2], "results.partly_disclosed": [21, 4, 0, 0, 2, 0],
        "results.withheld.state_secret": [1, 0, 0, 0, 0, 0],
        "results.withheld.prohibited_by_law": [3, 1, 0, 0, 0, 0],
        "results.withheld.security_stability": [1, 0, 0, 0, 0, 0],
        "results.withheld.third_party_rights": [4, 2, 0, 0, 1, 0],
        "results.withheld.internal_affairs": [2, 0, 0, 0, 0, 0],
        "results.withheld.process_information": [5, 1, 0, 0, 0, 0],
        "results.withheld.enforcement_files": [6, 1, 0, 0, 2, 0],
        "results.withheld.administrative_query": [11, 2, 0, 0, 0, 0],
        "results.unavailable.not_held": [46, 7, 1, 1, 3, 2],
        "results.unavailable.needs_creation": [5, 1, 0, 0, 0, 0],
        "results.unavailable.still_unclear": [2, 0, 0, 0, 0, 0],
        "results.not_processed.petition_complaint": [9, 1, 0, 0, 0, 0],
        "results.not_processed.repeated": [4, 0, 0, 0, 0, 0],
        "results.not_processed.publication": [1, 0, 0, 0, 0, 0],
        "results.not_processed.excessive": [2, 0, 0, 0, 0, 0],
        "results.not_processed.confirmation": [1, 0, 0, 0, 0, 0],
        "results.other_handling.no_correction": [8, 1, 0, 0, 1, 0],
        "results.other_handling.no_fee_paid": [1, 0, 0, 0, 0, 0],
        "results.other_handling.other": [3, 1, 0, 0, 0, 1],
        "carried_forward": [12, 2, 0, 0, 1, 0],
    }),
    t4=t4_figures([14, 5, 6, 3], [4, 1, 2, 2], [2, 0, 1, 1]),
)


def split_runs(c: C) -> list[str]:
    """Labels split over runs the way Word's revision marks leave them."""
    t = c.text
    if c.kind == "data" or len(t) < 4:
        return [t]
    cut = [0, 2, len(t) // 2, len(t) - 1, len(t)]
    return [t[a:b] for a, b in zip(cut, cut[1:]) if t[a:b]]


def f04_f05() -> None:
    import docx
    from docx.shared import Cm

    organ, year = "澄川县人民政府", 2023
    f = F04_FIGS
    b = body(organ, year, "全县", "澄川县人民政府门户网站", f, signature="2024年3月18日", phone="0736-7812345",
             headings={"review_and_litigation": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"},
             extra={"overview": [("p", "全县各乡镇、县政府各部门按照统一部署，逐项对照年度政务公开工作要点抓好落实，"
                                       "重点领域信息公开专栏全部按期更新。全年召开新闻发布会十二场，"
                                       "县政府主要负责同志出席四场，围绕就业、教育、医疗和营商环境等主题回应社会关切。")] * 3})
    st = Style(labels={"第二十条第（一）项": "第二十条 第（一）项"})
    doc = docx.Document()
    sec = doc.sections[0]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    docx_paragraph(doc, b.title, font="方正小标宋简体", size=22, align="center")
    docx_paragraph(doc, b.intro)
    subno = "一二三四五六七八"
    for k in SECTION_KEYS:
        docx_paragraph(doc, b.headings[k], font="黑体")
        n = 0
        for kind, text in b.blocks[k]:
            if kind == "sub":
                docx_paragraph(doc, f"（{subno[n]}）{text}", font="楷体_GB2312")
                n += 1
            else:
                docx_paragraph(doc, text)
        if k == "proactive_disclosure":
            docx_table(doc, t2_2021_tables(f, st)[0], runs=split_runs)
        elif k == "applications":
            docx_table(doc, t3_table(f, st), header_rows=3, runs=split_runs)
        elif k == "review_and_litigation":
            docx_table(doc, t4_table(f, st), header_rows=3)
    docx_paragraph(doc, organ, align="right")
    docx_paragraph(doc, "2024年3月18日", align="right")
    name = "f04-county-government-2023.docx"
    doc.save(str(HERE / name))
    pin_docx(HERE / name, b.title)
    expect(name, b, f, layout="Word file of a county government (python-docx): gridSpan and vMerge merges, labels "
           "split over several runs, the three header rows of tables 三 and 四 marked to repeat (tblHeader), "
           "'第二十条 第（一）项' with a space, a fee in 万元 with 6 decimals, 落款", seen=["huaian-city-2024.pdf",
                                                                          "spec §6 T2-02"])
    # the PDF LibreOffice makes of it: table 三 runs across a page break, its header rows repeated there
    pdf = "f05-county-government-2023.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "pdf", "--outdir", tmp, str(HERE / name)],
                       check=True, capture_output=True, timeout=180)
        made = Path(tmp) / (Path(name).stem + ".pdf")
        shutil.copyfile(made, HERE / pdf)
    pages = subprocess.run(["pdftotext", "-layout", str(HERE / pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    first = next(i for i, p in enumerate(pages) if "本年新收" in p)
    last = next(i for i, p in enumerate(pages) if "结转下年度继续办理" in p and i >= first)
    assert last > first, "table 三 must run across a page break"
    assert (HERE / pdf).stat().st_size < 200_000
    expect(pdf, b, f, layout="PDF exported by LibreOffice from f04's Word file: table 三 runs across a page break "
           "with its header rows repeated on the next page; page numbers; text from a Word layout",
           seen=["huaian-city-2024.pdf"])


# ---- 06: a county statistics bureau's .docx written as raw WordprocessingML -----------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def raw_docx(path: Path, title: str, blocks: list[str]) -> None:
    """A minimal .docx by hand: content types, relationships, core properties and word/document.xml."""
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
           f"<w:body>{''.join(blocks)}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
           "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" "
           "w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas'
        '.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/'
        'vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas'
        '.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>',
        "word/document.xml": doc,
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp='
        '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
        'elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-'
        f'instance"><dc:title>{E(title)}</dc:title><dc:creator>Administrator</dc:creator><dcterms:created '
        'xsi:type="dcterms:W3CDTF">2023-01-28T02:10:00Z</dcterms:created></cp:coreProperties>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 28, 10, 10, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    path.write_bytes(buf.getvalue())


def w_runs(pieces: Iterable[str], *, bold: bool = False, size: int = 32) -> str:
    out = []
    for piece in pieces:
        if piece == "\n":
            out.append("<w:r><w:br/></w:r>")
            continue
        rpr = f"<w:rPr>{'<w:b/>' if bold else ''}<w:sz w:val=\"{size}\"/></w:rPr>"
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{E(piece)}</w:t></w:r>')
    return "".join(out)


def w_para(text: str | list[str], *, center: bool = False, right: bool = False, size: int = 32) -> str:
    jc = '<w:jc w:val="center"/>' if center else '<w:jc w:val="right"/>' if right else ""
    ind = "" if center or right else '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    pieces = [text] if isinstance(text, str) else text
    return f"<w:p><w:pPr>{jc}{ind}</w:pPr>{w_runs(pieces, size=size)}</w:p>"


def w_table(rows: list[list[C]], runs: Callable[[C], list[str]]) -> str:
    placed, nrows, ncols = place(rows)
    at = {(p.r, p.c): p for p in placed}
    below: dict[tuple[int, int], Placed] = {}
    for p in placed:
        for i in range(1, p.cell.rs):
            below[(p.r + i, p.c)] = p
    out = ["<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>"
           + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
           + "</w:tblBorders></w:tblPr><w:tblGrid>" + "<w:gridCol w:w=\"600\"/>" * ncols + "</w:tblGrid>"]
    for r in range(nrows):
        out.append("<w:tr>")
        c = 0
        while c < ncols:
            if (r, c) in at:
                p = at[(r, c)]
                pr = (f'<w:gridSpan w:val="{p.cell.cs}"/>' if p.cell.cs > 1 else "") + \
                     ('<w:vMerge w:val="restart"/>' if p.cell.rs > 1 else "")
                out.append(f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                           f"{w_runs(runs(p.cell), size=18)}</w:p></w:tc>")
                c += p.cell.cs
            elif (r, c) in below:
                p = below[(r, c)]
                pr = (f'<w:gridSpan w:val="{p.cell.cs}"/>' if p.cell.cs > 1 else "") + "<w:vMerge/>"
                out.append(f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p/></w:tc>")
                c += p.cell.cs
            else:
                raise AssertionError((r, c))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def f06() -> None:
    organ, year = "青岚县统计局", 2022
    f = Figures(
        t2=t2_figures((0, 0, 0), (1, 0, 4), 0, 6, 0, "0"),
        t3=t3_figures({
            "received": [6, 2, 1, 0, 0, 0],
            "results.disclosed": [2, 1, 1, 0, 0, 0],
            "results.unavailable.needs_creation": [2, 0, 0, 0, 0, 0],
            "results.unavailable.not_held": [1, 1, 0, 0, 0, 0],
            "results.other_handling.other": [1, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
    )

    def text(s, p, c, v):
        if s == "proactive_disclosure" and p == ("regulations",):
            return "/"
        if s == "proactive_disclosure" and v == 0:
            return "—"
        return str(v)

    st = Style(labels={
        "（一）予以公开": "(一)予以公开",
        "（三）不予公开": "（三）不\n予公开",
        "（四）无法提供": "（四）无\n法提供",
        "1.本机关不掌握相关政府信息": "1、本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作": "2、没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确": "3、补正后申请内容仍不明确",
        "第二十条第（五）项": "第二十条  第（五）项",
    }, cell_text=text)

    def runs(c: C) -> list[str]:
        if c.kind == "data":
            return [c.text]
        if c.text in T4_COL_LABELS[:4]:
            return [c.text[:2], "\n", c.text[2:]]
        pieces: list[str] = []
        for part in c.text.split("\n"):
            if pieces:
                pieces.append("\n")
            pieces += list(part)  # one run per character
        return pieces

    b = body(organ, year, "我局", "青岚县人民政府门户网站统计局栏目", f, signature="2023年1月28日",
             phone="0719-6620481", headings={"review_and_litigation": "四、政府信息公开行政复议和行政诉讼情况"})
    blocks = [w_para(b.title, center=True, size=44), w_para(b.intro)]
    subno = "一二三四五"
    for k in SECTION_KEYS:
        blocks.append(w_para(list(b.headings[k][:2]) + [b.headings[k][2:]]))
        n = 0
        for kind, t in b.blocks[k]:
            if kind == "sub":
                blocks.append(w_para(f"（{subno[n]}）{t}"))
                n += 1
            else:
                blocks.append(w_para(t))
        if k == "proactive_disclosure":
            blocks.append(w_table(t2_2021_tables(f, st)[0], runs))
        elif k == "applications":
            blocks.append(w_table(t3_table(f, st), runs))
        elif k == "review_and_litigation":
            blocks.append(w_table(t4_table(f, st), runs))
    blocks += [w_para(organ, right=True), w_para("2023年1月28日", right=True)]
    name = "f06-statistics-bureau-2022-raw.docx"
    raw_docx(HERE / name, b.title, blocks)
    expect(name, b, f, layout="hand-written WordprocessingML: every label character its own <w:r>, gridSpan and "
           "vMerge restart/continue, line breaks inside labels ((三)不|予公开), '1、' item numbers, "
           "half-width '(一)', '/' in the 规章 row and '—' for zero in table 二, table 四 headers 结果<br/>维持",
           seen=["huaian-city-2024.pdf", "shuyang-county-fgj-2023.html"], notes=["G2"])


# ---- 07: the seeds' pipe text, a 2021 street report missing section 六 ------------------------------


def text_report(b: Body, tables: dict[str, list[str]], *, tx: Callable[[str], str] = half,
                heading_suffix: dict[str, str] | None = None) -> list[str]:
    lines = [b.title]
    if b.intro:
        lines.append(tx(b.intro))
    subno = "一二三四五"
    for k in SECTION_KEYS:
        if k not in b.blocks:
            continue
        lines.append(tx(b.headings[k]) + (heading_suffix or {}).get(k, ""))
        n = 0
        for kind, t in b.blocks[k]:
            if kind == "sub":
                lines.append(tx(f"（{subno[n]}）{t}"))
                n += 1
            else:
                lines.append(tx(t))
        lines += tables.get(k, [])
    if b.signature:
        lines += [b.signature[0], b.signature[1]]
    return lines


def f07() -> None:
    organ, year = "望洲市临溪区白鹭街道办事处", 2021
    f = Figures(
        t2=t2_figures((0, 0, 0), (0, 0, 0), 0, 0, 0, "0"),
        t3=t3_figures({
            "received": [3, 0, 0, 0, 0, 0], "carried_over": [1, 0, 0, 0, 0, 0],
            "results.disclosed": [2, 0, 0, 0, 0, 0],
            "results.unavailable.not_held": [1, 0, 0, 0, 0, 0],
            "results.not_processed.repeated": [1, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
    )
    st = Style(labels={"商业企业": "商业 企业", "科研机构": "科研 机构"})
    b = body(organ, year, "我街道", "临溪区人民政府网站", f, drop=["other_matters"], phone="0527-8863021",
             headings={"problems_and_improvements": "五、政府信息公开工作存在的主要问题及改进情况"})
    tables = {
        "proactive_disclosure": pipe_lines(t2_2021_tables(f, st)[0]),
        "applications": pipe_lines(t3_table(f, st)),
        "review_and_litigation": pipe_lines(t4_table(f, Style(labels={t: t[:2] + " " + t[2:] for t in T4_COL_LABELS[:4]}))),
    }
    lines = text_report(b, tables, heading_suffix={"problems_and_improvements": "。"})
    name = "f07-street-2021-pipes.txt"
    write(name, "\n".join(lines[1:]) + "\n")  # the seed has no title line
    expect(name, b, f, layout="the pipe text of seed 000: half-width brackets and colons, 'cell |' cells with the "
           "positions a span covers as '|' at the row's end, '商业 企业', '结果 纠正'; no title line (organ and "
           "year from the intro); section 六 missing although the intro names six parts; heading 五 ends with '。'",
           seen=["tests/data/seeds/000 (Suining 慈音街道)", "www.tjhq.gov.cn/zwgk/zfxxgkqjjg/qzwfwb/zfxxgknb30/202302/t20230216_6109136.html"],
           missing=["other_matters"], notes=["I-06"])


# ---- 08: the seeds' tab text, a 2023 township with a row that lost its leading fields --------------


def f08() -> None:
    organ, year = "青岚县云台乡人民政府", 2023
    f = Figures(
        t2=t2_figures((0, 0, 0), (1, 0, 2), 57, 2, 0, "0"),
        t3=t3_figures({
            "received": [4, 0, 0, 0, 0, 0],
            "results.disclosed": [2, 0, 0, 0, 0, 0],
            "results.other_handling.other": [1, 0, 0, 0, 0, 0],
            "carried_forward": [1, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]),
    )
    labels = {l: re.sub(r"^(\d)\.", r"\1. ", l) for _, l, _ in T3_2021}
    labels |= {g: g.replace("）", "） ", 1) for g in ("（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")}
    labels |= {l: l.replace("）", "） ", 1) for l in ("（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                                                 "（七）总计")}
    st = Style(labels=labels)
    b = body(organ, year, "我乡", "青岚县人民政府门户网站", f, signature="2024年1月25日", phone="0719-6651002",
             title=f"{organ} {year} 年政府信息公开工作年度报告")
    t3_rows = t3_table(f, st)
    other_row = next(i for i, row in enumerate(t3_rows) if row and row[0].text.startswith("3. 其他"))
    rv = Style(labels={t: t[:2] + " " + t[2:] for t in T4_COL_LABELS[:4]})
    tables = {
        "proactive_disclosure": tab_lines(t2_2021_tables(f, st)[0], tx=lambda s: s) + [""],
        "applications": tab_lines(t3_rows, skip_leading={other_row}) + [""],
        "review_and_litigation": tab_lines(t4_table(f, rv), tx=lambda s: s) + [""],
    }
    lines = ["", "", b.title, ""]
    for line in text_report(b, tables, tx=lambda s: s)[1:]:
        lines += [line, ""] if "\t" not in line and line else [line]
    name = "f08-township-2023-tabs.txt"
    write(name, "\n".join(lines) + "\n")
    expect(name, b, f, layout="the tab text of seed 003: blank lines between paragraphs, fields covered from above "
           "left empty in place and the ones a cell spans moved to the line's end, '1. 属于' with a space, "
           "'(一) 予以公开'; the 3.其他 row lost its two leading empty fields; title with spaces around the year; 落款",
           seen=["tests/data/seeds/003 (Luyi 真源街道)"])


# ---- 09: the archive crawler's run-together text --------------------------------------------------


def splits(digits: str, n: int) -> Iterable[list[int]]:
    """Every way to read ``digits`` as ``n`` numbers without leading zeros."""
    if n == 0:
        if not digits:
            yield []
        return
    for i in range(1, len(digits) - n + 2):
        head = digits[:i]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in splits(digits[i:], n - 1):
            yield [int(head)] + rest


def readings(text: str, n: int, groups: list[tuple[int, int]]) -> list[list[int]]:
    """The readings of a run-together row whose groups (start, size) each end in their 总计."""
    digits = text.replace(" ", "")
    out = []
    for vals in splits(digits, n):
        if all(sum(vals[s:s + k - 1]) == vals[s + k - 1] for s, k in groups):
            out.append(vals)
    return out


def f09() -> None:
    organ, year = "望洲市滨海新区管理委员会", 2022
    f = Figures(
        t2=t2_figures((0, 0, 0), (31, 7, 254), 8816, 967, 35, "3318.07"),
        fee_text="3318.07",
        t3=t3_figures({
            "received": [52, 6, 0, 1, 0, 2], "carried_over": [2, 0, 0, 0, 0, 0],
            "results.disclosed": [21, 3, 0, 1, 0, 1], "results.partly_disclosed": [6, 1, 0, 0, 0, 0],
            "results.withheld.internal_affairs": [1, 0, 0, 0, 0, 0],
            "results.withheld.process_information": [2, 0, 0, 0, 0, 0],
            "results.withheld.enforcement_files": [3, 0, 0, 0, 0, 0],
            "results.unavailable.not_held": [14, 2, 0, 0, 0, 1],
            "results.not_processed.petition_complaint": [2, 0, 0, 0, 0, 0],
            "results.other_handling.no_correction": [1, 0, 0, 0, 0, 0],
            "results.other_handling.other": [1, 0, 0, 0, 0, 0],
            "carried_forward": [3, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([1, 0, 1, 0], [2, 0, 0, 0], [0, 0, 0, 0]),
    )
    b = body(organ, year, "我区", "滨海新区管委会门户网站", f, phone="0527-8890117",
             title=f"望洲市滨海新区{year}年度政府信息公开工作年度报告",
             headings={"review_and_litigation": "四、因政府信息公开申请行政复议、提起行政诉讼的情况"})
    st = Style()
    t2_rows = t2_2021_tables(f, st)[0]
    t3_rows = t3_table(f, st)
    t4_rows = t4_table(f, st)
    # which cells the digits alone (with each row's 总计) cannot decide: those are ambiguous by design
    uncertain: dict[str, int | float | None] = {}
    for path, values in f.t3.items():
        found = readings("".join(str(v) for v in values), 7, [(0, 7)])
        assert values in found
        for i, col in enumerate(T3_COLS):
            if len({v[i] for v in found}) > 1:
                uncertain[key("applications", path, col)] = values[i]
    t4_digits = "".join(str(v) for p in T4_ROWS for v in f.t4[p])
    found = readings(t4_digits, 15, [(0, 5), (5, 5), (10, 5)])
    flat = [v for p in T4_ROWS for v in f.t4[p]]
    assert found == [flat], found
    for path, cols in ((("regulations",), ("issued", "repealed", "in_force")),
                       (("normative_documents",), ("issued", "repealed", "in_force"))):
        values = [f.t2[(path, c)] for c in cols]
        found = list(splits("".join(str(v) for v in values), 3))
        for i, col in enumerate(cols):
            if len({v[i] for v in found}) > 1:
                uncertain[key("proactive_disclosure", path, col)] = values[i]
    assert key("proactive_disclosure", ("normative_documents",), "issued") in uncertain
    head = "\n".join([
        f"标题: {b.title}",
        "发布时间: 2023-02-14 10:12",
        "文号: ",
        "发布机构: ",
        "栏目: 政府信息公开年报",
        "原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/202302/t20230214_00000.htm",
        f"本地目录: zwgk/zfxxgknb/202302/00000_{b.title}",
        "页面链接与图片详见 links.tsv(同目录)",
        "==================== 正文 ====================",
    ])
    crumbs = (f"当前位置： 首页政务公开政府信息公开政府信息公开年报 {b.title} 来源：滨海新区管委会 时间：2023-02-14 10:12 "
              "微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> ")
    parts = [crumbs, b.intro]
    subno = "一二三四五"
    for k in SECTION_KEYS:
        parts.append(b.headings[k] + (" " if k in ("proactive_disclosure", "review_and_litigation") else ""))
        n = 0
        for kind, t in b.blocks[k]:
            if kind == "sub":
                parts.append(f"（{subno[n]}）{t}方面。")
                n += 1
            else:
                parts.append(t)
        if k == "proactive_disclosure":
            parts.append(run_together(t2_rows, sep_after={(6, 1)}))
        elif k == "applications":
            parts.append(run_together(t3_rows, sep_after={(1, 1)}))
        elif k == "review_and_litigation":
            parts.append(run_together(t4_rows) + " ")
    parts.append(" 附件下载")
    name = "f09-zone-2022-crawler-text.txt"
    write(name, head + "\n" + "".join(parts) + "\n")
    expect(name, b, f, layout="the archive crawler's text: a header block (标题:/发布时间:/原文链接:), breadcrumb and "
           "share-button noise, the whole page on one line, every table cell run together with no separator "
           "(only a stray space here and there); rows with a 总计 decode by their arithmetic, the three-number "
           "rows of table 二 do not: those cells are ambiguous by design; old section 四 heading",
           seen=["pingtan-zone-2021.txt", "pingtan-zone-2022.txt"], uncertain=uncertain, notes=["I-03"])


# ---- 10: a 2020 report in the 2019 format (HTML, bracketed header notes, signed changes, a unit) ---


def f10() -> None:
    organ, year = "望洲市生态环境局临溪分局", 2020
    t2 = {
        ("规章", "本年新制作数量"): (0, "0"), ("规章", "本年新公开数量"): (0, "0"), ("规章", "对外公开总数量"): (0, "0"),
        ("规范性文件", "本年新制作数量"): (2, "2"), ("规范性文件", "本年新公开数量"): (2, "2"),
        ("规范性文件", "对外公开总数量"): (11, "11"),
        ("行政许可", "上一年项目数量"): (9, "9"), ("行政许可", "本年增/减"): (-3, "-3"),
        ("行政许可", "处理决定数量"): (142, "142"),
        ("其他对外管理服务事项", "上一年项目数量"): (23, "23"), ("其他对外管理服务事项", "本年增/减"): (5, "+5"),
        ("其他对外管理服务事项", "处理决定数量"): (61, "61"),
        ("行政处罚", "上一年项目数量"): (186, "186"), ("行政处罚", "本年增/减"): (-2, "减2"),
        ("行政处罚", "处理决定数量"): (38, "38"),
        ("行政强制", "上一年项目数量"): (7, "7"), ("行政强制", "本年增/减"): (0, "0"), ("行政强制", "处理决定数量"): (4, "4"),
        ("行政事业性收费", "上一年项目数量"): (0, "0"), ("行政事业性收费", "本年增/减"): (0, "0"),
        ("政府集中采购", "采购项目数量"): (6, "6"), ("政府集中采购", "采购总金额"): (251000, "251000元"),
    }
    f = Figures(
        t2_2019=t2,
        t3=t3_figures({
            "received": [9, 4, 0, 1, 0, 0], "carried_over": [0, 1, 0, 0, 0, 0],
            "results.disclosed": [4, 2, 0, 1, 0, 0], "results.partly_disclosed": [1, 1, 0, 0, 0, 0],
            "results.withheld.third_party_rights": [0, 1, 0, 0, 0, 0],
            "results.unavailable.not_held": [3, 0, 0, 0, 0, 0],
            "results.other_handling": [1, 0, 0, 0, 0, 0],
            "carried_forward": [0, 1, 0, 0, 0, 0],
        }, fmt="2019"),
        t4=t4_figures([1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
        t3_format="2019",
    )
    notes = {"上一年项目数量": "上一年项目数量（指2019年事项数）", "本年增/减": "本年增/减（减少的用负值表示）",
             "处理决定数量": "处理决定数量（指2020年办件量）"}
    st = Style(labels=notes)
    b = body(organ, year, "我分局", "望洲市生态环境局网站", f, published="2021-01-27", phone="0527-8862290",
             title=f"{organ}{year}年政府信息公开工作年度报告",
             headings={"review_and_litigation": "四、政府信息公开行政复议、行政诉讼情况"})
    tables = {
        "proactive_disclosure": [html_table(t2_2019_table(f, st))],
        "applications": [html_table(t3_table(f, Style()))],
        "review_and_litigation": [html_table(t4_table(f, Style()))],
    }
    page = site_page(b, article_html(b, tables, heading_tag="h3"), charset="utf-8", site="望洲市生态环境局",
                     index_no="11320000MB0000000Y/2021-00004", related="望洲市生态环境局2020年政府信息公开工作年度报告")
    name = "f10-ecology-branch-2020-format2019.html"
    write(name, page)
    uncertain: dict = {}
    expect(name, b, f, fmt="2019", layout="a 2020 report in the 2019 format as a saved page: table 二 of 18 rows "
           "(5-column grid, spans 1-2-1 and 2-2), header cells with bracketed notes, 本年增/减 written '-3', '+5' "
           "and '减2', 采购总金额 '251000元' (unit in the cell), table 三 with the single （六）其他处理 row; "
           "headings as <h3>", seen=[
               "newton.com.tw/wiki/武汉市生态环境局2020年政府信息公开工作年度报告 (bracketed header notes)",
               "williamhillcn.org/zwgkk/bmxxgkndbg/content/post_7036712.html (+1, -2, 184719元)"],
           uncertain=uncertain, notes=[])  # 251000元: the unit is recorded with the figure


# ---- 11: a 2019 report in the 2019 format as pipe text --------------------------------------------


def f11() -> None:
    organ, year = "澄川县交通运输局", 2019
    t2 = {
        ("规章", "本年新制作数量"): (0, "0"), ("规章", "本年新公开数量"): (0, "0"), ("规章", "对外公开总数量"): (0, "0"),
        ("规范性文件", "本年新制作数量"): (1, "1"), ("规范性文件", "本年新公开数量"): (1, "1"),
        ("规范性文件", "对外公开总数量"): (6, "6"),
        ("行政许可", "上一年项目数量"): (31, "31"), ("行政许可", "本年增/减"): (-4, "-4"),
        ("行政许可", "处理决定数量"): (2309, "2309"),
        ("其他对外管理服务事项", "上一年项目数量"): (12, "12"), ("其他对外管理服务事项", "本年增/减"): (0, "0"),
        ("其他对外管理服务事项", "处理决定数量"): (0, "0"),
        ("行政处罚", "上一年项目数量"): (204, "204"), ("行政处罚", "本年增/减"): (-8, "减8"),
        ("行政处罚", "处理决定数量"): (517, "517"),
        ("行政强制", "上一年项目数量"): (9, "9"), ("行政强制", "本年增/减"): (0, "0"), ("行政强制", "处理决定数量"): (13, "13"),
        ("行政事业性收费", "上一年项目数量"): (2, "2"), ("行政事业性收费", "本年增/减"): (-1, "-1"),
        ("政府集中采购", "采购项目数量"): (4, "4"), ("政府集中采购", "采购总金额"): (86.4, "86.4万元"),
    }
    f = Figures(
        t2_2019=t2,
        t3=t3_figures({
            "received": [7, 1, 0, 0, 0, 0],
            "results.disclosed": [5, 1, 0, 0, 0, 0],
            "results.unavailable.not_held": [1, 0, 0, 0, 0, 0],
            "results.not_processed.publication": [1, 0, 0, 0, 0, 0],
        }, fmt="2019"),
        t4=t4_figures([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
        t3_format="2019",
    )
    b = body(organ, year, "我局", "澄川县人民政府门户网站", f, phone="0736-7815566",
             headings={"proactive_disclosure": "二、行政机关主动公开政府信息情况",
                       "applications": "三、行政机关收到和处理政府信息公开申请情况",
                       "review_and_litigation": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"},
             signature="2020年1月20日")
    tables = {
        "proactive_disclosure": pipe_lines(t2_2019_table(f, Style())),
        "applications": pipe_lines(t3_table(f, Style(labels={"商业企业": "商业 企业", "科研机构": "科研 机构"}))),
        "review_and_litigation": pipe_lines(t4_table(f, Style())),
    }
    name = "f11-transport-bureau-2019-format2019-pipes.txt"
    write(name, "\n".join(text_report(b, tables)) + "\n")
    expect(name, b, f, fmt="2019", layout="a 2019 report in the 2019 format as the pipe text of seed 000: table 二 "
           "of 18 rows with '-4', '减8', '-1' and '86.4万元'; the 2019 headings 行政机关主动公开… / 行政机关收到和处理…",
           seen=["gat.bjtchw.com/xxgk/szfxxgkml/zfxxgkndbg/szfzstsjgndbg/sgzw/20200120/i427054.html (2019 headings)",
                 "tests/data/seeds/000 (pipe layout)"], notes=[])


# ---- 12: a 2022 report in the 2021 format still carrying the 2019 table 三, one cell per line -----


def f12() -> None:
    organ, year = "青岚县教育体育局", 2022
    f3 = t3_figures({
        "received": [27, 2, 0, 0, 1, 0], "carried_over": [1, 0, 0, 0, 0, 0],
        "results.disclosed": [12, 1, 0, 0, 1, 0], "results.partly_disclosed": [3, 0, 0, 0, 0, 0],
        "results.withheld.internal_affairs": [1, 0, 0, 0, 0, 0],
        "results.unavailable.not_held": [7, 1, 0, 0, 0, 0],
        "results.not_processed.petition_complaint": [2, 0, 0, 0, 0, 0],
        "results.other_handling": [2, 0, 0, 0, 0, 0],
        "carried_forward": [1, 0, 0, 0, 0, 0],
    }, fmt="2019")
    f = Figures(
        t2=t2_figures((0, 0, 0), (3, 2, 17), 212, 9, 0, "0"),
        t3=f3,
        t4=t4_figures([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]),
        t3_format="2019",
    )
    b = body(organ, year, "我局", "青岚县人民政府门户网站", f, phone="0719-6623388")
    tables = {
        "proactive_disclosure": ["该部分以表格形式报告。表格如下："] + cell_per_line(t2_2021_tables(f, Style())[0]),
        "applications": ["该部分以表格形式报告。表格如下："] + cell_per_line(
            t3_table(f, Style(labels={"商业企业": "商业\n企业", "科研机构": "科研\n机构"}))),
        "review_and_litigation": cell_per_line(t4_table(f, Style())),
    }
    name = "f12-education-bureau-2022-mixed-cells-per-line.txt"
    write(name, "\n".join(text_report(b, tables)) + "\n")
    # the 2021 format has three （六） rows where this table has one: which of them the figure belongs to,
    # the report does not say
    uncertain: dict[str, int | float | None] = {
        key("applications", p, c): None for p, _, g in T3_2021 if g == "（六）其他处理" for c in T3_COLS}
    cells = {}
    for path, values in f3.items():
        if path == OTHER_2019:
            continue
        for col, v in zip(T3_COLS, values):
            cells[key("applications", path, col)] = v
    expect(name, b, f, layout="a 2022 report in the 2021 format whose table 三 is still the 2019 one (a single "
           "（六）其他处理 row, 20 result rows), every cell on its own line ('text |'), a '|' line opening each row "
           "and the covered positions as a line of '|'; '商业/企业' broken over two lines; '表格如下' lines",
           seen=["www.sxjiaxian.gov.cn/zwgk/zfxxgkzl/xtjdbnb/ct/49959.htm (2019 tables in a 2022 report)",
                 "m.zwgsc.com/mayang/c120638/202301/33ef86c98365449484501f145c95a995.shtml (one cell per line)",
                 "spec §7.1"], uncertain=uncertain, notes=["I-04"])
    EXPECTED[-1]["cells"] = truth_cells(Figures(t3={}, t4=f.t4, t2=f.t2)) | cells
    EXPECTED[-1]["other_handling_2019"] = {c: v for c, v in zip(T3_COLS, f3[OTHER_2019])}


# ---- 13: a published table that does not add up ------------------------------------------------------


def f13() -> None:
    organ, year = "望洲市市场监督管理局", 2024
    f = Figures(
        t2=t2_figures((0, 0, 0), (4, 3, 21), 30418, 1266, 187, "86.52"),
        fee_text="86.52",
        t3=t3_figures({
            "received": [64, 22, 1, 0, 6, 3], "carried_over": [3, 1, 0, 0, 0, 0],
            "results.disclosed": [25, 9, 1, 0, 2, 1], "results.partly_disclosed": [7, 3, 0, 0, 1, 0],
            "results.withheld.third_party_rights": [3, 2, 0, 0, 0, 0],
            "results.withheld.enforcement_files": [4, 1, 0, 0, 1, 0],
            "results.withheld.administrative_query": [2, 0, 0, 0, 0, 0],
            "results.unavailable.not_held": [11, 4, 0, 0, 1, 1],
            "results.unavailable.needs_creation": [2, 1, 0, 0, 0, 0],
            "results.not_processed.petition_complaint": [6, 1, 0, 0, 0, 0],
            "results.not_processed.repeated": [1, 0, 0, 0, 0, 0],
            "results.other_handling.no_correction": [2, 0, 0, 0, 0, 1],
            "carried_forward": [4, 2, 0, 0, 1, 0],
        }),
        t4=t4_figures([6, 2, 1, 1], [2, 0, 1, 0], [1, 0, 0, 0]),
    )
    # as published: the （七）总计 row's 自然人 cell and its row 总计 one too many (63 and 100, the sum is 62 and 99)
    tot = ("results", "total")
    f.t3[tot] = list(f.t3[tot])
    f.t3[tot][0] += 1
    f.t3[tot][6] += 1
    b = body(organ, year, "我局", "望洲市人民政府门户网站", f, published="2025-01-24", signature="2025年1月24日",
             phone="0527-8860315", headings={
                 "review_and_litigation": "四、因政府信息公开工作被申请行政复议提起行政诉讼情况",
                 "problems_and_improvements": "五、政府信息公开工作存在的主要问题及改进情况"})
    tables = {
        "proactive_disclosure": [html_table(t2_2021_tables(f, Style())[0])],
        "applications": [html_table(t3_table(f, Style()))],
        "review_and_litigation": [html_table(t4_table(f, Style()))],
    }
    page = site_page(b, article_html(b, tables, heading_tag="h2", sub_tag="h3"), charset="utf-8",
                     site="望洲市人民政府", index_no="11320000MB0000001Z/2025-00017",
                     related="望洲市市场监督管理局2023年政府信息公开工作年度报告")
    name = "f13-market-regulation-2024-sums-wrong.html"
    write(name, page)
    expect(name, b, f, layout="a city bureau's saved page whose table 三 does not add up as published: the "
           "（七）总计 row says 63 natural persons (and 100 in all) where its rows sum to 62 (99); import keeps the "
           "printed figures and check reports the sum; headings as <h2>/<h3>, §8.7 variants of 四 and 五",
           seen=["spec §6 T3-02", "figures.json (arithmetic notes)"], arithmetic=["T3-02"])


# ---- 14: a 2018 report in the pre-2019 layout (must be refused) ---------------------------------------


def f14() -> None:
    organ, year = "澄川县民政局", 2018
    title = f"{organ}{year}年政府信息公开工作年度报告"
    secs = [
        ("一、概述", f"{year}年，我局认真贯彻《中华人民共和国政府信息公开条例》，健全公开制度，规范公开流程，"
                    "政府信息公开工作平稳开展。"),
        ("二、主动公开政府信息情况", "全年通过县政府门户网站主动公开政府信息286条，其中规范性文件2件，"
                              "社会救助、养老服务、殡葬管理等民生信息118条。"),
        ("三、依申请公开政府信息和不予公开政府信息情况", "全年受理政府信息公开申请5件，均按期答复；"
                                        "其中同意公开3件，信息不存在1件，非本部门掌握1件。"),
        ("四、政府信息公开的收费及减免情况", "本年度未收取检索、复制、邮寄等费用。"),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"),
        ("六、政府信息公开工作存在的主要问题及改进情况", "公开内容仍不够全面，下一步将进一步加大重点领域信息公开力度。"),
        ("七、其他需要报告的事项", "无。"),
    ]
    stats = [
        ("统计指标", "单位", "统计数"),
        ("一、主动公开情况", "——", "——"),
        ("（一）主动公开政府信息数", "条", "286"),
        ("其中：主动公开规范性文件数", "条", "2"),
        ("（二）通过不同渠道和方式公开政府信息的情况", "——", "——"),
        ("1.政府公报公开政府信息数", "条", "0"),
        ("2.政府网站公开政府信息数", "条", "286"),
        ("二、依申请公开情况", "——", "——"),
        ("（一）收到申请数", "件", "5"),
        ("（二）申请办结数", "件", "5"),
        ("1.按时办结数", "件", "5"),
        ("（三）申请答复数", "件", "5"),
        ("1.属于已主动公开范围数", "件", "1"),
        ("2.同意公开答复数", "件", "2"),
        ("5.非《条例》所指政府信息数", "件", "0"),
        ("6.信息不存在数", "件", "1"),
        ("7.非本部门掌握数", "件", "1"),
        ("三、因政府信息公开申请行政复议数", "件", "0"),
        ("四、因政府信息公开申请提起行政诉讼数", "件", "0"),
        ("五、政府信息公开收费及减免情况", "——", "——"),
        ("（一）依申请提供政府信息收取的费用", "万元", "0"),
    ]
    art: list[str] = []
    for h, t in secs:
        art += [f"<p><strong>{E(h)}</strong></p>", f'<p style="text-indent:2em">{E(t)}</p>']
    art.append("<p>附表：政府信息公开情况统计表</p>")
    art.append("<table border=\"1\">" + "".join(
        "<tr>" + "".join(f"<td>{E(c)}</td>" for c in row) + "</tr>" for row in stats) + "</table>")
    b = Body(organ, year, title, None, {}, {}, None, "2019-03-20")
    page = site_page(b, art, charset="utf-8", site="澄川县人民政府", index_no="000000000/2019-00021",
                     related="澄川县民政局2017年政府信息公开工作年度报告")
    name = "f14-civil-affairs-2018-legacy.html"
    write(name, page)
    expect(name, None, None, layout="a 2018 report under the 2007 条例: sections 概述 / 依申请公开政府信息和不予公开政府信息 / "
           "收费及减免 / 因政府信息公开申请行政复议…, an appended 统计指标 / 单位 / 统计数 table with the old "
           "answer categories (信息不存在, 非本部门掌握); import must refuse it (I-05)",
           seen=["www.sm.gov.cn/smsrmzfbgs/smsrmzf/zfxxgkndbg/201903/t20190307_1271142.htm",
                 "www.fzja.gov.cn/xjwz/zwgk/zfxxgk/zfxxgknb/201707/t20170721_1341809.htm",
                 "code.fabao365.com/law_184609_3.html (old statistics indicators)"],
           refuse=True, organ=organ, year=year, notes=["I-05"])
    EXPECTED[-1]["headings"] = [h for h, _ in secs]


# ---- 15: a city office's .docx whose table 三 is two Word tables, header rows repeated -----------------


def f15() -> None:
    import docx

    organ, year = "望洲市人民政府办公室", 2024
    f = Figures(
        t2=t2_figures((3, 1, 42), (9, 4, 61), 0, 0, 0, "0"),
        t3=t3_figures({
            "received": [88, 7, 0, 2, 4, 1], "carried_over": [5, 0, 0, 0, 0, 0],
            "results.disclosed": [31, 3, 0, 1, 2, 0], "results.partly_disclosed": [9, 1, 0, 0, 0, 0],
            "results.withheld.security_stability": [1, 0, 0, 0, 0, 0],
            "results.withheld.internal_affairs": [3, 0, 0, 0, 0, 0],
            "results.withheld.process_information": [4, 1, 0, 0, 0, 0],
            "results.unavailable.not_held": [29, 2, 0, 1, 2, 1],
            "results.unavailable.still_unclear": [1, 0, 0, 0, 0, 0],
            "results.not_processed.petition_complaint": [5, 0, 0, 0, 0, 0],
            "results.not_processed.excessive": [3, 0, 0, 0, 0, 0],
            "results.other_handling.no_correction": [2, 0, 0, 0, 0, 0],
            "results.other_handling.no_fee_paid": [1, 0, 0, 0, 0, 0],
            "carried_forward": [4, 0, 0, 0, 0, 0],
        }),
        t4=t4_figures([9, 3, 4, 2], [3, 1, 0, 2], [1, 0, 1, 0]),
    )
    b = body(organ, year, "市政府办公室", "望洲市人民政府门户网站", f, signature="2025年1月23日", phone="0527-8860001",
             headings={"review_and_litigation": "四、政府信息公开行政复议、行政诉讼情况"})
    rows = t3_table(f, Style())
    cut = 3 + 2 + 2 + 8 + 3  # the header, 一、二、, （一）（二）, （三）'s eight rows and （四）'s three: then a page
    first = [[C(c.text, rs=13 if c.text == RESULTS else c.rs, cs=c.cs, kind=c.kind, cell=c.cell) for c in row]
             for row in rows[:cut]]  # 三、本年度办理结果 spans only this table's 13 result rows
    rest = rows[cut:]
    n_rest = len(rest) - 1  # the result rows left, without 四、结转
    rest = [[C(RESULTS, rs=n_rest)] + rest[0]] + rest[1:]
    doc = docx.Document()
    docx_paragraph(doc, b.title, font="方正小标宋简体", size=22, align="center")
    docx_paragraph(doc, b.intro)
    subno = "一二三四五"
    for k in SECTION_KEYS:
        docx_paragraph(doc, b.headings[k], font="黑体")
        n = 0
        for kind, t in b.blocks[k]:
            if kind == "sub":
                docx_paragraph(doc, f"（{subno[n]}）{t}", font="楷体_GB2312")
                n += 1
            else:
                docx_paragraph(doc, t)
        if k == "proactive_disclosure":
            for t in t2_2021_tables(f, Style(t2_split=True)):
                docx_table(doc, t)
        elif k == "applications":
            docx_table(doc, first)
            docx_paragraph(doc, "（续表）", align="center", size=12)
            docx_table(doc, rows[:3] + rest)
        elif k == "review_and_litigation":
            docx_table(doc, t4_table(f, Style()))
    docx_paragraph(doc, organ, align="right")
    docx_paragraph(doc, "2025年1月23日", align="right")
    name = "f15-city-office-2024-split-tables.docx"
    doc.save(str(HERE / name))
    pin_docx(HERE / name, b.title)
    expect(name, b, f, layout="Word file whose table 二 is four tables and whose table 三 is two: the second, after "
           "a '（续表）' line, repeats the three header rows and restarts 三、本年度办理结果 for the rows from （五） on",
           seen=["huaian-city-2024.pdf (table 三 across pages)", "www.tjbc.gov.cn (table 二 in groups)"])


def main() -> None:
    for make in (f01, f02, f03, f04_f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15):
        make()
    out = {
        "about": "The truth of each fixture in this folder, written by make_fixtures.py from the figures it built "
                 "the fixture from. cells: 'section|row.path|column' (the 2021 format's YAML keys) → value; "
                 "cells_by_label (2019 format): the official row labels (outermost first) and column label, "
                 "because the 2019 format's YAML keys are not in gipr-gen yet; uncertain: cells the publication "
                 "cannot settle (a missing cell, digits that read two ways, a 2019 row the 2021 table splits): "
                 "import must give None or a note there (the value, when known, is the one printed or derivable); "
                 "also: the same amount in the other unit (元 / 万元) where the cell printed its unit; "
                 "headings: the section headings as published; missing_sections: YAML keys of sections the "
                 "report lacks; notes_expected: import rules the report must raise; arithmetic_rules: rules "
                 "check must report on the imported YAML; refuse: import must raise SourceError.",
        "fixtures": EXPECTED,
    }
    (HERE / "expected.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(EXPECTED)} fixtures written to {HERE}")


if __name__ == "__main__":
    main()
