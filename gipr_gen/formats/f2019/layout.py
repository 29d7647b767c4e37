"""The 2019 trial format (国办公开办函〔2019〕60号, 《中华人民共和国政府信息公开工作年度报告格式（试行）》),
used for the 2019 and 2020 reports and by some bodies later (spec §7). It differs from the 2021 format in
table 二 and in one row of table 三; what it shares is the 2021 format's own definitions, imported.

* Table 二 (spec §7.2): 18 rows on a grid of the label column and four sub-columns; a group's header row
  spans all five, a row of three values spans them (1, 2, 1) and a row of two (2, 2). Rows that mean what
  they mean in 2021 keep their keys (regulations, licensing, fees …), and so does 处理决定数量 (decisions).
  本年增/减 (``change``) is signed: a decrease is written negative.
* 采购总金额 names no unit, and reports used 元 or 万元. The row records the unit as published in an
  optional ``unit: 元`` or ``unit: 万元``, and every output prints it after the figure, in the cell
  ("251000元"), as such reports printed it: the label stays the official one character for character, and
  the figure reads as published. Without ``unit`` the figure is printed alone, as the format has it.
* Table 三: （六）其他处理 is one row (``results.other_handling``), its label across C2–C3, so the grid is
  26 × 10. Table 四 is the 2021 one.
"""

from __future__ import annotations

from ..f2021 import layout as L2021
from ..layout import Column, FieldInfo, Group, Row, Section, TableSpec, Typesetting

FORMAT = "2019"
FIRST_YEAR = 2019  # issued late 2019 for the 2019 reports (spec §7.1)
SCHEMA_FILE = "gipr-report-2019.schema.json"  # in schema/, generated from this format
AMOUNT_UNITS = ("元", "万元")  # the units reports stated 采购总金额 in (spec §7.2, §8 item 11)
AMOUNT_DECIMALS = 6  # to the 分 in 万元

# ---- Sections: the same six; section 二 reports item (九) as well -------------------------------------

SECTIONS: tuple[Section, ...] = tuple(
    Section(s.key, s.number, s.title, s.kind, "《条例》第二十条第（一）（五）（六）（八）（九）项的统计表。")
    if s.key == L2021.PROACTIVE.section else s
    for s in L2021.SECTIONS)

# ---- Table 二: 第二十条第（一）（五）（六）（八）（九）项 (spec §7.2) ---------------------------------

_ITEMS = (Column("items_last_year", "上一年项目数量"), Column("change", "本年增/减", signed=True))

PROACTIVE = TableSpec(
    section=L2021.PROACTIVE.section,
    title=L2021.PROACTIVE.title,
    body=(
        Group(None, "第二十条第（一）项", (
            Row("regulations", "规章"),
            Row("normative_documents", "规范性文件"),
        ), columns=(
            Column("made", "本年新制作数量"),
            Column("published", "本年新公开数量"),
            Column("published_total", "对外公开总数量"),
        )),
        Group(None, "第二十条第（五）项", (
            Row("licensing", "行政许可"),
            Row("other_services", "其他对外管理服务事项"),
        ), columns=(*_ITEMS, Column("decisions", "处理决定数量"))),
        Group(None, "第二十条第（六）项", (
            Row("penalties", "行政处罚"),
            Row("coercive_measures", "行政强制"),
        ), columns=(*_ITEMS, Column("decisions", "处理决定数量"))),
        Group(None, "第二十条第（八）项", (
            Row("fees", "行政事业性收费"),
        ), columns=_ITEMS),
        Group(None, "第二十条第（九）项", (
            Row("procurement", "政府集中采购"),
        ), columns=(Column("projects", "采购项目数量"),
                    Column("amount", "采购总金额", kind="decimal", decimals=AMOUNT_DECIMALS, units=AMOUNT_UNITS))),
    ),
    cell_rule=L2021.PROACTIVE.cell_rule,
    var=L2021.PROACTIVE.var,
    typesetting=Typesetting((40, 29, 29, 29, 29)),  # 156 mm: the label column, then four sub-columns
    draw=lambda t: L2021.proactive_grid(t, {3: (1, 2, 1), 2: (2, 2)}),
)

# ---- Table 三: （六）其他处理 without sub-items (spec §7.2) -------------------------------------------

APPLICATIONS = L2021.applications_table(Row(L2021.OTHER_HANDLING, L2021.OTHER_HANDLING_LABEL))

TABLES: tuple[TableSpec, ...] = (PROACTIVE, APPLICATIONS, L2021.REVIEW)

# ---- The report's other fields: the 2021 ones, but for what ``format`` says ------------------------------

FIELDS: dict[str, FieldInfo] = {
    **L2021.FIELDS,
    "format": FieldInfo("格式版本", "报告格式的版本：\"2019\" 为国办公开办函〔2019〕60号规定的试行格式"
                                    "（2019、2020 年度报告）。按 2021 年格式（国办公开办函〔2021〕30号）填报的报告写 "
                                    f"\"2021\"，并改用 {L2021.SCHEMA_FILE}。"),
}
