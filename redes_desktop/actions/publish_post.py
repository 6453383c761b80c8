"""Mark a draft as published at its address in the network, once the criteria checker (run
here, on the stored post, never trusting what a window showed) finds nothing that blocks it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.posts import PostChecker as PostChecker


@dataclass(frozen=True)
class PublishedPost:
    post_id: uuid.UUID
    url: str
    published_at: datetime | None
    warnings: int  # findings that did not block (avisos), for the message


def publish_post(
    database: Database,
    *,
    clock: Clock,
    recorder: ActivityRecorder,
    check_post: PostChecker,
    person_id: uuid.UUID | None,
    post_id: uuid.UUID,
    url: str,
) -> PublishedPost:
    from redes_desktop.services.posts import PostService

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        service = PostService(session, clock, recorder=recorder)
        post = service.get(post_id)
        result = service.mark_published(person, post, url, check_post)
        return PublishedPost(post.id, post.published_url or "", post.published_at,
                             len(result.findings))
