"""List a person's drafts (editable posts), most recently changed first."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.database import Database


@dataclass(frozen=True)
class DraftSummary:
    id: uuid.UUID
    label: str


def snippet(text: str) -> str:
    line = " ".join(text.split())
    return (line[:40] + "…") if len(line) > 40 else (line or "(vacío)")


def list_drafts(database: Database, *, person_id: uuid.UUID | None) -> tuple[DraftSummary, ...]:
    from redes_desktop.services.posts import author_drafts

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        return tuple(
            DraftSummary(p.id, f"{p.account.handle} · {snippet(p.text)}")
            for p in author_drafts(session, person.id)
        )
