"""gipr-gen init (the report skeleton) and gipr-gen schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gipr_gen.formats.f2021 import layout as L
from gipr_gen.formats import F2021
from gipr_gen.api import check_file
from gipr_gen.cli import main
from gipr_gen.resources import schema_path
from gipr_gen.api import schema_reference as _schema_reference
from gipr_gen.formats import F2021
from gipr_gen.writers.skeleton import skeleton as make_skeleton


def scaffold(organ, year, organ_type=None, previous=None, schema_ref=""):
    return make_skeleton(F2021, organ, year, organ_type, previous, schema_ref)


def schema_reference(path):
    return _schema_reference(path, F2021)


def overview_topics():
    return list(F2021.overview_topics)

BIN = Path(sys.executable).parent


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as exc:
        main(list(args))
    return exc.value.code, out.getvalue(), err.getvalue()


@pytest.fixture
def skeleton(tmp_path: Path) -> Path:
    out = tmp_path / "reports" / "2024.yaml"
    code, _, err = run("init", "--organ", "鹿邑县真源街道办事处", "--year", "2024",
                       "--organ-type", "township_or_street", "-o", str(out))
    assert code == 0, err
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
    prev = tmp_path / "2023.yaml"
    assert run("init", "--organ", "某县人民政府", "--year", "2023", "-o", str(prev))[0] == 0
    _fill(prev, "received", "natural_person", 5)
    _fill(prev, "disclosed", "natural_person", 3)
    _fill(prev, "carried_forward", "natural_person", 2)
    _fill(prev, "normative_documents", "issued", 4)
    _fill(prev, "normative_documents", "in_force", 7)
    _fill(prev, "regulations", "in_force", 1)
    assert check_file(prev).ok
    return prev


# ---- the skeleton is valid -----------------------------------------------------------------------


def test_skeleton_passes_the_real_check_command(skeleton: Path) -> None:
    proc = subprocess.run([str(BIN / "gipr-gen"), "check", str(skeleton)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_skeleton_checks_clean_via_the_api(skeleton: Path) -> None:
    checked = check_file(skeleton)
    assert checked.ok and checked.buildable(), [d.format("en") for d in checked.errors]
    report = checked.report
    assert (report.organ, report.year, report.organ_type, report.format.name) == (
        "鹿邑县真源街道办事处", 2024, "township_or_street", L.FORMAT)
    for table in report.tables.values():
        assert set(table.values.values()) == {0}
        assert not any(table.spec.row(p).row.total or c == "total" for p, c in table.given)  # totals derived


def test_check_jsonschema_accepts_the_skeleton(skeleton: Path, previous: Path, tmp_path: Path) -> None:
    carried = tmp_path / "carried.yaml"
    assert run("init", "--organ", "某县人民政府", "--year", "2024", "--previous", str(previous),
               "-o", str(carried))[0] == 0
    proc = subprocess.run([str(BIN / "check-jsonschema"), "--schemafile", str(schema_path()),
                           str(skeleton), str(carried)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_bad_options_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "old.yaml"
    code, _, err = run("init", "--organ", "某机关", "--year", "1999", "-o", str(out))
    assert code == 2 and "1999" in err and not out.exists()
    code, _, err = run("init", "--organ", "  ", "--year", "2024", "-o", str(out))
    assert code == 2 and "--organ" in err and not out.exists()


# ---- the skeleton is complete --------------------------------------------------------------------


def test_header_and_fields(skeleton: Path) -> None:
    lines = skeleton.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={schema_path().resolve().as_posix()}"
    data = yaml.safe_load("\n".join(lines))
    assert data["format"] == L.FORMAT and data["organ_type"] == "township_or_street"
    assert "2024年1月1日至12月31日" in data["intro"]


def test_schema_reference_is_relative_inside_a_shared_folder() -> None:
    root = schema_path().resolve().parent.parent
    assert schema_reference(root / "reports" / "2024.yaml") == f"../schema/{schema_path().name}"
    assert schema_reference(root / "r.yaml") == f"schema/{schema_path().name}"


def test_every_section_row_column_and_label_is_written(skeleton: Path) -> None:
    text = skeleton.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    comments = "".join(line.split("# ", 1)[1] for line in text.splitlines() if line.lstrip().startswith("# "))
    for section in L.SECTIONS:
        assert section.key in data
        assert f"{section.heading}：{section.hint}" in comments  # wrapped over comment lines
    for table in L.TABLES:
        for row in table.rows:
            node = data[table.section]
            for part in row.path[:-1]:
                node = node[part]
            if row.row.total:
                assert row.path[-1] not in node and f"{row.path[-1]}: {row.label}" in text
                continue
            # one flow mapping per line, zeros in every non-total column, the label beside it
            line = next(x for x in text.splitlines() if re.match(rf"\s*{row.path[-1]}:\s*\{{", x)
                        and x.endswith(f"# {row.label}"))
            assert node[row.path[-1]] == {c.key: 0 for c in row.columns if not c.total}, line
        for item in _groups(table.body):
            assert item.label in text
        for col in {c for r in table.rows for c in r.columns}:
            assert f"{col.label}{col.key}" in comments.replace(" ", "")  # wrapping may break at the space


def _groups(items) -> list[L.Group]:
    out = []
    for item in items:
        if isinstance(item, L.Group):
            out += [item, *_groups(item.children)]
    return out


def test_overview_has_the_five_topics_as_sub_headings(skeleton: Path) -> None:
    topics = overview_topics()
    assert topics == ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]
    overview = yaml.safe_load(skeleton.read_text(encoding="utf-8"))["overview"]
    assert [line[2:] for line in overview.splitlines() if line.startswith("# ")] == topics


def test_scaffold_is_a_library_function() -> None:
    text = scaffold("某局", 2025, schema_ref="x.json")
    assert text.startswith("# yaml-language-server: $schema=x.json\n")
    assert "organ_type" not in yaml.safe_load(text)
    assert all(o.key in text for o in L.ORGAN_TYPES)  # the choices are listed in a comment


# ---- --previous ----------------------------------------------------------------------------------


def test_previous_carries_the_figures_and_says_so(previous: Path, tmp_path: Path) -> None:
    out = tmp_path / "2024.yaml"
    code, _, err = run("init", "--organ", "某县人民政府", "--year", "2024", "--previous", str(previous),
                       "-o", str(out))
    assert code == 0 and str(previous) in err
    checked = check_file(out, previous=previous)
    assert checked.ok and not [d for d in checked.diagnostics if d.rule in ("T3-07", "T2-03")]
    apps = checked.report.tables["applications"]
    assert apps.get(("carried_over",), "natural_person") == 2
    assert apps.get(("carried_over",), "total") == 2
    assert apps.get(("carried_forward",), "natural_person") == 2  # keeps the balance until filled in
    proactive = checked.report.tables["proactive_disclosure"]
    assert proactive.get(("normative_documents",), "in_force") == 7
    assert proactive.get(("regulations",), "in_force") == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    carried = next(x for x in lines if x.lstrip().startswith("carried_over:"))
    assert str(previous) in carried and L.APPLICATIONS.row(("carried_forward",)).label in carried
    for key in ("regulations", "normative_documents"):
        assert str(previous) in next(x for x in lines if x.lstrip().startswith(f"{key}:"))


def test_previous_with_errors_is_refused(tmp_path: Path) -> None:
    bad, out = tmp_path / "bad.yaml", tmp_path / "2024.yaml"
    bad.write_text("year: abc\n", encoding="utf-8")
    code, _, err = run("init", "--organ", "某局", "--year", "2024", "--previous", str(bad), "-o", str(out))
    assert code == 2 and "gipr-gen check" in err and "Y-TYPE" in err and not out.exists()
    code, _, err = run("init", "--organ", "某局", "--year", "2024", "--previous", str(tmp_path / "none.yaml"),
                       "-o", str(out))
    assert code == 2 and "none.yaml" in err and "Traceback" not in err and not out.exists()


def test_previous_of_another_year_is_noted(previous: Path, tmp_path: Path) -> None:
    code, _, err = run("init", "--organ", "某局", "--year", "2026", "--previous", str(previous),
                       "-o", str(tmp_path / "2026.yaml"), "--lang", "en")
    assert code == 0 and "covers 2023, not 2025" in err


# ---- writing -------------------------------------------------------------------------------------


def test_refuses_to_overwrite_without_force(skeleton: Path) -> None:
    skeleton.write_text("mine\n", encoding="utf-8")
    code, _, err = run("init", "--organ", "某局", "--year", "2024", "-o", str(skeleton))
    assert code == 2 and str(skeleton) in err and "--force" in err
    assert skeleton.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = run("init", "--organ", "某局", "--year", "2024", "-o", str(skeleton), "--force")
    assert code == 0 and check_file(skeleton).ok and check_file(skeleton).report.organ == "某局"
    assert not [p for p in skeleton.parent.iterdir() if p.name.endswith(".tmp")]


def test_unwritable_path_exits_2_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "sub" / "2024.yaml"  # a folder under a regular file
    code, _, err = run("init", "--organ", "某局", "--year", "2024", "-o", str(target))
    assert code == 2 and str(target) in err and "Traceback" not in err
    code, _, err = run("init", "--organ", "某局", "--year", "2024", "-o", str(tmp_path))
    assert code == 2 and str(tmp_path) in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    try:
        code, _, err = run("init", "--organ", "某局", "--year", "2024", "-o", str(folder / "r.yaml"))
    finally:
        folder.chmod(0o755)
    assert code == 2 and "Traceback" not in err and not (folder / "r.yaml").exists()


def test_messages_in_english(skeleton: Path) -> None:
    code, _, err = run("init", "--organ", "某局", "--year", "2024", "-o", str(skeleton), "--lang", "en")
    assert code == 2 and "already exists" in err and "已存在" not in err
    code, out, _ = run("init", "--help", "--lang", "en")
    assert code == 0 and "skeleton" in out and "Overwrite an existing file" in out


# ---- gipr-gen schema -----------------------------------------------------------------------------


def test_schema_prints_its_path() -> None:
    code, out, _ = run("schema")
    assert code == 0 and Path(out.strip()) == schema_path() and schema_path().is_file()


def test_schema_print_prints_the_schema() -> None:
    code, out, _ = run("schema", "--print")
    assert code == 0 and out == schema_path().read_text(encoding="utf-8")
    schema = json.loads(out)
    assert set(schema["required"]) >= {s.key for s in L.SECTIONS}
