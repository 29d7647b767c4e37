"""Evaluates the rules of ``rules.RULES`` on a report: one engine for every formula, plus the
named predicates of the heuristic rules."""

from __future__ import annotations

import itertools
from decimal import Decimal, InvalidOperation
import re
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterator

from . import layout as L
from .diagnostics import Diagnostic
from .messages import Bi, bi, t
from .model import Number, Report, TableData
from .rules import RULES, Rule
from .source import Key, Mark

# ---- formulas ---------------------------------------------------------------------------------

_TERM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_.]*?)(\.\*)?\[([A-Za-z_*]+)\]\s*")


@dataclass(frozen=True)
class Term:
    row: str  # dotted path, or "R"
    all_rows: bool  # "row.*": every data row under the path
    column: str  # "c", "*" or a column key


@dataclass(frozen=True)
class Comparison:
    lhs: tuple[Term, ...]
    op: str  # "=" or "<="
    rhs: tuple[Term, ...]


@cache
def parse(formula: str) -> tuple[Comparison, ...]:
    out = []
    for part in formula.split(";"):
        op = "<=" if "<=" in part else "="
        left, right = part.split(op)
        out.append(Comparison(_terms(left), op, _terms(right)))
    return tuple(out)


def _terms(side: str) -> tuple[Term, ...]:
    terms = []
    for chunk in side.split("+"):
        m = _TERM.fullmatch(chunk)
        if not m:
            raise ValueError(f"bad term in formula: {chunk!r}")
        terms.append(Term(m.group(1), bool(m.group(2)), m.group(3)))
    return tuple(terms)


def _cells(table: L.TableSpec, term: Term, r: str | None, c: str | None) -> list[L.CellKey]:
    dotted = r if term.row == "R" else term.row
    path = tuple(dotted.split("."))
    rows = [x for x in table.rows if (x.path[:len(path)] == path if term.all_rows else x.path == path)]
    cells = []
    for row in rows:
        if term.column == "c":
            cells.append((row.path, c))
        elif term.column == "*":
            cells.extend((row.path, col.key) for col in row.columns if not col.total)
        else:
            cells.append((row.path, term.column))
    return cells


# ---- evaluation ------------------------------------------------------------------------------


def evaluate(report: Report, skip_tables: set[str] = frozenset()) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in RULES:
        if rule.table in skip_tables:
            continue
        if rule.check == "formula":
            out.extend(_formula(report, rule))
        elif rule.check in PREDICATES:
            for mark, msg, args in PREDICATES[rule.check](report):
                out.append(_diag(report, mark, rule, msg, args))
    return out


def _diag(report: Report, mark: Mark, rule: Rule, msg: str, args: dict) -> Diagnostic:
    file = report.source.file if report.source else "<report>"
    return Diagnostic(file, mark.line, mark.column, rule.id, rule.severity, msg, args)


def cell_mark(report: Report, section: str, cell: L.CellKey) -> Mark:
    """Where a cell is written, or the line of its row when it was derived."""
    if not report.source:
        return Mark(0, 0)
    path, col = cell
    return report.source.mark((section, *path, col))


def _formula(report: Report, rule: Rule) -> Iterator[Diagnostic]:
    data = report.tables[rule.table]
    table = data.spec
    columns = [c.key for c in table.columns]
    anchor = _terms(rule.anchor)[0] if rule.anchor else None
    for comp in parse(rule.formula):
        for r, c in itertools.product(rule.rows or [None], columns if _uses_c(comp) else [None]):
            lhs_cells = [x for term in comp.lhs for x in _cells(table, term, r, c)]
            rhs_cells = [x for term in comp.rhs for x in _cells(table, term, r, c)]
            lhs, rhs = _sum(data, lhs_cells), _sum(data, rhs_cells)
            if (lhs == rhs) if comp.op == "=" else (lhs <= rhs):
                continue
            if comp.op == "=" and len(lhs_cells) == 1 and lhs_cells[0] not in data.given:
                continue  # a derived total equals its parts by construction; the row at fault is reported itself
            at = _cells(table, anchor, r, c)[0] if anchor else lhs_cells[0]
            yield _diag(report, cell_mark(report, rule.table, at), rule, *_message(rule, data, comp, c, r,
                                                                                   lhs_cells, rhs_cells, lhs, rhs))


def _uses_c(comp: Comparison) -> bool:
    return any(term.column == "c" for term in comp.lhs + comp.rhs)


def _sum(data: TableData, cells: list[L.CellKey]) -> Number:
    return sum((data[x] for x in cells), 0)


def _message(rule: Rule, data: TableData, comp: Comparison, c: str | None, r: str | None,
             lhs_cells: list[L.CellKey], rhs_cells: list[L.CellKey], lhs: Number, rhs: Number):
    table = data.spec
    fix = bi(rule.fix)
    column = next((col for col in table.columns if col.key == c), None)
    if comp.op == "=" and len(lhs_cells) == 1:
        cell = lhs_cells[0]
        row = table.row(cell[0])
        col = next(x for x in row.columns if x.key == cell[1])
        where = bi("where.cell", row=row.label, column=Bi(col.label, col.label_en))
        nonzero = [x for x in rhs_cells if data[x]]
        terms = {lang: " + ".join(f"{getattr(_short(table, x, c), lang)} {data[x]}" for x in nonzero) or "0"
                 for lang in ("zh", "en")}
        rest = len(rhs_cells) - len(nonzero)
        if rest:
            terms = {lang: text + t("rule.sum_rest", lang, rest=rest) for lang, text in terms.items()}
        return "rule.sum", {"where": where, "reported": lhs, "computed": rhs, "terms": Bi(**terms),
                            "formula": Bi(rule.name, rule.name_en), "fix": fix}
    where = bi("where.column", column=Bi(column.label, column.label_en)) if column else Bi("", "")
    args = {"where": where, "lhs": lhs, "rhs": rhs, "diff": abs(lhs - rhs), "fix": fix,
            "lhs_text": _side(table, comp.lhs, r, c), "rhs_text": _side(table, comp.rhs, r, c)}
    return ("rule.balance" if comp.op == "=" else "rule.bound"), args


def _side(table: L.TableSpec, terms: tuple[Term, ...], r: str | None, c: str | None) -> Bi:
    names = [_short(table, x, c) for term in terms for x in _cells(table, term, r, c)[:1]]
    return Bi("“" + "”+“".join(n.zh for n in names) + "”", "'" + "' + '".join(n.en for n in names) + "'")


def _short(table: L.TableSpec, cell: L.CellKey, c: str | None) -> Bi:
    """A cell's row label (the official Chinese label in both languages: it is what the table prints),
    or its column's name when the row is the one being checked."""
    row = table.row(cell[0])
    if c is not None or len(row.columns) == 1:
        return Bi(row.label, row.label)
    col = next(col for col in row.columns if col.key == cell[1])
    return Bi(col.label, col.label_en)


# ---- heuristic and non-arithmetic checks -----------------------------------------------------

Finding = tuple[Mark, str, dict]


def _fee_decimals(report: Report) -> Iterator[Finding]:
    key = ("proactive_disclosure", "fees", "amount_wan_yuan")
    scalar = report.source.scalars.get(key) if report.source else None
    raw = scalar.raw if scalar else str(report.tables["proactive_disclosure"].get(("fees",), "amount_wan_yuan"))
    try:
        places = max(0, -Decimal(raw).normalize().as_tuple().exponent)
    except (InvalidOperation, TypeError):
        places = 0
    if places > L.FEE_DECIMALS:
        from .validate import title

        yield (report.source.mark(key) if report.source else Mark(0, 0)), "rule.decimals", {
            "title": title(key), "places": L.FEE_DECIMALS, "value": raw}


_ORGAN_BY_NAME = ((re.compile(r"(街道|乡|镇)"), "township_or_street"),
                  (re.compile(r"县.*(局|委|办|中心|站|所)$"), "government_department"),
                  (re.compile(r"县人民政府$"), "county_government"))
_FEE_LIMIT_SMALL = 1000  # 万元: a township, county or department collecting ≥ 1000 万元 is implausible
_FEE_LIMIT = 100000


def organ_type(report: Report) -> L.OrganType | None:
    key = report.organ_type or next((k for pat, k in _ORGAN_BY_NAME if pat.search(report.organ)), None)
    return next((o for o in L.ORGAN_TYPES if o.key == key), None)


def _organ_word(kind: L.OrganType | None) -> Bi:
    return Bi(kind.label, kind.label_en) if kind else bi("organ_type.unknown")


def _fee_unit(report: Report) -> Iterator[Finding]:
    value = report.tables["proactive_disclosure"].get(("fees",), "amount_wan_yuan")
    kind = organ_type(report)
    limit = _FEE_LIMIT if kind and kind.rule_making else _FEE_LIMIT_SMALL
    if value >= limit:
        yield _at(report, ("proactive_disclosure", "fees", "amount_wan_yuan")), "rule.fee_unit", {
            "value": f"{value:g}", "yuan": f"{value * 10000:,.0f}", "organ_type": _organ_word(kind)}


def _rule_making(report: Report) -> Iterator[Finding]:
    kind = organ_type(report)
    if kind is None or kind.rule_making:
        return
    table = report.tables["proactive_disclosure"]
    for col in ("issued", "repealed", "in_force"):
        value = table.get(("regulations",), col)
        if value:
            yield _at(report, ("proactive_disclosure", "regulations", col)), "rule.rule_making", {
                "organ_type": _organ_word(kind), "value": value}
            return


_PERIOD = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|－|-|~|～)\s*"
                     r"(?:([0-9]{4})\s*年\s*)?([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")


def _title_period(report: Report) -> Iterator[Finding]:
    if report.title_given and (f"{report.year}年" not in report.title.replace(" ", "")
                               or L.REPORT_NAME not in report.title.replace(" ", "")):
        yield _at(report, ("title",)), "rule.title_year", {"heading": report.title, "year": report.year}
    if report.intro:
        for m in _PERIOD.finditer(report.intro):
            y1, m1, d1, y2, m2, d2 = m.groups()
            y2 = y2 or y1
            if (int(y1), int(m1), int(d1), int(y2), int(m2), int(d2)) != (report.year, 1, 1, report.year, 12, 31):
                mark = report.source.text_line(("intro",), m.start()) if report.source else Mark(0, 0)
                yield mark, "rule.period", {"found": m.group(0), "year": report.year}


def _fee_mention(report: Report) -> Iterator[Finding]:
    text = report.texts["other_matters"]
    if "信息处理费" not in text and "收费" not in text:
        yield _at(report, ("other_matters",)), "rule.fee_mention", {}


def _empty_text(report: Report) -> Iterator[Finding]:
    for s in L.SECTIONS:
        if s.kind == "text" and not report.texts[s.key].strip():
            yield _at(report, (s.key,)), "rule.empty_text", {"number": s.number, "heading": s.heading}


_LEVEL1 = re.compile(r"^[ \t\u3000]*([一二三四五六七八九十]+、)[^\n]{0,40}", re.M)


def _level1_paragraphs(report: Report) -> Iterator[Finding]:
    from .narrative import narratives

    for path, text in narratives(report):
        for m in _LEVEL1.finditer(text):
            mark = report.source.text_line(path, m.start()) if report.source else Mark(0, 0)
            yield mark, "rule.level1_paragraph", {"start": m.group(0).strip()[:24], "marker": m.group(1)}


def _placeholders(report: Report) -> Iterator[Finding]:
    """N-04: the placeholder text gipr-gen init writes, left in a report."""
    from .messages import CATALOGUE
    from .narrative import narratives

    marks = set(CATALOGUE["init.file.placeholder"].values())
    for path, text in narratives(report):
        for mark in marks:
            start = text.find(mark)
            while start >= 0:
                at = report.source.text_line(path, start) if report.source else Mark(0, 0)
                yield at, "rule.placeholder", {"text": mark}
                start = text.find(mark, start + 1)


def _text_lint(rule_id: str) -> Callable[[Report], Iterator[Finding]]:
    """N-05 / N-06: slips in the narrative, patterns in text_lints."""
    from . import text_lints

    def check(report: Report) -> Iterator[Finding]:
        from .narrative import narratives

        for path, text in narratives(report):
            for offset, found in text_lints.findings(text, rule_id):
                at = report.source.text_line(path, offset) if report.source else Mark(0, 0)
                yield at, text_lints.message(rule_id), {"found": found}
    return check


def _text_counts(rule_id: str) -> Callable[[Report], Iterator[Finding]]:
    """T3-08 / T4-05: a count the narrative states must equal the table (patterns in text_facts)."""
    from . import text_facts

    def check(report: Report) -> Iterator[Finding]:
        from .narrative import narratives

        for path, text in narratives(report):
            seen: set[tuple] = set()
            for m in text_facts.mentions(text):
                if m.fact.rule != rule_id or (m.start, m.fact.rows) in seen:
                    continue
                seen.add((m.start, m.fact.rows))
                table = report.tables[m.fact.table.section]
                actual = sum(table[c] for c in text_facts.cells(m.fact))
                if actual != m.stated:
                    mark = report.source.text_line(path, m.start) if report.source else Mark(0, 0)
                    yield mark, "rule.text_count", {"quote": m.quote, "stated": m.stated, "actual": actual,
                                                    "what": Bi(m.fact.what, m.fact.what_en)}
    return check


def _at(report: Report, key: Key) -> Mark:
    return report.source.mark(key) if report.source else Mark(0, 0)


PREDICATES: dict[str, Callable[[Report], Iterator[Finding]]] = {
    "fee_decimals": _fee_decimals,
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
}
