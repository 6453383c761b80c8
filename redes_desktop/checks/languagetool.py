"""A LanguageTool server as a second opinion on spelling and grammar (criterion 6.xxiv). No Qt.

We talk to the server's HTTP API (`GET /v2/languages`, `POST /v2/check`) directly with
`requests` rather than through `language_tool_python.LanguageTool(remote_server=...)`, because:
- that client waits up to 300 s and retries twice; here every request has one short deadline
  (connect and read) and no retry, so a dead server costs at most `timeout_s`;
- its constructor already calls the server, and its offset fix-up for emoji is global mutable
  state (`Match.FOUR_BYTES_POSITIONS`) that corrects the offset but not the length.

Offsets: LanguageTool is Java, so `offset`/`length` in its answers count UTF-16 code units (an
emoji counts two; see languagetool-org/languagetool#842 and language_tool_python's own fix-up).
They are converted to code points here; a match reaching past the end of the text is dropped.
(The match's `context` cannot tell the two readings apart for a short post: it is then the whole
text, so any consistent reading agrees with it.)

Nothing here raises for server trouble: `check()` returns the findings plus a status text
(«LanguageTool no disponible: …») for the status bar, and the offline dictionary keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redes_desktop.checks.model import Finding, Severity

RULE_ID = "6.xxiv"
DEFAULT_TIMEOUT_S = 3.0
MAX_SUGGESTIONS = 5


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

    def probe(self) -> str | None:
        """None if the server answers `/v2/languages` with our language; else a status text."""
        import requests

        try:
            resp = requests.get(f"{self.base_url}/v2/languages", timeout=self.timeout_s)
            resp.raise_for_status()
            codes = {str(lang.get("longCode", "")) for lang in resp.json()}
            codes |= {str(lang.get("code", "")) for lang in resp.json()}
        except Exception as exc:  # noqa: BLE001 - any failure means "not available"
            return unavailable(exc)
        if self.language not in codes:
            return f"LanguageTool no disponible: el servidor no ofrece el idioma «{self.language}»."
        return None

    def check(self, text: str) -> LanguageToolResult:
        import requests

        if not text.strip():
            return LanguageToolResult()
        try:
            resp = requests.post(
                f"{self.base_url}/v2/check",
                data={"text": text, "language": self.language},
                timeout=self.timeout_s,
            )
            resp.raise_for_status()
            payload = resp.json()
            raw_matches = payload["matches"]
            if not isinstance(raw_matches, list):
                raise ValueError("'matches' no es una lista")
            matches = [m for raw in raw_matches if (m := _parse_match(text, raw)) is not None]
        except Exception as exc:  # noqa: BLE001 - any failure means "not available"
            return LanguageToolResult(status=unavailable(exc))
        return LanguageToolResult(matches=matches)


def unavailable(exc: BaseException) -> str:
    """A short Spanish status text for a failed request."""
    import requests

    if isinstance(exc, requests.Timeout):
        why = "el servidor no respondió a tiempo"
    elif isinstance(exc, requests.ConnectionError):
        why = "no se pudo conectar con el servidor"
    elif isinstance(exc, requests.HTTPError) and exc.response is not None:
        why = f"el servidor respondió con error HTTP {exc.response.status_code}"
    elif isinstance(exc, ValueError | KeyError | TypeError):
        why = "el servidor dio una respuesta que no se entiende"
    elif isinstance(exc, requests.RequestException):
        why = "la solicitud falló"
    else:
        why = f"error inesperado ({type(exc).__name__})"
    return f"LanguageTool no disponible: {why}."


def utf16_to_codepoint_map(text: str) -> list[int]:
    """`m[u]` is the code-point index at UTF-16 offset `u` (0..len in UTF-16 units)."""
    mapping: list[int] = []
    for i, ch in enumerate(text):
        mapping.append(i)
        if ord(ch) > 0xFFFF:
            mapping.append(i)  # the low surrogate belongs to the same character
    mapping.append(len(text))
    return mapping


def _parse_match(text: str, raw: Any) -> LanguageToolMatch | None:
    offset, length = int(raw["offset"]), int(raw["length"])
    if offset < 0 or length < 0:
        return None
    span = _resolve_span(text, offset, length)
    if span is None or span[0] >= span[1]:
        return None
    start, end = span
    rule = raw.get("rule") or {}
    replacements = tuple(
        str(r.get("value", "")) for r in raw.get("replacements") or [] if r.get("value")
    )[:MAX_SUGGESTIONS]
    return LanguageToolMatch(
        start=start,
        end=end,
        message=str(raw.get("message") or raw.get("shortMessage") or "Posible error."),
        replacements=replacements,
        rule_id=str(rule.get("id", "")),
        issue_type=str(rule.get("issueType", "")),
    )


def _resolve_span(text: str, offset: int, length: int) -> tuple[int, int] | None:
    mapping = utf16_to_codepoint_map(text)
    if offset + length >= len(mapping):
        return None  # past the end: not an answer about this text
    return mapping[offset], mapping[offset + length]
