"""A LanguageTool server as a second opinion on spelling and grammar (criterion 6.xxiv). No Qt.

We talk to the server through `language_tool_python.LanguageTool(language, remote_server=url)`
(the project's chosen client). Two of its habits are kept away from the caller:

- its HTTP timeout is 300 s with two tries, and its constructor already calls the server
  (`GET /v2/languages`). Every library call therefore runs in a daemon worker thread and we wait
  for it at most `timeout_s`: a dead or hung server costs the caller `timeout_s`, never minutes.
  A worker left behind ends by itself; it is also given the library's request timeout
  (`LanguageTool._TIMEOUT`, a private class attribute; if a later version renames it, only that
  abandoned worker lives longer, nothing else changes);
- its offset fix-up for characters outside the BMP (emoji) lives in class attributes of
  `language_tool_python.Match` (`PREVIOUS_MATCHES_TEXT`, `FOUR_BYTES_POSITIONS`) shared by every
  thread, so all our library calls are serialised by one lock.

Offsets: LanguageTool is Java, so `offset`/`length` in its answers count UTF-16 code units (an
emoji counts two; see languagetool-org/languagetool#842). language-tool-python (3.4, verified by
tests/checks/test_languagetool.py) already converts `Match.offset` to code points but leaves
`Match.error_length` in UTF-16 units; we take the offset back to UTF-16 and convert the whole
span with one table. A match reaching past the end of the text is dropped.

The library does not expose the HTTP status: an error page (HTTP 500, a proxy's HTML…) reaches
us as a `LanguageToolError` carrying the body, which the status quotes briefly.

Nothing here raises for server trouble: `check()` returns the findings plus a status text
(«LanguageTool no disponible: …») for the status bar, and the offline dictionary keeps working.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from redes_desktop.checks.model import Finding, Severity

RULE_ID = "6.xxiv"
DEFAULT_TIMEOUT_S = 3.0
MAX_SUGGESTIONS = 5
_EXCERPT = 80  # characters of an unexpected server answer quoted in the status

T = TypeVar("T")
_LIBRARY_LOCK = threading.Lock()  # language_tool_python.Match keeps per-text state in its class


@dataclass(frozen=True)
class LanguageToolMatch:
    """One LanguageTool match, offsets already in code points."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str  # LanguageTool's own rule id, e.g. "MORFOLOGIK_RULE_ES"
    issue_type: str  # "misspelling", "grammar", "typographical", "whitespace", ...

    def to_finding(self) -> Finding:
        return Finding(
            rule=RULE_ID,
            severity=Severity.ADVIERTE,
            message=f"{self.message} (criterio 6.xxiv, LanguageTool)",
            start=self.start,
            end=self.end,
            suggestions=self.replacements,
            code=f"languagetool:{self.rule_id}",
        )


@dataclass
class LanguageToolResult:
    matches: list[LanguageToolMatch] = field(default_factory=list)
    status: str | None = None  # None when the server answered; else why it did not

    @property
    def ok(self) -> bool:
        return self.status is None


class LanguageNotOffered(Exception):
    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.language = language


class DeadlinePassed(Exception):
    """Our own deadline: the worker is still waiting for the server."""


class LanguageToolClient:
    """A LanguageTool HTTP server at `base_url` (e.g. "http://127.0.0.1:8081")."""

    def __init__(
        self, base_url: str, language: str = "es", timeout_s: float = DEFAULT_TIMEOUT_S
    ) -> None:
        self.base_url = base_url.rstrip("/")
        if self.base_url.endswith("/v2"):
            self.base_url = self.base_url[: -len("/v2")]
        self.language = language
        self.timeout_s = timeout_s
        self._tool: Any = None  # language_tool_python.LanguageTool, made on first success

    def probe(self) -> str | None:
        """None if the server answers `/v2/languages` with our language; else a status text."""
        try:
            self._call(lambda tool: None)
        except Exception as exc:  # noqa: BLE001 - any failure means "not available"
            return unavailable(exc)
        return None

    def check(self, text: str) -> LanguageToolResult:
        if not text.strip():
            return LanguageToolResult()
        try:
            raw = self._call(lambda tool: tool.check(text))
            matches = [m for match in raw if (m := _from_library(text, match)) is not None]
        except Exception as exc:  # noqa: BLE001 - any failure means "not available"
            return LanguageToolResult(status=unavailable(exc))
        return LanguageToolResult(matches=matches)

    # -- the worker ------------------------------------------------------------------------

    def _tool_or_new(self) -> Any:
        if self._tool is None:
            import language_tool_python

            # The library's own per-request timeout, so that an abandoned worker ends soon.
            tool_class = type("BoundedLanguageTool", (language_tool_python.LanguageTool,),
                              {"_TIMEOUT": max(self.timeout_s, 0.1)})
            try:
                self._tool = tool_class(self.language, remote_server=self.base_url + "/")
            except ValueError as exc:  # LanguageTag: the server does not list our language
                raise LanguageNotOffered(self.language) from exc
        return self._tool

    def _call(self, call: Callable[[Any], T]) -> T:
        """`call(tool)` in a daemon thread; raises DeadlinePassed after `timeout_s`."""
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                if not _LIBRARY_LOCK.acquire(timeout=self.timeout_s):
                    raise DeadlinePassed()  # another check still waits for a hung server
                try:
                    outcome["value"] = call(self._tool_or_new())
                finally:
                    _LIBRARY_LOCK.release()
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                outcome["error"] = exc
            finally:
                done.set()

        threading.Thread(target=work, name="languagetool", daemon=True).start()
        if not done.wait(self.timeout_s):
            raise DeadlinePassed()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]


def unavailable(exc: BaseException) -> str:
    """A short Spanish status text for a failed call."""
    import requests
    from language_tool_python.exceptions import LanguageToolError, RateLimitError

    cause = exc.__cause__ if isinstance(exc, LanguageToolError) else None
    if isinstance(exc, LanguageNotOffered):
        return f"LanguageTool no disponible: el servidor no ofrece el idioma «{exc.language}»."
    if isinstance(exc, DeadlinePassed) or isinstance(cause, requests.Timeout):
        why = "el servidor no respondió a tiempo"
    elif isinstance(cause, requests.ConnectionError):
        why = "no se pudo conectar con el servidor"
    elif isinstance(exc, RateLimitError):
        why = "el servidor rechazó la revisión por exceso de solicitudes; intente más tarde"
    elif isinstance(cause, ValueError):  # the answer was not JSON: an error page
        why = f"el servidor dio una respuesta que no se entiende («{_excerpt(str(exc))}»)"
    elif isinstance(cause, requests.RequestException):
        why = "la solicitud falló"
    elif isinstance(exc, ValueError | KeyError | TypeError | AttributeError):
        why = "el servidor dio una respuesta que no se entiende"
    else:
        why = f"error inesperado ({type(exc).__name__})"
    return f"LanguageTool no disponible: {why}."


def _excerpt(body: str) -> str:
    line = " ".join(body.split())
    return line if len(line) <= _EXCERPT else line[: _EXCERPT - 1] + "…"


def utf16_to_codepoint_map(text: str) -> list[int]:
    """`m[u]` is the code-point index at UTF-16 offset `u` (0..len in UTF-16 units)."""
    mapping: list[int] = []
    for i, ch in enumerate(text):
        mapping.append(i)
        if ord(ch) > 0xFFFF:
            mapping.append(i)  # the low surrogate belongs to the same character
    mapping.append(len(text))
    return mapping


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _from_library(text: str, match: Any) -> LanguageToolMatch | None:
    """Our match from a `language_tool_python.Match` (offset in code points, length in UTF-16)."""
    offset, length = int(match.offset), int(match.error_length)
    if offset < 0 or length < 0 or offset > len(text):
        return None
    span = _resolve_span(text, _utf16_len(text[:offset]), length)
    if span is None or span[0] >= span[1]:
        return None
    replacements = tuple(str(r) for r in match.replacements or [] if r)[:MAX_SUGGESTIONS]
    return LanguageToolMatch(
        start=span[0],
        end=span[1],
        message=str(match.message or getattr(match, "shortMessage", "") or "Posible error."),
        replacements=replacements,
        rule_id=str(match.rule_id or ""),
        issue_type=str(match.rule_issue_type or ""),
    )


def _resolve_span(text: str, offset: int, length: int) -> tuple[int, int] | None:
    mapping = utf16_to_codepoint_map(text)
    if offset + length >= len(mapping):
        return None  # past the end: not an answer about this text
    return mapping[offset], mapping[offset + length]
