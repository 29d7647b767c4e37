"""Benchmark: importing published reports with gipr-gen against reading the same files with common tools.

Peers, one process per file as a user would script them: pandoc turning the .docx and the HTML page into
Markdown (it keeps the tables), and poppler's pdftotext -layout for the PDF (text only: no tables, no
sections, so a floor rather than an equal). Each pair is run in turn (A B A B …) after a warm-up, round after
round a pair of each kind; the figures are medians and the median of the pairwise ratios. The .docx, HTML and PDF are gipr-gen's own
editions of a bundled report (the PDF made by LibreOffice), so any machine can rerun it.
Targets (issue 11): import of a .docx or HTML report ≤ 150 ms cold, a 6-page PDF ≤ 1.5 s.
Run by hand: .venv/bin/python bench/bench_import.py [REPORT.yaml] [--runs 11]
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
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


_EDITIONS = """
import sys
from pathlib import Path
from gipr_gen.api import load, render
from gipr_gen.writers.pdf import pdf_bytes
report, docx, html, pdf = map(Path, sys.argv[1:])
docx.write_bytes(render(load(report), "docx"))
html.write_bytes(render(load(report), "html"))
pdf.write_bytes(pdf_bytes(docx.read_bytes(), docx))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default=str(ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"))
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    pandoc, pdftotext = shutil.which("pandoc"), shutil.which("pdftotext")
    if pandoc is None or pdftotext is None:
        sys.exit("pandoc and pdftotext are needed (apt-get install pandoc poppler-utils)")

    compileall.compile_dir(str(ROOT / "gipr_gen"), quiet=1)  # as a regular install leaves it
    report_path = Path(args.report)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        editions = {ext: out / f"{report_path.stem}.{ext}" for ext in ("docx", "html", "pdf")}
        # made in a child process: this one stays small, so starting each timed command costs what it
        # costs from a shell
        subprocess.run([sys.executable, "-c", _EDITIONS, str(report_path), *map(str, editions.values())],
                       check=True, cwd=ROOT)
        peers = {"docx": [pandoc, str(editions["docx"]), "-t", "markdown", "-o", str(out / "p.md")],
                 "html": [pandoc, str(editions["html"]), "-f", "html", "-t", "markdown", "-o", str(out / "p.md")],
                 "pdf": [pdftotext, "-layout", str(editions["pdf"]), str(out / "p.txt")]}
        peer_names = {"docx": "pandoc .docx → Markdown", "html": "pandoc HTML → Markdown",
                      "pdf": "pdftotext -layout"}
        commands = {ext: [str(BIN / "gipr-gen"), "import", str(source), "-o", str(out / ext), "--force"]
                    for ext, source in editions.items()}
        for ext in editions:
            timed(commands[ext]), timed(peers[ext])  # warm-up
        # round after round, a pair of each kind in turn: a spell of load on the machine falls on every kind alike
        rounds = [{ext: (timed(commands[ext]), timed(peers[ext])) for ext in editions} for _ in range(args.runs)]
        for ext, source in editions.items():
            pairs = [r[ext] for r in rounds]
            a = statistics.median(x for x, _ in pairs)
            b = statistics.median(y for _, y in pairs)
            ratio = statistics.median(x / y for x, y in pairs)
            extra = f" ({pages(source)} pages)" if ext == "pdf" else ""
            print(f"import .{ext}{extra:<11}: gipr-gen {a * 1000:7.1f} ms, {peer_names[ext]} {b * 1000:7.1f} ms, "
                  f"ratio {ratio:5.2f} (medians of {args.runs}, in turn)")


if __name__ == "__main__":
    main()
