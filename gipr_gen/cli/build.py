"""``gipr-gen build``: check, refuse or force, render every output, write; one verdict per file.

Many files are built by worker processes (``--jobs``, see ``batch``). A worker says nothing itself: it
hands back its file's lines, which are printed here in the order the files were given, so the output is
the same whatever the number of jobs. With ``--pdf`` the workers render every report into a work folder,
one LibreOffice run converts all the Word files, and each report's set is then written with its PDF.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import replace
from functools import partial
from pathlib import Path

import click

from .. import atomic, batch
from ..api import EXIT_OK, EXIT_REPORT, EXIT_USAGE, OUTPUT_FORMATS, Built, Staged, build_file, stage_file
from ..collect import waits
from ..errors import GiprError, OutputError, ReportError
from ..i18n import Lang, t
from ..readers.files import io_problem
from ..records import record
from .common import Ui

Line = tuple[bool, str]  # (for stderr, the text)


@record
class _Settings:
    """What every file of the batch is built with (sent to the workers)."""

    out_dir: Path
    formats: tuple[str, ...]
    template: Path | None
    force: bool
    lang: Lang
    work: Path | None = None  # with --pdf: where the outputs wait for their PDF


@record
class _Said:
    """One file's verdict: its exit code, its lines, and with --pdf its outputs waiting for their PDF."""

    code: int
    lines: tuple[Line, ...]
    staged: Staged | None = None


def command(ui: Ui) -> click.Command:
    @click.command("build", help=ui.h("cli.help.build"))
    @click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("out"), show_default=True, help=ui.h("cli.help.output"))
    @click.option("--to", "to", default=",".join(OUTPUT_FORMATS), show_default=True, help=ui.h("cli.help.to"))
    @click.option("--template", type=click.Path(dir_okay=False, path_type=Path), help=ui.h("cli.help.template"))
    @click.option("--force", is_flag=True, help=ui.h("cli.help.force"))
    @click.option("--pdf", is_flag=True, help=ui.h("cli.help.pdf"))
    @click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help=ui.h("cli.help.jobs"))
    @ui.lang_option
    def build(files: tuple[Path, ...], out_dir: Path, to: str, template: Path | None, force: bool, pdf: bool,
              jobs: int | None, lang: Lang) -> None:
        formats = tuple(dict.fromkeys(f.strip() for f in to.split(",") if f.strip()))
        unknown = [f for f in formats if f not in OUTPUT_FORMATS]
        if not files:
            raise click.UsageError(t("cli.no_files", lang))
        if unknown or not formats:
            raise click.UsageError(t("build.unknown_format", lang, name=",".join(unknown),
                                     allowed=", ".join(OUTPUT_FORMATS)))
        if template is not None and not template.is_file():
            problem = t("io.not_a_file", lang) if waits(str(template)) else t("io.not_found", lang)
            click.echo(f"{template}: {problem}", err=True)
            sys.exit(EXIT_USAGE)
        if pdf and "docx" not in formats:
            click.echo(t("build.pdf_needs_docx", lang), err=True)
            sys.exit(EXIT_USAGE)
        stems = Counter(p.stem for p in files)
        clash = sorted({str(p) for p in files if stems[p.stem] > 1})
        if clash:  # a.yaml and b/a.yaml would write the same out/a.docx
            click.echo(t("build.same_name", lang, files=", ".join(clash)), err=True)
            sys.exit(EXIT_USAGE)
        settings = _Settings(out_dir, formats, template, force, lang)
        with atomic.folder(out_dir) if len(files) > 1 else nullcontext():  # workers never race to make it
            code = _with_pdf(files, settings, jobs) if pdf else _built(files, settings, jobs)
        sys.exit(code)

    return build


def _built(files: tuple[Path, ...], settings: _Settings, jobs: int | None) -> int:
    code = EXIT_OK
    for done in batch.run(partial(_build_one, settings), files, jobs, t("build.progress", settings.lang)):
        code = max(code, _say(done, settings.lang).code)
    return code


def _with_pdf(files: tuple[Path, ...], settings: _Settings, jobs: int | None) -> int:
    """Every report rendered by the workers, then all the PDFs made by one LibreOffice run, then each report's
    outputs written with its PDF, all or nothing."""
    import tempfile

    from ..api import write_staged

    code, staged = EXIT_OK, []
    with tempfile.TemporaryDirectory(prefix="gipr-gen-lo-") as work:
        settings = replace(settings, work=Path(work))
        for done in batch.run(partial(_build_one, settings), files, jobs, t("build.progress", settings.lang)):
            said = _say(done, settings.lang)
            code = max(code, said.code)
            if said.staged is not None:
                staged.append(said.staged)
        if not staged:
            return code
        try:
            with batch.progress(t("build.progress_pdf", settings.lang), len(staged)) as (show, _):
                results = list(write_staged(staged, Path(work), show))
        except OutputError as exc:  # LibreOffice is not installed
            _echo(exc.lines(settings.lang))
            return max(code, EXIT_USAGE)
    for one, result in zip(staged, results, strict=True):
        if isinstance(result, OutputError):
            _echo(result.lines(settings.lang))
            code = max(code, EXIT_USAGE)
            continue
        _echo(t("build.wrote", settings.lang, path=path) for path in result)
        if one.forced:
            _echo([t("build.forced", settings.lang, file=one.file)])
            code = max(code, EXIT_REPORT)
    return code


def _say(done: batch.Done[Path, _Said], lang: Lang) -> _Said:
    """Print what a worker said of its file (or of its failure)."""
    if done.error is not None:
        if isinstance(done.error, batch.WorkerDied):
            line = t("batch.worker_died", lang, file=done.item)
        else:
            line = t("batch.failed", lang, file=done.item, reason=f"{type(done.error).__name__}: {done.error}")
        click.echo(line, err=True)
        return _Said(EXIT_USAGE, ())
    said = done.value
    assert said is not None
    for err, text in said.lines:
        click.echo(text, err=err)
    return said


def _echo(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(line, err=True)


def _build_one(settings: _Settings, path: Path) -> _Said:
    """Build one file (or with --pdf, stage it): its verdict and what is to be said of it."""
    lang = settings.lang
    try:
        if settings.work is None:
            built = build_file(path, settings.out_dir, settings.formats, template=settings.template,
                               force=settings.force)
            staged = None
        else:
            checked, staged = stage_file(path, settings.out_dir, settings.formats, settings.work,
                                         template=settings.template, force=settings.force)
            built = Built(checked, [], forced=False)  # written, and said forced, once its PDF is made
    except OSError as exc:
        return _Said(EXIT_USAGE, ((True, f"{path}: {io_problem(exc, lang)}"),))
    except ReportError as exc:
        lines = [(False, d.format(lang)) for d in exc.checked.diagnostics]
        return _Said(EXIT_REPORT, (*lines, *((True, line) for line in exc.lines(lang))))
    except GiprError as exc:
        return _Said(EXIT_USAGE, tuple((True, line) for line in exc.lines(lang)))
    lines = [(False, d.format(lang)) for d in built.checked.diagnostics]
    lines += [(True, t("build.wrote", lang, path=written)) for written in built.written]
    if built.forced:
        lines.append((True, t("build.forced", lang, file=path)))
    return _Said(EXIT_REPORT if built.forced else EXIT_OK, tuple(lines), staged)
