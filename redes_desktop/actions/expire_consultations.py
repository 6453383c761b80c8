"""The 48-hour rule now (6.viii): pending consultations whose deadline came become «No
procedente — sin respuesta en 48 h», the areas are told, and "correo pendiente" marks whose
mail has since left are cleared. Needs no person: it is the rule, not anyone's decision."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redes_desktop.actions.consultation_mail import ConsultationMail, consultation_service
from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.services.activity import ActivityRecorder


@dataclass(frozen=True)
class ExpiredConsultation:
    id: uuid.UUID
    account_handle: str
    answer_mail_pending: bool  # the notice could not leave yet; the outbox retries it


@dataclass(frozen=True)
class Expiry:
    expired: tuple[ExpiredConsultation, ...]
    raced: bool = False  # another station or the periodic job applied the rule meanwhile


def expire_consultations(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                         mail: ConsultationMail, sync_mail_marks: bool = True) -> Expiry:
    from sqlalchemy.orm.exc import StaleDataError

    from redes_desktop.services.consultation_mail import ANSWER_KIND

    try:
        with unit_of_work(database) as session:
            service = consultation_service(session, clock=clock, recorder=recorder, mail=mail)
            due = service.expire_due()
            if sync_mail_marks:
                service.sync_mail_marks()
            outbox = service.outbox
            return Expiry(tuple(
                ExpiredConsultation(
                    c.id, c.account.handle,
                    bool(outbox is not None and outbox.pending(ANSWER_KIND, c.id)))
                for c in due))
    except StaleDataError:  # the periodic job applied the 48-hour rule at the same moment
        return Expiry((), raced=True)
