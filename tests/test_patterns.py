"""The stored compiled patterns: each one equals what re.compile makes, and nothing stored can make one wrong."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest

from gipr_gen import patterns
from gipr_gen.pycache import Store

_compiler_compile = re._compiler.compile
SAMPLES = [(r"[\u4e00-\u9fff]{2,15}(?P<n>[0-9]+)件", 0), (r"^\s*[（(][一二三四五六七八九十]+[）)]", re.M),
           (r"(?i:and|or)\s+x", 0), ("a.b", re.S | re.X), (rb"[\x00-\x08](?P<b>\xff)", 0)]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """The module with an empty store whose file is in a folder of the test's own."""
    _restart(monkeypatch, tmp_path / "__pycache__" / "patterns.bin")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return patterns.STORE.path


def _restart(monkeypatch, path=None):
    """As a new process would start: nothing read, nothing added."""
    store = Store("patterns", patterns.STORE.stamp[1:])
    store.path = path or patterns.STORE.path
    monkeypatch.setattr(patterns, "STORE", store)


def test_a_pattern_is_stored_then_made_from_the_file_equal_to_re_compile(fresh, monkeypatch):
    first = [patterns.pattern(s, f) for s, f in SAMPLES]
    assert first == [re.compile(s, f) for s, f in SAMPLES]  # equal patterns: same flags and engine code
    assert not fresh.exists()
    patterns.STORE.save()
    assert fresh.exists()
    _restart(monkeypatch)
    again = [patterns.pattern(s, f) for s, f in SAMPLES]
    assert again == [re.compile(s, f) for s, f in SAMPLES]
    assert patterns.STORE.added == {}  # every one came from the file
    m = again[0].search("共收到申请42件")
    assert m and m.group("n") == "42" and again[0].groupindex == {"n": 1}
    assert again[4].match(b"\x01\xff").group("b") == b"\xff"


def test_a_damaged_or_foreign_file_is_ignored(fresh, monkeypatch):
    fresh.parent.mkdir()
    for content in (b"not marshal", marshal.dumps(((0, 0, 0), {})), marshal.dumps([1, 2])):
        fresh.write_bytes(content)
        _restart(monkeypatch)
        assert patterns.pattern(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_code_the_engine_refuses_is_compiled_afresh(fresh, monkeypatch):
    source, flags = SAMPLES[0]
    patterns.pattern(source, flags)
    patterns.STORE.save()
    stored = marshal.loads(fresh.read_bytes())
    stamp, entries = stored
    final, code, groups, index, names = entries[(source, flags)]
    entries[(source, flags)] = (final, [999_999] * len(code), groups, index, names)
    fresh.write_bytes(marshal.dumps((stamp, entries)))
    _restart(monkeypatch)
    assert patterns.pattern(source, flags) == re.compile(source, flags)
    patterns.STORE.save()  # the refused entry is replaced
    _restart(monkeypatch)
    assert patterns.pattern(source, flags) == re.compile(source, flags) and patterns.STORE.added == {}


def test_nothing_is_written_when_python_writes_no_bytecode(fresh, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    patterns.pattern(*SAMPLES[1])
    patterns.STORE.save()
    assert not fresh.parent.exists()


def test_an_unwritable_folder_is_left_alone(fresh, monkeypatch):
    fresh.parent.parent.joinpath("__pycache__").write_text("a file where the folder would be")
    patterns.pattern(*SAMPLES[1])
    patterns.STORE.save()  # no exception: the patterns are compiled again at the next start
    assert patterns.STORE.added


def test_every_pattern_of_the_package_equals_re_compile():
    """In a fresh interpreter: every pattern the package's modules compile as they load, stored or not."""
    script = """
import importlib, pkgutil, re, gipr_gen
from gipr_gen import patterns
from gipr_gen.pycache import Store
for info in pkgutil.walk_packages(gipr_gen.__path__, "gipr_gen."):
    importlib.import_module(info.name)
made = [key for key in {**patterns.STORE._stored(), **patterns.STORE.added} if isinstance(key, tuple)]
wrong = [s for (s, f) in made if patterns.pattern(s, f) != re.compile(s, f)]
print(len(made), wrong)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 150 and out[1].strip() == "[]"


def test_the_package_compiles_the_same_patterns_in_every_process():
    """Once one process has stored the package's patterns, the next finds every one of them, whatever its
    hash seed: a pattern built from a set in hash order would be missed, and stored again, at every start."""
    script = """
import importlib, pkgutil, gipr_gen
from gipr_gen import patterns
from gipr_gen.pycache import Store
for info in pkgutil.walk_packages(gipr_gen.__path__, "gipr_gen."):
    importlib.import_module(info.name)
print(sorted(map(repr, patterns.STORE.added)))
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for seed in ("1", "2", "3"):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                             env={**env, "PYTHONHASHSEED": seed}).stdout
        if seed != "1":
            assert out.strip() == "[]", out
