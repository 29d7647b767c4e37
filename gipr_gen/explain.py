"""`gipr-gen explain RULE`: a rule's text in the user's language, from the rule data."""

from __future__ import annotations

from .messages import Lang, t
from .rules import GUIDES, INPUT_CHECKS, RULE_BY_ID, RULES


def known_ids() -> list[str]:
    return [r.id for r in RULES] + list(INPUT_CHECKS)


def explain_rule(rule_id: str, lang: Lang) -> str | None:
    if rule_id in INPUT_CHECKS:
        zh, en = INPUT_CHECKS[rule_id]
        return t("explain.input", lang, id=rule_id, name=zh if lang == "zh" else en)
    rule = RULE_BY_ID.get(rule_id)
    if rule is None:
        return None
    guide = GUIDES[rule.id]
    zh = lang == "zh"
    lines = [
        t("explain.rule", lang, id=rule.id, severity=t("severity." + rule.severity, lang),
          name=rule.name if zh else rule.name_en),
        t("explain.formula", lang, formula=rule.formula),
        t("explain.why", lang, why=guide.why if zh else guide.why_en),
        t("explain.example", lang, example=guide.example if zh else guide.example_en),
    ]
    return "\n".join(lines)
