"""LanguageTool as a second opinion for criterion 6.xxiv.

The real LanguageTool server (Java) cannot be installed on this machine: no registry here has it.
So these tests run a small HTTP server in-process (http.server on 127.0.0.1, port 0, in a
thread) that speaks the same API — `GET /v2/languages`, `POST /v2/check` with form fields
`text` and `language`, answering matches with the fields the Java server sends (`rule` with its
`category`, `context`, `replacements`) — and, like the Java server, counts offsets in UTF-16 code
units. Our client reaches it through language-tool-python, as in production.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from redes_desktop.checks.languagetool import LanguageToolClient, utf16_to_codepoint_map
from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_spelling import SpellingRule
from redes_desktop.checks.spelling import InstitutionalDictionary, open_spell_checker
from redes_desktop.models.enums import Network

NETWORK = next(iter(Network))


def u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@dataclass
class Behaviour:
    # word -> (rule id, issue type, message, replacements)
    known: dict[str, tuple[str, str, str, list[str]]] = field(default_factory=dict)
    mode: str = "ok"  # ok | slow | error500 | badjson | codepoints
    release: threading.Event = field(default_factory=threading.Event)
    answered: threading.Event = field(default_factory=threading.Event)  # a held answer was sent
    requests: list[dict[str, str]] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)  # raw matches sent as they are


def make_handler(b: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path == "/v2/languages":
                langs = [{"name": "Spanish", "code": "es", "longCode": "es"}]
                self._send(200, json.dumps(langs).encode())
            else:
                self._send(404, b"{}")

        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))
            b.requests.append(form)
            if b.mode == "slow":
                b.release.wait(10)
                b.answered.set()
            if b.mode == "error500":
                return self._send(500, b"Internal Server Error")
            if b.mode == "badjson":
                return self._send(200, b"<html>no es json</html>")
            text = form["text"]
            matches = []
            for word, (rule_id, issue, message, repl) in b.known.items():
                i = text.find(word)
                if i < 0:
                    continue
                java = b.mode != "codepoints"
                offset = u16(text[:i]) if java else i
                length_ = u16(word) if java else len(word)
                matches.append(raw_match(message, offset, length_, rule_id, issue, repl, text))
            matches += b.extra
            self._send(200, json.dumps({"matches": matches}).encode("utf-8"))

    return Handler


def raw_match(message: str, offset: int, length: int, rule_id: str = "X",
              issue: str = "grammar", replacements: tuple[str, ...] | list[str] = (),
              text: str = "") -> dict:
    """A match as LanguageTool's /v2/check sends it."""
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": offset,
        "length": length,
        "context": {"text": text, "offset": offset, "length": length},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": {"id": rule_id, "description": message, "issueType": issue,
                 "category": {"id": "TYPOS" if issue == "misspelling" else "GRAMMAR",
                              "name": "Categoría"}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the slow test's client hangs up before the held answer is written


@pytest.fixture
def lt() -> Iterator[tuple[str, Behaviour]]:
    behaviour = Behaviour()
    server = QuietServer(("127.0.0.1", 0), make_handler(behaviour))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", behaviour
    finally:
        behaviour.release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def checker():
    return open_spell_checker()


def grammar(word: str, repl: str) -> tuple[str, str, str, list[str]]:
    return ("CONCORDANCIA", "grammar", "Posible falta de concordancia.", [repl])


def test_utf16_map() -> None:
    assert utf16_to_codepoint_map("a😀b") == [0, 1, 1, 2, 3]


def test_probe_and_check_with_an_emoji_before_the_error(lt: tuple[str, Behaviour]) -> None:
    url, b = lt
    b.known["los casilla"] = grammar("los casilla", "las casillas")
    client = LanguageToolClient(url + "/v2", timeout_s=2)
    assert client.probe() is None
    assert LanguageToolClient(url, language="de-DE").probe() is not None
    text = "🗳️😀👍 Ubica los casilla 🇲🇽"
    result = client.check(text)
    assert result.ok
    (m,) = result.matches
    assert text[m.start : m.end] == "los casilla"  # UTF-16 offsets converted to code points
    assert m.replacements == ("las casillas",)
    assert b.requests[-1] == {"text": text, "language": "es"}


def test_matches_past_the_end_or_empty_are_dropped(lt: tuple[str, Behaviour]) -> None:
    url, b = lt
    text = "😀 Ubica la casilla"
    end16 = u16(text)  # 19 UTF-16 units for 18 code points
    b.extra = [
        raw_match("Fuera.", end16 - 2, 3, text=text),
        raw_match("Vacío.", 5, 0, text=text),
        raw_match("Al final.", end16 - 7, 7, text=text),
    ]
    result = LanguageToolClient(url).check(text)
    assert [(text[m.start : m.end], m.message) for m in result.matches] == [
        ("casilla", "Al final.")
    ]


def test_slow_server_gives_a_status_not_an_exception(lt: tuple[str, Behaviour]) -> None:
    """Our own deadline, not the library's 300 s: the call returns while the server still holds
    its answer (it sends it only once the test releases it)."""
    url, b = lt
    b.mode = "slow"
    client = LanguageToolClient(url, timeout_s=0.3)
    result = client.check("Hola")
    assert b.requests and not b.answered.is_set()  # asked, and returned before the answer
    b.release.set()  # let the held response go
    assert result.matches == []
    assert result.status == "LanguageTool no disponible: el servidor no respondió a tiempo."


def test_down_server(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = LanguageToolClient(f"http://127.0.0.1:{port}", timeout_s=1)
    status = client.check("Hola").status
    assert status == "LanguageTool no disponible: no se pudo conectar con el servidor."
    assert client.probe() == status


@pytest.mark.parametrize(
    ("mode", "why"),
    [
        # language-tool-python does not expose the HTTP status: the error page is quoted
        ("error500", "el servidor dio una respuesta que no se entiende («Internal Server Error»)"),
        ("badjson", "el servidor dio una respuesta que no se entiende («<html>no es json</html>»)"),
    ],
)
def test_server_errors_give_a_status(lt: tuple[str, Behaviour], mode: str, why: str) -> None:
    url, b = lt
    b.mode = mode
    assert LanguageToolClient(url).check("Hola").status == f"LanguageTool no disponible: {why}."


def test_rule_merges_languagetool_and_deduplicates(
    lt: tuple[str, Behaviour], checker, tmp_path: Path
) -> None:
    url, b = lt
    b.known.update(
        {
            "publicacion": (
                "MORFOLOGIK_RULE_ES",
                "misspelling",
                "Error ortográfico.",
                ["publicación"],
            ),
            "UNICOM": ("MORFOLOGIK_RULE_ES", "misspelling", "Error ortográfico.", ["UNICO"]),
            "#Elecciones": ("MORFOLOGIK_RULE_ES", "misspelling", "Error ortográfico.", []),
            "los casilla": grammar("los casilla", "las casillas"),
        }
    )
    rule = SpellingRule(
        checker, InstitutionalDictionary(tmp_path / "d.txt"), LanguageToolClient(url)
    )
    text = "😀 La UNICOM revisa la publicacion de los casilla #Elecciones"
    findings = rule.check(CheckInput(text=text, network=NETWORK))
    assert rule.languagetool_status is None
    got = [(text[f.start : f.end], f.code) for f in findings]
    assert got == [
        ("publicacion", "ortografia"),  # once: the dictionary's, LanguageTool's duplicate dropped
        ("los casilla", "languagetool:CONCORDANCIA"),
    ]
    lt_finding = findings[1]
    assert lt_finding.severity == Severity.ADVIERTE and lt_finding.rule == "6.xxiv"
    assert lt_finding.suggestions == ("las casillas",)
    assert "LanguageTool" in lt_finding.message


def test_rule_keeps_the_dictionary_when_languagetool_is_down(checker, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rule = SpellingRule(
        checker,
        InstitutionalDictionary(tmp_path / "d.txt"),
        LanguageToolClient(f"http://127.0.0.1:{port}", timeout_s=1),
    )
    findings, status = rule.check_with_status(
        CheckInput(text="Lee la informacion", network=NETWORK)
    )
    assert [f.code for f in findings] == ["ortografia"]
    assert status is not None and status.startswith("LanguageTool no disponible:")


def test_offline_grammar_and_languagetool_report_the_same_issue_once(
    lt: tuple[str, Behaviour], checker, tmp_path: Path
) -> None:
    from redes_desktop.checks.rule_grammar import GrammarChecker

    url, b = lt
    b.known.update({
        "los casilla": grammar("los casilla", "las casillas"),
        "que si": ("DIACRITICS", "grammar", "Falta la tilde.", ["que sí"]),
        "casiya": ("MORFOLOGIK_RULE_ES", "misspelling", "Error ortográfico.", ["casilla"]),
        "Dijo": ("OTRA_REGLA", "style", "Otra cosa.", []),
    })
    rule = SpellingRule(checker, InstitutionalDictionary(tmp_path / "d.txt"),
                        LanguageToolClient(url), GrammarChecker())
    text = "Dijo que si: revisa los casilla y tu casiya."
    findings = rule.check(CheckInput(text=text, network=NETWORK))
    got = [(text[f.start : f.end], f.code) for f in findings]
    assert got == [
        ("Dijo", "languagetool:OTRA_REGLA"),  # not an offline finding: kept
        ("si", "gramatica:si-afirmativo"),  # LanguageTool's «que si» overlaps it: dropped
        ("los casilla", "gramatica:concordancia"),
        ("casiya", "gramatica:casilla-escritura"),  # neither the dictionary's nor LT's copy
    ]
