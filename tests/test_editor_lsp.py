"""Editor support, checked with the real yaml-language-server over the Language Server Protocol.

The documents are ``gipr-gen init`` skeletons, so the ``# yaml-language-server: $schema=`` modeline
that init writes is what ties them to the schema (relative inside the repo, absolute elsewhere).
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

from gipr_gen.formats.f2021 import layout as L
from gipr_gen.formats import F2021
from gipr_gen.resources import schema_path
from gipr_gen.api import schema_reference
from gipr_gen.formats import F2021
from gipr_gen.writers.skeleton import skeleton as make_skeleton

REPO = Path(__file__).resolve().parent.parent
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


_count = 0


def open_doc(lsp: Client, folder: Path, edit: Callable[[str], str] = lambda s: s) -> tuple[str, list[str]]:
    """Open an init skeleton (after ``edit``) as a new document; returns its URI and lines.
    The file itself need not exist: the server reads the text from didOpen."""
    global _count
    _count += 1
    path = folder / f"lsp-{_count}.yaml"
    text = edit(make_skeleton(F2021, "某局", 2024, None, None, schema_reference(path, F2021)))
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
def skeleton(lsp: Client) -> tuple[str, list[str]]:
    doc = open_doc(lsp, REPO / "reports")
    assert doc[1][0].endswith(f"$schema=../schema/{schema_path().name}")
    return doc


def test_valid_skeleton_has_no_diagnostics(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, _ = skeleton
    assert lsp.wait_diagnostics(uri) == []


def test_hover_on_a_row_key_shows_its_official_title(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, lines = skeleton
    disclosed = L.APPLICATIONS.row(("results", "disclosed"))
    assert disclosed.label in hover_text(lsp, uri, at(lines, "disclosed:"))
    withheld = next(g for g in L.APPLICATIONS.body[2].children if isinstance(g, L.Group) and g.key == "withheld")
    assert withheld.label in hover_text(lsp, uri, at(lines, "withheld:"))


def test_hover_on_a_column_key_shows_its_label(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, lines = skeleton
    business = next(c for c in L.APPLICANT_COLUMNS if c.key == "business")
    assert business.label in hover_text(lsp, uri, at(lines, "disclosed:", "business"))
    in_force = next(c for c in L.PROACTIVE.row(("regulations",)).columns if c.key == "in_force")
    assert in_force.label in hover_text(lsp, uri, at(lines, "regulations:", "in_force"))


def test_hover_on_a_section_shows_its_heading(lsp: Client, skeleton: tuple[str, list[str]]) -> None:
    uri, lines = skeleton
    section = F2021.section_by_key["review_and_litigation"]
    assert section.heading in hover_text(lsp, uri, at(lines, "review_and_litigation:"))


# ---- completion -----------------------------------------------------------------------------------


def test_completion_offers_the_missing_rows_of_a_group(lsp: Client) -> None:
    # state_secret's line is blanked out: on that indented empty line the server offers it back
    uri, lines = open_doc(lsp, REPO / "reports", lambda s: "\n".join(
        "      " if x.lstrip().startswith("state_secret:") else x for x in s.splitlines()) + "\n")
    line = next(i for i, x in enumerate(lines) if x.lstrip().startswith("withheld:")) + 1
    offered = completion_labels(lsp, uri, {"line": line, "character": 6})
    assert "state_secret" in offered or L.APPLICATIONS.row(("results", "withheld", "state_secret")).label in offered
    assert "prohibited_by_law" not in offered  # already written


def test_completion_inside_a_flow_mapping_offers_the_columns(lsp: Client) -> None:
    # Inside {…} yaml-language-server 1.x completes a key once its first letter is typed; right after
    # ", " with nothing typed it offers nothing, so the test types "b" as a user would.
    row = "disclosed:"
    uri, lines = open_doc(lsp, REPO / "reports", lambda s: "\n".join(
        (x[:x.index("{")] + "{natural_person: 0, b}" if x.lstrip().startswith(row) else x) for x in s.splitlines()))
    position = at(lines, row, ", b}")
    position["character"] += 2  # just after the "b"
    offered = completion_labels(lsp, uri, position)
    missing = {c.key for c in L.APPLICANT_COLUMNS} - {"natural_person"}
    assert missing <= offered, offered
    assert "natural_person" not in offered  # already written


# ---- diagnostics on the right line: absolute modeline (a folder outside the repository) ------------


def test_wrong_types_are_reported_on_their_lines(lsp: Client, tmp_path: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace("year: 2024", "year: abc", 1)
        return text.replace("{natural_person: 0,", '{natural_person: "12件",', 1)  # the first row: received

    uri, lines = open_doc(lsp, tmp_path, edit)
    assert lines[0] == f"# yaml-language-server: $schema={schema_path().resolve().as_posix()}"
    diagnostics = lsp.wait_diagnostics(uri)
    by_line = {d["range"]["start"]["line"]: d for d in diagnostics}
    year, cell = at(lines, "year:")["line"], at(lines, "received:")["line"]
    assert set(by_line) == {year, cell}, diagnostics
    assert lines[cell][by_line[cell]["range"]["start"]["character"]:].startswith('"12件"')
    assert "integer" in by_line[year]["message"].lower()
