"""``gipr-gen aggregate``: many bodies' reports of one year summed into one 汇总 report (YAML)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import EXIT_OK, EXIT_REPORT, EXIT_USAGE
from ..errors import GiprError, SourceError
from ..i18n import Lang, t
from .common import Ui, say


def command(ui: Ui) -> click.Command:
    @click.command("aggregate", help=ui.h("cli.help.aggregate"))
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @click.option("--organ", required=True, help=ui.h("cli.help.aggregate.organ"))
    @click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help=ui.h("cli.help.aggregate.output"))
    @click.option("--force", is_flag=True, help=ui.h("cli.help.aggregate.force"))
    @ui.lang_option
    def aggregate(paths: tuple[Path, ...], organ: str, output: Path, force: bool, lang: Lang) -> None:
        if not paths:
            raise click.UsageError(t("cli.no_files", lang))
        if not organ.strip():
            raise click.UsageError(t("init.empty_organ", lang))
        from ..aggregate import InputsRefused, aggregate_to  # here: the other commands start without its writers

        try:
            result = aggregate_to(paths, organ, output, force)
        except (InputsRefused, SourceError) as exc:  # the reports' problem (a pre-2019 one too, as import says)
            say(exc, lang)
            sys.exit(EXIT_REPORT if isinstance(exc, InputsRefused) or exc.key.startswith("import.legacy")
                     else EXIT_USAGE)
        except GiprError as exc:
            say(exc, lang)
            sys.exit(EXIT_USAGE)
        for d in result.checked.diagnostics:  # warnings only: a summed report with errors is never written
            click.echo(d.format(lang))
        click.echo(t("aggregate.summed", lang, count=len(result.bodies)), err=True)
        for i, body in enumerate(result.bodies, 1):
            click.echo("  " + t("aggregate.body", lang, number=i, organ=body.organ, file=body.file), err=True)
        click.echo(t("aggregate.wrote", lang, path=output), err=True)
        sys.exit(EXIT_OK)

    return aggregate
