"""What a post carries besides its text: its purpose (section 3, 6.i), the source of its facts
(6.iv), the headline of the bulletin it links (6.x), its topic (6.xxvii) and until when it is
valid (5.2 d); and the content that expired: the reminder to update or withdraw it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import Account, Person, Post, PostStatus
from redes_desktop.purposes import PURPOSES
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.permissions import Action, Permissions

MAX_SOURCE = 500
MAX_HEADLINE = 500
MAX_TOPIC = 120


@dataclass(frozen=True)
class Details:
    purpose: str = ""
    source: str = ""
    bulletin_headline: str = ""
    topic: str = ""
    valid_until: date | None = None


def validate(details: Details) -> Details:
    """The details trimmed, or a Spanish `ValidationError` naming the field to fix."""
    purpose = (details.purpose or "").strip()
    if purpose and purpose not in PURPOSES:
        raise ValidationError(f"«{purpose}» no es un fin de la sección 3: elija uno de 3.i a "
                              "3.xi.", criterion="6.i", field="fin")
    for value, limit, label, criterion in (
        (details.source, MAX_SOURCE, "La fuente", "6.iv"),
        (details.bulletin_headline, MAX_HEADLINE, "El titular del boletín", "6.x"),
        (details.topic, MAX_TOPIC, "El tema", "6.xxvii"),
    ):
        if len((value or "").strip()) > limit:
            raise ValidationError(f"{label} tiene más de {limit} caracteres: abrévielo.",
                                  criterion=criterion, field=label)
    if details.valid_until is not None and not isinstance(details.valid_until, date):
        raise ValidationError("La fecha de vigencia no es válida.", criterion="5.2 d",
                              field="vigencia")
    return Details(purpose, (details.source or "").strip(),
                   (details.bulletin_headline or "").strip(), (details.topic or "").strip(),
                   details.valid_until)


def details_of(post: Post) -> Details:
    return Details(post.purpose or "", post.source or "", post.bulletin_headline or "",
                   post.topic or "", post.valid_until)


def _editable_post(session: Session, clock: Clock, actor: Person,
                   post_id: uuid.UUID | str) -> Post:
    post = session.get(Post, uuid.UUID(str(post_id)))
    if post is None or post.deleted_at is not None or post.status == PostStatus.DESCARTADA:
        raise NotFound("La publicación ya no existe o fue descartada; actualice la lista.")
    Permissions(session, clock).require(actor, Action.COMPOSE, account=post.account)
    return post


def set_details(session: Session, clock: Clock, actor: Person, post_id: uuid.UUID | str,
                details: Details, *, recorder: ActivityRecorder) -> bool:
    """Store the details of a post the actor may compose for. False when nothing changed.
    The caller commits."""
    clean = validate(details)
    post = _editable_post(session, clock, actor, post_id)
    if details_of(post) == clean:
        return False
    post.purpose = clean.purpose or None
    post.source = clean.source
    post.bulletin_headline = clean.bulletin_headline
    post.topic = clean.topic
    post.valid_until = clean.valid_until
    session.flush()
    recorder.record(ActivityEntry(
        at=clock(), actor_id=actor.id, account_id=post.account_id,
        action="detalles_publicacion", details={
            "publicacion": str(post.id), "fin": clean.purpose,
            "fuente": bool(clean.source), "tema": clean.topic,
            "vigencia": clean.valid_until.isoformat() if clean.valid_until else None}))
    return True


# -- 5.2 d: content that expired -------------------------------------------------------------
@dataclass(frozen=True)
class ExpiredPost:
    post_id: uuid.UUID
    account_id: uuid.UUID
    handle: str
    snippet: str
    valid_until: date
    url: str

    @property
    def reason(self) -> str:
        return (f"Su vigencia terminó el {self.valid_until:%d/%m/%Y}: actualícela o retírela de "
                "la red (criterio 5.2 d).")


def expired_posts(session: Session, today: date, *, account_ids=None) -> list[ExpiredPost]:
    """Published posts whose validity ended before `today` and that were not withdrawn."""
    query = (select(Post).join(Post.account)
             .where(Post.status == PostStatus.PUBLICADA, Post.deleted_at.is_(None),
                    Post.withdrawn_at.is_(None), Post.valid_until.is_not(None),
                    Post.valid_until < today, Account.deleted_at.is_(None))
             .options(selectinload(Post.account))
             .order_by(Post.valid_until, Account.handle))
    if account_ids is not None:
        query = query.where(Post.account_id.in_(list(account_ids)))
    return [ExpiredPost(p.id, p.account_id, p.account.handle, _snippet(p.text),
                        p.valid_until, p.published_url or "")
            for p in session.scalars(query) if p.valid_until is not None]


def resolve_expired(session: Session, clock: Clock, actor: Person, post_id: uuid.UUID | str, *,
                    withdrawn: bool = False, new_valid_until: date | None = None,
                    recorder: ActivityRecorder) -> None:
    """5.2 d: the expired content was withdrawn from the network, or updated and valid until a
    new date (today or later). Either clears the reminder. The caller commits."""
    post = _editable_post(session, clock, actor, post_id)
    today = to_mexico(clock()).date()
    if withdrawn == (new_valid_until is not None):
        raise ValidationError("Indique si la publicación se retiró o hasta cuándo vale ahora "
                              "(una de las dos).", criterion="5.2 d", field="vigencia")
    if post.status != PostStatus.PUBLICADA:
        raise ValidationError("Solo una publicación ya publicada se actualiza o se retira.",
                              criterion="5.2 d", field="estado")
    if withdrawn:
        post.withdrawn_at = clock()
        action, extra = "publicacion_retirada", {}
    else:
        assert new_valid_until is not None
        if new_valid_until < today:
            raise ValidationError("La nueva vigencia ya pasó: indique hoy o una fecha futura.",
                                  criterion="5.2 d", field="vigencia")
        post.valid_until = new_valid_until
        action, extra = "vigencia_actualizada", {"vigencia": new_valid_until.isoformat()}
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=post.account_id,
                                  action=action, details={"publicacion": str(post.id), **extra}))


def new_version_of_expired(session: Session, clock: Clock, actor: Person,
                           post_id: uuid.UUID | str, new_valid_until: date, *,
                           recorder: ActivityRecorder) -> Post:
    """5.2 d «realizar las actualizaciones pertinentes»: the expired post is updated with a new
    version, a draft carrying its text, media and details and valid until `new_valid_until`
    (today or later), for the person to revise and publish. The expired post counts as updated
    (its reminder clears) and the bitácora links both. The caller commits."""
    from redes_desktop.models import PostMedia
    from redes_desktop.services.posts import PostService

    old = _editable_post(session, clock, actor, post_id)
    resolve_expired(session, clock, actor, old.id, new_valid_until=new_valid_until,
                    recorder=recorder)
    draft = PostService(session, clock, recorder=recorder).create_draft(
        actor, old.account, old.text, is_reply=old.is_reply)
    draft.purpose, draft.source = old.purpose, old.source
    draft.bulletin_headline, draft.topic = old.bulletin_headline, old.topic
    draft.valid_until = new_valid_until
    for media in old.media:
        draft.media.append(PostMedia(position=media.position, file_path=media.file_path,
                                     sha256=media.sha256, alt_text=media.alt_text,
                                     mime_type=media.mime_type))
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=old.account_id,
                                  action="nueva_version_preparada",
                                  details={"publicacion": str(old.id), "borrador": str(draft.id),
                                           "vigencia": new_valid_until.isoformat()}))
    return draft


def _snippet(text: str) -> str:
    line = " ".join(text.split())
    return (line[:60] + "…") if len(line) > 60 else line


def now_local_date(moment: datetime) -> date:
    return to_mexico(moment).date()
