"""Background work of the consultation queue (6.viii), run at start-up and every minute:

* the 48-hour rule: pending consultations whose deadline came become "no procedente";
* "correo pendiente" marks cleared once the outbox delivered the request mail;
* notifications for the person at this workstation, each shown once (remembered in the
  `consultation_notices` table, so a restart does not repeat them):
  - reviewers of CNCS: consultations that arrived;
  - administrators (authors): a decision or expiry, and a pending one with 2 hours left.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from redes_desktop.models import Consultation, ConsultationState, Person, Role
from redes_desktop.models.consultations import ConsultationNotice
from redes_desktop.services.consultation_rules import URGENT_LEFT, format_countdown, remaining
from redes_desktop.services.consultations import ConsultationService
from redes_desktop.services.notifications import Notification

S = ConsultationState
NEW, DECISION, TWO_HOURS = "nueva", "decision", "quedan_2h"
# Decisions older than this are not announced (e.g. the first start on a copied database).
DECISION_LOOKBACK = timedelta(days=7)


def run_consultation_jobs(context) -> list[Notification]:
    """The job listed in redes_desktop.jobs (start-up and periodic)."""
    try:
        with context.session() as session:
            service = ConsultationService.from_context(context, session)
            service.expire_due()
            service.sync_mail_marks()
            session.commit()
    except StaleDataError:
        pass  # the queue view (or another station) applied the rule first: nothing is lost
    with context.session() as session:
        person = context.current_person(session)
        notes = notifications_for(session, person, context.clock()) if person else []
        session.commit()
    return notes


def _already(session: Session, person_id: uuid.UUID, kind: str) -> set[uuid.UUID]:
    return set(session.scalars(select(ConsultationNotice.consultation_id).where(
        ConsultationNotice.person_id == person_id, ConsultationNotice.kind == kind)))


def _remember(session: Session, person_id: uuid.UUID, kind: str, ids, now) -> None:
    session.add_all(ConsultationNotice(consultation_id=cid, person_id=person_id, kind=kind,
                                       notified_at=now) for cid in ids)
    session.flush()


def notifications_for(session: Session, person: Person, now) -> list[Notification]:
    notes: list[Notification] = []
    if person.has_role(Role.REVISOR_CNCS):
        notes += _new_for_reviewer(session, person, now)
    notes += _for_author(session, person, now)
    return notes


def _new_for_reviewer(session: Session, person: Person, now) -> list[Notification]:
    seen = _already(session, person.id, NEW)
    fresh = [c for c in session.scalars(
        select(Consultation).where(Consultation.state == S.PENDIENTE,
                                   Consultation.deadline > now)
        .order_by(Consultation.sent_at)) if c.id not in seen]
    if not fresh:
        return []
    _remember(session, person.id, NEW, [c.id for c in fresh], now)
    if len(fresh) == 1:
        c = fresh[0]
        return [Notification(
            "Consulta nueva para la CNCS",
            f"{c.account.handle} pregunta: {_snippet(c.question)} Quedan "
            f"{format_countdown(remaining(c.deadline, now))} h para responder.",
            "aviso", ("consultas", str(c.id)))]
    return [Notification("Consultas nuevas para la CNCS",
                         f"Llegaron {len(fresh)} consultas; la más próxima a vencer tiene "
                         f"{format_countdown(min(remaining(c.deadline, now) for c in fresh))} h.",
                         "aviso", ("consultas", ""))]


def _for_author(session: Session, person: Person, now) -> list[Notification]:
    """The author's consultations, and during a coverage those of the accounts the suplente
    covers (issue 15: alert_scope.py)."""
    from redes_desktop.clock import to_mexico
    from redes_desktop.services.alert_scope import alert_scope

    notes: list[Notification] = []
    covered = list(alert_scope(session, person, to_mexico(now).date()).covered)
    mine = Consultation.author_id == person.id
    if covered:
        mine = mine | Consultation.account_id.in_(covered)
    decided_seen = _already(session, person.id, DECISION)
    decided = [c for c in session.scalars(
        select(Consultation).where(mine,
                                   Consultation.state != S.PENDIENTE,
                                   Consultation.decided_at >= now - DECISION_LOOKBACK))
        if c.id not in decided_seen]
    for c in decided:
        kind = "urgente" if c.state == S.NO_PROCEDENTE else (
            "info" if c.state == S.APROBADA else "aviso")
        detail = c.requested_changes or c.reasoning
        notes.append(Notification(
            f"Consulta {c.state.label.lower()}",
            f"{c.account.handle}: {_snippet(detail) if detail else c.state.label}.",
            kind, ("consultas", str(c.id))))
    _remember(session, person.id, DECISION, [c.id for c in decided], now)

    urgent_seen = _already(session, person.id, TWO_HOURS)
    urgent = [c for c in session.scalars(
        select(Consultation).where(mine,
                                   Consultation.state == S.PENDIENTE,
                                   Consultation.deadline > now,
                                   Consultation.deadline <= now + URGENT_LEFT))
        if c.id not in urgent_seen]
    for c in urgent:
        notes.append(Notification(
            "Quedan menos de 2 horas",
            f"La CNCS aún no responde la consulta de {c.account.handle}; quedan "
            f"{format_countdown(remaining(c.deadline, now))} h. Sin respuesta no se publica.",
            "urgente", ("consultas", str(c.id))))
    _remember(session, person.id, TWO_HOURS, [c.id for c in urgent], now)
    return notes


def _snippet(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"
