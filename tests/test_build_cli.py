"""`gipr-gen build` as a user runs it: what check passes is built in every format, what check fails is
refused (narrative slips even with --force), several files, unwritable outputs, nothing half-written and
the input never touched.

Expected lines, columns and labels come from the report files and from the spec (tests/data), never
from the code under test.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import INPUTS, ROOT, cli

LUYI = ROOT / "inputs" / "luyi-zhenyuan-2023.yaml"
YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"  # no findings at all
OFFICIAL = yaml.safe_load((ROOT / "tests" / "data" / "official-2021.yaml").read_text(encoding="utf-8"))
HEADINGS = [s["heading"] for s in OFFICIAL["sections"]]
CJK = re.compile(r"[\u4e00-\u9fff]")
FINDING = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<column>\d+))?: \S+ (?P<rule>[A-Z][A-Z0-9]*-[A-Z0-9]+) .+$")


def findings(stdout: str) -> list[tuple[str, int, int, str]]:
    """(file, line, column, rule) of each finding printed; a line of any other form fails the test."""
    out = []
    for text in stdout.splitlines():
        m = FINDING.match(text)
        assert m, f"not a finding line: {text!r}"
        out.append((m["file"], int(m["line"] or 0), int(m["column"] or 0), m["rule"]))
    return out


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def broken_copy(tmp_path: Path) -> tuple[Path, int, int]:
    """云溪 with 13 (not 3) natural persons carried forward: T3-01 on that cell (the row's written 总计 is off by
    the same 10, so that is one mistake, reported once). Consistency errors only, so --force may build it.
    Returns the file, the line and the cell's column."""
    text = YUNXI.read_text(encoding="utf-8")
    old = next(t for t in text.splitlines() if t.strip().startswith("carried_forward:"))
    new = old.replace("natural_person: 3,", "natural_person: 13,")
    assert new != old
    bad = tmp_path / "broken.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    return bad, line_of(text, old), new.index("natural_person: 13") + len("natural_person: ") + 1


def docx_text(path: Path) -> str:
    """The words of a Word file, read with zipfile (no Word library): the body's XML without its tags."""
    with zipfile.ZipFile(path) as z:
        return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))


# ---- what check passes is built, in every format -------------------------------------------------


def _skeleton(tmp_path: Path) -> Path:
    path = tmp_path / "skeleton-2024.yaml"
    assert cli("init", "--organ", "某县人民政府", "--year", "2024", "-o", str(path)).returncode == 0
    return path


@pytest.mark.parametrize("source", [*INPUTS, "skeleton"], ids=lambda p: getattr(p, "stem", p))
def test_what_check_passes_is_built_in_every_format(tmp_path: Path, source) -> None:
    report = _skeleton(tmp_path) if source == "skeleton" else source
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    before = digest(report)
    checked = cli("check", str(report))
    assert checked.returncode == 0, checked.stdout  # warnings allowed

    out = tmp_path / "out"
    res = cli("build", str(report), "-o", str(out))  # every format by default
    assert res.returncode == 0, res.stdout + res.stderr
    names = [f"{report.stem}.{ext}" for ext in ("docx", "html", "md")]
    assert listing(out) == names  # every output, and nothing else (no temporary files)
    assert all(str(out / name) in res.stderr for name in names)  # each one said
    assert findings(res.stdout) == findings(checked.stdout)  # the same warnings as check
    assert digest(report) == before

    title = data.get("title") or f"{data['organ']}{data['year']}年政府信息公开工作年度报告"  # spec §2.1 default
    md = (out / f"{report.stem}.md").read_text(encoding="utf-8")
    html = (out / f"{report.stem}.html").read_text(encoding="utf-8")
    word = docx_text(out / f"{report.stem}.docx")
    for text in (md, html, word):
        assert title in text
        assert [h for h in HEADINGS if h in text] == HEADINGS
        assert [text.index(h) for h in HEADINGS] == sorted(text.index(h) for h in HEADINGS)  # in order 一 … 六


def test_chosen_formats_only_and_the_default_folder(tmp_path: Path) -> None:
    res = cli("build", str(LUYI), "-o", str(tmp_path / "a" / "b"), "--to", " md, html,md ")  # folders made as needed
    assert res.returncode == 0, res.stderr
    assert listing(tmp_path / "a" / "b") == ["luyi-zhenyuan-2023.html", "luyi-zhenyuan-2023.md"]
    res = cli("build", str(LUYI), "--to", "md", cwd=tmp_path)  # -o defaults to ./out
    assert res.returncode == 0, res.stderr
    assert listing(tmp_path / "out") == ["luyi-zhenyuan-2023.md"]


# ---- narrative slips: check fails on the right line, build writes nothing even with --force --------

# Each slip is Markdown the official layout cannot hold (rule N-03): (text as written in the YAML block,
# message key, the construct the finding names or None).
SLIPS = {
    "indented four spaces": ("      这一段缩进了四个空格。", "narrative.code", None),
    "tab at the start": ("  \t这一段以制表符开头。", "narrative.code", None),
    "<b>": ("  全年公开<b>重点领域</b>信息。", "narrative.html", "<b>"),
    "<br>": ("  第一行<br>第二行。", "narrative.html", "<br>"),
    "image": ("  ![公章](seal.png)", "narrative.image", "公章"),
}
PLACES = {  # a paragraph in the middle of section 一, and the very end of section 六 (the file's last line)
    "overview": "  我局修订了依申请公开工作规程",
    "other_matters": "  2024年，我局承办县人大代表建议5件",
}


def with_slip(tmp_path: Path, slip: str, place: str) -> tuple[Path, int]:
    text = YUNXI.read_text(encoding="utf-8")
    anchor = next(t for t in text.splitlines() if t.startswith(PLACES[place]))
    text = text.replace(anchor, f"{anchor}\n\n{slip}\n", 1)  # a paragraph of its own
    path = tmp_path / "slip.yaml"
    path.write_text(text, encoding="utf-8")
    return path, line_of(text, slip)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("name", SLIPS)
def test_narrative_slip_fails_check_and_is_never_built(tmp_path: Path, name: str, place: str) -> None:
    from gipr_gen.api import check_file

    slip, key, token = SLIPS[name]
    path, line = with_slip(tmp_path, slip, place)
    before = digest(path)

    res = cli("check", "--format", "json", str(path))
    assert res.returncode == 1
    assert [(f["rule"], f["severity"], f["line"], f["column"]) for f in json.loads(res.stdout)] == [
        ("N-03", "error", line, 1)]  # 云溪 has no other finding
    (d,) = check_file(path).diagnostics
    assert (d.rule, d.key, d.line) == ("N-03", key, line)
    if token is not None:
        assert d.args["token"] == token

    for force in ((), ("--force",)):
        out = tmp_path / ("out-forced" if force else "out")
        built = cli("build", str(path), "-o", str(out), *force)
        assert built.returncode == 1, force
        assert (str(path), line, 1, "N-03") in findings(built.stdout)
        assert listing(out) == [], force  # not a single output, not even a temporary file
    assert digest(path) == before


def test_several_slips_are_all_reported_at_once(tmp_path: Path) -> None:
    text = LUYI.read_text(encoding="utf-8")
    last = "  2023年度真源街道办事处政务公开无收费情况。"
    text = text.replace(last, f"{last}\n\n  ![公章](seal.png)\n\n      code()\n")
    path = tmp_path / "pictures.yaml"
    path.write_text(text, encoding="utf-8")
    res = cli("build", str(path), "-o", str(tmp_path / "out"))
    assert res.returncode == 1 and not (tmp_path / "out").exists()
    n03 = [(line, column) for _, line, column, rule in findings(res.stdout) if rule == "N-03"]
    assert n03 == [(line_of(text, "![公章]"), 1), (line_of(text, "code()"), 1)]


def test_inline_markup_is_located_on_its_own_line(tmp_path: Path) -> None:
    text = LUYI.read_text(encoding="utf-8").replace(
        "  2023年度真源街道办事处政务公开无收费情况。", "  2023年度真源街道办事处\n  政务公开无收费情况。<br>\n  完。")
    path = tmp_path / "inline.yaml"
    path.write_text(text, encoding="utf-8")
    res = cli("build", str(path), "-o", str(tmp_path / "out"), "--to", "md")
    assert res.returncode == 1
    assert [(line, column) for _, line, column, rule in findings(res.stdout) if rule == "N-03"] == [
        (line_of(text, "<br>"), 1)]  # the paragraph's second line, not its first


def test_library_load_reports_narrative_problems_with_their_line(tmp_path: Path) -> None:
    from gipr_gen.api import load
    from gipr_gen.errors import ReportError

    text = LUYI.read_text(encoding="utf-8").replace("  2023年度真源街道办事处政务公开无收费情况。",
                                                     "  2023年度真源街道办事处政务公开无收费情况。\n\n  ![章](a.png)")
    path = tmp_path / "img.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load(path)
    assert [(d.rule, d.key, d.line, d.args.get("token")) for d in exc.value.checked.errors] == [
        ("N-03", "narrative.image", line_of(text, "![章]"), "章")]


# ---- consistency errors: refused, or built with --force -------------------------------------------


def test_report_with_errors_is_refused_and_nothing_written(tmp_path: Path) -> None:
    bad, line, column = broken_copy(tmp_path)
    before = digest(bad)
    out = tmp_path / "out"
    res = cli("build", str(bad), "-o", str(out), "--to", "md,html")
    assert res.returncode == 1
    assert findings(res.stdout) == findings(cli("check", str(bad)).stdout)  # what check says, said again
    assert (str(bad), line, column, "T3-01") in findings(res.stdout)
    assert {rule for *_, rule in findings(res.stdout)} == {"T3-01"}
    assert "--force" in res.stderr  # the way out is named
    assert listing(out) == []
    assert digest(bad) == before


def test_force_builds_every_format_and_says_so(tmp_path: Path) -> None:
    bad, line, column = broken_copy(tmp_path)
    before = digest(bad)
    out = tmp_path / "out"
    res = cli("build", str(bad), "-o", str(out), "--force")
    assert res.returncode == 1  # built, but the report still has errors
    assert (str(bad), line, column, "T3-01") in findings(res.stdout)
    assert "--force" in res.stderr
    assert listing(out) == ["broken.docx", "broken.html", "broken.md"]
    assert all(str(out / name) in res.stderr for name in listing(out))
    assert digest(bad) == before


def test_malformed_report_is_not_built_even_with_force(tmp_path: Path) -> None:
    text = LUYI.read_text(encoding="utf-8")
    old = "licensing:           {decisions: 0}"
    text = text.replace(old, "licensing:           {decisions: 十二}")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    res = cli("build", str(bad), "-o", str(tmp_path / "out"), "--to", "md", "--force")
    assert res.returncode == 1 and str(bad) in res.stderr
    line = line_of(text, "licensing:")
    assert (str(bad), line, text.splitlines()[line - 1].index("十二") + 1, "T2-01") in findings(res.stdout)
    assert not (tmp_path / "out").exists()


def test_several_files_each_built_or_refused(tmp_path: Path) -> None:
    bad, _, _ = broken_copy(tmp_path)
    out = tmp_path / "out"
    res = cli("build", str(LUYI), str(bad), "-o", str(out), "--to", "md")
    assert res.returncode == 1
    assert listing(out) == ["luyi-zhenyuan-2023.md"]
    assert {f for f, *_ in findings(res.stdout)} == {str(LUYI), str(bad)}  # LUYI's warnings, bad's errors


def test_a_missing_file_among_several_is_exit_2_and_the_others_are_built(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    out = tmp_path / "out"
    res = cli("build", str(missing), str(YUNXI), "-o", str(out), "--to", "md")
    assert res.returncode == 2 and str(missing) in res.stderr and "Traceback" not in res.stderr
    assert listing(out) == [f"{YUNXI.stem}.md"]


# ---- outputs: unwritable, replaced whole, never the input -----------------------------------------


def test_unwritable_output_is_exit_2_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    res = cli("build", str(LUYI), "-o", str(blocker / "out"), "--to", "md")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert str(blocker / "out") in res.stderr
    assert blocker.read_text() == "not a folder"


def test_existing_output_is_replaced_whole_and_no_temporary_files_remain(tmp_path: Path) -> None:
    data = yaml.safe_load(LUYI.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "luyi-zhenyuan-2023.md").write_text("old " * 10000)  # longer than the report: nothing of it may stay
    assert cli("build", str(LUYI), "-o", str(out), "--to", "md,html").returncode == 0
    md = (out / "luyi-zhenyuan-2023.md").read_text(encoding="utf-8")
    assert md.splitlines()[0] == f"# {data['organ']}{data['year']}年政府信息公开工作年度报告" and "old" not in md
    assert listing(out) == ["luyi-zhenyuan-2023.html", "luyi-zhenyuan-2023.md"]


def test_output_next_to_the_input_never_overwrites_it(tmp_path: Path) -> None:
    report = tmp_path / "report.md"  # a report file whose name collides with its own Markdown output
    report.write_text(LUYI.read_text(encoding="utf-8"), encoding="utf-8")
    before = digest(report)
    res = cli("build", str(report), "-o", str(tmp_path), "--to", "md")
    assert res.returncode == 2 and str(report) in res.stderr
    assert digest(report) == before and listing(tmp_path) == ["report.md"]


def test_reports_with_the_same_name_are_refused_before_anything_is_built(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.yaml").write_text(LUYI.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    first, second = tmp_path / "a" / "r.yaml", tmp_path / "b" / "r.yaml"
    res = cli("build", str(first), str(second), "-o", str(out), "--to", "md")
    assert res.returncode == 2 and str(first) in res.stderr and str(second) in res.stderr
    assert not out.exists()


def test_a_report_with_a_chinese_file_name(tmp_path: Path) -> None:
    report = tmp_path / "云溪县市场监管局2024年报.yaml"
    report.write_bytes(YUNXI.read_bytes())
    res = cli("build", str(report), "-o", str(tmp_path / "输出"), "--to", "md")
    assert res.returncode == 0, res.stderr
    assert listing(tmp_path / "输出") == ["云溪县市场监管局2024年报.md"]


# ---- usage -------------------------------------------------------------------------------------


def test_usage_errors_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for args in (("--to", "pdfx"), ("--to", ""), ("--to", "md", "--pdf"), ("--template", str(tmp_path / "none.docx"))):
        res = cli("build", str(LUYI), "-o", str(out), *args)
        assert res.returncode == 2 and res.stderr and "Traceback" not in res.stderr, args
        assert not out.exists(), args
    assert "docx" in cli("build", str(LUYI), "-o", str(out), "--to", "md", "--pdf").stderr  # what --pdf needs
    assert str(tmp_path / "none.docx") in cli("build", str(LUYI), "-o", str(out),
                                               "--template", str(tmp_path / "none.docx")).stderr
    assert cli("build", "-o", str(out)).returncode == 2  # no report given


def test_a_missing_report_is_said_in_the_chosen_language(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    zh = cli("build", str(missing), "-o", str(tmp_path), "--to", "md")
    en = cli("build", str(missing), "-o", str(tmp_path), "--to", "md", "--lang", "en")
    assert zh.returncode == en.returncode == 2
    assert str(missing) in zh.stderr and str(missing) in en.stderr
    assert CJK.search(zh.stderr) and not CJK.search(en.stderr)
