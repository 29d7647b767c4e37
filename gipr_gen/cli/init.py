"""``gipr-gen init``: a complete report skeleton that passes check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import EXIT_USAGE, init_report, organ_types, read_previous
from ..errors import GiprError
from ..i18n import Lang, t
from .common import Ui, say


def command(ui: Ui) -> click.Command:
    @click.command("init", help=ui.h("cli.help.init"))
    @click.option("--organ", required=True, help=ui.h("cli.help.init_organ"))
    @click.option("--year", type=int, required=True, help=ui.h("cli.help.init_year"))
    @click.option("--organ-type", type=click.Choice(organ_types()),
                  help=ui.h("cli.help.init_organ_type"))
    @click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help=ui.h("cli.help.init_previous"))
    @click.option("-o", "--output", type=click.Path(), help=ui.h("cli.help.init_output"))  # a str: keeps a final /
    @click.option("--force", is_flag=True, help=ui.h("cli.help.init_force"))
    @ui.lang_option
    def init(organ: str, year: int, organ_type: str | None, previous: Path | None, output: str | None,
             force: bool, lang: Lang) -> None:
        if not organ.strip():
            raise click.UsageError(t("init.empty_organ", lang))
        try:
            carried = read_previous(previous) if previous else None
            if carried and carried.year != year - 1:
                click.echo(t("init.previous_year", lang, file=carried.file, found=carried.year, expected=year - 1),
                           err=True)
            written = init_report(output, organ, year, organ_type, carried, force)
        except GiprError as exc:
            say(exc, lang)
            sys.exit(EXIT_USAGE)
        if carried:
            click.echo(t("init.carried", lang, file=carried.file), err=True)
        click.echo(t("init.wrote", lang, path=written), err=True)

    return init
