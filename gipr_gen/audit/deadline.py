"""A report's publication date against its deadline (条例 Art. 49), as rule S-04 holds it: the date from the
report's ``published:`` field, which ``import`` fills from the page's own date."""

from __future__ import annotations

from datetime import date

from ..formats.common import deadline
from ..formats.f2021.predicates import organ_type  # the kind of body as every format's rules read it
from ..model import Report
from .result import Publication


def publication(report: Report) -> Publication:
    due = deadline(report.year, organ_type(report))
    if report.published is None:
        return Publication(None, due.isoformat(), None)
    return Publication(report.published, due.isoformat(), (date.fromisoformat(report.published) - due).days)
