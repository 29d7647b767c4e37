"""``gipr-gen audit``: many reports (files and folders) checked for a supervising office; the results written
as one page (audit.html), a spreadsheet (audit.xlsx) and JSON (audit.json), report by report as they come."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import EXIT_OK, EXIT_REPORT, EXIT_USAGE
from ..errors import OutputError
from ..i18n import Lang, t
from .common import Ui, say


def command(ui: Ui) -> click.Command:
    @click.command("audit", help=ui.h("cli.help.audit"))
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("audit"), show_default=True, help=ui.h("cli.help.audit.output"))
    @click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help=ui.h("cli.help.jobs"))
    @ui.lang_option
    def audit_(paths: tuple[Path, ...], out_dir: Path, jobs: int | None, lang: Lang) -> None:
        from ..audit import outputs, stream  # the writers of the page and the workbook: for this command only
        from ..collect import CollectError, collect

        if not paths:
            raise click.UsageError(t("cli.no_files", lang))
        try:
            files = collect(list(paths), skip=out_dir)
        except CollectError as exc:
            say(exc, lang)
            sys.exit(EXIT_USAGE)
        if not files:
            click.echo(t("audit.no_reports", lang, paths=", ".join(map(str, paths))), err=True)
            sys.exit(EXIT_USAGE)
        protect = [(f, "audit.same_as_input") for f in files if f.name in outputs.NAMES]
        try:
            written, totals = outputs.write(stream([str(f) for f in files], lang, jobs), lang, out_dir, protect)
        except OutputError as exc:
            say(exc, lang)
            sys.exit(EXIT_USAGE)
        for path in written:
            click.echo(t("audit.wrote", lang, path=path), err=True)
        counts = totals.flags
        click.echo(t("audit.summary", lang, reports=totals.reports, errors=counts["errors"], warnings=counts["warnings"],
                     late=counts["late"], copied=counts["copied"], unreadable=counts["unreadable"]), err=True)
        sys.exit(EXIT_USAGE if totals.io_failed else EXIT_REPORT if totals.failed else EXIT_OK)

    return audit_
