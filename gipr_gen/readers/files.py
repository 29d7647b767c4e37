"""Reading a file whole, bounded: at most ``limit`` bytes and one more (so that a device or a huge file is not
read to its end, and the caller can tell "too large"), a regular file in one read of its own size: a read of
the bound itself would allocate the whole bound for every file (4 MB for each YAML report)."""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import Lang, t


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them. Raises OSError when it cannot be read."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if not size:  # devices, pipes and /proc files state none
            return f.read(limit + 1)
        data = f.read(min(size, limit) + 1)
        if len(data) <= size:  # its end reached (or the bound)
            return data
        return data + f.read(limit + 1 - len(data))  # grown since its size was asked


def io_problem(exc: OSError, lang: Lang) -> str:
    """Why a file could not be read, in words."""
    if isinstance(exc, FileNotFoundError):
        return t("io.not_found", lang)
    return t("io.unreadable", lang, reason=exc.strerror or exc)

