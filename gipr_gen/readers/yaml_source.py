"""Reading a report file: bytes → text → YAML with the position of every key and value.

Only safe YAML is read (no tags, anchors or aliases). Every problem becomes a located Diagnostic;
nothing here raises for bad input.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from ..diagnostics import Diagnostic
from ..i18n import Bi, bi_tr
from ..model.positions import Key, Mark

try:  # libyaml is much faster; the pure-Python composer gives the same nodes and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

@dataclass
class Scalar:
    """How a scalar was written: its raw text and style (for hints like '12件' or '0.35')."""

    raw: str
    style: str | None  # None plain, '"' or "'" quoted, '|' or '>' block
    tag: str


@dataclass
class Source:
    """A report file as read: its text, its data, and where each key and value stands (``model.Positions``)."""

    file: str
    text: str
    data: Any = None
    values: dict[Key, Mark] = field(default_factory=dict)  # where each value starts
    keys: dict[Key, Mark] = field(default_factory=dict)  # where each mapping key starts
    scalars: dict[Key, Scalar] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def mark(self, key: Key) -> Mark:
        """The position of a value, or of its nearest enclosing value that exists."""
        while key not in self.values and key:
            key = key[:-1]
        return self.values.get(key, Mark(1, 1))

    def key_mark(self, key: Key) -> Mark:
        return self.keys.get(key) or self.mark(key)

    def text_line(self, key: Key, offset: int) -> Mark:
        """The file position of character ``offset`` of a multi-line text value."""
        start = self.mark(key)
        value = self.data_at(key)
        if not isinstance(value, str):
            return start
        scalar = self.scalars.get(key)
        if scalar and scalar.style == "|":  # a literal block keeps its lines one to one
            return Mark(start.line + 1 + value.count("\n", 0, offset), 1)
        # Folded, plain and quoted text join lines: find the words at ``offset`` in the file instead.
        wanted = value[offset:].split("\n", 1)[0].strip()[:16]
        lines = self.text.splitlines()
        for n in range(start.line - 1, len(lines)):
            if wanted and wanted in lines[n]:
                return Mark(n + 1, 1)  # text findings point at the line, as literal blocks do
        return start

    def text_mark(self, key: Key, line_in_text: int) -> Mark:
        """The file position of a line (0-based) of a multi-line text value."""
        value = self.data_at(key)
        if not isinstance(value, str):
            return self.mark(key)
        offset = sum(len(line) + 1 for line in value.split("\n")[:line_in_text])
        return self.text_line(key, offset)

    def raw(self, key: Key) -> str | None:
        """A scalar as written in the file ("0.35", "yes"), or None where there is none."""
        scalar = self.scalars.get(key)
        return scalar.raw if scalar else None

    def data_at(self, key: Key) -> Any:
        node = self.data
        for k in key:
            try:
                node = node[k]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def error(self, mark: Mark, rule: str, msg: str, /, **args: Any) -> None:
        self.diagnostics.append(Diagnostic(self.file, mark.line, mark.column, rule, "error", msg, args))

    def warning(self, mark: Mark, rule: str, msg: str, /, **args: Any) -> None:
        self.diagnostics.append(Diagnostic(self.file, mark.line, mark.column, rule, "warning", msg, args))


def read_file(path: str | FsPath, display: str | None = None) -> Source:
    """Read a report file. On an I/O problem this raises OSError; everything else is a diagnostic."""
    raw = FsPath(path).read_bytes()
    return parse_bytes(raw, display or str(path))


def parse_bytes(raw: bytes, file: str) -> Source:
    text, note, bad_line = _decode(raw)
    src = Source(file, text or "")
    if text is None:
        src.error(Mark(bad_line, 1), "Y-ENCODING", "io.not_text", line=bad_line)
        return src
    if note:
        src.warning(Mark(1, 1), "Y-ENCODING", note)
    _parse(src)
    return src


def _decode(raw: bytes) -> tuple[str | None, str | None, int]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless: drop it
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "io.utf16", 0
    try:
        return raw.decode("utf-8"), None, 0
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
    try:
        return raw.decode("gb18030"), "io.gbk", 0
    except UnicodeDecodeError:
        return None, None, bad_line


# ---- YAML → data with positions ---------------------------------------------------------------

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_LEADING_ZERO_INT = re.compile(r"[-+]?0[0-9]+")
_DECIMAL = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_constructor = yaml.constructor.SafeConstructor()


def _parse(src: Source) -> None:
    if not src.text.strip():
        src.error(Mark(1, 1), "Y-SYNTAX", "io.empty")
        return
    try:
        node = yaml.compose(src.text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(src, exc)
        return
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports everything as marked errors
        src.error(Mark(1, 1), "Y-SYNTAX", "yaml.syntax", problem=Bi(str(exc), str(exc)))
        return
    if not isinstance(node, yaml.MappingNode):
        src.error(_mark(node) if node else Mark(1, 1), "Y-STRUCTURE", "yaml.not_mapping")
        return
    src.data = _convert(src, node, ())


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


_CYCLE = object()  # a node whose conversion is under way: an alias to it makes a loop


def _convert(src: Source, node: yaml.Node, key: Key, done: dict[int, Any] | None = None) -> Any:
    done = {} if done is None else done
    if id(node) in done:  # the composer hands an alias back as the anchored node itself
        at = src.keys.get(key) or _mark(node)
        src.error(at, "Y-SYNTAX", "yaml.anchor")
        src.values[key] = at
        # the alias is the one finding: its value stands as the anchor's, so nothing else follows from it
        return None if done[id(node)] is _CYCLE else copy.deepcopy(done[id(node)])
    done[id(node)] = _CYCLE
    done[id(node)] = value = _convert_node(src, node, key, done)
    return value


def _convert_node(src: Source, node: yaml.Node, key: Key, done: dict[int, Any]) -> Any:
    src.values[key] = _mark(node)
    if node.tag not in _PLAIN_TAGS:
        src.error(_mark(node), "Y-SYNTAX", "yaml.anchor")
        return node.value if isinstance(node, yaml.ScalarNode) else None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for k_node, v_node in node.value:
            if not isinstance(k_node, yaml.ScalarNode):
                src.error(_mark(k_node), "Y-STRUCTURE", "yaml.complex_key")
                continue
            name = k_node.value
            if name in first:
                src.error(_mark(k_node), "Y-DUPLICATE", "yaml.duplicate_key", key=name, first=first[name])
                continue
            first[name] = k_node.start_mark.line + 1
            src.keys[key + (name,)] = _mark(k_node)
            out[name] = _convert(src, v_node, key + (name,), done)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(src, item, key + (i,), done) for i, item in enumerate(node.value)]
    return _scalar(src, node, key)


def _scalar(src: Source, node: yaml.ScalarNode, key: Key) -> Any:
    raw, tag = node.value, node.tag
    src.scalars[key] = Scalar(raw, node.style, tag)
    if tag.endswith(":int"):
        if _INT.fullmatch(raw):
            return int(raw)
        if _LEADING_ZERO_INT.fullmatch(raw):
            fixed = str(int(raw, 10))
            src.error(_mark(node), "Y-NUMBER", "yaml.leading_zero", raw=raw, fix=fixed)
            return int(raw, 10)
    elif tag.endswith(":float"):
        # .nan, .inf and 1_000.5 are YAML floats but no figure of a report: left as text, the schema says so
        return float(raw) if _DECIMAL.fullmatch(raw) or _INT.fullmatch(raw) else raw
    elif tag.endswith(":timestamp"):
        return raw  # dates stay text: the schema checks their form
    value = _constructor.construct_object(node)
    bad = _INVISIBLE.search(value) if isinstance(value, str) else None
    if bad:  # no document format can hold it, and no reader would see it
        src.error(_mark(node), "Y-CHAR", "yaml.control_char", code=f"U+{ord(bad.group()):04X}")
    return value


# control characters other than tab and newline (Unicode category Cc), surrogates, non-characters
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# ---- syntax errors in plain words -------------------------------------------------------------

_FULLWIDTH_HINTS = (
    ("\t", "yaml.tab", {}),
    ("\u3000", "yaml.fullwidth_space", {}),
    ("\u00a0", "yaml.nbsp", {}),  # a no-break space, as pasted from Word or a web page
)
_KEY_FULLWIDTH_COLON = re.compile(r"^(\s*-?\s*)([A-Za-z_][A-Za-z0-9_]*)\s*：\s*(.*)$")


def _syntax_error(src: Source, exc: yaml.MarkedYAMLError) -> None:
    mark = exc.problem_mark or exc.context_mark
    line_no = mark.line + 1 if mark else 1
    col_no = mark.column + 1 if mark else 1
    lines = src.text.splitlines()
    # Look at the reported line and the ones just before it: the real slip is often a line earlier.
    for n in range(min(line_no, len(lines)), max(0, line_no - 3), -1):
        line = lines[n - 1]
        for char, msg, args in _FULLWIDTH_HINTS:
            if char in line.split("#", 1)[0] and (char == "\t" or line.lstrip(" ").startswith(char)
                                                   or ":" in line or "：" in line):
                src.error(Mark(n, line.index(char) + 1), "Y-SYNTAX", msg, **args)
                return
        m = _KEY_FULLWIDTH_COLON.match(line)
        if m:
            src.error(Mark(n, line.index("：") + 1), "Y-SYNTAX", "yaml.fullwidth_colon",
                      fix=f"{m.group(2)}: {m.group(3)}".rstrip())
            return
        stripped = line.strip()
        if stripped.startswith("{") and ("，" in line or "：" in line):
            char = "，" if "，" in line else "："
            src.error(Mark(n, line.index(char) + 1), "Y-SYNTAX",
                      "yaml.fullwidth_comma" if char == "，" else "yaml.fullwidth_punct",
                      char=char, fix=":" if char == "：" else ",")
            return
    problem = (exc.problem or exc.context or "").strip()
    # libyaml's words, said plainly in Chinese where the catalogue knows them; English keeps them as they are
    src.error(Mark(line_no, col_no), "Y-SYNTAX", "yaml.syntax", problem=bi_tr("libyaml", problem))
