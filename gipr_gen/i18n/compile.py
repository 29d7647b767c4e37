"""Compiles the catalogue: ``python -m gipr_gen.i18n.compile`` turns each ``LANG.po`` beside this module into
the ``LANG.mo`` the runtime reads. The .mo files are committed; a test keeps them equal to this output.

The .mo layout is the one the GNU gettext manual describes: seven little-endian 32-bit words (magic
number, revision 0, the number N of strings, the offsets of the originals' and the translations'
tables, the size and offset of a hash table), the two tables of N (length, offset) pairs, then the
strings, each followed by a NUL. Originals are sorted by their bytes; a context precedes its msgid,
joined by EOT (0x04); plural msgids and plural forms are joined by NUL. The hash table is optional
and left out (size 0): Python's ``gettext`` reads the tables only.
"""

from __future__ import annotations

import re
import struct
import sys

from pathlib import Path

from ..records import record

MAGIC = 0x950412DE
HERE = Path(__file__).resolve().parent


class PoError(ValueError):
    """A .po file this compiler cannot read, with the file and line."""


@record(frozen=False)
class Entry:
    msgid: str
    msgstr: list[str]  # one string, or one per plural form
    msgctxt: str | None = None
    msgid_plural: str | None = None
    fuzzy: bool = False
    line: int = 0  # where its msgid stands

    @property
    def key(self) -> bytes:
        """The original string as the .mo stores it."""
        text = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        if self.msgid_plural is not None:
            text += "\0" + self.msgid_plural
        return text.encode("utf-8")

    @property
    def value(self) -> bytes:
        return "\0".join(self.msgstr).encode("utf-8")


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r'\\(.)')


def _unquote(token: str, where: str) -> str:
    body = token[1:-1]
    if len(token) < 2 or not token.endswith('"') or re.search(r'(?<!\\)(?:\\\\)*"', body):
        raise PoError(f"{where}: not one quoted string: {token}")

    def escape(m: re.Match[str]) -> str:
        if m.group(1) not in _ESCAPES:
            raise PoError(f"{where}: unknown escape \\{m.group(1)}")
        return _ESCAPES[m.group(1)]

    return _ESCAPE.sub(escape, body)


def parse(text: str, name: str = "<po>") -> list[Entry]:
    """The entries of a .po file, the header (msgid "") included, obsolete (#~) entries left out."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    forms: dict[int, str] = {}
    flags: set[str] = set()
    last: tuple[str, int | None] | None = None  # the field a continuation line extends
    start = 0

    def finish() -> None:
        nonlocal fields, forms, flags, last
        if fields or forms:
            where = f"{name}:{start}"
            if "msgid" not in fields or not (("msgstr" in fields) ^ bool(forms)):
                raise PoError(f"{where}: an entry needs a msgid and either msgstr or msgstr[n]")
            if ("msgid_plural" in fields) != bool(forms) or sorted(forms) != list(range(len(forms))):
                raise PoError(f"{where}: msgid_plural goes with msgstr[0], msgstr[1], …")
            msgstr = [forms[i] for i in sorted(forms)] if forms else [fields["msgstr"]]
            entries.append(Entry(fields["msgid"], msgstr, fields.get("msgctxt"), fields.get("msgid_plural"),
                                 "fuzzy" in flags, start))
        fields, forms, flags, last = {}, {}, set(), None

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{n}"
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#"):
            if fields or forms:
                finish()  # a comment starts the next entry
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith('"'):
            if last is None:
                raise PoError(f"{where}: a string continues no keyword")
            field, index = last
            if index is None:
                fields[field] += _unquote(line, where)
            else:
                forms[index] += _unquote(line, where)
        else:
            m = _KEYWORD.match(line)
            if not m:
                raise PoError(f"{where}: cannot read: {line}")
            keyword, index, token = m.group(1), m.group(2), m.group(3)
            if keyword in ("msgctxt", "msgid") and ("msgstr" in fields or forms):
                finish()  # an entry that starts without a blank line before it
            if not fields and not forms:
                start = n
            value = _unquote(token, where)
            if index is not None:
                if int(index) in forms:
                    raise PoError(f"{where}: msgstr[{index}] given twice")
                forms[int(index)] = value
                last = ("msgstr", int(index))
            else:
                if keyword in fields:
                    raise PoError(f"{where}: {keyword} given twice")
                fields[keyword] = value
                last = (keyword, None)
    finish()
    return entries


def mo(entries: list[Entry]) -> bytes:
    """The .mo file of ``entries``: fuzzy and untranslated ones are left out, as msgfmt does."""
    kept: dict[bytes, bytes] = {}
    for e in entries:
        if e.fuzzy or not any(e.msgstr):
            continue
        if e.key in kept:
            raise PoError(f"line {e.line}: {e.key!r} is defined twice")
        kept[e.key] = e.value
    keys = sorted(kept)
    n = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + 8 * n
    strings_at = translations_at + 8 * n
    header = struct.pack("<7I", MAGIC, 0, n, originals_at, translations_at, 0, strings_at)
    tables, strings = [b"", b""], bytearray()
    for table, items in enumerate((keys, [kept[k] for k in keys])):
        for s in items:
            tables[table] += struct.pack("<2I", len(s), strings_at + len(strings))
            strings += s + b"\0"
    return header + tables[0] + tables[1] + bytes(strings)


def compile_po(path: Path) -> bytes:
    return mo(parse(path.read_text(encoding="utf-8"), path.name))


def main() -> None:
    for po in sorted(HERE.glob("*.po")):
        target = po.with_suffix(".mo")
        target.write_bytes(compile_po(po))
        sys.stdout.write(f"{target}\n")


if __name__ == "__main__":
    main()
