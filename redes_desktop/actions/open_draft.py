"""Open a draft: its text, account, media and scheduled time as plain values for the editor
(a published post too, to be read: `editable` says whether it can still change)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

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
    # Bumped by every change of the row, here or pulled from another workstation (sync).
    row_version: int = 0
    # A version of this draft from this workstation waits in «Conflictos de sincronización»
    # (the shared database kept another workstation's, issue 15).
    in_conflicts: bool = False

    @property
    def content(self) -> DraftContent:
        return DraftContent(self.text, self.is_reply, self.media)


@dataclass(frozen=True)
class DraftContent:
    """What the editor shows of a draft: a save compares it with what is stored, so that a
    version pulled from another workstation is never overwritten unseen (issue 15)."""

    text: str
    is_reply: bool
    media: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, text: str, is_reply: bool,
           media: Sequence[tuple[str, str]] | Sequence[list[str]]) -> DraftContent:
        return cls(text, bool(is_reply), tuple((str(p), str(a)) for p, a in media))


def open_draft(database: Database, *, person_id: uuid.UUID | None,
               post_id: uuid.UUID, media_dir: Path | None = None) -> DraftData:
    """`media_dir`: the data folder's `media/`. An image attached on another workstation
    (its path is that workstation's) is given as this folder's copy, received with the sync
    (sync/media.py, media_paths.py), so the draft opens with its images here."""
    from sqlalchemy import select

    from redes_desktop.models.sync_state import SyncConflict
    from redes_desktop.services.posts import get_post

    with unit_of_work(database) as session:
        acting_person(session, person_id)
        post = get_post(session, post_id)
        waiting = session.scalar(select(SyncConflict.id).where(
            SyncConflict.table_name == "posts", SyncConflict.row_id == post.id,
            SyncConflict.resolved_at.is_(None)).limit(1))
        data = draft_data(post, media_dir)
        return replace(data, in_conflicts=waiting is not None)


def draft_data(post, media_dir: Path | None = None) -> DraftData:
    """The plain values of a `Post` (read inside a unit of work); images attached elsewhere
    as this workstation's copies when `media_dir` has them."""
    from redes_desktop.clock import as_utc
    from redes_desktop.services.posts import EDITABLE

    return DraftData(
        post.id, post.account_id, post.network, post.text, post.is_reply,
        tuple((_local_path(m.file_path, m.sha256, media_dir), m.alt_text or "")
              for m in post.media),
        scheduled_at=as_utc(post.scheduled_at) if post.scheduled_at else None,
        status_label=post.status.label, editable=post.status in EDITABLE,
        published_url=post.published_url,
        published_at=as_utc(post.published_at) if post.published_at else None,
        row_version=post.row_version or 0)


def _local_path(file_path: str, sha256: str, media_dir: Path | None) -> str:
    from redes_desktop.media_paths import local_image

    if media_dir is None or Path(file_path).is_file():
        return file_path
    copy = local_image(media_dir, sha256, file_path)
    return str(copy) if copy is not None else file_path
