"""``gipr-gen template check``: is an office's own Word template usable?"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import formats
from ..api import EXIT_OK, EXIT_REPORT, EXIT_USAGE
from ..i18n import Lang, place, t
from .common import Ui, read_or_report


def command(ui: Ui) -> click.Command:
    @click.group("template", help=ui.h("cli.help.template_group"))
    @ui.lang_option
    def template_group(lang: Lang) -> None:
        pass

    @template_group.command("check", help=ui.h("cli.help.template_check"))
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @ui.lang_option
    def template_check(file: Path, lang: Lang) -> None:
        from ..writers.docx.template_check import UNREADABLE, inspect  # lxml and jinja2: only for this command
        from ..writers.docx.vocabulary import context_shape

        data = read_or_report(file.read_bytes, file, lang)
        if data is None:
            sys.exit(EXIT_USAGE)
        _, problems = inspect(data, context_shape(formats.DEFAULT))
        for where, key, args in problems:
            click.echo(f"{file}: {place(where, lang)}{t(key, lang, **args)}")
        if any(key in UNREADABLE for _, key, _ in problems):
            sys.exit(EXIT_USAGE)
        click.echo(t("template.problems" if problems else "template.ok", lang, file=file, count=len(problems)),
                   err=True)
        sys.exit(EXIT_REPORT if problems else EXIT_OK)

    return template_group
