"""Benchmark: building Word files with gipr-gen against pandoc converting the same report's Markdown.

Measured in one run:
- gipr-gen, cold: `gipr-gen build --to docx` for one report, a whole process;
- gipr-gen, batch: N reports rendered to .docx in one Python process (library API);
- pandoc: the same report as Markdown (gipr-gen's own .md output) → .docx, one process per file,
  as a user would script it.
Prints the per-report cost of each and the ratio batch / pandoc (target ≤ 0.5).
Run by hand: .venv/bin/python bench/bench_build.py [REPORT.yaml] [--batch 200] [--pandoc-runs 20]
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default=str(ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"))
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--pandoc-runs", type=int, default=20)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")

    compileall.compile_dir(str(ROOT / "gipr_gen"), quiet=1)  # as a regular install leaves it (see bench_check)
    from gipr_gen.api import load
    from gipr_gen.build import render_all

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cold = statistics.median(timed([str(BIN / "gipr-gen"), "build", args.report, "--to", "docx", "-o", str(out)])
                                 for _ in range(5))
        subprocess.run([str(BIN / "gipr-gen"), "build", args.report, "--to", "md", "-o", str(out)], check=True,
                       capture_output=True)
        markdown = out / f"{Path(args.report).stem}.md"

        start = time.perf_counter()
        for i in range(args.batch):
            report = load(args.report)
            (out / f"batch-{i}.docx").write_bytes(render_all(report, ("docx",), out, f"batch-{i}")[0].data)
        batch = (time.perf_counter() - start) / args.batch

        per_file = statistics.median(timed([pandoc, str(markdown), "-f", "commonmark+raw_html", "-o",
                                            str(out / f"pandoc-{i}.docx")]) for i in range(args.pandoc_runs))

    print(f"gipr-gen build, one report, cold process : {cold * 1000:7.1f} ms")
    print(f"gipr-gen batch of {args.batch}, per report      : {batch * 1000:7.1f} ms (load + check + render + write)")
    print(f"pandoc Markdown → docx, per file         : {per_file * 1000:7.1f} ms (median of {args.pandoc_runs})")
    print(f"ratio batch / pandoc = {batch / per_file:.2f} (target ≤ 0.50); cold / pandoc = {cold / per_file:.2f}")


if __name__ == "__main__":
    main()
