"""5.3 — CNCS organises an annual training meeting with the account administrators: it schedules
the session, invites by mail every current administrator, records who attended, and each
administrator without a session attended this year gets a reminder (shown in Informes)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import (
    Account,
    AccountAdministrator,
    AccountStatus,
    Person,
    Role,
    TrainingAttendance,
    TrainingSession,
)
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.mail import Outbox

ACTIVE = (AccountStatus.ACTIVA, AccountStatus.AUTORIZADA, AccountStatus.EN_BAJA)


@dataclass(frozen=True)
class SessionSummary:
    id: uuid.UUID
    title: str
    held_on: date
    invited: int
    attended: int


@dataclass(frozen=True)
class PendingAdministrator:
    person_id: uuid.UUID
    name: str
    email: str
    area: str
    invited: bool  # invited to a session this year (and did not attend)

    @property
    def reason(self) -> str:
        if self.invited:
            return ("Fue convocado(a) pero no tiene asistencia registrada este año a la "
                    "capacitación anual (criterio 5.3).")
        return "No tiene capacitación este año (criterio 5.3)."


def _require_cncs(actor: Person) -> None:
    if not actor.has_role(Role.REVISOR_CNCS):
        raise PermissionDenied("Solo la Coordinación Nacional de Comunicación Social organiza la "
                               "capacitación anual de los administradores (criterio 5.3).")


def schedule(session: Session, clock: Clock, actor: Person, *, title: str, held_on: date,
             notes: str = "", recorder: ActivityRecorder) -> TrainingSession:
    _require_cncs(actor)
    name = " ".join((title or "").split())
    if not name:
        raise ValidationError("Escriba el nombre de la capacitación.", criterion="5.3",
                              field="titulo")
    if len(name) > 200:
        raise ValidationError("El nombre tiene más de 200 caracteres.", criterion="5.3",
                              field="titulo")
    if not isinstance(held_on, date):
        raise ValidationError("Indique la fecha de la capacitación.", criterion="5.3",
                              field="fecha")
    row = TrainingSession(title=name, held_on=held_on, notes=(notes or "").strip())
    session.add(row)
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=None,
                                  action="capacitacion_programada",
                                  details={"capacitacion": str(row.id),
                                           "fecha": held_on.isoformat()}))
    return row


def current_administrators(session: Session, today: date) -> list[Person]:
    """Every person designated titular or suplente of an account in operation today."""
    rows = session.scalars(
        select(AccountAdministrator).join(Account)
        .where(Account.deleted_at.is_(None), Account.status.in_(ACTIVE))
        .options(selectinload(AccountAdministrator.person).selectinload(Person.area)))
    people: dict[uuid.UUID, Person] = {}
    for row in rows:
        if row.is_current(today) and row.person.deleted_at is None:
            people[row.person_id] = row.person
    return sorted(people.values(), key=lambda p: (p.area.name, p.name))


def _training(session: Session, session_id: uuid.UUID | str) -> TrainingSession:
    row = session.get(TrainingSession, uuid.UUID(str(session_id)))
    if row is None:
        raise NotFound("La capacitación ya no existe; actualice la lista.")
    return row


def invite(session: Session, clock: Clock, actor: Person, session_id: uuid.UUID | str, *,
           outbox: Outbox, recorder: ActivityRecorder) -> int:
    """Mail the invitation to every current administrator not yet invited; their attendance
    rows start as not attended. Returns how many were invited now."""
    _require_cncs(actor)
    training = _training(session, session_id)
    today = to_mexico(clock()).date()
    if training.held_on < today:
        raise ValidationError("La capacitación ya pasó: programe otra para convocar.",
                              criterion="5.3", field="fecha")
    existing = {a.person_id: a for a in session.scalars(
        select(TrainingAttendance).where(TrainingAttendance.session_id == training.id))}
    count = 0
    for person in current_administrators(session, today):
        row = existing.get(person.id)
        if row is not None and row.invited_at is not None:
            continue
        if row is None:
            row = TrainingAttendance(session_id=training.id, person_id=person.id,
                                     attended=False)
            session.add(row)
        row.invited_at = clock()
        outbox.queue(
            [person.email], f"Convocatoria: {training.title} ({training.held_on:%d/%m/%Y})",
            (f"Estimada/o {person.name}:\n\nLa Coordinación Nacional de Comunicación Social le "
             f"convoca a la capacitación anual de administradores de cuentas institucionales "
             f"en redes sociales «{training.title}», el {training.held_on:%d/%m/%Y}.\n\n"
             f"{training.notes}\n\nSu área es responsable de que asista (criterio 5.3).\n"),
            related_kind="capacitacion", related_id=training.id, send_now=False)
        count += 1
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=None,
                                  action="capacitacion_convocada",
                                  details={"capacitacion": str(training.id),
                                           "convocados": count}))
    return count


def record_attendance(session: Session, clock: Clock, actor: Person,
                      session_id: uuid.UUID | str, person_id: uuid.UUID | str, attended: bool,
                      *, recorder: ActivityRecorder) -> None:
    _require_cncs(actor)
    training = _training(session, session_id)
    if training.held_on > to_mexico(clock()).date():
        raise ValidationError("La capacitación aún no ocurre: registre la asistencia el día de "
                              "la sesión o después.", criterion="5.3", field="asistencia")
    person = session.get(Person, uuid.UUID(str(person_id)))
    if person is None or person.deleted_at is not None:
        raise NotFound("La persona ya no está en el directorio; actualice la lista.")
    row = session.scalars(select(TrainingAttendance).where(
        TrainingAttendance.session_id == training.id,
        TrainingAttendance.person_id == person.id)).first()
    if row is None:
        row = TrainingAttendance(session_id=training.id, person_id=person.id)
        session.add(row)
    row.attended = bool(attended)
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=None,
                                  action="asistencia_capacitacion",
                                  details={"capacitacion": str(training.id),
                                           "persona": str(person.id), "asistio": attended}))


def sessions_of_year(session: Session, year: int) -> list[SessionSummary]:
    rows = session.scalars(
        select(TrainingSession)
        .where(TrainingSession.held_on >= date(year, 1, 1),
               TrainingSession.held_on <= date(year, 12, 31))
        .options(selectinload(TrainingSession.attendances))
        .order_by(TrainingSession.held_on))
    return [SessionSummary(r.id, r.title, r.held_on,
                           sum(a.invited_at is not None for a in r.attendances),
                           sum(a.attended for a in r.attendances)) for r in rows]


def without_training(session: Session, today: date, *, area_ids=None
                     ) -> list[PendingAdministrator]:
    """Current administrators with no attended training session this year (5.3)."""
    year = today.year
    attendances = session.execute(
        select(TrainingAttendance.person_id, TrainingAttendance.attended)
        .join(TrainingSession)
        .where(TrainingSession.held_on >= date(year, 1, 1),
               TrainingSession.held_on <= date(year, 12, 31))).all()
    attended = {p for p, a in attendances if a}
    invited = {p for p, _a in attendances}
    return [PendingAdministrator(p.id, p.name, p.email, p.area.name, p.id in invited)
            for p in current_administrators(session, today)
            if p.id not in attended and (area_ids is None or p.area_id in area_ids)]
