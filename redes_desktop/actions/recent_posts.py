"""The recent posts of an account the spam rule compares against (6.xxviii)."""

from __future__ import annotations

import uuid

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.checks.model import RecentPost
from redes_desktop.clock import Clock
from redes_desktop.database import Database


def recent_posts(database: Database, *, clock: Clock, account_id: uuid.UUID,
                 exclude: uuid.UUID | None = None) -> tuple[RecentPost, ...]:
    """Published or scheduled posts of the account in the spam rule's window; `exclude` is
    the draft being written (it is not its own duplicate). No person needed: the check of a
    text is the same whoever asks."""
    from redes_desktop.services.posts import recent_posts as query

    with unit_of_work(database) as session:
        return query(session, account_id, clock(), exclude=exclude)
