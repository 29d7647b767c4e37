"""``gipr-gen schema``: where the JSON Schema is (for editors and check-jsonschema), the schema itself, or a
copy of it written beside reports whose modeline names it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import EXIT_USAGE, schema_copy, schema_file
from ..errors import GiprError
from ..i18n import Lang, t
from .common import Ui, say


def command(ui: Ui) -> click.Command:
    @click.command("schema", help=ui.h("cli.help.schema"))
    @click.option("--print", "show", is_flag=True, help=ui.h("cli.help.schema_print"))
    @click.option("--write", "folder", type=click.Path(file_okay=False, path_type=Path),
                  help=ui.h("cli.help.schema_write"))
    @ui.lang_option
    def schema(show: bool, folder: Path | None, lang: Lang) -> None:
        if folder is not None:
            from ..atomic import write_all

            copy = schema_copy(folder)
            try:
                if copy:
                    write_all([copy])
            except GiprError as exc:
                say(exc, lang)
                sys.exit(EXIT_USAGE)
            click.echo(t("schema.written", lang, path=folder / schema_file().name), err=True)
            return
        path = schema_file()
        click.echo(path.read_text(encoding="utf-8") if show else str(path), nl=not show)

    return schema
