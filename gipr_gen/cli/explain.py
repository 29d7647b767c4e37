"""``gipr-gen explain RULE``: what a rule checks, why, and how to fix it."""

from __future__ import annotations

import click

from ..api import explain as explain_rule
from ..api import rule_ids
from ..i18n import Lang, t
from .common import Ui


def command(ui: Ui) -> click.Command:
    @click.command("explain", help=ui.h("cli.help.explain"))
    @click.argument("rule_id", metavar="RULE")
    @ui.lang_option
    def explain(rule_id: str, lang: Lang) -> None:
        text = explain_rule(rule_id.upper(), lang)
        if text is None:
            raise click.UsageError(t("explain.unknown", lang, rule=rule_id, known=", ".join(rule_ids())))
        click.echo(text)

    return explain
