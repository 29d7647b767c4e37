"""The quick schema verdict: its generated code is the generator's current output, needs neither fastjsonschema
nor jsonschema at run time, and agrees with jsonschema (Draft 2020-12) on every example and on many broken
variants of each, made by hypothesis from values as the YAML reader makes them."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from gipr_gen import formats
from gipr_gen.formats import F2021
from gipr_gen.formats.layout import Format
from gipr_gen.readers.schema_gen import render_validator, validator_path
from gipr_gen.readers.schema import schema
from gipr_gen.readers.schema_fast import conforms
from gipr_gen.readers.yaml_source import read_file

from conftest import INPUTS

JSONSCHEMA = {fmt: Draft202012Validator(schema(fmt)) for fmt in formats.FORMATS.values()}
EXAMPLES = {p.name: read_file(p).data for p in INPUTS}
FORMAT_OF = {name: formats.FORMATS[data["format"]] for name, data in EXAMPLES.items()}  # the examples' own
VALID = next(p for p in INPUTS if p.name == "yunxi-county-market-regulation-2024.yaml")  # has every key
KeyPath = tuple[str, ...]  # keys from the top down


def same_verdict(data: Any, fmt: Format = F2021) -> bool:
    """jsonschema's verdict under the format's schema, after asserting that the quick one is the same."""
    expected = JSONSCHEMA[fmt].is_valid(data)
    assert conforms(fmt, data) is expected, data
    return expected


def key_paths(node: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """The path of every key in the data, at any depth."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + (k,)
            yield from key_paths(v, path + (k,))


def schema_keys(node: Any) -> set[str]:
    """Every property name the schema declares, at any depth."""
    if not isinstance(node, dict):
        return set()
    props = node.get("properties", {})
    return set(props).union(*(schema_keys(v) for v in props.values()))


def parent(data: Any, path: KeyPath) -> Any:
    for k in path[:-1]:
        data = data[k]
    return data


# Values as yaml_source makes them: str, int, finite float, bool, None, and mappings and lists of those.
DATES = st.tuples(st.sampled_from(["", " ", "x"]),
                  st.from_regex(r"[0-9]{4}(-[0-9]{1,2}-[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)", fullmatch=True),
                  st.sampled_from(["", "", "\n", "\n\n", " ", "日"])).map("".join)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-2, 10**6), st.integers(2019, 2102),
    st.floats(allow_nan=False, allow_infinity=False), st.integers(-2, 3000).map(float),  # 3.0 is an integer
    st.text(max_size=8), st.sampled_from(["", "2021", "2022", "other", "government_department", "１２", "3"]), DATES,
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)
KEYS = st.one_of(st.text(max_size=10),
                 st.sampled_from(sorted(set().union(*(schema_keys(schema(f)) for f in formats.FORMATS.values())))))


def like(value: Any) -> st.SearchStrategy[Any]:
    """Values of the same kind as this one: such changes often keep a report valid."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return st.just(value)
    if isinstance(value, str):
        return st.text(min_size=1, max_size=8) | DATES
    whole = st.integers(0, 10**6) | st.integers(2015, 2105)
    return whole | whole.map(float) | st.floats(0, 10**6)


@pytest.mark.parametrize("fmt", formats.FORMATS.values(), ids=lambda f: f.name)
def test_committed_code_is_the_generated_one(fmt: Format) -> None:
    assert validator_path(fmt).read_text(encoding="utf-8") == render_validator(fmt), \
        "run: python -m gipr_gen.readers.schema_gen"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_conforms(name: str) -> None:
    assert same_verdict(EXAMPLES[name], FORMAT_OF[name])


@pytest.mark.parametrize("name", EXAMPLES)
def test_same_verdict_on_every_key_removed_or_retyped(name: str) -> None:
    data = EXAMPLES[name]
    for path in key_paths(data):
        for value in (None, "1", 1.5):
            changed = copy.deepcopy(data)
            parent(changed, path)[path[-1]] = value
            same_verdict(changed, FORMAT_OF[name])
        removed = copy.deepcopy(data)
        del parent(removed, path)[path[-1]]
        same_verdict(removed, FORMAT_OF[name])


@pytest.mark.parametrize("name", EXAMPLES)
def test_same_verdict_on_random_variants(name: str) -> None:
    verdicts: set[bool] = set()

    @settings(max_examples=400, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def check(draw: st.DataObject) -> None:
        data = copy.deepcopy(EXAMPLES[name])
        for _ in range(draw.draw(st.integers(1, 3), label="changes")):
            paths = list(key_paths(data))
            if not paths:
                break
            path = draw.draw(st.sampled_from(paths), label="at")
            where = parent(data, path)
            change = draw.draw(st.sampled_from(["alike", "alike", "value", "delete", "add"]), label="change")
            if change == "alike":
                where[path[-1]] = draw.draw(like(where[path[-1]]), label="value")
            elif change == "value":
                where[path[-1]] = draw.draw(VALUES, label="value")
            elif change == "delete":
                del where[path[-1]]
            else:
                where[draw.draw(KEYS, label="key")] = draw.draw(VALUES, label="value")
        verdicts.add(same_verdict(data, FORMAT_OF[name]))

    check()
    assert verdicts == {True, False}  # the variants reach both sides of the line


@pytest.mark.parametrize(("path", "value", "valid"), [
    (("proactive_disclosure", "licensing", "decisions"), 3.0, True),  # a whole float is an integer
    (("proactive_disclosure", "licensing", "decisions"), -0.0, True),
    (("proactive_disclosure", "licensing", "decisions"), 3.5, False),
    (("proactive_disclosure", "licensing", "decisions"), True, False),  # a boolean is no number
    (("proactive_disclosure", "licensing", "decisions"), -1, False),
    (("proactive_disclosure", "fees", "amount_wan_yuan"), 7, True),
    (("proactive_disclosure", "fees", "amount_wan_yuan"), False, False),
    (("proactive_disclosure", "fees", "amount_wan_yuan"), "12.35", False),
    (("year",), 2024.0, True),
    (("year",), 2101, False),
    (("format",), 2021, True),
    (("format",), 2021.0, True),
    (("format",), True, False),
    (("organ",), "", False),
    (("signature", "date"), "2024年1月2日", True),
    (("signature", "date"), "2024-01-02\n", False),  # Python's $ alone would accept it, ECMA-262's not
    (("signature", "date"), "2024-13-45", True),  # the form only: the calendar is checked elsewhere
])
def test_edge_values(path: KeyPath, value: Any, valid: bool) -> None:
    data = copy.deepcopy(EXAMPLES[VALID.name])
    parent(data, path)[path[-1]] = value
    assert same_verdict(data) is valid


def test_a_valid_report_is_checked_without_either_library() -> None:
    code = ("import sys\nfrom gipr_gen.cli import main\n"
            "try:\n    main(['check', '-q', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print('LOADED:', *sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'fastjsonschema')))")
    res = subprocess.run([sys.executable, "-c", code, str(VALID)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == "LOADED:"
