"""The rules of 6.viii that other services need: the 48-hour term, what a consultation's state
means for publishing, and an approval invalidated by an edit. Small and Qt-free, so PostService
can ask them without importing the whole consultation service.

Times: every deadline is stored in UTC and computed from the injected clock; México's local time
is only for display (`format_mexico`). A consultation is expired at `now >= deadline`:
47:59:59 after sending it is still pending, at 48:00:00 it is "no procedente".
"""

from __future__ import annotations

import difflib
import hashlib
import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock, as_utc, to_mexico
from redes_desktop.models import Consultation, ConsultationState, Person, Post
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.spanish_dates import spanish_datetime

CONSULTATION_TERM = timedelta(hours=48)
URGENT_LEFT = timedelta(hours=2)
WARNING_LEFT = timedelta(hours=12)
EXPIRED_REASON = (
    "Sin respuesta de la CNCS en 48 horas: no procede la publicación (criterio 6.viii)."
)



def deadline_for(sent_at: datetime) -> datetime:
    return as_utc(sent_at) + CONSULTATION_TERM


def is_expired(deadline: datetime, now: datetime) -> bool:
    return as_utc(now) >= as_utc(deadline)


def remaining(deadline: datetime, now: datetime) -> timedelta:
    return as_utc(deadline) - as_utc(now)


def format_countdown(left: timedelta) -> str:
    """hh:mm, rounded down (47:59:59 shows 47:59); 00:00 once the term is over."""
    seconds = max(0, int(left.total_seconds()))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def format_mexico(value: datetime, *, long: bool = True) -> str:
    """México's local time in Spanish, e.g. «jueves 12 de marzo de 2026, 12:00 h»."""
    local = to_mexico(value)
    if not long:
        return local.strftime("%d/%m/%Y %H:%M")
    return spanish_datetime(local)


def snapshot_hash(snapshot: dict) -> str:
    payload = json.dumps(snapshot, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def latest_for_post(session: Session, post_id) -> Consultation | None:
    return session.scalars(
        select(Consultation)
        .where(Consultation.post_id == post_id)
        .order_by(Consultation.sent_at.desc())
        .limit(1)
    ).first()


def differs_from_snapshot(post: Post, snapshot: dict) -> bool:
    """True when the post's text or images are no longer the ones CNCS saw."""
    media = [m.sha256 for m in post.media]
    return post.text != snapshot.get("text", "") or media != [
        m.get("sha256", "") for m in snapshot.get("media", [])
    ]


def consultation_block(session: Session, post: Post, now: datetime) -> str | None:
    """Why the post may not be published because of its consultation (6.viii), or None."""
    consultation = latest_for_post(session, post.id)
    if consultation is None:
        return None
    state = consultation.state
    if state == ConsultationState.PENDIENTE and is_expired(consultation.deadline, now):
        state = ConsultationState.NO_PROCEDENTE
    if state == ConsultationState.PENDIENTE:
        return ("La consulta a la CNCS sigue pendiente (vence el "
                f"{format_mexico(consultation.deadline)}, hora de México): espere su respuesta; "
                "sin ella no procede publicar (criterio 6.viii).")
    if state == ConsultationState.RECHAZADA:
        return "La CNCS rechazó esta publicación (criterio 6.viii): no se puede publicar."
    if state == ConsultationState.REQUIERE_CAMBIOS:
        return ("La CNCS pidió cambios a esta publicación: aplíquelos y envíe una nueva "
                "consulta antes de publicar (criterio 6.viii).")
    if state == ConsultationState.NO_PROCEDENTE:
        return ("La consulta a la CNCS quedó «No procedente — sin respuesta en 48 h»: no procede "
                "publicar. Si aún es oportuno, envíe una nueva consulta (criterio 6.viii).")
    edited = differs_from_snapshot(post, consultation.snapshot)
    if consultation.invalidated_at is not None or edited:
        return ("La CNCS aprobó otra versión: el texto o las imágenes cambiaron después de la "
                "aprobación. Envíe una nueva consulta (criterio 6.viii).")
    return None


def invalidate_approval(session: Session, clock: Clock, recorder: ActivityRecorder,
                        actor: Person, post: Post) -> Consultation | None:
    """Mark the approved consultation of `post` as invalidated by an edit (called by
    PostService.save_draft when an approved draft changes)."""
    consultation = latest_for_post(session, post.id)
    if (consultation is None or consultation.state != ConsultationState.APROBADA
            or consultation.invalidated_at is not None):
        return None
    consultation.invalidated_at = clock()
    recorder.record(ActivityEntry(
        at=consultation.invalidated_at, actor_id=actor.id, account_id=consultation.account_id,
        action="consulta_invalidada_por_edicion",
        details={"consulta": str(consultation.id), "publicacion": str(post.id)},
    ))
    return consultation


def text_diff(before: str, after: str, *, before_label: str = "versión aprobada",
              after_label: str = "versión actual") -> str:
    """A unified line diff (difflib) of two texts; empty when they are equal."""
    if before == after:
        return ""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), before_label,
                                 after_label, lineterm="", n=2)
    return "\n".join(lines)


def media_diff(before: list[dict], after: list[tuple[str, str]]) -> list[str]:
    """Spanish lines naming images added, removed or changed (by content hash)."""
    old = {m.get("sha256", ""): m.get("file_path", "") for m in before}
    new = dict(after)
    lines = [f"Imagen quitada: {old[h]}" for h in old if h not in new]
    lines += [f"Imagen agregada o cambiada: {new[h]}" for h in new if h not in old]
    return lines

