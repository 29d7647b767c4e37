"""The command line as a user meets it: help, version, languages, exit codes, output formats, which
stream says what. Everything runs in-process (``cli``) except the two smoke tests at the end, which must
see a real process.

Expected findings come from the report files themselves and from the README's account of the seeds
("What `check` says about the seeds"), never from the code under test.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GOOD, INPUTS, ROOT, cli, console

SUINING = ROOT / "inputs" / "suining-ciyin-2023.yaml"
LUYI = ROOT / "inputs" / "luyi-zhenyuan-2023.yaml"
YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"  # no findings at all

CJK = re.compile(r"[\u4e00-\u9fff]")
# file:line:column: SEVERITY RULE message (a finding about the whole file has no line and column)
FINDING = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<column>\d+))?: (?P<severity>\S+) "
                     r"(?P<rule>[A-Z][A-Z0-9]*-[A-Z0-9]+) (?P<message>.+)$")


def findings(stdout: str) -> list[dict]:
    """The findings printed by check or build, one a line; a line of any other form fails the test."""
    out = []
    for text in stdout.splitlines():
        m = FINDING.match(text)
        assert m, f"not a finding line: {text!r}"
        out.append({**m.groupdict(), "line": int(m["line"] or 0), "column": int(m["column"] or 0)})
    return out


def line_of(path: Path, needle: str) -> int:
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def suining_findings() -> list[tuple[str, int, int, str, str]]:
    """The seed's three warnings (README): T4-05 on "收到行政诉讼1条", N-06 on ";;", S-05 on section 六."""
    lines = SUINING.read_text(encoding="utf-8").splitlines()
    fees = line_of(SUINING, "other_matters:")
    return [(str(SUINING), line_of(SUINING, "收到行政诉讼1条"), 1, "T4-05", "warning"),
            (str(SUINING), line_of(SUINING, ";;"), 1, "N-06", "warning"),
            (str(SUINING), fees, lines[fees - 1].index("|") + 1, "S-05", "warning")]  # at the text's value


def broken_luyi(tmp_path: Path) -> tuple[Path, int, int]:
    """真源街道 with 3 applications carried forward out of none: T3-01 and T3-05 on that cell (the row's written
    总计 is off by the same 3, so that is one mistake, reported once)."""
    text = LUYI.read_text(encoding="utf-8")
    old = "carried_forward:           {natural_person: 0"
    assert text.count(old) == 1
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, old[:-1] + "3"), encoding="utf-8")
    line = line_of(path, "carried_forward:")
    source = path.read_text(encoding="utf-8").splitlines()[line - 1]
    column = source.index("natural_person: 3") + len("natural_person: ") + 1
    return path, line, column


# ---- version and help --------------------------------------------------------------------------


def test_version_is_the_installed_distributions() -> None:
    res = cli("--version")
    assert res.returncode == 0 and importlib.metadata.version("gipr-gen") in res.stdout


def test_help_is_chinese_by_default_and_english_on_request() -> None:
    for command in ((), ("check",), ("build",), ("init",), ("explain",), ("schema",)):
        zh = cli(*command, "--help")
        en = cli(*command, "--help", "--lang", "en")
        by_env = cli(*command, "--help", env={"LANG": "en_US.UTF-8"})
        assert (zh.returncode, en.returncode, by_env.returncode) == (0, 0, 0), command
        assert CJK.search(zh.stdout) and not CJK.search(en.stdout), command
        assert by_env.stdout == en.stdout, command
        assert cli(*command, "-h").stdout == zh.stdout, command  # -h is --help


def test_help_lists_every_command_and_option() -> None:
    top = cli("--help", "--lang", "en").stdout
    for command in ("check", "build", "init", "explain", "schema", "template"):
        assert re.search(rf"^\s+{command}\s", top, re.M), command
    options = {"check": ("--strict", "--format", "--quiet", "--previous", "--lang"),
               "build": ("--output", "--to", "--template", "--force", "--pdf", "--lang"),
               "init": ("--organ", "--year", "--organ-type", "--previous", "--output", "--force", "--lang")}
    for command, names in options.items():
        text = cli(command, "--help").stdout
        assert all(name in text for name in names), (command, text)


# ---- languages ---------------------------------------------------------------------------------


def test_findings_follow_the_lang_option_and_the_environment() -> None:
    zh = cli("check", str(SUINING))
    en = cli("check", "--lang", "en", str(SUINING))
    assert zh.returncode == en.returncode == 0
    located = [(f["file"], f["line"], f["column"], f["rule"]) for f in findings(zh.stdout)]
    assert located == [f[:4] for f in suining_findings()]
    assert [(f["file"], f["line"], f["column"], f["rule"]) for f in findings(en.stdout)] == located
    # N-06's message names only the slip (";;"): Chinese words by default, none in English
    zh_n06, en_n06 = (next(f["message"] for f in findings(r.stdout) if f["rule"] == "N-06") for r in (zh, en))
    assert CJK.search(zh_n06) and not CJK.search(en_n06)
    assert CJK.search(zh.stderr) and not CJK.search(en.stderr)  # the summary too

    assert cli("check", "--lang=en", str(SUINING)).stdout == en.stdout
    assert cli("check", str(SUINING), env={"LANG": "en_GB.UTF-8"}).stdout == en.stdout
    assert cli("check", str(SUINING), env={"LANG": "C.UTF-8"}).stdout == zh.stdout  # Chinese unless English is asked
    # the usual precedence of the locale variables: LC_ALL, then LC_MESSAGES, then LANG
    assert cli("check", str(SUINING), env={"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}).stdout == zh.stdout
    assert cli("check", str(SUINING), env={"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}).stdout == en.stdout
    assert cli("check", "--lang", "zh", str(SUINING), env={"LANG": "en_US.UTF-8"}).stdout == zh.stdout  # option wins


def test_usage_errors_are_said_in_the_chosen_language_with_a_pointer_to_help() -> None:
    zh = cli("check", "--format", "xml", str(SUINING))
    assert zh.returncode == 2 and zh.stdout == ""
    assert CJK.search(zh.stderr) and "gipr-gen check --help" in zh.stderr and "Traceback" not in zh.stderr
    en = cli("init", "--lang", "en")
    assert en.returncode == 2 and en.stdout == ""
    assert not CJK.search(en.stderr) and "--organ" in en.stderr and "gipr-gen init --help" in en.stderr


# ---- exit codes --------------------------------------------------------------------------------


def test_exit_0_with_warnings_1_with_errors_and_strict(tmp_path: Path) -> None:
    broken, _, _ = broken_luyi(tmp_path)
    assert cli("check", *map(str, INPUTS)).returncode == 0  # warnings only
    assert cli("check", "--strict", str(YUNXI)).returncode == 0  # nothing to warn about
    assert cli("check", "--strict", str(SUINING)).returncode == 1
    assert cli("check", "--strict", str(YUNXI), str(SUINING)).returncode == 1  # any file fails the run
    assert cli("check", str(broken)).returncode == 1
    assert cli("check", str(YUNXI), str(broken)).returncode == 1


def test_exit_2_for_usage_problems() -> None:
    for args in (("check",), ("check", "--format", "xml", str(SUINING)), ("check", "--frobnicate", str(SUINING)),
                 ("frobnicate",), ("check", "--lang", "fr", str(SUINING))):
        res = cli(*args)
        assert res.returncode == 2 and res.stderr and "Traceback" not in res.stderr, args


def test_a_missing_file_is_exit_2_and_the_others_are_still_checked(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    res = cli("check", str(missing), str(SUINING))
    assert res.returncode == 2
    assert str(missing) in res.stderr and "Traceback" not in res.stderr
    assert [(f["file"], f["line"], f["column"], f["rule"]) for f in findings(res.stdout)] == [
        f[:4] for f in suining_findings()]


# ---- what goes where -----------------------------------------------------------------------------


def test_several_files_each_reported_with_a_summary_each(tmp_path: Path) -> None:
    broken, line, column = broken_luyi(tmp_path)
    res = cli("check", str(SUINING), str(broken))
    assert res.returncode == 1
    printed = findings(res.stdout)  # stdout holds the findings, nothing else
    assert [(f["file"], f["line"], f["column"], f["rule"]) for f in printed if f["file"] == str(SUINING)] == [
        f[:4] for f in suining_findings()]
    # README: 真源街道 has five N-02 warnings and one N-05; the slip adds two errors on its own line
    mine = [(f["line"], f["rule"]) for f in printed if f["file"] == str(broken)]
    assert sorted({r for _, r in mine}) == ["N-02", "N-05", "T3-01", "T3-05"]
    assert [f["rule"] for f in printed if f["file"] == str(broken)].count("N-02") == 5
    assert {(f["line"], f["column"]) for f in printed if f["rule"] in ("T3-01", "T3-05")} == {(line, column)}
    # stderr: per file, a summary that counts its errors and warnings, then a pointer to explain
    summary = {name: [int(n) for n in re.findall(r"\d+", text[len(name):])]
               for text in res.stderr.splitlines() for name in (str(SUINING), str(broken)) if text.startswith(name)}
    assert summary == {str(SUINING): [0, 3], str(broken): [2, 6]}
    assert "gipr-gen explain T4-05" in res.stderr  # the first rule reported


def test_quiet_silences_clean_reports_only() -> None:
    loud = cli("check", str(YUNXI))
    assert loud.returncode == 0 and loud.stdout == "" and str(YUNXI) in loud.stderr
    quiet = cli("check", "-q", str(YUNXI))
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert cli("check", "--quiet", str(YUNXI)).stderr == ""
    with_findings = cli("check", "--quiet", str(SUINING))
    assert with_findings.returncode == 0
    assert [(f["file"], f["line"], f["column"], f["rule"]) for f in findings(with_findings.stdout)] == [
        f[:4] for f in suining_findings()]


def test_json_is_machine_readable_and_complete(tmp_path: Path) -> None:
    res = cli("check", "--format", "json", str(SUINING))
    assert res.returncode == 0 and res.stderr == ""  # nothing but JSON, on stdout
    found = json.loads(res.stdout)
    assert [(f["file"], f["line"], f["column"], f["rule"], f["severity"]) for f in found] == suining_findings()
    assert all(set(f) == {"file", "line", "column", "rule", "severity", "message"} for f in found)
    assert all(CJK.search(f["message"]) for f in found)
    en = json.loads(cli("check", "--format", "json", "--lang", "en", str(SUINING)).stdout)
    assert [{**f, "message": None} for f in en] == [{**f, "message": None} for f in found]
    assert all(e["message"] and e["message"] != z["message"] for e, z in zip(en, found, strict=True))

    assert json.loads(cli("check", "--format", "json", str(YUNXI)).stdout) == []
    broken, line, column = broken_luyi(tmp_path)
    both = cli("check", "--format", "json", str(YUNXI), str(broken))
    assert both.returncode == 1 and both.stderr == ""
    errors = [(f["file"], f["line"], f["rule"]) for f in json.loads(both.stdout) if f["severity"] == "error"]
    assert sorted(errors) == sorted((str(broken), line, rule) for rule in ("T3-01", "T3-05"))


def test_library_check_file_agrees_with_the_cli() -> None:
    from gipr_gen import check_file

    result = check_file(SUINING, str(SUINING))
    assert result.ok and result.buildable()
    assert [(d.file, d.line, d.column, d.rule, d.severity) for d in result.diagnostics] == suining_findings()
    data = yaml.safe_load(SUINING.read_text(encoding="utf-8"))
    assert "title" not in data  # so the title is the generator default of spec §2.1: {机关全称}{YYYY}年政府信息公开工作年度报告
    assert result.report is not None
    assert result.report.title == f"{data['organ']}{data['year']}年政府信息公开工作年度报告"


# ---- through a real process (smoke tests) -------------------------------------------------------


def test_installed_console_script(tmp_path: Path) -> None:
    # A subprocess because this is about the installed entry point itself: the console script that
    # pyproject declares, real exit statuses, Chinese text through a real pipe's encoding, and LANG read
    # from a real process environment. In-process runs go around all four.
    broken, line, column = broken_luyi(tmp_path)
    zh = console("check", str(SUINING))
    assert zh.returncode == 0, zh.stderr
    assert [(f["file"], f["line"], f["column"], f["rule"]) for f in findings(zh.stdout)] == [
        f[:4] for f in suining_findings()]
    assert CJK.search(next(f["message"] for f in findings(zh.stdout) if f["rule"] == "N-06"))
    en = console("check", str(SUINING), env={"LANG": "en_US.UTF-8"})
    assert en.returncode == 0 and not CJK.search(next(f["message"] for f in findings(en.stdout) if f["rule"] == "N-06"))
    bad = console("check", str(broken))
    assert bad.returncode == 1 and (str(broken), line, column, "T3-01") in [
        (f["file"], f["line"], f["column"], f["rule"]) for f in findings(bad.stdout)]
    usage = console("check")
    assert usage.returncode == 2 and usage.stderr and "Traceback" not in usage.stderr


def test_check_loads_no_writer_library(tmp_path: Path) -> None:
    # A subprocess because only a fresh interpreter shows what `check` imports: in this process other
    # tests have long since loaded the writers. PYTHONPROFILEIMPORTTIME makes Python list every import.
    res = console("check", "-q", str(YUNXI), env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert res.returncode == 0, res.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in res.stderr.splitlines() if line.startswith("import time:")}
    assert "gipr_gen.cli" in imported and "yaml" in imported  # the listing works
    writers = {m for m in imported if m.split(".")[0] in ("docxtpl", "docx", "jinja2", "lxml")}
    assert not writers, sorted(writers)
    # the example's narratives are plain paragraphs and headings: read without loading markdown-it,
    # which a narrative with lists or emphasis loads (the next report)
    assert "markdown_it" not in imported
    listed = tmp_path / "listed.yaml"
    listed.write_text(YUNXI.read_text(encoding="utf-8").replace("other_matters: |\n", "other_matters: |\n  - 一项\n\n", 1),
                      encoding="utf-8")
    res = console("check", "-q", str(listed), env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert res.returncode == 0 and any(line.rstrip().endswith("| markdown_it") for line in res.stderr.splitlines())


def test_check_of_many_files_lets_each_report_go_once_its_findings_are_kept(tmp_path: Path, monkeypatch) -> None:
    """A supervising office checks hundreds of files at once: memory must not grow with every report's model."""
    import gc
    import weakref

    from gipr_gen.cli import check as check_cli

    real, models = check_cli.check_file, []

    def check_file(path, display, previous=None):
        gc.collect()
        # the report just checked may still be in hand; none before it
        assert sum(ref() is not None for ref in models[:-1]) == 0, "an earlier report's model is still held"
        checked = real(path, display, previous)
        models.append(weakref.ref(checked.report))
        return checked

    monkeypatch.setattr(check_cli, "check_file", check_file)
    broken = re.sub(r"(natural_person: )([0-9]+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), GOOD, count=1)
    files = []
    for n in range(4):
        files.append(tmp_path / f"r{n}.yaml")
        files[-1].write_text(broken if n == 2 else GOOD, encoding="utf-8")
    ran = cli("check", "--format", "json", *map(str, files))
    assert ran.returncode == 1 and len(models) == 4
    errors = {d["file"] for d in json.loads(ran.stdout) if d["severity"] == "error"}
    assert errors == {str(files[2])}  # the findings themselves are kept


# ---- an incomplete installation -------------------------------------------------------------------

BUNDLED = ["schema/gipr-report.schema.json", "schema/gipr-report-2019.schema.json", "templates/report.docx",
           "templates/report.md.j2", "templates/report.css"]


@pytest.mark.parametrize("lost", BUNDLED)
def test_a_file_missing_from_the_installation_is_said_as_such_not_as_the_input_missing(tmp_path: Path,
                                                                                      lost: str) -> None:
    # A copy of the installation laid out as a checkout is, one shipped file taken away; the report it is
    # given breaks the schema (so that check reads the schema) and exists.
    install = tmp_path / "install"
    shutil.copytree(ROOT / "gipr_gen", install / "gipr_gen", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("schema", "templates"):
        shutil.copytree(ROOT / folder, install / folder)
    (install / lost).unlink()
    report = tmp_path / "report.yaml"
    report.write_text(YUNXI.read_text(encoding="utf-8").replace("\nyear: 2024", "\nyear: abc"), encoding="utf-8")
    for args in (["check", str(report)], ["build", str(YUNXI), "-o", str(tmp_path / "out")], ["schema"]):
        run = subprocess.run([sys.executable, "-c", "from gipr_gen.cli import main; main()", *args],
                             capture_output=True, text=True, encoding="utf-8", cwd=tmp_path,
                             env={**os.environ, "PYTHONPATH": str(install), "LANG": "C.UTF-8"})
        assert run.returncode == 2, (args, run.stderr)
        assert "安装不完整" in run.stderr and str(install / lost) in run.stderr, (args, run.stderr)
        assert "找不到文件" not in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()
