"""Benchmark: `gipr-gen audit` of 100, 1,000 and 10,000 generated YAML reports, as a whole process.

The reports are the bundled 2021-format examples (inputs/*.yaml) made into many bodies' chains of four years
(2021–2024): each body a county and a department named from lists, its figures those of an example scaled
by a whole factor (the tables still add up; the text's quoted counts then differ, as they do in real
folders), one report in twenty with a figure broken, a quarter with a publication date (a third of those
late). Each size runs `gipr-gen audit DIR --jobs N` as a process (start-up and writing the three outputs
included). The script prints, per size: wall seconds, the cost per report and per report beyond the smallest
size (start-up is paid once; the same figure at every size is a linear cost), and the peak resident memory
of each process (the command and its workers, read from /proc as they run). Target: 10,000 reports ≤ 60 s on
2 cores. With --one-core it also runs the middle size with --jobs 1, alternating with --jobs 2 (each run
alone, without the memory watcher), and prints the median of the pairs' ratios (target ≤ 0.55), beside the
machine's floor for this same work, timed right after each pair: the folder's bodies dealt into as many
folders as jobs, each audited by its own `--jobs 1` process, all at once (nothing shared, nothing sent between
processes, no body's chain cut), against the whole folder on one core. The machine's load average is printed
before and after: read the figures with it.
Run by hand: .venv/bin/python bench/bench_audit.py [--sizes 100,1000,10000] [--jobs 2] [--one-core]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
YEARS = (2021, 2022, 2023, 2024)
COUNTIES = ("云溪", "青岚", "澄川", "望洲", "临溪", "白鹭", "枫林", "石桥", "云台", "滨海", "鹿鸣", "清河",
            "松涛", "梅岭", "桃源", "长乐", "永安", "太平", "兴隆", "安远")
DEPARTMENTS = ("市场监督管理局", "交通运输局", "教育体育局", "农业农村局", "统计局", "民政局", "财政局",
               "自然资源局", "住房和城乡建设局", "卫生健康委员会", "生态环境分局", "文化和旅游局",
               "人力资源和社会保障局", "应急管理局", "水利局", "司法局", "审计局", "林业局", "商务局", "医疗保障局")
_FLOW = re.compile(r"\{[^{}\n]*\}")
_COUNT = re.compile(r"(?<=: )([0-9]+)(?=[,}])")


def _templates() -> list[tuple[str, str, int]]:
    """(text, organ, year) of each bundled 2021-format example."""
    out = []
    for path in sorted((ROOT / "inputs").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if 'format: "2021"' in text:
            organ = re.search(r"^organ: (.+)$", text, re.M).group(1).strip()
            year = int(re.search(r"^year: ([0-9]{4})", text, re.M).group(1))
            out.append((text, organ, year))
    return out


def _report(template: tuple[str, str, int], organ: str, year: int, factor: int, broken: bool,
            published: str | None) -> str:
    text, old_organ, old_year = template
    text = text.replace(old_organ, organ)
    for shift in (1, 0):  # the publication year first, then the report's (so the two never run together)
        text = text.replace(str(old_year + shift), f"\0{year + shift}")
    text = text.replace("\0", "")
    if published:
        text = re.sub(r"^year: [0-9]{4}.*$", lambda m: f"{m.group()}\npublished: {published}", text, count=1, flags=re.M)
    text = _FLOW.sub(lambda m: _COUNT.sub(lambda c: str(int(c.group()) * factor), m.group()), text)
    if broken:  # one received figure off by one: T3-01 (and T3-03, T3-05 with it)
        text = re.sub(r"(received:\s*\{natural_person: )([0-9]+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), text)
    return text


def generate(folder: Path, count: int) -> None:
    templates = _templates()
    n = 0
    while n < count:
        body = n // len(YEARS)
        organ = f"{COUNTIES[body % len(COUNTIES)]}县{DEPARTMENTS[body // len(COUNTIES) % len(DEPARTMENTS)]}" + \
            (f"第{body // (len(COUNTIES) * len(DEPARTMENTS)) + 1}分局" if body >= len(COUNTIES) * len(DEPARTMENTS) else "")
        for year in YEARS:
            if n == count:
                break
            published = f"{year + 1}-0{1 + n % 3}-15" if body % 4 == 0 else None  # a third of them late
            text = _report(templates[body % len(templates)], organ, year, 1 + body % 3, n % 20 == 7, published)
            path = folder / str(year) / f"{body:05d}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            n += 1


def _tree(pid: int) -> set[int]:
    """``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        out.add(p)
        todo += children.get(p, [])
    return out


def _peak(pid: int) -> int | None:
    """A process's peak resident memory so far (VmHWM), in KiB."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None


def timed(folder: Path, out: Path, jobs: int) -> float:
    """Wall seconds of one audit, nothing else running beside it."""
    start = time.perf_counter()
    subprocess.run([str(BIN / "gipr-gen"), "audit", str(folder), "-o", str(out), "--jobs", str(jobs)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def split(folder: Path, parts: int) -> list[Path]:
    """``folder``'s bodies dealt into ``parts`` folders beside it (their files linked, not copied): the same
    work, cut where no body's chain is cut."""
    out = [folder.with_name(f"{folder.name}-part{n}") for n in range(parts)]
    for file in sorted(folder.rglob("*.yaml")):
        target = out[int(file.stem) % parts] / file.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.link(file, target)
    return out


def side_by_side(folders: list[Path], out: Path) -> float:
    """Wall seconds of one `audit --jobs 1` per folder, all at once: what the cores give this very work when
    nothing at all is shared between the processes."""
    start = time.perf_counter()
    procs = [subprocess.Popen([str(BIN / "gipr-gen"), "audit", str(f), "-o", str(out / str(n)), "--jobs", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for n, f in enumerate(folders)]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


def run(folder: Path, out: Path, jobs: int) -> tuple[float, int, dict[int, int]]:
    """Wall seconds, exit code and the peak memory (KiB) of each process of one audit."""
    peaks: dict[int, int] = {}
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "gipr-gen"), "audit", str(folder), "-o", str(out), "--jobs", str(jobs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def watch() -> None:
        while proc.poll() is None:
            for pid in _tree(proc.pid):
                peak = _peak(pid)
                if peak:
                    peaks[pid] = max(peaks.get(pid, 0), peak)
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    code = proc.wait()
    wall = time.perf_counter() - start
    watcher.join()
    return wall, code, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--one-core", action="store_true", help="also the middle size on one core, alternating")
    parser.add_argument("--runs", type=int, default=7, help="pairs of the alternating one-core comparison")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    first: tuple[int, float] | None = None  # the smallest size and its seconds
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"reports-{size}"
            generate(folder, size)
            run(folder, Path(tmp) / "warm", args.jobs)  # the page cache and byte-compiled modules warm
            wall, code, peaks = run(folder, Path(tmp) / f"out-{size}", args.jobs)
            # the cost of each report beyond the smallest size's (start-up and pools are paid once): the same
            # figure at every size is a linear cost
            more = f", {(wall - first[1]) / (size - first[0]) * 1000:5.2f} ms per report more" if first else ""
            first = first or (size, wall)
            rss = sorted((kib / 1024 for kib in peaks.values()), reverse=True)
            print(f"{size:6d} reports, --jobs {args.jobs}: {wall:6.1f} s, {wall / size * 1000:5.2f} ms/report{more}, "
                  f"exit {code}; peak RSS per process (MiB): " + ", ".join(f"{r:.0f}" for r in rss))
        if args.one_core:
            size = sizes[len(sizes) // 2]
            folder = Path(tmp) / f"reports-{size}"
            parts = split(folder, args.jobs)
            # timed alone (the memory watcher's walks of /proc would take a share of the cores being compared),
            # each pair of audits beside the same work cut in parts, so that both see the machine alike
            pairs, floors = [], []
            for _ in range(args.runs):
                pairs.append((timed(folder, Path(tmp) / "cmp", 1), timed(folder, Path(tmp) / "cmp", args.jobs)))
                floors.append(side_by_side(parts, Path(tmp) / "parts") / pairs[-1][0])
            one, many = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
            ratio = statistics.median(b / a for a, b in pairs)
            print(f"{size:6d} reports, {args.runs} alternating pairs: --jobs 1 {one:.2f} s, --jobs {args.jobs} "
                  f"{many:.2f} s (medians), ratio {ratio:.3f} (median of the pairs' ratios)")
            print(f"the machine's floor for this work, measured between those pairs: its bodies dealt into "
                  f"{args.jobs} folders, one `audit --jobs 1` each, all at once, against the whole on one core: "
                  f"ratio {statistics.median(floors):.3f} (median of {args.runs})")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
