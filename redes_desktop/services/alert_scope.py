"""Whose alerts are these (issue 15): the accounts a person answers for today, so that the
background jobs tell each person only about them (5.1).

* A CNCS reviewer answers for the whole institution (`account_ids` is None).
* Anyone else: the accounts they administer as titular today, and every account of the areas
  they head (the area titular also rotates their passwords, 5.1).
* A suplente: the accounts of the titular whose absence they cover, *during* the coverage
  only (5.1: the suplente holds the titular's rights only then) — e.g. a covered account's
  overdue password. Outside a coverage a suplente designation brings no alerts.

Qt-free: the jobs (`jobs.py`) and the tests use it alike.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.models import (
    AbsencePeriod,
    Account,
    AccountAdministrator,
    AdminKind,
    Area,
    Person,
    Role,
)
from redes_desktop.spanish_dates import spanish_date


@dataclass(frozen=True)
class Coverage:
    """An account the person covers today: whose absence, and until when."""

    titular: str
    until: date

    def text(self) -> str:
        return f"cubre a {self.titular} hasta el {spanish_date(self.until)}"


@dataclass(frozen=True)
class AlertScope:
    account_ids: frozenset[uuid.UUID] | None  # None: the whole institution (CNCS)
    covered: dict[uuid.UUID, Coverage] = field(default_factory=dict)

    @property
    def institution_wide(self) -> bool:
        return self.account_ids is None

    def includes(self, account_id: uuid.UUID) -> bool:
        return self.account_ids is None or account_id in self.account_ids

    def note(self, account_id: uuid.UUID) -> str:
        """« (cubre a Ana hasta el 20 de marzo)» for a covered account, "" otherwise."""
        coverage = self.covered.get(account_id)
        return f" ({coverage.text()})" if coverage is not None else ""


def alert_scope(session: Session, person: Person, today: date) -> AlertScope:
    """The accounts `person` is told about on `today` (México City's date)."""
    if person.has_role(Role.REVISOR_CNCS):
        return AlertScope(None)
    current = (AccountAdministrator.since <= today) & (
        AccountAdministrator.until.is_(None) | (AccountAdministrator.until >= today))
    live = Account.deleted_at.is_(None)
    ids: set[uuid.UUID] = set(session.scalars(
        select(AccountAdministrator.account_id).join(Account).where(
            AccountAdministrator.person_id == person.id,
            AccountAdministrator.kind == AdminKind.TITULAR, current, live)))
    ids.update(session.scalars(
        select(Account.id).join(Area, Account.area_id == Area.id).where(
            Area.titular_id == person.id, Area.deleted_at.is_(None), live)))
    covered: dict[uuid.UUID, Coverage] = {}
    absences = session.scalars(select(AbsencePeriod).where(
        AbsencePeriod.covering_person_id == person.id,
        AbsencePeriod.starts_on <= today, AbsencePeriod.ends_on >= today,
        AbsencePeriod.deleted_at.is_(None)))
    designated_suplente = set(session.scalars(
        select(AccountAdministrator.account_id).where(
            AccountAdministrator.person_id == person.id,
            AccountAdministrator.kind == AdminKind.SUPLENTE, current)))
    for absence in absences:
        for account_id in session.scalars(
                select(AccountAdministrator.account_id).join(Account).where(
                    AccountAdministrator.person_id == absence.person_id,
                    AccountAdministrator.kind == AdminKind.TITULAR, current, live)):
            # As Permissions.check: the suplente designated on that very account.
            if account_id not in ids and account_id in designated_suplente:
                covered[account_id] = Coverage(absence.person.name, absence.ends_on)
    return AlertScope(frozenset(ids | set(covered)), covered)
