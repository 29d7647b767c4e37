"""One function over many items, in this process or in a pool of worker processes (``build`` and ``audit``).

``run`` gives one ``Done`` per item, in input order, each holding the function's value or the exception it
raised: a failing item never stops the others. Work goes to the workers in chunks, a few in flight at a
time, so memory stays flat however many items there are. A progress bar is drawn on stderr when it is a
terminal, and cleared before each result is handed back (so the caller's own lines are never mixed into
it) and at the end. Ctrl-C (or SIGTERM) stops the workers at once, without a traceback from each: they
ignore SIGINT, and the parent ends them; ``atomic.write_all`` holds SIGTERM until a set of files is in place.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

from .records import record

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

MAX_CHUNK = 16  # items per task: small enough to balance the workers, large enough to cost little to send
IN_FLIGHT = 2  # chunks queued per worker


@record
class Done(Generic[T, R]):
    """One item's outcome: ``value`` when ``func`` returned, else ``error`` (what it raised, or
    ``WorkerDied``)."""

    item: T
    value: R | None = None
    error: BaseException | None = None


class WorkerDied(Exception):
    """The worker process died (killed, out of memory) while this item was in its pool: the items in flight
    there fail with it; the others go on in a new pool."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(func: Callable[[T], R], items: Iterable[T], jobs: int | None, label: str) -> Iterator[Done[T, R]]:
    """``func`` over ``items``, one ``Done`` per item in input order. ``jobs``: None for every core, 1 in
    this process (no pool), more for that many worker processes; ``func`` (and each item and value) must
    then be picklable, a module-level function or a ``functools.partial`` of one. ``label`` names the
    work on the progress bar."""
    items = list(items)
    jobs = cores() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    outcomes = _in_process(func, items) if jobs == 1 or len(items) < 2 else _pooled(func, items, jobs)
    try:
        with progress(label, len(items)) as (show, clear):
            show(0)
            for n, done in enumerate(outcomes, 1):
                clear()
                yield done
                show(n)
    finally:
        outcomes.close()  # ends the workers when the caller stopped early or was interrupted


@contextmanager
def progress(label: str, total: int) -> Iterator[tuple[Callable[[int], None], Callable[[], None]]]:
    """A progress bar for ``total`` items on stderr when it is a terminal (and there is more than one):
    ``show(done)`` draws it (at most ten times a second), ``clear()`` takes it off the screen before
    something else is printed; it is cleared at the end."""
    if total < 2 or not _is_terminal(sys.stderr):
        yield (lambda done: None), (lambda: None)
        return
    bar = _Bar(label, total, sys.stderr)
    try:
        yield bar.show, bar.clear
    finally:
        bar.clear()


def _in_process(func: Callable[[T], R], items: Sequence[T]) -> Iterator[Done[T, R]]:
    for item in items:
        yield _call(func, item)


def _call(func: Callable[[T], R], item: T) -> Done[T, R]:
    try:
        return Done(item, func(item))
    except Exception as exc:  # noqa: BLE001 - the item's error, handed to the caller
        return Done(item, error=exc)


def _chunk(func: Callable[[T], R], items: Sequence[T]) -> list[Done[T, R]]:
    """A worker's task: ``func`` over a chunk, each error kept with its item (as something that pickles)."""
    import pickle

    done = [_call(func, item) for item in items]
    for i, d in enumerate(done):
        if d.error is not None:
            try:
                pickle.dumps(d.error)
            except Exception:  # noqa: BLE001 - an exception that cannot travel back: its text does
                done[i] = Done(d.item, error=RuntimeError(f"{type(d.error).__name__}: {d.error}"))
    return done


def _worker_start() -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent alone decides, and ends the
    workers with SIGTERM, which a worker takes as the default does (not as the CLI's handler it forked)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _pooled(func: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[Done[T, R]]:
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(items, jobs)
    jobs = min(jobs, len(items))
    # fork where it is safe (Linux): workers start at once with every module already imported
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    before = set(multiprocessing.active_children())
    # what exists now is left out of the collector's passes while the pool runs (Python's advice for fork):
    # the workers' passes then neither walk the objects they inherited nor copy the pages that hold them
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    pool = _pool(jobs, context)
    pending: deque[tuple[Sequence[T], Future[list[Done[T, R]]], ProcessPoolExecutor]] = deque()
    finished = False
    try:
        while True:
            while len(pending) < jobs * IN_FLIGHT and (chunk := next(chunks, None)) is not None:
                try:
                    pending.append((chunk, pool.submit(_chunk, func, chunk), pool))
                except BrokenProcessPool:  # found dead before its failure came back: a new pool
                    pool.shutdown(wait=True)
                    pool = _pool(jobs, context)
                    pending.append((chunk, pool.submit(_chunk, func, chunk), pool))
            if not pending:
                break
            chunk, future, ran_in = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                yield from (Done(item, error=WorkerDied()) for item in chunk)
                if ran_in is pool:  # the rest go to a new pool
                    pool.shutdown(wait=True)
                    pool = _pool(jobs, context)
            except Exception as exc:  # noqa: BLE001 - the chunk's results could not be sent back
                yield from (Done(item, error=exc) for item in chunk)
        finished = True
    finally:
        if not finished:  # interrupted, or the caller stopped: end the workers now, not after their chunks
            for process in set(multiprocessing.active_children()) - before:
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        if frozen:
            gc.unfreeze()


def _chunks(items: Sequence[T], jobs: int) -> Iterator[Sequence[T]]:
    """``items`` in chunks that shrink as the work runs out (a quarter of each worker's share of what is left,
    at most MAX_CHUNK): large ones cost little to send, and the last ones are single items, so the workers
    finish together instead of one waiting while another ends a large chunk."""
    start = 0
    while start < len(items):
        size = max(1, min(MAX_CHUNK, (len(items) - start) // (jobs * 4)))
        yield items[start:start + size]
        start += size


def _pool(jobs: int, context: object) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start)  # type: ignore[arg-type]


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced by an object without it, or closed
        return False


def _width(text: str) -> int:
    """Columns a text takes on a terminal: CJK characters two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Bar:
    """``label [#####.....] 12/40`` on one line of a terminal, redrawn in place."""

    def __init__(self, label: str, total: int, stream: TextIO):
        self.label, self.total, self.stream = label, total, stream
        self.drawn = 0  # columns on screen, 0 when cleared
        self.last = 0.0

    def show(self, done: int) -> None:
        now = time.monotonic()
        if self.drawn and now - self.last < 0.1 and done < self.total:
            return
        self.last = now
        try:
            columns = (os.get_terminal_size(self.stream.fileno()).columns or 80) - 1  # 0: a size never set
        except (AttributeError, ValueError, OSError):
            columns = 79
        count = f" {done}/{self.total}"
        room = min(30, columns - _width(self.label) - len(count) - 3)
        if room >= 5:
            full = room * done // self.total
            line = f"{self.label} [{'#' * full}{'.' * (room - full)}]{count}"
        else:
            line = count.strip()
        self._write("\r" + line)
        self.drawn = _width(line)

    def clear(self) -> None:
        if self.drawn:
            self._write("\r" + " " * self.drawn + "\r")
            self.drawn = 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: the work goes on without a bar
            self.drawn = 0
