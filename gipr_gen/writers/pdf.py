"""Word → PDF with LibreOffice headless. Each conversion works in a folder of its own (the Word file, a
LibreOffice profile, the PDF), so parallel runs never share (or lock) a profile, and nothing appears
beside the outputs until the PDF is complete: ``pdf_bytes`` hands it back, and the caller writes it with
the report's other outputs, all or nothing."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import zipfile
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError

TIMEOUT_S = 180


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


def convert(exe: str, source: Path, fmt: str, work: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """LibreOffice (``exe``) headless converting ``source`` to ``fmt`` into ``work``/out, with a profile of
    its own in ``work``; what it did, and where the converted file should be."""
    out_dir = work / "out"
    done = subprocess.run([exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                           "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    return done, out_dir / source.with_suffix(f".{fmt}").name


def pdf_bytes(docx: bytes, docx_path: Path) -> bytes:
    """The PDF LibreOffice makes of the Word file ``docx``, which is to be (or is) written at ``docx_path``:
    the conversion reads a copy under that file's name, and messages name that path."""
    exe = soffice()
    if exe is None:
        raise OutputError("pdf.no_soffice", looked="; ".join(str(f) for f in install_folders()) or "-")
    with tempfile.TemporaryDirectory(prefix="gipr-gen-lo-") as work:
        source = Path(work, "in", docx_path.name)
        source.parent.mkdir()
        source.write_bytes(docx)
        try:
            done, produced = convert(exe, source, "pdf", Path(work))
        except subprocess.TimeoutExpired:
            raise OutputError("pdf.timeout", path=str(docx_path), seconds=TIMEOUT_S) from None
        except OSError as exc:
            raise OutputError("pdf.failed", path=str(docx_path), reason=exc.strerror or str(exc)) from exc
        if done.returncode != 0 or not produced.is_file():
            reason = (done.stderr or done.stdout).strip() or f"exit {done.returncode}"
            raise OutputError("pdf.failed", path=str(docx_path), reason=reason)
        return _reproducible(produced.read_bytes(), docx)


_CREATED = re.compile(rb"/CreationDate\(D:[0-9]{14}")
_DOCX_CREATED = re.compile(rb"<dcterms:created[^>]*>([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})")
_ID = re.compile(rb"/ID \[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]|/DocChecksum /([0-9A-Fa-f]{32})")


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
