"""The report as one standalone HTML page: the Markdown edition rendered with markdown-it-py, with the
print stylesheet ``templates/report.css`` inlined. No script and no network resource.

Raw HTML is enabled so the table and signature blocks pass through; narrative text cannot inject
any, because the Markdown writer escapes it and a report with raw HTML in its narrative is not built (N-03).
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

from ..model import Report
from ..resources import template_file
from .markdown import render_text

STYLESHEET = "report.css"

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<main>
{body}</main>
</body>
</html>
"""


def render(report: Report, template: Path | None = None) -> bytes:
    return render_page(report).encode("utf-8")


def render_page(report: Report) -> str:
    body = _markdown().render(render_text(report))
    return _PAGE.format(title=escape(report.title), css=_css(), body=body)


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})


def _css() -> str:
    return template_file(STYLESHEET).read_text(encoding="utf-8")
