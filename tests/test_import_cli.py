"""`gipr-gen import` as a user runs it: files in, YAML out, exit codes, nothing overwritten, and
`init --previous` taking last year's published report."""

from __future__ import annotations

from pathlib import Path

import yaml

from gipr_gen.api import load, render

from conftest import ROOT, cli

YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"


def _published(tmp_path: Path, edition: str) -> Path:
    path = tmp_path / f"yunxi-2024.{edition}"
    path.write_bytes(render(load(YUNXI), edition))
    return path


def test_import_writes_a_report_that_checks_with_the_published_tables(tmp_path: Path) -> None:
    source = _published(tmp_path, "docx")
    res = cli("import", str(source), "-o", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    written = tmp_path / "out" / "yunxi-2024.yaml"
    data, original = yaml.safe_load(written.read_text(encoding="utf-8")), yaml.safe_load(YUNXI.read_text(encoding="utf-8"))
    for section in ("proactive_disclosure", "review_and_litigation"):
        for row, cells in original[section].items():
            if isinstance(cells, dict) and row != "text":
                assert {k: v for k, v in data[section][row].items() if k in cells} == cells, row
    assert (data["organ"], data["year"]) == (original["organ"], original["year"])
    assert cli("check", str(written)).returncode == 0


def test_import_never_overwrites_without_force_and_says_so(tmp_path: Path) -> None:
    source = _published(tmp_path, "html")
    (tmp_path / "yunxi-2024.yaml").write_text("mine", encoding="utf-8")
    res = cli("import", str(source), "-o", str(tmp_path))
    assert res.returncode == 2 and "--force" in res.stderr
    assert (tmp_path / "yunxi-2024.yaml").read_text(encoding="utf-8") == "mine"
    assert cli("import", str(source), "-o", str(tmp_path), "--force").returncode == 0
    assert (tmp_path / "yunxi-2024.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_unreadable_sources_exit_2_with_the_file_named_and_write_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "broken.pdf"
    junk.write_bytes(b"%PDF-1.4\n\x00\x01 not really")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    for path in (junk, empty, tmp_path / "missing.html"):
        res = cli("import", str(path), "-o", str(tmp_path / "out"))
        assert res.returncode == 2 and path.name in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert not (tmp_path / "out").exists()
    same = cli("import", str(_published(tmp_path, "md")), str(_published(tmp_path, "html")), "-o", str(tmp_path))
    assert same.returncode == 2  # both would write yunxi-2024.yaml


def test_messages_follow_lang(tmp_path: Path) -> None:
    res = cli("import", str(tmp_path / "missing.docx"), "--lang", "en")
    assert res.returncode == 2 and "not found" in res.stderr.lower()


def test_init_previous_takes_last_year_s_published_report(tmp_path: Path) -> None:
    source = _published(tmp_path, "docx")
    original = yaml.safe_load(YUNXI.read_text(encoding="utf-8"))
    res = cli("init", "--organ", original["organ"], "--year", str(original["year"] + 1), "--previous", str(source),
              "-o", str(tmp_path / "next.yaml"))
    assert res.returncode == 0, res.stderr
    data = yaml.safe_load((tmp_path / "next.yaml").read_text(encoding="utf-8"))
    forward = original["applications"]["carried_forward"]
    assert {k: v for k, v in data["applications"]["carried_over"].items() if k in forward and k != "total"} == \
        {k: v for k, v in forward.items() if k != "total"}
