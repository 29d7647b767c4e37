"""The report files that paths on a command line name (``audit``, ``aggregate``): each file named, and every
report file under each folder named (walked in name order; hidden files and folders, Word's ~$ lock files,
pipes and sockets (reading one would wait for a writer) and the command's own output left out)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .api import PUBLISHED_SUFFIXES
from .errors import GiprError

YAML_SUFFIXES = (".yaml", ".yml")
REPORT_SUFFIXES = YAML_SUFFIXES + PUBLISHED_SUFFIXES


class CollectError(GiprError):
    """A PATH that names neither a file nor a folder (nor a device read as one)."""


def collect(paths: list[Path], skip: Path | None = None) -> list[Path]:
    """The report files under ``paths``, each once, in the order given. A file named is taken whatever its
    suffix (``check`` reads it as YAML); in a folder, files whose suffix ``import`` or the YAML reader knows.
    ``skip``: a folder not to look in or a file not to take, met in a folder (what the command writes). Raises
    CollectError for a path that is not there, or is a pipe or a socket."""
    skipped = _resolved(str(skip)) if skip is not None else None
    seen: set[str] = set()
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = _walk(path, skipped)
        elif path.exists():  # a file, or a device such as /dev/zero: read within the readers' bounds
            if waits(str(path)):
                raise CollectError("collect.not_a_file", path=str(path))  # reading it would wait for a writer
            found = [(path, _resolved(str(path)))]
        else:
            raise CollectError("collect.no_such_path", path=str(path))
        for file, key in found:
            if key not in seen:
                seen.add(key)
                out.append(file)
    return out


def _walk(folder: Path, skip: str | None) -> list[tuple[Path, str]]:
    """The report files under ``folder``, each with its resolved path (a folder's resolved once: a file's own
    only when it is a link)."""
    out: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        real = _resolved(root)

        def resolved(name: str) -> str:
            path = os.path.join(root, name)
            return _resolved(path) if os.path.islink(path) else os.path.join(real, name)

        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and resolved(d) != skip)
        out += [(Path(root, f), key) for f in sorted(files)
                if not f.startswith((".", "~$")) and f.lower().endswith(REPORT_SUFFIXES)
                and (key := resolved(f)) != skip and not waits(os.path.join(root, f))]
    return out


def waits(path: str) -> bool:
    """Whether ``path`` is a pipe or a socket (a file gone since it was listed is left to the readers)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _resolved(path: str) -> str:
    return os.path.realpath(path)  # a loop of links resolves as far as it goes, without an error
