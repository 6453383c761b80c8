"""Drafts and their life: create, save (autosave), publish, discard.

Publishing is refused while a `bloquea` finding stands: the service runs the checks itself
(through the `check_post` callable `mark_published` requires) rather than trusting what a
window showed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.checks.model import CheckResult, Finding, RecentPost, Severity
from redes_desktop.clock import Clock, as_utc
from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import Account, Person, Post, PostMedia, PostStatus
from redes_desktop.scheduling import is_past, past_schedule_message
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.permissions import Action, Permissions

EDITABLE = {PostStatus.BORRADOR, PostStatus.RECHAZADA, PostStatus.APROBADA}


def spam_lookback() -> timedelta:
    """How far back the spam rule (6.xxviii) compares: `window_days` of spam.json."""
    from redes_desktop.checks.rule_spam import load_settings

    return timedelta(days=load_settings()["duplicate"]["window_days"])


@dataclass(frozen=True)
class MediaSpec:
    """An attached file as the composer holds it."""

    file_path: str
    alt_text: str = ""
    sha256: str = ""
    mime_type: str = ""


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


PostChecker = Callable[[Post], CheckResult]
MAX_SUMMARY_FINDINGS = 20


def findings_summary(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """What the bitácora keeps of a check: rule, severity and code of each kind of finding
    (never the flagged text), once per kind with how many times, blocking ones first, at most
    MAX_SUMMARY_FINDINGS kinds."""
    counts: dict[tuple[str, str, str], int] = {}
    for finding in findings:
        key = (finding.rule, Severity(finding.severity).value, finding.code)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda i: (i[0][1] != Severity.BLOQUEA.value, i[0]))
    return [
        {"regla": rule, "severidad": severity, "codigo": code, **({"veces": n} if n > 1 else {})}
        for (rule, severity, code), n in ordered[:MAX_SUMMARY_FINDINGS]
    ]


class PostService:
    """Drafts and publishing. The bitácora recorder is required (8.iii): a caller that has
    no bitácora says so with an explicit `NullRecorder()`; nothing is dropped silently."""

    def __init__(self, session: Session, clock: Clock, *, recorder: ActivityRecorder) -> None:
        self.session = session
        self.clock = clock
        self.recorder = recorder
        self.permissions = Permissions(session, clock)

    def _record(self, actor: Person, post: Post, action: str, **details) -> None:
        from redes_desktop.services.coverage import coverage_details

        # A suplente covering an absence says so in the bitácora (5.1).
        covering = coverage_details(self.permissions, actor, post.account)
        if post.is_reply:
            details = {"respuesta": True, **details}
        self.recorder.record(
            ActivityEntry(
                at=self.clock(),
                actor_id=actor.id,
                account_id=post.account_id,
                action=action,
                details={"publicacion": str(post.id), **covering, **details},
            )
        )

    def get(self, post_id: uuid.UUID) -> Post:
        return get_post(self.session, post_id)

    def create_draft(
        self,
        author: Person,
        account: Account,
        text: str = "",
        *,
        is_reply: bool = False,
        findings: Sequence[Mapping[str, Any]] | None = None,
    ) -> Post:
        """`findings`: the summary (`findings_summary`) of the check of `text`, if it ran."""
        self.permissions.require(author, Action.COMPOSE, account=account)
        if account.compromised:
            raise ValidationError(
                f"La cuenta {account.handle} tiene un incidente abierto (criterio 6.xxx): "
                "no se puede publicar en ella hasta cerrarlo."
            )
        post = Post(
            account_id=account.id,
            account=account,
            network=account.network,
            author_id=author.id,
            text=text,
            is_reply=is_reply,
        )
        self.session.add(post)
        self.session.flush()
        self._record(author, post, "borrador_creado", **_checked(findings))
        return post

    def save_draft(
        self,
        actor: Person,
        post: Post,
        text: str,
        media: Sequence[MediaSpec] = (),
        *,
        is_reply: bool | None = None,
        findings: Sequence[Mapping[str, Any]] | None = None,
    ) -> bool:
        """Store the text and media; returns False when nothing changed (autosave no-op).
        `findings`: the summary (`findings_summary`) of the check of `text`, when the caller
        has one for exactly this text; it goes into the "borrador_editado" entry."""
        if post.status not in EDITABLE:
            raise ValidationError(
                f"La publicación está «{post.status.label}» y ya no se puede editar. "
                "Duplíquela como borrador nuevo si necesita cambiarla."
            )
        self.permissions.require(actor, Action.COMPOSE, account=post.account)
        specs = [
            m
            if m.sha256
            else MediaSpec(m.file_path, m.alt_text, sha256_of(m.file_path), m.mime_type)
            for m in media
        ]
        current = [(m.file_path, m.alt_text, m.sha256) for m in post.media]
        wanted = [(m.file_path, m.alt_text, m.sha256) for m in specs]
        reply = post.is_reply if is_reply is None else is_reply
        if post.text == text and current == wanted and post.is_reply == reply:
            return False
        post.text = text
        post.is_reply = reply
        post.media = [
            PostMedia(
                position=i,
                file_path=m.file_path,
                alt_text=m.alt_text,
                sha256=m.sha256,
                mime_type=m.mime_type,
            )
            for i, m in enumerate(specs)
        ]
        if post.status == PostStatus.APROBADA:
            # Approval covers the exact snapshot (6.viii): an edit needs a new consultation.
            post.status = PostStatus.BORRADOR
            self._record(actor, post, "aprobacion_invalidada_por_edicion")
            from redes_desktop.services.consultation_rules import invalidate_approval

            invalidate_approval(self.session, self.clock, self.recorder, actor, post)
        self.session.flush()
        self._record(actor, post, "borrador_editado", caracteres=len(text), imagenes=len(specs),
                     **_checked(findings))
        return True

    def schedule(self, actor: Person, post: Post, when: datetime | None) -> bool:
        """Set (or, with None, clear) when `post` is to be published; False when it was
        already so. A time in the past is refused before anything changes (times are kept in
        UTC to the minute; messages say them in México City's time)."""
        if post.status not in EDITABLE:
            raise ValidationError(
                f"La publicación está «{post.status.label}»: ya no se puede programar.",
                field="programada")
        self.permissions.require(actor, Action.COMPOSE, account=post.account)
        wanted = None if when is None else as_utc(when).replace(second=0, microsecond=0)
        current = None if post.scheduled_at is None else as_utc(post.scheduled_at)
        if wanted == current:
            return False
        if wanted is not None and is_past(wanted, self.clock()):
            raise ValidationError(past_schedule_message(wanted), field="programada")
        post.scheduled_at = wanted
        self.session.flush()
        if wanted is None:
            self._record(actor, post, "programacion_retirada",
                         programada_antes=current.isoformat() if current else None)
        else:
            self._record(actor, post, "publicacion_programada",
                         programada_para=wanted.isoformat(),
                         **({"programada_antes": current.isoformat()} if current else {}))
        return True

    def require_publishable(self, actor: Person, post: Post,
                            check_post: PostChecker, *, verb: str = "marcar como publicada"
                            ) -> CheckResult:
        """Everything that must hold for `post` to go out, checked on the stored post (never
        on what a window showed): the actor may compose for the account, the post is not
        published, discarded, in consultation or refused; a consultation approved it for this
        exact version (6.viii); no `bloquea` finding; no open incident (6.xxx). The same
        guarantee for publishing by hand, scheduling and the publishing queue."""
        self.permissions.require(actor, Action.COMPOSE, account=post.account)
        if post.status in (PostStatus.PUBLICADA, PostStatus.DESCARTADA):
            raise ValidationError(f"La publicación ya está «{post.status.label}».")
        if post.status == PostStatus.EN_CONSULTA:
            raise ValidationError(
                "La publicación está en consulta con la CNCS: espere su respuesta; sin ella "
                "no procede publicar (criterio 6.viii)."
            )
        if post.status == PostStatus.RECHAZADA:
            raise ValidationError(
                "La CNCS rechazó esta publicación (criterio 6.viii): no se puede publicar."
            )
        from redes_desktop.services.consultation_rules import consultation_block

        # Expired, needing changes, or approved for another version (6.viii).
        blocked = consultation_block(self.session, post, self.clock())
        if blocked:
            raise ValidationError(blocked, criterion="6.viii")
        result = check_post(post)
        if not result.publishable:
            blocking = [f for f in result.findings if f.severity == Severity.BLOQUEA]
            listed = "; ".join(f"{f.rule}: {f.message}" for f in blocking[:3])
            what = ("un problema que lo impide" if len(blocking) == 1
                    else f"{len(blocking)} problemas que lo impiden")
            raise ValidationError(f"No se puede {verb}: hay {what}. {listed}")
        if post.account.compromised:
            raise ValidationError(
                f"La cuenta {post.account.handle} tiene un incidente abierto (criterio 6.xxx)."
            )
        return result

    def mark_published(self, actor: Person, post: Post, url: str,
                       check_post: PostChecker) -> CheckResult:
        """Publish `post` at `url` once `check_post` (the criteria checker, required: the
        service runs the checks itself rather than trusting what a window showed) finds
        nothing that blocks it."""
        parts = urlsplit((url or "").strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.permissions.require(actor, Action.COMPOSE, account=post.account)
            raise ValidationError(
                "Escriba la dirección completa de la publicación en la red, "
                "por ejemplo https://x.com/INEMexico/status/123.",
                field="url",
            )
        result = self.require_publishable(actor, post, check_post)
        post.status = PostStatus.PUBLICADA
        post.published_url = url.strip()
        post.published_at = self.clock()
        self.session.flush()
        self._record(actor, post, "publicada", url=post.published_url,
                     **_checked(findings_summary(result.findings)))
        return result

    def discard(self, actor: Person, post: Post) -> None:
        self.permissions.require(actor, Action.COMPOSE, account=post.account)
        if post.status == PostStatus.PUBLICADA:
            raise ValidationError("Una publicación ya publicada no se descarta: queda registrada.")
        post.status = PostStatus.DESCARTADA
        self.session.flush()
        self._record(actor, post, "descartada")

    def drafts(self, author: Person, account: Account | None = None) -> list[Post]:
        return author_drafts(self.session, author.id, account.id if account else None)

    def recent_posts(
        self,
        account_id: uuid.UUID,
        *,
        exclude: uuid.UUID | None = None,
        now: datetime | None = None,
    ) -> tuple[RecentPost, ...]:
        return recent_posts(self.session, account_id, now or self.clock(), exclude=exclude)


def get_post(session: Session, post_id: uuid.UUID) -> Post:
    """The post with its media; NotFound when it was deleted (e.g. at another station)."""
    post = session.get(Post, post_id, options=[selectinload(Post.media)])
    if post is None or post.deleted_at is not None:
        raise NotFound("El borrador ya no existe; quizá se descartó en otra estación.")
    return post


def author_drafts(session: Session, author_id: uuid.UUID,
                  account_id: uuid.UUID | None = None) -> list[Post]:
    """The editable posts of an author (most recently changed first), with account and media."""
    stmt = (
        select(Post)
        .where(
            Post.author_id == author_id,
            Post.status.in_(list(EDITABLE)),
            Post.deleted_at.is_(None),
        )
        .options(selectinload(Post.media), selectinload(Post.account))
        .order_by(Post.updated_at.desc())
    )
    if account_id is not None:
        stmt = stmt.where(Post.account_id == account_id)
    return list(session.scalars(stmt))


def account_drafts(session: Session, account_ids: list[uuid.UUID]) -> list[Post]:
    """The editable posts of these accounts, whoever wrote them (most recently changed
    first): what a suplente covering an absence takes over (5.1)."""
    if not account_ids:
        return []
    stmt = (
        select(Post)
        .where(
            Post.account_id.in_(account_ids),
            Post.status.in_(list(EDITABLE)),
            Post.deleted_at.is_(None),
        )
        .options(selectinload(Post.media), selectinload(Post.account),
                 selectinload(Post.author))
        .order_by(Post.updated_at.desc())
    )
    return list(session.scalars(stmt))


def recent_posts(session: Session, account_id: uuid.UUID, now: datetime, *,
                 exclude: uuid.UUID | None = None) -> tuple[RecentPost, ...]:
    """Published or scheduled posts of the account in the last week (for 6.xxviii)."""
    since = now - spam_lookback()
    rows = session.execute(
        select(Post.id, Post.text, Post.published_at, Post.scheduled_at).where(
            Post.account_id == account_id,
            Post.deleted_at.is_(None),
            ((Post.status == PostStatus.PUBLICADA) & (Post.published_at >= since))
            | (Post.scheduled_at >= since),
        )
    )
    return tuple(  # the query's `>= since` means one of the two times is set
        RecentPost(text=text, at=at)
        for post_id, text, published, scheduled in rows
        if post_id != exclude and (at := published or scheduled) is not None
    )


def _checked(findings: Sequence[Mapping[str, Any]] | None) -> dict[str, Any]:
    """The details saying the text was checked, with what was found ({} when not checked)."""
    if findings is None:
        return {}
    # Only these keys: a finding's message may quote the text (a CURP, an insult).
    kept = ("regla", "severidad", "codigo", "veces")
    return {"revisada": True, "hallazgos": [
        {k: f[k] for k in kept if k in f} for f in list(findings)[:MAX_SUMMARY_FINDINGS]
    ]}
