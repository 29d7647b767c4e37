"""The one rule engine: every rule of a report's format, whatever checks it, is evaluated here.

A rule's ``check`` kind picks its evaluator: the YAML reader's and the schema's findings are reported
under the rules that declare them, the narrative parser's problems under N-03, formulas are computed,
predicates called. Rules of a table the schema rejected are not run (their cells are not numbers), and
a finding under a rule the format does not declare is a defect that stops the check.
"""

from __future__ import annotations


from typing import Callable, Iterable, Iterator

from .. import formats
from ..diagnostics import Diagnostic, sort_key
from ..formats.layout import CHECK_KINDS, Rule
from ..model import Report
from ..readers import Reading
from ..records import record
from . import formula


@record
class _Subject:
    reading: Reading
    previous: Report | None

    @property
    def report(self) -> Report | None:
        return self.reading.report

    @property
    def fmt(self):
        return self.reading.format

    def runs(self, rule: Rule) -> bool:
        return self.report is not None and rule.table not in self.reading.bad_sections


Evaluator = Callable[[Rule, _Subject], Iterable[Diagnostic]]


def _diagnostics(rule: Rule, subject: _Subject, findings) -> Iterator[Diagnostic]:
    for mark, key, args in findings:
        yield Diagnostic(subject.reading.file, mark.line, mark.column, rule.id, rule.severity, key, args)


def _reader(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    return [d for d in subject.reading.yaml if d.rule == rule.id]


def _schema(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    return [d for d in subject.reading.schema if d.rule == rule.id]


def _narrative(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    if subject.report is None:
        return ()
    report = subject.report
    return _diagnostics(rule, subject, ((report.text_mark(n.path, p.line), p.what, {"token": p.token})
                                        for n in report.narratives() for p in n.problems))


def _formula(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    return _diagnostics(rule, subject, formula.evaluate(subject.report, rule)) if subject.runs(rule) else ()


def _predicate(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    if not subject.runs(rule):
        return ()
    return _diagnostics(rule, subject, subject.fmt.predicates[rule.predicate](subject.report))


def _previous(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    if subject.previous is None or not subject.runs(rule):
        return ()
    return _diagnostics(rule, subject, subject.fmt.predicates[rule.predicate](subject.report, subject.previous))


def _import(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    return [d for d in subject.reading.imported if d.rule == rule.id]


EVALUATORS: dict[str, Evaluator] = {
    "reader": _reader,
    "schema": _schema,
    "narrative": _narrative,
    "formula": _formula,
    "predicate": _predicate,
    "previous": _previous,
    "import": _import,
}
if set(EVALUATORS) != set(CHECK_KINDS):  # a kind with no evaluator would pass every report: refuse to start
    raise ImportError(f"rule engine: no evaluator for {set(CHECK_KINDS) - set(EVALUATORS)}")
for _fmt in formats.FORMATS.values():  # so would a formula whose terms name no cell
    for _rule in _fmt.rules:
        if _rule.check == "formula":
            try:
                formula.verify(_rule, _fmt.table_by_section[_rule.table])
            except (ValueError, KeyError) as exc:
                raise ImportError(f"rule engine: format {_fmt.name}: {exc}") from exc


def evaluate(reading: Reading, previous: Report | None = None) -> list[Diagnostic]:
    """Every rule of the report's format over one reading (and last year's model, for cross-year rules)."""
    fmt = reading.format
    subject = _Subject(reading, previous)
    found = [d for rule in fmt.rules for d in EVALUATORS[rule.check](rule, subject)]
    failed = {d.rule for d in found if d.severity == "error"}
    found = [d for d in found if not failed.intersection(fmt.rule_by_id[d.rule].quiet_after)]
    for stage, findings in (("reader", reading.yaml), ("schema", reading.schema), ("import", reading.imported)):
        stray = {d.rule for d in findings if getattr(fmt.rule_by_id.get(d.rule), "check", None) != stage}
        if stray:  # would otherwise be dropped without a word
            raise AssertionError(f"{stage} findings under rules not declared as checked by it: {sorted(stray)}")
    return sorted(found, key=sort_key)
