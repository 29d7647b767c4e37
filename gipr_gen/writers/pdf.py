"""Word → PDF with LibreOffice headless. A batch is converted by one LibreOffice run with one profile of
its own in a work folder (LibreOffice's start-up is most of the cost of one file), so parallel batches
never share (or lock) a profile, and nothing appears beside the outputs until a PDF is complete:
``pdfs`` hands back each PDF made (or why it could not be), and the caller writes it with the report's
other outputs, all or nothing. A document LibreOffice stalls or crashes on fails alone; the files after
it are converted by a fresh run.
"""

from __future__ import annotations

import hashlib
import io
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import OutputError
from ..patterns import pattern

TIMEOUT_S = 180  # the longest one document may take
ARGS_BUDGET = 30_000  # characters of file names per run: Windows' command line holds 32,767


def install_folders() -> list[Path]:
    """Where LibreOffice installs itself, for when it is not on PATH (Windows, macOS, Linux tarballs)."""
    windows = [Path(os.environ[var], "LibreOffice", "program") for var in ("ProgramFiles", "ProgramW6432",
                                                                          "ProgramFiles(x86)") if os.environ.get(var)]
    return list(dict.fromkeys([*windows, Path("/Applications/LibreOffice.app/Contents/MacOS"),
                               *sorted(Path("/opt").glob("libreoffice*/program"))]))


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for folder in install_folders():
        for name in ("soffice.exe", "soffice"):
            if (folder / name).is_file():
                return str(folder / name)
    return None


def _command(exe: str, profile: Path, fmt: str, out_dir: Path) -> list[str]:
    return [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", fmt,
            "--outdir", str(out_dir)]


def convert(exe: str, source: Path, fmt: str, work: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """LibreOffice (``exe``) headless converting ``source`` to ``fmt`` into ``work``/out, with a profile of
    its own in ``work``; what it did, and where the converted file should be."""
    out_dir = work / "out"
    done = subprocess.run([*_command(exe, work / "profile", fmt, out_dir), str(source)],
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    return done, out_dir / source.with_suffix(f".{fmt}").name


def no_soffice() -> OutputError:
    return OutputError("pdf.no_soffice", looked="; ".join(str(f) for f in install_folders()) or "-")


def pdf_bytes(docx: bytes, docx_path: Path) -> bytes:
    """The PDF LibreOffice makes of the Word file ``docx``, which is to be (or is) written at ``docx_path``:
    the conversion reads a copy under that file's name, and messages name that path."""
    with tempfile.TemporaryDirectory(prefix="gipr-gen-lo-") as work:
        source = Path(work, "in", docx_path.name)
        source.parent.mkdir()
        source.write_bytes(docx)
        made = pdfs([(source, docx_path)], Path(work))[0]
        if isinstance(made, OutputError):
            raise made
        return made.read_bytes()


def pdfs(files: Sequence[tuple[Path, Path]], work: Path,
         progress: Callable[[int], None] | None = None) -> list[Path | OutputError]:
    """Convert Word files to PDF with one LibreOffice run and one profile in ``work``. ``files``: (a .docx in
    a folder of them, with a name of its own; the path that names it in messages). In the same order, the
    PDF made of each (complete, dated as its Word file, in ``work``/out), or why it could not be made.
    ``progress`` is told how many files are done. Raises OutputError when LibreOffice is not installed."""
    exe = soffice()
    if exe is None:
        raise no_soffice()
    results: list[Path | OutputError] = []
    profile = work / "profile"
    while len(results) < len(files):
        done, clean = _run(exe, _fitting(files[len(results):]), work, profile,
                           lambda n, before=len(results): progress(before + n) if progress else None)
        results.extend(done)
        if not clean:  # a run that was stopped or crashed may have left its profile locked
            profile = work / f"profile-{len(results)}"
    return results


def _fitting(files: Sequence[tuple[Path, Path]]) -> Sequence[tuple[Path, Path]]:
    """As many of ``files`` as one command line holds (at least one)."""
    used = 0
    for n, (source, _) in enumerate(files):
        used += len(source.name) + 3
        if used > ARGS_BUDGET and n:
            return files[:n]
    return files


def _run(exe: str, files: Sequence[tuple[Path, Path]], work: Path, profile: Path,
         progress: Callable[[int], None]) -> tuple[list[Path | OutputError], bool]:
    """One LibreOffice run over ``files`` (all in one folder, given by name so that the command line stays
    short), and whether it ended well. LibreOffice prints a line as it starts each file. A result for each
    file it finished, and for the one it stalled or crashed on; the files after that are left to another
    run (at least one file is always answered for)."""
    out_dir = work / "out"
    try:
        proc = subprocess.Popen([*_command(exe, profile, "pdf", out_dir), *(s.name for s, _ in files)],
                                cwd=files[0][0].parent, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, errors="replace",
                                start_new_session=os.name == "posix")  # Ctrl-C goes to gipr-gen, which ends it
    except OSError as exc:
        return [OutputError("pdf.failed", path=str(shown), reason=exc.strerror or str(exc)) for _, shown in files], False
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc, lines), daemon=True).start()
    started, said = 0, []
    stalled = False
    try:
        while True:
            try:
                line = lines.get(timeout=TIMEOUT_S)
            except queue.Empty:
                stalled = True
                break
            if line is None:
                break
            if line.startswith(("convert ", "Error:")):  # one of these per file, as it starts
                started = min(started + 1, len(files))
                progress(started - 1)
            else:
                said.append(line.strip())
    finally:
        if proc.poll() is None:
            _kill(proc)
        proc.wait()
    if started == 0:  # LibreOffice did not get as far as the first file: it cannot convert any
        reason = _reason(said, proc.returncode)
        return [OutputError("pdf.timeout", path=str(shown), seconds=TIMEOUT_S) if stalled else
                OutputError("pdf.failed", path=str(shown), reason=reason) for _, shown in files], False
    # a run that ended well answers for every file; else for those before the one it stopped on, and that one
    judged = len(files) if not stalled and proc.returncode == 0 else started - stalled
    results: list[Path | OutputError] = []
    for source, shown in files[:judged]:
        produced = out_dir / source.with_suffix(".pdf").name
        results.append(_dated(produced, source) if _complete(produced) else
                       OutputError("pdf.failed", path=str(shown), reason=_reason(said, proc.returncode)))
    if stalled:
        results.append(OutputError("pdf.timeout", path=str(files[judged][1]), seconds=TIMEOUT_S))
    progress(len(results))
    return results, not stalled and proc.returncode == 0


def _reason(said: list[str], code: int | None) -> str:
    return "; ".join(s for s in said if s and not s.startswith("Warning:")) or f"exit {code}"


def _read_lines(proc: subprocess.Popen, lines: queue.Queue[str | None]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.put(line)
    lines.put(None)


def _kill(proc: subprocess.Popen) -> None:
    """End LibreOffice and what it started (soffice is a launcher for soffice.bin)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass


def _complete(pdf: Path) -> bool:
    """A whole PDF: it ends with its end-of-file marker (a conversion cut short does not)."""
    try:
        with pdf.open("rb") as f:
            f.seek(max(0, pdf.stat().st_size - 1024))
            return b"%%EOF" in f.read()
    except OSError:
        return False


def _dated(pdf: Path, docx: Path) -> Path:
    """The PDF rewritten in place as ``_reproducible`` makes it."""
    pdf.write_bytes(_reproducible(pdf.read_bytes(), docx.read_bytes()))
    return pdf


_CREATED = pattern(rb"/CreationDate\(D:[0-9]{14}")
_DOCX_CREATED = pattern(rb"<dcterms:created[^>]*>([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})")
_ID = pattern(rb"/ID \[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]|/DocChecksum /([0-9A-Fa-f]{32})")


def _reproducible(pdf: bytes, docx: bytes) -> bytes:
    """The PDF without the time of the conversion: its creation date is the Word file's own (the report's
    date, or SOURCE_DATE_EPOCH), its /ID a digest of its content. Same-length substitutions, so the
    cross-reference offsets stay right."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            created = _DOCX_CREATED.search(z.read("docProps/core.xml"))
    except (zipfile.BadZipFile, KeyError):
        created = None
    stamp = b"".join(created.groups()) if created else b"19800101000000"
    pdf = _CREATED.sub(b"/CreationDate(D:" + stamp, pdf)
    digest = hashlib.md5(_ID.sub(b"", pdf)).hexdigest().upper().encode()
    return _ID.sub(lambda m: re.sub(rb"[0-9A-Fa-f]{32}", digest, m.group(0)), pdf)
