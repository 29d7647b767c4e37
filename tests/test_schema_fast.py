"""The quick schema verdict agrees with jsonschema on the examples and on many broken variants."""

from __future__ import annotations

import copy
import random

import pytest
import yaml
from jsonschema import Draft202012Validator

from gipr_gen.readers.schema_fast import conforms
from gipr_gen.formats import F2021
from gipr_gen.readers.schema import schema as _schema


def schema():
    return _schema(F2021)

from conftest import INPUTS

VALIDATOR = Draft202012Validator(schema())
REPLACEMENTS = ["x", -1, 1.5, 2.0, None, True, {}, [], "", 10**6, "2024-13-01"]


def leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, path + (k,))
    yield path


def set_at(data, path, value):
    for k in path[:-1]:
        data = data[k]
    data[path[-1]] = value


def delete_at(data, path):
    for k in path[:-1]:
        data = data[k]
    del data[path[-1]]


def variants(data, rng: random.Random):
    paths = [p for p in leaves(data) if p]
    for path in rng.sample(paths, 60):
        for value in rng.sample(REPLACEMENTS, 3):
            changed = copy.deepcopy(data)
            set_at(changed, path, value)
            yield changed
        removed = copy.deepcopy(data)
        delete_at(removed, path)
        yield removed
        extra = copy.deepcopy(data)
        set_at(extra, path[:-1] + ("unknown_key",), 0)
        yield extra


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_same_verdict_as_jsonschema(path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert conforms(schema(), data) is True and VALIDATOR.is_valid(data)
    rng = random.Random(path.name)
    checked = 0
    for variant in variants(data, rng):
        assert conforms(schema(), variant) == VALIDATOR.is_valid(variant), variant
        checked += 1
    assert checked >= 300


def test_unknown_keyword_gives_no_verdict() -> None:
    assert conforms({"type": "object", "minProperties": 1}, {}) is None
