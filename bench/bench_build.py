"""Benchmark: building a Word file with gipr-gen against pandoc converting the same report.

The peer: pandoc turning gipr-gen's own HTML edition of the report into .docx (HTML keeps the three
tables, merges included), one process per file, as a user would script it. Measured in one run:
- cold: `gipr-gen build --to docx` and pandoc, whole processes, in turn (A B A B …), medians and the
  median of the pairwise ratios;
- batch: N reports loaded, checked and rendered to .docx in one Python process (the library API), per
  report, against pandoc's per-file median.
Run by hand: .venv/bin/python bench/bench_build.py [REPORT.yaml] [--runs 15] [--batch 200]
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
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=200)
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
        gipr_cmd = [str(BIN / "gipr-gen"), "build", str(report_path), "--to", "docx", "-o", str(out / "g")]
        pandoc_cmd = [pandoc, str(html), "-f", "html", "-o", str(out / "pandoc.docx")]
        timed(gipr_cmd), timed(pandoc_cmd)  # warm-up
        pairs = [(timed(gipr_cmd), timed(pandoc_cmd)) for _ in range(args.runs)]

        start = time.perf_counter()
        for i in range(args.batch):
            (out / f"batch-{i}.docx").write_bytes(render(load(report_path), "docx"))
        batch = (time.perf_counter() - start) / args.batch

    gipr = statistics.median(a for a, _ in pairs)
    peer = statistics.median(b for _, b in pairs)
    ratio = statistics.median(a / b for a, b in pairs)
    print(f"gipr-gen build --to docx, cold process : {gipr * 1000:7.1f} ms (median of {args.runs})")
    print(f"pandoc HTML → docx, per file           : {peer * 1000:7.1f} ms (median of {args.runs}, in turn)")
    print(f"cold ratio gipr-gen / pandoc           : {ratio:7.2f} (median of the pairwise ratios)")
    print(f"gipr-gen batch of {args.batch}, per report   : {batch * 1000:7.1f} ms (load + check + render); "
          f"/ pandoc = {batch / peer:.2f}")


if __name__ == "__main__":
    main()
