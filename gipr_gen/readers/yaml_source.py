"""Reading a report file: bytes → text → YAML with the position of every key and value.

Only safe YAML is read (no tags, anchors or aliases), and only what a report can be: at most ``MAX_BYTES``
bytes, collections nested at most ``MAX_DEPTH`` deep, at most ``MAX_NODES`` keys and values (so that the
time to read and check a file is bounded), numbers written in decimal and of a sane size
(YAML 1.1's hexadecimal, binary, octal, ``_``-separated and sexagesimal forms, explicit type tags,
infinities, negative zero and numbers of more than ``MAX_DIGITS`` digits are refused, not misread).
The YAML is read event by event from libyaml's parser, without recursion, so no input can exhaust the
stack. Every problem becomes a located Diagnostic; nothing here raises for bad input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import field
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath
from typing import Any

from ..patterns import pattern, stored

with stored("yaml"):  # PyYAML compiles a dozen patterns as it loads
    import yaml

from ..diagnostics import Diagnostic
from .files import read_bounded
from ..formats.common import READER_RULE_BY_ID
from ..i18n import Bi, bi, bi_tr, t
from ..model.positions import Key, Mark
from ..records import record

try:  # libyaml is much faster; the pure-Python parser gives the same events and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 4 * 1024 * 1024  # a real report is some 10-100 KB; more is no report (or /dev/zero)
MAX_DEPTH = 20  # a report nests 6 deep (applications → results → withheld → row → cell)
MAX_NODES = 20_000  # keys and values: a report has some 400; two million zeros are no report
MAX_DIGITS = 15  # significant digits of a number; counts and amounts stay far below 10^15


@record(frozen=False)
class Scalar:
    """How a scalar was written: its raw text and style (for hints like '12件' or '0.35')."""

    raw: str
    style: str | None  # None plain, '"' or "'" quoted, '|' or '>' block
    tag: str
    start: int = 0  # where it stands in the text (character offsets, from its tag or quote to its end)
    end: int = 0


@record(frozen=False)
class Source:
    """A report file as read: its text, its data, and where each key and value stands (``model.Positions``)."""

    file: str
    text: str
    data: Any = None
    values: dict[Key, Mark] = field(default_factory=dict)  # where each value starts
    keys: dict[Key, Mark] = field(default_factory=dict)  # where each mapping key starts
    scalars: dict[Key, Scalar] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # computed once, on first use: the text's line starts, and per text value how its offsets map to lines
    _lines: list[int] | None = field(default=None, repr=False, compare=False)
    _maps: dict[Key, Any] = field(default_factory=dict, repr=False, compare=False)

    def mark(self, key: Key) -> Mark:
        """The position of a value, or of its nearest enclosing value that exists."""
        while key not in self.values and key:
            key = key[:-1]
        return self.values.get(key, Mark(1, 1))

    def key_mark(self, key: Key) -> Mark:
        return self.keys.get(key) or self.mark(key)

    # ---- positions inside multi-line text values (linear: every map is computed once) ---------------

    def line_starts(self) -> list[int]:
        """The offset of each line's first character; lines end as libyaml ends them (\\r\\n, \\r or \\n)."""
        if self._lines is None:
            self._lines = [0] + [m.end() for m in _BREAK.finditer(self.text)]
        return self._lines

    def position(self, offset: int) -> Mark:
        """The line and column of a character offset in the text."""
        starts = self.line_starts()
        line = bisect_right(starts, offset) - 1
        return Mark(line + 1, offset - starts[line] + 1)

    def text_line(self, key: Key, offset: int) -> Mark:
        """The file position of character ``offset`` of a multi-line text value (column 1 of its line)."""
        where = self._maps.get(key)
        if where is None:
            where = self._maps[key] = self._text_map(key)
        if where[0] == "literal":  # a literal block keeps its lines one to one
            _, first, breaks = where
            return Mark(first + bisect_right(breaks, offset - 1), 1)
        if where[0] == "units":
            _, starts, before, line_units, line_numbers = where
            i = bisect_right(starts, offset) - 1
            unit = 0 if i < 0 else before[i] + min(offset - starts[i], before[i + 1] - before[i])
            return Mark(line_numbers[max(bisect_right(line_units, unit) - 1, 0)], 1)
        return where[1]

    def text_mark(self, key: Key, line_in_text: int) -> Mark:
        """The file position of a line (0-based) of a multi-line text value."""
        value = self.data_at(key)
        if not isinstance(value, str):
            return self.mark(key)
        lines = self._maps.get(("lines", key))
        if lines is None:
            lines = self._maps[("lines", key)] = [0] + [m.end() for m in re.finditer("\n", value)]
        return self.text_line(key, lines[min(max(line_in_text, 0), len(lines) - 1)])

    def _text_map(self, key: Key) -> tuple:
        """How a text value's offsets map to file lines, computed once per value (so that 40,000 findings
        in one text cost 40,000 look-ups, not 40,000 readings of the file)."""
        start = self.mark(key)
        value = self.data_at(key)
        scalar = self.scalars.get(key)
        if not isinstance(value, str) or scalar is None or scalar.raw != value:
            return ("none", start)
        if scalar.style == "|":
            return ("literal", start.line + 1, [m.start() for m in re.finditer("\n", value)])
        # Folded, plain and quoted text join lines: the non-space characters are the file's, in order.
        starts, before, total = [], [], 0
        for m in _NONSPACE.finditer(value):
            starts.append(m.start())
            before.append(total)
            total += m.end() - m.start()
        before.append(total)
        begin = scalar.start
        if scalar.style in (">", "|"):  # the header line (> or |, and a comment) is no content
            nl = self.text.find("\n", begin, scalar.end)
            begin = scalar.end if nl < 0 else nl + 1
        elif scalar.style in ('"', "'"):
            begin = self.text.find(scalar.style, begin, scalar.end) + 1
        line_units, line_numbers, count = [], [], 0
        for n, segment in enumerate(_BREAK.split(self.text[begin:scalar.end]), self.position(begin).line):
            if scalar.style == '"' and "\\" in segment:
                segment = _ESCAPE.sub(_escaped_unit, segment)
            elif scalar.style == "'":
                segment = segment.replace("''", "'")
            units = len(_SPACE.sub("", segment))
            if units:
                line_units.append(count)
                line_numbers.append(n)
                count += units
        if not line_numbers:
            return ("none", start)
        return ("units", starts, before, line_units, line_numbers)

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

    def add(self, mark: Mark, rule: str, msg: str, /, **args: Any) -> None:
        """A finding under one of the reader's rules, with the severity that rule declares."""
        severity = READER_RULE_BY_ID[rule].severity
        self.diagnostics.append(Diagnostic(self.file, mark.line, mark.column, rule, severity, msg, args))


_BREAK = pattern(r"\r\n|\r|\n")
_NONSPACE = pattern(r"\S+")
_SPACE = pattern(r"\s+")
# a double-quoted scalar's escapes, each one character of the value (or none: an escaped line break)
_ESCAPE = pattern(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.|$)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def _escaped_unit(m: re.Match[str]) -> str:
    code = m.group(1)
    if len(code) > 1:
        try:
            char = chr(int(code[1:], 16))
        except (ValueError, OverflowError):
            char = "x"
    else:
        char = _ESCAPES.get(code, code)
    return "" if not char or char.isspace() else "x"


# ---- bytes → text -------------------------------------------------------------------------------


def read_file(path: str | FsPath, display: str | None = None) -> Source:
    """Read a report file (at most ``MAX_BYTES`` and one byte more: a device or a huge file is not read to
    its end). On an I/O problem this raises OSError; everything else is a diagnostic."""
    return parse_bytes(read_bounded(path, MAX_BYTES), display or str(path))


def parse_bytes(raw: bytes, file: str) -> Source:
    if len(raw) > MAX_BYTES:
        src = Source(file, "")
        src.add(Mark(1, 1), "Y-STRUCTURE", "io.too_large", limit=MAX_BYTES // (1024 * 1024))
        return src
    text, note, problem = _decode(raw)
    src = Source(file, text or "")
    if text is None:
        key, args = problem
        src.add(Mark(args["line"], 1), "Y-ENCODING", key, **args)
        return src
    if note:
        src.add(Mark(1, 1), "Y-UTF8", note)
    _parse(src)
    return src


# Byte-order marks, then the YAML spec's detection of UTF-16 and UTF-32 without one (§5.2: the NUL bytes
# of the first character, which is ASCII in a report); UTF-32 first, since its marks begin as UTF-16's do.
_WIDE = ((b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"), (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
         (b"\xfe\xff", "utf-16-be", "UTF-16"), (b"\xff\xfe", "utf-16-le", "UTF-16"))
_ASCII = b"[\t\n\r\x20-\x7e]"  # how a report begins: a key, a comment, a blank line (two characters of it)
_WIDE_NO_BOM = ((pattern(2 * (b"\x00\x00\x00" + _ASCII)), "utf-32-be", "UTF-32"),
                (pattern(2 * (_ASCII + b"\x00\x00\x00")), "utf-32-le", "UTF-32"),
                (pattern(2 * (b"\x00" + _ASCII)), "utf-16-be", "UTF-16"),
                (pattern(2 * (_ASCII + b"\x00")), "utf-16-le", "UTF-16"))
_NOTES = {"UTF-16": "io.utf16", "UTF-32": "io.utf32"}


def _decode(raw: bytes) -> tuple[str | None, str | None, tuple[str, dict[str, Any]]]:
    """(text, warning key, (error key, args) when there is no text)."""
    for bom, codec, name in _WIDE:
        if raw.startswith(bom):
            return _decode_wide(raw[len(bom):], codec, name)
    for start, codec, name in _WIDE_NO_BOM:
        if start.match(raw):
            wide = _decode_wide(raw, codec, name)
            if wide[0] is not None:  # else no such file after all: read it as the bytes it is
                return wide
            break
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless: drop it
    try:
        return raw.decode("utf-8"), None, ("", {})
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
    try:
        return raw.decode("gb18030"), "io.gbk", ("", {})
    except UnicodeDecodeError:
        return None, None, ("io.not_text", {"line": bad_line})


def _decode_wide(raw: bytes, codec: str, name: str) -> tuple[str | None, str | None, tuple[str, dict[str, Any]]]:
    try:
        return raw.decode(codec), _NOTES[name], ("", {})
    except UnicodeDecodeError as exc:  # an odd length, half a surrogate pair: truncated or not this encoding
        line = raw[:exc.start].decode(codec, errors="replace").count("\n") + 1
        return None, None, ("io.bad_unicode", {"encoding": name, "line": line})


# ---- YAML → data with positions ---------------------------------------------------------------

_INT = pattern(r"[-+]?(0|[1-9][0-9]*)")
_LEADING_ZERO_INT = pattern(r"[-+]?0[0-9]+")
_DECIMAL = pattern(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = pattern(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")  # left as text: the schema says so
_YAML_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _YAML_TAG + "str", _YAML_TAG + "map", _YAML_TAG + "seq"
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_TYPE_TAGS = {_YAML_TAG + t for t in ("int", "float", "bool", "null", "timestamp", "binary")}

# Characters no report holds and libyaml cannot read (control characters, U+FFFE/U+FFFF), and the line
# separators NEL, U+2028 and U+2029, which libyaml counts as line breaks where no editor shows one (the
# small set itself: the complement of what YAML prints costs milliseconds to compile at each start).
_UNREADABLE = pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_MAX_CHAR_FINDINGS = 20


def _parse(src: Source) -> None:
    if not src.text.strip():
        src.add(Mark(1, 1), "Y-SYNTAX", "io.empty")
        return
    found, pos, starts = 0, 0, src.line_starts()
    while found < _MAX_CHAR_FINDINGS:  # the first on each line, of the first few lines that have any
        m = _UNREADABLE.search(src.text, pos)
        if m is None:
            break
        at = src.position(m.start())
        src.add(at, "Y-CHAR", "yaml.control_char", code=f"U+{ord(m.group()):04X}")
        found += 1
        pos = starts[at.line] if at.line < len(starts) else len(src.text)
    if found:
        return
    loader = _Loader(src.text)
    before = len(src.diagnostics)
    try:
        root = _Composer(src, loader).run()
    except yaml.MarkedYAMLError as exc:
        _forget(src, before)
        _syntax_error(src, exc)
        return
    except yaml.YAMLError as exc:  # a ReaderError: a character the check above let through
        _forget(src, before)
        _reader_error(src, exc)
        return
    finally:
        loader.dispose()
    if root is _STOPPED:
        return
    node, at = root
    if not isinstance(node, dict):
        src.add(at, "Y-STRUCTURE", "yaml.not_mapping")
        src.values.clear()
        return
    src.data = node


def _forget(src: Source, before: int) -> None:
    """A file that does not parse has that one finding: what was found before the slip may be its echo."""
    del src.diagnostics[before:]
    src.values.clear()
    src.keys.clear()
    src.scalars.clear()


def _mark(event: yaml.Event) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


_STOPPED = object()  # reading stopped at a finding (too deep, too many values, a second document): no data
_SKIP = object()  # a mapping key that is no plain text: its value is read past and dropped
_OPEN = object()  # an anchored collection not yet closed: an alias to it makes a loop
_COLLECTION = object()  # an anchored collection: an alias to it gives no value (a copy could be huge)


class _Frame:
    __slots__ = ("key", "value", "mapping", "pending", "first", "anchor")

    def __init__(self, key: Key, mapping: bool, anchor: str | None):
        self.key, self.mapping, self.anchor = key, mapping, anchor
        self.value: Any = {} if mapping else []
        self.pending: Any = None  # in a mapping: the key whose value comes next (None: a key comes next)
        self.first: dict[str, int] = {}  # in a mapping: the line where each key was first written


class _Composer:
    """libyaml's events → plain data (dict, list, str, int, float, bool, None), with every position."""

    def __init__(self, src: Source, loader: Any):
        self.src, self.loader = src, loader
        self.stack: list[_Frame] = []
        self.anchors: dict[str, Any] = {}
        self.skipping = 0  # depth inside a collection that is read past (a complex key, a refused tag)
        self.skipped_key = False  # whether that collection is a mapping key (its value is then dropped too)
        self.tags: dict[tuple[str, Any], str] = {}  # resolved tags of short plain scalars ("0" is most cells)
        self.root: Any = (None, Mark(1, 1))  # a file of comments only holds no document: no mapping
        self._root_mark = Mark(1, 1)

    def run(self) -> Any:
        documents = nodes = 0
        get = self.loader.get_event
        while True:
            event = get()
            kind = type(event)
            if kind in _NODE_EVENTS:
                nodes += 1
                if nodes > MAX_NODES:
                    self.src.add(_mark(event), "Y-STRUCTURE", "yaml.too_many_values", limit=MAX_NODES)
                    return _STOPPED
            if kind is yaml.ScalarEvent:
                if not self.skipping:
                    self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if self.skipping:
                    self.skipping += 1
                elif not self._start(event, kind is yaml.MappingStartEvent):
                    return _STOPPED
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                if self.skipping:
                    self.skipping -= 1
                    if not self.skipping and not self.skipped_key:  # a value read past stands as None
                        self._put(None)
                else:
                    frame = self.stack.pop()
                    if frame.anchor is not None:
                        self.anchors[frame.anchor] = _COLLECTION
                    self._put(frame.value)
            elif kind is yaml.AliasEvent:
                if not self.skipping:
                    self._alias(event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.src.add(_mark(event), "Y-STRUCTURE", "yaml.second_document")
                    return _STOPPED
            elif kind is yaml.StreamEndEvent:
                return self.root

    # where the node now read goes: its key path, or None for a mapping key
    def _place(self) -> Key | None:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if not top.mapping:
            return top.key + (len(top.value),)
        if top.pending is None:
            return None
        return top.key + (top.pending,) if top.pending is not _SKIP else _SKIPPED

    def _put(self, value: Any) -> None:
        if not self.stack:
            self.root = (value, self._root_mark)
            return
        top = self.stack[-1]
        if not top.mapping:
            top.value.append(value)
        elif top.pending is not None:
            if top.pending is not _SKIP:
                top.value[top.pending] = value
            top.pending = None

    def _key(self, event: yaml.Event) -> None:
        """A mapping key: plain text names the value read next; anything else is refused with its value."""
        top = self.stack[-1]
        at = _mark(event)
        if type(event) is not yaml.ScalarEvent:
            self.src.add(at, "Y-SYNTAX" if type(event) is yaml.AliasEvent else "Y-STRUCTURE",
                           "yaml.anchor" if type(event) is yaml.AliasEvent else "yaml.complex_key")
            top.pending = _SKIP
            return
        name = event.value
        if name in top.first:
            self.src.add(at, "Y-DUPLICATE", "yaml.duplicate_key", key=name, first=top.first[name])
            top.pending = _SKIP
            return
        top.first[name] = at.line
        self.src.keys[top.key + (name,)] = at
        top.pending = name

    def _start(self, event: yaml.CollectionStartEvent, mapping: bool) -> bool:
        key = self._place()
        self.skipped_key = key is None
        if key is None:  # a collection as a mapping key
            self._key(event)
            self.skipping = 1
            return True
        if key is _SKIPPED:
            self.skipping = 1
            return True
        at = _mark(event)
        if not self.stack:
            self._root_mark = at
        self.src.values[key] = at
        if event.tag not in (None, "!", _MAP if mapping else _SEQ):
            self.src.add(at, "Y-SYNTAX", "yaml.anchor")
            self.skipping = 1
            return True
        if len(self.stack) >= MAX_DEPTH:
            self.src.add(at, "Y-STRUCTURE", "yaml.too_deep", limit=MAX_DEPTH)
            return False
        if event.anchor is not None:
            self.anchors[event.anchor] = _OPEN
        self.stack.append(_Frame(key, mapping, event.anchor))
        return True

    def _alias(self, event: yaml.AliasEvent) -> None:
        key = self._place()
        if key is None:
            self._key(event)
            return
        at = _mark(event)
        self.src.add(at, "Y-SYNTAX", "yaml.anchor")
        if key is not _SKIPPED:
            self.src.values[key] = at
        # the alias is the one finding: it stands for the anchored text or number, so nothing else
        # follows from it; an anchored collection is not copied (nested aliases would multiply it)
        value = self.anchors.get(event.anchor)
        self._put(None if value is _OPEN or value is _COLLECTION else value)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        key = self._place()
        if key is None:
            self._key(event)
            return
        if key is _SKIPPED:
            self._put(None)
            return
        at = _mark(event)
        if not self.stack:
            self._root_mark = at
        self.src.values[key] = at
        value = _scalar(self.src, self._resolve, event, key, at)
        if event.anchor is not None:
            self.anchors[event.anchor] = value
        self._put(value)

    def _resolve(self, raw: str, implicit: Any) -> str:
        """The tag YAML gives a scalar written without one (int for 12, bool for yes, str for text)."""
        if len(raw) > 32:
            return self.loader.resolve(yaml.ScalarNode, raw, implicit)
        tag = self.tags.get((raw, implicit))
        if tag is None:
            tag = self.tags[(raw, implicit)] = self.loader.resolve(yaml.ScalarNode, raw, implicit)
        return tag


_SKIPPED: Key = ("\0skipped",)  # the path of a value that is read past
_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)


def _scalar(src: Source, resolve: Any, event: yaml.ScalarEvent, key: Key, at: Mark) -> Any:
    raw = event.value
    start, end = event.start_mark.index, event.end_mark.index
    tag = event.tag
    if tag is None or tag == "!":
        tag = resolve(raw, event.implicit)
    elif tag != _STR:
        written = src.text[start:end]
        m = re.match(r"((?:[!&]\S*\s+)*?)(![^\s]*)\s*(.*)", written, re.S)
        shown, rest = (m.group(2), m.group(3)) if m else (tag, raw)
        if tag in _TYPE_TAGS:  # !!int "12", !!bool x: say which mark, and what to write instead
            src.add(at, "Y-SYNTAX", "yaml.type_tag", tag=_short(shown), fix=_short(rest.strip()) or '""')
            src.scalars[key] = Scalar(raw, event.style or None, tag, start, end)
            return None
        src.add(at, "Y-SYNTAX", "yaml.anchor")
        return raw
    src.scalars[key] = Scalar(raw, event.style or None, tag, start, end)
    if tag == _YAML_TAG + "int":
        return _int(src, raw, at)
    if tag == _YAML_TAG + "float":
        return _float(src, raw, at)
    if tag == _YAML_TAG + "bool":
        return _BOOLS[raw.lower()]
    if tag == _YAML_TAG + "null":
        return None
    # text, and what YAML would make a date (the schema checks its form) or a merge key: as written
    if not event.style and len(raw) > 2 and raw[0] in _PAIRED and raw[-1] == _PAIRED[raw[0]] \
            and raw[0] not in raw[1:-1] and raw[-1] not in raw[1:-1]:
        if raw[0] in _FULLWIDTH_STRUCTURE:  # ［a, b］ reads as one text, not a list
            src.add(at, "Y-SYNTAX", "yaml.fullwidth_punct", char=raw[0], fix=_FULLWIDTH_STRUCTURE[raw[0]])
        else:  # “某县教育局”: the input method's quotes, which YAML keeps as part of the name (and Word prints)
            src.add(at, "Y-SYNTAX", "yaml.ime.curly_quotes", open=raw[0], close=raw[-1], fix=_short(raw[1:-1]))
    bad = _INVISIBLE.search(raw)
    if bad:  # no document format can hold it, and no reader would see it
        src.add(at, "Y-CHAR", "yaml.control_char", code=f"U+{ord(bad.group()):04X}")
    return raw


# the quotes a Chinese input method types, each with its closing mate
_CURLY = {"\u201c": "\u201d", "\u2018": "\u2019", "\u300c": "\u300d", "\u300e": "\u300f"}
_PAIRED = _CURLY | {"［": "］", "｛": "｝"}
# control characters other than tab and newline (Unicode category Cc), surrogates, non-characters, and
# the line and paragraph separators (escapes in quoted text can write any of them)
_INVISIBLE = pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")


# ---- numbers: decimal only, and of a sane size ----------------------------------------------------

_FORMS = {  # YAML 1.1 forms of a number no report means: the form, named for the message
    "sexagesimal": "yaml.form.sexagesimal", "hex": "yaml.form.hex", "binary": "yaml.form.binary",
    "underscore": "yaml.form.underscore", "octal": "yaml.form.octal",
}


def _short(raw: str) -> str:
    """A value quoted in a message: a long one is cut, so that 5,000 digits do not fill the screen."""
    return raw if len(raw) <= 40 else f"{raw[:20]}…{raw[-8:]}"


def _int(src: Source, raw: str, at: Mark) -> int | None:
    if _INT.fullmatch(raw) or _LEADING_ZERO_INT.fullmatch(raw):
        sign, digits = ("-" if raw[0] == "-" else ""), raw.lstrip("+-")
        significant = digits.lstrip("0")
        if len(significant) > MAX_DIGITS:  # no count is this large; int() would refuse past 4,300 digits
            src.add(at, "Y-NUMBER", "yaml.number_range", raw=_short(raw), digits=MAX_DIGITS)
            return None
        if sign and not significant:
            src.add(at, "Y-NUMBER", "yaml.negative_zero", raw=_short(raw))
            return None
        value = int(sign + (significant or "0"))
        if len(digits) > 1 and digits[0] == "0":
            src.add(at, "Y-NUMBER", "yaml.leading_zero", raw=_short(raw), fix=str(value))
        return value
    return _number_form(src, raw, at)


def _float(src: Source, raw: str, at: Mark) -> float | str | None:
    if _SPECIAL_FLOAT.fullmatch(raw):
        return raw  # .inf and .nan are YAML floats but no figure of a report: the schema says so
    if not _DECIMAL.fullmatch(raw):
        return _number_form(src, raw, at)
    try:
        exact = Decimal(raw)
    except InvalidOperation:  # an exponent past what Decimal holds
        exact = None
    if exact is not None and exact.is_zero():
        if raw.startswith("-"):
            src.add(at, "Y-NUMBER", "yaml.negative_zero", raw=_short(raw))
            return None
        return 0.0
    digits = "".join(map(str, exact.as_tuple().digits)) if exact is not None else ""
    significant = len(digits.strip("0"))
    if exact is None or significant > MAX_DIGITS or not -MAX_DIGITS <= exact.adjusted() < MAX_DIGITS:
        # 1.0e+400 would be infinity, 1.0e-400 zero, 1.0e+308 a figure of 309 digits
        src.add(at, "Y-NUMBER", "yaml.number_range", raw=_short(raw), digits=MAX_DIGITS)
        return None
    return float(raw)


def _number_form(src: Source, raw: str, at: Mark) -> None:
    """0x1F, 0b101, 0_12, 1_000, 1:20: numbers in YAML 1.1, misread by anyone expecting decimal."""
    plain = raw.replace("_", "").lstrip("+-")
    form = ("sexagesimal" if ":" in raw else "hex" if plain[:2].lower() == "0x" else
            "binary" if plain[:2].lower() == "0b" else "underscore" if "_" in raw else "octal")
    read_as = _yaml11(raw)
    if read_as is None:
        src.add(at, "Y-NUMBER", "yaml.number_range", raw=_short(raw), digits=MAX_DIGITS)
        return None
    src.add(at, "Y-NUMBER", "yaml.number_form", raw=_short(raw), form=bi(_FORMS[form]), value=read_as)
    return None


def _yaml11(raw: str) -> str | None:
    """What YAML 1.1 reads a number as (0x1F → 31, 1:20 → 80), or None when that is no sane number."""
    if len(raw) > 64:
        return None
    text = raw.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    try:
        if ":" in text:
            value: float = 0
            for part in text.split(":"):
                value = value * 60 + (float(part) if "." in part else int(part))
        elif text[:2].lower() == "0x":
            value = int(text[2:], 16)
        elif text[:2].lower() == "0b":
            value = int(text[2:], 2)
        elif "." in text or "e" in text.lower():
            value = float(text)
        elif len(text) > 1 and text[0] == "0":
            value = int(text, 8)
        else:
            value = int(text)
    except ValueError:
        return None
    if value != value or abs(value) >= 10 ** MAX_DIGITS:
        return None
    return str(sign * value)


# ---- syntax errors in plain words -------------------------------------------------------------

_FULLWIDTH_HINTS = (
    ("\t", "yaml.tab", {}),
    ("\u3000", "yaml.fullwidth_space", {}),
    ("\u00a0", "yaml.nbsp", {}),  # a no-break space, as pasted from Word or a web page
)
_KEY_FULLWIDTH_COLON = pattern(r"^(\s*-?\s*)([A-Za-z_][A-Za-z0-9_]*)\s*：\s*(.*)$")


def _line_text(src: Source, n: int) -> str:
    """Line ``n`` (1-based) of the text, without its line break."""
    starts = src.line_starts()
    begin = starts[n - 1]
    end = starts[n] if n < len(starts) else len(src.text)
    return src.text[begin:end].rstrip("\r\n")


def _syntax_error(src: Source, exc: yaml.MarkedYAMLError) -> None:
    mark = exc.problem_mark or exc.context_mark
    line_no = mark.line + 1 if mark else 1
    col_no = mark.column + 1 if mark else 1
    last = len(src.line_starts())
    line_no = min(max(line_no, 1), last)
    # Look at the reported line and the ones just before it (blank and comment lines not counted): the
    # real slip is often a line or two earlier.
    for n in _lines_before(src, line_no, 3):
        line = _line_text(src, n)
        if _ime_slip(src, n, line):
            return
        for char, msg, args in _FULLWIDTH_HINTS:
            if char in line.split("#", 1)[0] and (char == "\t" or line.lstrip(" ").startswith(char)
                                                   or ":" in line or "：" in line):
                src.add(Mark(n, line.index(char) + 1), "Y-SYNTAX", msg, **args)
                return
        m = _KEY_FULLWIDTH_COLON.match(line) if len(line) < 1000 else None
        if m:
            src.add(Mark(n, line.index("：") + 1), "Y-SYNTAX", "yaml.fullwidth_colon",
                      fix=_short(f"{m.group(2)}: {m.group(3)}".rstrip()))
            return
    # Slips whose echo libyaml reports many lines later: a structural line indented with full-width
    # spaces (the error comes where the next sibling key is), a paragraph of a block text that lost
    # its indentation (the block ends there; the error comes where an indented line follows).
    if _fullwidth_indent(src, line_no) or _lost_block_indent(src, line_no):
        return
    problem = (exc.problem or exc.context or "").strip()
    src.add(Mark(line_no, col_no), "Y-SYNTAX", "yaml.syntax", problem=_problem(problem))


# ---- input-method slips: characters a Chinese input method types where YAML wants ASCII ---------

_FULLWIDTH_STRUCTURE = {"｛": "{", "｝": "}", "［": "[", "］": "]"}  # full-width braces and brackets
_FLOW_VALUE = pattern(r"[ \u3000]*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_]*\s*[:：]\s*)?([{\[｛［])")
_KEY_NO_SPACE = pattern(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s:/#])(.*)$")  # year:2025
_STRUCTURAL = pattern(r"[ \u3000]*(?:-\s|[A-Za-z_][A-Za-z0-9_]*\s*[:：]|[{\[｛［])")
_BLOCK_HEADER = pattern(r"^([A-Za-z_][A-Za-z0-9_]*):[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")
_PLAIN_KEY = pattern(r"^[A-Za-z_][A-Za-z0-9_]*\s*:(?:\s|$)")


def _lines_before(src: Source, line_no: int, count: int) -> list[int]:
    """Line ``line_no`` and the ``count`` lines with content before it (blank and comment lines skipped)."""
    found, n = [], line_no
    while n >= 1 and len(found) <= count:
        stripped = _line_text(src, n).strip()
        if n == line_no or (stripped and not stripped.startswith("#")):
            found.append(n)
        n -= 1
    return found


def _ime_slip(src: Source, n: int, line: str) -> bool:
    """A full-width comma or colon inside braces, full-width braces or brackets, full-width spaces as
    indentation, or no space after a key's colon, on line ``n``: one finding at that character."""
    if len(line) >= 1000:
        return False
    code = line.split("#", 1)[0]
    if _fullwidth_indented(line):
        _add_fullwidth_indent(src, n, line)
        return True
    flow = _FLOW_VALUE.match(code)  # a value in braces or brackets, not a line of text that holds one
    if flow:
        brace = flow.start(1)
        hits = [(code.find(char, brace), char) for char in _FULLWIDTH_STRUCTURE if char in code[brace:]]
        if not hits:  # {issued: 3，repealed: 1}: the first full-width comma or colon inside the braces
            hits = [(code.find(char, brace), char) for char in "，：" if char in code[brace:]]
        if hits:
            column, char = min(hits)
            fix = _FULLWIDTH_STRUCTURE.get(char) or ("," if char == "，" else ":")
            src.add(Mark(n, column + 1), "Y-SYNTAX",
                      "yaml.fullwidth_comma" if char == "，" else "yaml.fullwidth_punct", char=char, fix=fix)
            return True
    m = _KEY_NO_SPACE.match(line)
    if m:  # year:2025 is one word to YAML, not a key and its value
        src.add(Mark(n, len(m.group(1)) + len(m.group(2)) + 1), "Y-SYNTAX", "yaml.ime.colon_space",
                  key=m.group(2), fix=_short(f"{m.group(2)}: {m.group(3).strip()}"))
        return True
    return False


def _fullwidth_indented(line: str) -> bool:
    """A structural line (a key, a list item, braces) indented with full-width spaces (U+3000); a text
    paragraph indented so (the Chinese first-line indent) is no structure."""
    return "\u3000" in line[:len(line) - len(line.lstrip(" \u3000"))] and bool(_STRUCTURAL.match(line))


def _add_fullwidth_indent(src: Source, n: int, line: str) -> None:
    column = line.index("\u3000")
    src.add(Mark(n, column + 1), "Y-SYNTAX", "yaml.ime.fullwidth_indent", code="U+3000",
              count=line[:len(line) - len(line.lstrip(" \u3000"))].count("\u3000"))


def _fullwidth_indent(src: Source, line_no: int) -> bool:
    """The nearest structural line at or before ``line_no`` indented with full-width spaces (U+3000)."""
    for n in range(line_no, 0, -1):
        line = _line_text(src, n)
        if _fullwidth_indented(line):
            _add_fullwidth_indent(src, n, line)
            return True
    return False


def _lost_block_indent(src: Source, line_no: int) -> bool:
    """The nearest line at or before ``line_no`` that starts at column 1, is no key, and stands after the
    text of a ``key: |`` block: a paragraph (or a # heading) of that text that lost its indentation."""
    n = line_no
    while n >= 1:  # the nearest line at column 1 with content
        line = _line_text(src, n)
        if line.strip() and not line[0].isspace():
            break
        n -= 1
    else:
        return False
    line = _line_text(src, n)
    if _PLAIN_KEY.match(line) or line.startswith(("-", "---", "...")):
        return False
    if line.startswith("#") and n == line_no:  # a comment where the error is: no heading of a text
        return False
    indent = 0
    for k in range(n - 1, 0, -1):  # back over the block's text, which is indented, to its header
        before = _line_text(src, k)
        if not before.strip():
            continue
        if before[0].isspace():
            indent = len(before) - len(before.lstrip(" "))
            continue
        header = _BLOCK_HEADER.match(before)
        if header and indent:
            src.add(Mark(n, 1), "Y-SYNTAX", "yaml.ime.block_indent", key=header.group(1), indent=indent)
            return True
        return False
    return False


def _problem(problem: str) -> Bi:
    """libyaml's words, said plainly in Chinese where the catalogue knows them; where it does not, the
    Chinese message still comes first and quotes them. English keeps them as they are."""
    said = bi_tr("libyaml", problem)
    if said.zh != problem:
        return said
    return Bi(t("yaml.problem_untranslated", "zh", problem=problem), problem)


def _reader_error(src: Source, exc: yaml.YAMLError) -> None:
    """A character libyaml cannot read, located where it stands (libyaml counts UTF-8 bytes)."""
    position = getattr(exc, "position", 0) or 0
    offset = len(src.text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
    char = getattr(exc, "character", None)
    code = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(src.text[offset]):04X}" \
        if offset < len(src.text) else "?"
    src.add(src.position(min(offset, len(src.text))), "Y-CHAR", "yaml.control_char", code=code)
