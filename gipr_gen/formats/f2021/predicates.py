"""The 2021 format's heuristic and cross-year checks, each a function of the model named by a rule.

A predicate yields findings ``(mark, message key, args)``; the engine adds the rule's ID and severity.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ...i18n import LANGS, Bi, bi, bi_tr, t
from ...patterns import pattern
from ..layout import OrganType
from ..numerals import format_number
from . import lints, text_facts
from .layout import APPLICATIONS, FEE_LIMIT_UNKNOWN, ORGAN_TYPES, PROACTIVE, REPORT_NAME, SECTIONS

if TYPE_CHECKING:  # predicates read the model; the model is built on the formats, not the other way round
    from ...model import Block, Mark, Narrative, Report

Finding = tuple["Mark", str, dict]

_FEES = ("proactive_disclosure", "fees", "amount_wan_yuan")


# The kind of body its name ends with: 镇江市人民政府 and 乡宁县人民政府 are no townships, 县乡村振兴局 is a county
# department, 自治区 a province; 市人民政府 is a districted or a county-level city's (either collects far more than
# a county department). A city district's departments are left unguessed: no real figure shows what they collect.
_ORGAN_BY_NAME = ((pattern(r"(街道办事处|街道办|街道|[乡镇](人民政府)?)$"), "township_or_street"),
                  (pattern(r"县.*(局|委|办|中心|站|所|室)$"), "government_department"),
                  (pattern(r"(县|(?<!自治)区|旗)人民政府$"), "county_government"),
                  (pattern(r"(市|州|盟)人民政府$"), "city_government"))


def organ_type(report: Report) -> OrganType | None:
    key = report.organ_type or next((k for pat, k in _ORGAN_BY_NAME if pat.search(report.organ)), None)
    return next((o for o in ORGAN_TYPES if o.key == key), None)


def _organ_word(kind: OrganType | None) -> Bi:
    return bi_tr("organ_type", kind.label) if kind else bi("organ_type.unknown")


def _fee_unit(report: Report) -> Iterator[Finding]:
    value = report.tables["proactive_disclosure"].get(("fees",), "amount_wan_yuan")
    kind = organ_type(report)
    if value >= (kind.fee_limit if kind else FEE_LIMIT_UNKNOWN):
        written = report.source.raw(_FEES) if report.source else None
        try:  # quoted as the report writes it, converted exactly
            yuan = Decimal(written or format_number(value)) * 10000
        except InvalidOperation:
            written, yuan = None, Decimal(format_number(value)) * 10000
        yield report.mark(_FEES), "rule.fee_unit", {
            "value": written or format_number(value), "yuan": f"{yuan:,.0f}", "organ_type": _organ_word(kind)}


def _rule_making(report: Report) -> Iterator[Finding]:
    kind = organ_type(report)
    if kind is None or kind.rule_making:
        return
    table = report.tables["proactive_disclosure"]
    for col in ("issued", "repealed", "in_force"):
        value = table.get(("regulations",), col)
        if value:
            yield report.mark(("proactive_disclosure", "regulations", col)), "rule.rule_making", {
                "organ_type": _organ_word(kind), "value": value}
            return


# Spaces are taken at once (possessive): each is followed by a character that is none, so nothing is lost,
# and a long run of spaces is read once, not once per way to split it.
_PERIOD = pattern(r"([0-9]{4})\s*+年\s*+([0-9]{1,2})\s*+月\s*+([0-9]{1,2})\s*+日\s*+(?:起\s*+)?"
                     r"(?:至|到|—|－|-|~|～)\s*+(?:([0-9]{4})\s*+年\s*+)?([0-9]{1,2})\s*+月\s*+([0-9]{1,2})\s*+日")


def _printed(report: Report, narratives: Iterable[Narrative] | None = None) -> Iterator[tuple[Narrative, Block]]:
    """Every block of the narratives as the report prints it: the text rules read what readers will read
    (no Markdown syntax), and ``_at`` still points at the line the author typed it on."""
    for text in report.narratives() if narratives is None else narratives:
        for block in text.blocks:
            yield text, block


def _at(report: Report, text: Narrative, block: Block, offset: int, quote: str) -> Mark:
    """Where the author typed ``quote``, printed at ``offset`` of ``block``."""
    typed = text.source_offset(block, offset, quote)
    return report.text_line(text.path, typed) if typed is not None else report.text_mark(text.path, block.line_at(offset))


def _title_period(report: Report) -> Iterator[Finding]:
    if report.title_given and (f"{report.year}年" not in report.title.replace(" ", "")
                               or REPORT_NAME not in report.title.replace(" ", "")):
        yield report.mark(("title",)), "rule.title_year", {"heading": report.title, "year": report.year}
    for text, block in _printed(report, [report.intro] if report.intro else []):
        for m in _PERIOD.finditer(block.text):
            y1, m1, d1, y2, m2, d2 = m.groups()
            y2 = y2 or y1
            if (int(y1), int(m1), int(d1), int(y2), int(m2), int(d2)) != (report.year, 1, 1, report.year, 12, 31):
                yield _at(report, text, block, m.start(), m.group(0)), "rule.period", {
                    "found": m.group(0), "year": report.year}


def _fee_mention(report: Report) -> Iterator[Finding]:
    text = "".join(block.text for _, block in _printed(report, [report.texts["other_matters"]]))
    if "信息处理费" not in text and "收费" not in text:
        yield report.mark(("other_matters",)), "rule.fee_mention", {}


def _empty_text(report: Report) -> Iterator[Finding]:
    for s in SECTIONS:
        if s.kind == "text" and not any(b.text.strip() for b in report.texts[s.key].blocks):
            yield report.mark((s.key,)), "rule.empty_text", {"number": s.number, "heading": s.heading}


_LEVEL1 = pattern(r"[ \t\u3000]*+([一二三四五六七八九十]++、)[^\n]{0,40}")


def _level1_paragraphs(report: Report) -> Iterator[Finding]:
    for text, block in _printed(report):
        if block.kind == "heading":
            continue
        for start in (0, *block.breaks):  # each line the author began, joined into the paragraph or not
            m = _LEVEL1.match(block.text, start)
            if m:
                yield _at(report, text, block, start, m.group(0).strip()), "rule.level1_paragraph", {
                    "start": m.group(0).strip()[:24], "marker": m.group(1)}


def _placeholders(report: Report) -> Iterator[Finding]:
    """N-04: the placeholder text gipr-gen init writes, left in a report."""
    marks = {t("init.file.placeholder", lang) for lang in LANGS}
    for text, block in _printed(report):
        for mark in marks:
            start = block.text.find(mark)
            while start >= 0:
                yield _at(report, text, block, start, mark), "rule.placeholder", {"text": mark}
                start = block.text.find(mark, start + 1)


def _text_lint(rule_id: str) -> Callable[[Report], Iterator[Finding]]:
    """N-05 / N-06: slips in the narrative, patterns in ``lints``."""
    def check(report: Report) -> Iterator[Finding]:
        for text, block in _printed(report):
            for offset, found in lints.findings(block.text, rule_id):
                yield _at(report, text, block, offset, found), lints.message(rule_id), {"found": found}
    return check


def _joined(names: list[Bi]) -> Bi:
    return Bi("、".join(n.zh for n in names), ", ".join(n.en for n in names))


def _described(fact: text_facts.Fact) -> Bi:
    """What a fact's number is compared with, in words: its message key, or the table's rows and column."""
    if fact.parts:
        return bi("fact.sum", parts=_joined([bi(key) for key in fact.parts]))
    if fact.columns == ("total",):
        return bi(fact.what)
    rows = [r for dotted in fact.rows for r in fact.table.select(dotted)]
    names = [bi_tr("row", r.label) for r in rows]
    what = names[0] if len(names) == 1 else bi("fact.sum", parts=_joined(names))
    column = bi_tr("column", rows[0].column(fact.columns[0]).label) if len(fact.columns) == 1 \
        else bi("fact.legal_entities")
    return bi("fact.column", what=what, column=column)


_IN_WAN_YUAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


def _amount_differs(report: Report, m: text_facts.Mention) -> dict | None:
    """An amount the text states against the fee in 万元, compared to the decimals the text writes it with."""
    value = report.tables["proactive_disclosure"].get(("fees",), "amount_wan_yuan")
    written = report.source.raw(_FEES) if report.source else None
    try:  # the figure as the report writes it, exactly
        table = Decimal(written or format_number(value))
    except InvalidOperation:
        table = Decimal(format_number(value))
    stated = Decimal(m.stated)
    places = max(0, -stated.as_tuple().exponent)  # the decimals the text writes
    with localcontext() as exact:  # wide enough for any amount the schema lets through
        exact.prec = 60
        if (table / _IN_WAN_YUAN[m.unit]).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) == stated:
            return None
    return {"quote": m.quote, "stated": format((stated * _IN_WAN_YUAN[m.unit]).normalize(), "f"),
            "actual": format(table, "f")}


def _text_counts(rule_id: str) -> Callable[[Report], Iterator[Finding]]:
    """T3-08 / T4-05 / T2-06: a count or amount the narrative states must equal the table (patterns in
    ``text_facts``); a number may stand for any of the readings its phrase has."""
    def check(report: Report) -> Iterator[Finding]:
        for text, block in _printed(report):
            seen: set[tuple] = set()
            for m in text_facts.mentions(block.text):
                if m.fact.rule != rule_id or (m.start, m.fact.rows, m.fact.columns) in seen:
                    continue
                seen.add((m.start, m.fact.rows, m.fact.columns))
                where = _at(report, text, block, m.start, m.quote)
                if m.fact.amount:
                    differs = _amount_differs(report, m)
                    if differs:
                        yield where, "rule.text_fee", differs
                    continue
                table = report.tables[m.fact.table.section]
                sums = [sum(table[c] for c in cells) for cells in text_facts.readings(m.fact, table.spec)]
                if m.stated not in sums:  # (a table whose own arithmetic fails: the rule waits, quiet_after)
                    yield where, "rule.text_count", {
                        "quote": m.quote, "stated": m.stated, "actual": sums[0], "what": _described(m.fact)}
    return check


_YEAR = pattern(r"(?<![0-9])((?:19|20)[0-9]{2})\s*+年")


def _narrative_year(report: Report) -> Iterator[Finding]:
    """N-07: the year the narrative names most is not the report's year (last year's file copied)."""
    counts: dict[int, int] = {}
    for _, block in _printed(report):
        for m in _YEAR.finditer(block.text):
            counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    if not counts:
        return
    most = max(counts.values())
    if counts.get(report.year, 0) < most:
        used = min(y for y, n in counts.items() if n == most)
        yield report.mark(("year",)), "rule.narrative_year", {"year": report.year, "used": used, "times": most}


# ---- across two years of the same body's reports (T3-07, T2-03) --------------------------------


def _carry_over(current: Report, previous: Report) -> Iterator[Finding]:
    if previous.year >= current.year:  # not last year's report at all: comparing it means nothing
        return
    if previous.year != current.year - 1:
        yield current.cell_mark("applications", (("carried_over",), "total")), "rule.previous_year", {
            "previous": previous.file, "previous_year": previous.year, "year": current.year}
    now, before = current.tables["applications"], previous.tables["applications"]
    for col in APPLICATIONS.columns:
        cin, cout = now.get(("carried_over",), col.key), before.get(("carried_forward",), col.key)
        if cin != cout:
            at = previous.cell_mark("applications", (("carried_forward",), col.key))
            yield current.cell_mark("applications", (("carried_over",), col.key)), "rule.carry_over", {
                "column": bi_tr("column", col.label), "cin": cin, "cout": cout, "previous": f"{previous.file}:{at.line}"}


def _previous_order(current: Report, previous: Report) -> Iterator[Finding]:
    """N-08: ``--previous`` names a report of the same or a later year."""
    if previous.year >= current.year:
        yield current.mark(("year",)), "rule.previous_not_earlier", {
            "previous": previous.file, "previous_year": previous.year, "year": current.year}


def _in_force(current: Report, previous: Report) -> Iterator[Finding]:
    if previous.year >= current.year:
        return
    now, before = current.tables["proactive_disclosure"], previous.tables["proactive_disclosure"]
    for row in ("regulations", "normative_documents"):
        issued, repealed = now.get((row,), "issued"), now.get((row,), "repealed")
        expected = before.get((row,), "in_force") + issued - repealed
        if now.get((row,), "in_force") != expected:
            at = previous.cell_mark("proactive_disclosure", ((row,), "in_force"))
            label = PROACTIVE.row((row,))
            yield current.cell_mark("proactive_disclosure", ((row,), "in_force")), "rule.in_force", {
                "row": bi_tr("row", label.label), "reported": now.get((row,), "in_force"),
                "expected": expected, "last": before.get((row,), "in_force"), "issued": issued,
                "repealed": repealed, "previous": f"{previous.file}:{at.line}"}


PREDICATES: dict[str, Callable[..., Iterator[Finding]]] = {
    "fee_unit": _fee_unit,
    "rule_making": _rule_making,
    "title_period": _title_period,
    "fee_mention": _fee_mention,
    "empty_text": _empty_text,
    "level1_paragraphs": _level1_paragraphs,
    "placeholders": _placeholders,
    "stray_english": _text_lint("N-05"),
    "doubled_punctuation": _text_lint("N-06"),
    "text_applications": _text_counts("T3-08"),
    "text_review": _text_counts("T4-05"),
    "text_proactive": _text_counts("T2-06"),
    "carry_over": _carry_over,
    "previous_order": _previous_order,
    "narrative_year": _narrative_year,
    "in_force": _in_force,
}
