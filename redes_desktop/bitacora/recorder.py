"""`BitacoraRecorder`: the `ActivityRecorder` every service reports through, writing to the
bitácora. It adds the area of the entry (the account's area, else the actor's) for filtering."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence

from redes_desktop.bitacora.service import Bitacora
from redes_desktop.services.activity import ActivityEntry

AreaLookup = Callable[[uuid.UUID | None, uuid.UUID | None], uuid.UUID | None]


class BitacoraRecorder:
    def __init__(self, bitacora: Bitacora, area_of: AreaLookup | None = None) -> None:
        self.bitacora = bitacora
        self.area_of = area_of

    def record(self, entry: ActivityEntry) -> None:
        area = self.area_of(entry.account_id, entry.actor_id) if self.area_of else None
        self.bitacora.append(entry, area)

    def record_many(self, entries: Sequence[ActivityEntry]) -> None:
        """Record `entries` in order, in one durable transaction (a batch, e.g. the demo)."""
        areas = [self.area_of(e.account_id, e.actor_id) if self.area_of else None
                 for e in entries]
        self.bitacora.append_many(entries, areas)


class DatabaseAreaLookup:
    """Area of an account (or of a person) read from the main database, cached.

    Reads on its own session, so an account created in a service's still-open transaction is
    not visible yet: then the actor's area is used."""

    def __init__(self, database) -> None:
        self.database = database
        self._accounts: dict[uuid.UUID, uuid.UUID] = {}
        self._people: dict[uuid.UUID, uuid.UUID | None] = {}
        self._lock = threading.Lock()

    def __call__(
        self, account_id: uuid.UUID | None, actor_id: uuid.UUID | None
    ) -> uuid.UUID | None:
        from sqlalchemy import select

        from redes_desktop.models import Account, Person

        with self._lock:
            if account_id is not None and account_id in self._accounts:
                return self._accounts[account_id]
            if account_id is None and actor_id in self._people:
                return self._people[actor_id]
            with self.database.session() as session:
                if account_id is not None:
                    area = session.scalar(select(Account.area_id).where(Account.id == account_id))
                    if area is not None:
                        self._accounts[account_id] = area
                        return area
                if actor_id is None:
                    return None
                area = session.scalar(select(Person.area_id).where(Person.id == actor_id))
                self._people[actor_id] = area
                return area

    def forget(self) -> None:
        """Drop the cache (after accounts or people changed area)."""
        with self._lock:
            self._accounts.clear()
            self._people.clear()
