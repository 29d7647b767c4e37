"""Word templates are untrusted data: offices pass them around. Each reported finding is reproduced here on an
edited copy of the bundled template and must now be refused — ``template check`` exits 2 for a file that is
not a usable .docx and 1 for tags that break the template's contract; ``build --template`` checks first and
exits 2 — with no code run, no crash and no hang (the sandbox's limits stop runaway templates; no test
times anything, each just finishes). A property test mutates the bundled template at random: only exit
codes 0, 1 and 2, never a traceback, and a template ``check`` calls usable always builds. The same input
builds the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import struct
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jinja2.exceptions import SecurityError, UndefinedError
from lxml import etree

from gipr_gen.api import load
from gipr_gen.writers.docx import sandbox, template_check
from gipr_gen.writers.docx.writer import default_template, render

from conftest import INPUTS, ROOT, cli, console

CELL_TAGS = ROOT / "tests" / "data" / "word" / "cell-tags.docx"
SIGNED = ROOT / "inputs" / "yunxi-county-market-regulation-2024.yaml"  # a report with a 落款
REPORT = INPUTS[0]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC, FOOTER, CORE = "word/document.xml", "word/footer1.xml", "docProps/core.xml"


# ---- making hostile templates ------------------------------------------------------------------------


def template(path: Path, *, change: dict | None = None, drop: tuple[str, ...] = (), add: dict | None = None,
             source: Path | None = None) -> Path:
    """A copy of the bundled template (or ``source``): ``change`` maps a part to (old, new) replacements or
    to a function of its bytes; ``drop`` leaves parts out; ``add`` adds parts."""
    with zipfile.ZipFile(source or default_template()) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename in drop:
                continue
            data = src.read(item)
            edit = (change or {}).get(item.filename)
            if callable(edit):
                data = edit(data)
            elif edit:
                old, new = edit
                assert old in data, (item.filename, old)
                data = data.replace(old, new, 1)
            out.writestr(item.filename, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return path


def in_body(path: Path, old: bytes, new: bytes) -> Path:
    return template(path, change={DOC: (old, new)})


def with_notes(path: Path, kind: str, text: str) -> Path:
    """The bundled template with a footnotes or endnotes part holding one note of ``text``."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W_NS}">'
           f'<w:{kind} w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:{kind}>'
           f"</w:{kind}s>").encode()
    rel = (f'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           f'{kind}s" Target="{kind}s.xml"/></Relationships>').encode()
    override = (f'<Override PartName="/word/{kind}s.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                f'wordprocessingml.{kind}s+xml"/></Types>').encode()
    return template(path, add={f"word/{kind}s.xml": xml},
                    change={"word/_rels/document.xml.rels": (b"</Relationships>", rel),
                            "[Content_Types].xml": (b"</Types>", override)})


def check(path: Path, *args: str):
    res = cli("template", "check", str(path), *args)
    assert "Traceback" not in res.stdout + res.stderr
    return res


def build(path: Path, out: Path, report: Path = REPORT, *args: str):
    res = cli("build", str(report), "--to", "docx", "--template", str(path), "-o", str(out), *args)
    assert "Traceback" not in res.stdout + res.stderr
    return res


def refused(tmp_path: Path, mine: Path, check_code: int, *expected: str) -> str:
    """``template check`` exits ``check_code`` saying each of ``expected``; build exits 2 and writes nothing."""
    res = check(mine)
    said = res.stdout + res.stderr
    assert res.returncode == check_code, said
    for text in expected:
        assert text in said, said
    out = tmp_path / "out"
    built = build(mine, out)
    assert built.returncode == 2, built.stdout + built.stderr
    assert not out.exists() or not any(out.iterdir())
    return said


# ---- code in a template never runs ----------------------------------------------------------------------

PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch %s').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch %s').read() }}",
    "{{ title.__class__.__mro__[1].__subclasses__() }}{{ '%s' }}",
    "{{ (title|attr('__class__')) }}{{ '%s' }}",
    "{{ namespace.__init__.__globals__.os.system('touch %s') }}",
]


@pytest.mark.parametrize("where", ["body", "footer", "property", "footnote", "endnote"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_code_in_a_template_never_runs(tmp_path: Path, where: str, payload: str) -> None:
    marker = tmp_path / "pwned"
    tag = payload % marker
    path = tmp_path / "evil.docx"
    if where == "body":
        mine = in_body(path, b"{{ title }}", b"{{ title }}" + tag.encode())
    elif where == "footer":
        mine = template(path, change={FOOTER: (b"</w:t>", tag.encode() + b"</w:t>")})
    elif where == "property":
        mine = template(path, change={CORE: (b"<dc:subject></dc:subject>", f"<dc:subject>{tag}</dc:subject>".encode())})
    else:
        mine = with_notes(path, where, tag.replace("'", "&apos;"))
    refused(tmp_path, mine, 1)
    assert not marker.exists()


@pytest.mark.parametrize("expression", [
    "cycler.__init__.__globals__.os.popen('touch MARK').read()",
    "''.__class__.__mro__[1].__subclasses__()",
    "title.__class__",
    "(title|attr('__class__'))",
    "'{0.__class__}'.format(title)",
    "range.__globals__",
    "text.overview.__html__.__globals__",
])
def test_the_sandbox_reaches_no_python_internals(tmp_path: Path, expression: str) -> None:
    """Even without the check in front, the environment itself refuses (what build renders with)."""
    marker = tmp_path / "pwned"
    with pytest.raises((SecurityError, UndefinedError)), sandbox.limits():
        source = "{{ %s }}" % expression.replace("MARK", str(marker))
        sandbox.environment().from_string(source).render(title="标题", text={"overview": "x"})
    assert not marker.exists()


# ---- templates that pull in files, fail, or run away -------------------------------------------------------


@pytest.mark.parametrize("tag, what", [
    (b"{% include 'other.docx' %}", "include"),
    (b"{% extends 'base' %}", "extends"),
    (b"{% import 'macros' as m %}", "import"),
    (b"{% from 'macros' import f %}", "import"),
    (b"{% macro f() %}{{ f() }}{% endmacro %}", "macro"),
    (b"{% autoescape false %}x{% endautoescape %}", "autoescape"),
])
def test_no_other_file_and_no_macros(tmp_path: Path, tag: bytes, what: str) -> None:
    mine = in_body(tmp_path / "t.docx", b"{{ title }}", b"{{ title }}" + tag)
    said = refused(tmp_path, mine, 1, "第 1 段", f"不能使用 {what}")
    assert "Traceback" not in said


@pytest.mark.parametrize("tag, message", [
    (b"{{ 1/0 }}", "ZeroDivisionError"),
    (b"{{ 'x'*10**11 }}", "值过大"),
    (b"{{ 'x'|center(100000000000) }}", "值过大"),
    (b"{{ '%0100000000000d' % 1 }}", "不能使用 %"),
    (b"{% for i in range(10**9) %}x{% endfor %}", "超过 1000000 步"),
    (b"{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}", "步"),
    (b"{% for i in range(100000) %}{{ title * 1000 }}{% endfor %}", "个字符"),
    (b"{% set s = 'ab' %}" + b"{% set s = s ~ s %}" * 40 + b"{{ s }}", "值过大"),
    (b"{{ (range(100000)|map('center', 999999)|join)|length }}", "值过大"),
])
def test_a_runaway_or_failing_tag_stops_with_a_located_error(tmp_path: Path, tag: bytes, message: str) -> None:
    mine = in_body(tmp_path / "t.docx", b"{{ title }}", b"{{ title }}" + tag)
    refused(tmp_path, mine, 1, "第 1 段", message)


def test_a_slow_template_stops_at_the_time_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.0)
    mine = in_body(tmp_path / "t.docx", b"{{ title }}", b"{{ title }}{% for i in range(1000) %}{{ i }}{% endfor %}")
    refused(tmp_path, mine, 1, "第 1 段", "秒仍未完成")


def test_the_limits_speak_english(tmp_path: Path) -> None:
    mine = in_body(tmp_path / "t.docx", b"{{ title }}", b"{{ title }}{% for i in range(10**9) %}x{% endfor %}")
    res = check(mine, "--lang", "en")
    assert res.returncode == 1 and "paragraph 1" in res.stdout and "1000000 steps" in res.stdout, res.stdout


# ---- files that are not a usable .docx: exit 2, the part named ------------------------------------------------


def test_no_body(tmp_path: Path) -> None:
    mine = template(tmp_path / "t.docx", change={DOC: lambda d: d.replace(b"w:body>", b"w:bodx>")})
    refused(tmp_path, mine, 2, "word/document.xml", "没有正文")


@pytest.mark.parametrize("part", ["[Content_Types].xml", "_rels/.rels", DOC, FOOTER, "word/styles.xml"])
def test_a_missing_part(tmp_path: Path, part: str) -> None:
    refused(tmp_path, template(tmp_path / "t.docx", drop=(part,)), 2, part, "缺少部件")


def test_a_member_of_1_5_gb_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    """The directory says 1.5 GB: refused before a byte is unpacked."""
    mine = template(tmp_path / "t.docx", add={"word/media/image1.png": b"\0" * 1000})
    data = bytearray(mine.read_bytes())
    name = b"word/media/image1.png"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = 0
        while (start := data.find(sig, start)) >= 0:
            name_len = struct.unpack_from("<H", data, start + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = start + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + name_len] == name:
                struct.pack_into("<I", data, start + size_at, 1_500_000_000)
            start += 4
    mine.write_bytes(bytes(data))
    assert zipfile.ZipFile(mine).getinfo(name.decode()).file_size == 1_500_000_000
    refused(tmp_path, mine, 2, "word/media/image1.png", "超过上限")


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    mine = template(tmp_path / "t.docx", add={"word/media/image1.png": b"\0" * (40 * 2**20)})
    assert mine.stat().st_size < 2**20
    refused(tmp_path, mine, 2, "word/media/image1.png", "40.0 MB")


def test_too_large_a_file_is_not_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(template_check, "MAX_FILE", 1000)
    refused(tmp_path, template(tmp_path / "t.docx"), 2, "模板文件太大")


@pytest.mark.parametrize("content, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "旧版 Word 文件（.doc）"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF 文件"),
    (b"{\\rtf1\\ansi hello}", "RTF 文件"),
    (b"", "不是 Word 文件"),
    (b"name: not a template\n", "不是 Word 文件"),
])
def test_a_renamed_file(tmp_path: Path, content: bytes, message: str) -> None:
    mine = tmp_path / "t.docx"
    mine.write_bytes(content)
    refused(tmp_path, mine, 2, message)


def test_a_damaged_zip(tmp_path: Path) -> None:
    whole = default_template().read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    refused(tmp_path, truncated, 2, "不是 Word 文件")
    damaged = bytearray(whole)
    with zipfile.ZipFile(default_template()) as z:
        info = z.getinfo(DOC)
    start = info.header_offset + 30 + len(DOC) + 40  # inside the deflated body
    damaged[start:start + 60] = b"\x55" * 60
    broken = tmp_path / "broken.docx"
    broken.write_bytes(bytes(damaged))
    refused(tmp_path, broken, 2, DOC, "已损坏")


def test_a_part_with_a_doctype_or_bad_xml(tmp_path: Path) -> None:
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    mine = template(tmp_path / "dtd.docx", change={FOOTER: (b"?>", b"?>" + bomb)})
    refused(tmp_path, mine, 2, FOOTER, "DOCTYPE")
    mine = template(tmp_path / "xml.docx", change={FOOTER: (b"</w:ftr>", b"")})
    refused(tmp_path, mine, 2, FOOTER, "不是有效的 XML")


def test_file_problems_speak_english(tmp_path: Path) -> None:
    res = check(template(tmp_path / "t.docx", drop=(FOOTER,)), "--lang", "en")
    assert res.returncode == 2 and "lacks its part word/footer1.xml" in res.stdout, res.stdout


# ---- the contract: nothing lost, nothing that breaks Word ---------------------------------------------------


def test_a_value_tag_where_a_paragraph_tag_is_needed(tmp_path: Path) -> None:
    """{{ text.overview }} used to write paragraphs inside a paragraph: invalid XML that LibreOffice drops."""
    mine = in_body(tmp_path / "t.docx", b"{{p text.overview }}", b"{{ text.overview }}")
    said = refused(tmp_path, mine, 1, "第 4 段", "{{p text.overview }}")
    assert check(mine, "--lang", "en").stdout.count("whole paragraphs") == 1, said


@pytest.mark.parametrize("old, new, message", [
    (b"{{ title }}", b"{{p title }}", "要写成 {{ title }}"),  # a value in a paragraph tag: text outside paragraphs
    (b"{{p intro }}", "引言：{{p intro }}".encode(), "“引言：”会丢失"),  # the paragraph tag takes the label along
    (b"{{ title }}", b"{{r title }}", "前缀 r、tr、tc"),
    (b"{{ title }}", b"{{ title }}{{ t3.received }}", "一组值"),
    (b"{{ title }}", b"{{ title }}{{ tittle }}", "未知的标记"),
    (b"{{ signature.organ }}", b"{{ signature.organ }}{{ signature.__dict__ }}", "以下划线开头"),
])
def test_tags_that_would_break_the_file_or_lose_text(tmp_path: Path, old: bytes, new: bytes, message: str) -> None:
    refused(tmp_path, in_body(tmp_path / "t.docx", old, new), 1, message)


def test_a_paragraph_value_in_a_footer_or_property(tmp_path: Path) -> None:
    mine = template(tmp_path / "t.docx", change={FOOTER: (b"</w:t>", b"{{ intro }}</w:t>")})
    refused(tmp_path, mine, 1, "页脚", "{{p intro }}")
    mine = template(tmp_path / "p.docx",
                    change={CORE: (b"<dc:subject></dc:subject>", b"<dc:subject>{{p intro }}</dc:subject>")})
    refused(tmp_path, mine, 1, "文档属性 subject")


def test_last_years_finished_report_is_refused(tmp_path: Path) -> None:
    """A template without any tag would build this year's report with last year's content."""
    def untagged(data: bytes) -> bytes:
        return re.sub(rb"\{[{%]p? ?[^{}%]*[}%]\}", "往年的内容".encode(), data)

    mine = template(tmp_path / "t.docx", change={DOC: untagged})
    said = refused(tmp_path, mine, 1, "没有任何标记")
    assert said.count("模板有 1 个问题") == 1


def test_every_part_of_the_report_has_its_place(tmp_path: Path) -> None:
    def without(data: bytes) -> bytes:
        data = data.replace(b"{{ title }}", "标题".encode())
        for tag in (b"{{p intro }}", b"{{p text.other_matters }}", b"{%p if signature %}", b"{%p endif %}",
                    b"{{ signature.organ }}", b"{{ signature.date }}"):
            data = data.replace(tag, b"")
        return data

    mine = template(tmp_path / "t.docx", change={DOC: without})
    said = refused(tmp_path, mine, 1, "没有标题标记", "没有引言标记", "六、其他需要报告的事项",
                   "没有落款标记")
    assert "模板有 4 个问题" in said


def test_a_table_bound_cell_by_cell_must_bind_every_cell(tmp_path: Path) -> None:
    """Cell tags for table 三 but some missing: the table would be built with blanks."""
    cells = [b"{{ t3.received.natural_person }}", b"{{ t3.received.business }}", b"{{ t3.results.disclosed.total }}"]
    mine = template(tmp_path / "t.docx", source=CELL_TAGS,
                    change={DOC: lambda d: [d := d.replace(c, b"", 1) for c in cells][-1]})
    said = refused(tmp_path, mine, 1, "收到和处理政府信息公开申请情况", "3 格没有标记",
                   "t3.received.business")
    assert "1 problem" in check(mine, "--lang", "en").stderr, said


def test_a_table_without_any_of_its_tags(tmp_path: Path) -> None:
    mine = template(tmp_path / "t.docx", source=CELL_TAGS,
                    change={DOC: lambda d: re.sub(rb"\{\{ t3\.[a-z_.]+ \}\}", b"", d)})
    refused(tmp_path, mine, 1, "没有“收到和处理政府信息公开申请情况”表的位置")


def test_a_tag_hidden_in_a_field_code(tmp_path: Path) -> None:
    mine = template(tmp_path / "t.docx", change={FOOTER: (b"PAGE", b"PAGE {{ organ }}")})
    refused(tmp_path, mine, 1, "页脚", "{{ organ }}", "域代码")


def test_an_if_left_open_across_parts(tmp_path: Path) -> None:
    """Each part is a template of its own: an {% if %} in the body cannot close in a footer."""
    mine = template(tmp_path / "t.docx", change={DOC: (b"{{ title }}", b"{% if organ %}{{ title }}"),
                                                 FOOTER: (b"</w:t>", b"{% endif %}</w:t>")})
    said = refused(tmp_path, mine, 1, "第 1 段: 模板标记写法有误", "页脚: 模板标记写法有误",
                   "endif")
    assert "模板有 2 个问题" in said  # the body's if is not closed, the footer's endif closes nothing


def test_a_tag_that_fails_only_without_a_signature(tmp_path: Path) -> None:
    """Checked with a report that has every optional part and with one that has none."""
    mine = in_body(tmp_path / "t.docx", b"{{ title }}", b"{{ title }}{{ signature.organ }}")
    refused(tmp_path, mine, 1, "第 1 段", "{%p if signature %}")


# ---- what a usable template does ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_notes_are_filled_once(tmp_path: Path, kind: str) -> None:
    mine = with_notes(tmp_path / "t.docx", kind, "{{ organ }}，{{ year }} 年")
    assert check(mine).returncode == 0
    built = build(mine, tmp_path / "out", SIGNED)
    assert built.returncode == 0, built.stderr
    with zipfile.ZipFile(tmp_path / "out" / f"{SIGNED.stem}.docx") as z:
        notes = z.read(f"word/{kind}s.xml").decode()
    assert "云溪县市场监督管理局，2024 年" in notes and "{{" not in notes


def test_document_properties_are_filled_as_plain_text(tmp_path: Path) -> None:
    mine = template(tmp_path / "t.docx", change={CORE: (b"<dc:subject></dc:subject>",
                                                         b"<dc:subject>{{ organ }} &amp; {{ year }}</dc:subject>")})
    assert check(mine).returncode == 0
    assert build(mine, tmp_path / "out", SIGNED).returncode == 0
    doc = Document(tmp_path / "out" / f"{SIGNED.stem}.docx")
    assert doc.core_properties.subject == "云溪县市场监督管理局 & 2024"


# ---- the same input, the same bytes ---------------------------------------------------------------------------


def test_the_same_input_builds_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    first = render(load(SIGNED))
    monkeypatch.setattr(time, "time", lambda: 4_000_000_000.0)  # zip entries would carry the time of saving
    assert render(load(SIGNED)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
    props = Document(io.BytesIO(first)).core_properties
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2025-01-20"  # the 落款's date


def test_source_date_epoch_dates_the_build(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert cli("build", str(SIGNED), "--to", "docx", "-o", str(tmp_path / "a"), env=env).returncode == 0
    assert cli("build", str(SIGNED), "--to", "docx", "-o", str(tmp_path / "b"), env=env).returncode == 0
    a, b = (tmp_path / d / f"{SIGNED.stem}.docx" for d in "ab")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert Document(a).core_properties.modified.isoformat().startswith("2023-11-14T22:13:20")


def test_a_template_without_properties_still_builds_the_same_bytes(tmp_path: Path) -> None:
    """python-docx dates the properties it makes up with the time of the build; the writer does not."""
    mine = template(tmp_path / "t.docx", drop=(CORE,), change={
        "_rels/.rels": lambda d: re.sub(rb'<Relationship [^>]*core-properties"[^>]*/>', b"", d)})
    assert check(mine).returncode == 0
    first = render(load(REPORT), mine)
    time.sleep(1.1)
    assert render(load(REPORT), mine) == first
    assert Document(io.BytesIO(first)).core_properties.modified.year == 1980


def test_separate_runs_build_identical_files(tmp_path: Path) -> None:
    """Two processes (different hash seeds, different times) write byte-identical .docx files."""
    for run, seed in (("a", "1"), ("b", "2")):
        res = console("build", str(SIGNED), "--to", "docx", "-o", str(tmp_path / run), env={"PYTHONHASHSEED": seed})
        assert res.returncode == 0, res.stderr
    a, b = ((tmp_path / d / f"{SIGNED.stem}.docx").read_bytes() for d in "ab")
    assert a == b


# ---- fuzzing: mutated templates -----------------------------------------------------------------------------

SNIPPETS = [
    "{{ title }}", "{{ organ }}", "{{ year }}", "{{p intro }}", "{{ intro }}", "{{p title }}", "{{ t3 }}", "{{p t3 }}",
    "{{ t3.received.natural_person }}", "{% if signature %}", "{% endif %}", "{%p if organ %}", "{%p endif %}",
    "{{", "}}", "{%", "%}", "{{ 1/0 }}", "{{ 'x'*10**11 }}", "{% for i in range(10**9) %}x{% endfor %}",
    "{% include 'a' %}", "{{ cycler.__init__.__globals__ }}", "{{ title|upper }}", "{{ text.overview }}",
    "{{r organ }}", "{#p note #}", "{{ signature.organ }}", "{{ nosuch }}", "“{{ organ }}”", "{{ organ ~ year }}",
    "&lt;", "&amp;", "{{ t3.received }}", "{{ organ if signature else '' }}", "{{ title }}{{ title }}",
    "文字", "{{ organ }}", "{{ year }}年", "{{ organ|trim }}",
]
TEXT_PARTS = [DOC, DOC, DOC, DOC, FOOTER, "word/footer2.xml", CORE]
PARTS = [DOC, FOOTER, CORE, "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels", "_rels/.rels"]
with zipfile.ZipFile(default_template()) as _z:
    BUNDLED = {name: _z.read(name) for name in _z.namelist()}
MUTATIONS = ["insert"] * 8 + ["remove tag"] * 2 + ["remove markup", "garble", "drop"]


@st.composite
def mutated(draw) -> bytes:
    """The bundled template with one or two mutations: a snippet (a tag, a broken tag, a payload, text)
    inserted into a text, a tag or a piece of markup removed, a few characters garbled, a part dropped; one
    time in ten the zip itself is damaged."""
    parts = dict(BUNDLED)
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(MUTATIONS))
        part = draw(st.sampled_from(TEXT_PARTS if kind in ("insert", "remove tag") else PARTS))
        data = parts.get(part)
        if data is None:
            continue
        if kind == "insert":  # at the start or the end of a text
            spots = [m.end() for m in re.finditer(rb">(?=[^<>]+<)", data)]
            spots += [m.start() for m in re.finditer(rb"</w:t>", data)]
            at = draw(st.sampled_from(spots))
            parts[part] = data[:at] + draw(st.sampled_from(SNIPPETS)).encode() + data[at:]
        elif kind in ("remove tag", "remove markup"):
            found = [m.span() for m in re.finditer(rb"\{[{%].*?[}%]\}" if kind == "remove tag" else rb"<[^>]+>", data)]
            if found:
                a, b = draw(st.sampled_from(found))
                parts[part] = data[:a] + data[b:]
        elif kind == "garble":
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            junk = draw(st.text(alphabet="<>{}%/ w:\"'=p", min_size=1, max_size=6)).encode()
            parts[part] = data[:at] + junk + data[at + draw(st.integers(0, 8)):]
        else:
            del parts[part]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    data = bytearray(out.getvalue())
    if draw(st.integers(0, 9)) == 0:  # the zip itself damaged: bytes flipped or cut short
        if draw(st.booleans()):
            for _ in range(draw(st.integers(1, 4))):
                data[draw(st.integers(0, len(data) - 1))] ^= 0xFF
        else:
            del data[draw(st.integers(0, len(data) - 1)):]
    return bytes(data)


def _case_dir(tmp_path: Path) -> Path:
    case = tmp_path / f"case{len(list(tmp_path.iterdir()))}"  # hypothesis reuses tmp_path across examples
    case.mkdir()
    return case


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated(), report=st.sampled_from([REPORT, SIGNED]))
def test_mutated_templates_are_usable_exactly_when_they_build(tmp_path: Path, data: bytes, report: Path) -> None:
    case = _case_dir(tmp_path)
    mine = case / "t.docx"
    mine.write_bytes(data)
    checked = check(mine)
    assert checked.returncode in (0, 1, 2), checked.stdout + checked.stderr
    event(f"template check exits {checked.returncode}")
    out = case / "out"
    built = build(mine, out, report)
    written = out / f"{report.stem}.docx"
    if checked.returncode == 0:
        assert built.returncode == 0 and written.is_file(), built.stdout + built.stderr
        with zipfile.ZipFile(written) as z:
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(z.read(name))  # every part well-formed
        assert len(Document(written).paragraphs) > 0
    else:
        assert built.returncode == 2 and not written.exists(), built.stdout + built.stderr


def test_the_bundled_and_cell_by_cell_templates_stay_usable() -> None:
    for mine in (default_template(), CELL_TAGS):
        res = check(mine)
        assert res.returncode == 0, res.stdout
    assert os.environ.get("SOURCE_DATE_EPOCH") is None  # the tests above left the environment as it was
