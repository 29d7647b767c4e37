"""What every command shares: the chosen language, its help texts and a way to say file errors."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import click

from ..errors import GiprError
from ..i18n import Lang, t
from ..readers.files import io_problem

T = TypeVar("T")


class Ui:
    def __init__(self, lang: Lang):
        self.lang = lang
        self.lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default=lang,
                                        help=self.h("cli.help.lang"))

    def h(self, key: str) -> str:
        """A help text in the language chosen on the command line."""
        return t(key, self.lang)


def read_or_report(read: Callable[[], T], path: Path, lang: Lang) -> T | None:
    """Run ``read``; a file that cannot be read is said plainly and gives None."""
    try:
        return read()
    except OSError as exc:
        click.echo(f"{path}: {io_problem(exc, lang)}", err=True)
    except GiprError as exc:  # a published report that cannot be read as one
        say(exc, lang)
    return None


def say(error: GiprError, lang: Lang) -> None:
    for line in error.lines(lang):
        click.echo(line, err=True)
