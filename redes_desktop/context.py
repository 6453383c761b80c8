"""What a running program knows: its workspace, database, clock and the person using it.
Passed explicitly to services and views — there are no global singletons."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import Person, Role
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityRecorder, BitacoraNotAttached
from redes_desktop.services.directory import Directory
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.notifications import MemoryNotifier, Notifier
from redes_desktop.services.permissions import Permissions
from redes_desktop.workspace import Workspace


@dataclass(frozen=True)
class Identity:
    """The person using this workstation, as plain values safe to keep on the UI thread."""

    person_id: uuid.UUID
    name: str
    email: str
    area_name: str
    roles: frozenset[Role]

    @property
    def is_reviewer(self) -> bool:
        return Role.REVISOR_CNCS in self.roles

    @property
    def role_label(self) -> str:
        order = [Role.REVISOR_CNCS, Role.TITULAR_AREA, Role.ADMIN_TITULAR, Role.ADMIN_SUPLENTE]
        present = [r.label for r in order if r in self.roles]
        return ", ".join(present) if present else "Sin rol asignado"

    @classmethod
    def of(cls, person: Person) -> Identity:
        return cls(
            person_id=person.id,
            name=person.name,
            email=person.email,
            area_name=person.area.name if person.area else "",
            roles=person.role_set,
        )


@dataclass
class AppContext:
    workspace: Workspace
    database: Database
    clock: Clock
    # Where secrets live (the OS keyring or the local vault): chosen at start-up, never a
    # silent default to the real keyring.
    secrets: SecretStore
    # Until `attach_bitacora` opens this workstation's bitácora, recording refuses loudly.
    recorder: ActivityRecorder = field(default_factory=BitacoraNotAttached)
    identity: Identity | None = None
    # The window replaces this with its tray notifier once it is shown.
    notifier: Notifier = field(default_factory=MemoryNotifier)
    # What background jobs keep between runs (e.g. the publishing queue's check engine).
    job_state: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.database.session() as session:
            yield session

    def directory(self, session: Session) -> Directory:
        return Directory(session, self.clock, self.recorder)

    def permissions(self, session: Session) -> Permissions:
        return Permissions(session, self.clock)

    def outbox(self, session: Session) -> Outbox:
        config = MailConfig.from_settings(self.workspace.settings)
        return Outbox(session, self.clock, SmtpMailer(config, self.secrets))

    def current_person(self, session: Session) -> Person | None:
        if self.identity is None:
            return None
        return self.directory(session).person(self.identity.person_id)

    def close(self) -> None:
        """Flush what must be written before exit (the bitácora's pending anchor)."""
        bitacora = getattr(self.recorder, "bitacora", None)
        if bitacora is not None:
            bitacora.close()

    def load_identity(self) -> Identity | None:
        """The identity remembered in the settings, if that person still exists."""
        with self.session() as session:
            person = self.directory(session).person(self.workspace.settings.current_person_id)
            self.identity = Identity.of(person) if person else None
        return self.identity

    def choose_identity(self, person_id: uuid.UUID) -> Identity:
        with self.session() as session:
            person = self.directory(session).person(person_id)
            if person is None:
                from redes_desktop.errors import NotFound

                raise NotFound("La persona elegida ya no existe; elija otra.")
            identity = Identity.of(person)
        return self.remember_identity(identity)

    def remember_identity(self, identity: Identity) -> Identity:
        """Use `identity` from now on and remember it for the next start (no database access:
        the identity comes from an action, `actions/choose_identity.py`)."""
        self.identity = identity
        self.workspace.settings.current_person_id = str(identity.person_id)
        self.workspace.save_settings()
        return identity
