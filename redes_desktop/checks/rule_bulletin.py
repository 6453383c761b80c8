"""6.x — a link to a press bulletin or public statement should come with the headline written
anew. When the post links a bulletin (`resources/checks/boletines.json`) and the composer's
«Titular del boletín» is given, a post whose words repeat the headline (at least
`repeated_share` of its words, in order) warns on the repeated passage. Runs only when the
check has a post's details (the composer's check)."""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache
from urllib.parse import urlsplit

from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.resource_files import resource_path

RULE_ID = "6.x"
DATA_FILE = resource_path("checks/boletines.json")
_WORD_RE = re.compile(r"[^\W_]+")


@cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(_fold(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def is_bulletin_link(url: str) -> bool:
    data = _data()
    target = url if "://" in url else "https://" + url
    parts = urlsplit(target)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if any(host == h or host.endswith("." + h) for h in data["hosts"]):
        return True
    official = any(host == d or host.endswith("." + d) for d in data["official_domains"])
    path = {_fold(w) for w in _WORD_RE.findall(parts.path)}
    return official and bool(path & set(data["path_words"]))


class BulletinRule:
    rule_id = RULE_ID

    def check(self, item: CheckInput) -> list[Finding]:
        details = item.details
        if details is None or not details.bulletin_headline.strip():
            return []
        links = text_tokens.url_spans(item.text)
        if not any(is_bulletin_link(item.text[s:e]) for s, e in links):
            return []
        data = _data()
        headline = [w for w, _, _ in _words(details.bulletin_headline)]
        if len(headline) < data["min_headline_words"]:
            return []
        words = [w for w in _words(item.text) if not text_tokens.overlaps(w[1:], links)]
        matcher = SequenceMatcher(None, headline, [w for w, _, _ in words], autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        shared = sum(b.size for b in blocks)
        if shared < data["repeated_share"] * len(headline):
            return []
        start = words[blocks[0].b][1]
        last = blocks[-1]
        end = words[last.b + last.size - 1][2]
        return [Finding(RULE_ID, Severity.ADVIERTE, (
            "El texto repite el titular del boletín que enlaza: redacte de nuevo el mensaje "
            "con sus propias palabras y deje el enlace al boletín (criterio 6.x)."),
            start, end, code="titular_repetido")]
