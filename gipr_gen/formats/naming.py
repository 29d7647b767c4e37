"""Naming a place in a report in both languages, from the format's own labels."""

from __future__ import annotations

from ..i18n import Bi, bi, bi_tr
from .layout import UNIT_KEY, Format


def title(fmt: Format, path: tuple) -> Bi:
    """A phrase naming a value's place, quotes included, e.g. 第三部分表格“（一）予以公开”行“自然人”列."""
    if not path:
        return bi("name.report")
    head = str(path[0])
    section = fmt.section_by_key.get(head)
    table = fmt.table_by_section.get(head)
    if section and table and len(path) > 1:
        rel = tuple(str(p) for p in path[1:])
        row, col = table.locate(rel)
        if row:
            where = bi("name.row", number=section.number, row=bi_tr("row", row.label))
            if col:
                return bi("name.cell", where=where, column=bi_tr("column", col.label))
            if row.unit_column and rel == (*row.path, UNIT_KEY):
                return bi("name.unit", where=where, column=bi_tr("column", row.unit_column.label))
            return where
        group = table.group_label(rel)
        if group:
            return bi("name.group", number=section.number, group=Bi(group, rel[-1]))
    if section and len(path) == 1:
        return bi("name.section", number=section.number, title=section.title)
    dotted = ".".join(str(p) for p in path)
    info = fmt.fields.get(dotted) or fmt.fields.get(str(path[-1]))
    return bi("name.field", title=bi_tr("field", info.title)) if info else bi("name.path", path=dotted)
