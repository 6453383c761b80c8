"""Open a draft: its text, account and media as plain values for the editor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.database import Database
from redes_desktop.models import Network


@dataclass(frozen=True)
class DraftData:
    id: uuid.UUID
    account_id: uuid.UUID
    network: Network
    text: str
    is_reply: bool
    media: tuple[tuple[str, str], ...] = ()  # (file path, alt text)


def open_draft(database: Database, *, person_id: uuid.UUID | None,
               post_id: uuid.UUID) -> DraftData:
    from redes_desktop.services.posts import get_post

    with unit_of_work(database) as session:
        acting_person(session, person_id)
        post = get_post(session, post_id)
        return DraftData(post.id, post.account_id, post.network, post.text, post.is_reply,
                         tuple((m.file_path, m.alt_text) for m in post.media))
