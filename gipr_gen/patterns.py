"""Regular expressions compiled once per Python and kept beside the bytecode, as Python keeps .pyc files.

``re.compile`` is pure-Python work: parsing, then optimising each character class, which walks a range such
as 一-龥 one character at a time. The package's few hundred patterns cost 30–40 ms at every start, a fifth
of a cold ``gipr-gen import``. ``pattern`` returns the same ``re.Pattern`` (equal to ``re.compile``'s) made
from the compiled code stored in ``__pycache__`` (``pycache.Store``); code the regular-expression engine
refuses is ignored and the pattern compiled as usual.

The libraries the package uses compile theirs as they load (PyYAML's check for unprintable characters alone
takes 5 ms). ``stored(label)`` around their import puts the code stored for that label into ``re``'s own
cache first, so that ``re.compile`` finds the pattern it would have made, and stores what the import
compiled that was not there yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import AnyStr

from .pycache import Store

try:  # CPython's engine and compiler; elsewhere every pattern is compiled by re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None

# (source, flags) → _sre.compile's other arguments; a ``stored`` label → the (source, flags) its imports
# compiled. The code is valid only for the engine that made it: its code format and code unit.
STORE = Store("patterns", (getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0)))


def pattern(source: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, from the stored code when it is there."""
    if _sre is None:  # pragma: no cover - not CPython
        return re.compile(source, flags)
    key = (source, int(flags))
    made = _made(key)
    if made is None:
        made = _made(key, _add(key))
    return made  # type: ignore[return-value]


def _made(key: tuple[AnyStr, int], entry: tuple | None = None) -> re.Pattern | None:
    """The pattern made from its stored code (or ``entry``); None when there is none or the engine refuses it."""
    entry = entry or STORE.get(key)
    if entry is not None:
        try:
            return _sre.compile(key[0], *entry)
        except (RuntimeError, TypeError, ValueError):  # refused by this engine: compiled afresh
            pass
    return None


def _add(key: tuple[str | bytes, int]) -> tuple:
    """What ``re._compiler.compile`` passes to the engine, stored."""
    source, flags = key
    parsed = _parser.parse(source, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # opcodes are int subclasses marshal cannot store
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        names[index] = name
    entry = (flags | parsed.state.flags, code, parsed.state.groups - 1, dict(parsed.state.groupdict), tuple(names))
    STORE.put(key, entry)
    return entry


@contextmanager
def stored(label: str) -> Iterator[None]:
    """Around the import of a library: the patterns it compiles as it loads come from the code stored under
    ``label``, through ``re``'s cache (where ``re.compile`` looks first); those it compiled afresh are stored."""
    cache = getattr(re, "_cache", None)
    if _sre is None or not isinstance(cache, dict):  # pragma: no cover - not CPython's re
        yield
        return
    known = STORE.get(label) or ()
    for source, flags in known:
        if (type(source), source, flags) not in cache and (made := _made((source, flags))) is not None:
            cache[type(source), source, flags] = made
    before = set(cache)
    yield
    compiled = [(source, flags) for kind, source, flags in cache.keys() - before
                if kind in (str, bytes) and not flags & re.DEBUG]
    for key in compiled:
        if _made(key) is None:  # none stored, or refused
            _add(key)
    if new := sorted(set(compiled) - set(known), key=repr):
        STORE.put(label, (*known, *new))
