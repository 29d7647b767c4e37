"""What ``gipr-gen audit`` writes, read back by other programs: the page by headless Chromium (its DOM after the
page's own script ran, a click on a heading, a filter, a screenshot), the workbook by openpyxl, the JSON by
``json``. Expected counts and names come from ``gipr-gen check --format json`` and ``yaml.safe_load`` of the
same files, never from the audit itself."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import cli
from test_audit import PREVIOUS, XSS, check_json, make_folder

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
# Clicks the 错误 heading twice (descending), then shows only the reports published late.
CLICKS = """<script>
var th = Array.prototype.filter.call(document.querySelectorAll("#reports th"), function (h) { return h.textContent === "错误"; })[0];
th.click(); th.click();
var show = document.getElementById("show"); show.value = "late"; show.dispatchEvent(new Event("change"));
</script>
</body>"""


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], Path, Path]:
    root = tmp_path_factory.mktemp("audit")
    folder = make_folder(root / "reports")
    outputs = {}
    for lang in ("zh", "en"):
        out = root / f"out-{lang}"
        run = cli("audit", str(root / "reports"), "-o", str(out), "--lang", lang)
        assert run.returncode == 1, run.stderr
        outputs[lang] = out
    return folder, outputs["zh"], outputs["en"]


@pytest.fixture(scope="module")
def expected(written) -> dict[str, dict]:
    """Each readable report's organ (as written in YAML, else as audit's JSON names it), error and warning
    counts and findings, from check."""
    folder = written[0]
    out = {}
    for name, path in folder.items():
        if name == "f14":  # not a report: no check output to compare
            continue
        found = check_json(path, folder[PREVIOUS[name]] if name in PREVIOUS else None)
        organ = yaml.safe_load(path.read_text(encoding="utf-8"))["organ"] if path.suffix == ".yaml" else None
        out[str(path)] = {"organ": organ, "errors": sum(d["severity"] == "error" for d in found),
                          "warnings": sum(d["severity"] == "warning" for d in found), "findings": found}
    return out


# ---- the page in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(written, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | Path]:
    """Chromium's DOM of the page, of the page clicked and filtered, of the English page, and a screenshot."""
    if not Path(CHROMIUM).is_file():
        pytest.skip("chromium is not installed (.ci/setup installs the Debian package chromium)")
    _, zh, en = written
    tmp = tmp_path_factory.mktemp("chromium")
    clicked = zh / "clicked.html"
    clicked.write_text((zh / "audit.html").read_text(encoding="utf-8").replace("</body>", CLICKS), encoding="utf-8")
    shot = tmp / "audit.png"
    jobs = {"zh": ["--dump-dom", (zh / "audit.html").as_uri()], "clicked": ["--dump-dom", clicked.as_uri()],
            "en": ["--dump-dom", (en / "audit.html").as_uri()],
            "shot": ["--window-size=1400,1000", f"--screenshot={shot}", (zh / "audit.html").as_uri()]}
    procs = {}
    for name, args in jobs.items():
        profile = tmp / f"profile-{name}"
        procs[name] = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
    out: dict[str, bytes | Path] = {}
    try:
        for name, proc in procs.items():
            dom, _ = proc.communicate(timeout=60)
            assert proc.returncode == 0, name
            out[name] = dom
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    out["shot"] = shot
    return out


def _document(dom: bytes):
    from lxml import html

    return html.fromstring(dom.decode("utf-8"))


def _rows(doc) -> list:
    return doc.xpath('//table[@id="reports"]/tbody/tr')


def test_the_page_shows_every_report_with_check_s_counts(written, expected, browser) -> None:
    doc = _document(browser["zh"])
    rows = _rows(doc)
    assert len(rows) == len(written[0])
    shown = {}
    for row in rows:
        cells = [c.text_content() for c in row.xpath("./td")]
        shown[cells[-1]] = (cells[0], int(cells[3]), int(cells[4]))
    for path, e in expected.items():
        organ, errors, warnings = shown[path]
        assert (errors, warnings) == (e["errors"], e["warnings"]), path
        assert e["organ"] is None or organ == e["organ"], path
    assert doc.xpath('string(//span[@id="count"])') == f"显示 {len(rows)} / {len(rows)} 份"  # the script ran


def test_the_page_holds_every_finding_with_its_place(expected, browser) -> None:
    doc = _document(browser["zh"])
    text = " ".join(doc.xpath('//table[@class="findings"]//td/text()'))
    for e in expected.values():
        for d in e["findings"]:
            assert d["message"] in text


def test_a_hostile_name_is_text_on_the_page(written, browser) -> None:
    doc = _document(browser["zh"])
    assert len(doc.xpath("//script")) == 1  # the page's own, and no other
    assert XSS in [a.text_content() for a in doc.xpath('//table[@id="reports"]//td[1]/a')]
    assert any('x<i>&"y.yaml' in a.text_content() for a in doc.xpath("//a"))
    assert not doc.xpath("//i") and not doc.xpath("//img")


def test_a_click_sorts_and_the_filter_hides(expected, written, browser) -> None:
    doc = _document(browser["clicked"])
    rows = _rows(doc)
    errors = [int(r.xpath("./td")[3].text_content()) for r in rows]
    assert errors == sorted(errors, reverse=True) and errors[0] > 0
    heading = [th for th in doc.xpath('//table[@id="reports"]/thead//th') if th.text_content() == "错误"][0]
    assert heading.get("aria-sort") == "descending"
    visible = [r for r in rows if r.get("hidden") is None]
    assert [r.xpath("./td")[-1].text_content() for r in visible] == [str(written[0]["late"])]
    assert doc.xpath('string(//span[@id="count"])') == f"显示 1 / {len(rows)} 份"


def test_the_english_page(browser) -> None:
    doc = _document(browser["en"])
    assert doc.get("lang") == "en"
    assert [th.text_content() for th in doc.xpath('//table[@id="reports"]/thead//th')][:5] == \
        ["Body", "Year", "Format", "Errors", "Warnings"]


def test_the_screenshot_is_taken(browser) -> None:
    shot = browser["shot"]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_the_page_loads_nothing(written) -> None:
    page = (written[1] / "audit.html").read_text(encoding="utf-8")
    assert "http://" not in page.replace('xmlns="http://', "") and "https://" not in page
    assert "<link" not in page and " src=" not in page and "@import" not in page


# ---- the workbook ------------------------------------------------------------------------------------


def test_the_workbook_opens_with_its_chinese_and_check_s_counts(written, expected) -> None:
    book = openpyxl.load_workbook(written[1] / "audit.xlsx")
    assert book.sheetnames == ["报告", "问题"]
    reports, findings = book["报告"], book["问题"]
    header = [c.value for c in reports[1]]
    assert header[:5] == ["机关", "年度", "格式", "错误", "警告"] and reports.freeze_panes == "A2"
    assert reports.auto_filter.ref.startswith("A1:")
    rows = {row[header.index("文件")]: row for row in reports.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(written[0])
    for path, e in expected.items():
        row = rows[path]
        assert (row[3], row[4]) == (e["errors"], e["warnings"]), path
        assert e["organ"] is None or row[0] == e["organ"], path
    column = header.index("文件") + 1
    files = [c.value for c in next(reports.iter_cols(min_col=column, max_col=column))]
    copied = reports.cell(row=files.index(str(written[0]["yunxi-2024"])) + 1, column=header.index("雷同率") + 1)
    assert copied.value == 1 and copied.number_format == "0%"
    found = [row for row in findings.iter_rows(min_row=2, values_only=True)]
    assert len(found) == sum(len(e["findings"]) for e in expected.values())
    messages = {(row[2], row[5], row[6]) for row in found}
    for path, e in expected.items():
        assert {(path, d["rule"], d["message"]) for d in e["findings"]} <= messages


def test_the_json_holds_check_s_findings(written, expected) -> None:
    data = json.loads((written[1] / "audit.json").read_text(encoding="utf-8"))
    for r in data["reports"]:
        if r["path"] in expected:
            keys = ("file", "line", "column", "rule", "severity", "message")
            assert [{k: f[k] for k in keys} for f in r["findings"]] == \
                [{k: d[k] for k in keys} for d in expected[r["path"]]["findings"]]
