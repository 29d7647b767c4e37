"""gipr-gen: annual government information disclosure reports (政府信息公开工作年度报告) from YAML.

Readers → one model → writers: ``source`` reads YAML with positions, ``validate`` applies the JSON
Schema, ``engine`` evaluates the consistency rules of ``rules``, ``model`` is the typed report, and
the writers render it. ``layout`` defines the official format once for all of them.
"""

from .api import Checked, ReportError, check_bytes, check_file, load

__version__ = "0.1.0"
__all__ = ["Checked", "ReportError", "check_bytes", "check_file", "load", "__version__"]
