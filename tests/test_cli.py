"""The command line as a user meets it: help, version, languages, exit codes, output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gipr_gen import __version__

from conftest import INPUTS, ROOT, cli

SUINING = str(ROOT / "inputs" / "suining-ciyin-2023.yaml")
LUYI = str(ROOT / "inputs" / "luyi-zhenyuan-2023.yaml")


def test_version() -> None:
    res = cli("--version")
    assert res.returncode == 0 and __version__ in res.stdout


def test_help_is_chinese_by_default_and_english_on_request() -> None:
    zh = cli("check", "--help")
    assert zh.returncode == 0 and "校验报告" in zh.stdout
    en = cli("check", "--help", "--lang", "en")
    assert "Check reports" in en.stdout and "校验报告" not in en.stdout
    env_en = cli("--help", env={"LANG": "en_US.UTF-8"})
    assert "check and build" in env_en.stdout


def test_messages_follow_lang_option_and_environment() -> None:
    zh = cli("check", SUINING)
    assert " 警告 S-05 " in zh.stdout
    en = cli("check", SUINING, env={"LANG": "en_GB.UTF-8"})
    assert " warning S-05 " in en.stdout and "information-processing fees" in en.stdout
    assert " warning S-05 " in cli("check", "--lang", "en", SUINING).stdout


def test_exit_codes_and_strict() -> None:
    assert cli("check", *map(str, INPUTS)).returncode == 0  # warnings only
    assert cli("check", "--strict", SUINING).returncode == 1
    assert cli("check").returncode == 2  # no file given
    assert cli("check", "--format", "xml", SUINING).returncode == 2
    assert cli("frobnicate").returncode == 2


def test_usage_errors_in_the_chosen_language() -> None:
    zh = cli("check", "--format", "xml", SUINING)
    assert zh.returncode == 2 and "用法错误" in zh.stderr and "gipr-gen check --help" in zh.stderr
    en = cli("init", "--lang", "en")
    assert en.returncode == 2 and "usage error" in en.stderr and "--organ" in en.stderr


def test_several_files_each_reported(tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(Path(LUYI).read_text(encoding="utf-8").replace(
        "received:                  {natural_person: 0", "received:                  {natural_person: 2"),
        encoding="utf-8")
    res = cli("check", SUINING, str(broken))
    assert res.returncode == 1
    assert f"{broken}:" in res.stdout and f"{SUINING}:" in res.stdout
    assert "gipr-gen explain" in res.stderr


def test_json_is_machine_readable() -> None:
    findings = json.loads(cli("check", "--format", "json", SUINING).stdout)
    assert [(f["rule"], f["severity"]) for f in findings] == [("T4-05", "warning"), ("N-06", "warning"), ("S-05", "warning")]
    assert set(findings[0]) == {"file", "line", "column", "rule", "severity", "message"}


def test_check_does_not_import_the_writers() -> None:
    # check reads narrative Markdown (markdown_it) like every command, but loads no writer
    code = ("import sys\nfrom gipr_gen.cli import main\n"
            "try:\n    main(['check', '-q', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print('LOADED:', ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('docxtpl', 'docx', 'jinja2', 'lxml'))))")
    res = subprocess.run([sys.executable, "-c", code, SUINING], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == "LOADED:"


def test_library_api_matches_the_cli() -> None:
    from gipr_gen import check_file

    result = check_file(SUINING)
    assert result.ok and [d.rule for d in result.warnings] == ["T4-05", "N-06", "S-05"]
    assert result.report is not None and result.report.title == "遂宁市河东新区慈音街道办事处2023年政府信息公开工作年度报告"
