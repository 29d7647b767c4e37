"""``gipr-gen template check``: is an office's own Word template usable?

Exit codes: 0 usable; 1 the template's tags break its contract (each problem is said where it stands);
2 the file cannot be read as a Word document at all (not a .docx, damaged, too large, a part missing).
"""

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
    @click.option("--format", "name", type=click.Choice(list(formats.FORMATS)), default=formats.DEFAULT.name,
                  show_default=True, help=ui.h("cli.help.template_format"))
    @ui.lang_option
    def template_check(file: Path, name: str, lang: Lang) -> None:
        from ..writers.docx.template_check import UNREADABLE  # docxtpl, lxml and jinja2: only for this command
        from ..writers.docx.writer import check_file

        problems = read_or_report(lambda: check_file(file, formats.FORMATS[name]), file, lang)
        if problems is None:
            sys.exit(EXIT_USAGE)
        for where, key, args in problems:
            click.echo(f"{file}: {place(where, lang)}{t(key, lang, **args)}")
        if any(key in UNREADABLE for _, key, _ in problems):
            sys.exit(EXIT_USAGE)
        click.echo(t("template.problems" if problems else "template.ok", lang, file=file, count=len(problems)),
                   err=True)
        sys.exit(EXIT_REPORT if problems else EXIT_OK)

    return template_group
