"""``gipr-gen check``: every rule over each report; findings like a compiler, file:line:column first."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from ..api import EXIT_OK, EXIT_REPORT, EXIT_USAGE, Checked, check_file
from ..diagnostics import to_json
from ..i18n import Lang, t
from .common import Ui, read_or_report


def command(ui: Ui) -> click.Command:
    @click.command("check", help=ui.h("cli.help.check"))
    @click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--strict", is_flag=True, help=ui.h("cli.help.strict"))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=ui.h("cli.help.format"))
    @click.option("-q", "--quiet", is_flag=True, help=ui.h("cli.help.quiet"))
    @click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help=ui.h("cli.help.previous"))
    @ui.lang_option
    def check(files: tuple[Path, ...], strict: bool, fmt: str, quiet: bool, previous: Path | None,
              lang: Lang) -> None:
        if not files:
            raise click.UsageError(t("cli.no_files", lang))
        results: list[Checked] = []
        io_failed = False
        last_year = None
        if previous is not None:  # checked once; reported under its own name when it has errors
            last_year = read_or_report(lambda: check_file(previous, str(previous)), previous, lang)
            io_failed = last_year is None
            if last_year is not None and not last_year.buildable():
                results.append(last_year)
                last_year = None
        for path in files:
            checked = read_or_report(lambda: check_file(path, str(path), last_year), path, lang)
            io_failed |= checked is None
            if checked is not None:  # its findings only: the model of each report is let go as the next is read
                results.append(replace(checked, report=None))
        _report(results, fmt, quiet, lang)
        failed = any(r.errors or (strict and r.warnings) for r in results)
        sys.exit(EXIT_USAGE if io_failed else EXIT_REPORT if failed else EXIT_OK)

    return check


def _report(results: list[Checked], fmt: str, quiet: bool, lang: Lang) -> None:
    diags = [d for r in results for d in r.diagnostics]
    if fmt == "json":
        click.echo(to_json(diags, lang))
        return
    for r in results:
        for d in r.diagnostics:
            click.echo(d.format(lang))
        if r.diagnostics:
            click.echo(t("summary.counts", lang, file=r.file, errors=len(r.errors), warnings=len(r.warnings)),
                       err=True)
        elif not quiet:
            click.echo(t("summary.ok", lang, file=r.file), err=True)
    first_rule = next((d.rule for d in diags if not d.rule.startswith("Y-")), None)
    if first_rule:
        click.echo(t("summary.explain", lang, rule=first_rule), err=True)
