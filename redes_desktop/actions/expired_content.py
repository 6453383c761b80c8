"""5.2 d: the published content of the person's accounts whose validity ended, and updating
(a new validity date) or withdrawing it, which clears the reminder."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder
    from redes_desktop.services.post_details import ExpiredPost


def expired_content(database: Database, *, person_id: uuid.UUID | None,
                    clock: Clock) -> tuple[ExpiredPost, ...]:
    from redes_desktop.clock import to_mexico
    from redes_desktop.models import Account
    from redes_desktop.services.permissions import Action, Permissions
    from redes_desktop.services.post_details import expired_posts

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        permissions = Permissions(session, clock)
        rows = expired_posts(session, to_mexico(clock()).date())
        allowed = {r.account_id for r in rows
                   if permissions.check(actor, Action.VIEW_ACCOUNT,
                                        account=session.get(Account, r.account_id))}
        return tuple(r for r in rows if r.account_id in allowed)


def resolve_expired_content(database: Database, post_id: uuid.UUID | str, *,
                            withdrawn: bool = False, new_valid_until: date | None = None,
                            person_id: uuid.UUID | None, clock: Clock,
                            recorder: ActivityRecorder) -> None:
    from redes_desktop.services.post_details import resolve_expired

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        resolve_expired(session, clock, actor, post_id, withdrawn=withdrawn,
                        new_valid_until=new_valid_until, recorder=recorder)


def update_expired_content(database: Database, post_id: uuid.UUID | str, *,
                           new_valid_until: date, person_id: uuid.UUID | None, clock: Clock,
                           recorder: ActivityRecorder) -> uuid.UUID:
    """«Actualizar»: a new version of the expired post as a draft valid until
    `new_valid_until` (the id of the draft, to open in the Redactor); the reminder clears."""
    from redes_desktop.services.post_details import new_version_of_expired

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        return new_version_of_expired(session, clock, actor, post_id, new_valid_until,
                                      recorder=recorder).id
