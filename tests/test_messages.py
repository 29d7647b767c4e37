"""The message catalogue: every message in Chinese and English, every key the code uses defined."""

from __future__ import annotations

import re
import string

from gipr_gen.i18n import CATALOGUE

from conftest import ROOT

PREFIXES = sorted({key.split(".")[0] for key in CATALOGUE})
KEY_IN_CODE = re.compile(r"""["']((?:%s)\.[a-z_]+(?:\.[a-z_]+)*)["']""" % "|".join(PREFIXES))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    for key, entry in CATALOGUE.items():
        assert set(entry) == {"zh", "en"}, key
        assert entry["zh"].strip() and entry["en"].strip(), key
        assert fields(entry["zh"]) == fields(entry["en"]), key
        words = re.sub(r"\{[^}]*\}", "", entry["zh"])
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in words)
        assert chinese or not re.search("[A-Za-z]{3,}", words), f"{key}: the Chinese text is not Chinese"


def test_every_key_used_in_the_code_exists() -> None:
    used = set()
    for path in (ROOT / "gipr_gen").rglob("*.py"):
        used |= set(KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    missing = {k for k in used if k not in CATALOGUE and not k.endswith(".")}
    # "severity." + name and "type." + name are built from names; their targets are checked here
    missing -= {k for k in missing if k.split(".")[0] in ("severity", "type") and k.count(".") == 0}
    assert not missing, missing
    assert len(used) > 60
