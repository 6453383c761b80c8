"""Absences and their coverage (5.1).

An absence of a titular administrator is registered with its dates; the designated suplente of
each of the titular's accounts covers it. One `AbsencePeriod` row is written per covering
suplente (a titular whose accounts have different suplentes gets one row per suplente, same
dates). The covering suplente holds the titular's rights on those accounts during the period
only: `Permissions.covering_absence` reads the rows, so the rights end by themselves.

`coverage_details` is what every service adds to the bitácora entries of an action taken under
coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import (
    AbsenceKind,
    AbsencePeriod,
    Account,
    AccountAdministrator,
    AccountStatus,
    AdminKind,
    Person,
)
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.permissions import Permissions
from redes_desktop.spanish_dates import spanish_range

CLOSED_STATUSES = (AccountStatus.CANCELADA, AccountStatus.RECHAZADA)


def coverage_details(
    permissions: Permissions, person: Person | None, account: Account | None
) -> dict[str, Any]:
    """{"en_cobertura": True, "cubre_a": <titular>} when `person` acts on `account` covering an
    absence of its titular today; {} otherwise. Costs no query for anyone but a suplente."""
    if person is None or account is None:
        return {}
    today = permissions.today()
    is_suplente = any(
        a.person_id == person.id and a.kind == AdminKind.SUPLENTE and a.is_current(today)
        for a in account.administrators
    )
    if not is_suplente:
        return {}
    absence = permissions.covering_absence(person, account)
    if absence is None:
        return {}
    return {"en_cobertura": True, "cubre_a": absence.person.name}


@dataclass(frozen=True)
class CoveredAccount:
    account: Account
    suplente: Person | None


def titular_accounts(session: Session, person: Person, on: date) -> list[CoveredAccount]:
    """Open accounts where `person` is titular on `on`, with the suplente designated that day."""
    rows = session.scalars(
        select(AccountAdministrator)
        .where(
            AccountAdministrator.person_id == person.id,
            AccountAdministrator.kind == AdminKind.TITULAR,
        )
        .options(
            selectinload(AccountAdministrator.account)
            .selectinload(Account.administrators)
            .selectinload(AccountAdministrator.person)
        )
    )
    found: list[CoveredAccount] = []
    for row in rows:
        account = row.account
        if not row.is_current(on) or account.deleted_at is not None:
            continue
        if account.status in CLOSED_STATUSES:
            continue
        suplente = next(
            (
                a.person
                for a in account.administrators
                if a.kind == AdminKind.SUPLENTE and a.is_current(on)
            ),
            None,
        )
        found.append(CoveredAccount(account, suplente))
    return sorted(found, key=lambda c: c.account.handle.lower())


def active_coverages(session: Session, person: Person,
                     on: date) -> list[tuple[AbsencePeriod, list[Account]]]:
    """The absences `person` covers on `on` (5.1), soonest ending first, each with the
    accounts of the absent titular that this person covers as their designated suplente."""
    rows = session.scalars(
        select(AbsencePeriod)
        .where(AbsencePeriod.covering_person_id == person.id,
               AbsencePeriod.deleted_at.is_(None),
               AbsencePeriod.starts_on <= on, AbsencePeriod.ends_on >= on)
        .options(selectinload(AbsencePeriod.person))
        .order_by(AbsencePeriod.ends_on, AbsencePeriod.created_at))
    found = []
    for absence in rows:
        accounts = [item.account for item in titular_accounts(session, absence.person, on)
                    if item.suplente is not None and item.suplente.id == person.id]
        if accounts:
            found.append((absence, accounts))
    return found


def _overlapping(session: Session, start: date, end: date, **where: Any) -> list[AbsencePeriod]:
    stmt = select(AbsencePeriod).where(
        AbsencePeriod.deleted_at.is_(None),
        AbsencePeriod.starts_on <= end,
        AbsencePeriod.ends_on >= start,
    )
    for column, value in where.items():
        stmt = stmt.where(getattr(AbsencePeriod, column) == value)
    return list(session.scalars(stmt.order_by(AbsencePeriod.starts_on)))


class AbsenceService:
    def __init__(
        self, session: Session, clock: Clock, recorder: ActivityRecorder
    ) -> None:
        self.session = session
        self.clock = clock
        self.recorder = recorder
        self.permissions = Permissions(session, clock)

    def today(self) -> date:
        return to_mexico(self.clock()).date()

    def _record(self, actor: Person, account: Account | None, action: str, **details) -> None:
        self.recorder.record(
            ActivityEntry(
                at=self.clock(),
                actor_id=actor.id,
                account_id=account.id if account else None,
                action=action,
                details=details,
            )
        )

    def may_register(self, actor: Person, person: Person) -> bool:
        return actor.id == person.id or self.permissions.is_area_titular(actor, person.area)

    def register(
        self,
        actor: Person,
        person: Person,
        kind: AbsenceKind,
        starts_on: date,
        ends_on: date,
        covering: Person | None = None,
    ) -> list[AbsencePeriod]:
        """Validate and record an absence; returns one row per covering suplente.

        `covering` (issue 15): who the person registering chose to cover. For someone who is
        titular of accounts it must be the suplente designated on every one of them (only a
        designated suplente may operate an account, 5.1; another person is designated first,
        7.iv); for someone without accounts, any other person of the institution who is not
        absent then. None: each account's designated suplente."""
        if not self.may_register(actor, person):
            raise PermissionDenied(
                f"Solo {person.name} o el titular de {person.area.name} pueden registrar sus "
                "ausencias (criterio 5.1)."
            )
        if starts_on is None or ends_on is None:
            raise ValidationError("Indique la fecha de inicio y la de término de la ausencia.")
        if ends_on < starts_on:
            raise ValidationError(
                "La fecha de término es anterior a la de inicio: revise las fechas de la "
                "ausencia.",
                field="ends_on",
            )
        if ends_on < self.today():
            raise ValidationError(
                "Esa ausencia ya terminó: solo se registran ausencias en curso o futuras, "
                "porque la cobertura del suplente no puede ser retroactiva.",
                field="ends_on",
            )
        when = spanish_range(starts_on, ends_on)
        for other in _overlapping(self.session, starts_on, ends_on, person_id=person.id):
            raise ValidationError(
                f"{person.name} ya tiene registrada una ausencia "
                f"{spanish_range(other.starts_on, other.ends_on)} ({other.kind.label}) que se "
                "empalma con la nueva. Modifique las fechas o cancele la anterior.",
                field="starts_on",
            )
        for other in _overlapping(
            self.session, starts_on, ends_on, covering_person_id=person.id
        ):
            raise ValidationError(
                f"{person.name} cubre la ausencia de {other.person.name} "
                f"{spanish_range(other.starts_on, other.ends_on)}: no puede ausentarse "
                f"{when} sin que antes se designe otro suplente (criterio 7.iv).",
                field="starts_on",
            )
        covered = titular_accounts(self.session, person, starts_on)
        by_suplente: dict[object, list[CoveredAccount]] = {}
        for item in covered:
            if item.suplente is None:
                raise ValidationError(
                    f"La cuenta {item.account.handle} no tiene suplente designado: nadie "
                    f"podría atenderla {when}. Designe al suplente (criterio 5.1) antes de "
                    "registrar la ausencia.",
                    criterion="5.1",
                    field="suplente",
                )
            if item.suplente.id == person.id:
                continue
            by_suplente.setdefault(item.suplente.id, []).append(item)
        for items in by_suplente.values():
            suplente = items[0].suplente
            assert suplente is not None
            for other in _overlapping(self.session, starts_on, ends_on, person_id=suplente.id):
                handles = ", ".join(i.account.handle for i in items)
                raise ValidationError(
                    f"{suplente.name}, suplente de {handles}, también estará ausente "
                    f"{spanish_range(other.starts_on, other.ends_on)}: nadie cubriría "
                    f"{when}. Ajuste las fechas o designe otro suplente (criterio 7.iv).",
                    criterion="5.1",
                    field="suplente",
                )
        chosen: Person | None = None
        if covering is not None:
            chosen = self._check_covering(person, covering, covered, starts_on, ends_on)
        rows: list[AbsencePeriod] = []
        targets = list(by_suplente.values()) or [[]]
        for items in targets:
            suplente = items[0].suplente if items else chosen
            row = AbsencePeriod(
                person_id=person.id,
                person=person,
                covering_person_id=suplente.id if suplente else None,
                covering_person=suplente,
                kind=kind,
                starts_on=starts_on,
                ends_on=ends_on,
            )
            self.session.add(row)
            rows.append(row)
        self.session.flush()
        for row, items in zip(rows, targets, strict=True):
            recorded: list[CoveredAccount | None] = [*items] or [None]  # None: no account
            for target in recorded:
                self._record(
                    actor,
                    target.account if target else None,
                    "ausencia_registrada",
                    ausente=person.name,
                    tipo=kind.value,
                    desde=starts_on.isoformat(),
                    hasta=ends_on.isoformat(),
                    cubre=row.covering_person.name if row.covering_person else "",
                )
        return rows

    def _check_covering(self, person: Person, covering: Person,
                        covered: list[CoveredAccount], starts_on: date,
                        ends_on: date) -> Person:
        when = spanish_range(starts_on, ends_on)
        if covering.id == person.id or covering.deleted_at is not None:
            raise ValidationError(
                f"Elija a otra persona para cubrir la ausencia de {person.name}.",
                criterion="5.1", field="covering")
        for item in covered:
            if item.suplente is not None and item.suplente.id != covering.id:
                raise ValidationError(
                    f"{covering.name} no es suplente de {item.account.handle}: la cubre su "
                    f"suplente designado, {item.suplente.name} (criterio 5.1). Para que la "
                    "cubra otra persona, cambie antes a los administradores de la cuenta "
                    "(criterio 7.iv).", criterion="5.1", field="covering")
        for other in _overlapping(self.session, starts_on, ends_on, person_id=covering.id):
            raise ValidationError(
                f"{covering.name} también estará ausente "
                f"{spanish_range(other.starts_on, other.ends_on)}: no puede cubrir {when}. "
                "Elija a otra persona o ajuste las fechas.", criterion="5.1", field="covering")
        return covering

    def covering_choices(self, person: Person) -> list[tuple[Person | None, str]]:
        """Who may cover `person`'s absence, the default first: the designated suplente of
        their accounts; for someone without accounts (an area titular) the suplentes of the
        area's accounts, then nobody, then anyone of the area (5.1). (None, label) means
        «each account's designated suplente» (or nobody)."""
        covered = titular_accounts(self.session, person, self.today())
        suplentes: dict[object, tuple[Person, list[str]]] = {}
        for item in covered:
            if item.suplente is not None and item.suplente.id != person.id:
                suplentes.setdefault(item.suplente.id, (item.suplente, []))[1].append(
                    item.account.handle)
        if len(suplentes) == 1:
            (suplente, handles), = suplentes.values()
            return [(suplente, f"{suplente.name} — suplente de {', '.join(handles)}")]
        if suplentes:
            return [(None, "Los suplentes designados: " + "; ".join(
                f"{p.name} ({', '.join(h)})" for p, h in suplentes.values()))]
        others = list(self.session.scalars(
            select(Person).where(Person.area_id == person.area_id, Person.id != person.id,
                                 Person.deleted_at.is_(None))
            .order_by(Person.name)))
        # The area's suplentes first (the default), then nobody, then anyone of the area.
        today = self.today()
        area_suplentes = {
            a.person_id for account in self.session.scalars(
                select(Account).where(Account.area_id == person.area_id,
                                      Account.deleted_at.is_(None)))
            for a in account.current_administrators(today) if a.kind == AdminKind.SUPLENTE}
        first = [(p, f"{p.name} — suplente de las cuentas del área") for p in others
                 if p.id in area_suplentes]
        rest = [(p, p.name) for p in others if p.id not in area_suplentes]
        return [*first, (None, "Nadie: no administra cuentas"), *rest]

    def cancel(self, actor: Person, absence: AbsencePeriod) -> None:
        """Cancel an absence (every row of the same person and dates); kept, marked deleted."""
        if not self.may_register(actor, absence.person):
            raise PermissionDenied(
                f"Solo {absence.person.name} o el titular de su área pueden cancelar la ausencia."
            )
        for row in self.group(absence):
            row.deleted_at = self.clock()
        self.session.flush()
        self._record(
            actor,
            None,
            "ausencia_cancelada",
            ausente=absence.person.name,
            desde=absence.starts_on.isoformat(),
            hasta=absence.ends_on.isoformat(),
        )

    def group(self, absence: AbsencePeriod) -> list[AbsencePeriod]:
        return list(
            self.session.scalars(
                select(AbsencePeriod).where(
                    AbsencePeriod.person_id == absence.person_id,
                    AbsencePeriod.starts_on == absence.starts_on,
                    AbsencePeriod.ends_on == absence.ends_on,
                    AbsencePeriod.deleted_at.is_(None),
                )
            )
        )

    def covered_accounts(self, absence: AbsencePeriod) -> list[Account]:
        """Accounts of the absent titular whose suplente is this row's covering person."""
        if absence.covering_person_id is None:
            return []
        return [
            item.account
            for item in titular_accounts(self.session, absence.person, absence.starts_on)
            if item.suplente is not None and item.suplente.id == absence.covering_person_id
        ]

    def absences(self, *, since: date | None = None) -> list[AbsencePeriod]:
        """Absences not yet over (or ending after `since`), soonest first."""
        since = since or self.today()
        return list(
            self.session.scalars(
                select(AbsencePeriod)
                .where(AbsencePeriod.deleted_at.is_(None), AbsencePeriod.ends_on >= since)
                .options(
                    selectinload(AbsencePeriod.person),
                    selectinload(AbsencePeriod.covering_person),
                )
                .order_by(AbsencePeriod.starts_on, AbsencePeriod.created_at)
            )
        )
