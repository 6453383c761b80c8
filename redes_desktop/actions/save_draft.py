"""Save a draft (autosave or «guardar ahora»): create it on the first save, else store the
text, media and scheduled time. The bitácora records what the latest check of this very text
found (8.iii), and every change of the scheduled time."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from redes_desktop.actions.open_draft import DraftContent, DraftData, draft_data
from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.errors import UserFacingError
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.posts import findings_summary as findings_summary

# The summary (`services.posts.findings_summary`) of the check of exactly the text saved, or
# None when that text was not checked as it stands.
Findings = Sequence[Mapping[str, Any]] | None



class Unchanged(Enum):
    """The scheduled time is left as stored (the caller did not touch it)."""

    KEEP = "keep"


KEEP = Unchanged.KEEP
# When to publish (aware; None: not scheduled), or KEEP.
Schedule = datetime | None | Unchanged


@dataclass(frozen=True)
class SavedDraft:
    post_id: uuid.UUID
    changed: bool  # False: nothing differed from what was stored (autosave no-op)
    # Why the scheduled time was not stored (a time already past); the text was saved anyway.
    schedule_error: str = ""
    row_version: int = 0  # the stored row's version after the save


class DraftChangedElsewhere(UserFacingError):
    """The draft stored here is no longer the version the editor started from: a sync brought
    another workstation's edit (issue 15). Nothing was saved; `current` is the stored version,
    so the person can compare both and choose."""

    def __init__(self, current: DraftData) -> None:
        super().__init__(
            "Este borrador cambió en otra estación mientras usted lo editaba. No se guardó "
            "nada: compare las dos versiones y elija cuál conservar.")
        self.current = current


def _apply_schedule(service: Any, person: Any, post: Any, scheduled_at: Schedule
                    ) -> tuple[bool, str]:
    """Store the scheduled time; a refusal is returned, never raised: the text typed is saved
    whatever happens to the time (nothing typed is lost)."""
    from redes_desktop.errors import ValidationError

    if scheduled_at is KEEP:
        return False, ""
    try:
        return service.schedule(person, post, scheduled_at), ""
    except ValidationError as error:
        if error.field != "programada":
            raise
        return False, error.message


def create_draft(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                 person_id: uuid.UUID | None, account_id: uuid.UUID, text: str,
                 is_reply: bool, media: Sequence[tuple[str, str]],
                 findings: Findings, scheduled_at: Schedule = KEEP) -> SavedDraft:
    """A new draft in `account_id` (the person must be allowed to compose there, 5.1)."""
    from redes_desktop.services.directory import Directory
    from redes_desktop.services.posts import MediaSpec, PostService

    specs = [MediaSpec(path, alt) for path, alt in media]
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        service = PostService(session, clock, recorder=recorder)
        account = Directory(session, clock, recorder).account(account_id)
        post = service.create_draft(person, account, text, is_reply=is_reply,
                                    findings=None if specs else findings)
        if specs:
            service.save_draft(person, post, text, specs, is_reply=is_reply, findings=findings)
        _changed, error = _apply_schedule(service, person, post, scheduled_at)
        return SavedDraft(post.id, True, error, post.row_version or 0)


def save_draft(database: Database, *, clock: Clock, recorder: ActivityRecorder,
               person_id: uuid.UUID | None, post_id: uuid.UUID, text: str, is_reply: bool,
               media: Sequence[tuple[str, str]], findings: Findings,
               scheduled_at: Schedule = KEEP,
               expected: DraftContent | None = None,
               media_dir: Path | None = None) -> SavedDraft:
    """Store the text, media and (unless KEEP) scheduled time of the draft `post_id` (its
    account stays).

    `expected`: what the editor loaded or last saved. When the stored draft no longer holds
    it (another workstation's edit arrived with a sync), nothing is saved and
    `DraftChangedElsewhere` carries the stored version."""
    from redes_desktop.services.posts import MediaSpec, PostService

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        service = PostService(session, clock, recorder=recorder)
        post = service.get(post_id)
        _refuse_while_sending(session, post.id)
        if expected is not None:
            stored = draft_data(post, media_dir)
            wanted = DraftContent.of(text, is_reply, media)
            if stored.content != expected and stored.content != wanted:
                raise DraftChangedElsewhere(stored)
        changed = service.save_draft(person, post, text,
                                     [MediaSpec(path, alt) for path, alt in media],
                                     is_reply=is_reply, findings=findings)
        rescheduled, error = _apply_schedule(service, person, post, scheduled_at)
        session.flush()
        return SavedDraft(post.id, changed or rescheduled, error, post.row_version or 0)


def _refuse_while_sending(session: Any, post_id: uuid.UUID) -> None:
    """A post the publishing queue has sent and not yet confirmed keeps the text it was sent
    with: the queue looks for exactly that text before sending again (issue 17)."""
    from sqlalchemy import select

    from redes_desktop.errors import ValidationError
    from redes_desktop.models.publishing import JobState, PublishJob

    sending = session.scalar(select(PublishJob.id).where(
        PublishJob.post_id == post_id, PublishJob.state == JobState.ENVIANDO))
    if sending is not None:
        raise ValidationError(
            "La publicación se envió a la red y se espera su confirmación: no se puede cambiar "
            "ahora. Vuelva a intentarlo en unos minutos; lo escrito sigue en el editor.")

