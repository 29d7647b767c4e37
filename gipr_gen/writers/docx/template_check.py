"""Checks a Word template before it is used: readable .docx, valid Jinja tags, only tags the model
provides, every table placed (its table tag alone in a body paragraph, or its cells bound one by one).
Every problem says where it sits ("第 12 段", "表格 3 第 5 行第 2 列")."""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from functools import cache
from typing import Any, Iterator

from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ...errors import TemplateError
from ...i18n import Bi, bi, bi_tr
from .vocabulary import TableShape

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
Problem = tuple[Bi, str, dict]  # (where, message key, args), as errors.TemplateError carries them
Shape = dict  # nested dict of the variables the model provides; leaves are None

UNREADABLE = ("template.not_docx", "template.unreadable")

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_PREFIX = re.compile(r"^(\{[{%]-?)(?:p|r|tr|tc)\s")  # docxtpl's paragraph/run/row/cell tags
_TABLE_TAG = re.compile(r"\{\{-?(?:(p|r|tr|tc)\s)?\s*(\w+)\s*-?\}\}")  # {{p t3 }}, or a misplaced {{ t3 }}
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class Template:
    data: bytes
    styles: dict[str, str]  # style name, lower-cased → style id


class _Environment(SandboxedEnvironment):
    """Sandboxed, for templates are untrusted; compiles each distinct template source once: rendering a
    batch fills the same template again and again, and compiling its XML costs several times more than
    filling it."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Any] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's signature
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 64:
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


@cache
def environment() -> Environment:
    """The Jinja environment templates are rendered in: escaped values, no silent blanks."""
    return _Environment()


def load(path: Path, shape: Shape) -> Template:
    """Read and check a template; raise TemplateError listing every problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(path, [("", "template.unreadable", {"reason": exc.strerror or str(exc)})]) from exc
    template, problems = inspect(data, shape)
    if problems or template is None:
        raise TemplateError(path, problems)
    return template


def inspect(data: bytes, shape: Shape) -> tuple[Template | None, list[Problem]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = {n: z.read(n) for n in z.namelist() if n.endswith(".xml")}
        document = etree.fromstring(parts["word/document.xml"])
        styles_xml = parts.get("word/styles.xml")
        styles = _styles(etree.fromstring(styles_xml)) if styles_xml else {}
    except (zipfile.BadZipFile, KeyError) as exc:
        return None, [("", "template.not_docx", {"reason": str(exc).strip("'\"")})]
    except (etree.XMLSyntaxError, ValueError, OSError) as exc:
        return None, [("", "template.unreadable", {"reason": str(exc)})]
    places = list(_body_texts(document))
    for name in sorted(parts):
        kind = re.fullmatch(r"word/(header|footer)\d*\.xml", name)
        if kind:
            root = etree.fromstring(parts[name])
            where = "where.template_header" if kind.group(1) == "header" else "where.template_footer"
            places.append((bi(where), _text(root), False))
    return Template(data, styles), _check_tags(places, shape)


def _styles(root) -> dict[str, str]:
    out = {}
    for s in root.iter(f"{W}style"):
        name = s.find(f"{W}name")
        if name is not None:
            out[name.get(f"{W}val", "").lower()] = s.get(f"{W}styleId", "")
    return out


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _body_texts(document) -> Iterator[tuple[Bi, str, bool]]:
    """(where, text, is a body paragraph) for every body paragraph and every table cell, as a reader
    counts them."""
    body = document.find(f"{W}body")
    paragraph = table = 0
    for child in body if body is not None else ():
        if child.tag == f"{W}tbl":
            table += 1
            for r, tr in enumerate(child.findall(f"{W}tr"), 1):
                col = 1
                for tc in tr.findall(f"{W}tc"):
                    yield bi("where.template_cell", table=table, row=r, column=col), _text(tc), False
                    span = tc.find(f"{W}tcPr/{W}gridSpan")
                    col += int(span.get(f"{W}val", "1")) if span is not None else 1
        elif child.tag in (f"{W}p", f"{W}sdt"):
            paragraph += 1
            yield bi("where.template_paragraph", number=paragraph), _text(child), True


def _normalise(tag: str) -> str | None:
    """A docxtpl tag as plain Jinja (None for tags that carry no expression)."""
    tag = _PREFIX.sub(r"\1 ", tag.translate(_QUOTES))
    m = re.fullmatch(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", tag, re.DOTALL)
    if m and m.group(1) in ("vm", "hm"):
        return None
    if m and m.group(1) in ("colspan", "cellbg"):
        return "{{ %s }}" % m.group(2)
    return tag


def _check_tags(places: list[tuple[Bi, str, bool]], shape: Shape) -> list[Problem]:
    tables = {var: sub.spec for var, sub in shape.items() if isinstance(sub, TableShape)}
    misplaced: list[Problem] = []
    unclosed: list[Problem] = []
    lines: list[str] = []
    where_of: list[Bi] = []
    for where, text, body_paragraph in places:
        for tag in _TAG.findall(text):
            table_tag = _TABLE_TAG.fullmatch(tag.translate(_QUOTES))
            if table_tag and table_tag.group(2) in tables and not (table_tag.group(1) == "p" and body_paragraph):
                # the table replaces the whole paragraph: inside a line, a cell or a footer it would break the file
                misplaced.append((where, "template.table_tag_place", {"tag": table_tag.group(2)}))
            jinja = _normalise(tag)
            if jinja is not None:
                lines.append(jinja.replace("\n", " "))
                where_of.append(where)
        rest = _TAG.sub("", text)
        for opener in ("{{", "{%"):
            if opener in rest:
                unclosed.append((where, "template.unclosed", {"text": rest[rest.index(opener):][:40]}))
    if unclosed:
        return misplaced + unclosed
    source = "\n".join(lines)
    try:
        tree = environment().parse(source)
        environment().compile(source)  # an unknown filter or test shows only when compiling
    except TemplateSyntaxError as exc:
        where = where_of[min(max(exc.lineno, 1), len(where_of)) - 1] if where_of else ""
        return [*misplaced, (where, "template.syntax", {"reason": exc.message or str(exc)})]
    bound = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")} | {"loop"}
    bound |= set(environment().globals)
    known = sorted(_paths(shape))
    problems = misplaced
    placed = set()
    for chain, line in _references(tree):
        if chain[0] in bound or _provided(chain, shape):
            placed.add(chain[0])
            continue
        tag = ".".join(chain)
        guess = difflib.get_close_matches(tag, known, n=1, cutoff=0.6)
        key = "template.unknown_tag" if guess else "template.unknown_tag_no_guess"
        problems.append((where_of[line - 1], key, {"tag": tag, "suggestion": guess[0] if guess else ""}))
    # a table bound neither whole nor cell by cell would be missing from every report
    problems += [("", "template.table_missing", {"tag": var, "table": bi_tr("table", spec.title)})
                 for var, spec in tables.items() if var not in placed]
    return problems


def _chain(node) -> list[str] | None:
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return [node.name]
    if isinstance(node, nodes.Getattr):
        inner = _chain(node.node)
        return inner + [node.attr] if inner else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        inner = _chain(node.node)
        return inner + [node.arg.value] if inner else None
    return None


def _references(node, parent=None) -> Iterator[tuple[list[str], int]]:
    """The longest variable chains (``t3.results.disclosed.other``) used in the template, with their line."""
    inside_chain = (isinstance(parent, (nodes.Getattr, nodes.Getitem)) and parent.node is node
                    and _chain(parent) is not None)
    chain = None if inside_chain else _chain(node)
    if chain:
        yield chain, node.lineno
    for child in node.iter_child_nodes():
        yield from _references(child, node)


def _provided(chain: list[str], shape: Shape) -> bool:
    node: Shape | None = shape
    for part in chain:
        if isinstance(node, dict):
            if part not in node:
                return False
            node = node[part]
        else:
            return not part.startswith("_") and hasattr(str, part)  # a string method, e.g. organ.strip()
    return True


def _paths(shape: Shape, prefix: str = "") -> Iterator[str]:
    for key, sub in shape.items():
        path = f"{prefix}{key}"
        yield path
        if isinstance(sub, dict):
            yield from _paths(sub, path + ".")
