"""Word → PDF with LibreOffice headless. Each conversion uses its own LibreOffice profile, so parallel
runs never share (or lock) one, and the PDF appears beside the Word file only when complete."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..atomic import write_atomically
from ..errors import OutputError

TIMEOUT_S = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path) -> Path:
    """Convert ``docx_path`` to a PDF of the same name in the same folder; return the PDF's path."""
    exe = soffice()
    if exe is None:
        raise OutputError("pdf.no_soffice")
    target = docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="gipr-gen-lo-") as work:
        profile = Path(work, "profile").as_uri()
        out_dir = Path(work, "out")
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
               "--outdir", str(out_dir), str(docx_path)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise OutputError("pdf.failed", path=str(docx_path), reason=f"timeout {TIMEOUT_S} s") from None
        except OSError as exc:
            raise OutputError("pdf.failed", path=str(docx_path), reason=exc.strerror or str(exc)) from exc
        produced = out_dir / target.name
        if done.returncode != 0 or not produced.is_file():
            reason = (done.stderr or done.stdout).strip() or f"exit {done.returncode}"
            raise OutputError("pdf.failed", path=str(docx_path), reason=reason)
        write_atomically(target, produced.read_bytes())
    return target
