"""Writing files so that a failed or interrupted run never leaves a half-written file: each file goes to a
temporary name beside its target and is renamed into place."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OutputError


def write_atomically(path: Path, data: bytes, protect: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename; never onto
    ``protect`` (the input)."""
    import tempfile  # not at import: check never writes

    if protect is not None and path.resolve() == protect.resolve():
        raise OutputError("build.same_as_input", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError("build.unwritable", path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError("build.unwritable", path=str(path), reason=exc.strerror or str(exc)) from exc
        raise
