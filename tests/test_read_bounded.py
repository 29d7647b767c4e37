"""Files read whole but bounded: every byte of a file within the bound, the bound and one byte more of
anything larger (a device, a huge file), whatever the file's stated size says."""

from __future__ import annotations

import os

import pytest

from gipr_gen.readers import files
from gipr_gen.readers.files import read_bounded


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 5000])
def test_a_regular_file_up_to_the_bound_and_one_byte_more(tmp_path, size):
    path = tmp_path / "report.yaml"
    data = os.urandom(size)
    path.write_bytes(data)
    assert read_bounded(path, 100) == data[:101]


def test_a_device_of_no_stated_size_is_read_to_the_bound_only():
    assert read_bounded("/dev/zero", 1000) == b"\0" * 1001


def test_a_file_of_no_stated_size_is_read_whole():
    text = read_bounded("/proc/self/status", 1 << 20)
    assert os.stat("/proc/self/status").st_size == 0 and b"Name:" in text and len(text) < 1 << 20


def test_a_file_larger_than_its_stated_size_is_read_on(tmp_path, monkeypatch):
    """A file grown between its size being asked and its reading: nothing past the stated size is lost."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"organ: x\n" * 50)
    real = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: os.stat_result((*real(fd)[:6], 30, *real(fd)[7:])))
    assert read_bounded(path, 10_000) == b"organ: x\n" * 50
    assert read_bounded(path, 100) == (b"organ: x\n" * 50)[:101]
