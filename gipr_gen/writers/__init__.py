"""Writers: the model → an output format. Each module's ``render(report, template=None) -> bytes``."""

from __future__ import annotations

import importlib
from typing import Callable

WRITERS = {"docx": "gipr_gen.writers.docx", "md": "gipr_gen.writers.markdown", "html": "gipr_gen.writers.html"}


def writer(fmt: str) -> Callable[..., bytes]:
    return importlib.import_module(WRITERS[fmt]).render
