"""A post's details (purpose 6.i, source 6.iv, bulletin headline 6.x, topic 6.xxvii, validity
5.2 d): save and read them, and what the composer's check needs during a Consejo General
session."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.services.post_details import Details as Details

if TYPE_CHECKING:
    from redes_desktop.checks.model import CouncilContext
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder
    from redes_desktop.services.post_details import Details


def save_post_details(database: Database, post_id: uuid.UUID | str, details: Details, *,
                      person_id: uuid.UUID | None, clock: Clock,
                      recorder: ActivityRecorder) -> bool:
    """True when something changed; the service refuses bad input and who may not compose."""
    from redes_desktop.services.post_details import set_details

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        return set_details(session, clock, actor, post_id, details, recorder=recorder)


def load_post_details(database: Database, post_id: uuid.UUID | str) -> Details:
    from redes_desktop.errors import NotFound
    from redes_desktop.models import Post
    from redes_desktop.services.post_details import details_of

    with unit_of_work(database) as session:
        post = session.get(Post, uuid.UUID(str(post_id)))
        if post is None or post.deleted_at is not None:
            raise NotFound("La publicación ya no existe; actualice la lista.")
        return details_of(post)


def council_context(database: Database, account_id: uuid.UUID, moment: datetime, *,
                    exclude: uuid.UUID | None = None) -> CouncilContext | None:
    """The Consejo General session `moment` falls in, with the account's other posts in it."""
    from redes_desktop.services.council_sessions import council_context as context

    with unit_of_work(database) as session:
        return context(session, account_id, moment, exclude=exclude)
