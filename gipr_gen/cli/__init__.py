"""The ``gipr-gen`` command: one module per command, each a thin layer over ``gipr_gen.api``, loaded when run.

Exit codes: 0 ok, 1 a report has errors (or warnings under --strict), 2 usage or I/O problem; interrupted,
128 + the signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM.
"""

from __future__ import annotations

import codecs
import importlib
import signal
import sys
import threading
from types import FrameType

from ..patterns import stored

with stored("click"):  # click and the modules it loads compile a dozen patterns
    import click

from .. import __version__, resources
from ..api import EXIT_OK, EXIT_USAGE
from ..errors import InstallError
from ..i18n import Lang, default_lang, t
from .common import Ui, say

# Each command's module, loaded only when that command runs (or the help lists them all).
_MODULES = {"aggregate": "aggregate", "audit": "audit", "build": "build", "check": "check", "explain": "explain",
            "import": "import_", "init": "init", "schema": "schema", "template": "template"}


def _argv_lang(argv: list[str]) -> Lang:
    """--lang is read before click parses, so that --help is shown in the chosen language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]  # type: ignore[return-value]
        if arg.startswith("--lang=") and arg[7:] in ("zh", "en"):
            return arg[7:]  # type: ignore[return-value]
    return default_lang()


def build_cli(lang: Lang) -> click.Group:
    ui = Ui(lang)
    help_text = ui.h("cli.help.help")

    class Commands(click.Group):
        def list_commands(self, ctx: click.Context) -> list[str]:
            return sorted(_MODULES)

        def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
            if name not in _MODULES:
                return None
            if name not in self.commands:
                module = importlib.import_module(f".{_MODULES[name]}", __package__)
                self.add_command(_localise_help(module.command(ui), help_text), name)
            return self.commands[name]

    @click.group(cls=Commands, help=ui.h("cli.help"), context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="gipr-gen", help=ui.h("cli.help.version"))
    @ui.lang_option
    def cli(lang: Lang) -> None:  # --lang here only picks the language of the group's own help
        pass

    return _localise_help(cli, help_text)


def _localise_help(cmd: click.Command, text: str) -> click.Command:
    """Give the command (and its own subcommands) an -h/--help option whose text is in the chosen language."""
    click.help_option("-h", "--help", help=text)(cmd)
    for sub in getattr(cmd, "commands", {}).values():
        _localise_help(sub, text)
    return cmd


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as an interrupt so that it unwinds (and cleans up) as Ctrl-C does."""

    signum = signal.SIGTERM


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def _interrupted(exc: BaseException | None, lang: Lang) -> None:
    """Ctrl-C or SIGTERM: say so and exit 128 + the signal; every output was written whole or not at all."""
    click.echo(t("cli.interrupted", lang), err=True)
    sys.exit(128 + getattr(exc, "signum", signal.SIGINT))


# What a console that cannot show a character gets instead (a GBK console on Windows, say): the symbols
# rule formulas use, in ASCII; anything else becomes "?". No command may fail on a console's encoding.
_SUBSTITUTES = {"⇒": "=>", "−": "-", "∌": " not in ", "∈": " in ", "≁": " !~ ", "≈": "~", "≥": ">=", "≤": "<=",
                "∧": " and ", "≠": "!=", "×": "x", "…": "...", "—": "--", "→": "->", "·": "."}


def _substitute(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_SUBSTITUTES.get(ch, "?") for ch in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("gipr-gen-console", _substitute)


def _console_safe() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="gipr-gen-console")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    _console_safe()
    lang = _argv_lang(argv)
    on_term = None
    if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread() \
            and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        on_term = signal.signal(signal.SIGTERM, _terminate)
    try:
        resources.verify()  # a broken installation is said as such, not as a problem of the input
        cli = build_cli(lang)
        cli.main(args=argv, prog_name="gipr-gen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # said in the chosen language; click's own detail follows
        command = exc.ctx.command_path.removeprefix("gipr-gen").strip() if exc.ctx else ""
        click.echo(t("cli.usage", lang, detail=exc.format_message(), command=command).replace(
            "gipr-gen  --help", "gipr-gen --help"), err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.Abort as exc:  # click turns Ctrl-C (and end of input at a prompt) into Abort
        if isinstance(exc.__cause__, KeyboardInterrupt):
            _interrupted(exc.__cause__, lang)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt as exc:
        _interrupted(exc, lang)
    except InstallError as exc:
        say(exc, lang)
        sys.exit(EXIT_USAGE)
    finally:
        if on_term is not None:
            signal.signal(signal.SIGTERM, on_term)
    sys.exit(EXIT_OK)
