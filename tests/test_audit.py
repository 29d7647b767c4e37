"""``gipr-gen audit`` on a folder of several bodies' reports over several years, YAML and published.

Expected values come from outside the audit: each report's findings from ``gipr-gen check --format json``
(with ``--previous`` last year's file, picked here by hand), figures from the files read with
``yaml.safe_load``, deadlines from 条例 Art. 49 (spec §1.2), copy shares from how the files were made.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gipr_gen.audit import audit, copying
from gipr_gen.audit.chain import previous_of
from gipr_gen.collect import CollectError
from gipr_gen.audit.identity import Identity, identify, organ_key
from gipr_gen.audit.result import Audit, ReportResult
from gipr_gen.readers.yaml_source import read_file

from conftest import ROOT, cli

INPUTS = ROOT / "inputs"
PUBLISHED = ROOT / "tests" / "data" / "published"
YUNXI = (INPUTS / "yunxi-county-market-regulation-2024.yaml").read_text(encoding="utf-8")
LUYI = (INPUTS / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8")
SUINING = (INPUTS / "suining-ciyin-2023.yaml").read_text(encoding="utf-8")
XSS = "<script>alert(1)</script>"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_folder(root: Path) -> dict[str, Path]:
    """Reports of four bodies over several years, in folders by year, and a few files that are not quite reports."""
    f = {
        # 云溪县市场监督管理局, 2022-2024: 2023 is 2024's text with the year changed (copied wholesale), and
        # 2022's organ is written with spaces and full-width brackets no two years' files share
        "yunxi-2022": _write(root / "2022" / "yunxi.yaml", YUNXI.replace("2024", "2022").replace(
            "organ: 云溪县市场监督管理局", "organ: 云溪县　市场监督管理局")),
        "yunxi-2023": _write(root / "2023" / "yunxi.yaml", YUNXI.replace("2024", "2023")),
        "yunxi-2024": _write(root / "2024" / "yunxi.yaml", YUNXI),
        # 鹿邑县真源街道办事处, 2022 (another body's text under its name) and 2023
        "luyi-2022": _write(root / "2022" / "luyi.yaml", SUINING.replace("2023", "2022").replace(
            "organ: 遂宁市河东新区慈音街道办事处", "organ: 鹿邑县真源街道办事处")),
        "luyi-2023": _write(root / "2023" / "luyi.yaml", LUYI),
        # a body whose name is a script, in a file whose name is markup
        "xss": _write(root / "2024" / 'x<i>&"y.yaml', YUNXI.replace("organ: 云溪县市场监督管理局", f'organ: "{XSS}"')),
    }
    published = root / "published"
    published.mkdir()
    page = (PUBLISHED / "f01-county-bureau-2023-page-utf8.html").read_text(encoding="utf-8")
    assert page.count("2024-01-22") >= 1
    f["late"] = _write(published / "qinglan-agriculture-2023.html", page.replace("2024-01-22", "2024-02-05"))
    for name in ("f07-street-2021-pipes.txt", "f12-education-bureau-2022-mixed-cells-per-line.txt",
                 "f14-civil-affairs-2018-legacy.html"):
        f[name[:3]] = Path(shutil.copy(PUBLISHED / name, published / name))
    # 望洲市市场监督管理局's pages of 2024 and (its years moved back one) 2023: a chain of published reports
    page = (PUBLISHED / "f13-market-regulation-2024-sums-wrong.html").read_text(encoding="utf-8")
    f["wangzhou-2023"] = _write(published / "wangzhou-2023.html",
                                page.replace("2024", "\0").replace("2025", "2024").replace("\0", "2023"))
    f["wangzhou-2024"] = _write(published / "wangzhou-2024.html", page)
    return f


# Last year's report of each file, as a person reading the folder names them
PREVIOUS = {"yunxi-2023": "yunxi-2022", "yunxi-2024": "yunxi-2023", "luyi-2023": "luyi-2022",
            "wangzhou-2024": "wangzhou-2023"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_folder(tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="module")
def audited(folder: dict[str, Path]) -> Audit:
    return audit([folder["yunxi-2022"].parent.parent], "zh", jobs=2)


def by_path(result: Audit) -> dict[str, ReportResult]:
    return {r.path: r for r in result.reports}


def check_json(path: Path, previous: Path | None = None) -> list[dict]:
    """What ``gipr-gen check --format json`` says of ``path`` (not of ``previous``, which it may add)."""
    run = cli("check", "--format", "json", *(["--previous", str(previous)] if previous else []), str(path))
    assert run.returncode in (0, 1), run.stderr
    other = {str(previous), str(previous.with_suffix(".yaml"))} if previous else set()
    return [d for d in json.loads(run.stdout) if d["file"] not in other]


# ---- findings ----------------------------------------------------------------------------------------


# Body by body in the order of each body's first file (folders walked in name order), each body's by year
ORDER = ["luyi-2022", "luyi-2023", "yunxi-2022", "yunxi-2023", "yunxi-2024", "xss", "f07", "f12", "f14", "late",
         "wangzhou-2023", "wangzhou-2024"]


def test_every_report_is_audited_once_body_by_body(folder: dict[str, Path], audited: Audit) -> None:
    assert sorted(ORDER) == sorted(folder)
    assert [r.path for r in audited.reports] == [str(folder[name]) for name in ORDER]


def test_findings_are_exactly_those_check_gives(folder: dict[str, Path], audited: Audit) -> None:
    results = by_path(audited)
    compared = 0
    for name, path in folder.items():
        result = results[str(path)]
        if result.error:
            continue
        previous = folder[PREVIOUS[name]] if name in PREVIOUS else None
        found = [{"file": f.file, "line": f.line, "column": f.column, "rule": f.rule, "severity": f.severity,
                  "message": f.message, **({"place": f.place} if f.place is not None else {})}
                 for f in result.findings]
        assert found == check_json(path, previous), name
        compared += 1
    assert compared == len(folder) - 1  # all but the pre-2019 report


def test_one_process_and_two_give_the_same_audit(folder: dict[str, Path], audited: Audit) -> None:
    assert audit([folder["yunxi-2022"].parent.parent], "zh", jobs=1) == audited


def test_a_file_that_is_no_report_is_a_row_with_its_reason(folder: dict[str, Path], audited: Audit) -> None:
    legacy = by_path(audited)[str(folder["f14"])]
    assert legacy.error and "I-05" in legacy.error and legacy.errors == 1 and not legacy.findings
    assert not legacy.io_error and audited.failed


# ---- the chain of a body's reports --------------------------------------------------------------------


def test_bodies_are_chained_by_their_normalised_name_in_year_order(folder: dict[str, Path], audited: Audit) -> None:
    results = by_path(audited)
    for year, position in ((2022, 1), (2023, 2), (2024, 3)):
        link = results[str(folder[f"yunxi-{year}"])].link
        assert (link.position, link.years) == (position, (2022, 2023, 2024))
        previous = folder.get(PREVIOUS.get(f"yunxi-{year}", ""))
        assert link.previous == (str(previous) if previous else None)
    assert results[str(folder["yunxi-2022"])].organ == "云溪县　市场监督管理局"  # as written
    xss = results[str(folder["xss"])].link
    assert (xss.position, xss.years, xss.previous) == (1, (2024,), None)  # a body of its own


def test_the_cross_year_rules_run_against_last_year_s_report(folder: dict[str, Path], audited: Audit) -> None:
    results = by_path(audited)
    now, before = (yaml.safe_load(folder[k].read_text(encoding="utf-8")) for k in ("yunxi-2024", "yunxi-2023"))
    link = results[str(folder["yunxi-2024"])].link
    cin = now["applications"]["carried_over"]["total"]
    cout = before["applications"]["carried_forward"]["total"]
    assert (link.compared, link.carried_over, link.carried_forward) == (True, cin, cout)
    assert link.carry_ok is (cin == cout) is False  # 3 carried over, 7 carried forward the year before
    rules = {f.rule for f in results[str(folder["yunxi-2024"])].findings}
    assert {"T3-07", "T2-03"} <= rules and link.in_force_ok is False
    luyi = results[str(folder["luyi-2023"])].link
    luyi_before = yaml.safe_load(folder["luyi-2022"].read_text(encoding="utf-8"))
    assert luyi.carried_forward == luyi_before["applications"]["carried_forward"]["total"]


def test_a_chain_of_published_reports(folder: dict[str, Path], audited: Audit) -> None:
    results = by_path(audited)
    first, second = results[str(folder["wangzhou-2023"])], results[str(folder["wangzhou-2024"])]
    assert (first.year, second.year) == (2023, 2024) and first.organ == second.organ == "望洲市市场监督管理局"
    assert (first.link.previous, second.link.previous) == (None, str(folder["wangzhou-2023"]))
    assert second.copying.share == 1.0  # the same page, its years moved


@pytest.mark.parametrize("years, expected", [
    ((2021, 2022, 2023), [None, 0, 1]),
    ((2021, 2021, 2023), [None, None, 0]),  # two files of 2021: the first is last year's; 2022 missing
    ((2022, None), [None, None]),
    ((), []),
])
def test_last_year_is_the_first_report_of_the_nearest_earlier_year(years: tuple, expected: list) -> None:
    assert previous_of(years) == expected


# ---- copying, deadline, format, sections ------------------------------------------------------------


def test_a_report_copied_from_last_year_is_flagged(folder: dict[str, Path], audited: Audit) -> None:
    results = by_path(audited)
    copied = results[str(folder["yunxi-2024"])].copying  # its text is 2023's with the year changed
    assert copied.sentences > 10 and copied.repeated == copied.sentences and copied.share == 1.0
    assert all(s in YUNXI for s in copied.examples) and len(copied.examples) == copying.EXAMPLES
    other = results[str(folder["luyi-2023"])].copying  # last year's text was another body's
    assert other.sentences > 5 and other.share < copying.FLAG
    assert results[str(folder["yunxi-2022"])].copying is None  # nothing earlier to compare with


def test_sentences_are_split_at_their_ends_and_compared_without_figures_or_spaces() -> None:
    text = "2023年，我局共收到申请12件！　全部按期答复；下一步将继续加强培训?\n无。"
    parts = copying._SENTENCE.findall(text)
    assert parts == ["2023年，我局共收到申请12件！", "　全部按期答复；", "下一步将继续加强培训?", "无。"]
    assert copying.normalised("２０２４年，我局 共收到申请 ３ 件。") == copying.normalised("2023年我局共收到申请12件！")
    assert copying.normalised("本年度未收取费用。") != copying.normalised("本年度收取费用。")
    counted = copying.compare([("a", "x" * 8), ("b", "y" * 8)], [("c", "x" * 8)])
    assert counted == (2, 1, ("a",))


def test_publication_date_against_the_deadline(folder: dict[str, Path], audited: Audit) -> None:
    late = by_path(audited)[str(folder["late"])]
    # 青岚县农业农村局, a county department: its 2023 report is due by 31 January 2024 (条例 Art. 49)
    days = (date(2024, 2, 5) - date(2024, 1, 31)).days
    assert (late.publication.published, late.publication.deadline, late.publication.days_late) == \
        ("2024-02-05", "2024-01-31", days)
    assert late.publication.status == "late"
    (s04,) = [f for f in late.findings if f.rule == "S-04"]
    assert s04.severity == "warning" and "2024-01-31" in s04.message
    yunxi = by_path(audited)[str(folder["yunxi-2024"])].publication
    assert (yunxi.published, yunxi.deadline, yunxi.status) == (None, "2025-01-31", "unknown")


def test_old_format_tables_and_missing_sections(folder: dict[str, Path], audited: Audit) -> None:
    results = by_path(audited)
    mixed = results[str(folder["f12"])]
    assert mixed.old_format == "tables" and any(f.rule == "I-04" for f in mixed.findings)
    street = results[str(folder["f07"])]
    assert [(p.kind, p.section) for p in street.sections] == [("missing", "六、其他需要报告的事项")]
    assert all(r.old_format is None for r in results.values() if r.path.endswith(".yaml"))


def test_a_2019_format_report_of_2021_or_later_is_old_format(tmp_path: Path) -> None:
    text = (INPUTS / "qinglan-county-transport-2020.yaml").read_text(encoding="utf-8")
    _write(tmp_path / "2020.yaml", text)
    _write(tmp_path / "2021.yaml", text.replace("year: 2020", "year: 2021"))
    results = {Path(r.path).name: r for r in audit([tmp_path], "zh", jobs=1).reports}
    assert (results["2020.yaml"].format, results["2020.yaml"].old_format) == ("2019", None)
    assert (results["2021.yaml"].format, results["2021.yaml"].old_format) == ("2019", "report")


def test_sections_merged_under_one_heading(tmp_path: Path) -> None:
    source = (PUBLISHED / "f08-township-2023-tabs.txt").read_text(encoding="utf-8")
    five, six = "五、存在的主要问题及改进情况", "六、其他需要报告的事项"
    assert five in source and six in source
    merged = source.replace(five, "五、存在的主要问题及改进情况和其他需要报告的事项").replace(six + "\n", "")
    report = _write(tmp_path / "merged.txt", merged)
    (result,) = audit([report], "zh", jobs=1).reports
    assert ("merged", six) in [(p.kind, p.section) for p in result.sections]


# ---- which body and year a file is -------------------------------------------------------------------


def test_organ_names_match_across_spaces_and_character_widths() -> None:
    assert organ_key(" 云溪县　市场监督管理局\u200b") == organ_key("云溪县市场监督管理局")
    assert organ_key("某市（开发区）管委会") == organ_key("某市(开发区)管委会")
    assert organ_key("云溪县市场监督管理局") != organ_key("云溪县市场监督管理所")


_NAMES = st.text(st.sampled_from("云溪县局 　#:'\"\\-{}[]&*!|>%@`ab1\t"), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(organ=_NAMES, style=st.sampled_from(["plain", "double", "single", "dumped"]),
       year=st.sampled_from(["2024", "'2024'", "2024 # 年度", "二〇二四", "20 24"]),
       newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans(), gbk=st.booleans())
def test_the_quick_look_reads_organ_and_year_as_the_reader_does(tmp_path_factory, organ: str, style: str,
                                                                 year: str, newline: str, bom: bool, gbk: bool) -> None:
    written = {"plain": organ, "double": f'"{organ}"', "single": f"'{organ}'",
               "dumped": yaml.safe_dump(organ, allow_unicode=True).removesuffix("\n...\n").strip()}[style]
    path = tmp_path_factory.mktemp("look") / "r.yaml"
    text = f'organ: {written}   # 机关\nyear: {year}\nformat: "2021"\n'.replace("\n", newline)
    tail = "# 上年报告\n".encode("gbk") if gbk else b""  # a comment saved from another editor: not UTF-8
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8") + tail)
    data = read_file(str(path), str(path)).data
    organ_read = data.get("organ") if isinstance(data, dict) else None
    year_read = data.get("year") if isinstance(data, dict) else None
    expected_organ = organ_read.strip() or None if isinstance(organ_read, str) else None
    expected_year = year_read if type(year_read) is int else None
    assert identify(str(path)) == Identity(str(path), expected_organ, expected_year)


# ---- the command ---------------------------------------------------------------------------------------


def test_command_writes_the_three_outputs_and_exits_1_on_errors(folder: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = cli("audit", str(folder["yunxi-2022"].parent.parent), "-o", str(out), "--jobs", "1")
    assert run.returncode == 1, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["audit.html", "audit.json", "audit.xlsx"]
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in data["reports"]] == [str(folder[name]) for name in ORDER]
    assert f"审核了 {len(folder)} 份报告" in run.stderr, run.stderr


def test_command_exit_codes(tmp_path: Path) -> None:
    clean = _write(tmp_path / "in" / "2024.yaml", YUNXI)
    ok = cli("audit", str(clean), "-o", str(tmp_path / "out"), "--lang", "en")
    assert ok.returncode == 0 and "audited 1 report:" in ok.stderr, ok.stderr
    missing = cli("audit", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert missing.returncode == 2 and "nowhere" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("audit", str(empty), "-o", str(tmp_path / "out")).returncode == 2
    assert cli("audit").returncode == 2
    assert cli("audit", str(clean), "--jobs", "0").returncode == 2


def test_the_output_folder_is_not_audited_and_no_input_is_written_over(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    _write(folder / "2024.yaml", YUNXI)
    first = cli("audit", str(folder), "-o", str(folder / "audit"))
    again = cli("audit", str(folder), "-o", str(folder / "audit"))
    assert first.returncode == again.returncode == 0, again.stderr
    data = json.loads((folder / "audit" / "audit.json").read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in data["reports"]] == ["2024.yaml"]
    named = _write(tmp_path / "named" / "audit.json", YUNXI)  # a report that bears an output's name
    refused = cli("audit", str(named), "-o", str(named.parent))
    assert refused.returncode == 2 and named.read_text(encoding="utf-8") == YUNXI


def test_a_path_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CollectError) as exc:
        audit([tmp_path / "none"], "zh", jobs=1)
    assert exc.value.key == "collect.no_such_path"


def test_a_device_named_is_a_row_with_its_error_and_a_pipe_is_refused(tmp_path: Path) -> None:
    import os

    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")  # endless: read within the reader's bound, then said to be no report
    res = cli("audit", str(zero), "-o", str(tmp_path / "out"))
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
    data = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in data["reports"]] == ["zero.yaml"]
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(CollectError) as exc:
        audit([pipe], "zh", jobs=1)
    assert exc.value.key == "collect.not_a_file"


def test_a_file_that_cannot_be_opened_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    _write(folder / "2024.yaml", YUNXI)
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")  # listed in the folder, not there to read
    run = cli("audit", str(folder), "-o", str(tmp_path / "out"))
    assert run.returncode == 2, run.stderr
    data = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    gone = next(r for r in data["reports"] if r["path"].endswith("gone.yaml"))
    assert gone["io_error"] and gone["error"] and gone["errors"] == 1


def test_a_chain_whose_work_failed_is_rows_saying_so(folder: dict[str, Path], monkeypatch) -> None:
    import gipr_gen.audit as audit_module

    real = audit_module.check_chain

    def failing(task):
        if any("luyi" in m.path for m in task.members):
            raise RuntimeError("worker lost")
        return real(task)

    monkeypatch.setattr(audit_module, "check_chain", failing)
    results = by_path(audit([folder["luyi-2022"].parent.parent], "zh", jobs=1))
    for name in ("luyi-2022", "luyi-2023"):
        assert "worker lost" in results[str(folder[name])].error
    assert results[str(folder["yunxi-2024"])].error is None


def test_an_interrupted_audit_leaves_no_file(tmp_path: Path) -> None:
    from gipr_gen.audit import outputs

    def interrupted():
        yield ReportResult("a.yaml", "yaml", organ="某局", year=2024)
        raise KeyboardInterrupt

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        outputs.write(interrupted(), "zh", out, [])
    assert not out.exists()
    out.mkdir()
    (out / "audit.html").write_text("earlier", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        outputs.write(interrupted(), "zh", out, [])
    assert [p.name for p in out.iterdir()] == ["audit.html"] and (out / "audit.html").read_text() == "earlier"


def test_import_writes_the_page_s_date_as_the_published_field(tmp_path: Path) -> None:
    run = cli("import", str(PUBLISHED / "f01-county-bureau-2023-page-utf8.html"), "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    written = tmp_path / "f01-county-bureau-2023-page-utf8.yaml"
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["published"] == "2024-01-22"
    assert cli("check", str(written)).returncode == 0
