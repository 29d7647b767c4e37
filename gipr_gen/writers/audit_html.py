"""An audit as one standalone page a supervisor opens offline and prints: a summary, a table of the reports
(body, year, format, errors and warnings, rules, publication against the deadline, copy share, the chain
across years, old formats, sections) that sorts by any column and filters by text or by kind of problem,
then each report in detail with every finding and where it is. CSS and the small script are inline; the
page loads nothing. Every text from a report (names, paths, messages) is escaped: reports are untrusted.
Without the script the page is the same, unsorted and unfiltered.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from html import escape
from pathlib import Path
from typing import IO, BinaryIO
from urllib.parse import quote

from .. import __version__
from ..audit import copying
from ..audit import words as W
from ..audit.identity import organ_key
from ..audit.result import Link, ReportResult
from ..i18n import Lang, t

_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 1.5rem; color: #1a1a1a; font-size: 14px; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
.made { color: #555; margin: 0 0 1rem; }
.cards { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0 0 1rem; list-style: none; }
.cards li { border: 1px solid #ccc; border-radius: 4px; padding: .3rem .7rem; }
.cards b { font-size: 1.2rem; margin-right: .3rem; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 0 0 .5rem; }
.controls input { width: 16rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .25rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; position: sticky; top: 0; }
#reports thead th { cursor: pointer; user-select: none; white-space: nowrap; }
#reports th[aria-sort="ascending"]::after { content: " ▲"; }
#reports th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.has-errors td:first-child { border-left: 4px solid #c0392b; }
tr.has-warnings td:first-child { border-left: 4px solid #d4a017; }
.bad { color: #b03a2e; font-weight: bold; }
.warn { color: #8a6d00; }
.ok { color: #2e7d32; }
.file { font-family: monospace; font-size: .85em; word-break: break-all; }
#reports td:nth-child(6) { max-width: 14em; }
#reports td:nth-child(8), #reports td:nth-child(10) { min-width: 6.5em; }
#reports td:last-child { min-width: 16em; }
section.report { border-top: 2px solid #888; padding: .75rem 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .75rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.findings th:nth-child(2), .findings th:nth-child(3), .findings td:nth-child(2), .findings td:nth-child(3) {
  white-space: nowrap; }
.findings td:first-child { min-width: 11em; }
[hidden] { display: none !important; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9.5pt; }
  .controls, .back { display: none; }
  a { color: inherit; text-decoration: none; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, section.report dl { break-inside: avoid; }
  section.report { break-before: auto; }
}
"""

_JS = """
(function () {
  var table = document.getElementById("reports"), body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows), heads = table.tHead.rows[0].cells;
  function value(row, i, numeric) {
    var v = row.cells[i].getAttribute("data-v");
    return numeric ? (v === "" ? -Infinity : parseFloat(v)) : v;
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    function sort() {
      var numeric = th.getAttribute("data-type") === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = value(a, i, numeric), y = value(b, i, numeric);
        var c = numeric ? (x < y ? -1 : x > y ? 1 : 0) : x.localeCompare(y, document.documentElement.lang);
        return c * dir || a.getAttribute("data-n") - b.getAttribute("data-n");
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.tabIndex = 0;
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
    });
  });
  var q = document.getElementById("q"), show = document.getElementById("show"), count = document.getElementById("count");
  function filter() {
    var text = q.value.trim().toLowerCase(), flag = show.value, n = 0;
    rows.forEach(function (r) {
      var ok = (!text || r.getAttribute("data-search").indexOf(text) >= 0) &&
               (!flag || (" " + r.getAttribute("data-flags") + " ").indexOf(" " + flag + " ") >= 0);
      r.hidden = !ok;
      document.getElementById(r.getAttribute("data-id")).hidden = !ok;
      if (ok) { n++; }
    });
    count.textContent = count.getAttribute("data-template").replace("{shown}", n).replace("{total}", rows.length);
  }
  q.addEventListener("input", filter);
  show.addEventListener("change", filter);
  filter();
})();
"""



class Page:
    """The page, written as results come (``add``) and put together at the end (``write``): the rows and the
    details wait in temporary files, and the summary on top is made last. Holds no result."""

    def __init__(self, lang: Lang, out_dir: Path):
        self.lang, self._base = lang, os.path.abspath(out_dir)
        self._rows, self._details = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        self._counts: Counter[str] = Counter()
        self._bodies: set[str] = set()
        self._n = 0

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc: object) -> None:
        self._rows.close()
        self._details.close()

    def add(self, r: ReportResult) -> None:
        self._n += 1
        self._rows.write(_row(self._n, r, self.lang, self._base).encode("utf-8"))
        self._details.write(_detail(self._n, r, self.lang, self._base).encode("utf-8"))
        self._counts.update(W.flags(r))
        if r.organ:
            self._bodies.add(organ_key(r.organ))

    def write(self, out: BinaryIO) -> None:
        lang = self.lang
        title = _e(t("audit.html.title", lang))
        options = "".join(f'<option value="{flag}">{_e(W.flag_name(key, lang))}</option>' for flag, key in W.FLAGS)
        shown = t("audit.html.shown", lang, shown="{shown}", total="{total}")
        out.write(f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="made">{_e(t("audit.html.made", lang, version=__version__))}</p>
{self._cards()}
</header>
<main>
<div class="controls">
<label>{_e(t("audit.html.filter", lang))} <input id="q" type="search" placeholder="{_e(t("audit.html.filter.hint", lang))}"></label>
<label>{_e(t("audit.html.show", lang))} <select id="show"><option value="">{_e(t("audit.html.show.all", lang))}</option>{options}</select></label>
<span id="count" data-template="{_e(shown)}"></span>
<span>{_e(t("audit.html.sort_hint", lang))}</span>
</div>
<table id="reports">
<thead><tr>{_heads(lang)}</tr></thead>
<tbody>
""".encode("utf-8"))
        _copy(self._rows, out)
        out.write(f"""</tbody>
</table>
<h2>{_e(t("audit.detail.title", lang))}</h2>
""".encode("utf-8"))
        _copy(self._details, out)
        out.write(f"""</main>
<script>{_JS}</script>
</body>
</html>
""".encode("utf-8"))

    def _cards(self) -> str:
        lang = self.lang
        items = [(self._n, t("audit.html.count.reports", lang)), (len(self._bodies), t("audit.html.count.bodies", lang))]
        items += [(self._counts[flag], W.flag_name(key, lang)) for flag, key in W.FLAGS]
        return '<ul class="cards">' + "".join(f"<li><b>{n}</b>{_e(name)}</li>" for n, name in items) + "</ul>"


def _copy(spool: IO[bytes], out: BinaryIO) -> None:
    spool.seek(0)
    shutil.copyfileobj(spool, out)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# ---- the table of reports ---------------------------------------------------------------------------

# (catalogue key of the heading, numeric)
_COLUMNS = (("audit.col.organ", False), ("audit.col.year", True), ("audit.col.format", False),
            ("audit.col.errors", True), ("audit.col.warnings", True), ("audit.col.rules", False),
            ("audit.col.published", False), ("audit.col.deadline", True), ("audit.col.copy", True),
            ("audit.col.chain", False), ("audit.col.old_format", False), ("audit.col.sections", False),
            ("audit.col.file", False))


def _heads(lang: Lang) -> str:
    numeric = ' data-type="num"'
    return "".join(f'<th scope="col"{numeric if num else ""}>{_e(t(key, lang))}</th>' for key, num in _COLUMNS)


def _cell(html: str, value: object, css: str = "") -> str:
    """A cell showing ``html``, sorted by ``value`` (a number for numeric columns; "" sorts first)."""
    classes = f' class="{css}"' if css else ""
    return f'<td data-v="{_e(value)}"{classes}>{html}</td>'


def _row(n: int, r: ReportResult, lang: Lang, base: str) -> str:
    errors, warnings, pub, link = r.errors, r.warnings, r.publication, r.link
    late = pub.days_late if pub and pub.days_late is not None else ""
    share = r.copying.share if r.copying and r.copying.share is not None else ""
    found = t("audit.unreadable", lang, error=r.error) if r.error else W.rules(r, lang)
    flags = W.flags(r)
    cells = [
        _cell(f'<a href="#r{n}">{_e(r.organ or r.path)}</a>', r.organ or r.path),
        _cell(_e(r.year or ""), r.year or "", "num"),
        _cell(_e(r.format or ""), r.format or ""),
        _cell(_e(errors), errors, "num bad" if errors else "num"),
        _cell(_e(warnings), warnings, "num warn" if warnings else "num"),
        _cell(_e(found), found),
        _cell(_e(pub.published or "") if pub else "", pub.published or "" if pub else ""),
        _cell(_e(W.deadline(r, lang)), late, "bad" if "late" in flags else ""),
        _cell(_e(W.percent(r)), share, "num bad" if "copied" in flags else "num"),
        *(_cell(_e(text), text) for text in (W.chain(link, lang), W.old_format(r, lang), W.sections(r, lang))),
        _cell(f'<span class="file">{_link(r.path, base)}</span>', r.path),
    ]
    css = "has-errors" if errors else "has-warnings" if warnings else ""
    search = " ".join(filter(None, (r.organ, str(r.year or ""), r.path, " ".join(f.rule for f in r.findings))))
    return (f'<tr id="row{n}" data-n="{n}" data-id="r{n}" class="{css}" data-flags="{" ".join(flags)}" '
            f'data-search="{_e(search.lower())}">{"".join(cells)}</tr>\n')


def _link(path: str, base: str) -> str:
    """The report file, linked relative to the page's folder ``base`` (absolute), so that the link holds
    wherever the page and the reports are copied together."""
    try:
        href = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive (Windows): the absolute path
        href = Path(os.path.abspath(path)).as_uri()
    return f'<a href="{_e(quote(href, safe="/:"))}">{_e(path)}</a>'


# ---- each report in detail ----------------------------------------------------------------------------


def _detail(n: int, r: ReportResult, lang: Lang, base: str) -> str:
    heading = " · ".join(filter(None, (r.organ or r.path, str(r.year) if r.year else "")))
    items = [(t("audit.detail.file", lang), f'<span class="file">{_link(r.path, base)}</span>')]
    if r.error:
        said = t("audit.unreadable", lang, error=r.error)
        items.append((t("audit.col.errors", lang), f'<span class="bad">{_e(said)}</span>'))
    if r.format:
        old = W.old_format(r, lang)
        shown = t("audit.detail.format.old", lang, format=r.format, old=old) if old else r.format
        items.append((t("audit.detail.format", lang), _e(shown)))
    if r.publication:
        pub = r.publication
        text = t("audit.detail.published", lang, published=pub.published, deadline=pub.deadline,
                 status=W.deadline(r, lang)) if pub.published else t("audit.detail.no_date", lang, deadline=pub.deadline)
        css = "bad" if pub.status == "late" else ""
        items.append((t("audit.detail.publication", lang), f'<span class="{css}">{_e(text)}</span>'))
    if r.link:
        items.append((t("audit.detail.chain", lang), _chain(r.link, lang, base)))
        items.append((t("audit.detail.copy", lang), _copying(r, lang)))
    if r.sections:
        items.append((t("audit.detail.sections", lang), _e(W.sections(r, lang))))
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in items)
    return (f'<section class="report" id="r{n}">\n<h3>{_e(heading)}</h3>\n<dl>{dl}</dl>\n{_findings(r, lang)}'
            f'<p class="back"><a href="#row{n}">{_e(t("audit.detail.back", lang))}</a></p>\n</section>\n')


def _chain(link: Link, lang: Lang, base: str) -> str:
    years = t("audit.join", lang).join(str(y) if y is not None else "?" for y in link.years)
    parts = [_e(t("audit.detail.chain.years", lang, total=len(link.years), years=years, position=link.position))]
    if link.previous:
        parts.append(_e(t("audit.detail.chain.previous", lang, year=link.previous_year))
                     + f' <span class="file">{_link(link.previous, base)}</span>')
        if not link.compared:
            parts.append(_e(t("audit.detail.chain.unchecked", lang)))
        elif link.carried_over is not None:
            said = t("audit.detail.chain.carried", lang, carried_over=link.carried_over,
                     carried_forward=link.carried_forward)
            parts.append(f'<span class="{"ok" if link.carry_ok else "bad"}">{_e(said)}</span>')
    return "<br>".join(parts)


def _copying(r: ReportResult, lang: Lang) -> str:
    c = r.copying
    if c is None or c.share is None:
        return _e(t("audit.detail.copy.none", lang))
    said = t("audit.detail.copy.share", lang, repeated=c.repeated, sentences=c.sentences, percent=W.percent(r))
    html = f'<span class="{"bad" if c.share >= copying.FLAG else ""}">{_e(said)}</span>'
    if c.examples:
        examples = "".join(f"<li>{_e(s)}</li>" for s in c.examples)
        html += f"{_e(t('audit.detail.copy.examples', lang))}<ul>{examples}</ul>"
    return html


def _findings(r: ReportResult, lang: Lang) -> str:
    if not r.findings:
        return "" if r.error else f'<p class="ok">{_e(t("audit.detail.clean", lang))}</p>\n'
    heads = "".join(f"<th>{_e(t(k, lang))}</th>" for k in
                    ("audit.detail.where", "audit.detail.severity", "audit.detail.rule", "audit.detail.message"))
    body = "".join(
        f'<tr><td>{_e(f.where)}</td><td class="{"bad" if f.severity == "error" else "warn"}">'
        f'{_e(t("severity." + f.severity, lang))}</td><td>{_e(f.rule)}</td><td>{_e(f.message)}</td></tr>'
        for f in r.findings)
    return f'<table class="findings"><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>\n'
