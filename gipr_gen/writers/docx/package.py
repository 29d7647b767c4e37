"""The .docx zip, written directly: the members a template holds unchanged are compressed once per template,
and each report adds only the parts filled for it. Every member is dated alike (reproducible output)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

from ...records import record


LEVEL = 6  # zlib's default, what zipfile uses: for what is compressed once
FAST = 1  # for what is compressed for every report: a little larger, twice as fast


@record
class Member:
    """A zip member, compressed: its name, CRC-32, size and raw deflate stream."""

    name: str
    crc: int
    size: int
    deflated: bytes


def member(name: str, data: bytes, level: int = LEVEL) -> Member:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Member(name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def zipped(members: Iterable[Member], when: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of ``members`` in order, each dated ``when`` (year, month, day, hour, minute, second), with
    Unix permissions 0644, as zipfile writes them."""
    year, month, day, hour, minute, second = when
    dos_time = hour << 11 | minute << 5 | second // 2
    dos_date = (year - 1980) << 9 | month << 5 | day
    out, directory = bytearray(), bytearray()
    count = 0
    for m in members:
        name = m.name.encode("utf-8")
        flags = 0 if m.name.isascii() else 0x800  # the name is UTF-8
        fields = (20, flags, 8, dos_time, dos_date, m.crc, len(m.deflated), m.size, len(name), 0)
        directory += struct.pack("<4s2H", b"PK\x01\x02", 3 << 8 | 20, 20)
        directory += struct.pack("<4H3L2H", *fields[1:])
        directory += struct.pack("<3H2L", 0, 0, 0, 0o644 << 16, len(out)) + name
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name + m.deflated
        count += 1
    start = len(out)
    out += directory
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
    return bytes(out)
