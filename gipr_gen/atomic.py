"""Writing a set of files all or nothing, so that a failed or interrupted run never leaves a half-written
file, nor half a set: every file goes to a temporary name beside its target, and only when all of them are
written are they renamed into place. On any failure the temporaries are removed and the files that were
there before stay as they were. ``build`` (its docx, md, html and PDF), ``init`` and the PDF writer all
write through ``write_all``.

New files get the permissions the umask allows (as any program's files do). Ctrl-C or SIGTERM arriving
while the files are written waits until the set is in place (or rolled back), then takes effect.
"""

from __future__ import annotations

import errno
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TypeVar

from .errors import OutputError

# (a path that must not be written over, the message key that says so); e.g. the report being built
Protected = tuple[Path, str]
T = TypeVar("T")


def check_targets(targets: Sequence[Path], protect: Sequence[Protected] = ()) -> None:
    """Raise OutputError when a target is a protected file (by any path to it, a symlink or a hard link)
    or an existing folder: what ``write_all`` refuses, asked before the outputs are made."""
    for target in targets:
        for path, key in protect:
            if _same_file(target, path):
                raise OutputError(key, path=str(target), input=str(path))
        if target.is_dir():
            raise OutputError("build.unwritable", path=str(target), reason=os.strerror(errno.EISDIR))


def write_all(files: Sequence[tuple[Path, bytes]], protect: Sequence[Protected] = ()) -> list[Path]:
    """Write every ``(path, data)`` or none; return the paths. Folders are made as needed (and removed
    again if the set cannot be written). Raises OutputError, leaving every file as it was."""
    check_targets([path for path, _ in files], protect)
    with _signals_deferred():
        made = _make_folders([path for path, _ in files])
        staged: list[tuple[Path, Path]] = []  # (temporary, target)
        try:
            for target, data in files:
                staged.append((_write_temporary(target, data), target))
            _commit(staged)
        except BaseException:
            for tmp, _ in staged:
                _unlink(tmp)
            _remove_folders(made)
            raise
    return [path for path, _ in files]


def write_streamed(targets: Sequence[Path], fill: Callable[[list[BinaryIO]], T],
                   protect: Sequence[Protected] = ()) -> T:
    """Write ``targets`` all or none, as ``write_all`` does, from ``fill``: it is given their files open for
    writing (in the targets' order) and writes them piece by piece, so that nothing need be held in memory;
    its result is returned. Ctrl-C waits only while the set is put in place. Raises OutputError."""
    check_targets(targets, protect)
    made = _make_folders(targets)
    staged: list[tuple[Path, BinaryIO]] = []
    try:
        for target in targets:
            tmp, fd = _open_temporary(target)
            staged.append((tmp, os.fdopen(fd, "wb")))
        result = fill([file for _, file in staged])
        for _, file in staged:
            file.flush()
            os.fsync(file.fileno())
            file.close()
        with _signals_deferred():
            _commit([(tmp, target) for (tmp, _), target in zip(staged, targets, strict=True)])
    except BaseException as exc:
        for tmp, file in staged:
            try:
                file.close()  # its buffer is written first: on a full disk that fails again, and it is closed
            except OSError:
                pass
            _unlink(tmp)
        _remove_folders(made)
        if isinstance(exc, OSError):
            raise _unwritable(targets[0].parent, exc) from exc
        raise
    return result


@contextmanager
def folder(path: Path) -> Iterator[None]:
    """``path`` made (when missing) for workers that write their sets into it at once, so that none of them
    makes it, nor removes it again when its set fails while another writes there; removed when left empty.
    A folder that cannot be made is said by the first set written into it."""
    try:
        made = _make_folders([path / "-"])
    except OutputError:
        made = []
    try:
        yield
    finally:
        _remove_folders(made)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): then compare where the paths lead
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _unwritable(path: Path, exc: OSError) -> OutputError:
    return OutputError("build.unwritable", path=str(path), reason=exc.strerror or str(exc))


def _make_folders(targets: Sequence[Path]) -> list[Path]:
    """Make the missing folders the targets go in; return those made, deepest first."""
    made: list[Path] = []
    for target in targets:
        missing = []
        for parent in target.parents:
            if parent.exists() or parent.is_symlink():
                break
            missing.append(parent)
        try:
            for parent in reversed(missing):
                try:
                    parent.mkdir()
                except FileExistsError:
                    if parent.is_dir():  # made meanwhile by another process: not this set's to remove
                        continue
                    raise
                made.insert(0, parent)
        except OSError as exc:
            _remove_folders(made)
            raise _unwritable(target, exc) from exc
    return made


def _remove_folders(made: Sequence[Path]) -> None:
    for folder in made:  # deepest first; only while empty
        try:
            folder.rmdir()
        except OSError:
            pass


def _temporary_name(target: Path) -> Path:
    name = target.name
    if len(os.fsencode(name)) > 180:  # leave room for the suffix within a file name's 255 bytes
        name = os.fsencode(name)[:180].decode("utf-8", "ignore")
    return target.with_name(f".{name}.{os.urandom(4).hex()}.tmp")


def _open_temporary(target: Path) -> tuple[Path, int]:
    """A new file beside ``target``, created with mode 0o666 less the umask: its name and descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    while True:
        tmp = _temporary_name(target)
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _unwritable(target, exc) from exc


def _write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``target`` (``_open_temporary``), flushed to disk."""
    tmp, fd = _open_temporary(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError):
            raise _unwritable(target, exc) from exc
        raise
    return tmp


def _commit(staged: Sequence[tuple[Path, Path]]) -> None:
    """Rename every temporary onto its target. Should a rename fail (a file held open on Windows), the
    targets already replaced get their earlier contents back, from a hard link kept until the end."""
    backups = [(target, _backup(target)) for _, target in staged]  # a link to what it held, None if new
    done: list[Path] = []
    for tmp, target in staged:
        try:
            os.replace(tmp, target)
        except OSError as exc:
            for earlier, backup in backups:
                try:
                    if earlier in done and backup is not None:
                        os.replace(backup, earlier)
                    elif earlier in done:
                        earlier.unlink()
                    elif backup is not None:
                        backup.unlink()
                except OSError:
                    pass
            raise _unwritable(target, exc) from exc
        done.append(target)
    for _, backup in backups:
        if backup is not None:
            _unlink(backup)
    _sync_folders([target.parent for _, target in staged])


def _backup(target: Path) -> Path | None:
    if not target.exists():
        return None
    while True:
        backup = _temporary_name(target)
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: a failed rename then keeps the new file
            return None


def _sync_folders(folders: Sequence[Path]) -> None:
    if os.name != "posix":
        return
    for folder in dict.fromkeys(folders):
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while files are written; deliver them when done. Only the main thread can
    set signal handlers; elsewhere signals never arrive, so nothing needs holding."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None]
    previous = {}
    try:
        for signum in held:
            if signal.getsignal(signum) is not None:  # None: a handler set outside Python, left alone
                previous[signum] = signal.signal(signum, lambda n, _frame: caught.append(n))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(caught):
            if previous[signum] is not signal.SIG_IGN:
                signal.raise_signal(signum)
