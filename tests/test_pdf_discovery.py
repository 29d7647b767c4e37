"""--pdf finds LibreOffice where it installs itself when it is not on PATH, and says where it looked."""

from __future__ import annotations

from pathlib import Path

from conftest import INPUTS, cli

from gipr_gen.writers import pdf


def test_libreoffice_is_found_in_its_windows_install_folder(tmp_path: Path, monkeypatch) -> None:
    program = tmp_path / "Program Files" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert pdf.soffice() == str(program / "soffice.exe")


def test_without_libreoffice_the_message_names_where_it_looked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "程序 文件"))
    res = cli("build", str(INPUTS[0]), "--pdf", "-o", str(tmp_path / "out"), env={"PATH": str(tmp_path / "empty")})
    assert res.returncode == 2 and str(tmp_path / "程序 文件" / "LibreOffice" / "program") in res.stderr
    assert not (tmp_path / "out").exists()
