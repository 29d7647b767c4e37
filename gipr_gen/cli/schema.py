"""``gipr-gen schema``: where the JSON Schema is (for editors and check-jsonschema), or the schema itself."""

from __future__ import annotations

import click

from ..api import schema_file
from ..i18n import Lang
from .common import Ui


def command(ui: Ui) -> click.Command:
    @click.command("schema", help=ui.h("cli.help.schema"))
    @click.option("--print", "show", is_flag=True, help=ui.h("cli.help.schema_print"))
    @ui.lang_option
    def schema(show: bool, lang: Lang) -> None:
        path = schema_file()
        click.echo(path.read_text(encoding="utf-8") if show else str(path), nl=not show)

    return schema
