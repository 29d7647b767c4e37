"""The zip writer of the .docx and the workbook: what zipfile (an independent reader) reads back is what was
written, member by member, whether compressed at once or as it came."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from gipr_gen.writers.zipped import FAST, Deflating, member, write_zip, zipped

WHEN = (2024, 2, 29, 13, 45, 58)
NAMES = st.sampled_from(["word/document.xml", "xl/worksheets/sheet1.xml", "报告/附件.xml", "[Content_Types].xml"])
CHUNKS = st.lists(st.binary(max_size=3000) | st.text(max_size=2000).map(str.encode), max_size=40)


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.tuples(NAMES, CHUNKS, st.booleans()), min_size=1, max_size=5, unique_by=lambda p: p[0]))
def test_what_is_written_is_read_back(parts):
    members = []
    for name, chunks, streamed in parts:
        if streamed:
            m = Deflating(name)
            for chunk in chunks:
                m.write(chunk)
        else:
            m = member(name, b"".join(chunks), FAST)
        members.append(m)
    out = io.BytesIO()
    write_zip(out, members, WHEN)
    for m in members:
        if isinstance(m, Deflating):
            m.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        assert z.testzip() is None
        assert [i.filename for i in z.infolist()] == [name for name, _, _ in parts]
        for info, (name, chunks, _) in zip(z.infolist(), parts, strict=True):
            assert z.read(info) == b"".join(chunks)
            assert info.date_time == (2024, 2, 29, 13, 45, 58) and info.external_attr >> 16 == 0o644


def test_a_large_streamed_member_and_the_in_memory_form_agree():
    text = "".join(f'<row r="{n}"><c><v>{n}</v></c><c t="inlineStr"><is><t>第{n}份报告</t></is></c></row>'
                   for n in range(40_000)).encode()
    streamed = Deflating("xl/worksheets/sheet1.xml")
    for start in range(0, len(text), 777):
        streamed.write(text[start:start + 777])
    out = io.BytesIO()
    write_zip(out, [streamed], WHEN)
    streamed.close()
    whole = zipped([member("xl/worksheets/sheet1.xml", text)], WHEN)
    for data in (out.getvalue(), whole):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.read("xl/worksheets/sheet1.xml") == text
    assert len(out.getvalue()) < len(text) / 5  # compressed, not stored
