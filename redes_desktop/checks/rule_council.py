"""6.xxvii — while a Consejo General session runs, publish two or three relevant topics in real
time rather than follow the whole session. When the post falls in a session on the calendar
(the composer passes it with the account's other posts published or scheduled during it), more
than `max_topics` distinct topics among them warns.

A post's topic is its «Tema» field; else its first hashtag that is not one every session post
carries (`generic_hashtags` in `resources/checks/consejo_general.json`); else the post alone is
a topic of its own. Topics compare without case or accents."""

from __future__ import annotations

import json
import unicodedata
from functools import cache

from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.resource_files import resource_path

RULE_ID = "6.xxvii"
DATA_FILE = resource_path("checks/consejo_general.json")


@cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def topic_key(text: str, topic: str, fallback: str) -> str:
    """The topic a post counts as (`fallback` names a post without topic or hashtag)."""
    if topic.strip():
        return "tema:" + _fold(topic)
    generic = set(_data()["generic_hashtags"])
    for start, end in text_tokens.hashtag_spans(text):
        tag = _fold(text[start + 1:end])
        if tag not in generic:
            return "#" + tag
    return "publicacion:" + fallback


class CouncilSessionRule:
    rule_id = RULE_ID

    def check(self, item: CheckInput) -> list[Finding]:
        details = item.details
        if details is None or details.council is None:
            return []
        council = details.council
        topics = {topic_key(text, topic, str(i))
                  for i, (text, topic) in enumerate(council.other_posts)}
        topics.add(topic_key(item.text, details.topic, "esta"))
        limit = int(_data()["max_topics"])
        if len(topics) <= limit:
            return []
        return [Finding(RULE_ID, Severity.ADVIERTE, (
            f"Durante la sesión «{council.title}» del Consejo General esta cuenta llevaría "
            f"{len(topics)} temas distintos: se recomienda publicar dos o tres temas relevantes "
            "y no seguir la sesión completa, para no saturar las redes (criterio 6.xxvii). "
            "Agrupe las publicaciones de un mismo tema con el campo «Tema»."),
            code="sesion_saturada")]
