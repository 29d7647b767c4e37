"""The 2021 format's fixed parts, transcribed by hand from the specification (shared/spec/official-format.md beside this repository)
as test data, so that tests never take an expected label, span or position from gipr-gen's own layout.
The 2019 trial format's two tables that differ (spec §7.2) are transcribed at the end (``TABLES_2019``);
``tables_of`` picks a report file's by its ``format:``.

* ``SECTIONS``: the six canonical headings of spec §2.3, keyed by the report file's top-level keys;
* ``TABLES``: the three merged-cell grids of spec §3 (table 二, 14 × 4), §4 (table 三, 28 × 10) and §5
  (table 四, 4 × 15), every cell with its 1-based top-left position (row ``R``, column ``C`` as the spec
  numbers them), its rowspan and colspan, and either its official label or, for a data cell, the path of
  its figure in the report file (the input's own key names: the contract the YAML is written in);
* ``figure_of`` and ``expected_cells``: a table's figures read from the report file as loaded by
  ``yaml.safe_load``, with a 总计 the file leaves out summed here.

The transcription was also held cell by cell against the official blank template
(shared/real-reports/official-format-blank-template.docx): same labels, same merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# ---- spec §2.1 and §2.3 ------------------------------------------------------------------------

REPORT_NAME = "政府信息公开工作年度报告"

SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("proactive_disclosure", "二、主动公开政府信息情况"),
    ("applications", "三、收到和处理政府信息公开申请情况"),
    ("review_and_litigation", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems_and_improvements", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
HEADINGS = tuple(h for _, h in SECTIONS)
TABLE_SECTIONS = ("proactive_disclosure", "applications", "review_and_litigation")


def default_title(organ: str, year: int) -> str:
    """Spec §2.1: the generator's default title."""
    return f"{organ}{year}年{REPORT_NAME}"


def title_of(data: dict[str, Any]) -> str:
    return data.get("title") or default_title(data["organ"], data["year"])


# ---- the grids -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    row: int  # 1-based, the spec's R
    col: int  # 1-based, the spec's C
    text: str = ""  # the official label (empty for a data cell)
    rowspan: int = 1
    colspan: int = 1
    data: tuple[str, ...] | None = None  # the figure's path in the section of the report file

    @property
    def tag(self) -> str:
        return "td" if self.data else "th"


@dataclass(frozen=True)
class Table:
    section: str
    nrows: int
    ncols: int
    cells: tuple[Cell, ...]
    parts: tuple[str, ...]  # the columns a row's 总计 adds up
    result_rows: tuple[tuple[str, ...], ...] = ()  # the rows （七）总计 adds up (table 三)
    stated_units: tuple[str, ...] = ()  # amounts printed with the unit their row states (``unit: 万元``)

    @property
    def data_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.data)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells if c.text)

    def data_rows(self) -> list[list[Cell]]:
        """The data cells of each grid row that has any, top to bottom, left to right."""
        rows: dict[int, list[Cell]] = {}
        for c in sorted(self.data_cells, key=lambda c: (c.row, c.col)):
            rows.setdefault(c.row, []).append(c)
        return [rows[r] for r in sorted(rows)]


# ---- spec §3: table 二, 14 rows × 4 columns ----------------------------------------------------------

_T2: list[Cell] = []


def _t2_group(r: int, label: str, headers: tuple[str, ...], rows: tuple[tuple[str, str, tuple[str, ...]], ...]) -> None:
    _T2.append(Cell(r, 1, label, colspan=4))  # the 第二十条 row spans C1–C4
    _T2.append(Cell(r + 1, 1, "信息内容"))
    span = 3 // len(headers)  # three headers one column each, or one header over C2–C4
    for i, h in enumerate(headers):
        _T2.append(Cell(r + 1, 2 + i * span, h, colspan=span))
    for j, (row_label, key, columns) in enumerate(rows):
        _T2.append(Cell(r + 2 + j, 1, row_label))
        for i, col in enumerate(columns):
            _T2.append(Cell(r + 2 + j, 2 + i * span, colspan=span, data=(key, col)))


_COUNTS = ("issued", "repealed", "in_force")
_t2_group(1, "第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
          (("规章", "regulations", _COUNTS), ("行政规范性文件", "normative_documents", _COUNTS)))
_t2_group(5, "第二十条第（五）项", ("本年处理决定数量",), (("行政许可", "licensing", ("decisions",)),))
_t2_group(8, "第二十条第（六）项", ("本年处理决定数量",),
          (("行政处罚", "penalties", ("decisions",)), ("行政强制", "coercive_measures", ("decisions",))))
_t2_group(12, "第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", "fees", ("amount_wan_yuan",)),))

# ---- spec §4: table 三, 28 rows × 10 columns -----------------------------------------------------------

# C4–C10: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (np biz res ngo law oth tot)
APPLICANT_KEYS = ("natural_person", "business", "research", "public_welfare", "legal_service", "other")
APPLICANT_COLUMNS = (*APPLICANT_KEYS, "total")

_T3: list[Cell] = [
    Cell(1, 1, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
    Cell(1, 4, "申请人情况", colspan=7),
    Cell(2, 4, "自然人", rowspan=2),
    Cell(2, 5, "法人或其他组织", colspan=5),
    Cell(2, 10, "总计", rowspan=2),
    Cell(3, 5, "商业企业"), Cell(3, 6, "科研机构"), Cell(3, 7, "社会公益组织"), Cell(3, 8, "法律服务机构"),
    Cell(3, 9, "其他"),
]
# (R, label cells as (C, rowspan, colspan, text), the row's path in the report file), spec §4.2
_T3_BODY: tuple[tuple[int, tuple[tuple[int, int, int, str], ...], tuple[str, ...]], ...] = (
    (4, ((1, 1, 3, "一、本年新收政府信息公开申请数量"),), ("received",)),
    (5, ((1, 1, 3, "二、上年结转政府信息公开申请数量"),), ("carried_over",)),
    (6, ((1, 22, 1, "三、本年度办理结果"), (2, 1, 2, "（一）予以公开")), ("results", "disclosed")),
    (7, ((2, 1, 2, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),), ("results", "partly_disclosed")),
    (8, ((2, 8, 1, "（三）不予公开"), (3, 1, 1, "1.属于国家秘密")), ("results", "withheld", "state_secret")),
    (9, ((3, 1, 1, "2.其他法律行政法规禁止公开"),), ("results", "withheld", "prohibited_by_law")),
    (10, ((3, 1, 1, "3.危及“三安全一稳定”"),), ("results", "withheld", "security_stability")),
    (11, ((3, 1, 1, "4.保护第三方合法权益"),), ("results", "withheld", "third_party_rights")),
    (12, ((3, 1, 1, "5.属于三类内部事务信息"),), ("results", "withheld", "internal_affairs")),
    (13, ((3, 1, 1, "6.属于四类过程性信息"),), ("results", "withheld", "process_information")),
    (14, ((3, 1, 1, "7.属于行政执法案卷"),), ("results", "withheld", "enforcement_files")),
    (15, ((3, 1, 1, "8.属于行政查询事项"),), ("results", "withheld", "administrative_query")),
    (16, ((2, 3, 1, "（四）无法提供"), (3, 1, 1, "1.本机关不掌握相关政府信息")), ("results", "unavailable", "not_held")),
    (17, ((3, 1, 1, "2.没有现成信息需要另行制作"),), ("results", "unavailable", "needs_creation")),
    (18, ((3, 1, 1, "3.补正后申请内容仍不明确"),), ("results", "unavailable", "still_unclear")),
    (19, ((2, 5, 1, "（五）不予处理"), (3, 1, 1, "1.信访举报投诉类申请")), ("results", "not_processed", "petition_complaint")),
    (20, ((3, 1, 1, "2.重复申请"),), ("results", "not_processed", "repeated")),
    (21, ((3, 1, 1, "3.要求提供公开出版物"),), ("results", "not_processed", "publication")),
    (22, ((3, 1, 1, "4.无正当理由大量反复申请"),), ("results", "not_processed", "excessive")),
    (23, ((3, 1, 1, "5.要求行政机关确认或重新出具已获取信息"),), ("results", "not_processed", "confirmation")),
    (24, ((2, 3, 1, "（六）其他处理"),
          (3, 1, 1, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
     ("results", "other_handling", "no_correction")),
    (25, ((3, 1, 1, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),),
     ("results", "other_handling", "no_fee_paid")),
    (26, ((3, 1, 1, "3.其他"),), ("results", "other_handling", "other")),
    (27, ((2, 1, 2, "（七）总计"),), ("results", "total")),
    (28, ((1, 1, 3, "四、结转下年度继续办理"),), ("carried_forward",)),
)
for _r, _labels, _path in _T3_BODY:
    _T3.extend(Cell(_r, c, text, rowspan=rs, colspan=cs) for c, rs, cs, text in _labels)
    _T3.extend(Cell(_r, 4 + i, data=(*_path, key)) for i, key in enumerate(APPLICANT_COLUMNS))

# the label of each table-三 data row (its innermost label), by its path in the report file
T3_ROW_LABELS: dict[tuple[str, ...], str] = {path: labels[-1][3] for _, labels, path in _T3_BODY}
T3_RESULT_ROWS = tuple(path for _, _, path in _T3_BODY if path[0] == "results" and path[-1] != "total")

# ---- spec §5: table 四, 4 rows × 15 columns ---------------------------------------------------------

OUTCOMES = ("upheld", "corrected", "other", "pending")  # 结果维持 结果纠正 其他结果 尚未审结, then 总计
_OUTCOME_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_ROWS = {"review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}

_T4: list[Cell] = [
    Cell(1, 1, "行政复议", colspan=5),
    Cell(1, 6, "行政诉讼", colspan=10),
    *(Cell(2, 1 + i, label, rowspan=2) for i, label in enumerate(_OUTCOME_LABELS)),
    Cell(2, 6, "未经复议直接起诉", colspan=5),
    Cell(2, 11, "复议后起诉", colspan=5),
    *(Cell(3, 6 + i, label) for i, label in enumerate(_OUTCOME_LABELS)),
    *(Cell(3, 11 + i, label) for i, label in enumerate(_OUTCOME_LABELS)),
    *(Cell(4, 1 + 5 * g + i, data=(row, col)) for g, row in enumerate(T4_ROWS)
      for i, col in enumerate((*OUTCOMES, "total"))),
]

TABLES: dict[str, Table] = {
    "proactive_disclosure": Table("proactive_disclosure", 14, 4, tuple(_T2), ()),
    "applications": Table("applications", 28, 10, tuple(_T3), APPLICANT_KEYS, T3_RESULT_ROWS),
    "review_and_litigation": Table("review_and_litigation", 4, 15, tuple(_T4), OUTCOMES),
}
DATA_CELLS = {"proactive_disclosure": 10, "applications": 175, "review_and_litigation": 15}  # spec §3, §4.2, §5.1


# ---- spec §7.2: the 2019 trial format (国办公开办函〔2019〕60号) --------------------------------------

# Table 二, 18 rows × 5 columns (the label column and four sub-columns): a group's header row spans all
# five; a row of three values spans them (1, 2, 1), a row of two (2, 2). Keys: the report file's.
_T2_2019: list[Cell] = []


def _t2_2019_group(r: int, label: str, headers: tuple[tuple[str, str], ...], rows: tuple[tuple[str, str], ...]) -> None:
    _T2_2019.append(Cell(r, 1, label, colspan=5))
    _T2_2019.append(Cell(r + 1, 1, "信息内容"))
    spans = {3: (1, 2, 1), 2: (2, 2)}[len(headers)]
    starts = [2 + sum(spans[:i]) for i in range(len(spans))]
    for (text, _), c, span in zip(headers, starts, spans):
        _T2_2019.append(Cell(r + 1, c, text, colspan=span))
    for j, (row_label, key) in enumerate(rows):
        _T2_2019.append(Cell(r + 2 + j, 1, row_label))
        for (_, col), c, span in zip(headers, starts, spans):
            _T2_2019.append(Cell(r + 2 + j, c, colspan=span, data=(key, col)))


_ITEMS_2019 = (("上一年项目数量", "items_last_year"), ("本年增/减", "change"))
_t2_2019_group(1, "第二十条第（一）项",
               (("本年新制作数量", "made"), ("本年新公开数量", "published"), ("对外公开总数量", "published_total")),
               (("规章", "regulations"), ("规范性文件", "normative_documents")))
_t2_2019_group(5, "第二十条第（五）项", (*_ITEMS_2019, ("处理决定数量", "decisions")),
               (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")))
_t2_2019_group(9, "第二十条第（六）项", (*_ITEMS_2019, ("处理决定数量", "decisions")),
               (("行政处罚", "penalties"), ("行政强制", "coercive_measures")))
_t2_2019_group(13, "第二十条第（八）项", _ITEMS_2019, (("行政事业性收费", "fees"),))
_t2_2019_group(16, "第二十条第（九）项", (("采购项目数量", "projects"), ("采购总金额", "amount")),
               (("政府集中采购", "procurement"),))

# Table 三, 26 rows × 10 columns: the 2021 table but for （六）其他处理, one row labelled across C2–C3, so
# "三、本年度办理结果" spans 20 rows.
_T3_BODY_2019 = (
    *((r, tuple((1, 20, 1, text) if text == "三、本年度办理结果" else (c, rs, cs, text) for c, rs, cs, text in labels), path)
      for r, labels, path in _T3_BODY if r <= 23),
    (24, ((2, 1, 2, "（六）其他处理"),), ("results", "other_handling")),
    (25, ((2, 1, 2, "（七）总计"),), ("results", "total")),
    (26, ((1, 1, 3, "四、结转下年度继续办理"),), ("carried_forward",)),
)
_T3_2019: list[Cell] = [c for c in _T3 if c.row <= 3]
for _r, _labels, _path in _T3_BODY_2019:
    _T3_2019.extend(Cell(_r, c, text, rowspan=rs, colspan=cs) for c, rs, cs, text in _labels)
    _T3_2019.extend(Cell(_r, 4 + i, data=(*_path, key)) for i, key in enumerate(APPLICANT_COLUMNS))
T3_RESULT_ROWS_2019 = tuple(path for _, _, path in _T3_BODY_2019 if path[0] == "results" and path[-1] != "total")

TABLES_2019: dict[str, Table] = {
    # 采购总金额 has no unit in its label (spec §7.2); the file states the one the report used, and a reader
    # sees it after the figure, as reports printed it ("251000元", spec §8 item 11)
    "proactive_disclosure": Table("proactive_disclosure", 18, 5, tuple(_T2_2019), (), stated_units=("amount",)),
    "applications": Table("applications", 26, 10, tuple(_T3_2019), APPLICANT_KEYS, T3_RESULT_ROWS_2019),
    "review_and_litigation": TABLES["review_and_litigation"],  # identical (spec §7.2)
}
DATA_CELLS_2019 = {"proactive_disclosure": 22, "applications": 23 * 7, "review_and_litigation": 15}  # spec §7.2


def tables_of(data: dict[str, Any]) -> dict[str, Table]:
    """The official tables of a report file (as yaml.safe_load reads it), by its ``format:``."""
    return TABLES_2019 if str(data.get("format")) == "2019" else TABLES


def data_cells_of(data: dict[str, Any]) -> dict[str, int]:
    return DATA_CELLS_2019 if str(data.get("format")) == "2019" else DATA_CELLS


# ---- figures from the report file -------------------------------------------------------------------


def node_at(section: dict[str, Any], row: tuple[str, ...]) -> dict[str, Any] | None:
    node: Any = section
    for key in row:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def figure_of(table: Table, section: dict[str, Any], path: tuple[str, ...]) -> int | float:
    """The value of a data cell: as the file writes it, or, for a 总计 the file leaves out, the sum of
    the row's parts (spec §6 T3-03, T4-01..03) or of the result rows (T3-02)."""
    *row, col = path
    node = node_at(section, tuple(row))
    if node is not None and col in node:
        return node[col]
    if table.result_rows and tuple(row) == ("results", "total"):
        return sum(figure_of(table, section, (*r, col)) for r in table.result_rows)
    assert col == "total" and table.parts, f"{table.section}: {path} is missing from the report file"
    return sum(figure_of(table, section, (*row, c)) for c in table.parts)


def shown(value: int | float) -> str:
    """A figure as a reader expects to see it: whole numbers as they are, amounts without trailing zeros."""
    assert not isinstance(value, bool)
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)).normalize(), "f")


Placed = dict[tuple[int, int], tuple[int, int, str, str]]  # (R, C) → (rowspan, colspan, th/td, text)


def shown_cell(table: Table, section: dict[str, Any], path: tuple[str, ...]) -> str:
    """A data cell as a reader sees it: its figure, and the unit its row states where the label has none."""
    unit = (node_at(section, path[:-1]) or {}).get("unit", "") if path[-1] in table.stated_units else ""
    return shown(figure_of(table, section, path)) + unit


def expected_cells(table: Table, data: dict[str, Any]) -> Placed:
    """Every cell of one table of the report ``data`` (the whole file, as yaml.safe_load reads it)."""
    section = data[table.section]
    return {(c.row, c.col): (c.rowspan, c.colspan, c.tag, shown_cell(table, section, c.data) if c.data else c.text)
            for c in table.cells}


def expected_rows(table: Table, data: dict[str, Any]) -> list[list[str]]:
    """The figures of each grid row that has any, as shown."""
    section = data[table.section]
    return [[shown_cell(table, section, c.data) for c in row] for row in table.data_rows()]
