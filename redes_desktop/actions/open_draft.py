"""Open a draft: its text, account and media as plain values for the editor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
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


def open_draft(database: Database, *, person_id: uuid.UUID | None,
               post_id: uuid.UUID, media_dir: Path | None = None) -> DraftData:
    """`media_dir`: the data folder's `media/`. An image attached on another workstation
    (its path is that workstation's) is given as this folder's copy, received with the sync
    under its content hash (sync/media.py), so the draft opens with its images here."""
    from redes_desktop.services.posts import get_post

    with unit_of_work(database) as session:
        acting_person(session, person_id)
        post = get_post(session, post_id)
        return DraftData(post.id, post.account_id, post.network, post.text, post.is_reply,
                         tuple((_local_path(m.file_path, m.sha256, media_dir), m.alt_text)
                               for m in post.media))


def _local_path(file_path: str, sha256: str, media_dir: Path | None) -> str:
    from redes_desktop.media_paths import local_image

    if media_dir is None or Path(file_path).is_file():
        return file_path
    copy = local_image(media_dir, sha256, file_path)
    return str(copy) if copy is not None else file_path
