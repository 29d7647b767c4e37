"""`gipr-gen build` as a user runs it: refusal and --force, several files, unwritable outputs,
nothing half-written and the input never touched."""

from __future__ import annotations

import hashlib

from conftest import ROOT, cli

LUYI = ROOT / "inputs" / "luyi-zhenyuan-2023.yaml"
YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"


def broken_copy(tmp_path):
    text = YUNXI.read_text(encoding="utf-8")
    line = next(t for t in text.splitlines() if t.strip().startswith("carried_forward:"))
    bad = tmp_path / "broken.yaml"
    bad.write_text(text.replace(line, line.replace("natural_person: ", "natural_person: 1"), 1), encoding="utf-8")
    return bad


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_builds_markdown_and_html(tmp_path) -> None:
    res = cli("build", str(LUYI), "-o", str(tmp_path / "out"), "--to", "md,html")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["luyi-zhenyuan-2023.html", "luyi-zhenyuan-2023.md"]


def test_report_with_errors_is_refused_and_nothing_written(tmp_path) -> None:
    bad = broken_copy(tmp_path)
    before = digest(bad)
    out = tmp_path / "out"
    res = cli("build", str(bad), "-o", str(out), "--to", "md,html")
    assert res.returncode == 1
    assert " 错误 T3-01 " in res.stdout and "--force" in res.stderr
    assert not out.exists() or not any(out.iterdir())
    assert digest(bad) == before


def test_force_builds_and_says_so(tmp_path) -> None:
    bad = broken_copy(tmp_path)
    res = cli("build", str(bad), "-o", str(tmp_path / "out"), "--to", "md", "--force")
    assert res.returncode == 1 and "--force" in res.stderr
    assert (tmp_path / "out" / "broken.md").stat().st_size > 1000


def test_malformed_report_is_not_built_even_with_force(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(LUYI.read_text(encoding="utf-8").replace("licensing:           {decisions: 0}",
                                                            "licensing:           {decisions: 十二}"), encoding="utf-8")
    res = cli("build", str(bad), "-o", str(tmp_path / "out"), "--to", "md", "--force")
    assert res.returncode == 1 and " 错误 T2-01 " in res.stdout
    assert not (tmp_path / "out").exists()


def test_several_files_each_built_or_refused(tmp_path) -> None:
    bad = broken_copy(tmp_path)
    out = tmp_path / "out"
    res = cli("build", str(LUYI), str(bad), "-o", str(out), "--to", "md")
    assert res.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["luyi-zhenyuan-2023.md"]


def test_unwritable_output_is_exit_2_without_traceback(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    res = cli("build", str(LUYI), "-o", str(blocker / "out"), "--to", "md")
    assert res.returncode == 2 and "无法写入" in res.stderr and "Traceback" not in res.stderr


def test_existing_output_is_replaced_whole_and_no_temporary_files_remain(tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "luyi-zhenyuan-2023.md").write_text("old")
    assert cli("build", str(LUYI), "-o", str(out), "--to", "md,html").returncode == 0
    assert (out / "luyi-zhenyuan-2023.md").read_text(encoding="utf-8").startswith("# 鹿邑县真源街道办事处")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_output_next_to_the_input_never_overwrites_it(tmp_path) -> None:
    report = tmp_path / "report.md"  # a report file whose name collides with its own Markdown output
    report.write_text(LUYI.read_text(encoding="utf-8"), encoding="utf-8")
    before = digest(report)
    res = cli("build", str(report), "-o", str(tmp_path), "--to", "md")
    assert res.returncode == 2 and "输入文件" in res.stderr
    assert digest(report) == before


def test_usage_errors(tmp_path) -> None:
    assert cli("build", str(LUYI), "--to", "pdfx", "-o", str(tmp_path)).returncode == 2
    assert cli("build", "-o", str(tmp_path)).returncode == 2
    missing = cli("build", str(tmp_path / "none.yaml"), "-o", str(tmp_path), "--to", "md")
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
    en = cli("build", str(tmp_path / "none.yaml"), "-o", str(tmp_path), "--to", "md", "--lang", "en")
    assert "file not found" in en.stderr


def test_markdown_with_no_place_in_the_layout_is_a_located_error(tmp_path) -> None:
    text = LUYI.read_text(encoding="utf-8")
    text = text.replace("  2023年度真源街道办事处政务公开无收费情况。",
                        "  2023年度真源街道办事处政务公开无收费情况。\n\n  ![公章](seal.png)\n\n      code()\n")
    path = tmp_path / "pictures.yaml"
    path.write_text(text, encoding="utf-8")
    res = cli("build", str(path), "-o", str(tmp_path / "out"))
    assert res.returncode == 1 and not (tmp_path / "out").exists()
    lines = text.splitlines()
    image = next(i for i, t in enumerate(lines, 1) if "![公章]" in t)
    code = next(i for i, t in enumerate(lines, 1) if "code()" in t)
    assert f"{path}:{image}:1: 错误 N-03 " in res.stdout and "图片" in res.stdout
    assert f"{path}:{code}:1: 错误 N-03 " in res.stdout and "代码" in res.stdout


def test_reports_with_the_same_name_are_refused_before_anything_is_built(tmp_path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.yaml").write_text(LUYI.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    res = cli("build", str(tmp_path / "a" / "r.yaml"), str(tmp_path / "b" / "r.yaml"), "-o", str(out), "--to", "md")
    assert res.returncode == 2 and "同名" in res.stderr and not out.exists()


def test_pdf_needs_the_word_file(tmp_path) -> None:
    res = cli("build", str(LUYI), "-o", str(tmp_path / "out"), "--to", "md", "--pdf")
    assert res.returncode == 2 and "docx" in res.stderr and not (tmp_path / "out").exists()


def test_inline_markup_is_located_on_its_own_line(tmp_path) -> None:
    text = LUYI.read_text(encoding="utf-8").replace(
        "  2023年度真源街道办事处政务公开无收费情况。", "  2023年度真源街道办事处\n  政务公开无收费情况。<br>\n  完。")
    path = tmp_path / "inline.yaml"
    path.write_text(text, encoding="utf-8")
    res = cli("build", str(path), "-o", str(tmp_path / "out"), "--to", "md")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "<br>" in t)
    assert res.returncode == 1 and f"{path}:{line}:1: 错误 N-03 " in res.stdout


def test_library_load_reports_narrative_problems_with_their_line(tmp_path) -> None:
    import pytest

    from gipr_gen.api import load
    from gipr_gen.errors import ReportError

    text = LUYI.read_text(encoding="utf-8").replace("  2023年度真源街道办事处政务公开无收费情况。",
                                                     "  2023年度真源街道办事处政务公开无收费情况。\n\n  ![章](a.png)")
    path = tmp_path / "img.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load(path)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "![章]" in t)
    assert [(d.rule, d.line) for d in exc.value.checked.errors] == [("N-03", line)]
