"""`gipr-gen explain RULE`: a rule's text in the user's language, from the message catalogue, for every
format that has the rule (its formula per format where the formats differ)."""

from __future__ import annotations

from .. import formats
from ..i18n import Lang, has, t


def explain(rule_id: str, lang: Lang) -> str | None:
    """What a rule checks, why, its formula (or plain statement) and an example fix, and the formats it
    applies to; None for an unknown ID."""
    having = [f for f in formats.FORMATS.values() if rule_id in f.rule_by_id]
    if not having:
        return None
    rule = having[0].rule_by_id[rule_id]
    lines = [t("explain.rule", lang, id=rule.id, severity=t("severity." + rule.severity, lang),
               name=t(f"{rule.id}.name", lang))]
    statement = t(f"{rule.id}.statement", lang) if has(f"{rule.id}.statement") else ""
    written = {f.name: f.rule_by_id[rule_id].formula or statement for f in having}
    if len(set(written.values())) == 1:
        if statement or rule.formula:
            lines.append(t("explain.formula", lang, formula=written[having[0].name]))
    else:
        lines += [t("explain.formula_in", lang, format=name, formula=formula) for name, formula in written.items()]
    guide = next((f.guides[rule_id] for f in having if rule_id in f.guides), None)
    if guide:
        lines += [t("explain.why", lang, why=t(guide.why, lang)),
                  t("explain.example", lang, example=t(guide.example, lang))]
    lines.append(t("explain.formats", lang, formats="、".join(f.name for f in having) if lang == "zh"
                   else ", ".join(f.name for f in having)))
    return "\n".join(lines)


def rule_ids() -> list[str]:
    return list(dict.fromkeys(r.id for f in formats.FORMATS.values() for r in f.rules))
