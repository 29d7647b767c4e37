"""Benchmark: gipr-gen build over many reports. Printed, each in one run on this machine:

- `--jobs 2` against `--jobs 1` on 1,000 reports, whole processes in turn (A B A B …), medians and the
  median of the pairwise ratios (target ≤ 0.55 on 2 cores), beside the machine's floor for the same work: the
  files cut in two, one `--jobs 1` process each, side by side;
- the peak memory (RSS) of one `build --jobs 1` process over 10,000 reports (target ≤ 60 MiB), beside the
  floor Python itself needs for that command line (10,000 file names);
- `--pdf` over a batch (one LibreOffice run) against one `build --pdf` process per report (one
  LibreOffice each), seconds per report (target ≤ 0.35 s);
- the cost per report of `build --jobs 1` at 100 and at 1,000 reports (linear: the same per report).
The reports are made from inputs/*.yaml, each its own: another organ name, every narrative paragraph
marked with the report's number (so that no cache holds them all), in a temporary folder.
Run by hand: .venv/bin/python bench/bench_scale.py [--runs 3] [--skip memory,pdf]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from gipr_gen.writers.pdf import soffice

ROOT = Path(__file__).resolve().parent.parent
GIPR = str(Path(sys.executable).parent / "gipr-gen")


def varied_reports(folder: Path, count: int) -> list[Path]:
    """``count`` reports made from the bundled examples, each different: another organ, and every narrative
    paragraph tagged after its first full stop with the report's number."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [(p, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "inputs").glob("*.yaml"))]
    organs = [yaml.safe_load(text)["organ"] for _, text in sources]
    made = []
    for i in range(count):
        (source, text), organ = sources[i % len(sources)], organs[i % len(sources)]
        text = text.replace(organ, f"第{i}区{organ}")
        text = re.sub(r"^(  [^ #\n][^\n]*?。)", lambda m: f"{m.group(1)}（{i}）", text, flags=re.M)
        path = folder / f"r{i:05d}-{source.stem}.yaml"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def run(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one whole process (and what it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, after.ru_maxrss / 1024


def build(files: list[Path], out: Path, *extra: str) -> list[str]:
    shutil.rmtree(out, ignore_errors=True)
    return [GIPR, "build", *map(str, files), "-o", str(out), *extra]


def side_by_side(files: list[Path], tmp: Path, parts: int) -> float:
    """Wall seconds of the files cut into ``parts``, one `build --jobs 1` each, all at once: what the cores
    give this very work when nothing at all is shared between the processes."""
    cmds = [build(files[n::parts], tmp / f"part{n}", "--to", "docx", "--jobs", "1") for n in range(parts)]
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for cmd in cmds]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


def jobs(files: list[Path], tmp: Path, runs: int) -> dict[int, float]:
    walls: dict[int, list[float]] = {1: [], 2: []}
    floors = []
    for _ in range(runs):
        for n in (2, 1):
            walls[n].append(run(build(files, tmp / f"jobs{n}", "--to", "docx", "--jobs", str(n)))[0])
        floors.append(side_by_side(files, tmp, 2) / walls[1][-1])
    one, two = statistics.median(walls[1]), statistics.median(walls[2])
    ratio = statistics.median(b / a for a, b in zip(walls[1], walls[2]))
    print(f"{len(files)} reports, --to docx: --jobs 1 {one:6.2f} s, --jobs 2 {two:6.2f} s (medians of {runs}, "
          f"in turn); ratio jobs 2 / jobs 1 = {ratio:.3f} (target ≤ 0.55)")
    print(f"the machine's floor for this work, timed after each pair: the files cut in two, one `build --jobs 1` "
          f"each, side by side, against the whole on one core: ratio {statistics.median(floors):.3f}")
    return {1: one, 2: two}


def memory(files: list[Path], tmp: Path) -> None:
    # the peak a process reaches is kept for RUSAGE_CHILDREN: each figure is read in a fresh child
    probe = [sys.executable, "-c", "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True,"
             " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage("
             "resource.RUSAGE_CHILDREN).ru_maxrss)"]
    start = time.perf_counter()
    peak = int(subprocess.run([*probe, *build(files, tmp / "memory", "--to", "docx", "--jobs", "1")],
                              check=True, capture_output=True, text=True).stdout) / 1024
    seconds = time.perf_counter() - start
    floor = int(subprocess.run([*probe, sys.executable, "-c", "pass", *map(str, files)], check=True,
                               capture_output=True, text=True).stdout) / 1024
    one = int(subprocess.run([*probe, *build(files[:1], tmp / "memory1", "--to", "docx")], check=True,
                             capture_output=True, text=True).stdout) / 1024
    print(f"{len(files)} reports in one process (build --jobs 1 --to docx): peak RSS {peak:.1f} MiB "
          f"(target ≤ 60), {seconds / len(files) * 1000:.1f} ms per report; one report {one:.1f} MiB; "
          f"Python alone with these {len(files)} file names {floor:.1f} MiB")


def pdf(files: list[Path], tmp: Path) -> None:
    start = time.perf_counter()
    run(build(files, tmp / "pdf-batch", "--to", "docx", "--pdf"))
    batch = (time.perf_counter() - start) / len(files)
    start = time.perf_counter()
    for path in files:
        subprocess.run([GIPR, "build", str(path), "-o", str(tmp / "pdf-each"), "--to", "docx", "--pdf"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    each = (time.perf_counter() - start) / len(files)
    print(f"--pdf, {len(files)} reports: one batch (one LibreOffice run) {batch:.2f} s per report (target ≤ 0.35); "
          f"one build --pdf per report {each:.2f} s per report; ratio {batch / each:.2f}")


def linear(files: list[Path], tmp: Path, thousand: float | None) -> None:
    small = statistics.median(run(build(files[:100], tmp / "linear", "--to", "docx", "--jobs", "1"))[0]
                              for _ in range(3)) / 100
    large = (thousand if thousand is not None else
             run(build(files[:1000], tmp / "linear", "--to", "docx", "--jobs", "1"))[0]) / 1000
    print(f"build --jobs 1 --to docx, per report: 100 reports {small * 1000:.1f} ms, 1,000 reports "
          f"{large * 1000:.1f} ms (ratio {large / small:.2f}; start-up shared by fewer reports at 100)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip", default="", help="comma-separated: jobs, memory, pdf, linear")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    compileall.compile_dir(str(ROOT / "gipr_gen"), quiet=1)  # as a regular install leaves it
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")
    with tempfile.TemporaryDirectory(prefix="gipr-gen-bench-") as folder:
        tmp = Path(folder)
        files = varied_reports(tmp / "reports", 10_000 if "memory" not in skip else 1_000)
        medians = jobs(files[:1000], tmp, args.runs) if "jobs" not in skip else {}
        if "linear" not in skip:
            linear(files, tmp, medians.get(1))
        if "pdf" not in skip and soffice() is not None:
            pdf(files[:20], tmp)
        if "memory" not in skip:
            memory(files, tmp)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
