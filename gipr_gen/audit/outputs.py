"""An audit's three files — ``audit.html``, ``audit.xlsx``, ``audit.json`` — written as the results come, one at
a time, so that memory stays flat however many reports there are; all three or none: each goes to a temporary
file beside its target and all are renamed into place at the end (``atomic.write_streamed``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import field
from pathlib import Path
from typing import BinaryIO

from .. import __version__
from ..atomic import Protected, write_streamed
from ..i18n import Lang
from ..records import record
from ..writers.audit_html import Page
from ..writers.audit_xlsx import Workbook
from .result import ReportResult
from .words import flags

NAMES = tuple(f"audit{suffix}" for suffix in (".html", ".xlsx", ".json"))  # the page, the workbook, the data


@record(frozen=False)
class Totals:
    """What the audit found, counted as it was written."""

    reports: int = 0
    flags: Counter[str] = field(default_factory=Counter)  # reports with each kind of problem (words.FLAGS)
    io_failed: bool = False  # a file could not be opened

    @property
    def failed(self) -> bool:
        return bool(self.flags["errors"] or self.flags["unreadable"])


def write(results: Iterable[ReportResult], lang: Lang, out_dir: Path, protect: list[Protected]) -> tuple[list[Path], Totals]:
    """Write the three files into ``out_dir`` from ``results``; return their paths and the totals. Raises
    OutputError, leaving every file as it was, when one cannot be written or is a ``protect``ed file."""
    targets = [out_dir / name for name in NAMES]
    totals = Totals()

    def fill(files: list[BinaryIO]) -> None:
        html, xlsx, data = files
        with Page(lang, out_dir) as page, Workbook(lang) as book:
            data.write(f'{{\n"tool": "gipr-gen",\n"version": "{__version__}",\n"lang": "{lang}",\n"reports": ['.encode())
            for result in results:
                page.add(result)
                book.add(result)
                data.write((",\n" if totals.reports else "\n").encode() +
                           json.dumps(result.as_json(), ensure_ascii=False).encode("utf-8"))
                totals.reports += 1
                totals.flags.update(flags(result))
                totals.io_failed |= result.io_error
            data.write(b"\n]\n}\n")
            page.write(html)
            book.write(xlsx)

    write_streamed(targets, fill, protect)
    return targets, totals
