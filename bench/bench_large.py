"""Benchmark: `gipr-gen check` and `gipr-gen build` on large and hostile reports, as whole processes.

Each report is the bundled example with one part made large:

* ideographic spaces: a paragraph holding a run of 60,000 全角空格 (once quadratic in a text rule);
* many findings: a folded narrative (>) of 40,000 lines, each with a doubled comma — 40,000 N-06 findings,
  each located in the file (once a rescan of the file per finding);
* long narrative: a 1 MB narrative of realistic paragraphs and headings, with counts, dates and English
  the text rules look at (target: check ≤ 1 s, build ≤ 3 s on 2 cores);
* longer narrative: the same at 2.7 MB (the size once reported to take 16 s to build).

Every command runs as a whole process (start-up included); the script prints the median wall time of a few
runs of each, and the exit code. No assertion: read the figures against the targets it prints.
Run by hand: .venv/bin/python bench/bench_large.py [--runs N] [--only NAME]
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BASE = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"
TARGETS = {"long narrative": (1.0, 3.0)}  # seconds: check, build

PARAGRAPH = ("本年度，我局坚持以公开为常态、不公开为例外，围绕市场监管重点领域推进政府信息公开。"
             "全年主动公开各类政府信息1286条，其中行政许可、行政处罚结果信息均在作出决定之日起7个工作日内公开。"
             "2024年1月1日至2024年12月31日，收到政府信息公开申请12件，全部按期答复。"
             "同时完善政务新媒体矩阵，提升解读回应质效，做到政策发布与解读同步部署、同步推进。")


def _replace_block(text: str, key: str, body: str, style: str = "|") -> str:
    """The report with top-level text ``key`` replaced by ``body`` as a block scalar of ``style``."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#")))
    block = [f"{key}: {style}"] + ["  " + line if line else "" for line in body.split("\n")] + [""]
    return "\n".join(lines[:start] + block + lines[end:])


def ideographic_spaces(base: str) -> str:
    """Runs of 60,000 全角空格 where a text rule looks for a word or a count after Chinese text."""
    run = "\u3000" * 60_000
    body = f"存在问题：{run}改进措施。\n\n收到政府信息公开申请{run}若干。\n\n2024年{run}全年。"
    return _replace_block(base, "problems_and_improvements", body)


def many_findings(base: str) -> str:
    lines = "\n\n".join(f"第{i}项工作，，已经完成。" for i in range(40_000))
    return _replace_block(base, "problems_and_improvements", lines, ">")


def long_narrative(base: str, size: int) -> str:
    """Headings as a long report has them: a few # sections (numbered （一）…), many ## under each."""
    parts, total, n = [], 0, 0
    while total < size:
        if n % 90 == 0:
            parts.append(f"# 第{n // 90 + 1}方面工作\n")
        n += 1
        chunk = f"## 第{n}项工作\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
        parts.append(chunk)
        total += len(chunk.encode("utf-8"))
    return _replace_block(base, "overview", "\n".join(parts))


CASES = {
    "ideographic spaces": ideographic_spaces,
    "many findings": many_findings,
    "long narrative": lambda base: long_narrative(base, 1_000_000),
    "longer narrative": lambda base: long_narrative(base, 2_700_000),
}


def run(cmd: list[str], timeout: float) -> tuple[int | None, float]:
    """Exit code (None when stopped at ``timeout``) and wall seconds of one whole process."""
    start = time.perf_counter()
    try:
        code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                              timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return None, timeout
    return code, time.perf_counter() - start


def measure(cmd: list[str], runs: int, timeout: float) -> tuple[int | None, float]:
    results = []
    for _ in range(runs):
        results.append(run(cmd, timeout))
        if results[-1][0] is None:  # one run past the limit says enough
            break
    return results[-1][0], statistics.median(w for _, w in results)


def shown(code: int | None, seconds: float) -> str:
    return f"{seconds:6.2f} s (exit {code})" if code is not None else f"> {seconds:4.0f} s (stopped)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=sorted(CASES), action="append")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is stopped")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "gipr_gen"), quiet=1)  # as an install would: no compiling in the timings
    base = BASE.read_text(encoding="utf-8")
    gipr = str(BIN / "gipr-gen")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            if args.only and name not in args.only:
                continue
            report = Path(tmp) / (name.replace(" ", "-") + ".yaml")
            report.write_text(make(base), encoding="utf-8")
            size = report.stat().st_size
            check = measure([gipr, "check", "--quiet", str(report)], args.runs, args.timeout)
            build = measure([gipr, "build", str(report), "-o", str(Path(tmp) / "out")], args.runs, args.timeout)
            target = TARGETS.get(name)
            goal = f"   target ≤ {target[0]:.0f} s / ≤ {target[1]:.0f} s" if target else ""
            print(f"{name:20s} {size / 1e6:5.2f} MB   check {shown(*check)}   build {shown(*build)}{goal}",
                  flush=True)
    print(f"median of {args.runs} runs each, whole processes")


if __name__ == "__main__":
    main()
