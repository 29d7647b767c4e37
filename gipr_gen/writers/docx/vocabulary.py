"""The Word template's vocabulary, shared by the writer, the reference template and ``template check``:
the variables a template may use and the paragraph styles narrative text is set in."""

from __future__ import annotations

from typing import Any

from ...formats.layout import CellKey, Format, TableSpec

NARRATIVE_VAR = "text"  # text.<section key>: the Markdown of a section, rendered as paragraphs

# Paragraph styles the writer refers to by name (the template check requires them).
STYLE_BODY = "Normal"
STYLE_HEADINGS = {1: "heading 1", 2: "heading 2", 3: "heading 3", 4: "heading 4"}
STYLE_LIST = "List Paragraph"
STYLE_SIGNATURE_ORGAN = "Signature Organ"
STYLE_SIGNATURE_DATE = "Signature Date"
# The styles narrative paragraphs are written in (heading 1 is the section heading, set in the template).
REQUIRED_STYLES = (STYLE_BODY, STYLE_HEADINGS[2], STYLE_HEADINGS[3], STYLE_HEADINGS[4], STYLE_LIST)


def cell_tag(table: TableSpec, cell: CellKey) -> str:
    """The variable bound to one data cell, e.g. ``t3.results.withheld.state_secret.natural_person``."""
    path, column = cell
    return ".".join((table.var, *path, column))


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


def context_shape(fmt: Format) -> dict[str, Any]:
    """Every variable the model provides to a template (leaves are None)."""
    return {
        "title": None, "organ": None, "year": None, "intro": None,
        NARRATIVE_VAR: {s.key: None for s in fmt.sections},
        **{t.var: nest(t, lambda cell: None) for t in fmt.tables},
        "signature": {"organ": None, "date": None},
    }
