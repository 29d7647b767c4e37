"""What the package compiles as it starts, kept in ``__pycache__`` beside its bytecode as Python keeps .pyc
files: one file per kind and Python version, read at the first ``get``, rewritten at exit only when
something was missing from it, never when Python writes no bytecode. A file from another Python or a
damaged one is ignored; so is an unwritable folder (the work is then done again at each start)."""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from typing import Any


class Store:
    """Values marshal can write (tuples, lists, dicts, strings, numbers, code objects) by key."""

    def __init__(self, kind: str, stamp: tuple[Any, ...]):
        self.path = Path(importlib.util.cache_from_source(__file__)).with_name(
            f"{kind}.{sys.implementation.cache_tag}.bin")
        self.stamp = (sys.hexversion, *stamp)  # what the stored values are valid for
        self.entries: dict[Any, Any] | None = None
        self.added: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        return self.added[key] if key in self.added else self._stored().get(key)

    def _stored(self) -> dict[Any, Any]:
        if self.entries is None:
            self.entries = {}
            try:
                stamp, entries = marshal.loads(self.path.read_bytes())
                if stamp == self.stamp and isinstance(entries, dict):
                    self.entries = entries
            except (OSError, EOFError, ValueError, TypeError):  # none yet, or not one of ours
                pass
        return self.entries

    def put(self, key: Any, value: Any) -> None:
        """Keep ``value`` for this process, and in the file from the next one on."""
        if not self.added:
            atexit.register(self.save)
        self.added[key] = value

    def save(self) -> None:
        """Write what was put since the start into the file, atomically."""
        if not self.added or sys.dont_write_bytecode:
            return
        import tempfile

        entries = {**self._stored(), **self.added}
        try:
            self.path.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.stem}-")
            try:
                os.fchmod(fd, 0o644)  # readable by all, as the bytecode beside it
                with os.fdopen(fd, "wb") as f:
                    f.write(marshal.dumps((self.stamp, entries)))
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        except (OSError, ValueError):  # unwritable, or a value marshal cannot write
            return
        self.entries = entries
        self.added = {}
