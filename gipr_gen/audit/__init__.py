"""``gipr-gen audit``: many reports checked at once for a supervising office — each report's findings (exactly
``check``'s), its place in its body's chain of reports year by year (with the cross-year rules run against
last year's), its publication date against the deadline, the share of its sentences copied from last year's
report, old-format tables and missing or merged sections.

The work runs in two rounds: a first look at every file (the organ and year of a YAML report, read here from
its top lines; a published report read and checked whole in the workers of ``batch.run``, as that is its
costly part), then each body's chain checked in year order in one worker, every report read once
(``analyse.check_chain``). Results come back body by body, each body's reports in year order, and are handed
on one at a time (``stream``), so that the command writes them out as they come and holds none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from .. import batch
from ..i18n import Lang, t
from ..api import is_published
from .analyse import Look, check_chain, look_published, look_yaml
from .chain import plan
from ..collect import collect
from .identity import Identity
from .result import Audit, Kind, Link, ReportResult


def audit(paths: list[Path], lang: Lang = "zh", jobs: int | None = None, skip: Path | None = None) -> Audit:
    """Audit the report files under ``paths`` (see ``collect``; ``skip`` a folder not to look in), all results
    in memory. ``jobs``: worker processes, None for every core, 1 for none. Raises CollectError for a path
    that is not there."""
    return Audit(tuple(stream([str(f) for f in collect(paths, skip)], lang, jobs)), lang)


def stream(files: list[str], lang: Lang, jobs: int | None) -> Iterator[ReportResult]:
    """Each file's result, body by body (bodies in the order of their first file), each body's in year order."""
    # a YAML report's first look reads its top lines: here, at once; a published report's reads it whole: in
    # the workers
    kinds = [is_published(path) for path in files]
    published = [i for i, costly in enumerate(kinds) if costly]
    looks: list[Look | None] = [None if costly else look_yaml(path, lang) for path, costly in zip(files, kinds)]
    read = batch.run(partial(look_published, lang=lang), [files[i] for i in published], jobs,
                     t("audit.progress.read", lang))
    for i, done in zip(published, read, strict=True):
        looks[i] = done.value if done.value is not None else \
            Look(Identity(done.item, None, None), "published", _failed(done.item, "published", done.error, lang))
    tasks = plan(looks, lang)  # type: ignore[arg-type]  # every look is there until its chain is done
    for done in batch.run(check_chain, tasks, jobs, t("audit.progress.check", lang)):
        task = done.item
        checked = iter(done.value if done.value is not None else
                       [_failed(m.path, m.kind, done.error, lang) for m in task.members if m.wanted])
        for member in task.members:
            if member.wanted:
                yield next(checked)
            else:  # its first look stands: a published report with no earlier one, or a file not read
                look = looks[member.look]
                assert look is not None and look.result is not None
                result = look.result
                yield result if result.error else replace(result, link=Link(member.position, task.years))
            looks[member.look] = None


def _failed(path: str, kind: Kind, error: BaseException | None, lang: Lang) -> ReportResult:
    """A report whose work failed without a word of its own (a worker died): a row that says what happened."""
    return ReportResult(path, kind, error=t("audit.failed", lang, reason=f"{type(error).__name__}: {error}"))
