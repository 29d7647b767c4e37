"""Where the schema and the templates are: beside the package in a wheel, at the repo root in a checkout."""

from __future__ import annotations

from pathlib import Path

from .errors import InstallError

_PKG = Path(__file__).resolve().parent
SCHEMA_NAME = "gipr-report.schema.json"
TEMPLATES = ("report.docx", "report.md.j2", "report.css")  # what the writers read from templates/


def _data_dir(name: str) -> Path:
    installed = _PKG / name  # a wheel carries schema/ and templates/ inside the package
    return installed if installed.is_dir() else _PKG.parent / name


def schema_path(name: str = SCHEMA_NAME) -> Path:
    """Where a schema is (or is written when it is generated)."""
    return _data_dir("schema") / name


def schema_file(name: str = SCHEMA_NAME) -> Path:
    """A schema to read; InstallError when the installation lacks it."""
    return _present(schema_path(name))


def template_file(name: str) -> Path:
    """One of ``TEMPLATES``; InstallError when the installation lacks it."""
    return _present(_data_dir("templates") / name)


def verify() -> None:
    """Every file the commands read from the installation is there; else InstallError for the first missing."""
    from .formats import FORMATS

    for fmt in FORMATS.values():
        schema_file(fmt.schema_file)
    for name in TEMPLATES:
        template_file(name)


def _present(path: Path) -> Path:
    if not path.is_file():
        raise InstallError("install.missing", path=str(path))
    return path
