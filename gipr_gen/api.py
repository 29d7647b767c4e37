"""The library API: load and check reports. The CLI is a thin layer over these functions.

    >>> from gipr_gen import check_file
    >>> result = check_file("inputs/luyi-zhenyuan-2023.yaml")
    >>> result.ok, [d.rule for d in result.diagnostics]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import layout as L
from .diagnostics import Diagnostic, has_errors, sort_key
from .model import Report, report_from_data
from .source import Source, parse_bytes, read


EXIT_OK, EXIT_REPORT, EXIT_USAGE = 0, 1, 2  # the command's exit codes: ok, a report has errors, usage or I/O


@dataclass
class Checked:
    file: str
    report: Report | None  # None when the file could not be read into the model
    diagnostics: list[Diagnostic] = field(default_factory=list)
    well_formed: bool = False  # read and schema-valid: only consistency rules can have failed

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


class ReportError(Exception):
    """A report that cannot be used: its findings say why."""

    def __init__(self, checked: Checked):
        super().__init__(f"{checked.file}: {len(checked.errors)} error(s)")
        self.checked = checked


def check_file(path: str | Path, display: str | None = None,
               previous: Checked | str | Path | None = None) -> Checked:
    """Read and check one report file; with ``previous`` (last year's report, checked or a path), also
    the cross-year rules. A previous report that has errors is not compared: check it on its own.
    Raises OSError when a file cannot be read."""
    checked = check_source(read(path, display))
    if previous is not None and not isinstance(previous, Checked):
        previous = check_file(previous, str(previous))
    if previous is not None and usable(checked) and usable(previous):
        from .cross_year import compare

        checked.diagnostics = sorted(checked.diagnostics + compare(checked.report, previous.report), key=sort_key)
    return checked


def usable(checked: Checked) -> bool:
    """Read into the model and free of errors."""
    return checked.report is not None and checked.ok


def check_bytes(data: bytes, file: str = "<report>") -> Checked:
    return check_source(parse_bytes(data, file))


def check_source(src: Source) -> Checked:
    from .engine import evaluate
    from .validate import validate

    if src.data is None:
        return Checked(src.file, None, sorted(src.diagnostics, key=sort_key))
    bad = validate(src)
    well_formed = not has_errors(src.diagnostics)
    report = None
    if not bad - set(L.TABLE_BY_SECTION):  # the model can be built when only table cells are wrong
        report = report_from_data(src.data, src)
        src.diagnostics.extend(evaluate(report, skip_tables=bad))
    return Checked(src.file, report, sorted(src.diagnostics, key=sort_key), well_formed)


def load(path: str | Path, *, allow_rule_errors: bool = False) -> Report:
    """The checked model of a report file. Raises ReportError unless it is free of errors
    (rule errors are let through with ``allow_rule_errors``, as ``build --force`` does)."""
    checked = check_file(path)
    if checked.report is not None and checked.well_formed:
        from .narrative import check_narratives  # Markdown the layout cannot hold: located, not a writer crash

        narrative = check_narratives(checked.report)
        if narrative:
            checked.diagnostics = sorted(checked.diagnostics + narrative, key=sort_key)
            raise ReportError(checked)
    if checked.report is None or not checked.well_formed or (checked.errors and not allow_rule_errors):
        raise ReportError(checked)
    return checked.report
