"""Naming a place in a report in both languages, from the format's own labels."""

from __future__ import annotations

from ..i18n import Bi
from .layout import Format


def title(fmt: Format, path: tuple) -> Bi:
    """A phrase naming a value's place, quotes included, e.g. 第三部分表格“（一）予以公开”行“自然人”列."""
    if not path:
        return Bi("报告", "the report")
    head = str(path[0])
    section = fmt.section_by_key.get(head)
    table = fmt.table_by_section.get(head)
    if section and table and len(path) > 1:
        rel = tuple(str(p) for p in path[1:])
        row = next((r for r in table.rows if r.path == rel[:len(r.path)]), None)
        if row:
            where = Bi(f"第{section.number}部分表格“{row.label}”行", f"table {section.number}, row '{row.row.label_en}'")
            col = next((c for c in row.columns if len(rel) > len(row.path) and c.key == rel[len(row.path)]), None)
            if col:
                return Bi(f"{where.zh}“{col.label}”列", f"{where.en}, column '{col.label_en}'")
            return where
        group = table.group_label(rel)
        if group:
            return Bi(f"第{section.number}部分表格“{group}”", f"table {section.number}, group '{rel[-1]}'")
    if section and len(path) == 1:
        return Bi(f"“{section.heading}”", f"section {section.number}")
    dotted = ".".join(str(p) for p in path)
    info = fmt.fields.get(dotted) or fmt.fields.get(str(path[-1]))
    return Bi(f"“{info.title}”", f"'{info.title_en}'") if info else Bi(f"“{dotted}”", f"'{dotted}'")
