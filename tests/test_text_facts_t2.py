"""What the text states of table 二 (T2-06), phrases joined, columns named after a noun, and phrasings real
reports print, read by ``text_facts`` and compared by ``check`` at the line the author typed them on.

The sentences are written for these tests after phrasings seen in published reports (bench/false-alarms.md
names them); expected readings are literal, expected figures are read from the report file with
``yaml.safe_load`` (``data_of``), never from the code under test.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from gipr_gen.formats.f2021.text_facts import mentions

from test_rules import YUNXI, check, data_of, keyed, line_no, replace_once, set_cell

LEGAL = ("business", "research", "public_welfare", "legal_service", "other")


def read(text: str) -> list[tuple]:
    """(rows, columns, stated) of every statement in ``text``; a joined one names all its rows."""
    return sorted((m.fact.rows, m.fact.columns, m.stated) for m in mentions(text))


# ---- reading: table 二 --------------------------------------------------------------------------------

NORMS, REGS = ("normative_documents",), ("regulations",)


@pytest.mark.parametrize("text, expected", [
    ("全年制发行政规范性文件3件，均在印发后7个工作日内公开。", [(NORMS, ("issued",), 3)]),
    ("集中公开现行有效行政规范性文件393件。", [(NORMS, ("in_force",), 393)]),
    ("动态更新本年度制发的规范性文件88件。", [(NORMS, ("issued",), 88)]),
    ("以县政府名义印发并公开的行政规范性文件17件。", [(NORMS, ("issued",), 17)]),
    # the noun's sentence goes on with its columns
    ("废止与上位法不一致的规范性文件2件，现行有效的11件全部公布。", [(NORMS, ("in_force",), 11), (NORMS, ("repealed",), 2)]),
    ("对规范性文件开展清理，本年度制发0件，废止1件，现行有效2件。",
     [(NORMS, ("in_force",), 2), (NORMS, ("issued",), 0), (NORMS, ("repealed",), 1)]),
    ("新增公开市政府规章 1 件、市政府政策性文件 11 件。", [(REGS, ("issued",), 1)]),  # 政策性文件 are not 规范性
    ("本年度未制发行政规范性文件。", [(NORMS, ("issued",), 0)]),
    ("全年作出行政许可决定4862件，行政处罚327件，行政强制46起。",
     [(("coercive_measures",), ("decisions",), 46), (("licensing",), ("decisions",), 4862),
      (("penalties",), ("decisions",), 327)]),
    ("收取行政事业性收费9116.36万元。", [(("fees",), ("amount_wan_yuan",), Decimal("9116.36"))]),
    ("全年未收取行政事业性收费。", [(("fees",), ("amount_wan_yuan",), 0)]),
])
def test_table_two_statements(text: str, expected: list) -> None:
    assert read(text) == sorted(expected)


@pytest.mark.parametrize("text", [
    "清理现行有效规范性文件235件。",  # the stock under review, before what the clean-up repealed
    "主动公开市政府规章13件，行政规范性文件42件。",  # published this year, not issued: no issuing verb
    "公开行政许可、行政处罚等执法信息413条。",  # items published, not decisions
    "双公示行政许可信息1200条，行政强制措施46起。",  # 强制措施 is part of 行政强制 only
    "办理行政许可事项3000余件。",
    "收取行政事业性收费约9000万元。",  # approximate
    "本年度收取信息处理费0元。",  # section 六's fee is not table 二's row
    "制定规章制度3项。",
    "发布行政公文和政策解读信息9条，网站发布信息12345条。",
])
def test_table_two_non_statements(text: str) -> None:
    assert read(text) == []


def test_an_amount_keeps_its_unit() -> None:
    (m,) = list(mentions("全年行政事业性收费1235元。"))
    assert (m.stated, m.unit) == (Decimal(1235), "元")
    (m,) = list(mentions("行政事业性收费共计2.43亿元。"))
    assert (m.stated, m.unit) == (Decimal("2.43"), "亿元")


# ---- reading: phrases joined, columns, phrasings of table 三 and 四 ------------------------------------

DISCLOSED, PARTLY = ("results.disclosed",), ("results.partly_disclosed",)
REFUSED = ("results.withheld.*", "results.unavailable.*", "results.not_processed.*")
TOTAL = ("total",)
LAWSUITS = ("litigation_direct", "litigation_after_review")


@pytest.mark.parametrize("text, expected", [
    ("予以公开及部分公开42件。", [(DISCLOSED + PARTLY, TOTAL, 42)]),
    ("予以公开和部分公开共42件。", [(DISCLOSED + PARTLY, TOTAL, 42)]),
    ("其中公开和部分公开42件。", [(DISCLOSED + PARTLY, TOTAL, 42)]),
    ("不予公开、无法提供和不予处理共5件。", [(REFUSED, TOTAL, 5)]),
    ("其中予以公开30件、部分公开12件。", [(DISCLOSED, TOTAL, 30), (PARTLY, TOTAL, 12)]),
    ("予以公开、部分公开分别为30件、12件。", [(DISCLOSED, TOTAL, 30), (PARTLY, TOTAL, 12)]),
    ("不予公开、无法提供均为0件。", [(("results.unavailable.*",), TOTAL, 0), (("results.withheld.*",), TOTAL, 0)]),
    ("行政复议、行政诉讼案件为0件。", [(("review",) + LAWSUITS, TOTAL, 0)]),
    ("行政复议和行政诉讼各1件。", [(("review",), TOTAL, 1), (LAWSUITS, TOTAL, 1)]),
    ("其他处理4件。", [(("results.other_handling.*",), TOTAL, 4)]),
    ("行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；行政诉讼46件，其中结果维持25件。",
     [(("review",), ("corrected",), 64), (("review",), ("other",), 178), (("review",), ("pending",), 37),
      (("review",), TOTAL, 351), (("review",), ("upheld",), 72), (LAWSUITS, TOTAL, 46), (LAWSUITS, ("upheld",), 25)]),
    ("收到申请75件，涉及自然人72件、商业企业3件。",
     [(("received",), ("business",), 3), (("received",), ("natural_person",), 72), (("received",), TOTAL, 75)]),
    ("收到政府信息公开申请54件，其中法人或其他组织16件。", [(("received",), LEGAL, 16), (("received",), TOTAL, 54)]),
    ("本年度共收到70件申请，办结69件，1件结转下年度继续办理。",
     [(("carried_forward",), TOTAL, 1), (("received",), TOTAL, 70), (("results.total",), TOTAL, 69)]),
    ("答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
     [(("carried_forward",), TOTAL, 103), (("carried_over",), TOTAL, 34)]),
    ("新受理政府信息公开申请17件，上年转结0件，转下一年办理0件。",
     [(("carried_forward",), TOTAL, 0), (("carried_over",), TOTAL, 0), (("received",), TOTAL, 17)]),
    ("上年结转政府信息公开办理数量1件，结转至2025年办理1件。",
     [(("carried_forward",), TOTAL, 1), (("carried_over",), TOTAL, 1)]),
    ("共收到依申请信息公开26件。", [(("received",), TOTAL, 26)]),
    ("共受理群众政府信息公开申请5件。", [(("received",), TOTAL, 5)]),
    ("共接到社会公众依申请公开184件。", [(("received",), TOTAL, 184)]),
    ("收到公民、法人提交的政府信息公开申请26件。", [(("received",), TOTAL, 26)]),
    ("本年度未收到任何要求公开政府信息的申请。", [(("received",), TOTAL, 0)]),
    ("未发生因政府信息公开引发的行政诉讼案件。", [(LAWSUITS, TOTAL, 0)]),
    # applying for a review is no application for information
    ("未发生因政府信息公开申请行政复议、提起行政诉讼的情况。", [(("review",), TOTAL, 0), (LAWSUITS, TOTAL, 0)]),
])
def test_joined_columns_and_real_phrasings(text: str, expected: list) -> None:
    assert read(text) == sorted(expected)


@pytest.mark.parametrize("text", [
    "热线中心共办理回复热线工单，其中热线工单办结1865件。",  # hotline tickets
    "全年受理网络问政182件，办理人大代表建议5件。",
    "收到政府信息公开咨询15件。",
    "收到政府信息公开申请10余件，予以公开约8件。",  # approximate
    "收到申请20至30件。",  # a range
    "未出现因依申请公开引发的行政复议和行政诉讼被撤销或败诉的情况。",  # no case lost, not no case
    "对不予公开、无法提供类答复逐件说明理由。",
    "比上年（31起）下降。",
])
def test_other_counts_are_no_statements(text: str) -> None:
    assert read(text) == []


# ---- through check: the finding on the line the author typed, the figures from the file -----------------


def finding(text: str, rule: str) -> list[tuple]:
    return [(d.rule, d.severity, d.key, d.line, d.column) for d in check(text).diagnostics if d.rule == rule]


def t2(text: str) -> dict:
    return data_of(text)["proactive_disclosure"]


@pytest.mark.parametrize("old, new, row, column, quote", [
    ("全年制发行政规范性文件3件", "全年制发行政规范性文件4件", "normative_documents", "issued", "制发行政规范性文件4件"),
    ("现行有效的11件", "现行有效的12件", "normative_documents", "in_force", "现行有效的12件"),
    ("规范性文件2件，", "规范性文件1件，", "normative_documents", "repealed", "废止与优化营商环境要求不符的规范性文件1件"),
])
def test_a_changed_document_count_is_reported_on_its_line(old: str, new: str, row: str, column: str,
                                                          quote: str) -> None:
    text = replace_once(YUNXI, old, new)
    assert keyed(text) == [("T2-06", "warning", line_no(text, re.escape(new)), 1, "rule.text_count")]
    (d,) = check(text).diagnostics
    stated = int(re.search(r"[0-9]+", new).group(0))
    assert (d.args["quote"], d.args["stated"], d.args["actual"]) == (quote, stated, t2(text)[row][column])
    assert "行政规范性文件" in d.args["what"].zh and "normative" in d.args["what"].en


def test_a_changed_table_cell_is_reported_at_the_text() -> None:
    text = set_cell(YUNXI, "normative_documents", "in_force", 12)  # the text still says 现行有效的11件
    assert keyed(text) == [("T2-06", "warning", line_no(text, "现行有效的11件"), 1, "rule.text_count")]
    d = check(text).diagnostics[0]
    assert (d.args["stated"], d.args["actual"]) == (11, 12)


SENTENCE = "针对上述问题，我局将采取以下措施"  # a line of section 五 to put a sentence before


@pytest.mark.parametrize("sentence, warns", [
    ("全年作出行政处罚决定327件。", False),
    ("全年作出行政处罚决定320件。", True),
    ("全年行政许可4862件、行政强制46起。", False),
])
def test_decisions(sentence: str, warns: bool) -> None:
    text = replace_once(YUNXI, SENTENCE, sentence + SENTENCE)
    assert finding(text, "T2-06") == ([("T2-06", "warning", "rule.text_count", line_no(text, sentence), 1)]
                                      if warns else [])
    if warns:
        assert check(text).diagnostics[0].args["actual"] == t2(text)["penalties"]["decisions"]


# The Yunxi fee is 12.35 万元: the text is compared in its own unit, rounded to the decimals it writes.
@pytest.mark.parametrize("amount, warns, stated", [
    ("12.35万元", False, None),
    ("123500元", False, None),
    ("12.4万元", False, None),  # 12.35 to one decimal
    ("0.001235亿元", False, None),
    ("12万元", False, None),
    ("12.3万元", True, "12.3"),
    ("1235元", True, "0.1235"),  # the amount typed as if the table were in 元
    ("1235万元", True, "1235"),
])
def test_the_fee_amount(amount: str, warns: bool, stated: str | None) -> None:
    sentence = f"全年收取行政事业性收费{amount}。"
    text = replace_once(YUNXI, SENTENCE, sentence + SENTENCE)
    assert str(t2(text)["fees"]["amount_wan_yuan"]) == "12.35"
    assert finding(text, "T2-06") == ([("T2-06", "warning", "rule.text_fee", line_no(text, re.escape(sentence)), 1)]
                                      if warns else [])
    if warns:
        d = check(text).diagnostics[0]
        assert (d.args["stated"], d.args["actual"], d.args["quote"]) == (stated, "12.35", f"行政事业性收费{amount}")


def test_no_fee_said_while_the_table_has_one() -> None:
    sentence = "本年度未收取行政事业性收费。"
    text = replace_once(YUNXI, SENTENCE, sentence + SENTENCE)
    assert finding(text, "T2-06") == [("T2-06", "warning", "rule.text_fee", line_no(text, sentence), 1)]
    assert check(text).diagnostics[0].args["stated"] == "0"
    assert finding(set_cell(text, "fees", "amount_wan_yuan", 0), "T2-06") == []


APPLICATIONS_SENTENCE = "予以公开21件，部分公开4件"


@pytest.mark.parametrize("joined, warns", [("予以公开及部分公开25件", False), ("予以公开和部分公开共24件", True)])
def test_joined_results_against_the_sum(joined: str, warns: bool) -> None:
    text = replace_once(YUNXI, APPLICATIONS_SENTENCE, joined)
    results = data_of(text)["applications"]["results"]
    assert results["disclosed"]["total"] + results["partly_disclosed"]["total"] == 25
    assert finding(text, "T3-08") == ([("T3-08", "warning", "rule.text_count", line_no(text, joined), 1)]
                                      if warns else [])
    if warns:
        d = check(text).diagnostics[0]
        assert (d.args["stated"], d.args["actual"]) == (24, 25)
        assert "予以公开" in d.args["what"].zh and "部分公开" in d.args["what"].zh


def test_review_outcomes_named_after_the_noun() -> None:
    review = data_of(YUNXI)["review_and_litigation"]["review"]
    good = replace_once(YUNXI, "被申请行政复议4件，", f"被申请行政复议4件，其中结果维持{review['upheld']}件，")
    assert finding(good, "T4-05") == []
    bad = replace_once(YUNXI, "被申请行政复议4件，", f"被申请行政复议4件，其中结果维持{review['upheld'] + 1}件，")
    assert finding(bad, "T4-05") == [("T4-05", "warning", "rule.text_count", line_no(bad, "其中结果维持"), 1)]
    d = check(bad).diagnostics[0]
    assert (d.args["stated"], d.args["actual"]) == (review["upheld"] + 1, review["upheld"])
    assert "结果维持" in d.args["what"].zh and "upheld" in d.args["what"].en.lower()


def test_received_may_count_the_carried_over_too() -> None:
    """pingtan-zone-2022 says 收到申请75件 for 74 new and 1 carried over: the applications handled this year."""
    t3 = data_of(YUNXI)["applications"]
    handled = t3["received"]["total"] + t3["carried_over"]["total"]
    text = replace_once(YUNXI, "新收政府信息公开申请54件", f"收到政府信息公开申请{handled}件")
    assert finding(text, "T3-08") == []
    text = replace_once(YUNXI, "新收政府信息公开申请54件", f"收到政府信息公开申请{handled - 1}件")
    assert finding(text, "T3-08") == [("T3-08", "warning", "rule.text_count",
                                       line_no(text, f"收到政府信息公开申请{handled - 1}件"), 1)]
    assert check(text).diagnostics[0].args["actual"] == t3["received"]["total"]


def test_applicant_columns_named_after_the_noun() -> None:
    received = data_of(YUNXI)["applications"]["received"]
    legal = sum(received[k] for k in LEGAL)
    good = replace_once(YUNXI, "新收政府信息公开申请54件，", f"新收政府信息公开申请54件，其中自然人{received['natural_person']}件、"
                                                          f"法人或其他组织{legal}件，")
    assert finding(good, "T3-08") == []
    bad = replace_once(good, f"法人或其他组织{legal}件", f"法人或其他组织{legal + 2}件")
    assert finding(bad, "T3-08") == [("T3-08", "warning", "rule.text_count", line_no(bad, f"其他组织{legal + 2}件"), 1)]
    assert check(bad).diagnostics[0].args["actual"] == legal


def test_the_messages_name_the_cells_in_both_languages() -> None:
    text = replace_once(YUNXI, "现行有效的11件", "现行有效的12件")
    d = check(text).diagnostics[0]
    zh, en = d.message("zh"), d.message("en")
    assert "现行有效的12件" in zh and "现行有效件数" in zh and "11" in zh
    assert "in force" in en.lower() and "11" in en and "12" in en
