"""The JSON Schema: generated from the layout, valid under its metaschema, accepting the examples —
checked with the real check-jsonschema command."""

from __future__ import annotations

import json
import subprocess

import pytest

from gipr_gen.formats.f2021 import layout as L
from gipr_gen.formats import F2021
from gipr_gen.resources import schema_path
from gipr_gen.formats.schema_gen import render

from conftest import INPUTS, ROOT, VENV_BIN

CHECK_JSONSCHEMA = str(VENV_BIN / "check-jsonschema")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHECK_JSONSCHEMA, *args], capture_output=True, text=True, timeout=120)


def test_committed_schema_is_the_generated_one() -> None:
    assert schema_path().read_text(encoding="utf-8") == render(), "run: python -m gipr_gen.formats.schema_gen"


def test_schema_passes_its_metaschema() -> None:
    res = run("--check-metaschema", str(schema_path()))
    assert res.returncode == 0, res.stdout + res.stderr


def test_check_jsonschema_accepts_every_example() -> None:
    res = run("--schemafile", str(schema_path()), *map(str, INPUTS))
    assert res.returncode == 0, res.stdout + res.stderr


def test_check_jsonschema_rejects_a_misspelt_key(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(INPUTS[0].read_text(encoding="utf-8").replace("licensing:", "licencing:"), encoding="utf-8")
    res = run("--schemafile", str(schema_path()), str(bad))
    assert res.returncode == 1 and "licencing" in res.stdout


def walk(node: dict, path: str = ""):
    yield path, node
    for key, sub in node.get("properties", {}).items():
        yield from walk(sub, f"{path}.{key}")


def test_every_property_has_a_chinese_title_and_description() -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    props = [(p, n) for p, n in walk(schema) if p]
    assert len(props) > 200
    for path, node in props:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in node["title"]), path
        assert any("\u4e00" <= ch <= "\u9fff" for ch in node["description"]), path


def test_every_object_is_closed() -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    for path, node in walk(schema):
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, path


def test_schema_covers_every_official_cell() -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    for table in L.TABLES:
        node = schema["properties"][table.section]
        for row in table.rows:
            row_node = node
            for part in row.path:
                row_node = row_node["properties"][part]
            assert row_node["title"] == row.label
            assert [row_node["properties"][c.key]["title"] for c in row.columns] == [c.label for c in row.columns]
    counts = {t.section: sum(len(r.columns) for r in t.rows) for t in L.TABLES}
    assert counts == {"proactive_disclosure": 10, "applications": 175, "review_and_litigation": 15}


@pytest.mark.parametrize("key", ["title", "intro", "signature", "organ_type"])
def test_optional_fields_are_optional(key: str) -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    assert key in schema["properties"] and key not in schema["required"]


def test_keys_are_ascii_snake_case() -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    for path, _ in walk(schema):
        for part in filter(None, path.split(".")):
            assert part.isascii() and part == part.lower() and " " not in part, path


def test_schema_command_prints_the_path_and_the_schema() -> None:
    from conftest import cli

    assert cli("schema").stdout.strip() == str(schema_path())
    assert json.loads(cli("schema", "--print").stdout)["title"].startswith("政府信息公开工作年度报告")
    assert (ROOT / "schema" / schema_path().name) == schema_path()
