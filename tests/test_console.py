"""No command fails on a console's encoding: a GBK console (Windows in Chinese) gets every message, with
symbols it cannot show replaced by ASCII, and the exit code of the command itself."""

from __future__ import annotations

import os
import subprocess

from conftest import INPUTS, VENV_BIN

from gipr_gen.api import rule_ids


def console(*args: str) -> subprocess.CompletedProcess:
    """The console script writing to a GBK console, its output read as GBK."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))} | {"PYTHONIOENCODING": "gbk"}
    return subprocess.run([str(VENV_BIN / "gipr-gen"), *args], capture_output=True, encoding="gbk", env=env,
                          timeout=60)


def test_every_explanation_prints_on_a_gbk_console() -> None:
    # subprocesses: only a real process has a console stream whose encoding is GBK
    for rule in rule_ids():
        res = console("explain", rule)
        assert res.returncode == 0, (rule, res.stderr)
        assert res.stdout.strip() and "Traceback" not in res.stderr
    formula = console("explain", "T3-02").stdout
    assert "=>" in formula and "⇒" not in formula  # the arrow the console cannot show, said in ASCII


def test_check_and_its_summary_print_on_a_gbk_console() -> None:
    res = console("check", *map(str, INPUTS))
    assert res.returncode == 0 and "Traceback" not in res.stderr
    assert "N-05" in res.stdout and "未发现问题" in res.stderr


def test_paths_with_spaces_and_chinese_work(tmp_path) -> None:
    folder = tmp_path / "政务 公开" / "2024 年报"
    folder.mkdir(parents=True)
    report = folder / "报告 终稿.yaml"
    report.write_bytes(INPUTS[0].read_bytes())
    out = tmp_path / "输出 文件"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    res = subprocess.run([str(VENV_BIN / "gipr-gen"), "build", str(report), "-o", str(out)], capture_output=True,
                         text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["报告 终稿.docx", "报告 终稿.html", "报告 终稿.md"]
