"""A published report's ``Document`` → ``Imported``: the shape of a YAML report, each guess a located note.

The six sections are found by their headings (``sections``), their paragraphs written as narrative Markdown
(``narrative``), the title, the publication date and the 落款 read where reports put them (``fields``), and
the tables read into the cells of their format (``tables``). The report's format is table 二's (the tables
that differ between the formats are 二 and 三); a table of the other format is mapped into it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import field
from itertools import accumulate

from ... import formats
from ...errors import SourceError
from ...formats.layout import Format, Section, TableSpec
from ...model.place import Place
from ...patterns import pattern
from ...records import record
from ..published.document import Document, Table
from . import fields
from .labels import normalise
from .narrative import markdown
from .result import Imported, Note
from .sections import Heading, Piece, Text, as_text, choose, pieces, table_start
from .tables import TableReading, convert, convertible, read_flat, read_tables

# Signs of a report under the 2007 条例, before the 2019 format (spec §7.3): section headings, and the
# labels of its tables (统计指标 / 单位 / 统计数, the old 不予公开 categories).
LEGACY_HEADING = pattern(r"^\s*[一二三四五六七八九十]\s*[、.．]\s*(概述|政府信息公开的收费及减免情况)\s*$", re.M)
LEGACY_LABELS = ("统计指标", "非《条例》所指政府信息", "信息不存在", "非本部门掌握")


@record(frozen=False)
class _Section:
    """A section as found: its heading (None when not found) and the pieces up to the next section's."""

    heading: Heading | None = None
    pieces: list[Piece] = field(default_factory=list)


def recognise(doc: Document) -> Imported:
    """Read ``doc`` into a report. Raises SourceError when it is no report, or a report older than the
    2019 format (I-05)."""
    outline = formats.DEFAULT.sections  # the six sections, the same in every format
    specs = {i: _specs(s) for i, s in enumerate(outline) if s.kind == "table"}
    found = pieces(doc, outline)
    chosen = choose(found, specs)
    notes: list[Note] = []
    before = as_text(found[:chosen[0]] if chosen else found)
    parts = _sections(found, chosen, len(outline))

    head, intro_pieces, published = _head(doc, before, notes)
    stated = head.year if head is not None else fields.period_year("\n".join(p.text for p in intro_pieces))
    if stated is not None and stated < _first_year():
        raise SourceError("import.legacy.year", file=doc.file, year=stated)
    readings, narrative_pieces = _tables(found, parts, specs)
    if not readings:
        _refuse_legacy(doc, found)
    if not chosen and not readings:
        raise SourceError("recognise.not_report", file=doc.file)

    fmt = _format(readings)
    imported = Imported(doc.file, fmt, published=published, notes=notes)
    last = max((i for i, p in enumerate(parts) if p.heading is not None or narrative_pieces[i]), default=None)
    if last is not None:
        _signature(imported, narrative_pieces[last])
    _fields(imported, head, before, found, notes)

    marked = min((h.mark for h in (found[i] for i in chosen) if isinstance(h, Heading) and h.mark is not None),
                 default=None)
    imported.intro = markdown(intro_pieces, marked) or None
    by_section: dict[str, TableReading] = {}
    for reading in readings:
        by_section.setdefault(reading.section, reading)
    for i, section in enumerate(fmt.sections):
        part = parts[i]
        imported.texts[section.key] = markdown(narrative_pieces[i], marked)
        if part.heading is not None:
            _heading_notes(part.heading, outline[i], outline, notes)
        if section.kind == "table":
            _table(imported, fmt.table_by_section[section.key], by_section.get(section.key), part, notes)
        elif part.heading is None and not _merged_into(parts, i):
            notes.append(Note("I-06", "recognise.section_missing", _near(parts, i), {"heading": section.heading},
                              section=section.key))
    return imported


def _first_year() -> int:
    return min(f.first_year for f in formats.FORMATS.values())


def _specs(section: Section) -> tuple[TableSpec, ...]:
    return tuple(f.table_by_section[section.key] for f in formats.FORMATS.values()
                 if section.key in f.table_by_section)


def _sections(found: list[Piece], chosen: list[int], count: int) -> list[_Section]:
    parts = [_Section() for _ in range(count)]
    for n, i in enumerate(chosen):
        heading = found[i]
        assert isinstance(heading, Heading)
        end = chosen[n + 1] if n + 1 < len(chosen) else len(found)
        parts[heading.first] = _Section(heading, as_text(found[i + 1:end]))
    return parts


def _merged_into(parts: list[_Section], i: int) -> bool:
    """Section ``i`` shares the heading of an earlier section (a note on that heading says so)."""
    return any(p.heading is not None and p.heading.first < i <= p.heading.last for p in parts[:i])


def _near(parts: list[_Section], i: int) -> Place:
    """Where a missing section would have been: at the next section found."""
    return next((p.heading.place for p in parts[i + 1:] if p.heading is not None), Place())


# ---- title, organ, year, publication date --------------------------------------------------------


def _head(doc: Document, before: list[Piece], notes: list[Note]) -> tuple[fields.Title | None, list[Text], str | None]:
    """The report's title (from the body, else from the page), the intro's paragraphs (after the title, without
    the page's own items and dates), and the publication date."""
    texts = [p for p in before if isinstance(p, Text)]
    published = doc.published or next(filter(None, (fields.published(t.text) for t in texts)), None)
    head = None
    for n, text in enumerate(texts):
        head = fields.title(text.text)
        if head is not None:
            rest = text.text[text.text.index(head.text) + len(head.text):]
            texts = [Text(rest, text.place, text.mark), *texts[n + 1:]]
            break
    page = fields.title(doc.title or "")
    if page is not None and (head is None or head.organ is None and page.organ is not None):
        head = page if head is None else fields.Title(head.text, page.organ, head.year)
        notes.append(Note("I-01", "recognise.title_from_page", Place(), {"title": str(doc.title).strip()},
                          field="organ"))
    intro = []
    for text in texts:
        rest = fields.strip_chrome_start(text.text)
        if rest:
            intro.append(Text(rest, text.place, text.mark))
    return head, intro, published


def _fields(imported: Imported, head: fields.Title | None, before: list[Piece], found: list[Piece],
            notes: list[Note]) -> None:
    fmt = imported.format
    everything = "\n".join(p.text for p in found if isinstance(p, Text))
    if head is not None:
        imported.organ, imported.year = head.organ, head.year
        full = fields.full_name(head.organ, everything) if head.organ else None
        if full:
            notes.append(Note("I-01", "recognise.organ_completed", Place(), {"area": head.organ, "organ": full},
                              field="organ"))
            imported.organ = full
    if imported.year is None:
        intro = "\n".join(p.text for p in before if isinstance(p, Text))
        year = fields.period_year(intro)
        if year is not None:
            notes.append(Note("I-01", "recognise.year_from_period", Place(), {"year": year}, field="year"))
        else:
            year = fields.most_named_year(everything)
            if year is not None:
                notes.append(Note("I-01", "recognise.year_most_named", Place(), {"year": year}, field="year"))
        imported.year = year
    if imported.year is None:
        notes.append(Note("G1", "recognise.year_unknown", Place(), field="year"))
    if imported.organ is None:
        _guess_organ(imported, everything, notes)
    if head is not None and imported.organ and imported.year is not None \
            and normalise(head.text) != normalise(fmt.default_title(imported.organ, imported.year)):
        imported.title = head.text


def _guess_organ(imported: Imported, everything: str, notes: list[Note]) -> None:
    """The organ of a report whose title names none: its 落款's, else the contact or author its text names."""
    if imported.signature_organ:
        imported.organ, key = imported.signature_organ, "recognise.organ_from_signature"
    else:
        imported.organ, key = fields.organ_named(everything), "recognise.organ_from_text"
    if imported.organ is None:
        notes.append(Note("G1", "recognise.organ_unknown", Place(), field="organ"))
    else:
        notes.append(Note("I-01", key, Place(), {"organ": imported.organ}, field="organ"))


# ---- legacy reports --------------------------------------------------------------------------------


def _refuse_legacy(doc: Document, found: list[Piece]) -> None:
    """Refuse a report with none of the tables of a later format and the sections or tables of the 2007
    条例."""
    texts = "\n".join(p.text for p in found if isinstance(p, (Text, Heading)))
    cells = [c.text for p in found if isinstance(p, Table) for c in p.cells]
    heading = LEGACY_HEADING.search(texts)
    label = next((s for s in LEGACY_LABELS for c in cells if normalise(s) in normalise(c)), None)
    if label is None and normalise(LEGACY_LABELS[0]) in normalise(texts):
        label = LEGACY_LABELS[0]  # a key–value table written out as text
    if heading or label:
        raise SourceError("import.legacy", file=doc.file, sign=heading.group(1) if heading else label)


# ---- tables ----------------------------------------------------------------------------------------


def _tables(found: list[Piece], parts: list[_Section], specs: dict[int, tuple[TableSpec, ...]]
            ) -> tuple[list[TableReading], list[list[Text]]]:
    """The report's tables read (published tables, and tables run together in a section's text), and each
    section's narrative paragraphs: its text without the tables read, a table that is none of the report's
    kept as text, a paragraph per row."""
    readings = read_tables([p for p in found if isinstance(p, Table)])
    read = {place for r in readings for place in r.tables}  # every part of a table that runs over pages
    narrative: list[list[Text]] = []
    for i, part in enumerate(parts):
        texts = [p for piece in part.pieces for p in _as_texts(piece, read)]
        if i in specs and part.heading is not None and not any(isinstance(p, Table) for p in part.pieces):
            before, flat = _flat(texts, specs[i])
            found_flat = read_flat(flat.text, flat.place) if flat is not None else []
            if found_flat:
                readings += found_flat
                texts = before
        narrative.append(texts)
    return readings, narrative


def _as_texts(piece: Piece, read: set[Place]) -> list[Text]:
    if isinstance(piece, Text):
        return [piece]
    if isinstance(piece, Table) and piece.place not in read:
        return [Text("\u3000".join(" ".join(c.text.split()) for c in row), row[0].place)
                for row in piece.rows() if row]
    return []


def _flat(texts: list[Text], specs: tuple[TableSpec, ...]) -> tuple[list[Text], Text | None]:
    """A section's paragraphs split where a table written out as text starts: (the paragraphs before, the
    table's text), or (all of them, None) when they hold no table."""
    joined = "\n".join(t.text for t in texts)
    start = table_start(joined, specs)
    if start is None:
        return texts, None
    ends = list(accumulate(len(t.text) + 1 for t in texts))  # where each paragraph's successor starts
    n = bisect_right(ends, start)
    text, cut = texts[n], start - (ends[n - 1] if n else 0)
    kept = texts[:n] + ([Text(text.text[:cut], text.place, text.mark)] if text.text[:cut].strip() else [])
    return kept, Text(joined[start:], text.place)


def _format(readings: list[TableReading]) -> Format:
    """Table 二's format; else the format the other tables fit that can hold them all; else the default."""
    second = formats.DEFAULT.sections[1].key
    own = next((r.format for r in readings if r.section == second), None)
    if own is not None:
        return own
    for fmt in dict.fromkeys(r.format for r in readings):
        if all(convertible(r, fmt) for r in readings):
            return fmt
    return formats.DEFAULT


def _table(imported: Imported, spec: TableSpec, reading: TableReading | None, part: _Section,
           notes: list[Note]) -> None:
    """A table's figures: as read, mapped into the report's format when of the other one (I-04, ``_format``
    chose a format every table maps into), or unknown when it was not found (I-06)."""
    if reading is not None and reading.format is not imported.format:
        reading = convert(reading, imported.format)
    if reading is None:
        place = part.heading.place if part.heading is not None else Place()
        notes.append(Note("I-06", "recognise.table_missing", place, {"title": spec.title}, section=spec.section))
        imported.values[spec.section] = {cell: None for cell in spec.cells()}
        return
    imported.values[spec.section] = dict(reading.values)
    imported.units[spec.section] = {row: unit for (row, _), unit in reading.units.items()}
    notes.extend(reading.notes)


# ---- headings ---------------------------------------------------------------------------------------


def _heading_notes(heading: Heading, section: Section, outline: tuple[Section, ...], notes: list[Note]) -> None:
    if heading.merged:
        names = "、".join(s.heading for s in outline[heading.first:heading.last + 1])
        notes.append(Note("I-01", "recognise.sections_merged", heading.place,
                          {"heading": heading.text.strip(), "sections": names}, section=section.key))
        for later in outline[heading.first + 1:heading.last + 1]:
            notes.append(Note("I-01", "recognise.merged_section", heading.place,
                              {"heading": heading.text.strip(), "section": later.heading}, section=later.key))
    elif normalise(heading.text) != normalise(section.heading):
        notes.append(Note("I-01", "recognise.heading_variant", heading.place,
                          {"heading": heading.text.strip(), "official": section.heading}, section=section.key))


# ---- 落款 and the page after the report -------------------------------------------------------------


def _signature(imported: Imported, texts: list[Text]) -> None:
    """Drop the page's own text after the report from the last section's paragraphs, then take the 落款
    from their end."""
    for n, text in enumerate(texts):
        cut = fields.chrome_end(text.text)
        if cut is not None:
            del texts[n:]
            if text.text[:cut].strip():
                texts.append(Text(text.text[:cut], text.place, text.mark))
            break
    while texts and not texts[-1].text.strip():
        texts.pop()
    if not texts:
        return
    before = texts[-2].text if len(texts) > 1 else None
    found = fields.signature(texts[-1].text, before)
    if found is None:
        return
    imported.signature_organ, imported.signature_date = found.organ, found.date
    last = texts.pop()
    if found.organ_line:
        texts.pop()
    elif found.cut and last.text[:found.cut].strip():
        texts.append(Text(last.text[:found.cut], last.place, last.mark))
