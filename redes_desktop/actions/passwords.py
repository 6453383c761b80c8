"""What the password actions (6.xxxiii, 6.xxx) need, as one required value: the clock, the
keyring, the mail outbox, the addresses of CNCS and UNICOM and the bitácora recorder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.actions.procedures import OutboxFactory
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.services.activity import ActivityRecorder
    from redes_desktop.services.incidents import IncidentService
    from redes_desktop.services.password_service import PasswordService


@dataclass(frozen=True)
class Passwords:
    database: Database
    clock: Clock
    secrets: SecretStore
    outbox: OutboxFactory
    cncs_email: str
    unicom_email: str
    recorder: ActivityRecorder

    @classmethod
    def of(cls, context) -> Passwords:
        settings = context.workspace.settings
        return cls(database=context.database, clock=context.clock, secrets=context.secrets,
                   outbox=context.outbox, cncs_email=settings.cncs_email,
                   unicom_email=settings.unicom_email, recorder=context.recorder)

    def service(self, session: Session) -> PasswordService:
        from redes_desktop.services.password_service import PasswordService

        return PasswordService(session, self.clock, self.secrets, self.recorder)

    def incidents(self, session: Session) -> IncidentService:
        from redes_desktop.services.incidents import IncidentService

        return IncidentService(session, self.clock, self.outbox(session),
                               cncs_email=self.cncs_email, unicom_email=self.unicom_email,
                               recorder=self.recorder)
