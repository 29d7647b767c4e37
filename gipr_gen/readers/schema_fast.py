"""A quick yes/no against the format's schema, for the common case of a valid report.

The answer comes from validation code that fastjsonschema generated ahead of time from the schema
(``schema_<format>_validator.py`` beside this file, written by ``python -m gipr_gen.readers.schema_gen``);
it imports neither fastjsonschema nor jsonschema. ``validate`` imports jsonschema (a tenth of a second at
start-up) only when this says no, and jsonschema then locates the findings. Tests hold the two to the same
verdict on every example and on many broken variants.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..formats.layout import Format


def module_name(fmt: Format) -> str:
    """The generated module for a format's schema, in this package."""
    return f"schema_{fmt.name}_validator"


def conforms(fmt: Format, data: Any) -> bool:
    """Whether the data is valid under the format's schema."""
    code = import_module(f"{__package__}.{module_name(fmt)}")
    try:
        code.validate(data)
    except code.JsonSchemaValueException:
        return False
    return True
