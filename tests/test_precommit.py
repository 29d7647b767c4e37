"""The pre-commit hook, run by the real pre-commit against this repository (try-repo)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, VENV_BIN

PRE_COMMIT = str(VENV_BIN / "pre-commit")


def git(cwd, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def office_repo(tmp_path_factory):
    """A user's repository with one good and one broken report, and a private pre-commit cache."""
    repo = tmp_path_factory.mktemp("office")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "office@example.invalid")
    git(repo, "config", "user.name", "office")
    reports = repo / "reports"
    reports.mkdir()
    good = (ROOT / "inputs" / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8")
    (reports / "good.yaml").write_text(good, encoding="utf-8")
    broken = good.replace("carried_forward:           {natural_person: 0",
                          "carried_forward:           {natural_person: 3")
    assert broken != good
    (reports / "broken.yaml").write_text(broken, encoding="utf-8")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-cache"))}
    return repo, env


def try_repo(repo, env, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), "gipr-gen-check", "--verbose", "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hook_passes_a_good_report_and_fails_a_broken_one(office_repo) -> None:
    repo, env = office_repo
    ok = try_repo(repo, env, "reports/good.yaml")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout

    bad = try_repo(repo, env, "reports/good.yaml", "reports/broken.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    line = next(i for i, text in enumerate((repo / "reports/broken.yaml").read_text().splitlines(), 1)
                if text.strip().startswith("carried_forward:"))
    assert f"reports/broken.yaml:{line}:" in bad.stdout and "T3-01" in bad.stdout
    assert not re.search(r"reports/good\.yaml:\d+:\d+: 错误", bad.stdout)  # only its warnings
