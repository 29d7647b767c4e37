"""The message catalogue (gipr_gen/i18n/zh.po, en.po): both languages hold every message with the same
placeholders, every key the code uses exists and every entry is used, every label of a format has its
English, plurals read right, the committed .mo files are what the compiler makes, and GNU msgfmt agrees."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest
import yaml

from gipr_gen import formats
from gipr_gen.formats.f2021.layout import FEE_DECIMALS
from gipr_gen.formats.layout import Format, Group
from gipr_gen.i18n import Catalogue, bi_tr, catalogue, t
from gipr_gen.i18n.compile import PoError, compile_po, mo, parse
from gipr_gen.rules.explain import explain

from conftest import ROOT

I18N = ROOT / "gipr_gen" / "i18n"
PO = {lang: parse((I18N / f"{lang}.po").read_text(encoding="utf-8"), f"{lang}.po") for lang in ("zh", "en")}
KEYED = {lang: {e.msgid: e for e in entries if e.msgctxt is None and e.msgid} for lang, entries in PO.items()}
SOURCE_TEXTS = {lang: {(e.msgctxt, e.msgid): e for e in entries if e.msgctxt is not None}
                for lang, entries in PO.items()}
NPLURALS = {"zh": 1, "en": 2}
FORMATS = list(formats.FORMATS.values())
RULE_IDS = {r.id for fmt in FORMATS for r in fmt.rules}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def rule_key(key: str) -> tuple[str, str] | None:
    """(rule ID, part) for a rule text's key such as T3-01.name."""
    head, _, part = key.rpartition(".")
    return (head, part) if re.fullmatch(r"[A-Z]+[0-9]*-[A-Z0-9]+|G[0-9]+", head) else None


# ---- both languages ------------------------------------------------------------------------------


def test_both_languages_hold_the_same_keys_in_the_same_order() -> None:
    assert list(KEYED["zh"]) == list(KEYED["en"])
    for key, zh in KEYED["zh"].items():
        assert (zh.msgid_plural is None) == (KEYED["en"][key].msgid_plural is None), key


def test_every_message_is_written_and_the_chinese_is_chinese() -> None:
    for lang, entries in KEYED.items():
        for key, e in entries.items():
            assert not e.fuzzy and all(form.strip() for form in e.msgstr), f"{lang}.po {key}"
    for key, e in KEYED["zh"].items():
        words = re.sub(r"\{[^}]*\}", "", "".join(e.msgstr))
        assert CJK.search(words) or not re.search("[A-Za-z]{3,}", words), f"{key}: the Chinese text is not Chinese"


def test_placeholders_agree_between_the_languages() -> None:
    for key, zh in KEYED["zh"].items():
        en = KEYED["en"][key]
        if zh.msgid_plural is None:
            assert fields(zh.msgstr[0]) == fields(en.msgstr[0]), key
            assert "n" not in fields(zh.msgstr[0]), f"{key}: {{n}} is for plural entries"
        else:
            others = {frozenset(fields(form) - {"n"}) for form in zh.msgstr + en.msgstr}
            assert len(others) == 1, f"{key}: the forms differ in placeholders"
            assert "n" in fields(zh.msgstr[0]) and "n" in fields(en.msgstr[-1]), f"{key}: the count is not shown"


def test_plural_entries_have_the_forms_the_language_declares() -> None:
    for lang, entries in KEYED.items():
        plurals = [e for e in entries.values() if e.msgid_plural is not None]
        assert plurals and all(len(e.msgstr) == NPLURALS[lang] for e in plurals), lang
    assert [catalogue("en").plural(n) for n in (0, 1, 2, 5)] == [1, 0, 1, 1]
    assert [catalogue("zh").plural(n) for n in (0, 1, 2, 5)] == [0, 0, 0, 0]


def test_counts_read_grammatically() -> None:
    assert t("summary.counts", "en", file="r.yaml", errors=1, warnings=2) == "r.yaml: 1 error, 2 warnings."
    assert t("summary.counts", "en", file="r.yaml", errors=2, warnings=1) == "r.yaml: 2 errors, 1 warning."
    assert t("summary.counts", "en", file="r.yaml", errors=0, warnings=0) == "r.yaml: 0 errors, 0 warnings."
    assert t("summary.counts", "zh", file="r.yaml", errors=1, warnings=2) == "r.yaml：1 个错误，2 个警告。"
    assert " 1 problem " in t("template.problems", "en", file="t.docx", count=1)
    assert " 2 problems " in t("template.problems", "en", file="t.docx", count=2)
    assert "模板有 2 个问题" in t("template.problems", "zh", file="t.docx", count=2)
    assert "has 1 error;" in t("init.previous_errors", "en", file="2023.yaml", errors=1)
    assert "has 3 errors;" in t("init.previous_errors", "en", file="2023.yaml", errors=3)
    assert "1 decimal place " in t("rule.decimals", "en", title="x", places=1, value=0.25)
    assert "6 decimal places " in t("rule.decimals", "en", title="x", places=6, value=0.25)
    assert t("rule.sum_rest", "en", n=1) == "; the other one is 0"
    assert t("rule.sum_rest", "en", n=2) == "; the other 2 are 0"
    assert t("rule.sum_rest", "zh", n=2) == "，其余 2 项为 0"


def test_a_missing_key_is_an_error_not_a_message() -> None:
    with pytest.raises(KeyError):
        t("no.such_key", "zh")
    with pytest.raises(KeyError):
        t("no.such_key", "en", n=2)


# ---- keys the code uses, and entries nobody uses ---------------------------------------------------


def _strings_in_code() -> tuple[set[str], set[str]]:
    """Every string constant in gipr_gen/, and the key families built from a prefix ("severity." + …)."""
    literals: set[str] = set()
    families: set[str] = set()
    for path in (ROOT / "gipr_gen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            prefix = None
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
                prefix = node.left.value
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefix = node.values[0].value
            if isinstance(prefix, str) and re.fullmatch(r"[a-z_]+\.", prefix):
                families.add(prefix)
    return literals, families


LITERALS, FAMILIES = _strings_in_code()
NAMESPACES = {key.split(".")[0] for key in KEYED["zh"] if not rule_key(key)}
KEY_LIKE = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+")
USED_KEYS = {s for s in LITERALS if KEY_LIKE.fullmatch(s) and s.split(".")[0] in NAMESPACES}


def test_every_key_used_in_the_code_exists() -> None:
    assert len(USED_KEYS) > 150
    assert not USED_KEYS - set(KEYED["zh"])
    assert FAMILIES >= {"severity.", "type.", "narrative."}  # built as "severity." + rule.severity and so on
    for family in FAMILIES & {f"{ns}." for ns in NAMESPACES}:
        assert any(key.startswith(family) for key in KEYED["zh"]), family


def test_every_rule_has_its_texts() -> None:
    for fmt in FORMATS:
        for rule in fmt.rules:
            assert f"{rule.id}.name" in KEYED["zh"], rule.id
            statement = f"{rule.id}.statement" in KEYED["zh"]
            if rule.check == "formula":
                assert rule.formula and not statement, f"{rule.id}: an arithmetic rule is stated by its formula"
            elif not rule.id.startswith("Y-"):  # the file checks are said by their names alone
                assert statement and not rule.formula, f"{rule.id} has no plain statement"
        for rule_id, guide in fmt.guides.items():
            assert rule_id in fmt.rule_by_id and {guide.why, guide.example} <= set(KEYED["zh"]), rule_id


def _used(key: str) -> bool:
    parts = rule_key(key)
    if parts:
        rule_id, part = parts
        guided = {k for fmt in FORMATS for g in fmt.guides.values() for k in (g.why, g.example)}
        return rule_id in RULE_IDS and (part in ("name", "statement") or key in guided)
    parent, _, arg = key.rpartition(".")
    if KEYED["zh"][key].msgid_plural is not None and parent in KEYED["zh"]:  # words the count {arg} of parent
        return _used(parent) and arg in fields(KEYED["zh"][parent].msgstr[0])
    return key in USED_KEYS or any(key.startswith(f) for f in FAMILIES)


def test_no_entry_is_dead() -> None:
    dead = [key for key in KEYED["zh"] if not _used(key)]
    assert not dead, dead


# ---- texts translated under a context: the format's labels, libyaml's problems ---------------------------


def format_labels(fmt: Format) -> set[tuple[str, str]]:
    """(msgctxt, Chinese label) of every official label of a format that is shown in English somewhere."""
    out = {("hint", s.hint) for s in fmt.sections}
    out |= {("field", info.title) for info in fmt.fields.values()}
    out |= {("organ_type", o.label) for o in fmt.organ_types}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, Group):
                out.add(("group", item.label))
                out.update(("column", c.label) for c in item.columns)
                walk(item.children)
            else:
                out.add(("row", item.label))

    for table in fmt.tables:
        out.add(("table", table.title))
        out.update(("column", c.label) for c in table.columns)
        walk(table.body)
    return out


def test_every_format_label_has_its_english_and_no_other_is_kept() -> None:
    labels = set().union(*(format_labels(fmt) for fmt in FORMATS))
    english = SOURCE_TEXTS["en"]
    assert not labels - set(english), "labels without English"
    assert not set(english) - labels, "English for labels no format has"
    for (context, label), e in english.items():
        assert e.msgstr[0].strip() and e.msgstr[0] != label, (context, label)
    assert not {k for k in SOURCE_TEXTS["zh"] if k[0] != "libyaml"}, "the Chinese labels are the layout's own"
    assert bi_tr("column", "自然人").en == english[("column", "自然人")].msgstr[0]
    assert bi_tr("column", "自然人").zh == "自然人"


# What the YAML reader's parser says for each input: libyaml's words, and the pure-Python parser's where it
# differs (the reader falls back to it when libyaml is missing).
YAML_SLIPS = {
    "a: b: c\n": "mapping values are not allowed in this context",
    "a:\n  - x\n  y\n": "could not find expected ':'",
    "a:\n  b: 1\n c: 2\n": "did not find expected key",
    "- x\n-y: 1\n  z\n": "did not find expected '-' indicator",
    'a: "abc\n': "found unexpected end of stream",
    "a: !x!y b\n": "found undefined tag handle",
    "a: [,]\n": "did not find expected node content",
    "{a: [1] b}\n": "did not find expected ',' or '}'",
    "[a, b}\n": "did not find expected ',' or ']'",
    "a: @b\n": "found character that cannot start any token",
}


def test_every_yaml_problem_in_the_catalogue_is_one_the_parser_reports() -> None:
    said = {}
    for text, problem in YAML_SLIPS.items():
        with pytest.raises(yaml.MarkedYAMLError) as exc:
            yaml.compose(text, Loader=yaml.CSafeLoader)
        assert exc.value.problem == problem
        said[problem] = text
    with pytest.raises(yaml.MarkedYAMLError) as exc:
        yaml.compose("a: b: c\n", Loader=yaml.SafeLoader)
    said[exc.value.problem] = "a: b: c\n"
    assert {msgid for (context, msgid) in SOURCE_TEXTS["zh"]} == set(said)
    for problem in said:
        zh = bi_tr("libyaml", problem)
        assert CJK.search(zh.zh) and zh.en == problem


# ---- rule texts --------------------------------------------------------------------------------


def test_english_rule_texts_quote_their_chinese() -> None:
    """An English name or statement shows Chinese only inside quotes (phrases the rule looks for) or as a
    section number (table 四); explain --lang en prints the English statement."""
    for fmt in FORMATS:
        for rule in fmt.rules:
            for part in ("name", "statement"):
                key = f"{rule.id}.{part}"
                if key in KEYED["en"]:
                    bare = re.sub(r"'[^']*'", "", KEYED["en"][key].msgstr[0])
                    assert not CJK.search(re.sub(r"(?i)(table|section) [一二三四五六]", "", bare)), key
            if f"{rule.id}.statement" in KEYED["en"]:
                en = explain(rule.id, "en")
                assert t(f"{rule.id}.statement", "en") in en and t(f"{rule.id}.statement", "zh") not in en


def test_fee_rule_texts_name_the_decimal_places_of_the_layout() -> None:
    for lang in ("zh", "en"):
        assert str(FEE_DECIMALS) in t("T2-02.name", lang) and str(FEE_DECIMALS) in t("T2-02.statement", lang)


# ---- the compiled catalogue ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_committed_mo_is_the_compiled_po(lang: str) -> None:
    assert (I18N / f"{lang}.mo").read_bytes() == compile_po(I18N / f"{lang}.po"), \
        "run: python -m gipr_gen.i18n.compile"


def _read_mo(data: bytes, tmp_path: Path) -> dict:
    path = tmp_path / "read.mo"
    path.write_bytes(data)
    with path.open("rb") as fp:
        return dict(gettext.GNUTranslations(fp)._catalog)


def test_compiler_reads_contexts_plurals_escapes_and_continuations(tmp_path) -> None:
    po = r'''# a comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "greet"
msgstr "say \"hi\"\n"
"twice\tover"

msgctxt "row"
msgid "自然人"
msgstr "natural persons"

#. a count
msgid "apple"
msgid_plural "apples"
msgstr[0] "{n} apple"
msgstr[1] "{n} apples"

#, fuzzy
msgid "unsure"
msgstr "left out"

msgid "untranslated"
msgstr ""

#~ msgid "obsolete"
#~ msgstr "gone"
'''
    catalog = _read_mo(mo(parse(po)), tmp_path)
    assert catalog["greet"] == 'say "hi"\ntwice\tover'
    assert catalog["row\x04自然人"] == "natural persons"
    assert (catalog[("apple", 0)], catalog[("apple", 1)]) == ("{n} apple", "{n} apples")
    assert not {"unsure", "untranslated", "obsolete"} & set(catalog)


@pytest.mark.parametrize("bad", [
    'msgid "a"\nmsgstr "b" "c"\n',  # two strings on one line
    'msgid "a"\n',  # no msgstr
    'msgid "a"\nmsgstr "\\q"\n',  # an escape C has not
    'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',  # a plural without forms
    'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',  # a msgid given twice
])
def test_compiler_refuses_what_it_cannot_read(bad: str) -> None:
    with pytest.raises(PoError):
        mo(parse(bad))


def test_an_entry_needs_no_blank_line_before_it() -> None:
    entries = parse('msgid "a"\nmsgstr "1"\nmsgid "b"\nmsgstr "2"\n')
    assert [(e.msgid, e.msgstr) for e in entries] == [("a", ["1"]), ("b", ["2"])]


needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                  reason="GNU msgfmt is missing (.ci/setup installs the Debian package gettext)")


@needs_msgfmt
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gnu_msgfmt_checks_the_po_and_reads_it_as_we_do(lang: str, tmp_path) -> None:
    out = tmp_path / f"{lang}.mo"
    res = subprocess.run(["msgfmt", "--check", "--output-file", str(out), str(I18N / f"{lang}.po")],
                         capture_output=True, text=True)
    assert res.returncode == 0 and not res.stderr, res.stderr
    assert _read_mo(out.read_bytes(), tmp_path) == _read_mo((I18N / f"{lang}.mo").read_bytes(), tmp_path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_catalogue_reads_as_gettext_reads_it(lang: str) -> None:
    """Every entry of the committed .mo, read by the runtime's own reader and by gettext's, the same."""
    with (I18N / f"{lang}.mo").open("rb") as fp:
        reference = gettext.GNUTranslations(fp)
    ours = Catalogue((I18N / f"{lang}.mo").read_bytes())
    entries = PO[lang]
    assert len(entries) > 600
    for e in entries:
        if e.msgid == "":
            continue
        if e.msgid_plural is not None:
            for n in (0, 1, 2, 7, 21):
                assert ours.ngettext(e.msgid, e.msgid_plural, n) == reference.ngettext(e.msgid, e.msgid_plural, n)
        elif e.msgctxt is not None:
            assert ours.pgettext(e.msgctxt, e.msgid) == reference.pgettext(e.msgctxt, e.msgid) == e.msgstr[0]
        else:
            assert ours.gettext(e.msgid) == reference.gettext(e.msgid) == e.msgstr[0]
    assert [ours.plural(n) for n in range(30)] == [reference.plural(n) for n in range(30)]
    assert ours.pgettext("row", "no such label") == "no such label"
    with pytest.raises(KeyError):
        ours.gettext("no.such.key")


def test_a_plural_formula_of_another_language_is_compiled_as_gettext_does(tmp_path) -> None:
    po = tmp_path / "ru.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
                  '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\nmsgid "file"\nmsgid_plural "files"\n'
                  'msgstr[0] "файл"\nmsgstr[1] "файла"\nmsgstr[2] "файлов"\n', encoding="utf-8")
    ours = Catalogue(compile_po(po))
    assert [ours.ngettext("file", "files", n) for n in (1, 3, 5, 21)] == ["файл", "файла", "файлов", "файл"]
    with pytest.raises(ValueError):
        Catalogue(b"\0" * 28)
