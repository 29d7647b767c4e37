"""The JSON Schema editors and other tools use: generated from the layout, valid under its metaschema,
accepting the examples, covering every official cell with the spec's labels (tests/data); and
`gipr-gen schema`, which says where it is.

The schema is read here by an independent validator (the jsonschema library) and, once, by the real
check-jsonschema command the README recommends.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import INPUTS, ROOT, VENV_BIN, cli

OFFICIAL = yaml.safe_load((ROOT / "tests" / "data" / "official-2021.yaml").read_text(encoding="utf-8"))


def modeline_schema(path: Path) -> Path:
    """The schema a report names in its modeline (# yaml-language-server: $schema=../schema/…)."""
    return (path.parent / path.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]).resolve()


# the 2021 format's schema, which the bundled 2021 examples name (the 2019 one: tests/test_format_2019.py)
SCHEMA_PATH = modeline_schema(INPUTS[0])
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
EXAMPLES_2021 = [p for p in INPUTS if modeline_schema(p) == SCHEMA_PATH]


def validator(schema: dict = SCHEMA):
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def walk(node: dict, path: str = ""):
    yield path, node
    for key, sub in node.get("properties", {}).items():
        yield from walk(sub, f"{path}.{key}")


def test_committed_schema_is_the_generated_one() -> None:
    # a freshness check of the committed file (what editors and check-jsonschema read), not an expectation:
    # what the schema says is tested below against the spec
    from gipr_gen.readers.schema_gen import render

    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run: python -m gipr_gen.readers.schema_gen"


def test_schema_passes_its_metaschema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator().check_schema(SCHEMA)  # raises SchemaError


def test_every_example_is_valid() -> None:
    assert len(EXAMPLES_2021) >= 3
    for path in INPUTS:  # under the schema its modeline names
        schema = json.loads(modeline_schema(path).read_text(encoding="utf-8"))
        assert not list(validator(schema).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), path


@pytest.mark.parametrize("old,new,where", [
    ("licensing:", "licencing:", "proactive_disclosure"),  # a misspelt row
    ("{decisions: 0}", "{decisions: 12件}", "proactive_disclosure.licensing.decisions"),  # a number as text
    ("{upheld: 0,", "{upheld: -1,", "review_and_litigation.review.upheld"),  # a negative count
    ('format: "2021"', 'format: "2019"', "format"),
])
def test_schema_rejects_what_check_rejects(old: str, new: str, where: str) -> None:
    text = INPUTS[0].read_text(encoding="utf-8")
    assert old in text
    errors = list(validator().iter_errors(yaml.safe_load(text.replace(old, new, 1))))
    assert errors and {".".join(map(str, e.absolute_path)) for e in errors} == {where}


def test_check_jsonschema_command_accepts_examples_and_skeletons_and_rejects_a_misspelt_key(tmp_path: Path) -> None:
    # A subprocess because this is the command the README recommends to other tools' users: it must
    # find the schema's dialect and read the reports' YAML as given, which only the real tool shows.
    skeleton = tmp_path / "skeleton.yaml"
    assert cli("init", "--organ", "某局", "--year", "2024", "-o", str(skeleton)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(INPUTS[0].read_text(encoding="utf-8").replace("licensing:", "licencing:"), encoding="utf-8")
    good = [*map(str, EXAMPLES_2021), str(skeleton)]
    res = subprocess.run([str(VENV_BIN / "check-jsonschema"), "--schemafile", str(SCHEMA_PATH), *good, str(bad)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "licencing" in res.stdout and str(bad) in res.stdout
    assert not [p for p in good if p in res.stdout]  # only the bad file is named


def test_every_property_has_a_chinese_title_and_description() -> None:
    props = [(p, n) for p, n in walk(SCHEMA) if p]
    assert len(props) > 200
    for path, node in props:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in node["title"]), path
        assert any("\u4e00" <= ch <= "\u9fff" for ch in node["description"]), path


def test_every_object_is_closed() -> None:
    for path, node in walk(SCHEMA):
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, path


def test_sections_are_required_with_their_official_headings() -> None:
    sections = OFFICIAL["sections"]
    assert [k for k in SCHEMA["properties"] if k in {s["key"] for s in sections}] == [s["key"] for s in sections]
    assert set(SCHEMA["required"]) == {"format", "organ", "year", *(s["key"] for s in sections)}
    for s in sections:
        title = SCHEMA["properties"][s["key"]]["title"]
        assert s["heading"] in title or s["heading"].split("、", 1)[1] in title, (s, title)


def test_schema_covers_every_official_cell_with_its_label() -> None:
    for key, table in OFFICIAL["tables"].items():
        node = SCHEMA["properties"][key]
        cells = 0
        for row in table["rows"]:
            row_node = node
            for part in row["path"].split("."):
                row_node = row_node["properties"][part]
            assert row_node["title"] == row["label"], row
            columns = row.get("columns", table.get("columns"))
            assert list(row_node["properties"]) == list(columns), row  # official order
            assert [row_node["properties"][c]["title"] for c in columns] == list(columns.values()), row
            cells += len(columns)
        assert cells == table["data_cells"], key  # 10, 175 and 15 (spec §3, §4.2, §5.1)
        for group in table["groups"]:
            if "key" in group:
                group_node = node
                for part in group["key"].split("."):
                    group_node = group_node["properties"][part]
                assert group_node["title"] == group["label"], group


def test_totals_may_be_left_out_but_every_other_cell_is_required() -> None:
    for key, table in OFFICIAL["tables"].items():
        totals = table.get("totals", {})
        for row in table["rows"]:
            parts = row["path"].split(".")
            parent = SCHEMA["properties"][key]
            for part in parts[:-1]:
                parent = parent["properties"][part]
            assert (parts[-1] in parent["required"]) is (row["path"] != totals.get("row")), row
            columns = row.get("columns", table.get("columns"))
            cell_required = parent["properties"][parts[-1]]["required"]
            assert set(cell_required) == {c for c in columns if c != totals.get("column")}, row


@pytest.mark.parametrize("key", ["title", "intro", "signature", "organ_type"])
def test_optional_fields_are_optional(key: str) -> None:
    assert key in SCHEMA["properties"] and key not in SCHEMA["required"]


def test_keys_are_ascii_snake_case() -> None:
    for path, _ in walk(SCHEMA):
        for part in filter(None, path.split(".")):
            assert part.isascii() and part == part.lower() and " " not in part, path


# ---- gipr-gen schema ------------------------------------------------------------------------------


def test_schema_command_prints_the_path_editors_should_use() -> None:
    res = cli("schema")
    assert res.returncode == 0 and res.stderr == ""
    printed = Path(res.stdout.strip())
    assert res.stdout == f"{printed}\n" and printed.is_absolute()
    assert printed.samefile(SCHEMA_PATH)


def test_schema_print_prints_the_schema_itself() -> None:
    res = cli("schema", "--print")
    assert res.returncode == 0 and res.stdout == SCHEMA_PATH.read_text(encoding="utf-8")
    assert json.loads(res.stdout) == SCHEMA
