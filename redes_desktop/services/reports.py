"""Section 8 of the criteria: the quarterly report on the behaviour of the institute's accounts
(8.iv: number of messages, purposes, frequency, users) and the semestral evaluations (8.i).

Quarters are calendar quarters in México City's local time. Everything here returns plain
dataclasses (no ORM objects), so the UI may compute them off its thread.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, mexico_tz, to_mexico
from redes_desktop.criteria import criterion_text
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import (
    Account,
    AccountAdministrator,
    AccountStatus,
    AccountUserCount,
    Area,
    Consultation,
    ConsultationState,
    Evaluation,
    Incident,
    PasswordRotation,
    Person,
    Post,
    PostStatus,
    Role,
)
from redes_desktop.passwords.rotation import due_date
from redes_desktop.purposes import NO_PURPOSE
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.spanish_dates import add_months

# Expected publications per week for each rhythm of 6.xxi (one a day, one a week).
EXPECTED_PER_WEEK = {"diaria": 7.0, "semanal": 1.0}
EVALUATION_MONTHS = 6  # 8.i: at least every six months
REPORTED_STATUSES = (AccountStatus.ACTIVA, AccountStatus.EN_BAJA)
USERS_NOT_AVAILABLE = (
    "Dato no disponible: el programa no consulta las redes sociales y no conoce el número de "
    "usuarios (seguidores) de cada cuenta. Regístrelo a partir de las estadísticas de cada red "
    "antes de presentar el informe (criterio 8.iv)."
)
USERS_ENTERED = (
    "Usuarios (seguidores) registrados a mano para cada cuenta y trimestre a partir de las "
    "estadísticas de cada red (criterio 8.iv)."
)


@dataclass(frozen=True)
class Purpose:
    id: str
    text: str


@dataclass
class AccountReport:
    account_id: uuid.UUID
    area: str
    network: str
    name: str
    handle: str
    rhythm: str
    purposes: list[Purpose]
    posts: int = 0
    replies: int = 0
    posts_per_week: float = 0.0
    expected_per_week: float = 0.0
    consultations: dict[str, int] = field(default_factory=dict)  # state value -> count
    rotations: int = 0
    rotations_on_time: int = 0
    incidents: int = 0
    # 8.iv «objetivos»: the quarter's posts per purpose of section 3 (NO_PURPOSE: none given).
    by_purpose: dict[str, int] = field(default_factory=dict)
    users: int | None = None  # 8.iv «usuarios», entered per account and quarter

    @property
    def meets_rhythm(self) -> bool:
        return self.posts_per_week + 1e-9 >= self.expected_per_week

    @property
    def consultations_total(self) -> int:
        return sum(self.consultations.values())


@dataclass
class Totals:
    accounts: int = 0
    accounts_meeting_rhythm: int = 0
    posts: int = 0
    replies: int = 0
    posts_per_week: float = 0.0
    consultations: dict[str, int] = field(default_factory=dict)
    rotations: int = 0
    rotations_on_time: int = 0
    incidents: int = 0
    by_purpose: dict[str, int] = field(default_factory=dict)
    users: int | None = None  # the sum, when every account's figure was entered


@dataclass
class QuarterlyReport:
    year: int
    quarter: int
    start: date  # first day, México City
    end: date  # last day counted, México City
    days: float  # days measured (fewer when the quarter is still running)
    partial: bool
    rows: list[AccountReport]
    totals: Totals
    users_note: str = USERS_NOT_AVAILABLE


# -- quarters --------------------------------------------------------------------------------
def validate_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(f"El trimestre {quarter} no existe: use 1, 2, 3 o 4.",
                              criterion="8.iv", field="trimestre")
    if not 2000 <= year <= 2100:
        raise ValidationError(f"El año {year} no es válido: use un año entre 2000 y 2100.",
                              criterion="8.iv", field="anio")


def quarter_bounds(year: int, quarter: int) -> tuple[datetime, datetime]:
    """[start, end) of the quarter as aware datetimes in México City's time zone."""
    validate_quarter(year, quarter)
    tz = mexico_tz()
    start = datetime(year, 3 * quarter - 2, 1, tzinfo=tz)
    end = (datetime(year + 1, 1, 1, tzinfo=tz) if quarter == 4
           else datetime(year, 3 * quarter + 1, 1, tzinfo=tz))
    return start, end


def quarter_of(moment: datetime) -> tuple[int, int]:
    local = to_mexico(moment)
    return local.year, (local.month - 1) // 3 + 1


def last_complete_quarter(now: datetime) -> tuple[int, int]:
    year, quarter = quarter_of(now)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


# -- the quarterly report (8.iv) -------------------------------------------------------------
def quarterly_report(
    session: Session, year: int, quarter: int, *, area_ids=None, as_of: datetime | None = None
) -> QuarterlyReport:
    """Per account and in total. With `as_of` inside the quarter, it is measured up to then."""
    start, end = quarter_bounds(year, quarter)
    partial = False
    if as_of is not None:
        if as_of <= start:
            raise ValidationError(f"El trimestre {quarter} de {year} aún no comienza: elija uno "
                                  "que ya haya empezado.", criterion="8.iv", field="trimestre")
        if as_of < end:
            end, partial = to_mexico(as_of), True
    days = (end - start).total_seconds() / 86400
    in_quarter = _between(start, end)

    by_purpose: dict[uuid.UUID, Counter] = {}
    for account_id, purpose, count in session.execute(
        select(Post.account_id, Post.purpose, func.count())
        .where(Post.status == PostStatus.PUBLICADA, Post.deleted_at.is_(None),
               in_quarter(Post.published_at))
        .group_by(Post.account_id, Post.purpose)
    ):
        by_purpose.setdefault(account_id, Counter())[purpose or NO_PURPOSE] += count
    posts = {
        account_id: (total, replies or 0)
        for account_id, total, replies in session.execute(
            select(Post.account_id, func.count(), func.sum(case((Post.is_reply, 1), else_=0)))
            .where(Post.status == PostStatus.PUBLICADA, Post.deleted_at.is_(None),
                   in_quarter(Post.published_at))
            .group_by(Post.account_id))
    }
    query = (select(Account).join(Account.area)
             .where(Account.deleted_at.is_(None),
                    Account.status.in_(REPORTED_STATUSES) | Account.id.in_(list(posts)))
             .options(selectinload(Account.area))
             .order_by(Area.name, Account.network, Account.handle))
    if area_ids is not None:
        query = query.where(Account.area_id.in_(list(area_ids)))
    accounts = list(session.scalars(query))
    ids = [a.id for a in accounts]

    consultations: dict[uuid.UUID, Counter] = {}
    for account_id, state, count in session.execute(
        select(Consultation.account_id, Consultation.state, func.count())
        .where(Consultation.account_id.in_(ids), in_quarter(Consultation.sent_at))
        .group_by(Consultation.account_id, Consultation.state)
    ):
        consultations.setdefault(account_id, Counter())[ConsultationState(state).value] = count
    incidents = dict(session.execute(
        select(Incident.account_id, func.count())
        .where(Incident.account_id.in_(ids), in_quarter(Incident.reported_at))
        .group_by(Incident.account_id)).all())
    rotations = _rotations(session, ids, start, end)
    users = dict(session.execute(
        select(AccountUserCount.account_id, AccountUserCount.users)
        .where(AccountUserCount.account_id.in_(ids), AccountUserCount.year == year,
               AccountUserCount.quarter == quarter)).all())

    weeks = days / 7 if days > 0 else 1.0
    rows: list[AccountReport] = []
    for account in accounts:
        total, replies = posts.get(account.id, (0, 0))
        done, on_time = rotations.get(account.id, (0, 0))
        rows.append(AccountReport(
            account_id=account.id, area=account.area.name, network=account.network.label,
            name=account.name, handle=account.handle, rhythm=account.rhythm,
            purposes=[Purpose(p, criterion_text(p)) for p in (account.purposes or [])],
            posts=total, replies=int(replies), posts_per_week=round(total / weeks, 2),
            expected_per_week=EXPECTED_PER_WEEK.get(account.rhythm, 1.0),
            consultations=dict(consultations.get(account.id, {})),
            rotations=done, rotations_on_time=on_time, incidents=incidents.get(account.id, 0),
            by_purpose=dict(by_purpose.get(account.id, {})), users=users.get(account.id),
        ))
    totals = _totals(rows, weeks)
    complete = bool(rows) and all(r.users is not None for r in rows)
    return QuarterlyReport(
        year=year, quarter=quarter, start=start.date(),
        end=(end - timedelta(microseconds=1)).date(), days=round(days, 2), partial=partial,
        rows=rows, totals=totals, users_note=USERS_ENTERED if complete else USERS_NOT_AVAILABLE)


def _between(start: datetime, end: datetime):
    return lambda column: (column >= start) & (column < end)


def _rotations(session: Session, ids: list[uuid.UUID], start: datetime, end: datetime
               ) -> dict[uuid.UUID, tuple[int, int]]:
    """Per account: password changes in the quarter, and how many came before the previous
    change was two months old (6.xxxiii). A first recorded change counts as on time."""
    history: dict[uuid.UUID, list[datetime]] = {}
    for account_id, rotated_at in session.execute(
        select(PasswordRotation.account_id, PasswordRotation.rotated_at)
        .where(PasswordRotation.account_id.in_(ids), PasswordRotation.rotated_at < end)
        .order_by(PasswordRotation.account_id, PasswordRotation.rotated_at)
    ):
        history.setdefault(account_id, []).append(rotated_at)
    found: dict[uuid.UUID, tuple[int, int]] = {}
    for account_id, moments in history.items():
        done = on_time = 0
        for previous, current in zip([None, *moments], moments, strict=False):
            if current < start:
                continue
            done += 1
            if previous is None or to_mexico(current).date() <= due_date(previous):
                on_time += 1
        found[account_id] = (done, on_time)
    return found


def _totals(rows: list[AccountReport], weeks: float) -> Totals:
    totals = Totals(accounts=len(rows))
    states: Counter = Counter()
    purposes: Counter = Counter()
    for row in rows:
        purposes.update(row.by_purpose)
        totals.accounts_meeting_rhythm += row.meets_rhythm
        totals.posts += row.posts
        totals.replies += row.replies
        states.update(row.consultations)
        totals.rotations += row.rotations
        totals.rotations_on_time += row.rotations_on_time
        totals.incidents += row.incidents
    totals.posts_per_week = round(totals.posts / weeks, 2)
    totals.consultations = dict(states)
    totals.by_purpose = dict(purposes)
    if rows and all(r.users is not None for r in rows):
        totals.users = sum(r.users or 0 for r in rows)
    return totals


def report_scope(session: Session, person: Person | None) -> set[uuid.UUID] | None:
    """Areas whose accounts `person` may see in a report: all (None) for CNCS reviewers; else
    their own area, the areas they head and those of the accounts they administer (5.1)."""
    if person is None:
        return set()
    if person.has_role(Role.REVISOR_CNCS):
        return None
    areas = {person.area_id}
    areas.update(session.scalars(select(Area.id).where(Area.titular_id == person.id)))
    areas.update(session.scalars(
        select(Account.area_id).join(AccountAdministrator)
        .where(AccountAdministrator.person_id == person.id)))
    return areas


# -- evaluations (8.i) -----------------------------------------------------------------------
@dataclass(frozen=True)
class EvaluationDue:
    account_id: uuid.UUID
    area: str
    network: str
    name: str
    handle: str
    last_period_end: date | None
    last_score: int | None

    @property
    def reason(self) -> str:
        if self.last_period_end is None:
            return "Nunca se ha evaluado (criterio 8.i: al menos cada seis meses)."
        return (f"Su última evaluación cubre hasta el {self.last_period_end:%d/%m/%Y}: han "
                "pasado más de seis meses (criterio 8.i).")


def evaluations_due(session: Session, today: date, *, area_ids=None) -> list[EvaluationDue]:
    """Accounts with no evaluation whose period ended within the last six months (8.i)."""
    since = add_months(today, -EVALUATION_MONTHS)
    latest = (select(Evaluation.account_id, func.max(Evaluation.period_end).label("last"))
              .group_by(Evaluation.account_id).subquery())
    query = (select(Account, latest.c.last).join(Account.area)
             .outerjoin(latest, latest.c.account_id == Account.id)
             .where(Account.deleted_at.is_(None), Account.status.in_(REPORTED_STATUSES),
                    (latest.c.last.is_(None)) | (latest.c.last < since))
             .options(selectinload(Account.area))
             .order_by(latest.c.last.is_not(None), latest.c.last, Area.name, Account.handle))
    if area_ids is not None:
        query = query.where(Account.area_id.in_(list(area_ids)))
    rows = session.execute(query).all()
    scores = {
        (account_id, period_end): score
        for account_id, period_end, score in session.execute(
            select(Evaluation.account_id, Evaluation.period_end, Evaluation.score)
            .where(Evaluation.account_id.in_([a.id for a, _ in rows])))
    }
    return [EvaluationDue(account.id, account.area.name, account.network.label, account.name,
                          account.handle, last, scores.get((account.id, last)))
            for account, last in rows]


def record_evaluation(
    session: Session, clock: Clock, actor: Person, account_id: uuid.UUID | str, *,
    period_start: date, period_end: date, score: int, findings: str,
    recorder: ActivityRecorder,
) -> Evaluation:
    """Record an effectiveness evaluation; only CNCS applies them (8.i). The caller commits."""
    if not actor.has_role(Role.REVISOR_CNCS):
        raise PermissionDenied("Solo un revisor de CNCS puede registrar evaluaciones de cuentas: "
                               "la evaluación la aplica la Coordinación Nacional de Comunicación "
                               "Social (criterio 8.i).")
    account = session.get(Account, uuid.UUID(str(account_id)))
    if account is None or account.deleted_at is not None:
        raise NotFound("La cuenta ya no existe; actualice la lista.")
    today = to_mexico(clock()).date()
    if not isinstance(score, int) or not 0 <= score <= 10:
        raise ValidationError("La calificación debe ser un número entero del 0 al 10.",
                              criterion="8.i", field="calificacion")
    if period_start > period_end:
        raise ValidationError("El periodo evaluado empieza después de terminar: corrija las "
                              "fechas.", criterion="8.i", field="periodo")
    if period_end > today:
        raise ValidationError("El periodo evaluado no puede terminar en el futuro: corrija la "
                              "fecha final.", criterion="8.i", field="periodo")
    text = findings.strip()
    if not text:
        raise ValidationError("Escriba los hallazgos de la evaluación: qué funciona, qué no y "
                              "qué se recomienda.", criterion="8.i", field="hallazgos")
    evaluation = Evaluation(account_id=account.id, evaluator_id=actor.id,
                            period_start=period_start, period_end=period_end,
                            evaluated_at=clock(), score=score, findings=text)
    session.add(evaluation)
    session.flush()
    recorder.record(ActivityEntry(
        at=clock(), actor_id=actor.id, account_id=account.id, action="evaluacion_registrada",
        details={"evaluacion": str(evaluation.id), "calificacion": score,
                 "periodo": f"{period_start.isoformat()}/{period_end.isoformat()}"}))
    return evaluation
