"""The library API: check, load and build reports. The command line is a thin layer over these functions.

    >>> from gipr_gen import check_file
    >>> result = check_file("inputs/luyi-zhenyuan-2023.yaml")
    >>> result.ok, [d.rule for d in result.diagnostics]

Whether a report can be built is decided in one place, ``Checked.buildable``: ``load``, ``build_file`` and
``gipr-gen build`` all ask it, and ``gipr-gen check`` passes exactly the reports it calls buildable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import formats
from .diagnostics import Diagnostic
from .errors import InitError, OutputError, ReportError, SourceError
from .formats.layout import Format
from .model import Report
from .patterns import pattern
from .readers import read
from .readers.yaml_source import Source, parse_bytes, read_file
from .records import record
from .resources import schema_file as bundled_schema
from .rules.engine import evaluate
from .rules.explain import explain, rule_ids  # noqa: F401 - part of the API

if TYPE_CHECKING:  # writing is imported only by the commands that write: check stays light
    from .atomic import Protected
    from .readers.recognise.result import Imported, Note
    from .writers.skeleton import Carried

EXIT_OK, EXIT_REPORT, EXIT_USAGE = 0, 1, 2  # the command's exit codes: ok, a report has errors, usage or I/O


def schema_file() -> Path:
    """The JSON Schema of the reports gipr-gen writes (for editors and check-jsonschema)."""
    return bundled_schema(formats.DEFAULT.schema_file)


def organ_types() -> list[str]:
    """The keys ``organ_type`` and ``init --organ-type`` accept."""
    return [o.key for o in formats.DEFAULT.organ_types]


@record(frozen=False)
class Checked:
    file: str
    report: Report | None  # None when the file could not be read into the model
    diagnostics: list[Diagnostic] = field(default_factory=list)
    format: Format = formats.DEFAULT

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def blocking(self) -> list[Diagnostic]:
        """Errors no writer can render past, even with --force (the file, its schema, its Markdown)."""
        return [d for d in self.errors if self.format.rule_by_id[d.rule].blocking]

    def buildable(self, force: bool = False) -> bool:
        """Every writer can render this report: it was read into the model, nothing blocks, and it has no
        errors at all unless ``force`` lets consistency errors through."""
        return self.report is not None and not self.blocking and (force or self.ok)


def check_source(src: Source, previous: Report | None = None) -> Checked:
    reading = read(src)
    return Checked(src.file, reading.report, evaluate(reading, previous), reading.format)


def check_bytes(data: bytes, file: str = "<report>") -> Checked:
    return check_source(parse_bytes(data, file))


def check_file(path: str | Path, display: str | None = None,
               previous: Checked | str | Path | None = None) -> Checked:
    """Read and check one report file: YAML, or a published report as ``import`` reads it (its import notes
    located in the source, the rules' findings in the YAML import would write). With ``previous`` (last
    year's report, checked or a path) also the cross-year rules; a previous report that has errors is not
    compared: check it on its own. Raises OSError when a file cannot be read, SourceError when a published
    report cannot be read as one."""
    if previous is not None and not isinstance(previous, Checked):
        previous = check_file(previous, str(previous))
    last_year = previous.report if previous is not None and previous.buildable() else None
    if is_published(path):
        return import_file(path, display, previous=last_year).checked
    return check_source(read_file(path, display), last_year)


def load(path: str | Path, *, allow_rule_errors: bool = False) -> Report:
    """The checked model of a report file. Raises ReportError unless it is buildable (consistency errors
    are let through with ``allow_rule_errors``, as ``build --force`` does)."""
    checked = check_file(path)
    if not checked.buildable(force=allow_rule_errors):
        raise ReportError(checked)
    assert checked.report is not None
    return checked.report


# ---- building ---------------------------------------------------------------------------------

OUTPUT_FORMATS = ("docx", "md", "html")


@record(frozen=False)
class Built:
    checked: Checked
    written: list[Path]
    forced: bool  # built although the report has (consistency) errors


def render(report: Report, fmt: str, template: Path | None = None) -> bytes:
    """One output of a report as bytes: ``fmt`` is docx, md or html."""
    from .writers import writer

    return writer(fmt)(report, template)


def build_file(path: Path, out_dir: Path, to: tuple[str, ...] = OUTPUT_FORMATS, *, template: Path | None = None,
               force: bool = False, pdf: bool = False) -> Built:
    """Check, then write ``out_dir/<stem>.<fmt>`` for each format (and a PDF made from the .docx), all or
    nothing: every output is made in memory first, and only when all are written are they put in place,
    so a failure or Ctrl-C leaves the folder as it was. Raises ReportError when the report is not
    buildable, OSError when it cannot be read, and OutputError or TemplateError when an output cannot be
    made. Neither the report nor the template is ever written over."""
    if pdf:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="gipr-gen-lo-") as work:
            checked, staged = stage_file(path, out_dir, to, Path(work), template=template, force=force)
            done = next(write_staged([staged], Path(work)))
            if isinstance(done, OutputError):
                raise done
            return Built(checked, done, forced=staged.forced)
    from .atomic import write_all

    checked, report, targets, protect = _prepared(path, out_dir, to, template, force, pdf=False)
    outputs = [(targets[fmt], render(report, fmt, template)) for fmt in to]
    return Built(checked, write_all(outputs, protect), forced=not checked.ok)


@record
class Staged:
    """A report's outputs rendered into a work folder, waiting for its PDF (see ``stage_file``)."""

    file: Path
    targets: dict[str, Path]  # format → where it goes, "pdf" among them
    protect: tuple[Protected, ...]
    forced: bool


def stage_file(path: Path, out_dir: Path, to: tuple[str, ...], work: Path, *, template: Path | None = None,
               force: bool = False) -> tuple[Checked, Staged]:
    """``build_file(..., pdf=True)`` up to the PDF: check, render every format and put each output in
    ``work``/in as ``<stem>.<fmt>``, so that ``write_staged`` converts the Word files of a whole batch with one
    LibreOffice run. Raises what ``build_file`` raises."""
    checked, report, targets, protect = _prepared(path, out_dir, to, template, force, pdf=True)
    folder = work / "in"
    folder.mkdir(exist_ok=True)
    for fmt in to:
        (folder / targets[fmt].name).write_bytes(render(report, fmt, template))
    return checked, Staged(path, targets, tuple(protect), forced=not checked.ok)


def write_staged(staged: Sequence[Staged], work: Path,
                 progress: Callable[[int], None] | None = None) -> Iterator[list[Path] | OutputError]:
    """Make the PDF of every staged report with one LibreOffice run (``progress`` is told how many are done),
    then write each report's outputs with its PDF, all or nothing: in order, the paths written or why the
    report's set could not be (its PDF failed, or a file could not be written). Raises OutputError when
    LibreOffice is not installed."""
    from .atomic import write_all
    from .writers.pdf import pdfs

    folder = work / "in"
    made = pdfs([(folder / s.targets["docx"].name, s.targets["docx"]) for s in staged], work, progress)
    for one, pdf in zip(staged, made, strict=True):
        if isinstance(pdf, OutputError):
            yield pdf
            continue
        files = [(target, (pdf if fmt == "pdf" else folder / target.name).read_bytes())
                 for fmt, target in one.targets.items()]
        try:
            yield write_all(files, one.protect)
        except OutputError as exc:
            yield exc


def _prepared(path: Path, out_dir: Path, to: tuple[str, ...], template: Path | None, force: bool,
              pdf: bool) -> tuple[Checked, Report, dict[str, Path], list[Protected]]:
    """A report checked for building: the checked file, its model, its targets by format (refused before the
    work of rendering when they cannot be written) and the files they must not overwrite."""
    if pdf and "docx" not in to:
        raise OutputError("build.pdf_needs_docx")
    checked = check_file(path, str(path))
    if not checked.buildable(force):
        raise ReportError(checked, "build.refused" if checked.buildable(force=True) else "build.malformed")
    assert checked.report is not None
    from .atomic import check_targets

    protect: list[Protected] = [(path, "build.same_as_input")]
    if template is not None:
        protect.append((template, "build.same_as_template"))
    targets = {fmt: out_dir / f"{path.stem}.{fmt}" for fmt in (*to, *(["pdf"] if pdf else []))}
    check_targets(list(targets.values()), protect)
    return checked, checked.report, targets, protect


# ---- import ------------------------------------------------------------------------------------

# What ``import`` reads: everything else (and a file whose content is YAML) is read as a YAML report.
PUBLISHED_SUFFIXES = (".docx", ".doc", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".txt", ".md", ".markdown")


_TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_YAML_START = pattern(rb"\A(?:\xef\xbb\xbf)?(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:---|%YAML|[A-Za-z_]+:)")


def is_published(path: str | Path) -> bool:
    """Whether ``path`` names a published report (a .docx, a web page, a PDF, text) rather than YAML: by its
    suffix, and for text suffixes by its content too (a YAML report saved as .md or .txt stays YAML)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in PUBLISHED_SUFFIXES:
        return False
    if suffix in _TEXT_SUFFIXES:
        try:
            with path.open("rb") as f:
                return not _YAML_START.match(f.read(4096))
        except OSError:
            return True  # said by the reader that opens it
    return True


@record(frozen=False)
class ImportResult:
    imported: Imported  # what was read, with every guess as a located note
    yaml: str  # the YAML report, each note a comment on its line
    checked: Checked  # that YAML checked (its findings at YAML lines), the import notes among its findings


def import_file(path: str | Path, display: str | None = None, yaml_name: str | Path | None = None,
                previous: Report | None = None) -> ImportResult:
    """Read a published report (.docx, .doc, HTML, PDF, text, Markdown) into a YAML report and check it.
    ``yaml_name`` is where the YAML is meant to go (it names the findings and places the schema modeline).
    Raises SourceError when the file cannot be read as a report, OSError when it cannot be read at all."""
    from .readers.published import load
    from .readers.recognise import recognise
    from .writers.yaml import report_yaml

    path = Path(path)
    imported = recognise(load(path, display))
    target = Path(yaml_name) if yaml_name is not None else path.with_suffix(".yaml")
    text = report_yaml(imported, schema_reference(target, imported.format))
    notes = [_note_diagnostic(imported, n) for n in imported.notes]
    reading = read(parse_bytes(text.encode("utf-8"), str(target)))
    reading = replace(reading, imported=tuple(notes))
    checked = Checked(str(target), reading.report, evaluate(reading, previous), reading.format)
    return ImportResult(imported, text, checked)


def import_to(path: Path, out_dir: Path, force: bool = False) -> tuple[ImportResult, Path]:
    """Import ``path`` and write ``out_dir/<stem>.yaml`` (with the schema copy its modeline names, when the
    folder is outside this project), never over an existing file unless ``force``, never over the input.
    Raises what ``import_file`` raises, and OutputError."""
    from .atomic import write_all

    target = out_dir / f"{path.stem}.yaml"
    if target.exists() and not force:
        raise OutputError("init.exists", path=str(target))
    result = import_file(path, str(path), target)
    fmt = result.imported.format
    copy = schema_copy(out_dir, fmt) if schema_reference(target, fmt) == fmt.schema_file else None
    written = write_all([(target, result.yaml.encode("utf-8")), *([copy] if copy else [])],
                        [(path, "import.same_as_input")])
    return result, written[0]


def _note_diagnostic(imported: Imported, note: Note) -> Diagnostic:
    rule = imported.format.rule_by_id[note.rule]
    return Diagnostic(imported.file, note.place.line or 0, 1 if note.place.line else 0, note.rule, rule.severity,
                      note.key, dict(note.args), place=note.place)


# ---- init --------------------------------------------------------------------------------------


def read_previous(path: Path) -> Carried:
    """Last year's figures that ``init --previous`` carries over. Raises InitError when the file cannot be
    read or has errors (warnings are fine)."""
    try:
        checked = check_file(path, str(path))
    except FileNotFoundError as exc:
        raise InitError("init.previous_not_found", file=str(path)) from exc
    except OSError as exc:
        raise InitError("init.previous_unreadable", file=str(path), reason=exc.strerror or exc) from exc
    except SourceError as exc:  # a published report that cannot be imported: say why, as import would
        raise InitError("init.previous_not_report", cause=exc, file=str(path)) from exc
    from .writers.skeleton import Carried

    if not checked.buildable():
        raise InitError("init.previous_errors", checked.diagnostics, file=str(path), errors=len(checked.errors))
    report = checked.report
    assert report is not None
    values = {}
    for carry in report.format.carry:
        table = report.tables[carry.section]
        row = table.spec.row(carry.target)
        for col in row.columns:
            if not col.total and carry.column in (None, col.key):
                values[(carry.section, (carry.target, col.key))] = table.get(carry.source, col.key)
    return Carried(str(path), report.year, values, report.organ_type)


def schema_reference(output: Path, fmt: Format) -> str:
    """The schema path for the modeline, relative to the report so that it holds on any machine: the
    project's own schema/ inside a checkout of this project, else a copy beside the report
    (``init`` writes it; ``gipr-gen schema --write FOLDER`` writes it again for a report that came alone)."""
    schema = bundled_schema(fmt.schema_file).resolve()
    folder = output.resolve().parent
    home = schema.parent.parent
    if folder == home or home in folder.parents:
        return Path(os.path.relpath(schema, folder)).as_posix()
    return fmt.schema_file


def schema_copy(folder: Path, fmt: Format = formats.DEFAULT) -> tuple[Path, bytes] | None:
    """The schema copy a report in ``folder`` refers to, when it is missing or out of date there."""
    target = folder / fmt.schema_file
    source = bundled_schema(fmt.schema_file)
    data = source.read_bytes()
    if target.resolve() == source.resolve() or (target.is_file() and target.read_bytes() == data):
        return None
    return target, data


def init_target(output: str | Path | None, year: int) -> Path:
    """Where ``init`` writes: ``output``, or ``<year>.yaml`` in it when it names a folder (one that exists,
    or any path ending in a separator such as ``reports/``), or ``<year>.yaml`` here when None."""
    if output is None:
        return Path(f"{year}.yaml")
    text = os.fspath(output)
    if text.endswith(tuple(filter(None, (os.sep, os.altsep)))) or Path(text).is_dir():
        return Path(text) / f"{year}.yaml"
    return Path(text)


def init_report(output: str | Path | None, organ: str, year: int, organ_type: str | None = None,
                previous: Carried | None = None, force: bool = False) -> Path:
    """Write a report skeleton that passes ``check`` to ``init_target(output, year)`` and return its path;
    never replace an existing file unless ``force``, and never last year's report (``previous``), even
    with ``force``. Raises InitError, or OutputError when the path cannot be written."""
    output = init_target(output, year)
    fmt = formats.DEFAULT
    reference = schema_reference(output, fmt)
    from .atomic import check_targets, write_all
    from .writers.skeleton import skeleton

    text = skeleton(fmt, organ, year, organ_type, previous, reference)
    checked = check_bytes(text.encode("utf-8"), str(output))
    if checked.errors:  # e.g. a year out of range: say so rather than write a broken file
        raise InitError("init.invalid", checked.errors)
    if output.is_dir():
        raise InitError("init.is_dir", path=str(output))
    protect: list[Protected] = [(Path(previous.file), "init.same_as_previous")] if previous else []
    check_targets([output], protect)  # before "exists": --force does not get past it
    if output.exists() and not force:
        raise InitError("init.exists", path=str(output))
    copy = schema_copy(output.parent, fmt) if reference == fmt.schema_file else None
    write_all([(output, text.encode("utf-8")), *([copy] if copy else [])], protect)
    return output
