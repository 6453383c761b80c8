"""Who may do what (5.1, 6.viii, 7.iii). Checked here, in the service layer, for every action;
the UI only mirrors these answers by hiding or disabling controls.

5.1: only the designated administrators of an account and the titular of its area have access.
The suplente holds the titular's rights on an account only while covering an absence of the
titular (AbsencePeriod with the suplente as covering person).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import PermissionDenied
from redes_desktop.models import (
    AbsencePeriod,
    Account,
    AccountAdministrator,
    AdminKind,
    Area,
    Person,
    Role,
)


class Action(StrEnum):
    VIEW_ACCOUNT = "ver la cuenta"
    COMPOSE = "redactar y publicar en la cuenta"
    CONSULT_CNCS = "consultar a CNCS sobre la cuenta"
    DECIDE_CONSULTATION = "decidir consultas de CNCS"
    REVEAL_PASSWORD = "ver o copiar la contraseña de la cuenta"
    ROTATE_PASSWORD = "cambiar la contraseña de la cuenta"
    REPORT_INCIDENT = "reportar un incidente de la cuenta"
    REQUEST_ACCOUNT = "solicitar cuentas para el área"
    AUTHORIZE_ACCOUNT = "autorizar o rechazar solicitudes de cuenta"
    MANAGE_ADMINISTRATORS = "designar administradores del área"
    READ_BITACORA = "consultar la bitácora de la cuenta"
    RESTORE_BITACORA_ANCHORS = "restablecer las anclas de la bitácora de esta estación"
    CONNECT_NETWORK = "conectar la cuenta con su red social"


# Actions that belong to whoever holds the titular's rights on an account.
_ACCOUNT_OPERATION = {
    Action.COMPOSE,
    Action.CONSULT_CNCS,
    Action.REVEAL_PASSWORD,
    Action.ROTATE_PASSWORD,
    Action.CONNECT_NETWORK,
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


class Permissions:
    """Answers permission questions against the database and the injected clock."""

    def __init__(self, session: Session, clock: Clock) -> None:
        self.session = session
        self.clock = clock

    def today(self) -> date:
        return to_mexico(self.clock()).date()

    # -- facts -----------------------------------------------------------------------------
    def designation(self, person: Person, account: Account) -> AdminKind | None:
        today = self.today()
        rows = self.session.scalars(
            select(AccountAdministrator).where(
                AccountAdministrator.account_id == account.id,
                AccountAdministrator.person_id == person.id,
            )
        )
        kinds = {row.kind for row in rows if row.is_current(today)}
        if AdminKind.TITULAR in kinds:
            return AdminKind.TITULAR
        if AdminKind.SUPLENTE in kinds:
            return AdminKind.SUPLENTE
        return None

    def is_area_titular(self, person: Person, area: Area) -> bool:
        return area.titular_id is not None and area.titular_id == person.id

    def titular_of_some_area(self, person: Person) -> bool:
        return self.session.scalars(
            select(Area.id).where(Area.titular_id == person.id, Area.deleted_at.is_(None))
        ).first() is not None

    def covering_absence(self, suplente: Person, account: Account) -> AbsencePeriod | None:
        """The absence of this account's titular that `suplente` is covering today, if any."""
        today = self.today()
        titular_ids = [
            a.person_id
            for a in account.administrators
            if a.kind == AdminKind.TITULAR and a.is_current(today)
        ]
        if not titular_ids:
            return None
        return self.session.scalars(
            select(AbsencePeriod).where(
                AbsencePeriod.person_id.in_(titular_ids),
                AbsencePeriod.covering_person_id == suplente.id,
                AbsencePeriod.starts_on <= today,
                AbsencePeriod.ends_on >= today,
                AbsencePeriod.deleted_at.is_(None),
            )
        ).first()

    # -- questions -------------------------------------------------------------------------
    def check(
        self,
        person: Person,
        action: Action,
        *,
        account: Account | None = None,
        area: Area | None = None,
    ) -> Decision:
        if action == Action.DECIDE_CONSULTATION or action == Action.AUTHORIZE_ACCOUNT:
            if person.has_role(Role.REVISOR_CNCS):
                return Decision(True)
            return Decision(
                False, f"Solo un revisor de CNCS puede {action.value} (criterio 6.viii)."
            )

        if action == Action.RESTORE_BITACORA_ANCHORS:
            # Someone who answers for the workstation's work (bitacora/reanchor.py).
            if person.has_role(Role.REVISOR_CNCS) or self.titular_of_some_area(person):
                return Decision(True)
            return Decision(
                False, f"Solo el titular de un área o un revisor de CNCS puede {action.value}."
            )

        if action in (Action.REQUEST_ACCOUNT, Action.MANAGE_ADMINISTRATORS):
            target = area or (account.area if account else None)
            if target is None:
                return Decision(False, "Indique el área.")
            if self.is_area_titular(person, target):
                return Decision(True)
            if action == Action.MANAGE_ADMINISTRATORS and person.has_role(Role.REVISOR_CNCS):
                # Issue 14: the CNCS manages the roles, account administrators included
                # (section Organización), with the same rules of 5.1 and notices of 7.iv.
                return Decision(True)
            if (
                action == Action.REQUEST_ACCOUNT
                and person.area_id == target.id
                and (person.has_role(Role.ADMIN_TITULAR) or person.has_role(Role.ADMIN_SUPLENTE))
            ):
                return Decision(True)
            return Decision(
                False,
                f"Solo el titular de {target.name} puede {action.value} (criterio 5.1)."
                + (" También puede hacerlo un revisor de la CNCS."
                   if action == Action.MANAGE_ADMINISTRATORS else ""),
            )

        if account is None:
            return Decision(False, "Indique la cuenta.")
        kind = self.designation(person, account)
        area_titular = self.is_area_titular(person, account.area)

        if action in (Action.VIEW_ACCOUNT, Action.READ_BITACORA, Action.REPORT_INCIDENT):
            if kind is not None or area_titular or person.has_role(Role.REVISOR_CNCS):
                return Decision(True)
            return Decision(False, self._no_access(account, action))

        if action in _ACCOUNT_OPERATION:
            if kind == AdminKind.TITULAR:
                return Decision(True)
            if area_titular and action in (Action.REVEAL_PASSWORD, Action.ROTATE_PASSWORD):
                return Decision(True)
            if kind == AdminKind.SUPLENTE:
                if self.covering_absence(person, account) is not None:
                    return Decision(True)
                return Decision(
                    False,
                    f"Como suplente de {account.handle} solo puede {action.value} mientras "
                    "cubre una ausencia registrada del titular (criterio 5.1).",
                )
            return Decision(False, self._no_access(account, action))
        return Decision(False, "Acción desconocida.")

    def visible_accounts(self, person: Person, accounts: Iterable[Account]) -> list[Account]:
        """The `accounts` `person` may view (the VIEW_ACCOUNT rule of `check`, decided in two
        queries for all of them rather than two per account)."""
        if person.has_role(Role.REVISOR_CNCS):
            return list(accounts)
        today = self.today()
        designated = {
            row.account_id
            for row in self.session.scalars(
                select(AccountAdministrator).where(AccountAdministrator.person_id == person.id))
            if row.is_current(today)
        }
        titular_of = set(self.session.scalars(select(Area.id).where(Area.titular_id == person.id)))
        return [a for a in accounts if a.id in designated or a.area_id in titular_of]

    def require(self, person: Person, action: Action, *, account: Account | None = None,
                area: Area | None = None) -> None:
        decision = self.check(person, action, account=account, area=area)
        if not decision:
            raise PermissionDenied(decision.reason)

    @staticmethod
    def _no_access(account: Account, action: Action) -> str:
        return (
            f"No puede {action.value} {account.handle}: solo sus administradores designados y "
            "el titular del área tienen acceso (criterio 5.1)."
        )
