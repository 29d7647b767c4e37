"""``gipr-gen aggregate``: many bodies' reports of one year summed into one 汇总 report.

Expected sums are computed here from the inputs as plain ``yaml.safe_load`` reads them (amounts as exact
decimals), never from gipr-gen. Hypothesis draws bodies whose tables satisfy every rule of the 2021
format (and pairs of years that satisfy the cross-year rules), and the aggregate must check clean: no
error, no warning but T2-04 when the summed fee reaches the limit for a body of unknown kind.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gipr_gen.aggregate import aggregate_to
from gipr_gen.api import check_file
from gipr_gen.formats.f2021.layout import APPLICATIONS, FEE_LIMIT_UNKNOWN

from conftest import ROOT, cli

INPUTS = ROOT / "inputs"
YUNXI = INPUTS / "yunxi-county-market-regulation-2024.yaml"  # 2021 format, figures in every table
QINGLAN = INPUTS / "qinglan-county-transport-2020.yaml"  # 2019 format, 采购总金额 in 万元
LUYI = INPUTS / "luyi-zhenyuan-2023.yaml"  # 2023, a year the others are not
TABLES = ("proactive_disclosure", "applications", "review_and_litigation")
ORGAN = "某某县人民政府办公室（汇总）"


# ---- reading YAML the plain way ---------------------------------------------------------------------


def leaves(node, path=()):
    """Every (path, figure) under a table section, its text and a row's unit left out."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("text", "unit"):
                yield from leaves(value, path + (key,))
    else:
        yield path, node


def figures(data: dict) -> dict[tuple, object]:
    return {(section, *path): value for section in TABLES for path, value in leaves(data[section])}


def exact(value) -> Decimal:
    return Decimal(str(value))


def expected_sums(files: list[Path]) -> dict[tuple, Decimal]:
    """The sum of every cell written in all the inputs."""
    each = [figures(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files]
    common = set(each[0]).intersection(*each[1:])
    return {cell: sum((exact(f[cell]) for f in each), Decimal(0)) for cell in common}


def assert_sums(output: Path, inputs: list[Path]) -> None:
    written = figures(yaml.safe_load(output.read_text(encoding="utf-8")))
    expected = expected_sums(inputs)
    assert expected and {cell: exact(written[cell]) for cell in expected} == expected


def renamed(source: Path, target: Path, organ: str, edits: dict[str, str] | None = None) -> Path:
    """A copy of a bundled report as another body's (and its figures edited: old line → new line)."""
    text = re.sub(r"(?m)^organ: .*$", f"organ: {organ}", source.read_text(encoding="utf-8"), count=1)
    text = re.sub(r"(?m)^title: .*\n", "", text)
    for old, new in (edits or {}).items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


# Two more 云溪 bodies whose figures differ from the bundled one and still add up (each edit keeps every
# rule: a row and its total move together, and table 三's balance holds).
EDITS = {
    "教育局": {"fees:                {amount_wan_yuan: 12.35}": "fees:                {amount_wan_yuan: 0.1}",
               "licensing:           {decisions: 4862}": "licensing:           {decisions: 7}"},
    "卫生健康委员会": {"fees:                {amount_wan_yuan: 12.35}": "fees:                {amount_wan_yuan: 0.2}",
                 "normative_documents: {issued: 3, repealed: 2, in_force: 11}":
                 "normative_documents: {issued: 1, repealed: 0, in_force: 40}"},
}


@pytest.fixture
def bodies(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "reports"
    folder.mkdir()
    return [shutil.copy(YUNXI, folder / YUNXI.name)] + [
        renamed(YUNXI, folder / f"{name}.yaml", f"云溪县{name}", edits) for name, edits in EDITS.items()]


# ---- summing --------------------------------------------------------------------------------------


def test_every_cell_is_the_sum_of_the_inputs_and_the_aggregate_checks_clean(tmp_path: Path, bodies) -> None:
    out = tmp_path / "汇总.yaml"
    ran = cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    assert_sums(out, bodies)
    text = out.read_text(encoding="utf-8")
    assert re.search(r"amount_wan_yuan: 12\.65\}", text)  # 12.35 + 0.1 + 0.2 added as decimals, not floats
    assert cli("check", "--strict", str(out)).returncode == 0
    data = yaml.safe_load(text)
    assert (data["organ"], data["year"]) == (ORGAN, 2024)
    for section in ("overview", "problems_and_improvements", "other_matters"):
        assert "3个机关" in data[section]
    # the bodies summed: comments at the top, a list in section 一, and on stderr
    organs = [yaml.safe_load(f.read_text(encoding="utf-8"))["organ"] for f in bodies]
    head = text.split("\nformat:")[0]
    for i, (organ, file) in enumerate(zip(organs, bodies, strict=True), 1):
        assert f"# {i}. {organ}（{file}）" in head
        assert f"{i}. {organ}" in data["overview"]
        assert f"{i}. {organ}（{file}）" in ran.stderr
    assert "已汇总 3 个机关的报告" in ran.stderr


def test_only_the_tables_of_each_input_are_kept_while_the_others_are_read(tmp_path: Path, bodies, monkeypatch) -> None:
    """A city's office sums hundreds of reports: each one's narrative is let go once its tables are taken."""
    import gc
    import weakref

    import gipr_gen.aggregate as A

    real, narratives = A._read, []

    def read(path: Path):
        gc.collect()
        assert [ref() for ref in narratives[:-1]] == [None] * len(narratives[:-1]), "an earlier text is held"
        checked = real(path)
        narratives.append(weakref.ref(checked.report.texts["overview"]))
        return checked

    monkeypatch.setattr(A, "_read", read)
    out = tmp_path / "汇总.yaml"
    assert cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(out)).returncode == 0
    assert len(narratives) == len(bodies) and len(bodies) >= 3
    assert_sums(out, bodies)


def test_a_folder_is_read_with_its_subfolders_and_without_hidden_files_or_the_output(tmp_path: Path, bodies) -> None:
    folder = bodies[0].parent
    (folder / "sub").mkdir()
    moved = shutil.move(bodies[2], folder / "sub" / bodies[2].name)
    (folder / ".backup").mkdir()
    shutil.copy(bodies[1], folder / ".backup" / "old.yaml")  # hidden: would be the same body twice
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # no report's suffix
    out = folder / "汇总.yaml"
    for _ in range(2):  # the second run finds its own earlier output in the folder, and leaves it out
        ran = cli("aggregate", str(folder), "--organ", ORGAN, "-o", str(out), "--force")
        assert ran.returncode == 0, ran.stderr
    assert_sums(out, [bodies[0], bodies[1], Path(moved)])
    assert ran.stderr.count("云溪县") == 3


def test_the_same_file_named_twice_is_one_body(tmp_path: Path, bodies) -> None:
    out = tmp_path / "a.yaml"
    ran = cli("aggregate", str(bodies[0]), str(bodies[0].parent), str(bodies[0]), "--organ", ORGAN, "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    assert_sums(out, bodies)


def test_a_published_report_is_summed_as_import_reads_it(tmp_path: Path, bodies) -> None:
    assert cli("build", "--to", "docx", str(bodies[0]), "-o", str(tmp_path / "pub")).returncode == 0
    docx = tmp_path / "pub" / f"{bodies[0].stem}.docx"
    out = tmp_path / "a.yaml"
    ran = cli("aggregate", str(docx), str(bodies[1]), "--organ", ORGAN, "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    assert_sums(out, bodies[:2])
    assert str(docx) in out.read_text(encoding="utf-8").split("\nformat:")[0]


def test_the_aggregate_builds_to_word_with_the_summed_cells(tmp_path: Path, bodies) -> None:
    out = tmp_path / "汇总.yaml"
    assert cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(out)).returncode == 0
    assert cli("build", "--to", "docx", str(out), "-o", str(tmp_path / "word")).returncode == 0
    tables = Document(str(tmp_path / "word" / "汇总.docx")).tables
    inputs = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in bodies]
    # table 三 (the second table): row 4 of the grid is 一、本年新收…, its last column the 总计 (spec §4.1)
    received = tables[1].rows[3].cells
    assert "本年新收" in received[0].text
    assert received[9].text == str(sum(d["applications"]["received"]["total"] for d in inputs))
    assert received[3].text == str(sum(d["applications"]["received"]["natural_person"] for d in inputs))
    assert any(cell.text == "12.65" for row in tables[0].rows for cell in row.cells)


def test_the_2019_format_sums_with_the_unit_its_reports_state(tmp_path: Path) -> None:
    other = renamed(QINGLAN, tmp_path / "q2.yaml", "青岚县水利局")
    out = tmp_path / "汇总.yaml"
    ran = cli("aggregate", str(QINGLAN), str(other), "--organ", "青岚县汇总", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    assert_sums(out, [QINGLAN, other])
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["format"] == "2019" and data["year"] == 2020
    assert data["proactive_disclosure"]["procurement"]["unit"] == "万元"
    assert cli("check", "--strict", str(out)).returncode == 0


# ---- refusals --------------------------------------------------------------------------------------


def _refused(ran, out: Path, code: int = 1) -> str:
    assert ran.returncode == code, ran.stdout + ran.stderr
    assert not out.exists() and "Traceback" not in ran.stderr
    return ran.stderr


def test_an_input_with_errors_is_refused_naming_it_and_its_first_errors(tmp_path: Path, bodies) -> None:
    broken = bodies[1]
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("received:                  {natural_person: 38,",
                                   "received:                  {natural_person: 39,"), encoding="utf-8")
    out = tmp_path / "a.yaml"
    said = _refused(cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(out)), out)
    assert f"未汇总：{broken}" in said
    assert re.search(rf"{re.escape(str(broken))}:\d+:\d+: 错误 T3-0[13]", said)
    said = _refused(cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(out), "--lang", "en"), out)
    assert "have errors and were not summed" in said and re.search(r": error T3-0[13] ", said)


def test_reports_of_several_years_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    said = _refused(cli("aggregate", str(LUYI), str(YUNXI), "--organ", ORGAN, "-o", str(out)), out)
    assert "不是同一年度" in said and f"2023：{LUYI}" in said and f"2024：{YUNXI}" in said
    said = _refused(cli("aggregate", str(LUYI), str(YUNXI), "--organ", ORGAN, "-o", str(out), "--lang", "en"), out)
    assert "different years" in said and f"2023: {LUYI}" in said


def test_reports_of_both_formats_are_refused(tmp_path: Path) -> None:
    old = tmp_path / "q.yaml"  # the 2019 format, used for a 2023 report as some bodies still did
    old.write_text(QINGLAN.read_text(encoding="utf-8").replace("\nyear: 2020", "\nyear: 2023"), encoding="utf-8")
    out = tmp_path / "a.yaml"
    said = _refused(cli("aggregate", str(LUYI), str(old), "--organ", ORGAN, "-o", str(out)), out)
    assert "格式版本不同" in said and f"2021：{LUYI}" in said and f"2019：{old}" in said
    said = _refused(cli("aggregate", str(LUYI), str(old), "--organ", ORGAN, "-o", str(out), "--lang", "en"), out)
    assert "different table formats" in said


def test_two_reports_of_one_body_are_refused_even_when_identical(tmp_path: Path, bodies) -> None:
    twin = shutil.copy(bodies[0], tmp_path / "copy.yaml")
    out = tmp_path / "a.yaml"
    said = _refused(cli("aggregate", str(bodies[0]), str(twin), "--organ", ORGAN, "-o", str(out)), out)
    assert "同一机关有不止一份报告" in said and str(twin) in said and str(bodies[0]) in said


def test_an_earlier_aggregate_of_the_same_body_is_refused(tmp_path: Path, bodies) -> None:
    first = tmp_path / "first.yaml"
    assert cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(first)).returncode == 0
    out = tmp_path / "again.yaml"
    said = _refused(cli("aggregate", *map(str, bodies), str(first), "--organ", ORGAN, "-o", str(out)), out)
    assert str(first) in said and ORGAN in said


def test_amounts_in_different_units_are_refused(tmp_path: Path) -> None:
    yuan = renamed(QINGLAN, tmp_path / "yuan.yaml", "青岚县水利局")
    yuan.write_text(yuan.read_text(encoding="utf-8").replace("unit: 万元", "unit: 元"), encoding="utf-8")
    out = tmp_path / "a.yaml"
    said = _refused(cli("aggregate", str(QINGLAN), str(yuan), "--organ", "青岚县汇总", "-o", str(out)), out)
    assert "单位不同" in said and f"万元：{QINGLAN}" in said and f"元：{yuan}" in said


@pytest.mark.parametrize("args, says", [
    ((), "至少一个报告文件"),
    (("missing.yaml",), "不存在"),
    (("empty",), "没有报告文件"),
    (("body.yaml", "--organ", " "), "--organ"),
    (("body.yaml", "--organ", "某局\a"), "Y-CHAR"),
])
def test_usage_problems_exit_2(tmp_path: Path, args, says) -> None:
    (tmp_path / "empty").mkdir()
    shutil.copy(LUYI, tmp_path / "body.yaml")
    out = tmp_path / "out.yaml"
    options = () if "--organ" in args else ("--organ", ORGAN)
    said = _refused(cli("aggregate", *args, *options, "-o", str(out), cwd=tmp_path), out, code=2)
    assert says in said


def test_the_output_is_never_an_input_and_replaces_a_file_only_with_force(tmp_path: Path, bodies) -> None:
    before = bodies[0].read_bytes()
    ran = cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(bodies[0]), "--force")
    assert ran.returncode == 2 and "要汇总的报告之一" in ran.stderr
    assert bodies[0].read_bytes() == before
    out = tmp_path / "a.yaml"
    out.write_text("keep", encoding="utf-8")
    ran = cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(out))
    assert ran.returncode == 2 and out.read_text(encoding="utf-8") == "keep"
    assert cli("aggregate", *map(str, bodies), "--organ", ORGAN, "-o", str(out), "--force").returncode == 0
    assert_sums(out, bodies)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---- the property: valid bodies sum to a valid report -----------------------------------------------

APPLICANTS = ("natural_person", "business", "research", "public_welfare", "legal_service", "other")
RESULT_ROWS = [r.path[1:] for r in APPLICATIONS.rows if r.path[0] == "results" and not r.row.total]
OUTCOMES = ("upheld", "corrected", "other", "pending")
SMALL = st.integers(0, 12) | st.just(0)
# a fee of up to 1,000,000 万元 with up to 6 decimals (13 significant digits): a few bodies' sum stays within the
# 15 digits a report's number may have (10^9 万元 and 0.000001 more would not, and is no body's fee)
FEE = st.integers(0, 6).flatmap(lambda places: st.integers(0, 10**(6 + places)).map(
    lambda n: Decimal(n).scaleb(-places)))


def _put(mapping: dict, path: tuple, value) -> None:
    for key in path[:-1]:
        mapping = mapping.setdefault(key, {})
    mapping[path[-1]] = value


@st.composite
def body(draw, carried_over: dict | None = None, in_force: dict | None = None) -> dict:
    """One body's tables that keep every rule; ``carried_over`` and ``in_force`` (last year's carried
    forward and in-force counts) make it the next year of a body that keep the cross-year rules too."""
    totals = draw(st.booleans())  # write the 总计 cells, or leave them to be derived
    applications: dict = {}
    for col in APPLICANTS:
        results = [draw(SMALL) for _ in RESULT_ROWS]
        over = carried_over[col] if carried_over else draw(SMALL)
        received = max(0, sum(results) - over) + draw(SMALL)
        for path, value in zip(RESULT_ROWS, results, strict=True):
            _put(applications, ("results", *path, col), value)
        _put(applications, ("received", col), received)
        _put(applications, ("carried_over", col), over)
        _put(applications, ("carried_forward", col), received + over - sum(results))
        if totals:
            _put(applications, ("results", "total", col), sum(results))
    if totals:
        for row in APPLICATIONS.rows:
            cells = applications
            for key in row.path:
                cells = cells[key]
            cells["total"] = sum(cells[c] for c in APPLICANTS)
    review = {row: {o: draw(SMALL) for o in OUTCOMES}
              for row in ("review", "litigation_direct", "litigation_after_review")}
    if totals:
        for cells in review.values():
            cells["total"] = sum(cells.values())
    documents = {}
    for row in ("regulations", "normative_documents"):
        issued, repealed = draw(SMALL), draw(SMALL)
        stock = in_force[row] + issued - repealed if in_force else draw(SMALL)
        if stock < 0:  # more repealed than there was: repeal what there was
            repealed, stock = repealed + stock, 0
        documents[row] = {"issued": issued, "repealed": repealed, "in_force": stock}
    proactive = {**documents, **{row: {"decisions": draw(st.integers(0, 10**5))}
                                 for row in ("licensing", "penalties", "coercive_measures")},
                 "fees": {"amount_wan_yuan": draw(FEE)}}
    return {"proactive_disclosure": proactive, "applications": applications, "review_and_litigation": review}


def report_text(organ: str, year: int, tables: dict) -> str:
    data = {"format": "2021", "organ": organ, "year": year,
            "overview": f"{year}年，本机关依法做好政府信息公开工作。", **tables,
            "problems_and_improvements": "信息公开的及时性有待提高，下一步将加强培训。",
            "other_matters": "本年度未收取信息处理费。"}
    fee = data["proactive_disclosure"]["fees"]["amount_wan_yuan"]
    data["proactive_disclosure"]["fees"]["amount_wan_yuan"] = "FEE"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text.replace("amount_wan_yuan: FEE", f"amount_wan_yuan: {fee:f}")  # as written, never 1e-06


def write_bodies(folder: Path, year: int, drawn: list[dict]) -> list[Path]:
    folder.mkdir()
    files = []
    for i, tables in enumerate(drawn):
        path = folder / f"body{i}.yaml"
        path.write_text(report_text(f"某县第{i + 1}局", year, tables), encoding="utf-8")
        assert check_file(path).ok, [d.format("en") for d in check_file(path).errors]
        files.append(path)
    return files


def _fees(files: list[Path]) -> Decimal:
    return sum((exact(yaml.safe_load(f.read_text(encoding="utf-8"))["proactive_disclosure"]["fees"]["amount_wan_yuan"])
                for f in files), Decimal(0))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=st.lists(body(), min_size=1, max_size=4))
def test_bodies_that_check_clean_sum_to_a_report_that_checks_clean(drawn: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = write_bodies(Path(tmp) / "in", 2024, drawn)
        out = Path(tmp) / "汇总.yaml"
        aggregate_to(files, ORGAN, out)
        assert_sums(out, files)
        found = {d.rule for d in check_file(out).diagnostics}
        assert found == ({"T2-04"} if _fees(files) >= FEE_LIMIT_UNKNOWN else set())


@st.composite
def two_years(draw) -> tuple[list[dict], list[dict]]:
    last = draw(st.lists(body(), min_size=1, max_size=3))
    now = [draw(body(carried_over=b["applications"]["carried_forward"],
                     in_force={row: b["proactive_disclosure"][row]["in_force"]
                               for row in ("regulations", "normative_documents")})) for b in last]
    return last, now


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years=two_years())
def test_the_aggregates_of_two_years_keep_the_cross_year_rules(years) -> None:
    last, now = years
    with tempfile.TemporaryDirectory() as tmp:
        before = write_bodies(Path(tmp) / "2023", 2023, last)
        after = write_bodies(Path(tmp) / "2024", 2024, now)
        for old, new in zip(before, after, strict=True):  # each body keeps them (T3-07, T2-03)
            assert not {d.rule for d in check_file(new, previous=old).diagnostics} & {"T3-07", "T2-03"}
        aggregate_to(before, ORGAN, Path(tmp) / "a2023.yaml")
        aggregate_to(after, ORGAN, Path(tmp) / "a2024.yaml")
        found = {d.rule for d in check_file(Path(tmp) / "a2024.yaml", previous=Path(tmp) / "a2023.yaml").diagnostics}
        assert not found - {"T2-04"}
