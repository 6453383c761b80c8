"""Open one consultation: what was asked, the frozen draft and its images, how the draft
changed since, and whether the acting person may decide it now (and why not)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import ConsultationState

EXPIRED_REFUSAL = ("El plazo de 48 horas venció: la consulta es «No procedente — sin respuesta "
                   "en 48 h» y ya no admite decisión.")
DECIDED_REFUSAL = "Esta consulta ya fue decidida."


@dataclass(frozen=True)
class ConsultationDetail:
    id: uuid.UUID
    post_id: uuid.UUID
    state: ConsultationState
    account: str
    area: str
    author: str
    author_email: str
    question: str
    snapshot: dict
    snapshot_hash: str
    sent_at: datetime
    deadline: datetime
    reviewer: str
    decided_at: datetime | None
    reasoning: str
    requested_changes: str
    invalidated_at: datetime | None
    mail_pending: bool
    mail_error: str
    expired_now: bool
    can_decide: bool
    decide_refusal: str
    # Images: (alt text, a readable file or None when the original moved and no copy exists).
    images: list[tuple[str, Path | None]] = field(default_factory=list)
    # How the draft changed since this snapshot (empty when it did not).
    diff: str = ""
    media_changes: list[str] = field(default_factory=list)


def consultation_detail(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
                        consultation_id: uuid.UUID, media_dir: Path) -> ConsultationDetail:
    from redes_desktop.media_paths import received_copy
    from redes_desktop.services.consultation_rules import (
        differs_from_snapshot,
        is_expired,
        media_diff,
        text_diff,
    )
    from redes_desktop.services.consultations import (
        get_consultation,
        media_copy_path,
        pending_mail_error,
    )
    from redes_desktop.services.permissions import Action, Permissions
    from redes_desktop.services.posts import sha256_of

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        c = get_consultation(session, consultation_id)
        expired = c.state == ConsultationState.PENDIENTE and is_expired(c.deadline, clock())
        permission = Permissions(session, clock).check(person, Action.DECIDE_CONSULTATION)
        refusal = ""
        if not permission:
            refusal = permission.reason
        elif expired or c.state == ConsultationState.NO_PROCEDENTE:
            refusal = EXPIRED_REFUSAL
        elif c.state != ConsultationState.PENDIENTE:
            refusal = DECIDED_REFUSAL
        images = []
        for item in c.snapshot.get("media", []):
            # The data folder's copy (made here at sending, or received through the sync with
            # its hash checked, media_paths.py); else the original path, only if it still
            # holds the same content (on another workstation it may hold another file).
            found: Path | None = media_copy_path(media_dir, item)
            if found is None or not found.is_file():
                found = received_copy(media_dir, item.get("sha256", ""),
                                      item.get("file_path", ""))
            if not found.is_file():
                original = Path(item.get("file_path", ""))
                found = original if (item.get("file_path") and original.is_file()
                                     and sha256_of(original) == item.get("sha256")) else None
            images.append((item.get("alt_text", ""), found))
        post = c.post
        diff, changes = "", []
        if post is not None and differs_from_snapshot(post, c.snapshot):
            label = ("versión aprobada" if c.state == ConsultationState.APROBADA
                     else "versión enviada")
            diff = text_diff(c.snapshot.get("text", ""), post.text, before_label=label,
                             after_label="versión actual")
            changes = media_diff(c.snapshot.get("media", []),
                                 [(m.sha256, m.file_path) for m in post.media])
        return ConsultationDetail(
            id=c.id, post_id=c.post_id, state=c.state, account=c.account.handle,
            area=c.account.area.name, author=c.author.name, author_email=c.author.email,
            question=c.question, snapshot=dict(c.snapshot), snapshot_hash=c.snapshot_hash,
            sent_at=c.sent_at, deadline=c.deadline,
            reviewer=c.reviewer.name if c.reviewer else "", decided_at=c.decided_at,
            reasoning=c.reasoning, requested_changes=c.requested_changes,
            invalidated_at=c.invalidated_at, mail_pending=c.mail_pending,
            mail_error=pending_mail_error(session, c.id) if c.mail_pending else "",
            expired_now=expired, can_decide=not refusal, decide_refusal=refusal,
            images=images, diff=diff, media_changes=changes,
        )
