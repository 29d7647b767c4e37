"""The ``gipr-gen`` command: a thin layer over the library API.

Exit codes: 0 ok, 1 a report has errors (or warnings under --strict), 2 usage or I/O problem.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TypeVar

import click

from . import __version__
from .build import DEFAULT_FORMATS
from .diagnostics import to_json
from .messages import Lang, default_lang, place, t

T = TypeVar("T")

from .api import EXIT_OK, EXIT_REPORT, EXIT_USAGE


def _argv_lang(argv: list[str]) -> Lang:
    """--lang is read before click parses, so that --help is shown in the chosen language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]  # type: ignore[return-value]
        if arg.startswith("--lang=") and arg[7:] in ("zh", "en"):
            return arg[7:]  # type: ignore[return-value]
    return default_lang()


def build_cli(lang: Lang) -> click.Group:
    h = lambda key: t(key, lang)  # noqa: E731 - help text in the chosen language
    lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default=lang, help=h("cli.help.lang"))

    @click.group(help=h("cli.help"), context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="gipr-gen", help=h("cli.help.version"))
    @lang_option
    def cli(lang: Lang) -> None:  # --lang here only picks the language of the group's own help
        pass

    @cli.command("check", help=h("cli.help.check"))
    @click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--strict", is_flag=True, help=h("cli.help.strict"))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=h("cli.help.format"))
    @click.option("-q", "--quiet", is_flag=True, help=h("cli.help.quiet"))
    @click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help=h("cli.help.previous"))
    @lang_option
    def check(files: tuple[Path, ...], strict: bool, fmt: str, quiet: bool, previous: Path | None,
              lang: Lang) -> None:
        from .api import check_file, usable

        if not files:
            raise click.UsageError(t("cli.no_files", lang))
        results, io_failed = [], False
        last_year = None
        if previous is not None:  # checked once; reported under its own name when it has errors
            last_year = read_or_report(lambda: check_file(previous, str(previous)), previous, lang)
            io_failed = last_year is None
            if last_year is not None and not usable(last_year):
                results.append(last_year)
                last_year = None
        for path in files:
            checked = read_or_report(lambda: check_file(path, str(path), last_year), path, lang)
            io_failed |= checked is None
            if checked is not None:
                results.append(checked)
        diags = [d for r in results for d in r.diagnostics]
        if fmt == "json":
            click.echo(to_json(diags, lang))
        else:
            for r in results:
                for d in r.diagnostics:
                    click.echo(d.format(lang))
                if r.diagnostics:
                    click.echo(t("summary.counts", lang, file=r.file, errors=len(r.errors),
                                 warnings=len(r.warnings)), err=True)
                elif not quiet:
                    click.echo(t("summary.ok", lang, file=r.file), err=True)
            first_rule = next((d.rule for d in diags if "-" in d.rule and not d.rule.startswith("Y-")), None)
            if first_rule:
                click.echo(t("summary.explain", lang, rule=first_rule), err=True)
        failed = any(r.errors or (strict and r.warnings) for r in results)
        sys.exit(EXIT_USAGE if io_failed else EXIT_REPORT if failed else EXIT_OK)

    @cli.command("build", help=h("cli.help.build"))
    @click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("out"), show_default=True, help=h("cli.help.output"))
    @click.option("--to", "to", default=",".join(DEFAULT_FORMATS), show_default=True, help=h("cli.help.to"))
    @click.option("--template", type=click.Path(dir_okay=False, path_type=Path), help=h("cli.help.template"))
    @click.option("--force", is_flag=True, help=h("cli.help.force"))
    @click.option("--pdf", is_flag=True, help=h("cli.help.pdf"))
    @lang_option
    def build(files: tuple[Path, ...], out_dir: Path, to: str, template: Path | None, force: bool, pdf: bool,
              lang: Lang) -> None:
        from .building import build_files

        formats = tuple(dict.fromkeys(f.strip() for f in to.split(",") if f.strip()))
        unknown = [f for f in formats if f not in DEFAULT_FORMATS]
        if not files:
            raise click.UsageError(t("cli.no_files", lang))
        if unknown or not formats:
            raise click.UsageError(t("build.unknown_format", lang, name=",".join(unknown),
                                     allowed=", ".join(DEFAULT_FORMATS)))
        if template is not None and not template.is_file():
            click.echo(f"{template}: {t('io.not_found', lang)}", err=True)
            sys.exit(EXIT_USAGE)
        sys.exit(build_files(files, out_dir, formats, template, force, pdf, lang, click.echo))

    @cli.command("schema", help=t("cli.help.schema", lang))
    @click.option("--print", "show", is_flag=True, help=t("cli.help.schema_print", lang))
    @lang_option
    def schema(show: bool, lang: Lang) -> None:
        from .resources import schema_path

        click.echo(schema_path().read_text(encoding="utf-8") if show else str(schema_path()), nl=not show)

    @cli.command("explain", help=h("cli.help.explain"))
    @click.argument("rule_id", metavar="RULE")
    @lang_option
    def explain(rule_id: str, lang: Lang) -> None:
        from .explain import explain_rule

        text = explain_rule(rule_id.upper(), lang)
        if text is None:
            from .explain import known_ids

            raise click.UsageError(t("explain.unknown", lang, rule=rule_id, known=", ".join(known_ids())))
        click.echo(text)

    # ---- further commands are registered below, each in its own block

    # ---- template: checking an office's own Word template (logic in template_check.py)
    @cli.group("template", help=h("cli.help.template_group"))
    @lang_option
    def template_group(lang: Lang) -> None:
        pass

    @template_group.command("check", help=h("cli.help.template_check"))
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @lang_option
    def template_check(file: Path, lang: Lang) -> None:
        from .template_check import UNREADABLE, inspect
        from .writers.docx import context_shape

        data = read_or_report(file.read_bytes, file, lang)
        if data is None:
            sys.exit(EXIT_USAGE)
        _, problems = inspect(data, context_shape())
        for where, key, args in problems:
            click.echo(f"{file}: {place(where, lang)}{t(key, lang, **args)}")
        if any(key in UNREADABLE for _, key, _ in problems):
            sys.exit(EXIT_USAGE)
        click.echo(t("template.problems" if problems else "template.ok", lang, file=file, count=len(problems)),
                   err=True)
        sys.exit(EXIT_REPORT if problems else EXIT_OK)

    # ---- init: a report skeleton (logic in scaffold.py)
    from .layout import ORGAN_TYPES

    @cli.command("init", help=h("cli.help.init"))
    @click.option("--organ", required=True, help=h("cli.help.init_organ"))
    @click.option("--year", type=int, required=True, help=h("cli.help.init_year"))
    @click.option("--organ-type", type=click.Choice([o.key for o in ORGAN_TYPES]), help=h("cli.help.init_organ_type"))
    @click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), help=h("cli.help.init_previous"))
    @click.option("-o", "--output", type=click.Path(path_type=Path), help=h("cli.help.init_output"))
    @click.option("--force", is_flag=True, help=h("cli.help.init_force"))
    @lang_option
    def init(organ: str, year: int, organ_type: str | None, previous: Path | None, output: Path | None,
             force: bool, lang: Lang) -> None:
        from .build import OutputError
        from .scaffold import ScaffoldError, check_skeleton, read_previous, scaffold, schema_reference, write_skeleton

        output = output or Path(f"{year}.yaml")
        if not organ.strip():
            raise click.UsageError(t("init.empty_organ", lang))
        try:
            carried = read_previous(previous) if previous else None
            if carried and carried.year != year - 1:
                click.echo(t("init.previous_year", lang, file=carried.file, found=carried.year, expected=year - 1),
                           err=True)
            text = scaffold(organ, year, organ_type, carried, schema_reference(output))
            check_skeleton(text, str(output))
            write_skeleton(output, text, force)
        except ScaffoldError as exc:
            click.echo(t(exc.key, lang, **exc.args_), err=True)
            for d in exc.diagnostics:
                click.echo(d.format(lang), err=True)
            sys.exit(EXIT_USAGE)
        except OutputError as exc:
            click.echo(t(exc.key, lang, **exc.args_), err=True)
            sys.exit(EXIT_USAGE)
        if carried:
            click.echo(t("init.carried", lang, file=carried.file), err=True)
        click.echo(t("init.wrote", lang, path=output), err=True)

    _localise_help(cli, h("cli.help.help"))
    return cli


def read_or_report(read: Callable[[], T], path: Path, lang: Lang) -> T | None:
    """Run ``read``; a file that cannot be read is said plainly and gives None."""
    try:
        return read()
    except FileNotFoundError:
        click.echo(f"{path}: {t('io.not_found', lang)}", err=True)
    except OSError as exc:
        click.echo(f"{path}: {t('io.unreadable', lang, reason=exc.strerror or exc)}", err=True)
    return None


def _localise_help(cmd: click.Command, text: str) -> None:
    """Give every command an -h/--help option whose text is in the chosen language."""
    click.help_option("-h", "--help", help=text)(cmd)
    for sub in getattr(cmd, "commands", {}).values():
        _localise_help(sub, text)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    cli = build_cli(_argv_lang(argv))
    try:
        cli.main(args=argv, prog_name="gipr-gen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # said in the chosen language; click's own detail follows
        command = exc.ctx.command_path.removeprefix("gipr-gen").strip() if exc.ctx else ""
        click.echo(t("cli.usage", _argv_lang(argv), detail=exc.format_message(), command=command).replace(
            "gipr-gen  --help", "gipr-gen --help"), err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.Abort:
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(EXIT_OK)
