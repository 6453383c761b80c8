"""Schedule a post to go out through the network at a given time (or now), and cancel it.

Scheduling asks the same of the post as publishing (`PostService.require_publishable`: the
criteria, the CNCS approval of this exact version, no open incident) and a connection of the
account with its network on this workstation; the queue asks it all again when the time comes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.checks.model import CheckResult
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.errors import ValidationError
from redes_desktop.models import Post
from redes_desktop.models.publishing import JobState, NetworkConnection, PublishJob
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.post_files import require_files
from redes_desktop.services.posts import PostChecker, PostService


@dataclass(frozen=True)
class ScheduledPost:
    post_id: uuid.UUID
    due_at: datetime
    warnings: int


def schedule_post(
    database: Database, *, clock: Clock, recorder: ActivityRecorder, check_post: PostChecker,
    person_id: uuid.UUID | None, post_id: uuid.UUID, when: datetime | None,
    media_dir: Path | None = None,
) -> ScheduledPost:
    """`when` None: as soon as the queue runs. `media_dir`: the data folder's `media/`; a
    post whose image or video has not arrived there yet (attached on another workstation) is
    refused with a Spanish message saying so (`MediaNotHere`)."""
    now = clock()
    if when is not None and when.tzinfo is None:
        raise ValueError("schedule_post needs an aware datetime")
    if when is not None and when < now:
        raise ValidationError("La fecha y hora de publicación ya pasó. Elija una futura.",
                              field="scheduled_at")
    due = when or now
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        service = PostService(session, clock, recorder=recorder)
        post = service.get(post_id)

        def files_then_criteria(post: Post) -> CheckResult:
            require_files(post.media, media_dir)  # a clear word before «file not found»
            return check_post(post)

        result = service.require_publishable(
            person, post, files_then_criteria, verb="programar" if when is not None else "publicar")
        connected = session.scalar(select(NetworkConnection.id).where(
            NetworkConnection.account_id == post.account_id))
        if connected is None:
            raise ValidationError(
                f"La cuenta {post.account.handle} no está conectada con la red en esta "
                "estación. Conéctela en Cuentas › Conexión con la red, o publique a mano y "
                "pegue el enlace.")
        job = session.scalar(select(PublishJob).where(PublishJob.post_id == post.id))
        if job is not None and job.state in (JobState.ENVIANDO, JobState.PUBLICADA):
            raise ValidationError("Esta publicación ya se está enviando o ya se publicó.")
        if job is None:
            job = PublishJob(post_id=post.id, account_id=post.account_id,
                             scheduled_by_id=person.id, due_at=due, next_attempt_at=due)
            session.add(job)
        job.scheduled_by_id = person.id
        job.due_at = job.next_attempt_at = due
        job.state = JobState.PENDIENTE
        job.attempts = 0
        job.last_error = ""
        post.scheduled_at = due
        recorder.record(ActivityEntry(
            at=now, actor_id=person.id, account_id=post.account_id, action="programada",
            details={"publicacion": str(post.id), "para": due.isoformat()}))
        return ScheduledPost(post.id, due, len(result.findings))


def cancel_scheduled(
    database: Database, *, clock: Clock, recorder: ActivityRecorder,
    person_id: uuid.UUID | None, post_id: uuid.UUID,
) -> None:
    from redes_desktop.services.permissions import Action, Permissions

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        post = PostService(session, clock, recorder=recorder).get(post_id)
        Permissions(session, clock).require(person, Action.COMPOSE, account=post.account)
        job = session.scalar(select(PublishJob).where(PublishJob.post_id == post.id))
        if job is None or job.state in (JobState.PUBLICADA, JobState.CANCELADA):
            raise ValidationError("Esta publicación no está programada.")
        if job.state == JobState.ENVIANDO:
            raise ValidationError(
                "La publicación ya se envió a la red y se espera su confirmación: no se puede "
                "cancelar. Si aparece publicada, bórrela en la red.")
        job.state = JobState.CANCELADA
        post.scheduled_at = None
        recorder.record(ActivityEntry(
            at=clock(), actor_id=person.id, account_id=post.account_id,
            action="programacion_cancelada", details={"publicacion": str(post.id)}))
