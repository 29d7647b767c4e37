"""The 2021 official format (国办公开办函〔2021〕30号), defined once: section headings, table labels,
row and column order, YAML keys, merged cells and typesetting. Every reader, rule and writer reads
them through ``formats.layout`` types; nothing outside this package names a key or label of it.
The labels' English is in the message catalogue (``i18n/en.po``, the Chinese label as msgid).
"""

from __future__ import annotations

from ..layout import (Column, FieldInfo, Grid, GridCell, Group, OrganType, Row, Section, TableSpec, Typesetting,
                      leaf_count)

FORMAT = "2021"
FIRST_YEAR = 2021  # the first report year the format was issued for (spec §1.4)
SCHEMA_FILE = "gipr-report.schema.json"  # in schema/, generated from this format
REPORT_NAME = "政府信息公开工作年度报告"  # what every title names (spec §2.1)
FEE_DECIMALS = 6  # decimal places of the fee in 万元: real reports print to the 分 (spec §6 T2-02)

# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


# The five topics of 一、总体情况 named by the 2021 notice, usually its sub-headings (spec §2.3).
OVERVIEW_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")

SECTIONS: tuple[Section, ...] = (
    Section(
        "overview", "一", "总体情况", "text",
        "概述本机关贯彻落实《条例》的总体情况，一般分为"
        + "、".join(f"（{'一二三四五'[i]}）{topic}" for i, topic in enumerate(OVERVIEW_TOPICS))
        + "五个方面；各级人民政府还应在监督保障中报告工作考核、社会评议和责任追究结果情况。",
    ),
    Section(
        "proactive_disclosure", "二", "主动公开政府信息情况", "table",
        "《条例》第二十条第（一）（五）（六）（八）项的统计表。",
    ),
    Section(
        "applications", "三", "收到和处理政府信息公开申请情况", "table",
        "收到和处理政府信息公开申请的统计表，按申请人类别分列。",
    ),
    Section(
        "review_and_litigation", "四", "政府信息公开行政复议、行政诉讼情况", "table",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的统计表。",
    ),
    Section(
        "problems_and_improvements", "五", "存在的主要问题及改进情况", "text",
        "政府信息公开工作存在的主要问题及改进措施，以及上一年度报告所提改进措施的落实情况。",
    ),
    Section(
        "other_matters", "六", "其他需要报告的事项", "text",
        "依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（发出收费通知的件数和总金额、"
        "实际收取的总金额）；落实上级年度政务公开工作要点、人大代表建议和政协提案办理结果公开、"
        "政务公开工作创新等其他需要报告的事项。",
    ),
)

# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

# ---- Table 二: 第二十条第（一）（五）（六）（八）项 (spec §3) -------------------------------------

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

PROACTIVE = TableSpec(
    section="proactive_disclosure",
    title="主动公开政府信息情况",
    body=(
        Group(None, "第二十条第（一）项", (
            Row("regulations", "规章"),
            Row("normative_documents", "行政规范性文件"),
        ), columns=(
            Column("issued", "本年制发件数"),
            Column("repealed", "本年废止件数"),
            Column("in_force", "现行有效件数"),
        )),
        Group(None, "第二十条第（五）项", (
            Row("licensing", "行政许可"),
        ), columns=_DECISIONS),
        Group(None, "第二十条第（六）项", (
            Row("penalties", "行政处罚"),
            Row("coercive_measures", "行政强制"),
        ), columns=_DECISIONS),
        Group(None, "第二十条第（八）项", (
            Row("fees", "行政事业性收费"),
        ), columns=(Column("amount_wan_yuan", "本年收费金额（单位：万元）", kind="decimal", rule="T2-02",
                           decimals=FEE_DECIMALS),)),
    ),
    cell_rule="T2-01",
    var="t2",
    typesetting=Typesetting((48, 36, 36, 36)),
    draw=lambda t: proactive_grid(t, {3: (1, 1, 1), 1: (3,)}),
)

# The header label of the label column in every group of table 二.
PROACTIVE_LABEL_HEADER = "信息内容"

# ---- Table 三: 收到和处理政府信息公开申请情况 (spec §4) -----------------------------------------

APPLICANT_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("public_welfare", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计", total=True),
)
APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADER = "申请人情况"
LEGAL_ENTITIES_HEADER = "法人或其他组织"  # spans the five organisation columns; no subtotal column


def applications_table(other_handling: Row | Group) -> TableSpec:
    """Table 三 with its （六）其他处理: three rows here, one in the 2019 format (spec §7.2)."""
    return TableSpec(
        section="applications",
        title="收到和处理政府信息公开申请情况",
        columns=APPLICANT_COLUMNS,
        cell_rule="T3-04",
        var="t3",
        typesetting=Typesetting((8, 20, 46.1, *(11.7,) * 7), justified_labels=True),
        draw=lambda t: _applications_grid(t),
        body=(
            Row("received", "一、本年新收政府信息公开申请数量"),
            Row("carried_over", "二、上年结转政府信息公开申请数量"),
            Group("results", "三、本年度办理结果", (
                Row("disclosed", "（一）予以公开"),
                Row("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
                Group("withheld", "（三）不予公开", (
                    Row("state_secret", "1.属于国家秘密"),
                    Row("prohibited_by_law", "2.其他法律行政法规禁止公开"),
                    Row("security_stability", "3.危及“三安全一稳定”"),
                    Row("third_party_rights", "4.保护第三方合法权益"),
                    Row("internal_affairs", "5.属于三类内部事务信息"),
                    Row("process_information", "6.属于四类过程性信息"),
                    Row("enforcement_files", "7.属于行政执法案卷"),
                    Row("administrative_query", "8.属于行政查询事项"),
                )),
                Group("unavailable", "（四）无法提供", (
                    Row("not_held", "1.本机关不掌握相关政府信息"),
                    Row("needs_creation", "2.没有现成信息需要另行制作"),
                    Row("still_unclear", "3.补正后申请内容仍不明确"),
                )),
                Group("not_processed", "（五）不予处理", (
                    Row("petition_complaint", "1.信访举报投诉类申请"),
                    Row("repeated", "2.重复申请"),
                    Row("publication", "3.要求提供公开出版物"),
                    Row("excessive", "4.无正当理由大量反复申请"),
                    Row("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
                )),
                other_handling,
                Row("total", "（七）总计", total=True),
            )),
            Row("carried_forward", "四、结转下年度继续办理"),
        ),
    )


OTHER_HANDLING = "other_handling"  # the YAML key of （六）其他处理, a group here and a row in the 2019 format
OTHER_HANDLING_LABEL = "（六）其他处理"
APPLICATIONS = applications_table(Group(OTHER_HANDLING, OTHER_HANDLING_LABEL, (
    Row("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    Row("no_fee_paid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    Row("other", "3.其他"),
)))

# ---- Table 四: 政府信息公开行政复议、行政诉讼情况 (spec §5) ---------------------------------------

OUTCOME_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计", total=True),
)
LITIGATION_HEADER = "行政诉讼"

REVIEW = TableSpec(
    section="review_and_litigation",
    title="政府信息公开行政复议、行政诉讼情况",
    columns=OUTCOME_COLUMNS,
    cell_rule="T4-04",
    var="t4",
    typesetting=Typesetting((10.4,) * 15, style="TableSmall"),  # 小五: 15 columns
    draw=lambda t: _review_grid(t),
    body=(
        Row("review", "行政复议"),
        Row("litigation_direct", "未经复议直接起诉"),
        Row("litigation_after_review", "复议后起诉"),
    ),
)

TABLES: tuple[TableSpec, ...] = (PROACTIVE, APPLICATIONS, REVIEW)


# ---- the merged-cell grids (spec §3, §4.1/§4.2, §5.1) -------------------------------------------


def proactive_grid(table: TableSpec, spans: dict[int, tuple[int, ...]]) -> Grid:
    """Table 二: per group a full-width header row, a 信息内容 row, then its data rows. ``spans``: how many
    grid columns each value takes, by the number of values in a row (here one value spans C2–C4)."""
    ncols = 1 + sum(next(iter(spans.values())))
    cells: list[GridCell] = []
    r = 0
    for g in table.body:
        assert isinstance(g, Group)
        widths = spans[len(g.columns)]
        starts = [1 + sum(widths[:i]) for i in range(len(widths))]
        cells.append(GridCell(r, 0, g.label, colspan=ncols, role="group"))
        r += 1
        cells.append(GridCell(r, 0, PROACTIVE_LABEL_HEADER, role="header"))
        cells.extend(GridCell(r, at, c.label, colspan=w, role="header")
                     for at, w, c in zip(starts, widths, g.columns, strict=True))
        r += 1
        for row in g.children:
            assert isinstance(row, Row)
            cells.append(GridCell(r, 0, row.label))
            cells.extend(GridCell(r, at, colspan=w, role="data", cell=((row.key,), c.key))
                         for at, w, c in zip(starts, widths, g.columns, strict=True))
            r += 1
    return Grid(table, r, ncols, tuple(cells), header_rows=0)


def _applications_grid(table: TableSpec) -> Grid:
    # 28 × 10: a 3-row header, then 25 data rows with labels in C1–C3 (spec §4.1/§4.2); 26 × 10 with the 2019
    # format's single （六） row, whose label spans C2–C3 like every row with no sub-items.
    cols = table.columns
    cells = [
        GridCell(0, 0, APPLICATIONS_NOTE, rowspan=3, colspan=3, role="header"),
        GridCell(0, 3, APPLICANTS_HEADER, colspan=7, role="header"),
        GridCell(1, 3, cols[0].label, rowspan=2, role="header"),
        GridCell(1, 4, LEGAL_ENTITIES_HEADER, colspan=5, role="header"),
        GridCell(1, 9, cols[6].label, rowspan=2, role="header"),
        *(GridCell(2, 4 + i, c.label, role="header") for i, c in enumerate(cols[1:6])),
    ]
    r = 3

    def place(items, depth: int) -> None:
        nonlocal r
        for item in items:
            if isinstance(item, Group):
                cells.append(GridCell(r, depth, item.label, rowspan=leaf_count(item), role="label"))
                place(item.children, depth + 1)
            else:
                cells.append(GridCell(r, depth, item.label, colspan=3 - depth))
                path = table.rows[r - 3].path
                cells.extend(GridCell(r, 3 + i, role="data", cell=(path, c.key)) for i, c in enumerate(cols))
                r += 1

    place(table.body, 0)
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(table, r, 10, tuple(cells), header_rows=3)


def _review_grid(table: TableSpec) -> Grid:
    # 4 × 15: 行政复议 over C1–C5, 行政诉讼 over C6–C15, then the two litigation groups (spec §5.1).
    review, direct, after = table.rows
    cols = table.columns
    cells = [
        GridCell(0, 0, review.label, colspan=5, role="header"),
        GridCell(0, 5, LITIGATION_HEADER, colspan=10, role="header"),
        *(GridCell(1, i, c.label, rowspan=2, role="header") for i, c in enumerate(cols)),
        GridCell(1, 5, direct.label, colspan=5, role="header"),
        GridCell(1, 10, after.label, colspan=5, role="header"),
        *(GridCell(2, 5 + i, c.label, role="header") for i, c in enumerate(cols)),
        *(GridCell(2, 10 + i, c.label, role="header") for i, c in enumerate(cols)),
    ]
    for g, row in enumerate(table.rows):
        cells.extend(GridCell(3, g * 5 + i, role="data", cell=(row.path, c.key)) for i, c in enumerate(cols))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(table, 4, 15, tuple(cells), header_rows=3)


# --------------------------------------------------------------------------------------------
# Organ types (optional key; used by the heuristics T2-04 and T2-05)
# --------------------------------------------------------------------------------------------


# Fee limits (万元) calibrated on real reports (spec §6 T2-04): county governments and development zones
# report thousands to tens of thousands, a prefecture-level city about 96,000, a township or a county
# department rarely more than a few hundred.
ORGAN_TYPES: tuple[OrganType, ...] = (
    OrganType("state_council_department", "国务院部门", True, 10_000_000),
    OrganType("provincial_government", "省级人民政府", True, 10_000_000),
    OrganType("city_government", "设区的市、自治州人民政府", True, 1_000_000),
    OrganType("county_government", "县级人民政府", False, 100_000),
    OrganType("township_or_street", "乡镇人民政府、街道办事处", False, 1_000),
    OrganType("government_department", "地方人民政府部门", False, 1_000),
    OrganType("other", "其他机关或授权组织", False, 100_000),
)
FEE_LIMIT_UNKNOWN = 100_000  # 万元, when the kind of body is neither given nor guessed from its name


# --------------------------------------------------------------------------------------------
# The report's other fields (titles shown in the schema, in editors and in messages)
# --------------------------------------------------------------------------------------------


FIELDS: dict[str, FieldInfo] = {
    "format": FieldInfo("格式版本", "报告格式的版本：\"2021\" 为国办公开办函〔2021〕30号规定的格式（2021 年度起）。"
                                    "按 2019 年试行格式（国办公开办函〔2019〕60号）填报的报告写 \"2019\"，"
                                    "并改用 gipr-report-2019.schema.json。"),
    "organ": FieldInfo("机关全称", "发布报告的机关全称，例如“鹿邑县真源街道办事处”。用于默认标题、落款和文档作者。"),
    "organ_type": FieldInfo("机关类型", "可选。用于判断是否有规章制定权、收费金额是否合理等提示性检查。"),
    "year": FieldInfo("报告年度",
                      "统计数据所属的年度（不是发布年度），例如 2024 年的报告在 2025 年 1 月发布，这里写 2024。"),
    "title": FieldInfo("标题", f"可选。默认为“{{机关全称}}{{年度}}年{REPORT_NAME}”。"),
    "intro": FieldInfo("引言", "可选。标题后、“一、总体情况”前的一段话（Markdown），通常说明编制依据、"
                              "统计期限（某年1月1日至12月31日）和联系方式。"),
    "text": FieldInfo("表前说明", "可选。本部分表格前的说明文字（Markdown），例如“表格如下：”。"),
    "signature": FieldInfo("落款", "可选。报告末尾的机关名称和日期，按 GB/T 9704 排在右侧。"),
    "signature.organ": FieldInfo("落款机关", "可选。默认为机关全称。"),
    "signature.date": FieldInfo("成文日期", "写成 2024-01-20 或 2024年1月20日；输出时用阿拉伯数字写全年月日，不加 0。"),
    "published": FieldInfo("发布日期", "可选。报告在网站上公开发布的日期，写成 2025-01-20。用于核对《条例》第四十九条的"
                                      "发布期限（规则 S-04）：县级以上地方人民政府的本级报告为次年3月31日，部门等其他机关为"
                                      "次年1月31日。导入已发布的报告时取网页标明的发布日期。"),
}

# Narrative Markdown: how headings map to the 公文 levels below the section heading (一、).
TEXT_HELP = ("Markdown 文字。空一行分段；“# 标题”为二级标题（一）、“## 标题”为三级标题 1.、"
             "“### 标题”为四级标题（1），编号自动生成；**加粗**、*倾斜*；“1. ”或“- ”开头为列表。")
