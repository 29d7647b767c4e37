"""``gipr-gen build``: check, refuse or force, render every output, write; one verdict per file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import EXIT_OK, EXIT_REPORT, EXIT_USAGE, OUTPUT_FORMATS, build_file
from ..errors import GiprError, ReportError
from ..i18n import Lang, t
from .common import Ui, say


def command(ui: Ui) -> click.Command:
    @click.command("build", help=ui.h("cli.help.build"))
    @click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("out"), show_default=True, help=ui.h("cli.help.output"))
    @click.option("--to", "to", default=",".join(OUTPUT_FORMATS), show_default=True, help=ui.h("cli.help.to"))
    @click.option("--template", type=click.Path(dir_okay=False, path_type=Path), help=ui.h("cli.help.template"))
    @click.option("--force", is_flag=True, help=ui.h("cli.help.force"))
    @click.option("--pdf", is_flag=True, help=ui.h("cli.help.pdf"))
    @ui.lang_option
    def build(files: tuple[Path, ...], out_dir: Path, to: str, template: Path | None, force: bool, pdf: bool,
              lang: Lang) -> None:
        formats = tuple(dict.fromkeys(f.strip() for f in to.split(",") if f.strip()))
        unknown = [f for f in formats if f not in OUTPUT_FORMATS]
        if not files:
            raise click.UsageError(t("cli.no_files", lang))
        if unknown or not formats:
            raise click.UsageError(t("build.unknown_format", lang, name=",".join(unknown),
                                     allowed=", ".join(OUTPUT_FORMATS)))
        if template is not None and not template.is_file():
            click.echo(f"{template}: {t('io.not_found', lang)}", err=True)
            sys.exit(EXIT_USAGE)
        if pdf and "docx" not in formats:
            click.echo(t("build.pdf_needs_docx", lang), err=True)
            sys.exit(EXIT_USAGE)
        stems = [p.stem for p in files]
        clash = sorted({str(p) for p in files if stems.count(p.stem) > 1})
        if clash:  # a.yaml and b/a.yaml would write the same out/a.docx
            click.echo(t("build.same_name", lang, files=", ".join(clash)), err=True)
            sys.exit(EXIT_USAGE)
        code = max(_build_one(path, out_dir, formats, template, force, pdf, lang) for path in files)
        sys.exit(code)

    return build


def _build_one(path: Path, out_dir: Path, formats: tuple[str, ...], template: Path | None, force: bool,
               pdf: bool, lang: Lang) -> int:
    try:
        built = build_file(path, out_dir, formats, template=template, force=force, pdf=pdf)
    except FileNotFoundError:
        click.echo(f"{path}: {t('io.not_found', lang)}", err=True)
        return EXIT_USAGE
    except OSError as exc:
        click.echo(f"{path}: {t('io.unreadable', lang, reason=exc.strerror or exc)}", err=True)
        return EXIT_USAGE
    except ReportError as exc:
        for d in exc.checked.diagnostics:
            click.echo(d.format(lang))
        say(exc, lang)
        return EXIT_REPORT
    except GiprError as exc:
        say(exc, lang)
        return EXIT_USAGE
    for d in built.checked.diagnostics:
        click.echo(d.format(lang))
    for written in built.written:
        click.echo(t("build.wrote", lang, path=written), err=True)
    if built.forced:
        click.echo(t("build.forced", lang, file=path), err=True)
        return EXIT_REPORT
    return EXIT_OK
