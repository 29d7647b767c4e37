"""WordprocessingML names and the strict XML parser that the template check and the writer share (kept
apart from the check, so that filling the bundled template loads no more than it needs)."""

from __future__ import annotations

from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# the document properties docxtpl fills (python-docx's names) and their elements in docProps/core.xml
PROPERTIES = {"author": "{http://purl.org/dc/elements/1.1/}creator",
              "comments": "{http://purl.org/dc/elements/1.1/}description",
              "identifier": "{http://purl.org/dc/elements/1.1/}identifier",
              "language": "{http://purl.org/dc/elements/1.1/}language",
              "subject": "{http://purl.org/dc/elements/1.1/}subject",
              "title": "{http://purl.org/dc/elements/1.1/}title"}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def safe_xml(data: bytes) -> Any:
    """XML a template holds or produced, parsed strictly: no entities, no DTD, no network, bounded depth."""
    return etree.fromstring(data, PARSER)


def styles_of(root: Any) -> dict[str, str]:
    """A styles part's styles: lower-cased name → style id."""
    out = {}
    for s in root.iter(f"{W}style"):
        name = s.find(f"{W}name")
        if name is not None:
            out[name.get(f"{W}val", "").lower()] = s.get(f"{W}styleId", "")
    return out
