"""Where the schema and the templates are: beside the package in a wheel, at the repo root in a checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent
SCHEMA_NAME = "gipr-report.schema.json"


def _data_dir(name: str) -> Path:
    installed = _PKG / name  # a wheel carries schema/ and templates/ inside the package
    return installed if installed.is_dir() else _PKG.parent / name


def schema_path(name: str = SCHEMA_NAME) -> Path:
    return _data_dir("schema") / name


def templates_dir() -> Path:
    return _data_dir("templates")
