"""Manage the organisation (issue 14): list areas and people, add and edit them, grant and
revoke roles, remove people, import the institution's directory from CSV. Each change is one
unit of work, checked by `services/organization.py` (only CNCS reviewers; the refusals of 5.1),
recorded in the bitácora, and the notices of 7.iv are queued in the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.actions.change_administrators import ChangeOutcome
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.models import AreaKind, Level, Person, Role
    from redes_desktop.services.directory_import import ImportResult, Preview
    from redes_desktop.services.organization import Organization

T = TypeVar("T")


@dataclass(frozen=True)
class AreaRow:
    id: str
    name: str
    acronym: str
    kind: str
    kind_label: str
    state: str
    titular: str
    people: int

    def as_json(self) -> dict:
        return {"id": self.id, "nombre": self.name, "siglas": self.acronym, "tipo": self.kind,
                "entidad": self.state, "titular": self.titular, "personas": self.people}


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    email: str
    level: str
    level_label: str
    area_id: str
    area_name: str
    roles: tuple[str, ...]
    roles_label: str

    def as_json(self) -> dict:
        return {"id": self.id, "nombre": self.name, "correo": self.email, "nivel": self.level,
                "area": self.area_name, "roles": list(self.roles)}


@dataclass(frozen=True)
class OrganizationView:
    areas: tuple[AreaRow, ...]
    people: tuple[PersonRow, ...]
    may_manage: bool
    reason: str  # why not, when may_manage is False
    initial_setup: bool


@dataclass(frozen=True)
class AccountAdminRow:
    """An account with its administrators today (issue 14: roles per account)."""

    id: str
    handle: str
    network: str
    network_label: str
    name: str
    area_name: str
    status_label: str
    titular: str
    suplente: str

    def as_json(self) -> dict:
        return {"id": self.id, "usuario": self.handle, "red": self.network,
                "nombre": self.name, "area": self.area_name, "estado": self.status_label,
                "titular": self.titular, "suplente": self.suplente}


def _service(procedures: Procedures, session: Session) -> Organization:
    from redes_desktop.services.account_requests import comite_recipients
    from redes_desktop.services.organization import Organization

    settings = procedures.settings
    return Organization(session, procedures.clock, procedures.recorder,
                        notice_to=(settings.cncs_email, *comite_recipients(settings)))


def _actor(session: Session, organization: Organization,
           person_id: uuid.UUID | None) -> Person | None:
    """The acting person; nobody is needed only to set up a directory without reviewers."""
    if person_id is None and organization.initial_setup():
        return None
    return acting_person(session, person_id)


def _change(procedures: Procedures, person_id: uuid.UUID | None,
            change: Callable[[Organization, Person | None], T]) -> T:
    with unit_of_work(procedures.database) as session:
        organization = _service(procedures, session)
        actor = _actor(session, organization, person_id)
        result = change(organization, actor)
        if organization.notices:
            outbox = procedures.outbox(session)
            for notice in organization.notices:
                outbox.queue(list(notice.recipients), notice.subject, notice.body,
                             related_kind="organizacion")
        return result


def organization_view(procedures: Procedures, *,
                      person_id: uuid.UUID | None) -> OrganizationView:
    """Areas and people as plain rows, and whether this person may manage them. Reading only."""
    from redes_desktop.errors import PermissionDenied
    from redes_desktop.services.organization import NOT_REVIEWER

    with unit_of_work(procedures.database) as session:
        organization = _service(procedures, session)
        directory = organization.directory
        people = directory.people()
        counts: dict[uuid.UUID, int] = {}
        for person in people:
            counts[person.area_id] = counts.get(person.area_id, 0) + 1
        areas = tuple(
            AreaRow(str(a.id), a.name, a.acronym or "", a.kind.value, a.kind.label,
                    a.state or "", a.titular.name if a.titular else "", counts.get(a.id, 0))
            for a in directory.areas())
        rows = tuple(
            PersonRow(str(p.id), p.name, p.email, p.level.value, p.level.label, str(p.area_id),
                      p.area.name, tuple(sorted(r.value for r in p.role_set)),
                      ", ".join(r.label for r in sorted(p.role_set)))
            for p in people)
        actor = directory.person(person_id)
        try:
            organization.require_manager(actor)
            may, reason = True, ""
        except PermissionDenied:
            may, reason = False, NOT_REVIEWER
        return OrganizationView(areas, rows, may, reason, organization.initial_setup())


def add_area(procedures: Procedures, *, person_id: uuid.UUID | None, name: str,
             kind: AreaKind, acronym: str = "", state: str | None = None,
             district: int | None = None) -> str:
    """The new area's id."""
    return _change(procedures, person_id, lambda org, actor: str(org.add_area(
        actor, name, kind, acronym=acronym, state=state, district=district).id))


def edit_area(procedures: Procedures, *, person_id: uuid.UUID | None, area: str,
              name: str | None = None, acronym: str | None = None,
              state: str | None = None) -> None:
    _change(procedures, person_id, lambda org, actor: org.edit_area(
        actor, org.area_by_name(area), name=name, acronym=acronym, state=state))


def add_person(procedures: Procedures, *, person_id: uuid.UUID | None, name: str, email: str,
               level: Level, area: str) -> str:
    """The new person's id; `area` is a name, an acronym or an id."""
    return _change(procedures, person_id, lambda org, actor: str(org.add_person(
        actor, name, email, level, org.area_by_name(area)).id))


def edit_person(procedures: Procedures, *, person_id: uuid.UUID | None, email: str,
                name: str | None = None, level: Level | None = None,
                area: str | None = None) -> bool:
    return _change(procedures, person_id, lambda org, actor: org.edit_person(
        actor, org.person_by_email(email), name=name, level=level,
        area=org.area_by_name(area) if area else None))


def set_role(procedures: Procedures, *, person_id: uuid.UUID | None, email: str, role: Role,
             grant: bool = True) -> None:
    def change(org: Organization, actor: Person | None) -> None:
        person = org.person_by_email(email)
        if grant:
            org.grant_role(actor, person, role)
        else:
            org.revoke_role(actor, person, role)

    _change(procedures, person_id, change)


def remove_person(procedures: Procedures, *, person_id: uuid.UUID | None, email: str) -> None:
    _change(procedures, person_id,
            lambda org, actor: org.remove_person(actor, org.person_by_email(email)))


def preview_import(procedures: Procedures, data: bytes) -> Preview:
    """What importing `data` would do, line by line. Reading only."""
    from redes_desktop.services.directory_import import preview

    with unit_of_work(procedures.database) as session:
        result = preview(_service(procedures, session), data)
        session.rollback()
        return result


def import_directory(procedures: Procedures, *, person_id: uuid.UUID | None, data: bytes,
                     only_valid: bool = False) -> ImportResult:
    from redes_desktop.services.directory_import import apply

    return _change(procedures, person_id,
                   lambda org, actor: apply(org, actor, data, only_valid=only_valid))


def account_administrators(procedures: Procedures) -> tuple[AccountAdminRow, ...]:
    """Every live account and its titular and suplente today. Reading only."""
    from redes_desktop.models import AccountStatus
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory

    with unit_of_work(procedures.database) as session:
        rows = Directory(session, procedures.clock, NullRecorder()).search_accounts(
            include_cancelled=False)
        return tuple(
            AccountAdminRow(str(r.id), r.handle, r.network.value, r.network.label, r.name,
                            r.area_name, AccountStatus(r.status).label, r.titular, r.suplente)
            for r in rows)


def change_account_administrators(procedures: Procedures, *, person_id: uuid.UUID | None,
                                  account: str, titular_email: str, suplente_email: str,
                                  network: str | None = None,
                                  since: date | None = None) -> ChangeOutcome:
    """Designate an account's titular and suplente by e-mail (the command line's form of
    Cuentas/Organización → «Cambiar administradores»): the same action, rules (5.1) and
    notices (7.iv) as the window's dialog (`actions/change_administrators.py`)."""
    from redes_desktop.actions.change_administrators import change_administrators
    from redes_desktop.clock import to_mexico
    from redes_desktop.errors import NotFound, UsageError
    from redes_desktop.models.enums import Network
    from redes_desktop.services.accounts_lookup import find_accounts

    with unit_of_work(procedures.database) as session:
        found = find_accounts(session, account)
        if network:
            found = [a for a in found if a.network == Network(network)]
        if not found:
            raise NotFound(f"No hay una cuenta registrada como «{account}». Revise el "
                           "@usuario en la lista de cuentas.")
        if len(found) > 1:
            raise UsageError(
                f"«{account}» es el usuario de varias cuentas ("
                + ", ".join(a.network.label for a in found)
                + "): indique la red con --red.")
        organization = _service(procedures, session)
        account_id = found[0].id
        titular = organization.person_by_email(titular_email).id
        suplente = organization.person_by_email(suplente_email).id
    return change_administrators(
        procedures, person_id=person_id, account_id=account_id, titular_id=str(titular),
        suplente_id=str(suplente), since=since or to_mexico(procedures.clock()).date())
