"""A CNCS reviewer decides a consultation (6.viii): approved, rejected or changes required;
the area is told by mail (or the mail is kept pending and retried)."""

from __future__ import annotations

import uuid

from redes_desktop.actions.consultation_mail import ConsultationMail, consultation_service
from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import ConsultationState
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.consultations import MailOutcome


def decide_consultation(
    database: Database,
    *,
    clock: Clock,
    recorder: ActivityRecorder,
    mail: ConsultationMail,
    person_id: uuid.UUID | None,
    consultation_id: uuid.UUID,
    state: ConsultationState,
    reasoning: str,
    requested_changes: str,
) -> MailOutcome:
    with unit_of_work(database) as session:
        reviewer = acting_person(session, person_id)
        service = consultation_service(session, clock=clock, recorder=recorder, mail=mail)
        return service.decide(reviewer, service.get(consultation_id), state,
                              reasoning=reasoning, requested_changes=requested_changes)
