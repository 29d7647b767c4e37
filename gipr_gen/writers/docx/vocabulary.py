"""The Word template's vocabulary, shared by the writer and ``template check``: the variables a template
may use and the paragraph styles the writer sets text in."""

from __future__ import annotations

from typing import Any

from ...formats.layout import Format, TableSpec

NARRATIVE_VAR = "text"  # text.<section key>: the Markdown of a section, rendered as paragraphs

# Paragraph styles the writer refers to by name.
STYLE_BODY = "Normal"
STYLE_HEADINGS = {1: "heading 1", 2: "heading 2", 3: "heading 3", 4: "heading 4"}
STYLE_LIST = "List Paragraph"
STYLE_SIGNATURE_ORGAN = "Signature Organ"
STYLE_SIGNATURE_DATE = "Signature Date"
# The styles narrative paragraphs are written in (heading 1 is the section heading, set in the template).
NARRATIVE_STYLES = (STYLE_BODY, STYLE_HEADINGS[2], STYLE_HEADINGS[3], STYLE_HEADINGS[4], STYLE_LIST)


def styles_used(fmt: Format) -> tuple[str, ...]:
    """Every paragraph style the writer sets text in: narrative and table cells."""
    cells = (t.typesetting.style for t in fmt.tables if t.typesetting is not None)
    return tuple(dict.fromkeys((*NARRATIVE_STYLES, *cells)))


def nest(table: TableSpec, value) -> dict[str, Any]:
    """A table as nested dicts along its YAML paths, each cell's leaf given by ``value(cell)``."""
    out: dict[str, Any] = {}
    for row in table.rows:
        node = out
        for part in row.path:
            node = node.setdefault(part, {})
        for col in row.columns:
            node[col.key] = value((row.path, col.key))
    return out


class TableShape(dict):
    """A table among the variables: ``{{p t3 }}`` (its table tag) sets the whole table where that paragraph
    stands; ``t3.received.natural_person`` is one figure, for templates that draw the table themselves."""

    def __init__(self, spec: TableSpec):
        super().__init__(nest(spec, lambda cell: None))
        self.spec = spec


class NarrativeShape(dict):
    """The sections' texts among the variables: ``{{p text.overview }}`` sets a section's text as paragraphs
    where that paragraph stands; ``headings`` names each section as the report heads it."""

    def __init__(self, fmt: Format):
        super().__init__({s.key: None for s in fmt.sections})
        self.headings = {s.key: s.heading for s in fmt.sections}


def context_shape(fmt: Format) -> dict[str, Any]:
    """Every variable the model provides to a template (leaves are None)."""
    return {
        "title": None, "organ": None, "year": None, "intro": None,
        NARRATIVE_VAR: NarrativeShape(fmt),
        **{t.var: TableShape(t) for t in fmt.tables},
        "signature": {"organ": None, "date": None},
    }
