"""Open a draft: its text, account, media and scheduled time as plain values for the editor
(a published post too, to be read: `editable` says whether it can still change)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

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
    scheduled_at: datetime | None = None  # aware UTC
    status_label: str = ""
    editable: bool = True  # False: published, discarded or in consultation (read only)
    published_url: str | None = None
    published_at: datetime | None = None


def open_draft(database: Database, *, person_id: uuid.UUID | None,
               post_id: uuid.UUID) -> DraftData:
    from redes_desktop.clock import as_utc
    from redes_desktop.services.posts import EDITABLE, get_post

    with unit_of_work(database) as session:
        acting_person(session, person_id)
        post = get_post(session, post_id)
        return DraftData(
            post.id, post.account_id, post.network, post.text, post.is_reply,
            tuple((m.file_path, m.alt_text) for m in post.media),
            scheduled_at=as_utc(post.scheduled_at) if post.scheduled_at else None,
            status_label=post.status.label, editable=post.status in EDITABLE,
            published_url=post.published_url,
            published_at=as_utc(post.published_at) if post.published_at else None)
