"""An audit as a spreadsheet Excel and WPS open with its Chinese intact: an Office Open XML workbook
(SpreadsheetML, ECMA-376) written here as a small zip, no library needed. Two sheets: one row per report,
and one row per finding; the header row frozen and filtered, figures as numbers, the copy share as a
percentage. Text is written as inline strings, so nothing a report says is ever read as a formula, and the
rows are written and compressed as results come (``Workbook.add``), waiting in temporary files until the zip
is made.
"""

from __future__ import annotations

import html
import re
from typing import BinaryIO

from ..audit import words as W
from ..audit.result import ReportResult
from ..i18n import Lang, t
from ..patterns import pattern
from .zipped import Deflating, member, write_zip


class Percent(float):
    """A share, shown as a percentage."""


Cell = str | int | float | None
MAX_CELL = 32767  # characters a cell holds
# Characters XML 1.0 cannot hold; a report's text may carry them (escapes in YAML, damaged pages).
_NOT_XML = pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_STAMP = (1980, 1, 1, 0, 0, 0)  # zip entry dates: the same audit gives the same bytes

# Each sheet's columns: (catalogue key of the heading, width in characters)
_REPORT_COLUMNS = (("audit.col.organ", 30), ("audit.col.year", 8), ("audit.col.format", 8), ("audit.col.errors", 8),
                   ("audit.col.warnings", 8), ("audit.col.rules", 24), ("audit.col.published", 12),
                   ("audit.col.deadline_date", 12), ("audit.col.days_late", 10), ("audit.col.deadline", 14),
                   ("audit.col.copy", 10), ("audit.col.repeated", 10), ("audit.col.sentences", 8),
                   ("audit.col.chain", 24), ("audit.col.previous", 40), ("audit.col.old_format", 14),
                   ("audit.col.sections", 30), ("audit.col.file", 50), ("audit.col.unreadable", 40))
_FINDING_COLUMNS = (("audit.col.organ", 30), ("audit.col.year", 8), ("audit.col.file", 50), ("audit.detail.where", 30),
                    ("audit.detail.severity", 10), ("audit.detail.rule", 8), ("audit.detail.message", 80),
                    ("audit.col.line", 8), ("audit.col.column", 8))


class Workbook:
    """The workbook, its rows written as results come (``add``) and the zip made at the end (``write``)."""

    def __init__(self, lang: Lang):
        self.lang = lang
        self._sheets = [_Sheet(n, columns, lang) for n, columns in enumerate((_REPORT_COLUMNS, _FINDING_COLUMNS), 1)]

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        for sheet in self._sheets:
            sheet.part.close()

    def add(self, r: ReportResult) -> None:
        lang = self.lang
        pub, c, link = r.publication, r.copying, r.link
        reports, findings = self._sheets
        reports.add([
            r.organ, r.year, r.format, r.errors, r.warnings, W.rules(r, lang),
            pub.published if pub else None, pub.deadline if pub else None, pub.days_late if pub else None,
            W.deadline(r, lang), Percent(c.share) if c and c.share is not None else None,
            c.repeated if c else None, c.sentences if c else None,
            W.chain(link, lang), link.previous if link else None, W.old_format(r, lang), W.sections(r, lang),
            r.path, r.error])
        for f in r.findings:
            findings.add([r.organ, r.year, r.path, f.where, t("severity." + f.severity, lang), f.rule, f.message,
                          f.line or None, f.column or None])

    def write(self, out: BinaryIO) -> None:
        names = [t("audit.xlsx.reports", self.lang), t("audit.xlsx.findings", self.lang)]
        count = len(self._sheets)
        sheets = range(1, count + 1)
        for sheet in self._sheets:
            sheet.end()
        write_zip(out, [
            member("[Content_Types].xml", _content_types(count)),
            member("_rels/.rels", _rels([("officeDocument", "xl/workbook.xml")])),
            member("xl/workbook.xml", _workbook(names)),
            member("xl/_rels/workbook.xml.rels", _rels([("worksheet", f"worksheets/sheet{n}.xml") for n in sheets]
                                                       + [("styles", "styles.xml")])),
            member("xl/styles.xml", _STYLES),
            *(sheet.part for sheet in self._sheets)], _STAMP)


class _Sheet:
    """One sheet as SpreadsheetML, compressed row by row into its zip member."""

    def __init__(self, number: int, columns: tuple[tuple[str, int], ...], lang: Lang):
        self.part = Deflating(f"xl/worksheets/sheet{number}.xml")
        self._letters = [_column(n) for n in range(len(columns))]
        self.count = 0
        cols = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>'
                       for n, (_, w) in enumerate(columns, 1))
        self.part.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" '
                        f'xmlns:r="{_REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
                        'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                        f'<cols>{cols}</cols><sheetData>'.encode("utf-8"))
        self.add([t(key, lang) for key, _ in columns], style=' s="1"')  # the header

    def add(self, values: list[Cell], style: str = "") -> None:
        self.count += 1
        y = self.count
        cells = []
        for letters, value in zip(self._letters, values, strict=True):
            if value is None or value == "":
                continue
            ref = f"{letters}{y}"
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                shown = ' s="2"' if isinstance(value, Percent) else style
                cells.append(f'<c r="{ref}"{shown}><v>{value!r}</v></c>')
            else:
                text = f'<is><t xml:space="preserve">{_text(str(value))}</t></is>'
                cells.append(f'<c r="{ref}" t="inlineStr"{style}>{text}</c>')
        self.part.write(f'<row r="{y}">{"".join(cells)}</row>'.encode("utf-8"))

    def end(self) -> None:
        last = self._letters[-1]
        self.part.write(f'</sheetData><autoFilter ref="A1:{last}{self.count}"/></worksheet>'.encode("utf-8"))


# ---- the parts ---------------------------------------------------------------------------------------


def _column(n: int) -> str:
    """The letters of the ``n``-th column (0 → A, 26 → AA)."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    return html.escape(_NOT_XML.sub("\ufffd", value)[:MAX_CELL], quote=False)


def _workbook(names: list[str]) -> bytes:
    sheets = "".join(f'<sheet name="{html.escape(_sheet_name(name))}" sheetId="{n}" r:id="rId{n}"/>'
                     for n, name in enumerate(names, 1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f"<sheets>{sheets}</sheets></workbook>").encode("utf-8")


def _sheet_name(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "", name)[:31]


def _rels(targets: list[tuple[str, str]]) -> bytes:
    rels = "".join(f'<Relationship Id="rId{n}" Type="{_REL}/{kind}" Target="{target}"/>'
                   for n, (kind, target) in enumerate(targets, 1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">{rels}'
            "</Relationships>").encode("utf-8")


def _content_types(sheets: int) -> bytes:
    overrides = [("/xl/workbook.xml", f"{_TYPES}.sheet.main+xml"), ("/xl/styles.xml", f"{_TYPES}.styles+xml"),
                 *((f"/xl/worksheets/sheet{n}.xml", f"{_TYPES}.worksheet+xml") for n in range(1, sheets + 1))]
    body = "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>').encode("utf-8")


# Cell styles: 0 plain, 1 the bold header, 2 a percentage (built-in number format 9, "0%").
_STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
           '<fonts count="2"><font><sz val="11"/><name val="等线"/><charset val="134"/></font>'
           '<font><b/><sz val="11"/><name val="等线"/><charset val="134"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
           '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           "</styleSheet>").encode("utf-8")
