"""Rules of the inbox that are not a database query (issue 17): the claim's length, the
response clock, the greeting by name (6.xvii) and the information-request template (6.vii)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from redes_desktop.checks.model import Finding, Severity
from redes_desktop.models.inbox import DEFAULT_TARGET_HOURS

CLAIM_MINUTES = 15
CLAIM_FOR = timedelta(minutes=CLAIM_MINUTES)
OPEN_STATES = ("nuevo", "asignado", "escalado")

# 6.vii: where information requests go (the Institute's service line and the platform).
INETEL = "INETEL 800 433 2000"
TRANSPARENCY = "https://www.plataformadetransparencia.org.mx"


@dataclass(frozen=True)
class ResponseClock:
    due_at: datetime
    remaining: timedelta  # negative: late
    answered_in: timedelta | None  # set once answered
    target: timedelta

    @property
    def late(self) -> bool:
        if self.answered_in is not None:
            return self.answered_in > self.target
        return self.remaining < timedelta(0)


def response_clock(received_at: datetime, target_hours: int | None, now: datetime,
                   replied_at: datetime | None) -> ResponseClock:
    target = timedelta(hours=target_hours or DEFAULT_TARGET_HOURS)
    due = received_at + target
    answered = replied_at - received_at if replied_at is not None else None
    return ResponseClock(due, due - now, answered, target)


def clock_text(clock: ResponseClock) -> str:
    """«faltan 3 h 10 min», «vencido hace 2 h», «respondido en 45 min»."""
    if clock.answered_in is not None:
        return f"respondido en {_span(clock.answered_in)}"
    if clock.remaining < timedelta(0):
        return f"vencido hace {_span(-clock.remaining)}"
    return f"faltan {_span(clock.remaining)}"


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower())
                   if unicodedata.category(c) != "Mn")


def greeting_finding(reply: str, author_name: str, author_handle: str) -> Finding | None:
    """6.xvii: a reply is personal — it names the person (their first name or their handle).
    A warning, not a block: a person may have no usable name."""
    folded = _fold(reply)
    words = set(re.findall(r"[\w.]+", folded))
    first = _fold(author_name).split()[0] if author_name.strip() else ""
    handle = _fold(author_handle).lstrip("@")
    if (first and len(first) > 1 and first in words) or (handle and handle in folded):
        return None
    who = author_name.split()[0] if author_name.strip() else author_handle
    return Finding(
        "6.xvii", Severity.ADVIERTE,
        f"La respuesta no se dirige a la persona por su nombre. Salúdela («Hola, {who}») y "
        "responda en concreto a lo que pregunta (criterio 6.xvii).", code="saludo")


def information_template(author_name: str, area_name: str) -> str:
    """6.vii: the reply to an information request."""
    who = author_name.split()[0] if author_name.strip() else ""
    greeting = f"Hola, {who}." if who else "Hola."
    return (f"{greeting} Gracias por escribirnos. Su solicitud de información la atiende "
            f"{area_name}. También puede llamar a {INETEL} o presentarla en la Plataforma "
            f"Nacional de Transparencia: {TRANSPARENCY}")
