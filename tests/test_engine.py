"""The rule engine refuses rules nobody can evaluate, at import, rather than passing every report."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from gipr_gen.formats import F2021
from gipr_gen.formats.layout import Format, Rule
from gipr_gen.rules import formula


def _with_rule(rule: Rule) -> Format:
    fields = {f.name: getattr(F2021, f.name) for f in dataclasses.fields(Format)}
    return Format(**{**fields, "rules": F2021.rules + (rule,)})


@pytest.mark.parametrize("rule, words", [
    (Rule("X-01", "error", "", check="telepathy"), "unknown check kind"),  # type: ignore[arg-type]
    (Rule("X-02", "warning", "", check="predicate", predicate="no_such_predicate"), "unknown predicate"),
    (Rule("X-03", "error", "a[c] = b[c]", table="no_such_table"), "unknown table"),
    (dataclasses.replace(F2021.rule_by_id["T3-01"]), "declared twice"),
])
def test_a_format_with_a_rule_nobody_can_evaluate_is_refused(rule: Rule, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        _with_rule(rule)


@pytest.mark.parametrize("old, new", [("results.disclosed[c]", "results.disclosd[c]"),
                                      ("results.withheld.*[c]", "results.witheld.*[c]"),
                                      ("results.total[c] =", "results.total[nope] =")])
def test_a_formula_naming_no_cell_is_refused(old: str, new: str) -> None:
    rule = F2021.rule_by_id["T3-02"]
    assert old in rule.formula
    with pytest.raises(ValueError, match="names no cell"):
        formula.verify(dataclasses.replace(rule, formula=rule.formula.replace(old, new)),
                       F2021.table_by_section["applications"])


def test_every_declared_formula_names_real_cells() -> None:
    for rule in F2021.rules:
        if rule.check == "formula":
            formula.verify(rule, F2021.table_by_section[rule.table])


def test_the_engine_will_not_load_with_a_broken_formula() -> None:
    # a fresh interpreter: the check runs whenever the engine module is loaded, here loaded again
    code = ("import dataclasses, importlib\nfrom gipr_gen import formats\nimport gipr_gen.rules.engine as e\n"
            "f = formats.F2021\nr = f.rule_by_id['T3-03']\n"
            "object.__setattr__(f, 'rules', tuple(dataclasses.replace(x, formula='R[totl] = R[*]') if x is r else x"
            " for x in f.rules))\n"
            "importlib.reload(e)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode != 0 and "ImportError" in res.stderr and "T3-03" in res.stderr


def test_t2_04_statement_names_every_limit_the_data_uses() -> None:
    from gipr_gen.api import explain
    from gipr_gen.formats.f2021.layout import FEE_LIMIT_UNKNOWN, ORGAN_TYPES

    for lang in ("zh", "en"):
        text = explain("T2-04", lang)
        for limit in {o.fee_limit for o in ORGAN_TYPES} | {FEE_LIMIT_UNKNOWN}:
            assert f"{limit}" in text.replace(",", ""), (lang, limit)


def test_a_rule_waiting_on_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="waits on an unknown rule"):
        _with_rule(Rule("X-04", "warning", check="predicate", predicate="text_review", quiet_after=("T9-99",)))
