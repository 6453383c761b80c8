"""Health of the active accounts: publication rhythm (6.xxi), possible abandonment (7.viii) and
verification by the network (6.xxix). Each row explains itself in Spanish."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, as_utc, to_mexico
from redes_desktop.models import Account, AccountStatus, Network, Post, PostStatus
from redes_desktop.models.procedures import AccountRequest
from redes_desktop.services.notifications import Notification
from redes_desktop.spanish_dates import spanish_date

RHYTHM_DAYS = {"diaria": 1, "semanal": 7}
DEFAULT_ABANDONED_AFTER_DAYS = 90
AL_DIA, INACTIVA, ABANDONO = "al_dia", "inactiva", "posible_abandono"
STATE_LABELS = {AL_DIA: "Al día", INACTIVA: "Inactiva", ABANDONO: "Posible abandono"}


@dataclass(frozen=True)
class HealthRow:
    account_id: uuid.UUID
    network: Network
    handle: str
    name: str
    area_name: str
    rhythm: str
    last_published: datetime | None
    days_silent: int
    state: str
    verified: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def account_health(
    session: Session, clock: Clock, *, abandoned_after_days: int = DEFAULT_ABANDONED_AFTER_DAYS
) -> list[HealthRow]:
    now = clock()
    last = dict(
        session.execute(
            select(Post.account_id, func.max(Post.published_at))
            .where(Post.status == PostStatus.PUBLICADA, Post.deleted_at.is_(None))
            .group_by(Post.account_id)
        ).all()
    )
    opened = dict(
        session.execute(
            select(AccountRequest.account_id, func.max(AccountRequest.opened_at)).group_by(
                AccountRequest.account_id
            )
        ).all()
    )
    accounts = session.scalars(
        select(Account)
        .where(Account.status == AccountStatus.ACTIVA, Account.deleted_at.is_(None))
        .options(selectinload(Account.area))
        .order_by(Account.handle)
    )
    rows: list[HealthRow] = []
    for account in accounts:
        published = _aware(last.get(account.id))
        since = published or _aware(opened.get(account.id)) or as_utc(account.created_at)
        silent = now - since
        rhythm_days = RHYTHM_DAYS.get(account.rhythm, 7)
        reasons: list[str] = []
        when = (
            f"desde el {spanish_date(to_mexico(published).date(), year=True)}"
            if published
            else "desde que se abrió"
        )
        if silent > timedelta(days=abandoned_after_days):
            state = ABANDONO
            reasons.append(
                f"Sin publicar {when} ({silent.days} días, más de {abandoned_after_days}): "
                "verifique que no esté abandonada o solicite su baja (criterio 7.viii)."
            )
        elif silent > timedelta(days=rhythm_days):
            state = INACTIVA
            reasons.append(
                f"Sin publicar {when}; su periodicidad es {account.rhythm} (criterio 6.xxi)."
            )
        else:
            state = AL_DIA
        if not account.verified:
            reasons.append(
                f"Aún no está verificada por {account.network.label}: solicite la verificación "
                "en cuanto cumpla los requisitos (criterio 6.xxix)."
            )
        rows.append(
            HealthRow(
                account_id=account.id,
                network=account.network,
                handle=account.handle,
                name=account.name,
                area_name=account.area.name,
                rhythm=account.rhythm,
                last_published=published,
                days_silent=silent.days,
                state=state,
                verified=account.verified,
                reasons=reasons,
            )
        )
    return rows


def _aware(value: datetime | None) -> datetime | None:
    return as_utc(value) if value is not None else None


def health_job(context) -> list[Notification]:
    """Start-up job: one notification summarising inactive, abandoned and unverified accounts."""
    days = context.workspace.settings.abandoned_after_days
    with context.session() as session:
        rows = account_health(session, context.clock, abandoned_after_days=days)
    inactive = sum(r.state == INACTIVA for r in rows)
    abandoned = sum(r.state == ABANDONO for r in rows)
    unverified = sum(not r.verified for r in rows)
    if not (inactive or abandoned or unverified):
        return []
    parts = []
    if inactive:
        parts.append(f"{inactive} inactiva(s)")
    if abandoned:
        parts.append(f"{abandoned} posiblemente abandonada(s)")
    if unverified:
        parts.append(f"{unverified} sin verificar")
    return [
        Notification(
            "Salud de las cuentas",
            "Cuentas: " + ", ".join(parts) + ". Revise la pestaña Salud en Cuentas.",
            kind="aviso",
            target=("cuentas", "salud"),
        )
    ]
