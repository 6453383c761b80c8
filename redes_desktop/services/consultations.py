"""Consultations to the Coordinación Nacional de Comunicación Social (criterion 6.viii).

When an area doubts whether something may be published, its administrator consults CNCS before
publishing; CNCS has up to 48 hours to answer, and without an answer the publication does not
proceed. This service sends (freezing a snapshot of the draft), decides (reviewers only),
applies the 48-hour rule and keeps the "correo pendiente" mark in step with the outbox. Every
step goes through the ActivityRecorder.

Images: at send time each image is copied into the data folder's `media/` as `<sha256><ext>`,
where the hash is that of the ORIGINAL file (the same hash the snapshot and PostMedia carry), and
the copy has its EXIF GPS location removed (`strip_exif_location`). The mail attaches the copy,
so moving or deleting the original later loses nothing. The copy's own bytes may therefore hash
differently from its name: the name identifies the content the administrator attached.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock
from redes_desktop.errors import NotFound, UserFacingError, ValidationError
from redes_desktop.models import (
    Account,
    Consultation,
    ConsultationState,
    OutgoingMail,
    Person,
    Post,
    PostStatus,
)
from redes_desktop.services import consultation_mail as mails
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.consultation_rules import (
    EXPIRED_REASON,
    deadline_for,
    format_mexico,
    is_expired,
    snapshot_hash,
)
from redes_desktop.services.mail import Outbox
from redes_desktop.services.permissions import Action, Permissions
from redes_desktop.services.posts import sha256_of

S = ConsultationState
SENDABLE = {PostStatus.BORRADOR, PostStatus.RECHAZADA}
DECISIONS = {S.APROBADA, S.RECHAZADA, S.REQUIERE_CAMBIOS}
POST_STATUS_AFTER = {
    S.APROBADA: PostStatus.APROBADA,
    S.RECHAZADA: PostStatus.RECHAZADA,
    S.REQUIERE_CAMBIOS: PostStatus.BORRADOR,
    S.NO_PROCEDENTE: PostStatus.BORRADOR,
}


@dataclass(frozen=True)
class MailOutcome:
    """What happened to a consultation's e-mail: sent now, or kept pending with the reason."""

    sent: bool
    error: str = ""


@dataclass(frozen=True)
class SendOutcome:
    consultation_id: uuid.UUID
    deadline_text: str
    mail: MailOutcome


def copy_media(source: Path, sha256: str, media_dir: Path) -> Path:
    """The content-addressed copy `media/<sha256><ext>` of `source`, without GPS data."""
    target = media_dir / f"{sha256}{source.suffix.lower()}"
    if target.exists():
        return target
    partial = media_dir / f".{sha256}.{os.getpid()}.parcial{source.suffix.lower()}"
    try:
        from PIL import UnidentifiedImageError

        from redes_desktop.checks.images import strip_exif_location

        media_dir.mkdir(parents=True, exist_ok=True)
        try:
            strip_exif_location(source, partial)
        except (UnidentifiedImageError, ValueError, SyntaxError):
            # not an image Pillow can rewrite (e.g. a video): copied as it is
            shutil.copyfile(source, partial)
        os.replace(partial, target)
    except UserFacingError as error:  # ImageTooLarge: a decompression bomb is never decoded
        partial.unlink(missing_ok=True)
        raise UserFacingError(f"{error.message} La consulta no se envió.") from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserFacingError(
            f"No se pudo copiar la imagen {source.name} a la carpeta de datos "
            f"({error.strerror or error}). Revise el espacio y los permisos de {media_dir}; "
            "la consulta no se envió."
        ) from error
    return target


def media_copy_path(media_dir: Path, item: dict) -> Path:
    return media_dir / f"{item.get('sha256', '')}{Path(item.get('file_path', '')).suffix.lower()}"


class ConsultationService:
    def __init__(self, session: Session, clock: Clock, *, outbox: Outbox | None,
                 cncs_email: str, media_dir: Path, recorder: ActivityRecorder) -> None:
        """`recorder` is required (8.iii): every step is recorded in the bitácora; a caller
        without one passes an explicit `NullRecorder()`."""
        self.session = session
        self.clock = clock
        self.outbox = outbox
        self.cncs_email = cncs_email
        self.media_dir = media_dir
        self.recorder = recorder
        self.permissions = Permissions(session, clock)

    @classmethod
    def from_context(cls, context, session: Session) -> ConsultationService:
        return cls(session, context.clock, outbox=context.outbox(session),
                   cncs_email=context.workspace.settings.cncs_email,
                   media_dir=context.workspace.paths.media, recorder=context.recorder)

    def _record(self, actor_id: uuid.UUID | None, consultation: Consultation, action: str,
                **details) -> None:
        from redes_desktop.services.coverage import coverage_details

        # A suplente covering an absence says so in the bitácora (5.1).
        actor = self.session.get(Person, actor_id) if actor_id is not None else None
        covering = coverage_details(self.permissions, actor, consultation.account)
        self.recorder.record(ActivityEntry(
            at=self.clock(), actor_id=actor_id, account_id=consultation.account_id,
            action=action,
            details={"consulta": str(consultation.id), "publicacion": str(consultation.post_id),
                     **covering, **details},
        ))

    def get(self, consultation_id: uuid.UUID) -> Consultation:
        return get_consultation(self.session, consultation_id)

    # -- sending -----------------------------------------------------------------------------
    def send(self, author: Person, post: Post, question: str, *,
             networks: Sequence[str] = (), findings: Sequence[dict] = ()) -> SendOutcome:
        """Freeze the draft, record the consultation with its 48-hour deadline and mail CNCS.

        The consultation is recorded even when the mail cannot leave now: it stays in the
        outbox ("correo pendiente") and is retried."""
        self.permissions.require(author, Action.CONSULT_CNCS, account=post.account)
        question = (question or "").strip()
        if not question:
            raise ValidationError("Escriba la pregunta para la CNCS: qué duda tiene sobre esta "
                                  "publicación.", criterion="6.viii", field="question")
        if post.status == PostStatus.EN_CONSULTA:
            raise ValidationError("Esta publicación ya está en consulta con la CNCS: espere su "
                                  "respuesta.", criterion="6.viii")
        if post.status not in SENDABLE:
            raise ValidationError(f"La publicación está «{post.status.label}»: no se puede "
                                  "consultar a la CNCS sobre ella.", criterion="6.viii")
        if not post.text.strip() and not post.media:
            raise ValidationError("El borrador está vacío: escriba la publicación antes de "
                                  "consultar a la CNCS.")
        if not (self.cncs_email or "").strip():
            raise ValidationError("No hay dirección de correo de la CNCS en Archivo → "
                                  "Preferencias → Correo: escríbala antes de enviar la "
                                  "consulta.", field="cncs_email")
        media_items, copies = self._freeze_media(post)
        snapshot = {
            "text": post.text,
            "networks": list(networks) or [post.network.value],
            "media": media_items,
            "findings": [dict(f) for f in findings],
        }
        now = self.clock()
        consultation = Consultation(
            post_id=post.id, account_id=post.account_id, author_id=author.id,
            snapshot=snapshot, question=question, sent_at=now, deadline=deadline_for(now),
            state=S.PENDIENTE, mail_pending=True, snapshot_hash=snapshot_hash(snapshot),
        )
        self.session.add(consultation)
        post.status = PostStatus.EN_CONSULTA
        self.session.flush()
        consultation = self.get(consultation.id)
        self._record(author.id, consultation, "consulta_enviada",
                     plazo=consultation.deadline.isoformat(), huella=consultation.snapshot_hash,
                     imagenes=len(media_items))
        content = mails.request_mail(consultation, copies)
        outcome = self._mail([self.cncs_email], content, mails.REQUEST_KIND, consultation,
                             author.id)
        consultation.mail_pending = not outcome.sent
        self.session.flush()
        return SendOutcome(consultation.id, format_mexico(consultation.deadline), outcome)

    def _freeze_media(self, post: Post) -> tuple[list[dict], list[Path]]:
        items: list[dict] = []
        copies: list[Path] = []
        for media in post.media:
            source = Path(media.file_path)
            digest = sha256_of(source)
            if not digest:
                # The original moved: a copy made for an earlier consultation still serves.
                kept = media_copy_path(self.media_dir, {"sha256": media.sha256,
                                                        "file_path": media.file_path})
                if not media.sha256 or not kept.exists():
                    raise ValidationError(
                        f"No se encontró la imagen {source} (¿se movió o se borró?). Vuelva a "
                        "adjuntarla en el Redactor y envíe la consulta de nuevo; el borrador "
                        "no se modificó.", field="media")
                digest, copy = media.sha256, kept
            else:
                copy = copy_media(source, digest, self.media_dir)
            items.append({"file_path": media.file_path, "sha256": digest,
                          "alt_text": media.alt_text})
            copies.append(copy)
        return items, copies

    def _mail(self, recipients: list[str], content: mails.MailContent, kind: str,
              consultation: Consultation, actor_id: uuid.UUID | None) -> MailOutcome:
        if self.outbox is None:
            outcome = MailOutcome(False, "No hay servidor de correo configurado.")
        else:
            try:
                mail = self.outbox.queue(recipients, content.subject, content.body,
                                         content.attachments, related_kind=kind,
                                         related_id=consultation.id)
            except UserFacingError as error:
                outcome = MailOutcome(False, error.message)
            else:
                outcome = MailOutcome(mail.status == "enviado", mail.last_error)
        if outcome.sent:
            self._record(actor_id, consultation, "consulta_correo_enviado", tipo=kind,
                         destinatarios=recipients)
        else:
            self._record(actor_id, consultation, "consulta_correo_fallido", tipo=kind,
                         destinatarios=recipients, motivo=outcome.error)
        return outcome

    # -- deciding ----------------------------------------------------------------------------
    def decide(self, reviewer: Person, consultation: Consultation, state: ConsultationState,
               *, reasoning: str = "", requested_changes: str = "") -> MailOutcome:
        self.permissions.require(reviewer, Action.DECIDE_CONSULTATION)
        if state not in DECISIONS:
            raise ValidationError("Elija una decisión: Aprobada, Rechazada o Requiere cambios.")
        now = self.clock()
        if consultation.state == S.NO_PROCEDENTE or (
            consultation.state == S.PENDIENTE and is_expired(consultation.deadline, now)
        ):
            raise ValidationError(
                f"El plazo de 48 horas venció el {format_mexico(consultation.deadline)} (hora de "
                "México): la consulta es «No procedente — sin respuesta en 48 h» y ya no admite "
                "decisión. El área puede enviar una nueva consulta.", criterion="6.viii")
        if consultation.state != S.PENDIENTE:
            who = consultation.reviewer.name if consultation.reviewer else "la CNCS"
            when = format_mexico(consultation.decided_at) if consultation.decided_at else ""
            raise ValidationError(f"Esta consulta ya fue decidida: «{consultation.state.label}» "
                                  f"por {who}, {when}. La decisión no se cambia.")
        reasoning, requested_changes = reasoning.strip(), requested_changes.strip()
        if state == S.RECHAZADA and not reasoning:
            raise ValidationError("Escriba el motivo del rechazo: el área debe saber por qué no "
                                  "procede.", field="reasoning")
        if state == S.REQUIERE_CAMBIOS and not requested_changes:
            raise ValidationError("Escriba qué debe cambiar el área antes de publicar.",
                                  field="requested_changes")
        consultation.state = state
        consultation.reviewer_id = reviewer.id
        consultation.decided_at = now
        consultation.reasoning = reasoning
        consultation.requested_changes = requested_changes
        self._follow_post(consultation, state)
        self.session.flush()
        self.session.refresh(consultation)
        self._record(reviewer.id, consultation, "consulta_decidida", decision=state.value,
                     motivo=reasoning, cambios=requested_changes)
        return self._mail(self._answer_recipients(consultation), mails.decision_mail(consultation),
                          mails.ANSWER_KIND, consultation, reviewer.id)

    def _follow_post(self, consultation: Consultation, state: ConsultationState) -> None:
        post = self.session.get(Post, consultation.post_id)
        if post is not None and post.status == PostStatus.EN_CONSULTA:
            post.status = POST_STATUS_AFTER[state]

    def _answer_recipients(self, consultation: Consultation) -> list[str]:
        recipients = [consultation.author.email]
        titular = consultation.account.area.titular
        if titular is not None and titular.email not in recipients:
            recipients.append(titular.email)
        return recipients

    # -- the 48-hour rule --------------------------------------------------------------------
    def expire_due(self) -> list[Consultation]:
        """Every pending consultation whose deadline has come becomes no procedente."""
        now = self.clock()
        due = list(self.session.scalars(
            select(Consultation)
            .where(Consultation.state == S.PENDIENTE, Consultation.deadline <= now)
            .options(selectinload(Consultation.account).selectinload(Account.area),
                     selectinload(Consultation.author))
        ))
        for consultation in due:
            consultation.state = S.NO_PROCEDENTE
            consultation.decided_at = consultation.deadline
            consultation.reasoning = EXPIRED_REASON
            self._follow_post(consultation, S.NO_PROCEDENTE)
            self.session.flush()
            self._record(None, consultation, "consulta_vencida",
                         plazo=consultation.deadline.isoformat())
            recipients = self._answer_recipients(consultation)
            if self.cncs_email and self.cncs_email not in recipients:
                recipients.append(self.cncs_email)
            self._mail(recipients, mails.decision_mail(consultation), mails.ANSWER_KIND,
                       consultation, None)
        return due

    def sync_mail_marks(self) -> list[Consultation]:
        """Clear "correo pendiente" on consultations whose request mail has since left."""
        marked = list(self.session.scalars(
            select(Consultation).where(Consultation.mail_pending.is_(True))))
        if not marked:
            return []
        ids = [c.id for c in marked]
        statuses: dict[uuid.UUID | None, set[str]] = {}  # related_id IN ids: never None
        for related_id, status in self.session.execute(
            select(OutgoingMail.related_id, OutgoingMail.status).where(
                OutgoingMail.related_kind == mails.REQUEST_KIND,
                OutgoingMail.related_id.in_(ids))):
            statuses.setdefault(related_id, set()).add(status)
        cleared = [c for c in marked if statuses.get(c.id) == {"enviado"}]
        for consultation in cleared:
            consultation.mail_pending = False
            self._record(None, consultation, "consulta_correo_enviado",
                         tipo=mails.REQUEST_KIND, reintento=True)
        self.session.flush()
        return cleared

    def pending_mail_error(self, consultation_id: uuid.UUID) -> str:
        return pending_mail_error(self.session, consultation_id)


def get_consultation(session: Session, consultation_id: uuid.UUID) -> Consultation:
    """The consultation with its account, area, author and reviewer; NotFound when gone."""
    consultation = session.get(Consultation, consultation_id, options=[
        selectinload(Consultation.account).selectinload(Account.area),
        selectinload(Consultation.author), selectinload(Consultation.reviewer),
    ])
    if consultation is None:
        raise NotFound("La consulta ya no existe; actualice la lista de consultas.")
    return consultation


def pending_mail_error(session: Session, consultation_id: uuid.UUID) -> str:
    """Why the request mail of a consultation is still in the outbox ("" when it is not)."""
    mail = session.scalars(select(OutgoingMail).where(
        OutgoingMail.related_kind == mails.REQUEST_KIND,
        OutgoingMail.related_id == consultation_id,
        OutgoingMail.status == "pendiente")).first()
    return mail.last_error if mail else ""
