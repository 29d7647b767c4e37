"""Benchmark: `gipr-gen check` against `check-jsonschema --schemafile` on the same file and schema.

Two reports: the valid example, and a copy made schema-invalid (a misspelt key and a number written as text),
where gipr-gen also imports jsonschema to locate the findings. Both commands run as whole processes (start-up
included), in turn (A B A B ...), in one run; the script prints the median wall and CPU (user + system) time of
each and the ratio of the medians. Target: gipr-gen (schema + every rule) ≤ 0.5× on the valid report.
Run by hand: .venv/bin/python bench/bench_check.py [REPORT.yaml] [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA = ROOT / "schema" / "gipr-report.schema.json"
# The slips that make the copy invalid: a misspelt section key and a count in words.
SLIPS = {"\n  licensing:": "\n  licensng:", "{decisions: 327}": '{decisions: "三百二十七"}'}


def run(cmd: list[str]) -> tuple[int, float, float]:
    """Exit code, wall seconds and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return code, wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def invalid_copy(report: Path, folder: Path) -> Path:
    text = report.read_text(encoding="utf-8")
    for old, new in SLIPS.items():
        if old not in text:
            sys.exit(f"{report} has no {old.strip()!r} to break; pass the bundled example")
        text = text.replace(old, new, 1)
    out = folder / "schema-invalid.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def compare(label: str, report: Path, runs: int, expected_exit: int) -> None:
    sides = {"gipr-gen check": [str(BIN / "gipr-gen"), "check", "--quiet", str(report)],
             "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), str(report)]}
    for name, cmd in sides.items():  # the verdicts, and a warm page cache; not timed
        if run(cmd)[0] != expected_exit:
            sys.exit(f"{name} did not exit {expected_exit} on {report}")
    wall: dict[str, list[float]] = {name: [] for name in sides}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, cmd in sides.items():
            _, w, c = run(cmd)
            wall[name].append(w)
            cpu[name].append(c)
    print(f"{label} ({report.name}), median of {runs} runs each, alternating:")
    for name in sides:
        print(f"  {name:17s} wall {statistics.median(wall[name]) * 1000:6.1f} ms   "
              f"cpu {statistics.median(cpu[name]) * 1000:6.1f} ms")
    ours, peer = sides
    print(f"  ratio gipr-gen / check-jsonschema: wall "
          f"{statistics.median(wall[ours]) / statistics.median(wall[peer]):.2f}, "
          f"cpu {statistics.median(cpu[ours]) / statistics.median(cpu[peer]):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path,
                        default=ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # A regular install byte-compiles the package, as pip did for check-jsonschema; an editable checkout
    # under PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run.
    compileall.compile_dir(str(ROOT / "gipr_gen"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        compare("valid report", args.report, args.runs, 0)
        compare("schema-invalid report", invalid_copy(args.report, Path(tmp)), args.runs, 1)
    print("target: gipr-gen ≤ 0.50× check-jsonschema on the valid report")


if __name__ == "__main__":
    main()
