"""Benchmark: `gipr-gen check` against `check-jsonschema --schemafile` on the same file and schema.

Both run as whole processes (cold start included), alternately, in the same run; the script prints
the median wall time of each and the ratio. Target: gipr-gen (schema + every rule) ≤ 0.5×.
Run by hand: .venv/bin/python bench/bench_check.py [REPORT.yaml] [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default=str(ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    schema = str(ROOT / "schema" / "gipr-report.schema.json")
    ours = [str(BIN / "gipr-gen"), "check", "--quiet", args.report]
    peer = [str(BIN / "check-jsonschema"), "--schemafile", schema, args.report]
    # A regular install byte-compiles the package, as pip did for check-jsonschema; an editable checkout
    # under PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run.
    compileall.compile_dir(str(ROOT / "gipr_gen"), quiet=1)
    for cmd in (ours, peer):  # warm the page cache once; not timed
        wall(cmd)
    times: dict[str, list[float]] = {"gipr-gen check": [], "check-jsonschema": []}
    for _ in range(args.runs):
        times["gipr-gen check"].append(wall(ours))
        times["check-jsonschema"].append(wall(peer))
    med = {name: statistics.median(ts) for name, ts in times.items()}
    for name, value in med.items():
        print(f"{name:18s} median {value * 1000:7.1f} ms over {args.runs} runs")
    print(f"ratio gipr-gen / check-jsonschema = {med['gipr-gen check'] / med['check-jsonschema']:.2f} (target ≤ 0.50)")


if __name__ == "__main__":
    main()
