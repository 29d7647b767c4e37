"""Many reports at once: ``gipr-gen build --jobs N`` gives what one process gives, byte for byte and line for
line; the progress bar is drawn only on a terminal; one file's failure (an exception, a worker process that
dies) is said for that file while the others are built; Ctrl-C stops a batch cleanly; ``--pdf`` converts a
whole batch with one LibreOffice run, and a report whose PDF fails is not written at all.

Expected outputs come from the one-process build and from the input files; the fake LibreOffice below
behaves as ``soffice --convert-to pdf`` does (a line per file as it starts it, the PDF in --outdir).
"""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from gipr_gen import batch
from gipr_gen.formats import FORMATS
from gipr_gen.cli import build as build_cli
from gipr_gen.writers import pdf as pdf_writer

from conftest import INPUTS, VENV_BIN, cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="ptys, process groups and shell scripts")


def reports(folder: Path, copies: int = 2) -> list[Path]:
    """The bundled reports, each under ``copies`` names (distinct stems, as one batch needs)."""
    folder.mkdir(exist_ok=True)
    made = []
    for i in range(copies):
        for source in INPUTS:
            path = folder / f"{source.stem}-{i}.yaml"
            path.write_bytes(source.read_bytes())
            made.append(path)
    return made


def outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as z:
        return {name: z.read(name) for name in z.namelist()}


# ---- the runner ------------------------------------------------------------------------------------


def square_or_fail(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x * x


def dies_at_five(x: int) -> int:
    if x == 5:
        os._exit(9)
    return x


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_input_order_and_an_exception_stays_with_its_item(jobs: int) -> None:
    done = list(batch.run(square_or_fail, range(40), jobs, "t"))
    assert [d.item for d in done] == list(range(40))
    assert [d.value for d in done if d.item != 3] == [x * x for x in range(40) if x != 3]
    failed = done[3]
    assert failed.value is None and isinstance(failed.error, ValueError) and str(failed.error) == "three"


def test_a_worker_that_dies_fails_its_items_and_the_rest_go_on() -> None:
    done = list(batch.run(dies_at_five, range(60), 2, "t"))
    assert [d.item for d in done] == list(range(60))
    assert isinstance(done[5].error, batch.WorkerDied)
    lost = {d.item for d in done if d.error is not None}
    assert lost and max(lost) < 60 and len(lost) < 30  # only what was in flight in the dead pool
    assert all(d.value == d.item for d in done if d.error is None)


def frozen_in_worker(x: int) -> tuple[int, bool]:
    import gc

    return x, gc.get_freeze_count() > 0


def test_workers_collect_without_walking_what_they_inherited_and_the_caller_is_left_as_it_was() -> None:
    import gc

    assert gc.get_freeze_count() == 0
    done = list(batch.run(frozen_in_worker, range(8), 2, "t"))
    assert [d.value for d in done] == [(x, True) for x in range(8)]  # forked with the parent's objects frozen
    assert gc.get_freeze_count() == 0  # and thawed again in the caller
    gc.freeze()  # a caller that froze its own objects keeps them frozen
    try:
        kept = gc.get_freeze_count()
        list(batch.run(frozen_in_worker, range(8), 2, "t"))
        assert gc.get_freeze_count() == kept
    finally:
        gc.unfreeze()


# ---- --jobs: the same outputs, the same lines --------------------------------------------------------


def test_two_jobs_make_the_same_files_and_say_the_same_lines_as_one(tmp_path: Path) -> None:
    files = [str(p) for p in reports(tmp_path / "in")] + [str(tmp_path / "missing.yaml")]
    one = cli("build", *files, "-o", str(tmp_path / "one"), "--jobs", "1")
    two = cli("build", *files, "-o", str(tmp_path / "two"), "--jobs", "2")
    assert one.returncode == two.returncode == 2  # the missing file; every other one is built
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr.replace(str(tmp_path / "one"), "OUT") == two.stderr.replace(str(tmp_path / "two"), "OUT")
    names = outputs(tmp_path / "one")
    assert names == outputs(tmp_path / "two") == sorted(f"{Path(f).stem}.{ext}" for f in files[:-1]
                                                        for ext in ("docx", "md", "html"))
    for name in names:
        first, second = tmp_path / "one" / name, tmp_path / "two" / name
        if name.endswith(".docx"):
            assert parts(first) == parts(second), name
        else:
            assert first.read_bytes() == second.read_bytes(), name


def test_an_internal_error_on_one_file_is_said_for_it_and_the_others_are_built(tmp_path: Path, monkeypatch) -> None:
    files = reports(tmp_path / "in")
    victim = files[3]
    real = build_cli.build_file

    def build_file(path: Path, *args, **kwargs):
        if path == victim:
            raise RuntimeError("simulated bug")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(build_cli, "build_file", build_file)  # the forked workers inherit it
    res = cli("build", *map(str, files), "-o", str(tmp_path / "out"), "--to", "md", "--jobs", "2", "--lang", "en")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    said = [line for line in res.stderr.splitlines() if "simulated bug" in line]
    assert len(said) == 1 and said[0].startswith(str(victim)) and "internal error" in said[0]
    assert outputs(tmp_path / "out") == sorted(f"{p.stem}.md" for p in files if p != victim)


def test_a_worker_killed_under_a_file_is_said_and_every_file_gets_a_verdict(tmp_path: Path, monkeypatch) -> None:
    files = reports(tmp_path / "in", copies=4)
    victim = files[6]
    real = build_cli.build_file

    def build_file(path: Path, *args, **kwargs):
        if path == victim:
            os._exit(9)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(build_cli, "build_file", build_file)
    res = cli("build", *map(str, files), "-o", str(tmp_path / "out"), "--to", "md", "--jobs", "2", "--lang", "en")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    died = [line.split(": ")[0] for line in res.stderr.splitlines() if "stopped unexpectedly" in line]
    assert str(victim) in died
    built = {name.removesuffix(".md") for name in outputs(tmp_path / "out")}
    assert victim.stem not in built
    assert {p.stem for p in files} == built | {Path(d).stem for d in died}, res.stderr  # each built or said
    assert len(built) >= len(files) // 2


# ---- the progress bar -----------------------------------------------------------------------------


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    files = reports(tmp_path / "in")
    done = subprocess.run([str(VENV_BIN / "gipr-gen"), "build", *map(str, files), "-o", str(tmp_path / "out"),
                           "--to", "md", "--lang", "en"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr and "building" not in done.stderr
    assert done.stderr.splitlines() == [f"wrote {tmp_path / 'out' / p.stem}.md" for p in files]


@posix_only
def test_the_progress_bar_is_drawn_on_a_terminal_and_cleared_at_the_end(tmp_path: Path) -> None:
    files = reports(tmp_path / "in")
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([str(VENV_BIN / "gipr-gen"), "build", *map(str, files), "-o", str(tmp_path / "out"),
                             "--to", "md", "--lang", "en"], stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        try:
            chunk = os.read(controller, 65536) if ready else b""
        except OSError:  # the other end closed
            chunk = b""
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert proc.wait(timeout=60) == 0
    text = seen.decode("utf-8")
    assert "building [" in text and f" {len(files)}/{len(files)}" in text
    assert all(f"wrote {tmp_path / 'out' / p.stem}.md" in text for p in files)
    last = text.rsplit("\n", 1)[-1]  # after the last line printed: the bar drawn, then blanked
    assert last.endswith("\r") and last.rstrip("\r").rsplit("\r", 1)[-1].strip() == ""


# ---- Ctrl-C ----------------------------------------------------------------------------------------


@posix_only
def test_ctrl_c_stops_a_batch_cleanly(tmp_path: Path) -> None:
    files = reports(tmp_path / "in", copies=30)
    out = tmp_path / "out"
    # a process group of its own, signalled whole, as a terminal's Ctrl-C is
    proc = subprocess.Popen([str(VENV_BIN / "gipr-gen"), "build", *map(str, files), "-o", str(out), "--jobs", "2",
                             "--lang", "en"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while not (out.exists() and len(list(out.iterdir())) >= 6) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and stderr.count("interrupted") == 1, stderr
    names = outputs(out)
    assert not [n for n in names if n.endswith(".tmp")]  # nothing half-written
    stems = {n.rsplit(".", 1)[0] for n in names}
    assert all(all(f"{s}.{ext}" in names for ext in ("docx", "md", "html")) for s in stems)  # whole sets
    assert len(stems) < len(files)


# ---- --pdf: one LibreOffice run for the batch ------------------------------------------------------

FAKE_SOFFICE = """#!{python}
# soffice --convert-to pdf as far as gipr-gen uses it: a line per file as it starts it, the PDF in --outdir
import os, sys, time
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.log"), "a") as log:
    log.write(" ".join(a for a in args if a.endswith(".docx")) + "\\n")
for name in (a for a in args if a.endswith(".docx")):
    print(f"convert {{os.path.abspath(name)}} -> {{out}}/{{name[:-5]}}.pdf using filter : writer_pdf_Export", flush=True)
    os.makedirs(out, exist_ok=True)
    pdf = b"%PDF-1.4\\n1 0 obj<</CreationDate(D:20990101000000)>>endobj\\ntrailer<<>>\\n%%EOF\\n"
    if "{bad}" in name:
        {action}
    with open(os.path.join(out, name[:-5] + ".pdf"), "wb") as f:
        f.write(pdf)
"""


def fake_soffice(folder: Path, bad: str = "-never-", action: str = "pass") -> Path:
    """A stand-in for LibreOffice on PATH, logging each run's files to ``folder``/runs.log; for the file
    whose name holds ``bad``, it does ``action`` first."""
    folder.mkdir()
    exe = folder / "soffice"
    exe.write_text(FAKE_SOFFICE.format(python=sys.executable, bad=bad, action=action), encoding="utf-8")
    exe.chmod(0o755)
    return folder


def runs(folder: Path) -> list[list[str]]:
    log = folder / "runs.log"
    return [line.split() for line in log.read_text().splitlines()] if log.exists() else []


@posix_only
def test_a_pdf_batch_is_one_libreoffice_run(tmp_path: Path) -> None:
    files = reports(tmp_path / "in")
    bin_dir = fake_soffice(tmp_path / "bin")
    res = cli("build", *map(str, files), "-o", str(tmp_path / "out"), "--to", "docx", "--pdf",
              env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert res.returncode == 0, res.stderr
    assert runs(bin_dir) == [[f"{p.stem}.docx" for p in files]]
    assert outputs(tmp_path / "out") == sorted(f"{p.stem}.{ext}" for p in files for ext in ("docx", "pdf"))
    assert b"D:20990101" not in (tmp_path / "out" / f"{files[0].stem}.pdf").read_bytes()  # dated as the report


@posix_only
def test_a_report_whose_pdf_fails_is_not_written_and_the_others_are(tmp_path: Path) -> None:
    files = reports(tmp_path / "in")
    bad = files[2]
    bin_dir = fake_soffice(tmp_path / "bin", bad=bad.stem, action="pdf = pdf[:20]")  # cut short: no %%EOF
    out = tmp_path / "out"
    res = cli("build", *map(str, files), "-o", str(out), "--pdf", "--lang", "en",
              env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert [line for line in res.stderr.splitlines() if "could not convert" in line][0].startswith(
        f"LibreOffice could not convert {out / bad.stem}.docx")
    assert outputs(out) == sorted(f"{p.stem}.{ext}" for p in files if p != bad for ext in ("docx", "md", "html", "pdf"))
    assert len(runs(bin_dir)) == 1


@posix_only
@pytest.mark.parametrize("action, said", [("time.sleep(60)", "within 2 seconds"), ("os._exit(134)", "exit 134")])
def test_a_file_libreoffice_stalls_or_crashes_on_fails_alone(tmp_path: Path, monkeypatch, action: str,
                                                              said: str) -> None:
    monkeypatch.setattr(pdf_writer, "TIMEOUT_S", 2)
    files = reports(tmp_path / "in")
    bad = files[3]
    bin_dir = fake_soffice(tmp_path / "bin", bad=bad.stem, action=action)
    out = tmp_path / "out"
    res = cli("build", *map(str, files), "-o", str(out), "--to", "docx", "--pdf", "--lang", "en",
              env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert res.returncode == 2 and "Traceback" not in res.stderr
    failed = [line for line in res.stderr.splitlines() if f"{out / bad.stem}.docx" in line]
    assert len(failed) == 1 and said in failed[0]
    assert outputs(out) == sorted(f"{p.stem}.{ext}" for p in files if p != bad for ext in ("docx", "pdf"))
    names = [f"{p.stem}.docx" for p in files]
    assert runs(bin_dir) == [names, names[4:]]  # the files after it: a second run


@pytest.mark.skipif(pdf_writer.soffice() is None, reason="LibreOffice is not installed (.ci/setup installs it)")
@posix_only
def test_a_real_libreoffice_converts_a_batch_in_one_run(tmp_path: Path) -> None:
    real = pdf_writer.soffice()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "soffice").write_text(f'#!/bin/sh\necho run >> "{bin_dir}/runs.log"\nexec "{real}" "$@"\n')
    (bin_dir / "soffice").chmod(0o755)
    files = INPUTS[:3]
    res = cli("build", *map(str, files), "-o", str(tmp_path / "out"), "--to", "docx", "--pdf",
              env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert res.returncode == 0, res.stderr
    assert (bin_dir / "runs.log").read_text() == "run\n"
    for path in files:
        pdf = (tmp_path / "out" / f"{path.stem}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-1024:]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "out" / f"{files[0].stem}.pdf"), "-"],
                              capture_output=True, text=True, timeout=60).stdout
        assert "政府信息公开工作年度报告" in text.replace("\n", "").replace(" ", "")


# ---- the bundled template, made ready when it is made -------------------------------------------------


def test_the_bundled_template_is_recorded_ready_as_the_writer_makes_it() -> None:
    """bundled.py is what python-docx and docxtpl make of the committed template (so that a build with it
    needs neither): remade with python -m gipr_gen.writers.docx.reference."""
    from gipr_gen.writers.docx.writer import default_template, ready_form

    recorded = Path(__file__).resolve().parents[1] / "gipr_gen" / "writers" / "docx" / "bundled.py"
    assert recorded.read_text(encoding="utf-8") == ready_form(default_template().read_bytes())


def test_a_build_with_the_bundled_template_loads_neither_python_docx_nor_docxtpl_nor_jinja(tmp_path: Path) -> None:
    code = ("import sys; from gipr_gen.cli import main\n"
            "try: main(sys.argv[1:])\n"
            "except SystemExit as exc: assert exc.code == 0, exc.code\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'docxtpl', 'jinja2')))")
    done = subprocess.run([sys.executable, "-c", code, "build", str(INPUTS[0]), "-o", str(tmp_path), "--to", "docx"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "[]", done.stderr
    with zipfile.ZipFile(tmp_path / f"{INPUTS[0].stem}.docx") as z:
        assert z.testzip() is None and "word/document.xml" in z.namelist()


def _samples() -> list:
    from gipr_gen.api import load
    from gipr_gen.writers.docx.writer import _samples as samples

    return [load(path) for path in INPUTS] + [r for fmt in FORMATS.values() for r in samples(fmt)]


@pytest.mark.parametrize("index", range(len(INPUTS) + 2 * len(FORMATS)))
def test_the_bundled_template_filled_without_jinja_is_what_jinja_makes(index: int) -> None:
    """The bundled template's plain tags (plain.py) against the same template made ready by python-docx and
    docxtpl and filled by Jinja in the sandbox: every example, and the check's sample reports (every part
    written, characters XML escapes, a line break; every optional part left out)."""
    from gipr_gen.writers.docx import writer

    report = _samples()[index]
    data = writer.default_template().read_bytes()
    recorded, made = writer._prepare_bundled(data, report.format), writer._prepare(data, report.format, trusted=True)
    assert recorded is not None and recorded.plain and not made.plain
    with zipfile.ZipFile(io.BytesIO(writer._render(report, recorded))) as a, \
            zipfile.ZipFile(io.BytesIO(writer._render(report, made))) as b:
        for name in ("word/document.xml", "docProps/core.xml"):
            assert a.read(name) == b.read(name), name
