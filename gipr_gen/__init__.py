"""gipr-gen: annual government information disclosure reports (政府信息公开工作年度报告) from YAML.

Readers → one model → rules → writers: ``readers`` turn a YAML file (with the position of every value)
into the typed ``model``, narrative Markdown parsed once; ``rules.engine`` evaluates every rule of the
report's format; ``writers`` render the model. ``formats`` defines each table format once for all of them.
"""

from .api import Checked, build_file, check_bytes, check_file, load
from .errors import GiprError, ReportError

__version__ = "0.1.0"
__all__ = ["Checked", "GiprError", "ReportError", "build_file", "check_bytes", "check_file", "load", "__version__"]
