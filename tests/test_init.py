"""gipr-gen init: a complete report skeleton that passes check, carries last year's figures with
--previous, and never replaces a file it should not.

Expected labels come from the spec (tests/data/official-2021.yaml), expected figures from the files
involved (read with yaml.safe_load), never from the code under test.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, cli

OFFICIAL = yaml.safe_load((ROOT / "tests" / "data" / "official-2021.yaml").read_text(encoding="utf-8"))
SECTION_KEYS = [s["key"] for s in OFFICIAL["sections"]]
YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"
SUINING = ROOT / "inputs" / "suining-ciyin-2023.yaml"
PLACEHOLDER = "（待填写）"  # what init leaves where text is to be written (README, rule N-04)
CJK = re.compile(r"[\u4e00-\u9fff]")


def modeline_target(report: Path) -> str:
    """The schema a report's ``# yaml-language-server: $schema=`` modeline names, as written."""
    first = report.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    return first[len(prefix):]


# The schema every bundled example points at (inputs/*.yaml say ../schema/…): the one a checkout holds.
SCHEMA = (ROOT / "inputs" / modeline_target(YUNXI)).resolve()


def init(*args: str, **kwargs):
    return cli("init", *args, **kwargs)


def findings(path: Path, *more: str) -> list[dict]:
    res = cli("check", "--format", "json", str(path), *more)
    assert res.returncode in (0, 1), res.stderr
    return json.loads(res.stdout)


@pytest.fixture
def skeleton(tmp_path: Path) -> Path:
    out = tmp_path / "reports" / "2024.yaml"
    res = init("--organ", "鹿邑县真源街道办事处", "--year", "2024", "--organ-type", "township_or_street", "-o", str(out))
    assert res.returncode == 0, res.stderr
    return out


def _fill(path: Path, row: str, column: str, value: int) -> None:
    """Set one cell of a one-line flow-mapping row."""
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(rf"(^\s*{row}:\s*\{{[^}}]*\b{column}: )\d+", rf"\g<1>{value}", text, count=1, flags=re.M)
    assert n == 1, (row, column)
    path.write_text(new, encoding="utf-8")


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """A 2023 report with 2 applications carried forward and 7 normative documents in force."""
    prev = tmp_path / "last-year.yaml"  # no year in the name: messages that name a year must get it elsewhere
    assert init("--organ", "某县人民政府", "--year", "2023", "-o", str(prev)).returncode == 0
    _fill(prev, "received", "natural_person", 5)
    _fill(prev, "disclosed", "natural_person", 3)
    _fill(prev, "carried_forward", "natural_person", 2)
    _fill(prev, "normative_documents", "issued", 4)
    _fill(prev, "normative_documents", "in_force", 7)
    _fill(prev, "regulations", "in_force", 1)
    assert not [f for f in findings(prev) if f["severity"] == "error"]
    return prev


def rows(node: dict, prefix: tuple[str, ...] = ()):
    """(path, cells) of every one-line row mapping in a table section as read by yaml.safe_load."""
    for key, value in node.items():
        if isinstance(value, dict) and value and all(not isinstance(v, dict) for v in value.values()):
            yield prefix + (key,), value
        elif isinstance(value, dict):
            yield from rows(value, prefix + (key,))


# ---- the skeleton is valid -----------------------------------------------------------------------


def test_skeleton_passes_check_with_nothing_but_reminders_to_fill_it_in(skeleton: Path) -> None:
    res = cli("check", str(skeleton))
    assert res.returncode == 0, res.stdout + res.stderr
    found = findings(skeleton)
    assert all(f["severity"] == "warning" for f in found)
    assert {f["rule"] for f in found} <= {"N-04", "S-05"}  # placeholders left; section 六 does not name fees yet
    text = skeleton.read_text(encoding="utf-8").splitlines()
    placeholder_lines = [i for i, line in enumerate(text, 1) if PLACEHOLDER in line and not line.startswith("#")]
    assert len(placeholder_lines) == 7  # the five overview topics, sections 五 and 六
    assert sorted(f["line"] for f in found if f["rule"] == "N-04") == placeholder_lines


def test_skeleton_is_the_report_asked_for_with_every_figure_zero(skeleton: Path) -> None:
    from gipr_gen.api import check_file

    checked = check_file(skeleton)
    assert checked.ok and checked.buildable()
    report = checked.report
    assert (report.organ, report.year, report.organ_type) == ("鹿邑县真源街道办事处", 2024, "township_or_street")
    data = yaml.safe_load(skeleton.read_text(encoding="utf-8"))
    assert data["format"] == "2021"  # the 2021 format, 国办公开办函〔2021〕30号
    assert [k for k in data if k in SECTION_KEYS] == SECTION_KEYS  # all six, in order
    for section in ("proactive_disclosure", "applications", "review_and_litigation"):
        cells = dict(rows(data[section]))
        assert cells and all(set(v.values()) == {0} for v in cells.values()), section
        assert not [p for p, v in cells.items() if "total" in v or p[-1] == "total"], section  # totals are derived


def test_skeletons_pass_the_schema_as_an_independent_validator_reads_it(skeleton: Path, previous: Path,
                                                                        tmp_path: Path) -> None:
    import jsonschema

    carried = tmp_path / "carried.yaml"
    assert init("--organ", "某县人民政府", "--year", "2024", "--previous", str(previous), "-o", str(carried)).returncode == 0
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for path in (skeleton, carried):
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), path


def test_bad_options_are_usage_errors_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "old.yaml"
    res = init("--organ", "某机关", "--year", "2020", "-o", str(out))  # the 2021 format starts with the 2021 reports
    assert res.returncode == 2 and "2020" in res.stderr and not out.exists()
    res = init("--organ", "  ", "--year", "2024", "-o", str(out))
    assert res.returncode == 2 and "--organ" in res.stderr and not out.exists()
    res = init("--organ", "某机关", "--year", "2024", "--organ-type", "village", "-o", str(out))
    assert res.returncode == 2 and "village" in res.stderr and not out.exists()
    res = init("--organ", "某机关", "--year", "二〇二四", "-o", str(out))
    assert res.returncode == 2 and not out.exists()
    assert init("--organ", "某机关", "--year", "2021", "-o", str(out)).returncode == 0  # the first year it covers


# ---- the skeleton is complete --------------------------------------------------------------------


def test_header_and_fields(skeleton: Path) -> None:
    # outside the checkout: a copy of the schema beside the report, so the modeline holds on any machine
    assert modeline_target(skeleton) == SCHEMA.name
    assert (skeleton.parent / SCHEMA.name).read_bytes() == SCHEMA.read_bytes()
    data = yaml.safe_load(skeleton.read_text(encoding="utf-8"))
    assert (data["organ"], data["year"], data["organ_type"]) == ("鹿邑县真源街道办事处", 2024, "township_or_street")
    assert "2024年1月1日至12月31日" in data["intro"]  # the statistics period of spec §2.2


def test_any_organ_name_is_written_so_that_it_reads_back_unchanged(tmp_path: Path) -> None:
    organ = '某局 #2: "试点" & *其他*'  # YAML comment, mapping, quote and alias characters
    out = tmp_path / "odd.yaml"
    assert init("--organ", organ, "--year", "2024", "-o", str(out)).returncode == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["organ"] == organ
    assert not [f for f in findings(out) if f["severity"] == "error"]


def test_schema_reference_is_relative_inside_a_checkout() -> None:
    from gipr_gen.api import schema_reference
    from gipr_gen.formats import DEFAULT

    # a report one folder down in a checkout points at the schema as the bundled inputs/ examples do
    assert schema_reference(ROOT / "reports" / "2024.yaml", DEFAULT) == modeline_target(YUNXI)
    assert schema_reference(ROOT / "r.yaml", DEFAULT) == f"schema/{SCHEMA.name}"
    assert schema_reference(ROOT / "a" / "b" / "r.yaml", DEFAULT) == f"../../schema/{SCHEMA.name}"


def test_every_section_row_column_and_label_is_written(skeleton: Path) -> None:
    text = skeleton.read_text(encoding="utf-8")
    lines = text.splitlines()
    data = yaml.safe_load(text)
    comments = "".join(line.split("# ", 1)[1] for line in lines if line.lstrip().startswith("# "))
    for section in OFFICIAL["sections"]:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{section['key']}:"))
        above = [line for line in lines[:at] if line.startswith("# ")][-2:]  # its comment, maybe wrapped
        assert any(line.startswith(f"# {section['heading']}") for line in above), section
    for key, table in OFFICIAL["tables"].items():
        totals = table.get("totals", {})
        for row in table["rows"]:
            path = row["path"].split(".")
            columns = row.get("columns", table.get("columns"))
            if row["path"] == totals.get("row"):  # （七）总计: left out, named in a comment
                node = data[key]
                for part in path[:-1]:
                    node = node[part]
                assert path[-1] not in node and f"{path[-1]}: {row['label']}" in text
                continue
            node = data[key]
            for part in path:
                node = node[part]
            assert node == {c: 0 for c in columns if c != totals.get("column")}, row
            # one flow mapping per line, the official label beside it
            assert any(re.match(rf"\s*{path[-1]}:\s*\{{", line) and line.endswith(f"# {row['label']}")
                       for line in lines), row
            for column, label in columns.items():
                assert f"{label}{column}" in comments.replace(" ", ""), (column, label)  # wrapping may break at the space
        for group in table["groups"]:
            if "key" in group:
                last = group["key"].split(".")[-1]
                assert any(re.match(rf"\s*{last}:\s*#\s*{re.escape(group['label'])}$", line) for line in lines), group
            else:
                assert f"# {group['label']}" in text, group


def test_overview_has_the_five_topics_as_sub_headings(skeleton: Path) -> None:
    overview = yaml.safe_load(skeleton.read_text(encoding="utf-8"))["overview"]
    assert [line[2:] for line in overview.splitlines() if line.startswith("# ")] == OFFICIAL["overview_topics"]


def test_without_an_organ_type_the_choices_are_listed(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    assert init("--organ", "某局", "--year", "2025", "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "organ_type" not in yaml.safe_load(text)
    choices = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["organ_type"]["enum"]
    comments = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert len(choices) == 7 and all(c in comments for c in choices)


def test_default_output_is_the_year_in_the_current_folder(tmp_path: Path) -> None:
    res = init("--organ", "某局", "--year", "2025", cwd=tmp_path)
    assert res.returncode == 0 and "2025.yaml" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025.yaml", "gipr-report.schema.json"]
    assert yaml.safe_load((tmp_path / "2025.yaml").read_text(encoding="utf-8"))["year"] == 2025


# ---- --previous ----------------------------------------------------------------------------------


def test_previous_carries_the_figures_and_says_so(previous: Path, tmp_path: Path) -> None:
    out = tmp_path / "2024.yaml"
    res = init("--organ", "某县人民政府", "--year", "2024", "--previous", str(previous), "-o", str(out))
    assert res.returncode == 0 and str(previous) in res.stderr and str(out) in res.stderr
    last = yaml.safe_load(previous.read_text(encoding="utf-8"))
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    carried = {k: v for k, v in last["applications"]["carried_forward"].items() if k != "total"}
    assert carried["natural_person"] == 2
    assert data["applications"]["carried_over"] == carried
    assert data["applications"]["carried_forward"] == carried  # keeps the balance until the results are filled in
    for row in ("regulations", "normative_documents"):  # in force carried; this year's issued and repealed 0
        assert data["proactive_disclosure"][row] == {
            "issued": 0, "repealed": 0, "in_force": last["proactive_disclosure"][row]["in_force"]}
    assert (data["proactive_disclosure"]["normative_documents"]["in_force"],
            data["proactive_disclosure"]["regulations"]["in_force"]) == (7, 1)
    # the cross-year rules agree, and nothing is wrong
    found = findings(out, "--previous", str(previous))
    assert not [f for f in found if f["rule"] in ("T3-07", "T2-03") or f["severity"] == "error"]
    lines = out.read_text(encoding="utf-8").splitlines()
    line = next(x for x in lines if x.lstrip().startswith("carried_over:"))
    assert str(previous) in line and "四、结转下年度继续办理" in line  # where the figures came from
    for key in ("regulations", "normative_documents"):
        assert str(previous) in next(x for x in lines if x.lstrip().startswith(f"{key}:"))


def test_previous_real_report_with_warnings_is_carried(tmp_path: Path) -> None:
    for last_year in (YUNXI, SUINING):  # 云溪 has no findings, 慈音 has warnings: both are usable
        last = yaml.safe_load(last_year.read_text(encoding="utf-8"))
        out = tmp_path / f"{last['year'] + 1}.yaml"
        res = init("--organ", last["organ"], "--year", str(last["year"] + 1), "--previous", str(last_year), "-o", str(out))
        assert res.returncode == 0, res.stderr
        data = yaml.safe_load(out.read_text(encoding="utf-8"))
        assert data["applications"]["carried_over"] == {
            k: v for k, v in last["applications"]["carried_forward"].items() if k != "total"}
        for row in ("regulations", "normative_documents"):
            assert data["proactive_disclosure"][row]["in_force"] == last["proactive_disclosure"][row]["in_force"]
        assert not [f for f in findings(out, "--previous", str(last_year)) if f["rule"] in ("T3-07", "T2-03")]


def test_previous_with_errors_or_missing_is_refused(tmp_path: Path) -> None:
    bad, out = tmp_path / "bad.yaml", tmp_path / "2024.yaml"
    bad.write_text("year: abc\n", encoding="utf-8")
    res = init("--organ", "某局", "--year", "2024", "--previous", str(bad), "-o", str(out))
    assert res.returncode == 2 and str(bad) in res.stderr and "Y-TYPE" in res.stderr and not out.exists()
    missing = tmp_path / "none.yaml"
    res = init("--organ", "某局", "--year", "2024", "--previous", str(missing), "-o", str(out))
    assert res.returncode == 2 and str(missing) in res.stderr and "Traceback" not in res.stderr
    assert not out.exists()


def test_previous_of_another_year_is_noted(previous: Path, tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    res = init("--organ", "某局", "--year", "2026", "--previous", str(previous), "-o", str(out), "--lang", "en")
    assert res.returncode == 0 and out.exists()
    note = [line for line in res.stderr.splitlines() if "2023" in line]  # the year the previous report covers
    assert note and "2025" in note[0]  # and the year it should have covered


# ---- writing -------------------------------------------------------------------------------------


def test_refuses_to_overwrite_without_force(skeleton: Path) -> None:
    skeleton.write_text("mine\n", encoding="utf-8")
    res = init("--organ", "某局", "--year", "2024", "-o", str(skeleton))
    assert res.returncode == 2 and str(skeleton) in res.stderr and "--force" in res.stderr
    assert skeleton.read_text(encoding="utf-8") == "mine\n"
    assert init("--organ", "某局", "--year", "2024", "-o", str(skeleton), "--force").returncode == 0
    assert yaml.safe_load(skeleton.read_text(encoding="utf-8"))["organ"] == "某局"
    assert not [f for f in findings(skeleton) if f["severity"] == "error"]
    assert sorted(p.name for p in skeleton.parent.iterdir()) == sorted([skeleton.name, "gipr-report.schema.json"])  # no temporary file left


def test_unwritable_path_exits_2_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "sub" / "2024.yaml"  # a folder under a regular file
    res = init("--organ", "某局", "--year", "2024", "-o", str(target))
    assert res.returncode == 2 and str(target) in res.stderr and "Traceback" not in res.stderr
    (tmp_path / "2024.yaml").mkdir()  # -o a folder writes 2024.yaml in it (test_outputs): here a folder too
    res = init("--organ", "某局", "--year", "2024", "-o", str(tmp_path))
    assert res.returncode == 2 and str(tmp_path / "2024.yaml") in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024.yaml", "file"]
    assert not any((tmp_path / "2024.yaml").iterdir())


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    try:
        res = init("--organ", "某局", "--year", "2024", "-o", str(folder / "r.yaml"))
    finally:
        folder.chmod(0o755)
    assert res.returncode == 2 and "Traceback" not in res.stderr and not (folder / "r.yaml").exists()


def test_messages_in_the_chosen_language(skeleton: Path) -> None:
    zh = init("--organ", "某局", "--year", "2024", "-o", str(skeleton))
    en = init("--organ", "某局", "--year", "2024", "-o", str(skeleton), "--lang", "en")
    assert zh.returncode == en.returncode == 2
    assert CJK.search(zh.stderr) and not CJK.search(en.stderr)  # the path itself is ASCII


def test_previous_carries_the_kind_of_body_unless_given(tmp_path: Path) -> None:
    last = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"
    kind = yaml.safe_load(last.read_text(encoding="utf-8"))["organ_type"]
    carried, given = tmp_path / "carried.yaml", tmp_path / "given.yaml"
    assert init("--organ", "某县市场监督管理局", "--year", "2025", "--previous", str(last), "-o", str(carried)).returncode == 0
    assert yaml.safe_load(carried.read_text(encoding="utf-8"))["organ_type"] == kind
    assert init("--organ", "某县市场监督管理局", "--year", "2025", "--previous", str(last), "--organ-type", "other",
                "-o", str(given)).returncode == 0
    assert yaml.safe_load(given.read_text(encoding="utf-8"))["organ_type"] == "other"
