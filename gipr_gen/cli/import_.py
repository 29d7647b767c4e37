"""``gipr-gen import``: published reports (.docx, .doc, HTML, PDF, text) → YAML reports, each guess marked."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import EXIT_OK, EXIT_REPORT, EXIT_USAGE, import_to
from ..errors import GiprError, SourceError
from ..i18n import Lang, t
from ..readers.files import io_problem
from .common import Ui, say


def command(ui: Ui) -> click.Command:
    @click.command("import", help=ui.h("cli.help.import"))
    @click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("."), show_default=True, help=ui.h("cli.help.import.output"))
    @click.option("--force", is_flag=True, help=ui.h("cli.help.import.force"))
    @ui.lang_option
    def import_(files: tuple[Path, ...], out_dir: Path, force: bool, lang: Lang) -> None:
        if not files:
            raise click.UsageError(t("cli.no_files", lang))
        stems = [p.stem for p in files]
        clash = sorted({str(p) for p in files if stems.count(p.stem) > 1})
        if clash:  # a.docx and a.pdf would both write a.yaml
            click.echo(t("import.same_name", lang, files=", ".join(clash)), err=True)
            sys.exit(EXIT_USAGE)
        sys.exit(max(_import_one(path, out_dir, force, lang) for path in files))

    return import_


def _import_one(path: Path, out_dir: Path, force: bool, lang: Lang) -> int:
    try:
        result, written = import_to(path, out_dir, force)
    except OSError as exc:
        click.echo(f"{path}: {io_problem(exc, lang)}", err=True)
        return EXIT_USAGE
    except SourceError as exc:  # not a report that can be imported; a pre-2019 report is a report's problem
        say(exc, lang)
        return EXIT_REPORT if exc.key.startswith("import.legacy") else EXIT_USAGE
    except GiprError as exc:
        say(exc, lang)
        return EXIT_USAGE
    checked = result.checked
    for d in checked.diagnostics:
        click.echo(d.format(lang))
    click.echo(t("import.wrote", lang, path=written), err=True)
    if checked.diagnostics:
        click.echo(t("summary.counts", lang, file=written, errors=len(checked.errors),
                     warnings=len(checked.warnings)), err=True)
    return EXIT_REPORT if checked.errors else EXIT_OK
