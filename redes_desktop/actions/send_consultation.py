"""Send a consultation to CNCS about a draft (6.viii): the draft is frozen, the 48-hour
deadline starts and CNCS is mailed (or the mail is kept pending and retried)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from redes_desktop.actions.consultation_mail import ConsultationMail, consultation_service
from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import PostStatus
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.consultation_rules import deadline_for as deadline_for
from redes_desktop.services.consultations import SendOutcome as SendOutcome


@dataclass(frozen=True)
class DraftPreview:
    """The draft as the send dialog shows it before sending."""

    post_id: uuid.UUID
    account: str
    text: str
    images: int
    status: PostStatus


def preview_draft(database: Database, *, person_id: uuid.UUID | None,
                  post_id: uuid.UUID) -> DraftPreview:
    from redes_desktop.services.posts import get_post

    with unit_of_work(database) as session:
        acting_person(session, person_id)
        post = get_post(session, post_id)
        return DraftPreview(post.id, post.account.handle, post.text, len(post.media),
                            post.status)


def send_consultation(
    database: Database,
    *,
    clock: Clock,
    recorder: ActivityRecorder,
    mail: ConsultationMail,
    person_id: uuid.UUID | None,
    post_id: uuid.UUID,
    question: str,
    networks: Sequence[str],
    findings: Sequence[dict],
) -> SendOutcome:
    from redes_desktop.services.posts import get_post

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        service = consultation_service(session, clock=clock, recorder=recorder, mail=mail)
        return service.send(person, get_post(session, post_id), question, networks=networks,
                            findings=findings)
