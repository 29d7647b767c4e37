"""Small hostile files and places: each is refused or read in a moment, with a clear word, never a hang or a
traceback. A run of empty HTML comments before plain text (once exponential for the HTML sniffer); a .docx
whose row or cell claims a grid billions of columns wide; a named pipe given as the Word template or found in
a folder (opening it would wait for a writer); a page nested deeper than the HTML parser goes (it would cut
the rest silently); a disk that fills while an audit is written.
Each command runs in a worker thread with a deadline, so that a hang fails the test instead of stalling it.
"""

from __future__ import annotations

import errno
import io
import json
import os
import threading
import zipfile
from pathlib import Path

import pytest

from gipr_gen import atomic
from gipr_gen.errors import OutputError

from conftest import ROOT, cli

YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"
PIPE_WORDS = "管道或套接字"
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")


def within(seconds: float, *args: str):
    """``cli(*args)``, failing the test when it has not ended after ``seconds``."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("ran", cli(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"gipr-gen {' '.join(args)} still running after {seconds} s"
    return box["ran"]


def test_empty_comments_before_plain_text_are_sniffed_at_once(tmp_path: Path) -> None:
    text = tmp_path / "comments.txt"
    text.write_text("<!---->" * 40 + "x\n", encoding="utf-8")
    ran = within(20, "import", str(text), "-o", str(tmp_path / "out.yaml"))
    assert ran.returncode == 2 and "Traceback" not in ran.stderr and "不像是年度报告" in ran.stderr


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')


def docx_with_rows(path: Path, row_props: str, cell_props: str, rows: int = 1) -> Path:
    row = f"<w:tr>{row_props}<w:tc>{cell_props}<w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
    document = (f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>一、总体情况</w:t>'
                f"</w:r></w:p><w:tbl>{row * rows}</w:tbl></w:body></w:document>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
    return path


@pytest.mark.parametrize("row_props, cell_props", [
    ('<w:trPr><w:gridBefore w:val="100000000"/></w:trPr>', ""),
    ("", '<w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr>'),
    ('<w:trPr><w:gridBefore w:val="100000000000000000000"/></w:trPr>', '<w:tcPr><w:hMerge/></w:tcPr>'),
])
def test_a_docx_cell_claiming_a_vast_grid_is_read_in_a_moment(tmp_path: Path, row_props: str, cell_props: str) -> None:
    source = docx_with_rows(tmp_path / "wide.docx", row_props, cell_props)
    ran = within(20, "import", str(source), "-o", str(tmp_path / "wide.yaml"))
    assert ran.returncode in (1, 2) and "Traceback" not in ran.stderr


def test_a_docx_table_whose_empty_grid_is_too_large_is_refused(tmp_path: Path) -> None:
    # 2,000 rows, each a cell spanning 1,000 columns after 999 skipped: two million grid positions, most empty
    source = docx_with_rows(tmp_path / "vast.docx", '<w:trPr><w:gridBefore w:val="999"/></w:trPr>',
                            '<w:tcPr><w:gridSpan w:val="1000"/></w:tcPr>', rows=2000)
    ran = within(20, "import", str(source), "-o", str(tmp_path / "vast.yaml"))
    assert ran.returncode == 2 and "250000" in ran.stderr and not (tmp_path / "vast.yaml").exists()


@posix_only
def test_a_named_pipe_given_as_the_template_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.docx")
    ran = within(20, "build", str(YUNXI), "-o", str(tmp_path / "out"), "--template", str(tmp_path / "pipe.docx"))
    assert ran.returncode == 2 and PIPE_WORDS in ran.stderr and "找不到" not in ran.stderr
    assert not (tmp_path / "out").exists()


@posix_only
@pytest.mark.parametrize("command", ["audit", "aggregate"])
def test_a_named_pipe_in_a_folder_is_left_out_not_waited_on(tmp_path: Path, command: str) -> None:
    # a pipe named on the command line is read, as any program reads one (``check <(…)``); one met in a folder
    # is no report file
    folder = tmp_path / "reports"
    folder.mkdir()
    os.mkfifo(folder / "a.yaml")
    (folder / "b.yaml").write_bytes(YUNXI.read_bytes())
    if command == "audit":
        ran = within(20, "audit", str(folder), "-o", str(tmp_path / "out"))
        report = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
        assert ran.returncode == 0 and [Path(r["path"]).name for r in report["reports"]] == ["b.yaml"]
    else:
        ran = within(20, "aggregate", str(folder), "--organ", "某县", "-o", str(tmp_path / "sum.yaml"))
        assert ran.returncode == 0 and "a.yaml" not in ran.stderr + ran.stdout and (tmp_path / "sum.yaml").exists()


@pytest.mark.parametrize("depth", [200, 300])
def test_a_page_nested_too_deep_is_refused_not_cut_short(tmp_path: Path, depth: int) -> None:
    # the bundled example as gipr-gen writes it, with a decorated word nested ``depth`` elements deep just
    # before section 六: lxml stops at 256 and would drop everything after it
    assert cli("build", str(YUNXI), "-o", str(tmp_path), "--to", "html").returncode == 0
    page = (tmp_path / f"{YUNXI.stem}.html").read_text(encoding="utf-8")
    at = page.rindex("<", 0, page.index("六、"))
    nested = tmp_path / "nested.html"
    nested.write_text(page[:at] + "<span>" * depth + "装饰" + "</span>" * depth + page[at:], encoding="utf-8")
    ran = within(20, "import", str(nested), "-o", str(tmp_path / "imported"))
    if depth < 256:
        assert ran.returncode == 0, ran.stderr
        assert "装饰" in (tmp_path / "imported" / "nested.yaml").read_text(encoding="utf-8")
    else:
        assert ran.returncode == 2 and "256" in ran.stderr and not (tmp_path / "imported").exists()


class _FullDisk(io.RawIOBase):
    """A file on a disk with no room left: every write fails as the system fails it."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_disk_that_fills_while_outputs_are_streamed_leaves_nothing_and_says_so(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    opened = []

    def on_full_disk(fd: int, mode: str):
        os.close(fd)
        opened.append(fd)
        return io.BufferedWriter(_FullDisk())

    monkeypatch.setattr(atomic.os, "fdopen", on_full_disk)
    targets = [tmp_path / "out" / "audit.html", tmp_path / "out" / "audit.json"]

    def fill(files) -> None:
        for f in files:
            f.write(b"<p>one row</p>")  # held in the buffer: the disk is found full when it is written out

    with pytest.raises(OutputError):
        atomic.write_streamed(targets, fill)
    assert len(opened) == 2
    assert not (tmp_path / "out").exists()  # its folder made for it is taken away again, temporary files first
