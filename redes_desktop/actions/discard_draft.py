"""Discard a draft: it leaves the list of drafts; the bitácora keeps that it was discarded."""

from __future__ import annotations

import uuid

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.services.activity import ActivityRecorder


def discard_draft(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                  person_id: uuid.UUID | None, post_id: uuid.UUID) -> None:
    from redes_desktop.services.posts import PostService

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        service = PostService(session, clock, recorder=recorder)
        service.discard(person, service.get(post_id))
