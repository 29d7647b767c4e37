"""Regular expressions compiled once per Python and kept beside the bytecode, as Python keeps .pyc files.

``re.compile`` is pure-Python work: parsing, then optimising each character class, which walks a range such
as 一-龥 one character at a time. The package's few hundred patterns cost 30–40 ms at every start, a fifth
of a cold ``gipr-gen import``. ``pattern`` returns the same ``re.Pattern`` (equal to ``re.compile``'s) made
from the compiled code stored in ``__pycache__``: one file per Python version, rewritten at exit only when a
pattern was missing from it, never when Python writes no bytecode. A file from another Python, a damaged
file or code the regular-expression engine refuses is ignored and the pattern compiled as usual.
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import os
import re
import sys
from pathlib import Path
from typing import AnyStr

try:  # CPython's engine and compiler; elsewhere every pattern is compiled by re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None

# The stored code is valid only for the engine that made it: its version, code format and code unit.
_STAMP = (sys.hexversion, getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0))
CACHE = Path(importlib.util.cache_from_source(__file__)).with_name(f"patterns.{sys.implementation.cache_tag}.bin")

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]  # _sre.compile's arguments
_stored: dict[tuple[str | bytes, int], _Entry] | None = None
_added: dict[tuple[str | bytes, int], _Entry] = {}


def pattern(source: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, from the stored code when it is there."""
    if _sre is None:  # pragma: no cover - not CPython
        return re.compile(source, flags)
    key = (source, int(flags))
    entry = _load().get(key)
    if entry is not None:
        try:
            return _sre.compile(source, *entry)
        except (RuntimeError, TypeError, ValueError):  # refused by this engine: compile it afresh
            pass
    entry = _compile(source, key[1])
    if not _added:
        atexit.register(save)
    _added[key] = entry
    return _sre.compile(source, *entry)


def _compile(source: str | bytes, flags: int) -> _Entry:
    """What ``re._compiler.compile`` passes to the engine."""
    parsed = _parser.parse(source, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # opcodes are int subclasses marshal cannot store
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        names[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, dict(parsed.state.groupdict), tuple(names)


def _load() -> dict[tuple[str | bytes, int], _Entry]:
    global _stored
    if _stored is None:
        _stored = {}
        try:
            stamp, entries = marshal.loads(CACHE.read_bytes())
            if stamp == _STAMP and isinstance(entries, dict):
                _stored = entries
        except (OSError, EOFError, ValueError, TypeError):  # none yet, or not one of ours
            pass
    return _stored


def save() -> None:
    """Write the patterns compiled since the start into the stored file (atomically; an unwritable
    folder is left as it is: the patterns are then compiled at each start)."""
    if not _added or sys.dont_write_bytecode:
        return
    import tempfile

    entries = {**_load(), **_added}
    try:
        CACHE.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=CACHE.parent, prefix=".patterns-")
        try:
            os.fchmod(fd, 0o644)  # readable by all, as the bytecode beside it
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps((_STAMP, entries)))
            os.replace(tmp, CACHE)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):  # unwritable, or a pattern marshal cannot store
        return
    _stored.update(_added)  # type: ignore[union-attr]
    _added.clear()
