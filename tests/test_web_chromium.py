"""The HTML edition printed by a real browser: headless Chromium (a real subprocess) prints each input's
page to PDF, poppler's pdftotext reads it back, and the text must hold the title, the six headings, every
table figure and the signature date.

Expectations come from outside gipr-gen: the headings and the table grids from the spec transcription in
``tests/data/official_grids.py``, the title, figures and signature from the input file read with
``yaml.safe_load``, the page geometry from spec §9.1."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gipr_gen.api import load, render

from conftest import INPUTS
from data import official_grids as G
from test_web_outputs import load_yaml, signature_of

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT = 90  # seconds for all prints together
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"]


@dataclass(frozen=True)
class Printed:
    data: dict[str, Any]  # the input file as yaml.safe_load reads it
    pdf: Path
    text: str  # pdftotext -layout
    bbox: str  # pdftotext -bbox: every word with its box, page by page


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    if not Path(CHROMIUM).is_file():
        pytest.skip("chromium is not installed (.ci/setup installs the Debian package chromium)")
    assert shutil.which("pdftotext"), "pdftotext is missing (.ci/setup installs poppler-utils)"
    tmp = tmp_path_factory.mktemp("chromium")
    jobs: dict[str, tuple[dict[str, Any], Path, subprocess.Popen]] = {}
    for path in INPUTS:  # one Chromium per input, all at once
        page = tmp / f"{path.stem}.html"
        page.write_bytes(render(load(path), "html"))
        pdf = tmp / f"{path.stem}.pdf"
        profile = tmp / f"profile-{path.stem}"
        profile.mkdir()
        proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                                 page.as_uri()], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        jobs[path.name] = (load_yaml(path), pdf, proc)
    result: dict[str, Printed] = {}
    try:
        for name, (data, pdf, proc) in jobs.items():
            _, err = proc.communicate(timeout=TIMEOUT)
            assert proc.returncode == 0 and pdf.is_file(), err.decode(errors="replace")[-2000:]
            text, bbox = (subprocess.run(["pdftotext", mode, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                         check=True, timeout=60).stdout.decode("utf-8") for mode in ("-layout", "-bbox"))
            result[name] = Printed(data, pdf, text, bbox)
    finally:
        for _, _, proc in jobs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return result


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def heading_lines(lines: list[str]) -> list[int]:
    """The line of each section heading: the last line with its text before the next heading
    (an overview may quote a heading as a paragraph)."""
    flat = [squash(s) for s in lines]
    out: list[int] = []
    for i, heading in enumerate(G.HEADINGS):
        hits = [j for j in range(out[-1] + 1 if out else 0, len(flat)) if flat[j] == heading]
        assert hits, f"heading {heading} not found"
        if i + 1 < len(G.HEADINGS):
            nxt = [j for j in range(hits[0] + 1, len(flat)) if flat[j] == G.HEADINGS[i + 1]]
            hits = [j for j in hits if not nxt or j < nxt[0]]
        out.append(hits[-1])
    return out


NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:万?元)?")  # a figure; an amount with the unit its row states (2019)


def figure_rows(lines: list[str]) -> list[list[str]]:
    """Each line's trailing run of figures (cells of one table row share a baseline)."""
    rows = []
    for line in lines:
        tokens = line.split()
        run: list[str] = []
        while tokens and NUMBER.fullmatch(tokens[-1]):
            run.insert(0, tokens.pop())
        if run:
            rows.append(run)
    return rows


def expected_rows(data: dict[str, Any]) -> list[list[str]]:
    """Each grid row's figures, tables 二, 三, 四 in turn (table 四's 15 figures share one row)."""
    return [row for key in G.TABLE_SECTIONS for row in G.expected_rows(G.tables_of(data)[key], data)]


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_printed_pdf_holds_title_headings_and_figures(printed: dict[str, Printed], name: str) -> None:
    p = printed[name]
    assert p.pdf.read_bytes().startswith(b"%PDF")
    assert squash(G.title_of(p.data)) in squash(p.text[:400])
    lines = p.text.splitlines()
    heads = heading_lines(lines)
    assert heads == sorted(heads)
    rows = expected_rows(p.data)
    assert len(rows) == 6 + 25 + 1 and sum(map(len, rows)) == sum(G.data_cells_of(p.data).values())  # 2019: 8 + 23 + 1
    assert figure_rows(lines[heads[1]:heads[4]]) == rows
    signature = signature_of(p.data)
    if signature:
        organ, date = signature
        tail = re.sub(r"—\d+—", "", squash(p.text[p.text.rindex(G.HEADINGS[-1][2:]):]))  # less page numbers
        assert tail.endswith(squash(organ + date)), tail[-80:]


def test_printed_on_a4(printed: dict[str, Printed]) -> None:
    for p in printed.values():
        info = subprocess.run(["pdfinfo", str(p.pdf)], capture_output=True, text=True, check=True).stdout
        w, h = (float(x) for x in re.search(r"Page size:\s*([0-9.]+) x ([0-9.]+) pts", info).groups())
        assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2, info


MM = 72 / 25.4
BODY_TOP, BODY_BOTTOM = 37 * MM, (297 - 35) * MM  # the 版心 of report.css's @page margins


def page_fill(bbox: str) -> list[float]:
    """Per page, how far down the body text reaches (0 at the top margin, 1 at the bottom one)."""
    fills = []
    for page in re.split(r"<page ", bbox)[1:]:
        tops = [float(y) for y in re.findall(r'<word [^>]*yMin="([0-9.]+)"', page) if float(y) < BODY_BOTTOM]
        fills.append((max(tops) - BODY_TOP) / (BODY_BOTTOM - BODY_TOP) if tops else 0.0)
    return fills


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_no_page_left_mostly_empty(printed: dict[str, Printed], name: str) -> None:
    # a table row that cannot break used to push the whole 22-row merge of table 三 to the next page
    fills = page_fill(printed[name].bbox)
    assert len(fills) >= 3 and all(f > 0.6 for f in fills[:-1]), fills
