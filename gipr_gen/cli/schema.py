"""``gipr-gen schema``: where the JSON Schema is (for editors and check-jsonschema), the schema itself, or a
copy of it written beside reports whose modeline names it (each format has its own schema)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .. import formats
from ..api import EXIT_USAGE, schema_copy
from ..errors import GiprError
from ..formats.layout import Format
from ..i18n import Lang, t
from ..patterns import pattern
from ..resources import schema_file
from .common import Ui, say

_FORMAT_LINE = pattern(rb"^format:\s*[\"']?([0-9]{4})", re.MULTILINE)


def command(ui: Ui) -> click.Command:
    @click.command("schema", help=ui.h("cli.help.schema"))
    @click.option("--print", "show", is_flag=True, help=ui.h("cli.help.schema_print"))
    @click.option("--write", "folder", type=click.Path(file_okay=False, path_type=Path),
                  help=ui.h("cli.help.schema_write"))
    @click.option("--format", "name", type=click.Choice(list(formats.FORMATS)), help=ui.h("cli.help.schema_format"))
    @ui.lang_option
    def schema(show: bool, folder: Path | None, name: str | None, lang: Lang) -> None:
        if folder is not None:
            from ..atomic import write_all

            chosen = [formats.FORMATS[name]] if name else used_in(folder)
            copies = [c for c in (schema_copy(folder, fmt) for fmt in chosen) if c]
            try:
                if copies:
                    write_all(copies)
            except GiprError as exc:
                say(exc, lang)
                sys.exit(EXIT_USAGE)
            for fmt in chosen:
                click.echo(t("schema.written", lang, path=folder / fmt.schema_file), err=True)
            return
        path = schema_file((formats.FORMATS[name] if name else formats.DEFAULT).schema_file)
        click.echo(path.read_text(encoding="utf-8") if show else str(path), nl=not show)

    return schema


def used_in(folder: Path) -> list[Format]:
    """The formats the YAML reports in ``folder`` name (by their ``format:`` line); the default when none."""
    names: set[str] = set()
    for report in (*folder.glob("*.yaml"), *folder.glob("*.yml")) if folder.is_dir() else ():
        try:
            with report.open("rb") as f:
                names.update(m.decode() for m in _FORMAT_LINE.findall(f.read(65536)))
        except OSError:
            continue
    return [f for f in formats.FORMATS.values() if f.name in names] or [formats.DEFAULT]
