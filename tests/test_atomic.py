"""Sets of files written all or none (gipr_gen.atomic) when other processes write beside them: a folder made
meanwhile by another process is used and never removed, a streamed set appears whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_gen import atomic
from gipr_gen.errors import OutputError


def test_a_folder_another_process_makes_meanwhile_is_used_and_left_to_it(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out" / "deep"
    real_mkdir = Path.mkdir

    def racing_mkdir(self: Path, *args, **kwargs) -> None:
        real_mkdir(self)  # the other process was first
        raise FileExistsError(17, "File exists", str(self))

    monkeypatch.setattr(Path, "mkdir", racing_mkdir)
    assert atomic.write_all([(out / "a.md", b"x")]) == [out / "a.md"]
    assert (out / "a.md").read_bytes() == b"x"
    monkeypatch.undo()
    with pytest.raises(OutputError):  # a failing set removes no folder it did not make
        atomic.write_all([(out / "b.md", b"y"), (out / "a.md" / "c.md", b"z")])
    assert out.is_dir() and not (out / "b.md").exists()


def test_a_file_where_a_folder_must_go_is_still_an_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "out").write_bytes(b"a file")
    with pytest.raises(OutputError):
        atomic.write_all([(tmp_path / "out" / "a.md", b"x")])
    assert (tmp_path / "out").read_bytes() == b"a file"


def test_a_streamed_set_is_put_in_place_whole_or_not_at_all(tmp_path: Path) -> None:
    targets = [tmp_path / "new" / "a.txt", tmp_path / "new" / "b.txt"]

    def fill(files) -> int:
        for n, f in enumerate(files):
            f.write(b"part %d" % n)
        return len(files)

    assert atomic.write_streamed(targets, fill) == 2
    assert [t.read_bytes() for t in targets] == [b"part 0", b"part 1"]

    def failing(files) -> None:
        files[0].write(b"half")
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        atomic.write_streamed(targets, failing)
    assert [t.read_bytes() for t in targets] == [b"part 0", b"part 1"]
    assert sorted(p.name for p in targets[0].parent.iterdir()) == ["a.txt", "b.txt"]  # no temporary left
    with pytest.raises(RuntimeError):
        atomic.write_streamed([tmp_path / "other" / "c.txt"], failing)
    assert not (tmp_path / "other").exists()  # the folder it made, removed again


def test_the_folder_made_for_workers_goes_again_when_left_empty(tmp_path: Path) -> None:
    with atomic.folder(tmp_path / "x" / "y"):
        assert (tmp_path / "x" / "y").is_dir()
    assert not (tmp_path / "x").exists()
    with atomic.folder(tmp_path / "z"):
        (tmp_path / "z" / "kept.md").write_text("k")
    assert (tmp_path / "z" / "kept.md").exists()
