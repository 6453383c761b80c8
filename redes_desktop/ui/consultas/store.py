"""Data access for the Consultas CNCS section, the review dialog and the composer's send
dialog: each call opens a short session, uses the services, commits, and returns plain values
(no ORM object leaves its session). Safe to call from a worker thread."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound
from redes_desktop.models import ConsultationState, Person, PostStatus
from redes_desktop.services.consultation_queue import ConsultationRow, queue_rows
from redes_desktop.services.consultation_rules import (
    differs_from_snapshot,
    is_expired,
    latest_for_post,
    media_diff,
    text_diff,
)
from redes_desktop.services.consultations import (
    ConsultationService,
    MailOutcome,
    SendOutcome,
    media_copy_path,
)
from redes_desktop.services.permissions import Action
from redes_desktop.services.posts import PostService


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


@dataclass(frozen=True)
class DraftPreview:
    post_id: uuid.UUID
    account: str
    text: str
    images: int
    status: PostStatus


@dataclass(frozen=True)
class PostConsultation:
    """What the composer shows about a draft's latest consultation."""

    consultation_id: uuid.UUID
    state: ConsultationState
    deadline: datetime
    decided_at: datetime | None
    reasoning: str
    requested_changes: str
    changed_since: bool


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConsultationStore", text)


class ConsultationStore:
    def __init__(self, context: AppContext) -> None:
        self.context = context

    @contextmanager
    def _session(self) -> Iterator[tuple[Session, ConsultationService, Person]]:
        identity = self.context.identity
        if identity is None:
            raise NotFound(_tr("No hay usuario elegido: use Archivo › Cambiar de usuario."))
        with self.context.session() as session:
            person = self.context.directory(session).person(identity.person_id)
            if person is None:
                raise NotFound(_tr("La persona elegida ya no existe; elija otra con Cambiar "
                                   "de usuario."))
            service = ConsultationService.from_context(self.context, session)
            try:
                yield session, service, person
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # -- queue -------------------------------------------------------------------------------
    def rows(self) -> list[ConsultationRow]:
        with self._session() as (session, _service, person):
            today = self.context.permissions(session).today()
            return queue_rows(session, visible_to=person, today=today)

    def expire_due(self) -> int:
        try:
            with self.context.session() as session:
                service = ConsultationService.from_context(self.context, session)
                expired = service.expire_due()
                session.commit()
                return len(expired)
        except StaleDataError:  # the periodic job applied the 48-hour rule at the same moment
            return 0

    # -- one consultation --------------------------------------------------------------------
    def detail(self, consultation_id: uuid.UUID) -> ConsultationDetail:
        with self._session() as (session, service, person):
            c = service.get(consultation_id)
            now = self.context.clock()
            expired = c.state == ConsultationState.PENDIENTE and is_expired(c.deadline, now)
            permission = self.context.permissions(session).check(
                person, Action.DECIDE_CONSULTATION)
            refusal = ""
            if not permission:
                refusal = permission.reason
            elif expired or c.state == ConsultationState.NO_PROCEDENTE:
                refusal = _tr("El plazo de 48 horas venció: la consulta es «No procedente — "
                              "sin respuesta en 48 h» y ya no admite decisión.")
            elif c.state != ConsultationState.PENDIENTE:
                refusal = _tr("Esta consulta ya fue decidida.")
            media_dir = self.context.workspace.paths.media
            images = []
            for item in c.snapshot.get("media", []):
                candidates = (media_copy_path(media_dir, item), Path(item.get("file_path", "")))
                found = next((p for p in candidates if p.is_file()), None)
                images.append((item.get("alt_text", ""), found))
            post = c.post
            diff, changes = "", []
            if post is not None and differs_from_snapshot(post, c.snapshot):
                label = (_tr("versión aprobada") if c.state == ConsultationState.APROBADA
                         else _tr("versión enviada"))
                diff = text_diff(c.snapshot.get("text", ""), post.text, before_label=label,
                                 after_label=_tr("versión actual"))
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
                mail_error=service.pending_mail_error(c.id) if c.mail_pending else "",
                expired_now=expired, can_decide=not refusal, decide_refusal=refusal,
                images=images, diff=diff, media_changes=changes,
            )

    def decide(self, consultation_id: uuid.UUID, state: ConsultationState, reasoning: str,
               requested_changes: str) -> MailOutcome:
        with self._session() as (_session, service, person):
            return service.decide(person, service.get(consultation_id), state,
                                  reasoning=reasoning, requested_changes=requested_changes)

    # -- the composer ------------------------------------------------------------------------
    def draft_preview(self, post_id: uuid.UUID) -> DraftPreview:
        with self._session() as (session, _service, _person):
            post = PostService(session, self.context.clock).get(post_id)
            return DraftPreview(post.id, post.account.handle, post.text, len(post.media),
                                post.status)

    def send(self, post_id: uuid.UUID, question: str, networks: Sequence[str],
             findings: Sequence[dict]) -> SendOutcome:
        with self._session() as (session, service, person):
            post = PostService(session, self.context.clock).get(post_id)
            return service.send(person, post, question, networks=networks, findings=findings)

    def for_post(self, post_id: uuid.UUID) -> PostConsultation | None:
        with self.context.session() as session:
            c = latest_for_post(session, post_id)
            if c is None:
                return None
            changed = c.invalidated_at is not None or (
                c.state == ConsultationState.APROBADA and differs_from_snapshot(c.post, c.snapshot))
            return PostConsultation(c.id, c.state, c.deadline, c.decided_at, c.reasoning,
                                    c.requested_changes, changed)
