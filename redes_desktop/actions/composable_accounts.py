"""List the accounts a person may compose for (criterion 5.1), or say why there are none."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import Network


@dataclass(frozen=True)
class AccountChoice:
    id: uuid.UUID
    handle: str
    name: str
    network: Network
    rhythm: str = "diaria"  # Account.rhythm (6.xxi): sets the spam rule's rhythm (6.xxviii)
    compromised: bool = False  # an incident is open (6.xxx): no new draft until it is closed
    area_id: uuid.UUID | None = None  # the account's area: its published contacts pass 6.iii

    @property
    def label(self) -> str:
        return f"{self.handle} — {self.network.label} ({self.name})"


@dataclass(frozen=True)
class ComposableAccounts:
    accounts: tuple[AccountChoice, ...]
    explanation: str = ""  # why there are none ("" when there are)


REVIEWER = (
    "Como revisor(a) de la CNCS usted no redacta en las cuentas de las áreas: decide las "
    "consultas en la sección «Consultas CNCS» (criterio 6.viii)."
)
SUPLENTE = (
    "Como suplente solo puede redactar mientras cubre una ausencia registrada del titular de "
    "la cuenta (criterio 5.1). Hoy no cubre ninguna: pida al titular del área que registre la "
    "ausencia."
)
NONE = (
    "No tiene cuentas en las que pueda redactar. Solo el administrador titular de una cuenta "
    "redacta en ella (criterio 5.1); si debería tener acceso, pida al titular de su área que "
    "lo designe."
)


def composable_accounts(database: Database, *, clock: Clock,
                        person_id: uuid.UUID | None) -> ComposableAccounts:
    """The live accounts the acting person may compose for today, by handle; `NoIdentity`
    when nobody is signed in."""
    from sqlalchemy import select

    from redes_desktop.models import Account, AccountStatus, Role
    from redes_desktop.services.permissions import Action, Permissions

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        permissions = Permissions(session, clock)
        accounts = session.scalars(
            select(Account)
            .where(Account.deleted_at.is_(None), Account.status != AccountStatus.CANCELADA)
            .order_by(Account.handle)
        )
        choices = tuple(
            AccountChoice(a.id, a.handle, a.name, a.network, a.rhythm, bool(a.compromised),
                          a.area_id)
            for a in accounts
            if permissions.check(person, Action.COMPOSE, account=a)
        )
        if choices:
            return ComposableAccounts(choices)
        if person.has_role(Role.REVISOR_CNCS):
            return ComposableAccounts((), REVIEWER)
        if person.has_role(Role.ADMIN_SUPLENTE):
            return ComposableAccounts((), SUPLENTE)
        return ComposableAccounts((), NONE)
