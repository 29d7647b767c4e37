"""The one rule engine: every rule of a report's format, whatever checks it, is evaluated here.

A rule's ``check`` kind picks its evaluator: the YAML reader's and the schema's findings are reported
under the rules that declare them, the narrative parser's problems under N-03, formulas are computed,
predicates called. Rules of a table the schema rejected are not run (their cells are not numbers), and
a finding under a rule the format does not declare is a defect that stops the check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Iterator

from .. import formats
from ..diagnostics import Diagnostic, sort_key
from ..formats.layout import CHECK_KINDS, Format, Rule
from ..model import Report
from ..readers.report import report_from_data
from ..readers.schema import validate
from ..readers.yaml_source import Source
from . import formula


@dataclass
class _Subject:
    """One report being checked: each stage computed once, when a rule first needs it."""

    src: Source
    fmt: Format
    previous: Report | None

    @cached_property
    def schema(self) -> tuple[list[Diagnostic], set[str]]:
        return validate(self.src, self.fmt) if self.src.data is not None else ([], set())

    @property
    def bad_sections(self) -> set[str]:
        return self.schema[1]

    @cached_property
    def report(self) -> Report | None:
        """The model, when the schema left the report's fields and narratives intact (bad table cells
        only keep that table's rules from running)."""
        if self.src.data is None or self.bad_sections - set(self.fmt.table_by_section):
            return None
        return report_from_data(self.fmt, self.src.data, self.src)

    def runs(self, rule: Rule) -> bool:
        return self.report is not None and rule.table not in self.bad_sections


Evaluator = Callable[[Rule, _Subject], Iterable[Diagnostic]]


def _diagnostics(rule: Rule, subject: _Subject, findings) -> Iterator[Diagnostic]:
    for mark, key, args in findings:
        yield Diagnostic(subject.src.file, mark.line, mark.column, rule.id, rule.severity, key, args)


def _reader(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    return [d for d in subject.src.diagnostics if d.rule == rule.id]


def _schema(rule: Rule, subject: _Subject) -> Iterable[Diagnostic]:
    return [d for d in subject.schema[0] if d.rule == rule.id]


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


EVALUATORS: dict[str, Evaluator] = {
    "reader": _reader,
    "schema": _schema,
    "narrative": _narrative,
    "formula": _formula,
    "predicate": _predicate,
    "previous": _previous,
}
if set(EVALUATORS) != set(CHECK_KINDS):  # a kind with no evaluator would pass every report: refuse to start
    raise ImportError(f"rule engine: no evaluator for {set(CHECK_KINDS) - set(EVALUATORS)}")


@dataclass
class Outcome:
    fmt: Format
    report: Report | None  # None when the file could not be read into the model
    diagnostics: list[Diagnostic] = field(default_factory=list)


def check(src: Source, previous: Report | None = None) -> Outcome:
    """Every rule of the report's format over one read file (and last year's model, for cross-year rules)."""
    fmt = formats.get(src.data.get("format") if isinstance(src.data, dict) else None)
    subject = _Subject(src, fmt, previous)
    found = [d for rule in fmt.rules for d in EVALUATORS[rule.check](rule, subject)]
    for stage, findings in (("reader", src.diagnostics), ("schema", subject.schema[0])):
        stray = {d.rule for d in findings if getattr(fmt.rule_by_id.get(d.rule), "check", None) != stage}
        if stray:  # would otherwise be dropped without a word
            raise AssertionError(f"{stage} findings under rules not declared as checked by it: {sorted(stray)}")
    return Outcome(fmt, subject.report, sorted(found, key=sort_key))
