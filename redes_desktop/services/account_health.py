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


def health_reminders(session: Session, person, today, *, clock: Clock,
                     abandoned_after_days: int) -> list[Notification]:
    """One notification summarising the inactive, abandoned and unverified accounts the
    person answers for (services/alert_scope.py: a CNCS reviewer, the whole institution; an
    area's titular or administrator, their own accounts; a suplente, those they cover)."""
    from redes_desktop.services.alert_scope import alert_scope

    scope = alert_scope(session, person, today)
    rows = [r for r in account_health(session, clock, abandoned_after_days=abandoned_after_days)
            if scope.includes(r.account_id)]
    inactive = [r for r in rows if r.state == INACTIVA]
    abandoned = [r for r in rows if r.state == ABANDONO]
    unverified = [r for r in rows if not r.verified]
    if not (inactive or abandoned or unverified):
        return []
    parts = []
    for found, label in ((inactive, "inactiva(s)"), (abandoned, "posiblemente abandonada(s)"),
                         (unverified, "sin verificar")):
        if found:
            handles = ", ".join(r.handle + scope.note(r.account_id) for r in found[:3])
            more = f" y {len(found) - 3} más" if len(found) > 3 else ""
            parts.append(f"{len(found)} {label} ({handles}{more})")
    whose = "de la institución" if scope.institution_wide else "a su cargo"
    flagged = {r.account_id for r in inactive + abandoned + unverified}
    single = next(iter(flagged)) if len(flagged) == 1 else None  # clicking opens that account
    return [
        Notification(
            "Salud de las cuentas",
            f"Cuentas {whose}: " + "; ".join(parts) + ". Revise la pestaña Salud en Cuentas.",
            kind="aviso",
            target=("cuentas", str(single) if single else "salud"),
        )
    ]


def health_job(context) -> list[Notification]:
    """Job (start-up, and after each sign-in): once a day per person."""
    from redes_desktop.services.reminders import run_daily

    days = context.workspace.settings.abandoned_after_days
    return run_daily(context, "salud", lambda session, person, today: health_reminders(
        session, person, today, clock=context.clock, abandoned_after_days=days))
