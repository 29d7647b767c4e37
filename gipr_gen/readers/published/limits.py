"""What a published report may weigh: files, unpacked Word parts, lines, blocks and table cells. A year's
report is tens of kilobytes and a few hundred blocks; these bounds are far above any real one and keep
a hostile or broken file from taking the memory or the time of the machine."""

from __future__ import annotations

from pathlib import Path

from ...errors import SourceError
from ..files import read_bounded

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # a .docx's parts, unpacked, all together
MAX_ZIP_ENTRIES = 2000
MAX_LINE_CHARS = 1_000_000  # one line of a text or Markdown file
MAX_PDF_PAGES = 300
MAX_BLOCKS = 50_000
MAX_CELLS = 250_000  # grid positions of all tables together
INSTALL_HINT = "pip install 'gipr-gen[import]'"


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def read_bytes(path: Path, file: str) -> bytes:
    """The file's bytes; SourceError when it is larger than any report (OSError when it cannot be read)."""
    data = read_bounded(path, MAX_FILE_BYTES)
    if len(data) > MAX_FILE_BYTES:
        raise SourceError("source.too_large", file=file, limit=megabytes(MAX_FILE_BYTES))
    return data


class Budget:
    """Counts the blocks and table cells a reader makes; SourceError past the limits."""

    def __init__(self, file: str):
        self.file, self.blocks, self.cells = file, 0, 0

    def block(self) -> None:
        self.blocks += 1
        if self.blocks > MAX_BLOCKS:
            raise SourceError("source.too_many_blocks", file=self.file, limit=MAX_BLOCKS)

    def area(self, positions: int) -> None:
        """One table's grid, filled or not."""
        if positions > MAX_CELLS:
            raise SourceError("source.too_many_cells", file=self.file, limit=MAX_CELLS)

    def grid(self, positions: int) -> None:
        self.cells += positions
        if self.cells > MAX_CELLS:
            raise SourceError("source.too_many_cells", file=self.file, limit=MAX_CELLS)


def missing_library(file: str, library: str) -> SourceError:
    return SourceError("source.missing_library", file=file, library=library, install=INSTALL_HINT)
