"""Published reports (.docx, .doc, web pages, PDF, plain text, Markdown) → ``document.Document``.

``load`` tells the kind from the content, the name's suffix only where content cannot tell (Markdown
from text): a zip is a .docx, an OLE2 compound file (.doc, .wps) or RTF is converted to one by
LibreOffice, ``%PDF-`` a PDF, text that opens with markup a web page. Every reader keeps to the bounds of ``limits`` and fetches
nothing; a file that cannot be read as a report raises ``SourceError``, one that cannot be read at all
``OSError``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import SourceError
from ...patterns import pattern
from .document import Document
from .encoding import decode
from .limits import read_bytes

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"  # Word's rich text, often published under a .doc name
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_MARKUP = pattern(r"\s*+(?:<!--.*?-->\s*+)*+<(?:!doctype|\?xml|[a-z][\w:-]*[\s>/])", re.IGNORECASE | re.DOTALL)
_ATX = pattern(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_HTML_TABLE_LINE = pattern(r"^<table\b", re.IGNORECASE | re.MULTILINE)


def load(path: Path, display: str | None = None) -> Document:
    """Read the published report at ``path``; ``display`` names it in messages (default: the path)."""
    file = display if display is not None else str(path)
    data = read_bytes(path, file)
    if not data.strip():
        raise SourceError("source.empty", file=file)
    suffix = path.suffix.lower()
    if data.startswith(_ZIP):
        from .docx import read_docx

        return read_docx(data, file)
    if data.startswith((_OLE2, _RTF)):
        from .docx import read_doc

        return read_doc(data, file)
    if b"%PDF-" in data[:1024]:
        from .pdf import read_pdf

        return read_pdf(data, file)
    try:
        text = decode(data, file) if not _looks_like_html(data) else None
    except SourceError:
        raise SourceError(_NOT_KIND.get(suffix, "source.not_text"), file=file) from None
    if text is None or suffix in _HTML_SUFFIXES:
        from .html import read_html

        return read_html(data, file)
    if suffix in _MARKDOWN_SUFFIXES or _looks_like_markdown(text):
        from .markdown import read_markdown

        return read_markdown(text, file)
    from .text import read_text

    return read_text(text, file)


_NOT_KIND = {".docx": "source.not_docx", ".doc": "source.not_docx", ".pdf": "source.not_pdf"}


def _looks_like_html(data: bytes) -> bool:
    """Text that opens with markup (after a byte-order mark, white space and comments)."""
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            encoding = "utf-8" if bom == b"\xef\xbb\xbf" else "utf-16"
            return bool(_MARKUP.match(head.decode(encoding, "ignore")))
    return bool(_MARKUP.match(head.decode("latin-1")))


def _looks_like_markdown(text: str) -> bool:
    """ATX headings (a plain-text report has none) with more of them or the HTML tables gipr-gen writes."""
    headings = len(_ATX.findall(text, 0, 200_000))
    return headings >= 2 or (headings == 1 and bool(_HTML_TABLE_LINE.search(text)))
