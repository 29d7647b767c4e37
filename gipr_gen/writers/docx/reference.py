"""The reference Word template ``templates/report.docx`` and how it is made.

Its source is ``templates/report.fodt``, flat ODF written by hand: styles, page set-up, fonts, footers and
the handful of tags (see templates/README.md). LibreOffice converts it to .docx; the writer draws the
tables at render time. Remake the committed .docx (and ``bundled.py``, the template made ready to fill)
after editing the source:

    python -m gipr_gen.writers.docx.reference

The members are rewritten with a fixed date, so the same LibreOffice makes the same bytes.
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from pathlib import Path

from ...i18n import default_lang, t
from ..pdf import convert, soffice
from .writer import default_template, ready_form


def source() -> Path:
    """The template's source, beside it."""
    return default_template().with_suffix(".fodt")


def build(exe: str, src: Path | None = None) -> bytes:
    """The .docx LibreOffice (``exe``) makes of the source, with fixed member dates."""
    src = src or source()
    with tempfile.TemporaryDirectory(prefix="gipr-gen-lo-") as work:
        done, produced = convert(exe, src, "docx", Path(work))
        done.check_returncode()
        made = produced.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(made)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in z.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(info, z.read(item))
    return out.getvalue()


def main() -> None:
    exe = soffice()
    if exe is None:
        sys.exit(t("pdf.no_soffice", default_lang()))
    path = default_template()
    path.write_bytes(build(exe))
    ready = Path(__file__).with_name("bundled.py")
    ready.write_text(ready_form(path.read_bytes()), encoding="utf-8")
    print(path, ready, sep="\n")


if __name__ == "__main__":
    main()
