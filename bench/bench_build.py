"""Benchmark: building a Word file with gipr-gen against pandoc converting the same report.

The peer: pandoc turning gipr-gen's own HTML edition of the report into .docx (HTML keeps the three
tables, merges included), one process per file, as a user would script it. Measured in one run:
- cold against cold: `gipr-gen build --to docx` and pandoc, whole processes, in turn (A B A B …); the
  medians of each side's wall and CPU time and the median of the pairwise ratios (target ≤ 2.5);
- beside it, the batch figure: N different reports loaded, checked and rendered to .docx in one Python
  process (the library API, no file written), per report (target ≤ 8 ms). It has no peer: pandoc reads
  one file per process.
Run by hand: .venv/bin/python bench/bench_build.py [REPORT.yaml] [--runs 15] [--batch 300]
"""

from __future__ import annotations

import argparse
import compileall
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import varied_reports

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default=str(ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=300)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")

    compileall.compile_dir(str(ROOT / "gipr_gen"), quiet=1)  # as a regular install leaves it
    from gipr_gen.api import load, render

    report_path = Path(args.report)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        html = out / f"{report_path.stem}.html"
        html.write_bytes(render(load(report_path), "html"))
        sides = {"gipr-gen build --to docx": [str(BIN / "gipr-gen"), "build", str(report_path), "--to", "docx",
                                              "-o", str(out / "g")],
                 "pandoc HTML → docx": [pandoc, str(html), "-f", "html", "-o", str(out / "pandoc.docx")]}
        for cmd in sides.values():  # warm-up: the page cache, not timed
            timed(cmd)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        for _ in range(args.runs):
            for name, cmd in sides.items():
                times[name].append(timed(cmd))

        reports = varied_reports(out / "batch", args.batch + 1)
        render(load(reports[0]), "docx")  # the template made ready, as a batch does once
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        for path in reports[1:]:
            render(load(path), "docx")
        batch_wall = (time.perf_counter() - start_wall) / args.batch
        batch_cpu = (time.process_time() - start_cpu) / args.batch

    ours, peer = sides
    for name in sides:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        print(f"{name:26s} cold process: wall {wall * 1000:6.1f} ms, cpu {cpu * 1000:6.1f} ms "
              f"(medians of {args.runs}, in turn)")
    ratio = statistics.median(a[0] / b[0] for a, b in zip(times[ours], times[peer]))
    ratio_cpu = statistics.median(a[1] / b[1] for a, b in zip(times[ours], times[peer]))
    print(f"cold ratio gipr-gen / pandoc: wall {ratio:.2f}, cpu {ratio_cpu:.2f} (medians of the pairwise ratios)")
    print(f"batch: {args.batch} different reports loaded, checked and rendered to .docx in one process: "
          f"{batch_wall * 1000:.1f} ms per report (cpu {batch_cpu * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
