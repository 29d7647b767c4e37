"""The one document model: what readers produce and every rule and writer reads."""

from .narrative import Block, Narrative, Problem, Span
from .positions import NOWHERE, Key, Mark, Positions
from .report import Number, Report, Signature, TableData, format_number

__all__ = ["Block", "Key", "Mark", "NOWHERE", "Narrative", "Number", "Positions", "Problem", "Report",
           "Signature", "Span", "TableData", "format_number"]
