"""Zip files written directly from deflated members (the .docx of a report, the audit's workbook): what a
template holds unchanged is compressed once per template, a member that grows as results come is compressed
as it grows (``Deflating``), and every member is dated alike (reproducible output)."""

from __future__ import annotations

import io
import shutil
import struct
import tempfile
import zlib
from collections.abc import Iterable
from typing import IO, BinaryIO

from ..records import record

LEVEL = 6  # zlib's default, what zipfile uses: for what is compressed once
FAST = 1  # for what is compressed for every report: a little larger, twice as fast
_CHUNK = 1 << 16  # bytes gathered before they are handed to zlib


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


class Deflating:
    """A member compressed as it is written, its deflate stream kept in a temporary file until the zip is
    made (``close`` it, or the zip it went into, to free that file)."""

    def __init__(self, name: str, level: int = LEVEL):
        self.name = name
        self.crc = self.size = 0
        self._packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._pending: list[bytes] = []
        self._gathered = 0
        self.deflated: IO[bytes] = tempfile.TemporaryFile()

    def write(self, data: bytes) -> None:
        self._pending.append(data)
        self._gathered += len(data)
        if self._gathered >= _CHUNK:
            self._pack()

    def _pack(self) -> None:
        data = b"".join(self._pending)
        self._pending, self._gathered = [], 0
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.deflated.write(self._packer.compress(data))

    def finish(self) -> None:
        self._pack()
        self.deflated.write(self._packer.flush())

    def close(self) -> None:
        self.deflated.close()


def zipped(members: Iterable[Member], when: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of ``members`` in order, in memory (see ``write_zip``)."""
    out = io.BytesIO()
    write_zip(out, members, when)
    return out.getvalue()


def write_zip(out: BinaryIO, members: Iterable[Member | Deflating], when: tuple[int, int, int, int, int, int]) -> None:
    """A zip of ``members`` in order into ``out``, each dated ``when`` (year, month, day, hour, minute, second),
    with Unix permissions 0644, as zipfile writes them. A ``Deflating`` member is finished here."""
    year, month, day, hour, minute, second = when
    dos_time = hour << 11 | minute << 5 | second // 2
    dos_date = (year - 1980) << 9 | month << 5 | day
    directory = bytearray()
    count = offset = 0
    for m in members:
        if isinstance(m, Deflating):
            m.finish()
            deflated = m.deflated.tell()
        else:
            deflated = len(m.deflated)
        if max(m.size, deflated, offset) > 0xFFFFFFFF:
            raise ValueError(f"{m.name}: a zip member or archive past 4 GiB")  # zip64, which nothing here needs
        name = m.name.encode("utf-8")
        flags = 0 if m.name.isascii() else 0x800  # the name is UTF-8
        fields = (20, flags, 8, dos_time, dos_date, m.crc, deflated, m.size, len(name), 0)
        directory += struct.pack("<4s2H", b"PK\x01\x02", 3 << 8 | 20, 20)
        directory += struct.pack("<4H3L2H", *fields[1:])
        directory += struct.pack("<3H2L", 0, 0, 0, 0o644 << 16, offset) + name
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name
        out.write(header)
        if isinstance(m, Deflating):
            m.deflated.seek(0)
            shutil.copyfileobj(m.deflated, out)
        else:
            out.write(m.deflated)
        offset += len(header) + deflated
        count += 1
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0))
