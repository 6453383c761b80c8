"""The composer's data access: each call opens a short session, uses PostService, commits.

Plain values go back to the UI thread (no ORM objects outlive their session).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.checks.model import CheckResult, RecentPost
from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound
from redes_desktop.models import Account, AccountStatus, Network, Person, Post, Role
from redes_desktop.services.permissions import Action
from redes_desktop.services.posts import MediaSpec, PostService, findings_summary

# The latest check the composer holds (a `CheckOutcome`: `.request` and `.results`), or None.
OutcomeSource = Callable[[], Any]


@dataclass(frozen=True)
class AccountChoice:
    id: uuid.UUID
    handle: str
    name: str
    network: Network
    rhythm: str = "diaria"  # Account.rhythm (6.xxi): sets the spam rule's rhythm (6.xxviii)

    @property
    def label(self) -> str:
        return f"{self.handle} — {self.network.label} ({self.name})"


@dataclass(frozen=True)
class DraftSummary:
    id: uuid.UUID
    label: str


@dataclass
class DraftData:
    id: uuid.UUID
    account_id: uuid.UUID
    network: Network
    text: str
    is_reply: bool
    media: list[tuple[str, str]] = field(default_factory=list)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Composer", text)


def _snippet(text: str) -> str:
    line = " ".join(text.split())
    return (line[:40] + "…") if len(line) > 40 else (line or "(vacío)")


def outcome_summary(outcome: Any, text: str, is_reply: bool) -> list[dict[str, Any]] | None:
    """The findings summary of `outcome` when it is the check of exactly this text (else None:
    the text saved was not checked as it stands)."""
    request = getattr(outcome, "request", None)
    if request is None or request.text != text or bool(request.is_reply) != bool(is_reply):
        return None
    return findings_summary(f for r in outcome.results.values() for f in r.findings)


class ComposerStore:
    def __init__(self, context: AppContext, outcome: OutcomeSource | None = None) -> None:
        self.context = context
        # Set by the composer (`lambda: self.outcome`): autosaves then record what the latest
        # check found in the bitácora ("borrador_editado" with "hallazgos").
        self.outcome = outcome

    def findings_for(self, text: str, is_reply: bool) -> list[dict[str, Any]] | None:
        """The latest check's findings summary, when it was a check of this very text."""
        return self._findings(text, is_reply, None)

    def _findings(self, text: str, is_reply: bool,
                  findings: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
        if findings is not None or self.outcome is None:
            return findings
        return outcome_summary(self.outcome(), text, is_reply)

    @contextmanager
    def _service(
        self, check_post: Callable[[Post], CheckResult] | None = None
    ) -> Iterator[tuple[Session, PostService, Person]]:
        identity = self.context.identity
        if identity is None:
            raise NotFound(_tr("No hay usuario elegido: use Archivo › Cambiar de usuario."))
        with self.context.session() as session:
            person = self.context.directory(session).person(identity.person_id)
            if person is None:
                raise NotFound(
                    _tr("La persona elegida ya no existe; elija otra con Cambiar de usuario.")
                )
            service = PostService(session, self.context.clock, check_post, self.context.recorder)
            try:
                yield session, service, person
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # -- accounts ----------------------------------------------------------------------------
    def composable_accounts(self) -> tuple[list[AccountChoice], str]:
        """The accounts the current person may compose for; else an explanation."""
        identity = self.context.identity
        if identity is None:
            return [], _tr(
                "Elija quién usa esta estación (Archivo › Cambiar de usuario) para redactar."
            )
        with self.context.session() as session:
            person = self.context.directory(session).person(identity.person_id)
            if person is None:
                return [], _tr(
                    "La persona elegida ya no existe; elija otra con Cambiar de usuario."
                )
            permissions = self.context.permissions(session)
            accounts = session.scalars(
                select(Account)
                .where(Account.deleted_at.is_(None), Account.status != AccountStatus.CANCELADA)
                .order_by(Account.handle)
            )
            choices = [
                AccountChoice(a.id, a.handle, a.name, a.network, a.rhythm)
                for a in accounts
                if permissions.check(person, Action.COMPOSE, account=a)
            ]
            if choices:
                return choices, ""
            if person.has_role(Role.REVISOR_CNCS):
                return [], _tr(
                    "Como revisor(a) de la CNCS usted no redacta en las cuentas de las áreas: "
                    "decide las consultas en la sección «Consultas CNCS» (criterio 6.viii)."
                )
            if person.has_role(Role.ADMIN_SUPLENTE):
                return [], _tr(
                    "Como suplente solo puede redactar mientras cubre una ausencia registrada "
                    "del titular de la cuenta (criterio 5.1). Hoy no cubre ninguna: pida al "
                    "titular del área que registre la ausencia."
                )
            return [], _tr(
                "No tiene cuentas en las que pueda redactar. Solo el administrador titular de "
                "una cuenta redacta en ella (criterio 5.1); si debería tener acceso, pida al "
                "titular de su área que lo designe."
            )

    # -- drafts ------------------------------------------------------------------------------
    def drafts(self) -> list[DraftSummary]:
        with self._service() as (_session, service, person):
            return [
                DraftSummary(p.id, f"{p.account.handle} · {_snippet(p.text)}")
                for p in service.drafts(person)
            ]

    def load(self, post_id: uuid.UUID) -> DraftData:
        with self._service() as (_session, service, _person):
            post = service.get(post_id)
            return DraftData(
                post.id, post.account_id, post.network, post.text, post.is_reply,
                [(m.file_path, m.alt_text) for m in post.media],
            )

    def create(self, account_id: uuid.UUID, text: str, is_reply: bool,
               media: list[tuple[str, str]], *,
               findings: list[dict[str, Any]] | None = None) -> uuid.UUID:
        findings = self._findings(text, is_reply, findings)
        with self._service() as (session, service, person):
            account = self.context.directory(session).account(account_id)
            post = service.create_draft(person, account, text, is_reply=is_reply,
                                        findings=None if media else findings)
            if media:
                service.save_draft(person, post, text, [MediaSpec(p, a) for p, a in media],
                                   is_reply=is_reply, findings=findings)
            return post.id

    def save(self, post_id: uuid.UUID, text: str, is_reply: bool,
             media: list[tuple[str, str]], *,
             findings: list[dict[str, Any]] | None = None) -> bool:
        """Autosave; `findings` (a `findings_summary`) defaults to the latest check's, when
        it was a check of this very text."""
        findings = self._findings(text, is_reply, findings)
        with self._service() as (_session, service, person):
            post = service.get(post_id)
            return service.save_draft(person, post, text, [MediaSpec(p, a) for p, a in media],
                                      is_reply=is_reply, findings=findings)

    def recent_posts(self, account_id: uuid.UUID,
                     exclude: uuid.UUID | None) -> tuple[RecentPost, ...]:
        with self.context.session() as session:
            service = PostService(session, self.context.clock)
            return service.recent_posts(account_id, exclude=exclude)

    def mark_published(self, post_id: uuid.UUID, url: str,
                       check_post: Callable[[Post], CheckResult]) -> None:
        with self._service(check_post) as (_session, service, person):
            service.mark_published(person, service.get(post_id), url)

    def discard(self, post_id: uuid.UUID) -> None:
        with self._service() as (_session, service, person):
            service.discard(person, service.get(post_id))
