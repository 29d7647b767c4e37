"""Outputs all or nothing, and inputs never changed: a build writes its whole set of outputs (docx, md,
html and the PDF when asked) or none, leaving earlier files as they were; no temporary file is left
behind, not even when the run is interrupted (a real process sent SIGINT or SIGTERM); ``init`` never
writes over last year's report and writes ``<year>.yaml`` into a folder; outputs respect the umask.

Every test works on real files in a temporary folder. Failures are real ones: a target that is a folder,
a file-size limit (RLIMIT_FSIZE) that the largest output of the set exceeds, a missing LibreOffice.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from gipr_gen.i18n import t

from conftest import ROOT, VENV_BIN, cli

LUYI = ROOT / "inputs" / "luyi-zhenyuan-2023.yaml"
YUNXI = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"  # no findings at all
FORMATS = ("docx", "md", "html")
CJK = re.compile(r"[\u4e00-\u9fff]")
POSIX = os.name == "posix"


def state(path: Path) -> tuple[bytes, int]:
    """What a file holds and when it last changed: an input must keep both."""
    return path.read_bytes(), path.stat().st_mtime_ns


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file under ``folder`` (hidden ones too) with its bytes; folders as None."""
    return {p.relative_to(folder).as_posix(): (None if p.is_dir() else p.read_bytes())
            for p in sorted(folder.rglob("*"))}


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write may leave: anything hidden or ending in .tmp."""
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith(".") or p.name.endswith(".tmp"))


def copy(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(src.read_bytes())
    return dest


def earlier_outputs(out: Path, stem: str) -> dict[str, bytes | None]:
    """Outputs of an earlier build, written by hand so that any change to them shows."""
    out.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:
        (out / f"{stem}.{fmt}").write_bytes(f"last year's {fmt}\n".encode())
    return tree(out)


# ---- a refused output: nothing of the set is written --------------------------------------------


def test_an_output_that_is_a_folder_leaves_the_others_unwritten(tmp_path: Path) -> None:
    report = copy(YUNXI, tmp_path / "r.yaml")
    before = state(report)
    out = tmp_path / "out"
    (out / "r.html").mkdir(parents=True)  # the html output cannot be written; docx and md could
    res = cli("build", str(report), "-o", str(out))
    assert res.returncode == 2 and str(out / "r.html") in res.stderr and "Traceback" not in res.stderr
    assert tree(out) == {"r.html": None}
    assert state(report) == before


def test_an_output_that_is_the_input_leaves_the_others_unwritten(tmp_path: Path) -> None:
    report = copy(YUNXI, tmp_path / "r.md")  # the report's own name is that of its Markdown output
    before = state(report)
    res = cli("build", str(report), "-o", str(tmp_path), "--to", "docx,html,md")  # md comes last
    assert res.returncode == 2 and str(report) in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]
    assert state(report) == before


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_an_output_that_leads_to_the_input_by_a_symlink_or_another_path_is_refused(tmp_path: Path) -> None:
    report = copy(YUNXI, tmp_path / "src" / "r.yaml")
    before = state(report)
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.md").symlink_to(report)  # out/r.md is the report under another name
    earlier = tree(out)
    res = cli("build", str(report), "-o", str(out), "--to", "html,md")
    assert res.returncode == 2 and str(out / "r.md") in res.stderr
    assert tree(out) == earlier and (out / "r.md").is_symlink()
    # the same file spelt another way: ./src/../src/r.md built into ./src
    markdown = copy(YUNXI, tmp_path / "src" / "m.md")
    res = cli("build", "src/../src/m.md", "-o", "src", "--to", "html,md", cwd=tmp_path)
    assert res.returncode == 2 and "m.md" in res.stderr
    assert sorted(p.name for p in markdown.parent.iterdir()) == ["m.md", "r.yaml"]
    assert state(report) == before


def test_the_template_is_never_written_over(tmp_path: Path) -> None:
    report = copy(YUNXI, tmp_path / "r.yaml")
    out = tmp_path / "out"
    assert cli("build", str(report), "-o", str(out), "--to", "docx").returncode == 0
    template = out / "r.docx"  # last year's Word output used as the template of this year's
    before = state(template)
    res = cli("build", str(report), "-o", str(out), "--template", str(template))
    assert res.returncode == 2 and str(template) in res.stderr and "--template" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["r.docx"] and state(template) == before


# ---- a write that fails half-way: nothing of the set is written, earlier files stay -----------


def _sizes(tmp_path: Path, report: Path) -> dict[str, int]:
    ref = tmp_path / "reference"
    assert cli("build", str(report), "-o", str(ref)).returncode == 0
    return {fmt: (ref / f"{report.stem}.{fmt}").stat().st_size for fmt in FORMATS}


def _build_with_file_size_limit(limit: int, *args: str) -> subprocess.CompletedProcess:
    """``gipr-gen build ARGS`` in a process that may write no file larger than ``limit`` bytes: a write
    past it fails with EFBIG (Python ignores SIGXFSZ), as a full disk would fail it."""
    import resource

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    return subprocess.run([str(VENV_BIN / "gipr-gen"), "build", *args], capture_output=True, text=True, env=env,
                          preexec_fn=limited, timeout=120)


@pytest.mark.skipif(not POSIX, reason="resource limits")
def test_a_write_failing_half_way_writes_nothing_and_keeps_the_earlier_outputs(tmp_path: Path) -> None:
    report = copy(YUNXI, tmp_path / "r.yaml")
    before = state(report)
    sizes = _sizes(tmp_path, report)
    order = sorted(FORMATS, key=sizes.get)  # the largest last: the others are written before it fails
    small, large = sizes[order[-2]], sizes[order[-1]]
    assert small < large, sizes
    limit = (small + large) // 2
    out = tmp_path / "out"
    earlier = earlier_outputs(out, "r")
    res = _build_with_file_size_limit(limit, str(report), "-o", str(out), "--to", ",".join(order))
    assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
    assert str(out / f"r.{order[-1]}") in res.stderr and os.strerror(errno.EFBIG) in res.stderr
    assert tree(out) == earlier  # the earlier outputs as they were, no temporary file
    # a folder made for the outputs goes again with them
    fresh = tmp_path / "new" / "deeper"
    res = _build_with_file_size_limit(limit, str(report), "-o", str(fresh), "--to", ",".join(order))
    assert res.returncode == 2 and not (tmp_path / "new").exists()
    assert state(report) == before
    # and with room enough, the whole set is written over the earlier one
    res = _build_with_file_size_limit(large * 2, str(report), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert sorted(tree(out)) == [f"r.{fmt}" for fmt in sorted(FORMATS)]
    assert all(b"last year's" not in data for data in tree(out).values())


def test_a_rename_failing_half_way_puts_the_earlier_files_back(tmp_path: Path, monkeypatch) -> None:
    """Renames into place do not fail on POSIX once the temporaries are written; on Windows they do when
    a file is open in another program. The second rename is made to fail here: the first output, already
    in place, gets its earlier contents back."""
    report = copy(YUNXI, tmp_path / "r.yaml")
    out = tmp_path / "out"
    earlier = earlier_outputs(out, "r")
    real_replace, calls = os.replace, []

    def replace(src, dst) -> None:
        calls.append(Path(dst).name)
        if len(calls) == 2:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    res = cli("build", str(report), "-o", str(out))
    monkeypatch.undo()
    assert res.returncode == 2 and str(out / calls[1]) in res.stderr, res.stderr
    assert tree(out) == earlier
    # outputs that did not exist before are removed again
    new = tmp_path / "new"
    calls.clear()
    monkeypatch.setattr(os, "replace", replace)
    res = cli("build", str(report), "-o", str(new))
    monkeypatch.undo()
    assert res.returncode == 2 and not new.exists()


def test_pdf_not_made_means_nothing_written(tmp_path: Path) -> None:
    """--pdf without LibreOffice: the Word, Markdown and HTML files are not written either."""
    report = copy(YUNXI, tmp_path / "r.yaml")
    out = tmp_path / "out"
    earlier = earlier_outputs(out, "r")
    res = cli("build", str(report), "-o", str(out), "--pdf", env={"PATH": str(tmp_path / "no-such-folder")})
    assert res.returncode == 2 and "LibreOffice" in res.stderr and "Traceback" not in res.stderr
    assert tree(out) == earlier


def test_a_successful_build_replaces_the_whole_set_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    report = copy(YUNXI, tmp_path / "r.yaml")
    before = state(report)
    out = tmp_path / "out"
    earlier_outputs(out, "r")
    res = cli("build", str(report), "-o", str(out))
    assert res.returncode == 0, res.stderr
    written = tree(out)
    assert sorted(written) == [f"r.{fmt}" for fmt in sorted(FORMATS)] and not leftovers(tmp_path)
    assert all(b"last year's" not in data for data in written.values())
    assert state(report) == before


def test_a_forced_build_and_a_refused_one_leave_the_input_unchanged(tmp_path: Path) -> None:
    text = YUNXI.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith("carried_forward:"))
    report = tmp_path / "bad.yaml"
    report.write_text(text.replace(old, old.replace("natural_person: 3,", "natural_person: 13,")), encoding="utf-8")
    before = state(report)
    assert cli("build", str(report), "-o", str(tmp_path / "refused")).returncode == 1
    assert not (tmp_path / "refused").exists()
    assert cli("build", str(report), "-o", str(tmp_path / "forced"), "--force").returncode == 1
    assert len(list((tmp_path / "forced").iterdir())) == len(FORMATS)
    assert state(report) == before and not leftovers(tmp_path)


# ---- permissions: the umask, not a fixed mode ---------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o077, 0o027, 0o002], ids=oct)
def test_outputs_respect_the_umask(tmp_path: Path, umask: int) -> None:
    report = copy(YUNXI, tmp_path / "r.yaml")
    previous = os.umask(umask)
    try:
        assert cli("build", str(report), "-o", str(tmp_path / "out")).returncode == 0
        assert cli("init", "--organ", "某局", "--year", "2025", "-o", f"{tmp_path / 'init'}/").returncode == 0
    finally:
        os.umask(previous)
    files = [*(tmp_path / "out").iterdir(), tmp_path / "init" / "2025.yaml"]
    assert len(files) == len(FORMATS) + 1
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path
    for folder in (tmp_path / "out", tmp_path / "init"):
        assert folder.stat().st_mode & 0o777 == 0o777 & ~umask, folder


# ---- init: never last year's report; a folder gets <year>.yaml ---------------------------------


@pytest.fixture
def last_year(tmp_path: Path) -> Path:
    prev = tmp_path / "reports" / "2023.yaml"
    res = cli("init", "--organ", "某县人民政府", "--year", "2023", "-o", str(prev))
    assert res.returncode == 0, res.stderr
    return prev


@pytest.mark.parametrize("how", ["same path", "another path", "symlink", "hard link"])
def test_init_never_writes_over_the_previous_report(last_year: Path, tmp_path: Path, how: str) -> None:
    if how in ("symlink", "hard link") and not POSIX:
        pytest.skip("links")
    before = state(last_year)
    output = {"same path": last_year, "another path": tmp_path / "reports" / ".." / "reports" / "2023.yaml",
              "symlink": tmp_path / "link.yaml", "hard link": tmp_path / "hard.yaml"}[how]
    if how == "symlink":
        output.symlink_to(last_year)
    elif how == "hard link":
        os.link(last_year, output)
    listed = tree(tmp_path)
    for lang in ("zh", "en"):
        res = cli("init", "--organ", "某局", "--year", "2024", "--previous", str(last_year), "-o", str(output),
                  "--force", "--lang", lang)
        assert res.returncode == 2 and "Traceback" not in res.stderr
        assert str(output) in res.stderr and "--previous" in res.stderr
        assert bool(CJK.search(res.stderr.replace("某局", ""))) == (lang == "zh")
    assert state(last_year) == before and tree(tmp_path) == listed


def test_init_into_a_folder_writes_the_year_file(tmp_path: Path) -> None:
    existing = tmp_path / "reports"
    existing.mkdir()
    res = cli("init", "--organ", "某局", "--year", "2024", "-o", str(existing))  # an existing folder
    assert res.returncode == 0, res.stderr
    assert str(existing / "2024.yaml") in res.stderr
    assert yaml.safe_load((existing / "2024.yaml").read_text(encoding="utf-8"))["year"] == 2024
    res = cli("init", "--organ", "某局", "--year", "2025", "-o", "new/", cwd=tmp_path)  # a new one, with a slash
    assert res.returncode == 0, res.stderr
    assert sorted(tree(tmp_path / "new")) == ["2025.yaml", "gipr-report.schema.json"] and not (tmp_path / "new.yaml").exists()
    assert not (tmp_path / "new").is_file()
    res = cli("init", "--organ", "某局", "--year", "2024", "-o", str(existing) + os.sep)
    assert res.returncode == 2 and "--force" in res.stderr  # the year file is there now: not replaced
    assert sorted(tree(existing)) == ["2024.yaml", "gipr-report.schema.json"]


def test_init_from_the_previous_report_leaves_it_unchanged(last_year: Path) -> None:
    before = state(last_year)
    res = cli("init", "--organ", "某局", "--year", "2024", "--previous", str(last_year), "-o", str(last_year.parent))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in last_year.parent.iterdir()) == ["2023.yaml", "2024.yaml", "gipr-report.schema.json"]
    assert state(last_year) == before


# ---- Ctrl-C and SIGTERM ----------------------------------------------------------------------------


def test_ctrl_c_in_process_exits_130_with_a_message_and_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    import gipr_gen.api

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    report = copy(YUNXI, tmp_path / "r.yaml")
    monkeypatch.setattr(gipr_gen.api, "render", interrupted)
    for lang in ("zh", "en"):
        res = cli("build", str(report), "-o", str(tmp_path / "out"), "--lang", lang)
        assert res.returncode == 130 and t("cli.interrupted", lang) in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(signal, "raise_signal"), reason="signal.raise_signal")
def test_ctrl_c_while_files_are_written_waits_until_the_set_is_in_place(tmp_path: Path, monkeypatch) -> None:
    """SIGINT arriving while the outputs are written (here: during the first file's flush to disk) takes
    effect once the whole set is in place: exit 130, every output complete, no temporary file."""
    report = copy(YUNXI, tmp_path / "r.yaml")
    real_fsync, sent = os.fsync, []

    def fsync(fd: int) -> None:
        if not sent:
            sent.append(True)
            signal.raise_signal(signal.SIGINT)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    res = cli("build", str(report), "-o", str(tmp_path / "out"))
    monkeypatch.undo()
    assert sent and res.returncode == 130 and t("cli.interrupted", "zh") in res.stderr
    reference = tmp_path / "reference"
    assert cli("build", str(report), "-o", str(reference), "--to", "md,html").returncode == 0
    out = tree(tmp_path / "out")
    assert sorted(out) == [f"r.{fmt}" for fmt in sorted(FORMATS)] and not leftovers(tmp_path)
    assert out["r.md"] == (reference / "r.md").read_bytes() and out["r.html"] == (reference / "r.html").read_bytes()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is given back


REPORTS = 60  # ~40 ms each: the build is still going when the signal comes


@pytest.mark.skipif(not POSIX, reason="POSIX signals and FIFOs")
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_a_real_interrupt_during_a_long_build(tmp_path: Path, signum: int, code: int) -> None:
    """A real process building many reports is sent the signal once the first report is written. It exits
    128 + the signal with a short message; every report's outputs are all there or none are, each whole;
    no temporary file is left. The last "report" is a FIFO nobody writes to, so the build cannot finish
    before the signal arrives, whenever it arrives."""
    src = tmp_path / "in"
    reports = [copy(YUNXI, src / f"r{i:03}.yaml") for i in range(REPORTS)]
    fifo = src / "zzz.yaml"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    proc = subprocess.Popen([str(VENV_BIN / "gipr-gen"), "build", *map(str, reports), str(fifo), "-o", str(out),
                             "--lang", "en"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stderr.readline()
        assert first.startswith("wrote "), first
        proc.send_signal(signum)
        rest = proc.communicate(timeout=120)[1]  # a guard against a hang, not a measure
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = first + rest
    assert proc.returncode == code, stderr
    assert stderr.rstrip().endswith(t("cli.interrupted", "en")) and "Traceback" not in stderr
    assert not leftovers(tmp_path)
    said = {Path(line.removeprefix("wrote ")).name for line in stderr.splitlines() if line.startswith("wrote ")}
    built = tree(out)
    assert f"{reports[0].stem}.docx" in said and said <= set(built)
    stems = {name.rsplit(".", 1)[0] for name in built}
    assert built.keys() == {f"{stem}.{fmt}" for stem in stems for fmt in FORMATS}  # whole sets only
    md, html = built[f"{reports[0].stem}.md"], built[f"{reports[0].stem}.html"]
    for stem in stems:
        assert built[f"{stem}.md"] == md and built[f"{stem}.html"] == html
        with zipfile.ZipFile(out / f"{stem}.docx") as docx:
            assert docx.testzip() is None
    assert all(state(r)[0] == YUNXI.read_bytes() for r in reports)


def test_sigterm_handler_is_given_back_after_a_run(tmp_path: Path) -> None:
    if not hasattr(signal, "SIGTERM"):
        pytest.skip("no SIGTERM")
    before = signal.getsignal(signal.SIGTERM)
    assert cli("build", str(YUNXI), "-o", str(tmp_path), "--to", "md").returncode == 0
    assert signal.getsignal(signal.SIGTERM) is before

