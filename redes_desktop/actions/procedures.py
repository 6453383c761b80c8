"""What the account procedures (section 7) and coverage (5.1) need from the program, as one
required value: the clock, the settings, the data folder, the mail outbox, the keyring and
the bitácora recorder. Built once by the window or the command line; nothing defaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.services.activity import ActivityRecorder
    from redes_desktop.services.mail import Outbox
    from redes_desktop.settings import Settings

OutboxFactory = Callable[["Session"], "Outbox"]


@dataclass(frozen=True)
class Procedures:
    database: Database
    clock: Clock
    settings: Settings
    data_dir: Path
    outbox: OutboxFactory
    secrets: SecretStore
    recorder: ActivityRecorder

    @classmethod
    def of(cls, context) -> Procedures:
        """The collaborators of a running program (`AppContext`)."""
        return cls(database=context.database, clock=context.clock,
                   settings=context.workspace.settings, data_dir=context.workspace.paths.root,
                   outbox=context.outbox, secrets=context.secrets, recorder=context.recorder)

    def account_procedures(self, session: Session):
        from redes_desktop.services.account_requests import AccountProcedures

        return AccountProcedures(session, self.clock, settings=self.settings,
                                 data_dir=self.data_dir, outbox=self.outbox(session),
                                 recorder=self.recorder)

    def closures(self, session: Session):
        from redes_desktop.services.account_closure import ClosureService

        return ClosureService(session, self.clock, settings=self.settings,
                              data_dir=self.data_dir, outbox=self.outbox(session),
                              secrets=self.secrets, recorder=self.recorder)
