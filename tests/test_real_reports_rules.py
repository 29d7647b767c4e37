"""The rules on real published reports: no error on any, and every warning one a reader would agree with.

Each report in the shared folder beside the repository (``../shared/real-reports``, read by hand into
``figures.json``) becomes a report file: its tables from figures.json, its narrative from the published text
itself (crudely: tags stripped, the text cut at the six section headings, PDF lines joined). The whole rule
set runs on it through ``check_bytes``, as ``gipr-gen check`` runs it. No ``organ_type`` is written: the
fee limits (T2-04) and the rule-making check (T2-05) see the kind of body the name says, as they do for a
report that leaves the key out.

What each real report is expected to give is written below with the reason; expected figures are the
report's own (figures.json and the quoted sentences), never the code's.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from gipr_gen.api import Checked, check_bytes
from gipr_gen.formats.f2021.predicates import organ_type
from gipr_gen.formats.f2021.text_facts import mentions

from test_rules import YUNXI, cell_pos, keyed, line_no, replace_once, set_cell

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL = SHARED / "real-reports"
FIGURES = REAL / "figures.json"
pytestmark = pytest.mark.skipif(not FIGURES.is_file(), reason="the shared real reports are not beside the repository")

# figures.json's row keys → the report file's rows of table 三
T3_ROWS = {
    "new": "received", "carried": "carried_over", "granted": "results.disclosed",
    "partial": "results.partly_disclosed", "d_secret": "results.withheld.state_secret",
    "d_law": "results.withheld.prohibited_by_law", "d_3safe": "results.withheld.security_stability",
    "d_third": "results.withheld.third_party_rights", "d_internal": "results.withheld.internal_affairs",
    "d_process": "results.withheld.process_information", "d_enforce": "results.withheld.enforcement_files",
    "d_query": "results.withheld.administrative_query", "u_nohold": "results.unavailable.not_held",
    "u_create": "results.unavailable.needs_creation", "u_unclear": "results.unavailable.still_unclear",
    "n_petition": "results.not_processed.petition_complaint", "n_repeat": "results.not_processed.repeated",
    "n_publication": "results.not_processed.publication", "n_massive": "results.not_processed.excessive",
    "n_confirm": "results.not_processed.confirmation", "o_nocorrect": "results.other_handling.no_correction",
    "o_fee": "results.other_handling.no_fee_paid", "o_other": "results.other_handling.other",
    "total": "results.total", "fwd": "carried_forward",
}
APPLICANTS = ("natural_person", "business", "research", "public_welfare", "legal_service", "other", "total")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
T4_ROWS = ("review", "litigation_direct", "litigation_after_review")
# pingtan-zone-2021's 行政规范性文件 cells run together ("693665"): 现行有效 is 665, as its 2022 report's 698 =
# 665 + 88 − 55 says; 69/3 or 6/93 for 制发/废止 cannot be told apart, and no rule and no sentence reads them.
AMBIGUOUS_NORMS = {"pingtan-zone-2021.txt": [69, 3, 665]}

CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
HEADINGS = (("overview", r"一、\s*总体情况"), ("proactive_disclosure", r"二、\s*主动公开政府信息情况"),
            ("applications", r"三、\s*收到和处理政府信息公开申请情况"),
            ("review_and_litigation", r"四、\s*(?:因)?政府信息公开[^。]{0,20}?复议"),
            ("problems_and_improvements", r"五、\s*(?:政府信息公开工作)?存在的主要问题"),
            ("other_matters", r"六、\s*其他需要报告的事项"))


def published_text(path: Path) -> str | None:
    """The report's words as one string: the crawler's header dropped, tags stripped, PDF lines joined."""
    if path.suffix == ".txt":
        return re.split(r"=+ 正文 =+", path.read_text(encoding="utf-8"), maxsplit=1)[1]  # after the crawler's header
    if path.suffix == ".html":
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", path.read_text(encoding="utf-8", errors="replace"))
        text = re.sub(r"(?i)<(?:br|/p|/div|/td|/tr|/li|/h[1-6])\b[^>]*>", "\n", text)  # blocks end a line
        text = html.unescape(re.sub(r"<[^>]+>", "", text))  # a word split over <span>s is one word again
        return re.sub(rf"(?<={CJK})\s+(?={CJK})", "", re.sub(r"\s+", " ", text))
    if shutil.which("pdftotext") is None:
        return None
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    return "".join(line for line in lines if line and not re.fullmatch(r"-\s*\d+\s*-", line))


def sections(text: str) -> dict[str, str]:
    """The intro and the six sections' words (the table sections' words are their tables: left out)."""
    starts: list[tuple[str, int, int]] = []
    for key, heading in HEADINGS:  # each after the one before (table 三 has a row "四、结转下年度继续办理")
        found = re.compile(heading).search(text, starts[-1][2] if starts else 0)
        assert found, (key, text[:200])
        starts.append((key, found.start(), found.end()))
    intro = text[:starts[0][1]]
    intro = intro[min(i for i in (intro.find("本报告"), intro.find("根据《")) if i >= 0):]
    out = {"intro": intro}
    for i, (key, _, end) in enumerate(starts):
        body = text[end:starts[i + 1][1]] if i + 1 < len(starts) else text[end:]
        out[key] = "" if key in ("proactive_disclosure", "applications", "review_and_litigation") else body
    out["other_matters"] = out["other_matters"].split("附件下载")[0]
    return out


def block(text: str) -> str:
    words = re.sub(r"\s+", " ", text).strip()
    return "|\n  " + words + "\n" if words else '""\n'


def flow(cells: dict[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in cells.items()) + "}"


def report_yaml(report: dict) -> str | None:
    """A report file of one real report: figures.json's tables, the published narrative."""
    text = published_text(REAL / report["file"])
    if text is None:
        return None
    words = sections(text)
    t2 = report["t2"]
    norms = AMBIGUOUS_NORMS.get(report["file"], t2["norms"])
    lines = ['format: "2021"', f"organ: {report['unit']}", f"year: {report['year']}",
             f"intro: {block(words['intro'])}", f"overview: {block(words['overview'])}",
             "proactive_disclosure:",
             f"  regulations: {flow(dict(zip(('issued', 'repealed', 'in_force'), t2['regs'])))}",
             f"  normative_documents: {flow(dict(zip(('issued', 'repealed', 'in_force'), norms)))}",
             f"  licensing: {flow({'decisions': t2['licensing'][0]})}",
             f"  penalties: {flow({'decisions': t2['punish'][0]})}",
             f"  coercive_measures: {flow({'decisions': t2['coerce'][0]})}",
             f"  fees: {flow({'amount_wan_yuan': t2['fees'][0]})}",
             "applications:"]
    nonzero = {T3_ROWS[k]: v for k, v in report["t3_nonzero_rows"].items()}
    tree: dict = {}
    for path in T3_ROWS.values():
        *groups, leaf = path.split(".")
        node = tree
        for g in groups:
            node = node.setdefault(g, {})
        node[leaf] = flow(dict(zip(APPLICANTS, nonzero.get(path, [0] * 7))))

    def emit(node: dict, indent: int) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                lines.append(" " * indent + f"{key}:")
                emit(value, indent + 2)
            else:
                lines.append(" " * indent + f"{key}: {value}")

    emit({k: tree[k] for k in ("received", "carried_over", "results", "carried_forward")}, 2)
    lines.append("review_and_litigation:")
    for i, row in enumerate(T4_ROWS):
        lines.append(f"  {row}: {flow(dict(zip(OUTCOMES, report['t4'][i * 5:i * 5 + 5])))}")
    lines += [f"problems_and_improvements: {block(words['problems_and_improvements'])}",
              f"other_matters: {block(words['other_matters'])}"]
    return "\n".join(lines) + "\n"


def _reports() -> dict[str, dict]:
    if not FIGURES.is_file():
        return {}
    return {r["file"]: r for r in json.loads(FIGURES.read_text(encoding="utf-8"))["reports"]}


REPORTS = _reports()


@cache
def checked(name: str) -> tuple[str, Checked]:
    text = report_yaml(REPORTS[name])
    if text is None:
        pytest.skip("pdftotext (poppler) is not installed")
    return text, check_bytes(text.encode("utf-8"), name + ".yaml")


# What the rules may say of each real report, with the reason; every other finding is a false alarm.
# None of the four gives one: their texts agree with their tables (see READ), their fees are in 万元 as the
# table asks (T2-02 takes pingtan-2021's six decimals), their kinds of body collect that much (T2-04: the
# city 96,171.6, the zone up to 24,252.3), none reports 规章 without rule-making power (T2-05), and their
# intros, section 六 and years are as the rules want them (S-03, S-05, N-07).
EXPECTED: dict[str, list[tuple[str, str]]] = {name: [] for name in REPORTS}

# The statements the rules read in each report's own text, as (rule, figure): all of them agree with its
# tables, so each is a case where a warning would have been a false alarm.
READ: dict[str, set[tuple[str, int]]] = {
    # 全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）; 行政复议351
    # 件，其中结果维持72件…尚未审结37件; 行政诉讼46件，其中…; 全年新增公开市政府规章1件 (its table: 1 issued)
    "huaian-city-2024.pdf": {("T3-08", 3119), ("T3-08", 34), ("T3-08", 103), ("T4-05", 351), ("T4-05", 72),
                             ("T4-05", 64), ("T4-05", 178), ("T4-05", 37), ("T4-05", 46), ("T4-05", 25),
                             ("T4-05", 5), ("T4-05", 9), ("T4-05", 7), ("T2-06", 1)},
    "shuyang-county-fgj-2023.html": {("T3-08", 26)},  # 共收到依申请信息公开26件
    "pingtan-zone-2021.txt": {("T3-08", 70), ("T3-08", 69), ("T3-08", 1)},  # 共收到70件申请，…办结69件，1件结转下年度
    # 现行有效行政规范性文件698件, 本年度制发的规范性文件88件; 收到政府信息公开申请75件，涉及自然人72件、商业企业3
    # 件: 74 new + 1 carried over, 71 + 1 of them natural persons — the applications handled this year, a
    # reading the rule accepts (T3-08 called it a contradiction before); 行政诉讼案件1件、行政复议案件2件
    "pingtan-zone-2022.txt": {("T2-06", 698), ("T2-06", 88), ("T3-08", 75), ("T3-08", 72), ("T3-08", 3),
                              ("T4-05", 1), ("T4-05", 2)},
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_error_and_no_unexplained_warning(name: str) -> None:
    _, result = checked(name)
    assert result.report is not None and not result.errors, [d.format("en") for d in result.errors]
    assert sorted((d.rule, d.key) for d in result.warnings) == EXPECTED[name], \
        [d.format("zh") for d in result.warnings]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_statements_read_in_the_text(name: str) -> None:
    _, result = checked(name)
    assert result.report is not None
    read = {(m.fact.rule, int(m.stated))
            for n in result.report.narratives() for b in n.blocks for m in mentions(b.text)}
    assert read == READ[name]


# A figure of the text changed by one: the rule that read it warns, on the line of its section.
@pytest.mark.parametrize("name, old, new, rule", [
    ("huaian-city-2024.pdf", "尚未审结 37 件", "尚未审结 38 件", "T4-05"),
    ("huaian-city-2024.pdf", "申请 3119 件", "申请 3118 件", "T3-08"),
    ("shuyang-county-fgj-2023.html", "依申请信息公开26件", "依申请信息公开25件", "T3-08"),
    ("pingtan-zone-2021.txt", "办结69件", "办结68件", "T3-08"),
    ("pingtan-zone-2022.txt", "现行有效行政规范性文件698件", "现行有效行政规范性文件699件", "T2-06"),
    ("pingtan-zone-2022.txt", "收到政府信息公开申请75件", "收到政府信息公开申请76件", "T3-08"),
    ("pingtan-zone-2022.txt", "涉及自然人72件", "涉及自然人73件", "T3-08"),
])
def test_a_changed_figure_in_a_real_text_warns(name: str, old: str, new: str, rule: str) -> None:
    text, _ = checked(name)
    changed = replace_once(text, old, new)
    assert keyed(changed) == [(rule, "warning", line_no(changed, re.escape(new)), 1, "rule.text_count")]


@pytest.mark.parametrize("name", sorted(n for n, r in REPORTS.items() if r["t2"]["fees"][0]))
def test_a_real_fee_typed_in_yuan_warns(name: str) -> None:
    """T2-04 has no false alarm on these and still catches the slip it is for: the same fee in yuan."""
    text, _ = checked(name)
    fee = REPORTS[name]["t2"]["fees"][0]
    changed = set_cell(text, "fees", "amount_wan_yuan", round(fee * 10000, 2))
    assert keyed(changed) == [("T2-04", "warning", *cell_pos(changed, "fees", "amount_wan_yuan"), "rule.fee_unit")]


# ---- fees of more real reports (tests/data/real_fees.json), and the kind of body a name says ----------------

FEES = json.loads((Path(__file__).parent / "data" / "real_fees.json").read_text(encoding="utf-8"))["fees"]
KINDS = {"city_government", "county_government", "township_or_street", "government_department"}


def _with_fee(organ: str, kind: str | None, fee: str) -> str:
    text = replace_once(YUNXI, "\norgan: 云溪县市场监督管理局\n", f"\norgan: {organ or '某机关'}\n")
    text = replace_once(text, "organ_type: government_department\n", f"organ_type: {kind}\n" if kind else "")
    return set_cell(text, "fees", "amount_wan_yuan", fee)


@pytest.mark.parametrize("entry", FEES, ids=lambda e: f"{e['organ'] or e['kind']}-{e['year']}")
def test_real_fees_draw_no_warning_and_in_yuan_do(entry: dict) -> None:
    kinds = [None] + ([entry["kind"]] if entry["kind"] in KINDS else [])
    for kind in kinds:  # the kind the name says (or none), and the kind written out
        assert keyed(_with_fee(entry["organ"], kind, entry["fee"])) == [], (entry, kind)
        if float(entry["fee"]):
            text = _with_fee(entry["organ"], kind, str(Decimal(entry["fee"]) * 10000))
            assert keyed(text) == [("T2-04", "warning", *cell_pos(text, "fees", "amount_wan_yuan"), "rule.fee_unit")]


@pytest.mark.parametrize("organ, kind", [
    ("淮安市人民政府", "city_government"),
    ("镇江市人民政府", "city_government"),  # a city, though its name starts with 镇
    ("乡宁县人民政府", "county_government"),  # a county, though its name starts with 乡
    ("淮安市淮安区人民政府", "county_government"),
    ("苍溪县乡村振兴局", "government_department"),  # a county bureau, though its name holds 乡
    ("龙游县人民政府办公室", "government_department"),
    ("沭阳县发展和改革局", "government_department"),
    ("遂溪县北坡镇人民政府", "township_or_street"),
    ("鹿邑县真源街道办事处", "township_or_street"),
    ("淮安市淮安区住房和城乡建设局", None),  # a district's department: what it collects is not known
    ("广西壮族自治区人民政府", None),  # a province: not a district's government
    ("西藏自治区统计局", None),  # a province's bureau: not a county department
    ("平潭综合实验区管委会", None),  # a zone: no kind of the list, the limit for an unknown body
])
def test_the_kind_of_body_a_name_says(organ: str, kind: str | None) -> None:
    text = replace_once(YUNXI, "\norgan: 云溪县市场监督管理局\n", f"\norgan: {organ}\n")
    report = check_bytes(replace_once(text, "organ_type: government_department\n", "").encode(), "r.yaml").report
    assert report is not None
    found = organ_type(report)
    assert (found.key if found else None) == kind
