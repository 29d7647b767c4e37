"""`gipr-gen explain RULE`: a rule's text in the user's language, from the message catalogue."""

from __future__ import annotations

from .. import formats
from ..i18n import Lang, has, t


def explain(rule_id: str, lang: Lang) -> str | None:
    """What a rule checks, why, its formula (or plain statement) and an example fix; None for an unknown ID."""
    rule = formats.DEFAULT.rule_by_id.get(rule_id)
    if rule is None:
        return None
    lines = [t("explain.rule", lang, id=rule.id, severity=t("severity." + rule.severity, lang),
               name=t(f"{rule.id}.name", lang))]
    statement = rule.formula or (t(f"{rule.id}.statement", lang) if has(f"{rule.id}.statement") else "")
    if statement:
        lines.append(t("explain.formula", lang, formula=statement))
    guide = formats.DEFAULT.guides.get(rule.id)
    if guide:
        lines += [t("explain.why", lang, why=t(guide.why, lang)),
                  t("explain.example", lang, example=t(guide.example, lang))]
    return "\n".join(lines)


def rule_ids() -> list[str]:
    return [r.id for r in formats.DEFAULT.rules]
