"""`gipr-gen explain RULE`: a rule's text in the user's language, from the rule data."""

from __future__ import annotations

from .. import formats
from ..i18n import Lang, t


def explain(rule_id: str, lang: Lang) -> str | None:
    """What a rule checks, why, its formula and an example fix; None for an unknown ID."""
    rule = formats.DEFAULT.rule_by_id.get(rule_id)
    if rule is None:
        return None
    zh = lang == "zh"
    lines = [t("explain.rule", lang, id=rule.id, severity=t("severity." + rule.severity, lang),
               name=rule.name if zh else rule.name_en)]
    if rule.formula:
        lines.append(t("explain.formula", lang, formula=rule.formula))
    guide = formats.DEFAULT.guides.get(rule.id)
    if guide:
        lines += [t("explain.why", lang, why=guide.why if zh else guide.why_en),
                  t("explain.example", lang, example=guide.example if zh else guide.example_en)]
    return "\n".join(lines)


def rule_ids() -> list[str]:
    return [r.id for r in formats.DEFAULT.rules]
