"""Builders shared by the tests of redes_desktop/actions/ (no tests here)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redes_desktop.services.activity import ActivityEntry, MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from tests.factories import make_office, make_reviewer


@dataclass(frozen=True)
class People:
    titular: uuid.UUID
    suplente: uuid.UUID
    reviewer: uuid.UUID
    account: uuid.UUID


def seed(database, clock) -> People:
    """An area with its account, titular and suplente, and a CNCS reviewer; committed."""
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        return People(office.titular.id, office.suplente.id, reviewer.id, office.account.id)


class FailingRecorder(MemoryRecorder):
    """Records like MemoryRecorder, but the bitácora write of `action` fails (a full disk):
    the action must then leave nothing half-done in the database."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action

    def record(self, entry: ActivityEntry) -> None:
        if entry.action == self.action:
            raise OSError(28, "No queda espacio en el dispositivo")
        super().record(entry)
