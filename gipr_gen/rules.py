"""The consistency rules (spec §6), declared once as data.

Arithmetic rules carry a formula over one table, evaluated by ``engine``:

* ``row[col]`` is a cell: ``row`` is a dotted YAML path inside the table (``results.total``);
  ``row.*`` stands for every data row under a group;
* ``[c]`` binds the column variable ``c`` (every column, 总计 included); ``[*]`` sums the row's
  non-total columns; ``[total]`` names a column;
* ``R`` as a row stands for each row listed in ``rows``;
* ``=`` must hold exactly; ``<=`` is a bound.

Rules whose check is the schema (``check="schema"``) are reported from schema findings on the
cells they cover; heuristic rules (``check="<name>"``) name a predicate in ``engine.PREDICATES``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity
from .layout import APPLICATIONS, REVIEW


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    name: str  # what it checks, in Chinese
    name_en: str
    formula: str  # the arithmetic the engine evaluates, or a plain statement for schema/predicate rules
    table: str | None = None  # section key of the table the formula speaks of
    rows: tuple[str, ...] = ()  # what R stands for
    check: str = "formula"  # "formula", "schema", or a predicate name
    anchor: str | None = None  # the term whose line a finding points to (default: the left-hand side)
    fix: str = "fix.sum_total"  # message catalogue key of the advice


_T3_ROWS = tuple(".".join(r.path) for r in APPLICATIONS.rows)

RULES: tuple[Rule, ...] = (
    Rule("T3-01", "error", "申请数量勾稽关系：第一项加第二项之和，等于第三项加第四项之和",
         "Balance: new + carried over = total results + carried forward",
         "received[c] + carried_over[c] = results.total[c] + carried_forward[c]",
         table="applications", anchor="carried_forward[c]", fix="fix.balance"),
    Rule("T3-02", "error", "（七）总计等于各项办理结果之和", "Total results equal the sum of the result rows",
         "results.total[c] = results.disclosed[c] + results.partly_disclosed[c] + results.withheld.*[c]"
         " + results.unavailable.*[c] + results.not_processed.*[c] + results.other_handling.*[c]",
         table="applications"),
    Rule("T3-03", "error", "每行总计等于六类申请人之和", "Each row's total equals the six applicant columns",
         "R[total] = R[*]", table="applications", rows=_T3_ROWS),
    Rule("T3-04", "error", "第三部分表格的数都是不小于 0 的整数", "Table 三 cells are whole numbers ≥ 0",
         "每个单元格 ∈ {0, 1, 2, …}", table="applications", check="schema"),
    Rule("T3-05", "error", "办理结果总计、结转下年度都不能超过新收加上年结转",
         "Neither total results nor carried forward may exceed new + carried over",
         "results.total[c] <= received[c] + carried_over[c]; carried_forward[c] <= received[c] + carried_over[c]",
         table="applications", fix="fix.bound"),
    *(Rule(rid, "error", f"{label}的总计等于各结果之和", f"{label_en}: total equals the sum of the results",
           "R[total] = R[*]", table="review_and_litigation", rows=(row.path[0],))
      for rid, row, label, label_en in (
          ("T4-01", REVIEW.rows[0], "行政复议", "Reconsideration"),
          ("T4-02", REVIEW.rows[1], "未经复议直接起诉", "Litigation without prior reconsideration"),
          ("T4-03", REVIEW.rows[2], "复议后起诉", "Litigation after reconsideration"))),
    Rule("T4-04", "error", "第四部分表格的数都是不小于 0 的整数", "Table 四 cells are whole numbers ≥ 0",
         "每个单元格 ∈ {0, 1, 2, …}", table="review_and_litigation", check="schema"),
    Rule("T2-01", "error", "第二部分表格的件数都是不小于 0 的整数", "Table 二 counts are whole numbers ≥ 0",
         "规章、行政规范性文件三列，行政许可、行政处罚、行政强制 ∈ {0, 1, 2, …}",
         table="proactive_disclosure", check="schema"),
    Rule("T2-02", "error", "行政事业性收费是不小于 0 的金额，单位万元，最多 4 位小数",
         "Administrative fees: a non-negative amount in 10,000 yuan, at most 4 decimals",
         "fees[amount_wan_yuan] ≥ 0，小数不超过 4 位", table="proactive_disclosure", check="fee_decimals"),
    Rule("T2-04", "warning", "收费金额疑似以“元”而非“万元”填报", "Fee amount looks like yuan, not 10,000 yuan",
         "fees[amount_wan_yuan] ≥ 上限（乡镇街道、县级及部门 1000 万元，其他 100000 万元）",
         table="proactive_disclosure", check="fee_unit"),
    Rule("T2-05", "warning", "没有规章制定权的机关填报了规章", "A body without rule-making power reports rules",
         "organ_type 无规章制定权 ⇒ regulations[*] = 0", table="proactive_disclosure", check="rule_making"),
    Rule("S-01", "error", "六个部分齐全", "All six sections are present",
         "overview, proactive_disclosure, applications, review_and_litigation, problems_and_improvements, "
         "other_matters 都存在", check="schema"),
    Rule("S-02", "error", "表格的行和列不增不减", "No table row or column is added or left out",
         "每张表的键与官方表格一一对应", check="schema"),
    Rule("S-03", "warning", "标题含年度和“政府信息公开工作年度报告”，统计期限为当年1月1日至12月31日",
         "Title names the year and 政府信息公开工作年度报告; the statistics period is the calendar year",
         "year ∈ title ∧ “政府信息公开工作年度报告” ∈ title；intro 中的统计期限 = year年1月1日至12月31日",
         check="title_period"),
    Rule("S-05", "warning", "第六部分说明信息处理费（收费）情况", "Section 六 reports information-processing fees",
         "other_matters 含“信息处理费”或“收费”", check="fee_mention"),
    # Rules of this project beyond the spec (N = narrative)
    Rule("N-01", "warning", "文字部分不能为空", "A narrative section is not empty",
         "overview, problems_and_improvements, other_matters ≠ 空", check="empty_text"),
    Rule("N-02", "warning", "正文段落不应以“二、”这类一级编号开头", "No paragraph starts with a level-1 number",
         "正文段落 ≁ ^[一二三…]、", check="level1_paragraphs"),
    Rule("N-03", "error", "文字中没有正式版式容纳不了的 Markdown（图片、HTML、代码、引用、分隔线、四级以下标题）",
         "The text has no Markdown the official layout cannot hold (images, HTML, code, quotes, rules)",
         "Markdown ∌ 图片、HTML、代码、引用、分隔线、####", check="narrative"),
)

RULE_BY_ID = {r.id: r for r in RULES}
