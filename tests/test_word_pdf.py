"""The Word files rendered by a real reader: LibreOffice headless converts each to PDF
(`gipr-gen build --pdf`), and the PDF's text, read back with pdftotext, holds the title, the headings, the
tables' labels and the figures, and the page numbers. Expected texts are the spec's (tests/data/official_grids.py)
and the input's, read with yaml.safe_load. Also: the committed reference template is what LibreOffice makes
of its source, templates/report.fodt."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from io import BytesIO

import pytest
import yaml

from gipr_gen.writers.docx.reference import build, source
from gipr_gen.writers.docx.writer import default_template
from gipr_gen.writers.pdf import soffice

from conftest import INPUTS, cli
from data import official_grids as G

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
        result[path.name] = (yaml.safe_load(path.read_text(encoding="utf-8")), re.sub(r"\s+", "", text), pages)
    return result


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_pdf_holds_title_headings_labels_and_figures(pdfs, name: str) -> None:
    data, text, pages = pdfs[name]
    assert 3 <= pages <= 12
    assert G.title_of(data) in text
    positions = [text.index(h) for h in G.HEADINGS]
    assert positions == sorted(positions)  # all six, in order
    figures_out = re.compile(r"[0-9.—\s]")  # figures on the same printed line split wrapped labels
    words = figures_out.sub("", text)
    tables_of_format = G.tables_of(data)
    for table in tables_of_format.values():
        for cell in table.cells:
            if cell.text:
                assert printed(figures_out.sub("", cell.text), words, cell.rowspan), cell.text
    # text extraction reads cells column by column at times, so figures are looked for one by one
    tables = text[text.index(G.HEADINGS[1]):text.index(G.HEADINGS[4])]
    for section in G.TABLE_SECTIONS:
        for row in G.expected_rows(tables_of_format[section], data):
            assert all(figure in tables for figure in row), (section, row)


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
    assert not any(tmp_path.iterdir())  # all or nothing: not even the Word file of the refused set


def test_committed_template_is_made_from_its_source() -> None:
    """templates/report.docx is LibreOffice's conversion of templates/report.fodt (the font table aside,
    which lists the fonts of the machine that converted it)."""
    made = zipfile.ZipFile(BytesIO(build(soffice(), source())))
    with zipfile.ZipFile(default_template()) as committed:
        assert sorted(committed.namelist()) == sorted(made.namelist())
        for name in committed.namelist():
            if name != "word/fontTable.xml" and name != "docProps/app.xml":  # app.xml names LibreOffice's version
                assert committed.read(name) == made.read(name), f"{name}: run python -m gipr_gen.writers.docx.reference"


def test_the_pdf_is_the_same_bytes_every_time(tmp_path) -> None:
    import time

    import yaml

    report = INPUTS[-1]  # carries a signature date, the date the PDF says it was made
    assert cli("build", str(report), "--pdf", "-o", str(tmp_path / "a")).returncode == 0
    time.sleep(1.1)  # a conversion a second later: LibreOffice itself stamps the time it runs
    assert cli("build", str(report), "--pdf", "-o", str(tmp_path / "b")).returncode == 0
    first, second = (tmp_path / d / f"{report.stem}.pdf" for d in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    info = subprocess.run(["pdfinfo", str(first)], capture_output=True, text=True, timeout=60).stdout
    y, m, d = (int(x) for x in str(yaml.safe_load(report.read_text(encoding="utf-8"))["signature"]["date"])
               .replace("年", "-").replace("月", "-").rstrip("日").split("-"))
    created = next(line for line in info.splitlines() if line.startswith("CreationDate:"))
    assert f" {y}" in created and time.strftime("%b", (y, m, d, 0, 0, 0, 0, 0, 0)) in created
