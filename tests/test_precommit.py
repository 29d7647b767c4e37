"""The pre-commit hook this repository offers (.pre-commit-hooks.yaml): its entry run in-process on a good
and a broken report, then once through the real pre-commit (try-repo), as a user's repository runs it.

Expected findings come from the README's account of the seed (真源街道: five N-02 and one N-05
warnings) and from the line the test breaks.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections import Counter

import pytest
import yaml

from conftest import ROOT, VENV_BIN, cli

PRE_COMMIT = str(VENV_BIN / "pre-commit")
HOOK = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
            if h["id"] == "gipr-gen-check")
FINDING = re.compile(r"^(?P<file>reports/\S+\.yaml):(?P<line>\d+):(?P<column>\d+): \S+ (?P<rule>[A-Z][A-Z0-9]*-[A-Z0-9]+) ",
                     re.M)
GOOD_WARNINGS = Counter({"N-02": 5, "N-05": 1})  # README: what check says about 真源街道


def git(cwd, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def office_repo(tmp_path_factory):
    """A user's repository with one good and one broken report, and a private pre-commit cache."""
    repo = tmp_path_factory.mktemp("office")
    reports = repo / "reports"
    reports.mkdir()
    good = (ROOT / "inputs" / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8")
    (reports / "good.yaml").write_text(good, encoding="utf-8")
    old = "carried_forward:           {natural_person: 0"
    assert good.count(old) == 1
    (reports / "broken.yaml").write_text(good.replace(old, old[:-1] + "3"), encoding="utf-8")
    line = next(i for i, text in enumerate(good.splitlines(), 1) if old in text)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-cache"))}
    return repo, env, line


def located(output: str, file: str) -> list[tuple[int, str]]:
    return [(int(m["line"]), m["rule"]) for m in FINDING.finditer(output) if m["file"] == file]


def test_hook_entry_passes_a_good_report_and_fails_a_broken_one(office_repo) -> None:
    repo, _, line = office_repo
    entry = shlex.split(HOOK["entry"])
    assert entry[0] == "gipr-gen" and HOOK["language"] == "python" and "yaml" in HOOK["types"]
    ok = cli(*entry[1:], "reports/good.yaml", cwd=repo)
    assert ok.returncode == 0, ok.stdout + ok.stderr  # warnings do not stop a commit
    assert Counter(rule for _, rule in located(ok.stdout, "reports/good.yaml")) == GOOD_WARNINGS
    bad = cli(*entry[1:], "reports/good.yaml", "reports/broken.yaml", cwd=repo)
    assert bad.returncode == 1
    assert (line, "T3-01") in located(bad.stdout, "reports/broken.yaml")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_real_pre_commit_runs_the_hook(office_repo) -> None:
    # A subprocess because this is pre-commit itself: it reads .pre-commit-hooks.yaml, installs this
    # repository into a fresh environment and runs the hook's entry there on the staged files. One run
    # (installing the environment takes most of the time); the passing case is the entry test above.
    repo, env, line = office_repo
    git(repo, "init", "-q")
    git(repo, "add", ".")
    res = subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), HOOK["id"], "--verbose", "--files",
                          "reports/good.yaml", "reports/broken.yaml"],
                         cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Failed" in res.stdout
    assert (line, "T3-01") in located(res.stdout, "reports/broken.yaml")
    assert {rule for _, rule in located(res.stdout, "reports/broken.yaml")} >= {"T3-01", "T3-05"}
    assert Counter(rule for _, rule in located(res.stdout, "reports/good.yaml")) == GOOD_WARNINGS  # only its warnings
    # without --verbose, as a commit runs it: a report with only warnings passes, and they are shown
    passed = subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), HOOK["id"], "--files", "reports/good.yaml"],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert passed.returncode == 0 and "Passed" in passed.stdout, passed.stdout + passed.stderr
    assert Counter(rule for _, rule in located(passed.stdout, "reports/good.yaml")) == GOOD_WARNINGS
