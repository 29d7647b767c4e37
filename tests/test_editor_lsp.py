"""Editor support, checked with the real yaml-language-server over the Language Server Protocol.

The documents are ``gipr-gen init`` skeletons, so the ``# yaml-language-server: $schema=`` modeline
that init writes is what ties them to the schema (relative inside the repo, a copy beside the report elsewhere).
The labels editors must show are the spec's (tests/data/official-2021.yaml).

These tests run a real server process: the point is what an editor shows, which only the server knows.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml

from conftest import ROOT, cli

REPO = ROOT
OFFICIAL = yaml.safe_load((REPO / "tests" / "data" / "official-2021.yaml").read_text(encoding="utf-8"))
LABEL = {row["path"]: row["label"] for row in OFFICIAL["tables"]["applications"]["rows"]}
MODELINE = "# yaml-language-server: $schema="
# What init writes one folder down in a checkout: the reference the bundled inputs/ examples carry
# (test_init holds init to it); outside a checkout init names a copy of the schema it writes beside the report.
RELATIVE_SCHEMA = (REPO / "inputs" / "luyi-zhenyuan-2023.yaml").read_text(encoding="utf-8").splitlines()[0][len(MODELINE):]
SCHEMA_FILE = (REPO / "inputs" / RELATIVE_SCHEMA).resolve()
SERVER = REPO / "node_modules" / ".bin" / "yaml-language-server"
TIMEOUT = 30.0  # seconds for any one answer from the server
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True}}

if shutil.which("node") is None:
    pytest.skip("node is not installed (yaml-language-server needs it; see .ci/setup)", allow_module_level=True)
if not SERVER.exists():
    pytest.skip(f"{SERVER} is missing; run .ci/setup (npm install yaml-language-server@1)", allow_module_level=True)


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}  # uri → latest publishDiagnostics
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                self.inbox.put(None)  # the server has gone
                return
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        reply = self._pump(lambda m: m.get("id") == rid and "method" not in m, method)
        assert "error" not in reply, reply["error"]
        return reply.get("result")

    def wait_diagnostics(self, uri: str) -> list[dict[str, Any]]:
        self._pump(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri,
                   f"diagnostics for {uri}")
        return self.diagnostics[uri]

    def _pump(self, done: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """Handle messages until ``done`` matches one; answers the server's own requests on the way."""
        deadline = time.monotonic() + TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                break
            if message is None:
                raise AssertionError(f"yaml-language-server exited while waiting for {what}")
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            elif "method" in message and "id" in message:  # e.g. workspace/configuration: never leave it waiting
                self.send({"id": message["id"], "result": self._answer(message)})
            if done(message):
                return message
        raise AssertionError(f"no {what} from yaml-language-server within {TIMEOUT:.0f} s")

    @staticmethod
    def _answer(request: dict[str, Any]) -> Any:
        if request["method"] == "workspace/configuration":
            return [SETTINGS.get(item.get("section")) for item in request["params"]["items"]]
        return None

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait(timeout=5)


@pytest.fixture(scope="module")
def lsp() -> Iterator[Client]:
    client = Client()
    try:
        client.request("initialize", {
            "processId": os.getpid(), "rootUri": REPO.as_uri(),
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                                              "completion": {"completionItem": {"snippetSupport": True}},
                                              "publishDiagnostics": {}}},
        })
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        yield client
    finally:
        client.close()


@pytest.fixture(scope="module")
def skeleton_text(tmp_path_factory) -> str:
    """A skeleton as ``gipr-gen init`` writes it outside a checkout (the modeline names the copy beside it)."""
    path = tmp_path_factory.mktemp("init") / "2024.yaml"
    res = cli("init", "--organ", "某局", "--year", "2024", "-o", str(path))
    assert res.returncode == 0, res.stderr
    return path.read_text(encoding="utf-8")


_count = 0


def open_doc(lsp: Client, skeleton_text: str, folder: Path,
             edit: Callable[[str], str] = lambda s: s) -> tuple[str, list[str]]:
    """Open an init skeleton (after ``edit``) as a new document in ``folder``; returns its URI and lines.
    The file itself need not exist: the server reads the text from didOpen. Inside the checkout the
    modeline is the relative one init writes there."""
    global _count
    _count += 1
    path = folder / f"lsp-{_count}.yaml"
    first, rest = skeleton_text.split("\n", 1)
    assert first == MODELINE + SCHEMA_FILE.name
    if REPO in path.parents:
        first = MODELINE + RELATIVE_SCHEMA
    text = edit(f"{first}\n{rest}")
    uri = path.as_uri()
    lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                         "text": text}})
    return uri, text.splitlines()


def at(lines: list[str], start: str, word: str | None = None) -> dict[str, int]:
    """The position of ``word`` (or just after the indent) on the first line starting with ``start``."""
    line = next(i for i, x in enumerate(lines) if x.lstrip().startswith(start))
    return {"line": line, "character": lines[line].index(word or start) + 1}


def hover_text(lsp: Client, uri: str, position: dict[str, int]) -> str:
    result = lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    assert result, f"no hover at {position}"
    contents = result["contents"]
    return contents["value"] if isinstance(contents, dict) else json.dumps(contents, ensure_ascii=False)


def completion_labels(lsp: Client, uri: str, position: dict[str, int]) -> set[str]:
    result = lsp.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})
    items = result["items"] if isinstance(result, dict) else result or []
    return {item["label"] for item in items} | {item.get("insertText", "").split(":")[0] for item in items}


# ---- the skeleton in a repository folder: relative modeline ---------------------------------------


@pytest.fixture(scope="module")
def skeleton(lsp: Client, skeleton_text: str) -> tuple[str, list[str]]:
    doc = open_doc(lsp, skeleton_text, REPO / "reports")
    assert doc[1][0] == MODELINE + "../schema/" + SCHEMA_FILE.name
    return doc


def test_valid_skeleton_has_no_diagnostics(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, _ = skeleton
    assert lsp.wait_diagnostics(uri) == []


def test_hover_on_a_row_key_shows_its_official_label(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, lines = skeleton
    assert LABEL["results.disclosed"] == "（一）予以公开"
    assert LABEL["results.disclosed"] in hover_text(lsp, uri, at(lines, "disclosed:"))
    withheld = next(g["label"] for g in OFFICIAL["tables"]["applications"]["groups"] if g.get("key") == "results.withheld")
    assert withheld in hover_text(lsp, uri, at(lines, "withheld:"))  # a group: （三）不予公开


def test_hover_on_a_column_key_shows_its_label(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, lines = skeleton
    business = OFFICIAL["tables"]["applications"]["columns"]["business"]
    assert business in hover_text(lsp, uri, at(lines, "disclosed:", "business"))
    regulations = next(r for r in OFFICIAL["tables"]["proactive_disclosure"]["rows"] if r["path"] == "regulations")
    assert regulations["columns"]["in_force"] in hover_text(lsp, uri, at(lines, "regulations:", "in_force"))


def test_hover_on_a_section_shows_its_heading(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, lines = skeleton
    heading = next(s["heading"] for s in OFFICIAL["sections"] if s["key"] == "review_and_litigation")
    assert heading in hover_text(lsp, uri, at(lines, "review_and_litigation:"))


# ---- completion -----------------------------------------------------------------------------------


def test_completion_offers_the_missing_rows_of_a_group(lsp: Client, skeleton_text: str) -> None:
    # state_secret's line is blanked out: on that indented empty line the server offers it back
    uri, lines = open_doc(lsp, skeleton_text, REPO / "reports", lambda s: "\n".join(
        "      " if x.lstrip().startswith("state_secret:") else x for x in s.splitlines()) + "\n")
    line = next(i for i, x in enumerate(lines) if x.lstrip().startswith("withheld:")) + 1
    offered = completion_labels(lsp, uri, {"line": line, "character": 6})
    assert "state_secret" in offered or LABEL["results.withheld.state_secret"] in offered
    assert "prohibited_by_law" not in offered  # already written


def test_completion_inside_a_flow_mapping_offers_the_columns(lsp: Client, skeleton_text: str) -> None:
    # Inside {…} yaml-language-server 1.x completes a key once its first letter is typed; right after
    # ", " with nothing typed it offers nothing, so the test types "b" as a user would.
    row = "disclosed:"
    uri, lines = open_doc(lsp, skeleton_text, REPO / "reports", lambda s: "\n".join(
        (x[:x.index("{")] + "{natural_person: 0, b}" if x.lstrip().startswith(row) else x) for x in s.splitlines()))
    position = at(lines, row, ", b}")
    position["character"] += 2  # just after the "b"
    offered = completion_labels(lsp, uri, position)
    missing = set(OFFICIAL["tables"]["applications"]["columns"]) - {"natural_person"}
    assert missing <= offered, offered
    assert "natural_person" not in offered  # already written


# ---- diagnostics on the right line: a report that travelled alone to a folder outside the repository,
# where `gipr-gen schema --write` puts the schema copy its modeline names ---------------------------


def test_wrong_types_are_reported_on_their_lines(lsp: Client, skeleton_text: str, tmp_path: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace("year: 2024", "year: abc", 1)
        return text.replace("{natural_person: 0,", '{natural_person: "12件",', 1)  # the first row: received

    assert cli("schema", "--write", str(tmp_path)).returncode == 0
    uri, lines = open_doc(lsp, skeleton_text, tmp_path, edit)
    assert lines[0] == MODELINE + SCHEMA_FILE.name
    diagnostics = lsp.wait_diagnostics(uri)
    by_line = {d["range"]["start"]["line"]: d for d in diagnostics}
    year, cell = at(lines, "year:")["line"], at(lines, "received:")["line"]
    assert set(by_line) == {year, cell}, diagnostics
    assert lines[cell][by_line[cell]["range"]["start"]["character"]:].startswith('"12件"')
    assert lines[year][by_line[year]["range"]["start"]["character"]:].startswith("abc")
    assert "integer" in by_line[year]["message"].lower()  # the server's own words: not this project's
