"""Checks a Word template before it is used. A template is untrusted data, so it is read defensively and held
to a contract:

* the file: a .docx (not a renamed .doc, PDF or RTF), a sound zip whose members are within size limits read
  from the zip directory before any is unpacked, with its [Content_Types].xml, relationships and main
  document, every part it refers to present, every XML part well-formed and without a DOCTYPE;
* the tags, in every part docxtpl fills: the body, headers, footers, footnotes, endnotes and the document
  properties; each part's tags are one Jinja template and must compile in the sandbox (``sandbox.py``), use
  only variables the model provides, and no tag may hide outside the text (in a field code, a deleted
  revision, an attribute);
* the contract: whole-paragraph values (the intro, each section's text, each table's table tag) stand alone
  in a body paragraph as a paragraph tag ``{{p …}}``, and nothing else does; the title, the intro, every
  section's text, every table (by its table tag or every cell) and the 落款 are placed; a template without
  any tag (last year's finished report) is refused.

Every problem says where it sits ("第 12 段", "表格 3 第 5 行第 2 列", "页脚"). ``trial`` then evaluates
each part's tags with a report's values, so that a tag that fails only when run (``1/0``, a runaway loop)
is found here, where it can be located, rather than when a report is built.
"""

from __future__ import annotations

import difflib
import io
import posixpath
import re
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import field
from typing import Any
from urllib.parse import unquote

from jinja2 import TemplateSyntaxError, UndefinedError, nodes
from lxml import etree

from ...i18n import Bi, bi, bi_tr
from ...patterns import pattern
from ...records import record
from .ooxml import PARSER, PROPERTIES, W, styles_of
from .sandbox import LimitExceeded, Refused, environment, limits
from .vocabulary import NarrativeShape, TableShape

Problem = tuple[Bi | str, str, dict]  # (where, message key, args), as errors.TemplateError carries them
Shape = dict  # nested dict of the variables the model provides; leaves are None

MAX_FILE = 64 * 2**20  # bytes of the .docx file
MAX_PART = 32 * 2**20  # bytes of one member, unpacked (as the zip directory says, before it is unpacked)
MAX_PACKAGE = 64 * 2**20  # bytes of all members, unpacked
MAX_PARTS = 2000

# file-level problems: the file is not a usable .docx at all (template check exits 2 for these)
UNREADABLE = ("template.not_docx", "template.unreadable", "template.is_doc", "template.is_pdf", "template.is_rtf",
              "template.not_zip", "template.too_large", "template.too_many_parts", "template.part_too_large",
              "template.encrypted", "template.broken_part", "template.missing_part", "template.bad_xml",
              "template.doctype", "template.no_body")

_TAG = pattern(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_DELIMITERS = pattern(r"\{[{%#]|[}%#]\}")
_PREFIX = pattern(r"^\{([{%#])(p|r|tr|tc) ")  # docxtpl's paragraph/run/row/cell tags, as it reads them
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_HEADER, _FOOTER = _R + "header", _R + "footer"  # the relationships docxtpl follows, spelt as it spells them
_NOTES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": "footnote",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": "endnote"}


@record
class Place:
    """A paragraph (or a document property) whose text may hold tags."""

    where: Bi
    text: str
    kind: str  # body, cell, header, footer, note, property
    source: str  # the part (or property) it belongs to: each is a Jinja template of its own


@record
class Source:
    """One part's tags as a Jinja template, one tag a line, and where each line's tag stands."""

    name: str
    text: str
    where: tuple[Bi, ...]


@record
class Template:
    data: bytes
    styles: dict[str, str]  # style name, lower-cased → style id
    sources: tuple[Source, ...] = field(default=(), compare=False)


class _Unreadable(Exception):
    def __init__(self, key: str, **args: Any):
        super().__init__(key)
        self.key, self.args_ = key, args


def inspect(data: bytes, shape: Shape) -> tuple[Template | None, list[Problem]]:
    """The template, and every problem found in it; None when the file cannot be read at all."""
    try:
        styles, places, hidden = _read(data)
    except _Unreadable as exc:
        return None, [("", exc.key, exc.args_)]
    except Exception as exc:  # noqa: BLE001 - whatever else a crafted file holds is a file that cannot be read
        return None, [("", "template.not_docx", {"reason": str(exc) or type(exc).__name__})]
    problems, sources = _check_tags(places, shape)
    return Template(data, styles, sources), hidden + problems


# ---- the file --------------------------------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _sniff(data: bytes) -> str | None:
    """Files that are often renamed .docx."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "template.is_doc"  # an OLE file: Word 97-2003, or a .docx saved with a password
    if data.lstrip()[:5] == b"%PDF-":
        return "template.is_pdf"
    if data.startswith(b"{\\rtf"):
        return "template.is_rtf"
    return None


class _Package:
    """The zip, read member by member within the limits."""

    def __init__(self, data: bytes):
        kind = _sniff(data)
        if kind:
            raise _Unreadable(kind)
        if len(data) > MAX_FILE:
            raise _Unreadable("template.too_large", size=_mb(len(data)), limit=_mb(MAX_FILE))
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except Exception as exc:  # noqa: BLE001 - whatever zipfile makes of a damaged file
            raise _Unreadable("template.not_zip", reason=str(exc)) from exc
        if len(infos) > MAX_PARTS:
            raise _Unreadable("template.too_many_parts", count=len(infos), limit=MAX_PARTS)
        for info in infos:
            if info.file_size > MAX_PART:
                raise _Unreadable("template.part_too_large", part=info.filename, size=_mb(info.file_size),
                                  limit=_mb(MAX_PART))
            if info.flag_bits & 0x1:
                raise _Unreadable("template.encrypted", part=info.filename)
        total = sum(i.file_size for i in infos)
        if total > MAX_PACKAGE:
            raise _Unreadable("template.too_large", size=_mb(total), limit=_mb(MAX_PACKAGE))
        self.names = {i.filename for i in infos}

    def read(self, name: str) -> bytes:
        if name not in self.names:
            raise _Unreadable("template.missing_part", part=name)
        try:
            with self.zip.open(name) as member:
                data = member.read(MAX_PART + 1)
        except Exception as exc:  # noqa: BLE001 - a bad CRC, a bad deflate stream, an unknown compression…
            raise _Unreadable("template.broken_part", part=name, reason=str(exc) or type(exc).__name__) from exc
        if len(data) > MAX_PART:
            raise _Unreadable("template.part_too_large", part=name, size=_mb(len(data)), limit=_mb(MAX_PART))
        return data

    def xml(self, name: str) -> Any:
        try:
            root = etree.fromstring(self.read(name), PARSER)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise _Unreadable("template.bad_xml", part=name, reason=str(exc)) from exc
        if root.getroottree().docinfo.doctype:
            raise _Unreadable("template.doctype", part=name)
        return root

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type, target part) of the part's internal relationships ("" is the package); each must exist."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self.names:
            if not part:
                raise _Unreadable("template.missing_part", part=rels)
            return []
        out = []
        for rel in self.xml(rels):
            if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            target = unquote(rel.get("Target", ""))
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            if target not in self.names:
                raise _Unreadable("template.missing_part", part=target)
            out.append((rel.get("Type", ""), target))
        return out


def _read(data: bytes) -> tuple[dict[str, str], list[Place], list[Problem]]:
    """The template's styles, the places its tags may stand, and tags hidden outside the text."""
    package = _Package(data)
    for name in sorted(package.names):  # every member unpacks (python-docx reads them all)
        package.read(name)
    types = package.xml("[Content_Types].xml")
    overrides = {e.get("PartName", "").lstrip("/"): e.get("ContentType") for e in types
                 if isinstance(e.tag, str) and e.tag.endswith("}Override")}
    top = package.rels("")
    main = next((t for kind, t in top if kind.endswith("/officeDocument")), None)
    if main is None:
        raise _Unreadable("template.missing_part", part="word/document.xml")
    document = package.xml(main)
    body = document.find(f"{W}body")
    if body is None:
        raise _Unreadable("template.no_body", part=main)
    rels = package.rels(main)
    for name in sorted(package.names):  # every part a relationship points to must be there
        if name.endswith(".rels") and name != "_rels/.rels":
            folder = posixpath.dirname(posixpath.dirname(name))
            package.rels(posixpath.join(folder, posixpath.basename(name)[:-5]))
    styles_part = next((t for kind, t in rels if kind.endswith("/styles")), None)
    styles = styles_of(package.xml(styles_part)) if styles_part else {}

    places = list(_body_places(body, main))
    hidden = _hidden(body, main, bi("where.template_body"))
    for kind, target in rels:
        if kind in (_HEADER, _FOOTER):
            root = package.xml(target)
            where = bi("where.template_header" if kind == _HEADER else "where.template_footer")
            what = "header" if kind == _HEADER else "footer"
            places += [Place(where, _text(p), what, target) for p in _blocks(root)]
            hidden += _hidden(root, target, where)
    for name in sorted(n for n, ct in overrides.items() if ct in _NOTES and n in package.names):
        root = package.xml(name)
        where = bi("where.template_footnote" if _NOTES[overrides[name]] == "footnote" else "where.template_endnote")
        places += [Place(where, _text(p), "note", name) for note in root for p in _blocks(note)]
        hidden += _hidden(root, name, where)
    core = next((t for kind, t in top if kind.endswith("/metadata/core-properties")), None)
    if core:
        root = package.xml(core)
        for prop, tag in PROPERTIES.items():
            el = root.find(tag)
            if el is not None and el.text:
                places.append(Place(bi("where.template_property", name=prop), el.text, "property", f"{core}#{prop}"))
    return styles, places, hidden


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _blocks(container) -> Iterator[Any]:
    """The paragraphs of a body, cell, header or note, a content control counted as one, tables entered."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}sdt"):
            yield child
        elif child.tag == f"{W}tbl":
            for tc in child.iter(f"{W}tc"):
                yield from (p for p in tc if p.tag in (f"{W}p", f"{W}sdt"))
        elif child.tag == f"{W}customXml":
            yield from _blocks(child)


def _body_places(body, part: str) -> Iterator[Place]:
    """Every body paragraph and every paragraph of every table cell, numbered as a reader counts them."""
    paragraph = table = 0
    for child in body:
        if child.tag == f"{W}tbl":
            table += 1
            for r, tr in enumerate(child.findall(f"{W}tr"), 1):
                col = 1
                for tc in tr.findall(f"{W}tc"):
                    where = bi("where.template_cell", table=table, row=r, column=col)
                    yield from (Place(where, _text(p), "cell", part) for p in _blocks(tc))
                    span = tc.find(f"{W}tcPr/{W}gridSpan")
                    span = span.get(f"{W}val", "") if span is not None else ""
                    col += int(span) if span.isdigit() else 1
        elif child.tag in (f"{W}p", f"{W}sdt"):
            paragraph += 1
            yield Place(bi("where.template_paragraph", number=paragraph), _text(child), "body", part)


def _hidden(root, part: str, where: Bi) -> list[Problem]:
    """Tags docxtpl would fill that stand outside the text: in field codes, deleted revisions, attributes."""
    found = []
    for el in root.iter():
        texts = [el.tail]
        if not isinstance(el.tag, str):  # a comment or processing instruction
            texts.append(el.text)
        else:
            texts += el.attrib.values()
            if el.tag != f"{W}t":
                texts.append(el.text)
        found += [t for t in texts if t and _DELIMITERS.search(t)]
    return [(where, "template.hidden_tag", {"part": part, "text": found[0].strip()[:40]})] if found else []


# ---- the tags ----------------------------------------------------------------------------------------


def _normalise(tag: str) -> str | None:
    """A docxtpl tag as plain Jinja (None for tags that carry no expression)."""
    tag = _PREFIX.sub(r"{\1 ", tag.translate(_QUOTES))
    m = re.fullmatch(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", tag, re.DOTALL)
    if m and m.group(1) in ("vm", "hm"):
        return None
    if m and m.group(1) in ("colspan", "cellbg"):
        return "{{ %s }}" % m.group(2)
    return tag


@record(frozen=False)
class _Tag:
    text: str  # as written
    jinja: str  # as Jinja reads it
    prefix: str  # p, r, tr, tc or ""
    place: Place


def _check_tags(places: list[Place], shape: Shape) -> tuple[list[Problem], tuple[Source, ...]]:
    tags: list[_Tag] = []
    problems: list[Problem] = []
    for place in places:
        found = _TAG.findall(place.text)
        for tag in found:
            prefix = _PREFIX.match(tag.translate(_QUOTES))
            jinja = tag if place.kind == "property" else _normalise(tag)  # docxtpl fills properties as they are
            if jinja is not None:
                tags.append(_Tag(tag, jinja, prefix.group(2) if prefix and place.kind != "property" else "", place))
        rest = _TAG.sub("", place.text)
        for opener in ("{{", "{%"):
            if opener in rest:
                problems.append((place.where, "template.unclosed", {"text": rest[rest.index(opener):][:40]}))
        if place.kind != "property" and any(_PREFIX.match(t.translate(_QUOTES)) for t in found) \
                and (len(found) > 1 or rest.strip()):
            # a paragraph tag stands for its whole paragraph: any other text or tag there would be lost
            problems.append((place.where, "template.p_tag_not_alone", {"text": (rest.strip() or " ".join(found))[:40]}))
    if not tags:
        return [("", "template.no_tags", {})], ()
    if problems:
        return problems, ()

    sources: dict[str, list[_Tag]] = {}
    for tag in tags:
        sources.setdefault(tag.place.source, []).append(tag)
    trees = []
    compiled = []
    for name, its in sources.items():
        text = "\n".join(t.jinja.replace("\n", " ") for t in its)
        try:
            tree = environment().parse(text)
            environment().compile(text)  # an unknown filter or test shows only when compiling
        except Refused as exc:
            problems.append((its[min(max(exc.lineno, 1), len(its)) - 1].place.where, "template.refused",
                             {"what": exc.what}))
            continue
        except TemplateSyntaxError as exc:
            line = _unclosed(its) if "Unexpected end of template" in str(exc) else exc.lineno
            where = its[min(max(line or 1, 1), len(its)) - 1].place.where
            problems.append((where, "template.syntax", {"reason": exc.message or str(exc)}))
            continue
        except Exception as exc:  # noqa: BLE001 - e.g. RecursionError for brackets nested thousands deep
            problems.append((its[0].place.where, "template.syntax", {"reason": type(exc).__name__}))
            continue
        trees.append((tree, its))
        compiled.append(Source(name, text, tuple(t.place.where for t in its)))
    if problems:
        return problems, ()
    names = _check_names(trees, shape)
    meant = {tuple(args["suggestion"].split(".")) for _, key, args in names if key == "template.unknown_tag"}
    return names + _check_places(trees, shape) + _check_contract(trees, shape, meant), tuple(compiled)


_BLOCK = pattern(r"\{%-?\s*(end)?(if|for|with|filter|block|raw|set)\b(.*?)-?%\}", re.DOTALL)


def _unclosed(tags: list[_Tag]) -> int | None:
    """The line of the innermost block tag left open ({% if %} without {% endif %}), which Jinja reports at
    the end of the part."""
    open_: list[tuple[str, int]] = []
    for line, tag in enumerate(tags, 1):
        m = _BLOCK.fullmatch(tag.jinja)
        if not m or (m.group(2) == "set" and "=" in m.group(3)):  # {% set x = … %} opens nothing
            continue
        if not m.group(1):
            open_.append((m.group(2), line))
        elif open_ and open_[-1][0] == m.group(2):
            open_.pop()
    return open_[-1][1] if open_ else None


def _check_names(trees: list[tuple[Any, list[_Tag]]], shape: Shape) -> list[Problem]:
    """Every variable a tag uses is one the model provides (or one the template sets itself)."""
    known = sorted(_paths(shape))
    problems: list[Problem] = []
    for tree, its in trees:
        bound = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")} | {"loop"}
        bound |= set(environment().globals)
        for chain, line in _references(tree):
            tag = ".".join(chain)
            where = its[line - 1].place.where
            if any(part.startswith("_") for part in chain):
                problems.append((where, "template.private_name", {"tag": tag}))
            elif not (chain[0] in bound or _provided(chain, shape)):
                guess = difflib.get_close_matches(tag, known, n=1, cutoff=0.6)
                key = "template.unknown_tag" if guess else "template.unknown_tag_no_guess"
                problems.append((where, key, {"tag": tag, "suggestion": guess[0] if guess else ""}))
    return problems


def _kind(chain: list[str], shape: Shape) -> str | None:
    """What a variable is: a whole-paragraph value, a table, a group of values, one value (None: not the
    model's)."""
    if chain == ["intro"] or (len(chain) == 2 and isinstance(shape.get(chain[0]), NarrativeShape)
                              and chain[1] in shape[chain[0]]):
        return "paragraphs"
    if len(chain) == 1 and isinstance(shape.get(chain[0]), TableShape):
        return "table"
    if not _provided(chain, shape):
        return None
    node: Any = shape
    for part in chain:
        node = node.get(part) if isinstance(node, dict) else None
    return "group" if isinstance(node, dict) else "value"


def _outputs(node) -> Iterator[Any]:
    """The parts of an expression whose value is printed (not those only tested)."""
    if isinstance(node, nodes.CondExpr):
        yield from _outputs(node.expr1)
        if node.expr2 is not None:
            yield from _outputs(node.expr2)
    elif isinstance(node, (nodes.And, nodes.Or)):
        yield from _outputs(node.left)
        yield from _outputs(node.right)
    elif isinstance(node, nodes.Concat):
        for n in node.nodes:
            yield from _outputs(n)
    elif isinstance(node, nodes.Filter) and node.node is not None:
        yield from _outputs(node.node)
    elif isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
        yield node


def _check_places(trees: list[tuple[Any, list[_Tag]]], shape: Shape) -> list[Problem]:
    """Whole-paragraph values in paragraph tags in the body, and nothing else in paragraph tags."""
    problems: list[Problem] = []
    printed: dict[int, list[Any]] = {}  # id of a tag → the expressions it prints (a tag a line)
    for tree, its in trees:
        for out in tree.find_all(nodes.Output):
            for expr in out.nodes:
                if not isinstance(expr, nodes.TemplateData):
                    printed.setdefault(id(its[expr.lineno - 1]), []).append(expr)
    for tree, its in trees:
        for tag in its:
            if tag.jinja.startswith("{{") and id(tag) in printed:
                problems += _check_place(tag, printed[id(tag)], shape)
    return problems


def _check_place(tag: _Tag, exprs: list[Any], shape: Shape) -> list[Problem]:
    where, kind, prefix = tag.place.where, tag.place.kind, tag.prefix
    chains = [c for e in exprs for n in _outputs(e) if (c := _chain(n))]
    problems: list[Problem] = []
    for chain in chains:
        name = ".".join(chain)
        what = _kind(chain, shape)
        if what == "table" and not (prefix == "p" and kind == "body"):
            # the table replaces the whole paragraph: inside a line, a cell or a footer it breaks the file
            problem = (where, "template.table_tag_place", {"tag": name})
        elif what == "paragraphs" and not (prefix == "p" and kind in ("body", "cell")):
            problem = (where, "template.paragraph_value_place", {"tag": name})
        elif what == "value" and prefix == "p":
            problem = (where, "template.value_in_p_tag", {"tag": name})
        elif what == "group":
            example = next(p for p in sorted(_paths(shape)) if p.startswith(name + ".") and _leaf(p, shape))
            problem = (where, "template.not_a_value", {"tag": name, "example": example})
        else:
            continue
        if all(problem[1] != p[1] for p in problems):
            problems.append(problem)
    if prefix in ("r", "tr", "tc") and chains:
        problems.append((where, "template.bad_prefix", {"tag": tag.text[:40]}))
    return problems


def _check_contract(trees: list[tuple[Any, list[_Tag]]], shape: Shape, meant: set[tuple[str, ...]]) -> list[Problem]:
    """Everything a report holds has its place in the body, so that no report loses text. A misspelt tag
    counts as the one it was meant to be (it is reported as misspelt)."""
    used: set[tuple[str, ...]] = set()
    chains = [chain for tree, its in trees for chain, line in _references(tree)
              if its[line - 1].place.kind != "property"]
    for chain in [*chains, *map(list, meant)]:
        used.update(tuple(chain[:i]) for i in range(1, len(chain) + 1))
    problems: list[Problem] = []
    if ("title",) not in used:
        problems.append(("", "template.title_missing", {}))
    if ("intro",) not in used:
        problems.append(("", "template.intro_missing", {}))
    for var, sub in shape.items():
        if isinstance(sub, NarrativeShape):
            problems += [("", "template.section_missing", {"tag": f"{var}.{key}", "section": sub.headings[key]})
                         for key in sub if (var, key) not in used]
    for var, sub in shape.items():
        if not isinstance(sub, TableShape):
            continue
        table = bi_tr("table", sub.spec.title)
        whole = any(len(chain) == 1 and chain[0] == var for tree, its in trees for chain, _ in _references(tree))
        cells = sorted(p for p in _paths(sub, var + ".") if _leaf(p, shape))
        missing = [c for c in cells if tuple(c.split(".")) not in used]
        if whole or not missing:
            continue
        if len(missing) == len(cells):
            # a table bound neither whole nor cell by cell would be missing from every report
            problems.append(("", "template.table_missing", {"tag": var, "table": table}))
        else:
            problems.append(("", "template.table_cells_missing",
                             {"tag": var, "table": table, "count": len(missing), "example": missing[0]}))
    if ("signature",) not in used:
        problems.append(("", "template.signature_missing", {}))
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


def _leaf(path: str, shape: Shape) -> bool:
    node: Any = shape
    for part in path.split("."):
        node = node[part]
    return node is None


def _paths(shape: Shape, prefix: str = "") -> Iterator[str]:
    for key, sub in shape.items():
        path = f"{prefix}{key}"
        yield path
        if isinstance(sub, dict):
            yield from _paths(sub, path + ".")


# ---- running the tags ----------------------------------------------------------------------------------


def problem_of(exc: BaseException, where: Bi | str) -> Problem:
    """What a template's failure while filling says to its author."""
    if isinstance(exc, LimitExceeded):
        return where, exc.key, exc.args_
    if isinstance(exc, Refused):
        return where, "template.refused", {"what": exc.what}
    if isinstance(exc, UndefinedError):
        return where, "template.undefined", {"reason": str(exc)}
    reason = str(exc).strip()
    name = type(exc).__name__
    return where, "template.render_failed", {"reason": f"{name}: {reason}" if reason else name}


def trial(template: Template, context: dict[str, Any]) -> list[Problem]:
    """Each part's tags evaluated with a report's values: the first failure of each part, where it stands."""
    problems = []
    for source in template.sources:
        try:
            with limits():
                environment().from_string(source.text).render(context)
        except Exception as exc:  # noqa: BLE001 - anything a template makes fail is the template's problem
            line = getattr(exc, "lineno", None) if isinstance(exc, TemplateSyntaxError) else None
            for frame, lineno in traceback.walk_tb(exc.__traceback__):
                if frame.f_code.co_filename == "<template>":
                    line = lineno
            where = source.where[min(max(line or 1, 1), len(source.where)) - 1]
            problems.append(problem_of(exc, where))
    return problems
