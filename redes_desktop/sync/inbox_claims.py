"""Taking an inbox item across workstations (issue 17): one atomic conditional UPDATE on the
shared database, so two people at two workstations never answer the same item at once.

    UPDATE inbox_items SET claimed_by_id = me, claim_expires_at = until, …
    WHERE id = item AND state IN ('nuevo', 'asignado')
      AND (claimed_by_id IS NULL OR claimed_by_id = me OR claim_expires_at <= now)
    RETURNING *

PostgreSQL evaluates the condition on the latest committed row and locks it, so of two
concurrent claims exactly one updates; the other sees the winner and is refused with who holds
it and until when. An item not yet on the shared database (polled here, not synced yet) is
inserted first (`ON CONFLICT DO NOTHING`: another workstation's copy, with the same derived id,
may arrive first). The change is numbered in the change log with no origin, so every
workstation, this one too, pulls it.

The limit: when the shared database cannot be reached, the claim is only this workstation's;
two workstations offline at once can both take an item, and at their next sync the first claim
to reach the shared database stays (sync/inbox_merge.py). Times are the workstations' clocks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from redes_desktop.sync.policies import table


@dataclass(frozen=True)
class ClaimAnswer:
    taken: bool
    row: dict[str, Any] | None  # the shared row after the claim (taken) or as it stands
    holder_id: uuid.UUID | None = None
    holder_until: datetime | None = None


class SharedUnreachable(Exception):
    """The shared database did not answer: the claim stays local (the documented limit)."""


class SharedClaims:
    def __init__(self, shared: Engine) -> None:
        self.shared = shared

    def claim(self, local_row: dict[str, Any], person_id: uuid.UUID, now: datetime,
              until: datetime) -> ClaimAnswer:
        t = table("inbox_items")
        item_id = local_row["id"]
        try:
            with self.shared.begin() as conn:
                conn.execute(text("SELECT set_config('redes.origin', '', true)"))
                fresh = {k: v for k, v in local_row.items() if k in t.c}
                fresh.update(doubt_group_id=None, reply_post_id=None)
                try:
                    with conn.begin_nested():
                        conn.execute(pg_insert(t).values(fresh)
                                     .on_conflict_do_nothing(index_elements=["id"]))
                except IntegrityError:
                    pass  # the account is not on the shared database yet: the update finds none
                result = conn.execute(
                    update(t).where(
                        t.c.id == item_id,
                        t.c.state.in_(("nuevo", "asignado")),
                        or_(t.c.claimed_by_id.is_(None), t.c.claimed_by_id == person_id,
                            and_(t.c.claim_expires_at.is_not(None),
                                 t.c.claim_expires_at <= now)))
                    .values(claimed_by_id=person_id, claim_expires_at=until,
                            assigned_to_id=person_id, state="asignado",
                            row_version=t.c.row_version + 1, updated_at=now)
                    .returning(*t.c)).mappings().first()
                if result is not None:
                    return ClaimAnswer(True, dict(result))
                current = conn.execute(select(t).where(t.c.id == item_id)).mappings().first()
        except DBAPIError as error:
            raise SharedUnreachable(str(error)) from error
        if current is None:
            raise SharedUnreachable("el elemento no está en la base compartida")
        row = dict(current)
        return ClaimAnswer(False, row, row.get("claimed_by_id"), row.get("claim_expires_at"))

    def release(self, item_id: uuid.UUID, person_id: uuid.UUID, now: datetime) -> None:
        """Give the claim back (only one's own)."""
        t = table("inbox_items")
        try:
            with self.shared.begin() as conn:
                conn.execute(text("SELECT set_config('redes.origin', '', true)"))
                conn.execute(update(t).where(t.c.id == item_id, t.c.claimed_by_id == person_id)
                             .values(claimed_by_id=None, claim_expires_at=None,
                                     row_version=t.c.row_version + 1, updated_at=now))
        except DBAPIError as error:
            raise SharedUnreachable(str(error)) from error
