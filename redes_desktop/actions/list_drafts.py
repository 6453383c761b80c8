"""List a person's drafts (editable posts), most recently changed first; a suplente covering
an absence (5.1) also gets the drafts of the accounts they cover, whoever wrote them (the
titular's pending work, the notice of attention hours), marked with their author."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database


@dataclass(frozen=True)
class DraftSummary:
    id: uuid.UUID
    label: str


def snippet(text: str) -> str:
    line = " ".join(text.split())
    return (line[:40] + "…") if len(line) > 40 else (line or "(vacío)")


def list_drafts(database: Database, *, person_id: uuid.UUID | None,
                clock: Clock | None = None) -> tuple[DraftSummary, ...]:
    """`clock`: today's coverage is looked up only with it (without: the author's own)."""
    from redes_desktop.services.posts import account_drafts, author_drafts

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        own = author_drafts(session, person.id)
        found = [DraftSummary(p.id, f"{p.account.handle} · {snippet(p.text)}") for p in own]
        if clock is not None:
            from redes_desktop.services.coverage import active_coverages
            from redes_desktop.services.permissions import Permissions

            seen = {p.id for p in own}
            today = Permissions(session, clock).today()
            for absence, accounts in active_coverages(session, person, today):
                for post in account_drafts(session, [a.id for a in accounts]):
                    if post.id in seen:
                        continue
                    seen.add(post.id)
                    author = post.author.name if post.author else absence.person.name
                    found.append(DraftSummary(
                        post.id, f"{post.account.handle} · {snippet(post.text)} "
                                 f"(de {author})"))
        return tuple(found)
