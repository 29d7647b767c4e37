"""Many bodies' reports of one year summed into one 汇总 report: a YAML report that checks and builds like any.

Every cell of every table is the sum of the inputs' cells, totals included. Each rule of a table is an
equality or a bound between sums of cells (T3-01 … T4-03), or holds of each cell alone (a whole number ≥ 0,
an amount with at most so many decimals); sums keep all of them, so the aggregate of reports that check
clean checks clean. Amounts (``Column.kind == "decimal"``) are added exactly as decimals, never as floats;
an amount whose row states its unit (the 2019 format's 采购总金额, in 元 or 万元) is added only when every
input states the same unit. The narrative is a skeleton that names the bodies summed and states no figure,
so the rules reading the text against the tables have nothing to disagree with.

One body is one report: the same file reached twice (named, and inside a folder named) is read once, but
two files of the same body are refused even when they are identical, since a folder holding one body's
report twice (its YAML and the .docx it was built into, say) would otherwise be counted twice or be kept
by a guess.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from .api import Checked, check_bytes, check_file, schema_copy, schema_reference
from .atomic import Protected, check_targets, write_all
from .collect import collect as find_reports
from .diagnostics import Diagnostic
from .errors import GiprError, OutputError
from .formats.layout import CellKey, Format, TableSpec
from .formats.layout import Path as RowPath
from .formats.numerals import format_number
from .i18n import Bi, Lang, bi, bi_tr, t
from .model import Number, Report
from .records import record
from .writers.markdown import escape_text
from .writers.yaml import INDENT, comment, quoted, table_lines, text_value

FIRST_ERRORS = 3  # errors shown per input that has some


class AggregateError(GiprError):
    """The aggregate cannot be made as asked (a path, the output, the organ); ``diagnostics`` say why when
    known."""

    def __init__(self, key: str, /, diagnostics: Sequence[Any] = (), **args: Any):
        super().__init__(key, **args)
        self.diagnostics = list(diagnostics)

    def lines(self, lang: Lang) -> list[str]:
        return super().lines(lang) + [d.format(lang) for d in self.diagnostics]


class InputsRefused(AggregateError):
    """The reports cannot be summed: one has errors, or they are of several years, formats or units, or two
    are of one body."""


@record
class Body:
    organ: str
    file: str  # its report, as the user named it


@record
class Aggregated:
    yaml: str  # the 汇总 report
    bodies: tuple[Body, ...]  # in the order summed: files as named, each folder's in path order
    format: Format
    year: int
    checked: Checked  # the aggregate as ``check`` reads it


def _z(key: str, /, **args: Any) -> str:
    return t(key, "zh", **args)  # a report file is written in Chinese


# ---- the inputs ----------------------------------------------------------------------------------


def collect(paths: Iterable[str | Path], skip: Path | None = None) -> list[Path]:
    """The report files ``paths`` name, as ``gipr_gen.collect`` finds them, without ``skip`` (the aggregate
    being written). Raises CollectError for a path that does not exist, AggregateError for a folder that holds
    no report."""
    files: dict[str, Path] = {}  # a file reached twice is taken once
    for path in map(Path, paths):
        found = find_reports([path], skip)
        if path.is_dir() and not found:
            raise AggregateError("aggregate.empty_folder", folder=str(path))
        for file in found:
            files.setdefault(_identity(file), file)
    return list(files.values())


def _identity(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _read(path: Path) -> Checked:
    try:
        return check_file(path, str(path))
    except OSError as exc:  # SourceError (a published file that is no report) names the file itself
        raise AggregateError("aggregate.unreadable", file=str(path), reason=exc.strerror or exc) from exc


def _organ_key(organ: str) -> str:
    return "".join(organ.split())


def _refuse_mixed(inputs: list[tuple[str, Report]], organ: str) -> None:
    """Reports of several years or formats, two of one body, or one of the body the sum is for (an earlier
    aggregate) cannot be summed."""
    for key, of in (("aggregate.mixed_years", lambda r: str(r.year)),
                    ("aggregate.mixed_formats", lambda r: r.format.name)):
        groups: dict[str, list[str]] = {}
        for file, r in inputs:
            groups.setdefault(of(r), []).append(file)
        if len(groups) > 1:
            raise InputsRefused(key, groups=_listed(groups))
    bodies: dict[str, list[str]] = {}
    for file, r in inputs:
        bodies.setdefault(_organ_key(r.organ), []).append(file)
    twice = {name: files for name, files in bodies.items() if len(files) > 1}
    if twice:
        raise InputsRefused("aggregate.same_body", groups=_listed(twice))
    if _organ_key(organ) in bodies:
        raise InputsRefused("aggregate.of_itself", organ=organ, files="、".join(bodies[_organ_key(organ)]))


def _listed(groups: Mapping[str, list[str]] | Mapping[str | Bi, list[str]]) -> Bi:
    """What each group of files shares, and its files: 2023：a.yaml、b.yaml；2024：c.yaml."""
    def said(lang: Lang, value: str | Bi) -> str:
        return getattr(value, lang) if isinstance(value, Bi) else value
    return Bi("；".join(f"{said('zh', v)}：{'、'.join(files)}" for v, files in groups.items()),
              "; ".join(f"{said('en', v)}: {', '.join(files)}" for v, files in groups.items()))


# ---- the sums ------------------------------------------------------------------------------------


def _sums(table: TableSpec, inputs: list[tuple[str, Report]]) -> tuple[dict[CellKey, Number], dict[RowPath, str]]:
    """Every cell of ``table`` summed over the reports, and the unit a row states for its amount."""
    values: dict[CellKey, Number] = {}
    units: dict[RowPath, str] = {}
    for row in table.rows:
        for column in row.columns:
            cell = (row.path, column.key)
            figures = [r.tables[table.section][cell] for _, r in inputs]
            if column.kind == "decimal":  # exact: 0.1 + 0.2 is 0.3 (a float sum is not)
                values[cell] = float(sum(Decimal(format_number(v)) for v in figures))
            else:
                values[cell] = sum(int(v) for v in figures)
            if column.units:
                stated: dict[str, list[str]] = {}
                for file, r in inputs:
                    stated.setdefault(r.tables[table.section].spec.unit(cell), []).append(file)
                if len(stated) > 1:
                    raise InputsRefused("aggregate.mixed_units", row=bi_tr("row", row.label),
                                        column=bi_tr("column", column.label), groups=_listed(
                                            {unit or bi("aggregate.no_unit"): files for unit, files in stated.items()}))
                if next(iter(stated)):
                    units[row.path] = next(iter(stated))
    return values, units


# ---- the report ----------------------------------------------------------------------------------


def aggregate(paths: Sequence[str | Path], organ: str, output: Path | None = None) -> Aggregated:
    """The 汇总 report of the reports ``paths`` name (files and folders, as ``collect`` reads them), for
    ``organ`` (the body that reports the sum, e.g. 某某县人民政府办公室（汇总）); ``output`` is where it is
    meant to go (it names the findings and places the schema modeline). Raises InputsRefused when the
    reports cannot be summed, AggregateError when a path cannot be read or ``organ`` is no body's name,
    and SourceError when a published file cannot be read as a report."""
    return _aggregate(collect(paths, output), organ, output)


def _aggregate(files: list[Path], organ: str, output: Path | None) -> Aggregated:
    inputs: list[tuple[str, Report]] = []
    refused: list[tuple[str, list[Diagnostic]]] = []
    for path in files:  # of each report only what the sum needs is kept: memory does not grow with its text
        c = _read(path)
        if not c.buildable():
            refused.append((str(path), c.errors[:FIRST_ERRORS]))
        elif c.report is not None:
            inputs.append((str(path), replace(c.report, intro=None, texts={}, source=None)))
    if refused:
        raise InputsRefused("aggregate.input_errors", [d for _, errors in refused for d in errors],
                            files="、".join(file for file, _ in refused))
    _refuse_mixed(inputs, organ)
    fmt, year = inputs[0][1].format, inputs[0][1].year
    bodies = tuple(Body(" ".join(r.organ.split()), file) for file, r in inputs)
    target = output if output is not None else Path("汇总.yaml")
    text = _report_yaml(fmt, organ.strip(), year, bodies, inputs, schema_reference(target, fmt))
    result = check_bytes(text.encode("utf-8"), str(target))
    if result.errors:  # the organ given is no name a report can hold (a control character, say)
        raise AggregateError("aggregate.invalid", result.errors)
    return Aggregated(text, bodies, fmt, year, result)


def aggregate_to(paths: Sequence[str | Path], organ: str, output: Path, force: bool = False) -> Aggregated:
    """``aggregate`` written to ``output`` (with the schema copy its modeline names, when the folder is
    outside this project) through a temporary file; never over an input, nor over an existing file unless
    ``force``. Raises what ``aggregate`` raises, and OutputError."""
    files = collect(paths, output)
    protect: list[Protected] = [(path, "aggregate.same_as_input") for path in files]
    check_targets([output], protect)  # before the work, and before "exists": --force does not get past it
    if output.exists() and not force:
        raise OutputError("init.exists", path=str(output))
    result = _aggregate(files, organ, output)
    copy = schema_copy(output.parent, result.format) \
        if schema_reference(output, result.format) == result.format.schema_file else None
    write_all([(output, result.yaml.encode("utf-8")), *([copy] if copy else [])], protect)
    return result


def _report_yaml(fmt: Format, organ: str, year: int, bodies: tuple[Body, ...], inputs: list[tuple[str, Report]],
                 schema_ref: str) -> str:
    count = _z("aggregate.file.bodies", n=len(bodies))
    header = [*comment(_z("aggregate.file.header", title=fmt.default_title(organ, year), bodies=count)),
              *("# " + " ".join(_z("aggregate.body", number=i, organ=b.organ, file=b.file).split())  # one a line
                for i, b in enumerate(bodies, 1))]
    out = [f"# yaml-language-server: $schema={schema_ref}", *header,
           f"format: {quoted(fmt.name)}",
           f"organ: {quoted(organ)}   # {fmt.fields['organ'].title}",
           f"year: {year}   # {fmt.fields['year'].title}"]
    for section in fmt.sections:
        out += ["", *comment(section.heading)]
        if section is fmt.sections[0]:
            listed = "\n".join(f"{i}. {escape_text(b.organ)}" for i, b in enumerate(bodies, 1))
            out += text_value(section.key, _z("aggregate.file.overview", bodies=count, year=year,
                                              report=fmt.report_name) + "\n\n" + listed + "\n")
        elif section.kind == "text":
            out += text_value(section.key, _z("aggregate.file.section", bodies=count,
                                              hint=section.hint.rstrip("。")) + "\n")
        else:
            table = fmt.table_by_section[section.key]
            values, units = _sums(table, inputs)
            out += [f"{section.key}:", *text_value("text", _z("aggregate.file.table", bodies=count) + "\n", INDENT),
                    *table_lines(table, values, {}, units=units)]
    return "\n".join(out) + "\n"
