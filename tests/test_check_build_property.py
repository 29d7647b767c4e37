"""One model for every command: ``check`` passes exactly the reports ``build`` builds.

Hypothesis mutates the bundled reports — table cells, narrative Markdown (including what the official
layout cannot hold), the report's fields, keys — and runs the real commands in-process on each
result. The invariant: ``check`` exits 0 ⇔ ``build`` exits 0 and writes every requested output;
otherwise ``build`` writes nothing. With ``--force``, a report whose only errors are arithmetic
(the table rules) is built all the same, and one with any other error is not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import INPUTS, cli

BASES = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in INPUTS}
OUTPUTS = ("docx", "md", "html")
# Rules whose errors --force lets through: the arithmetic between cells (spec §6), nothing the writers
# would have to render differently from what the file says.
ARITHMETIC = re.compile(r"^T[34]-0[1-35]$")

NARRATIVE_KEYS = ("overview", "problems_and_improvements", "other_matters")
# Markdown an author types: what the layout holds and what it cannot (indented code, tabs, HTML,
# images, quotes, rules, fences, deep headings), and characters that are easy to paste by mistake.
FRAGMENTS = st.sampled_from([
    "普通段落。", "# 小标题", "## 二级", "### 三级", "#### 过深", "- 列表项", "1. 编号项", "**加粗**文字",
    "*倾斜*", "换行  \n下一行", "    缩进四个空格", "\t制表符开头", "<b>粗</b>", "甲<br>乙", "![公章](seal.png)",
    "> 引用", "---", "```\ncode\n```", "`代码`", "[链接](http://example.org)", "a & b < c", "{{ title }}",
    "\u3000全角空格开头", "控制字符\u0007", "零宽\u200b字符", "emoji 😀", "", "-\n\n段落", "- - 乙", "3. 甲\n1) 乙",
    "0. 零起", "&#12;实体", "&amp;", "[1]: http://example.org", "[^1]: 注释", "标题\n===", "| a | b |\n|---|---|\n| 1 | 2 |",
    "<http://example.org>", "- 一\n  - 二\n    - 三\n      - 四",
])
CELL_VALUES = st.one_of(st.integers(-3, 10**6), st.sampled_from([0.5, 1.0, "12件", "/", None, True, "", 10**30]))


def _cells(node, path=()):
    """Every (path, value) leaf under a table section's mapping."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _cells(v, path + (k,))
    else:
        yield path, node


def _set(data: dict, path: tuple, value) -> None:
    for k in path[:-1]:
        data = data[k]
    data[path[-1]] = value


@st.composite
def reports(draw) -> str:
    name = draw(st.sampled_from(sorted(BASES)))
    data = json.loads(json.dumps(BASES[name], default=str))  # a deep copy; dates become text as written
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["cell", "narrative", "field", "drop", "signature"]))
        if kind == "cell":
            section = draw(st.sampled_from(["proactive_disclosure", "applications", "review_and_litigation"]))
            leaves = [p for p, _ in _cells(data.get(section)) if p and p[0] != "text"]
            if not leaves:
                continue
            path = draw(st.sampled_from(leaves))
            _set(data[section], path, draw(CELL_VALUES))
        elif kind == "narrative":
            key = draw(st.sampled_from(NARRATIVE_KEYS))
            parts = draw(st.lists(FRAGMENTS, min_size=1, max_size=3))
            data[key] = (data.get(key) or "") + "\n\n" + "\n\n".join(parts)
        elif kind == "field":
            key = draw(st.sampled_from(["organ", "title", "intro"]))
            data[key] = draw(st.sampled_from(["某县教育局", "", "  ", "某局\u0007", "某局\n第二行", "&<>", "😀局"]))
        elif kind == "drop":
            data.pop(draw(st.sampled_from(sorted(data))), None)
        else:
            data["signature"] = {"organ": draw(st.sampled_from(["某局", "某局\n\n![x](http://x)", ""])),
                                 "date": draw(st.sampled_from(["2025-01-20", "2025年1月20日", "2025-02-30", "x"]))}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _outputs(folder: Path, stem: str) -> set[str]:
    return {fmt for fmt in OUTPUTS if (folder / f"{stem}.{fmt}").is_file()}


def _case_dir(tmp_path: Path) -> Path:
    # hypothesis reuses the function-scoped tmp_path across examples: a fresh folder per example
    n = len(list(tmp_path.iterdir()))
    case = tmp_path / f"case{n}"
    case.mkdir()
    return case


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=reports())
def test_check_passes_exactly_what_build_builds(tmp_path: Path, text: str) -> None:
    case = _case_dir(tmp_path)
    report = case / "report.yaml"
    report.write_text(text, encoding="utf-8")
    checked = cli("check", "--format", "json", str(report))
    assert checked.returncode in (0, 1), checked.stderr
    event(f"check exits {checked.returncode}")
    built = cli("build", str(report), "-o", str(case / "out"))
    assert built.returncode in (0, 1), built.stderr
    written = _outputs(case / "out", "report")
    if checked.returncode == 0:
        assert built.returncode == 0 and written == set(OUTPUTS), built.stdout + built.stderr
        page = (case / "out" / "report.html").read_text(encoding="utf-8")
        assert not re.search(r"<(img|script|iframe|link)\b|\bsrc=", page)  # a standalone page loads nothing
    else:
        assert built.returncode == 1 and written == set(), built.stdout + built.stderr
        errors = {f["rule"] for f in json.loads(checked.stdout) if f["severity"] == "error"}
        forced = cli("build", "--force", str(report), "-o", str(case / "forced"))
        assert forced.returncode == 1, forced.stderr  # the report's errors, built or not
        event("forced: " + ("arithmetic only" if all(ARITHMETIC.match(rule) for rule in errors) else "other errors"))
        if all(ARITHMETIC.match(rule) for rule in errors):
            assert _outputs(case / "forced", "report") == set(OUTPUTS), forced.stdout + forced.stderr
        else:
            assert _outputs(case / "forced", "report") == set(), (errors, forced.stdout + forced.stderr)
    assert report.read_text(encoding="utf-8") == text  # the input is never touched


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_bundled_reports_check_and_build(tmp_path: Path, path: Path) -> None:
    assert cli("check", str(path)).returncode == 0
    assert cli("build", str(path), "-o", str(tmp_path)).returncode == 0
    assert _outputs(tmp_path, path.stem) == set(OUTPUTS)


def test_a_control_character_is_found_by_check_where_it_stands(tmp_path: Path) -> None:
    # found by the property above: U+0007 in organ passed check and made build crash
    text = INPUTS[0].read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("organ:"))
    report = tmp_path / "r.yaml"
    report.write_text(re.sub(r"(?m)^organ: (.*)$", r'organ: "\1\\a"', text, count=1), encoding="utf-8")
    findings = json.loads(cli("check", "--format", "json", str(report)).stdout)
    assert [(f["rule"], f["line"]) for f in findings if f["severity"] == "error"] == [("Y-CHAR", line)]
    assert "U+0007" in findings[0]["message"]
    assert cli("build", "--force", str(report), "-o", str(tmp_path / "out")).returncode == 1
    assert not (tmp_path / "out").exists()
