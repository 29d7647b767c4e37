"""Every user-facing text, in Chinese and English, in one gettext catalogue: ``zh.po`` and ``en.po`` beside
this module, compiled to the ``.mo`` files read here (``python -m gipr_gen.i18n.compile`` after editing).

The catalogue holds two kinds of entry, so that a translator always sees the text to translate:

* Messages of the project, keyed by a message ID (msgid ``"rule.sum"``, ``"io.gbk"``) in both files, which
  list them in the same order so that they read side by side. The project writes both languages (neither is
  translated from the other), and the key keeps the code and its tests apart from the wording.
  Rule texts are keyed by rule ID: ``T3-01.name`` (what it checks), ``T3-04.statement`` (a plain
  statement of a rule that is not arithmetic), ``T3-01.why`` and ``T3-01.example`` (``gipr-gen explain``).
* Texts written in one language, translated in the other's file only: the official Chinese labels of a
  format, whose English sits in ``en.po`` with the Chinese label as msgid and what it labels as msgctxt
  (``row``, ``column``, ``group``, ``table``, ``field``, ``organ_type``, ``hint``), and libyaml's English
  problem descriptions, said plainly in ``zh.po`` (msgctxt ``libyaml``). A label renamed in the layout
  then lacks its translation, which a test reports, instead of keeping a stale one.

A message with a count is a plural entry (msgid_plural; zh has one form, en two): ``t(key, lang, n=3)``.
An integer argument ``a`` of a message ``key`` is worded by the plural entry ``key.a`` when there is one,
so ``t("summary.counts", "en", file="f", errors=1, warnings=2)`` reads "f: 1 error, 2 warnings.".
"""

from __future__ import annotations

import os
import struct
from functools import cache
from pathlib import Path
from typing import Any, Callable, Literal

from ..records import record

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
_HERE = Path(__file__).resolve().parent


@record
class Bi:
    zh: str
    en: str

    def __str__(self) -> str:  # pragma: no cover - only reached when a message forgets to localise
        return self.zh


def default_lang() -> Lang:
    """Chinese unless the environment asks for English (LC_ALL, LC_MESSAGES or LANG starting with en)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def place(where: Bi | str, lang: Lang) -> str:
    """A location prefix ("表格 3 第 5 行第 2 列: "), or nothing when there is none."""
    text = getattr(where, lang) if isinstance(where, Bi) else where
    return f"{text}: " if text else ""


class Catalogue:
    """A compiled catalogue (``LANG.mo``, as ``compile`` writes it) read in one pass: the tables gettext's
    reader walks message by message, unpacked at once (gettext's reader and its plural-formula compiler cost a
    few milliseconds a language at every start). A message key it lacks is a defect, not a message
    (KeyError); a text translated under a context stays as written when its translation is missing."""

    def __init__(self, data: bytes):
        magic, _, count, originals, translations = struct.unpack_from("<5I", data)
        if magic != 0x950412DE:
            raise ValueError("not a little-endian .mo catalogue")
        keys = struct.unpack_from(f"<{2 * count}I", data, originals)
        values = struct.unpack_from(f"<{2 * count}I", data, translations)
        self._texts: dict[str, list[str]] = {}
        for i in range(0, 2 * count, 2):
            key = data[keys[i + 1]:keys[i + 1] + keys[i]].decode("utf-8").split("\0")[0]  # a plural's msgid
            self._texts[key] = data[values[i + 1]:values[i + 1] + values[i]].decode("utf-8").split("\0")
        forms = next((line.split("plural=", 1)[1].rstrip(";").strip() for line in self._texts[""][0].splitlines()
                      if line.startswith("Plural-Forms:")), "0")
        self.plural: Callable[[int], int] = _PLURALS.get(forms) or _formula(forms)

    def gettext(self, message: str) -> str:
        return self._texts[message][0]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._texts[singular][self.plural(n)]

    def pgettext(self, context: str, text: str) -> str:
        found = self._texts.get(f"{context}\x04{text}")
        return found[0] if found else text


# The formulas of the catalogue's languages; any other is compiled by gettext, as it would be there.
_PLURALS: dict[str, Callable[[int], int]] = {"0": lambda n: 0, "(n != 1)": lambda n: int(n != 1)}


def _formula(forms: str) -> Callable[[int], int]:
    import gettext

    return gettext.c2py(forms)


@cache
def catalogue(lang: Lang) -> Catalogue:
    return Catalogue((_HERE / f"{lang}.mo").read_bytes())


@cache
def _counted(key: str, arg: str, lang: Lang) -> bool:
    """Whether the argument ``arg`` of message ``key`` is a count worded by the plural entry ``key.arg``."""
    try:
        catalogue(lang).ngettext(f"{key}.{arg}", f"{key}.{arg}", 1)
    except KeyError:
        return False
    return True


def t(msg_id: str, lang: Lang, /, n: int | None = None, **args: Any) -> str:
    """A message in ``lang``; ``n`` picks the form of a plural entry and fills its ``{n}``. An argument may be
    a ``Bi`` (a value with a Chinese and an English form, such as a table label): it is shown in ``lang``."""
    texts = catalogue(lang)
    text = texts.gettext(msg_id) if n is None else texts.ngettext(msg_id, msg_id, n)
    shown: dict[str, Any] = {} if n is None else {"n": n}
    for name, value in args.items():
        if isinstance(value, Bi):
            value = getattr(value, lang)
        elif type(value) is int and _counted(msg_id, name, lang):
            value = t(f"{msg_id}.{name}", lang, n=value)
        shown[name] = value
    return text.format(**shown)


def has(msg_id: str) -> bool:
    """Whether the catalogue holds a message (both languages hold the same keys: a test keeps them so)."""
    try:
        catalogue("zh").gettext(msg_id)
    except KeyError:
        return False
    return True


def bi(msg_id: str, /, **args: Any) -> Bi:
    """A message in both languages, to be shown later in whichever the user reads."""
    return Bi(t(msg_id, "zh", **args), t(msg_id, "en", **args))


def tr(context: str, text: str, lang: Lang) -> str:
    """A text written in one language (an official label, a libyaml problem) in ``lang``: its translation
    under ``context``, or the text itself where ``lang`` has none."""
    return catalogue(lang).pgettext(context, text)


def bi_tr(context: str, text: str) -> Bi:
    return Bi(tr(context, text, "zh"), tr(context, text, "en"))
