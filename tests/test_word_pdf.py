"""The Word files rendered by a real reader: LibreOffice headless converts each to PDF
(`gipr-gen build --pdf`), and the PDF's text holds the title, headings, labels and figures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from gipr_gen.formats.f2021 import layout as L
from gipr_gen.formats import F2021
from gipr_gen.api import load
from gipr_gen.writers.pdf import soffice
from gipr_gen.model import format_number as number

from conftest import INPUTS, cli

pytestmark = pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice or pdftotext is not installed (.ci/setup installs them)")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("pdf")
    res = cli("build", *map(str, INPUTS), "-o", str(out), "--to", "docx", "--pdf")
    assert res.returncode == 0, res.stderr
    result = {}
    for path in INPUTS:
        pdf = out / f"{path.stem}.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        result[path.name] = (load(path), re.sub(r"\s+", "", text), pages)
    return result


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_pdf_holds_title_headings_labels_and_figures(pdfs, name: str) -> None:
    report, text, pages = pdfs[name]
    assert 3 <= pages <= 12
    assert report.title in text
    positions = [text.index(s.heading) for s in L.SECTIONS]
    assert positions == sorted(positions)  # all six, in order
    figures_out = re.compile(r"[0-9.—\s]")  # figures on the same printed line split wrapped labels
    words = figures_out.sub("", text)
    for spec in L.TABLES:
        for cell in spec.grid.cells:
            if cell.role != "data":
                assert printed(figures_out.sub("", cell.text), words, cell.rowspan), cell.text
    figures = {number(v) for table in report.tables.values() for v in table.values.values()}
    tables = text[text.index(L.SECTIONS[1].heading):text.index(L.SECTIONS[4].heading)]
    assert all(f in tables for f in figures)


def printed(label: str, words: str, rows: int = 1) -> bool:
    """A label is printed whole, or wrapped inside its cell (a tall narrow cell: a character a line):
    text extraction then interleaves its lines with the neighbouring cells', so its characters must
    appear in order within the stretch of text its rows print."""
    if label in words:
        return True
    for start in (m.start() for m in re.finditer(re.escape(label[0]), words)):
        pos = start
        for ch in label[1:]:
            pos = words.find(ch, pos + 1)
            if pos < 0:
                break
        if pos >= 0 and pos - start <= 6 * len(label) + 90 * (rows - 1):
            return True
    return False


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_page_numbers_are_printed(pdfs, name: str) -> None:
    _, text, pages = pdfs[name]
    assert all(f"—{n}—" in text for n in range(1, pages + 1))


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path) -> None:
    env = {"PATH": os.path.dirname(shutil.which("git") or "/usr/bin/git") + "/../nonexistent"}
    res = cli("build", str(INPUTS[0]), "-o", str(tmp_path), "--to", "docx", "--pdf", env=env)
    assert res.returncode == 2 and "LibreOffice" in res.stderr and "Traceback" not in res.stderr
    assert (tmp_path / f"{INPUTS[0].stem}.docx").is_file()  # the Word file itself was written
