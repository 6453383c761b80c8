"""Managing the organisation (areas, people, roles) by the CNCS reviewers, with the rules of
5.1 and 7.iv: only reviewers manage; the last reviewer cannot go; a person who is titular of an
area or the only administrator of an active account cannot be removed; no area is left without
its titular; a titular has mando medio level or above. Every change reaches the bitácora, and
a change of an area's titular is notified to CNCS and the Comité de Gestión (7.iv)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import (
    Account,
    AccountAdministrator,
    AccountStatus,
    AdminKind,
    Area,
    AreaKind,
    Level,
    Person,
    Role,
)
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.directory import Directory, fold

# Accounts whose administrators must stay designated (5.1: a titular and a suplente).
LIVE_ACCOUNT_STATES = (AccountStatus.AUTORIZADA, AccountStatus.ACTIVA, AccountStatus.EN_BAJA)
# Roles granted here; account administrators are designated per account (Cuentas section).
# CONSEJERO_ELECTORAL (4.v): only their personal accounts enter the official registry (7.vi).
GRANTABLE_ROLES = (Role.REVISOR_CNCS, Role.TITULAR_AREA, Role.CONSEJERO_ELECTORAL)

NOT_REVIEWER = ("Solo los revisores de la CNCS administran áreas, personas y roles. Pida a un "
                "revisor de la Coordinación Nacional de Comunicación Social que haga el cambio.")


@dataclass(frozen=True)
class Notice:
    """A mail of 7.iv to send: recipients, subject, body."""

    recipients: tuple[str, ...]
    subject: str
    body: str


class Organization:
    """The organisation's changes, each checked and recorded. `actor` is None only during the
    initial set-up of a directory that has no CNCS reviewer yet (see `require_manager`)."""

    def __init__(self, session: Session, clock: Clock, recorder: ActivityRecorder,
                 *, notice_to: tuple[str, ...]) -> None:
        self.session = session
        self.clock = clock
        self.recorder = recorder
        self.notice_to = notice_to
        self.directory = Directory(session, clock, recorder)
        self.notices: list[Notice] = []

    # -- facts -----------------------------------------------------------------------------
    def today(self) -> date:
        return to_mexico(self.clock()).date()

    def reviewers(self) -> list[Person]:
        return [p for p in self.directory.people() if p.has_role(Role.REVISOR_CNCS)]

    def initial_setup(self) -> bool:
        """No CNCS reviewer is registered yet: the first one is being set up."""
        return not self.reviewers()

    def require_manager(self, actor: Person | None) -> None:
        """Only reviewers manage; while there is no reviewer at all (a new installation), whoever
        is at the workstation may set up the directory and name the first reviewer."""
        if self.initial_setup():
            return
        if actor is None or not actor.has_role(Role.REVISOR_CNCS):
            raise PermissionDenied(NOT_REVIEWER)

    def area_by_name(self, text: str) -> Area:
        needle = fold((text or "").strip())
        areas = self.directory.areas()
        named = [a for a in areas if needle and fold(a.name) == needle]
        if len(named) == 1:
            return named[0]
        acronym = [a for a in areas if needle and fold(a.acronym or "") == needle]
        if len(acronym) == 1:
            return acronym[0]
        try:
            area = self.session.get(Area, uuid.UUID(text.strip()))
        except ValueError:
            area = None
        if area is None or area.deleted_at is not None:
            raise NotFound(f"No hay un área registrada con el nombre «{text}» (pudo cambiar "
                           "desde otra estación). Revise el nombre en la lista de áreas.")
        return area

    def person_by_email(self, email: str) -> Person:
        person = self.session.scalar(select(Person).where(
            func.lower(Person.email) == (email or "").strip().lower(),
            Person.deleted_at.is_(None)))
        if person is None:
            raise NotFound(f"No hay una persona registrada con el correo «{email}».")
        return person

    def live_designations(self, person: Person) -> list[AccountAdministrator]:
        today = self.today()
        rows = self.session.scalars(
            select(AccountAdministrator).join(Account).where(
                AccountAdministrator.person_id == person.id,
                Account.status.in_(LIVE_ACCOUNT_STATES),
                Account.deleted_at.is_(None)))
        return [row for row in rows if row.is_current(today)]

    def areas_headed(self, person: Person) -> list[Area]:
        return list(self.session.scalars(select(Area).where(
            Area.titular_id == person.id, Area.deleted_at.is_(None))))

    # -- recording -------------------------------------------------------------------------
    def _record(self, actor: Person | None, action: str, **details) -> None:
        self.recorder.record(ActivityEntry(
            at=self.clock(), actor_id=actor.id if actor else None, account_id=None,
            action=action, details={k: v for k, v in details.items() if v is not None}))

    # -- areas -----------------------------------------------------------------------------
    def add_area(self, actor: Person | None, name: str, kind: AreaKind, *, acronym: str = "",
                 state: str | None = None, district: int | None = None) -> Area:
        self.require_manager(actor)
        name = (name or "").strip()
        if kind == AreaKind.JUNTA_DISTRITAL and not state:
            raise ValidationError("Indique la entidad federativa de la Junta Distrital.",
                                  field="state")
        if any(fold(a.name) == fold(name) for a in self.directory.areas()):
            raise ValidationError(f"Ya hay un área registrada con el nombre «{name}».",
                                  field="name")
        area = self.directory.create_area(name, kind, acronym=(acronym or "").strip(),
                                          state=(state or "").strip() or None, district=district)
        self._record(actor, "area_registrada", area=str(area.id), nombre=area.name,
                     tipo=kind.value, entidad=area.state)
        return area

    def edit_area(self, actor: Person | None, area: Area, *, name: str | None = None,
                  acronym: str | None = None, state: str | None = None) -> Area:
        self.require_manager(actor)
        if name is not None:
            name = name.strip()
            if not name:
                raise ValidationError("Escriba el nombre del área.", field="name")
            if any(fold(a.name) == fold(name) and a.id != area.id
                   for a in self.directory.areas()):
                raise ValidationError(f"Ya hay un área registrada con el nombre «{name}».",
                                      field="name")
            area.name = name
        if acronym is not None:
            area.acronym = acronym.strip()
        if state is not None:
            if area.kind != AreaKind.OFICINAS_CENTRALES and not state.strip():
                raise ValidationError("Indique la entidad federativa de la Junta.",
                                      field="state")
            area.state = state.strip() or None
        self.session.flush()
        self._record(actor, "area_modificada", area=str(area.id), nombre=area.name)
        return area

    def set_area_titular(self, actor: Person | None, area: Area, person: Person) -> None:
        """Name the area's titular (5.1: mando medio or above), notified per 7.iv."""
        self.require_manager(actor)
        if person.level == Level.OPERATIVO:
            raise ValidationError(
                f"{person.name} es personal operativo: el titular de un área debe tener nivel "
                "de mando medio o superior (criterio 5.1).", criterion="5.1", field="person")
        if person.area_id != area.id:
            raise ValidationError(
                f"{person.name} pertenece a {person.area.name}, no a {area.name}: el titular "
                "de un área es una persona de esa área. Cambie primero su área.", field="person")
        before = area.titular
        if before is not None and before.id == person.id:
            return
        self.directory.set_area_titular(area, person)
        if before is not None and not self.areas_headed(before):
            before.roles = sorted(set(before.roles or []) - {Role.TITULAR_AREA.value})
        self.session.flush()
        self._record(actor, "titular_area_designado", area=str(area.id), nombre=area.name,
                     titular=person.name, anterior=before.name if before else None)
        self.notices.append(Notice(
            self.notice_to, f"Cambio de titular de área: {area.name}",
            f"Se informa el cambio de titular de {area.name} (criterio 7.iv), a partir del "
            f"{self.today().isoformat()}.\n\nTitular: "
            f"{before.name if before else '(sin designar)'} → {person.name} <{person.email}>, "
            f"{person.level.label.lower()}\n"))

    # -- people ----------------------------------------------------------------------------
    def add_person(self, actor: Person | None, name: str, email: str, level: Level,
                   area: Area, *, origin: str = "ventana") -> Person:
        self.require_manager(actor)
        person = self.directory.create_person(name, email, level, area)
        self._record(actor, "persona_registrada", persona=str(person.id), nombre=person.name,
                     correo=person.email, area=area.name, origen=origin)
        return person

    def edit_person(self, actor: Person | None, person: Person, *, name: str | None = None,
                    level: Level | None = None, area: Area | None = None,
                    origin: str = "ventana") -> bool:
        """Change name, level or area; False when nothing changed."""
        self.require_manager(actor)
        problem = self.edit_problem(person, level=level, area=area)
        if problem:
            raise ValidationError(problem)
        changed = {}
        if name is not None and name.strip() and name.strip() != person.name:
            person.name = changed["nombre"] = name.strip()
        if level is not None and level != person.level:
            person.level = level
            changed["nivel"] = level.value
        if area is not None and area.id != person.area_id:
            person.area_id, person.area = area.id, area
            changed["area"] = area.name
        if not changed:
            return False
        self.session.flush()
        self._record(actor, "persona_modificada", persona=str(person.id), origen=origin,
                     **changed)
        return True

    def edit_problem(self, person: Person, *, level: Level | None, area: Area | None) -> str:
        """Why this change of level or area is refused, or ""."""
        headed = self.areas_headed(person)
        if level == Level.OPERATIVO and person.level != Level.OPERATIVO:
            titular_of = [d.account.handle for d in self.live_designations(person)
                          if d.kind == AdminKind.TITULAR]
            if headed or titular_of:
                what = (f"titular de {headed[0].name}" if headed
                        else f"administrador titular de {titular_of[0]}")
                return (f"{person.name} es {what}, cargo que pide nivel de mando medio o "
                        "superior (criterio 5.1). Designe antes a otra persona.")
        if area is not None and area.id != person.area_id and headed:
            return (f"{person.name} es titular de {headed[0].name}; cambiarla de área dejaría "
                    "esa área sin titular. Designe antes a otro titular.")
        return ""

    def removal_problem(self, person: Person) -> str:
        """Why removing this person is refused, or ""."""
        if person.has_role(Role.REVISOR_CNCS) and len(self.reviewers()) <= 1:
            return (f"{person.name} es el último revisor de la CNCS registrado: sin revisores "
                    "nadie podría decidir consultas ni administrar la organización. Otorgue "
                    "antes el rol de revisor a otra persona.")
        headed = self.areas_headed(person)
        if headed:
            return (f"{person.name} es titular de {headed[0].name}; darla de baja dejaría el "
                    "área sin titular. Designe antes a otro titular del área.")
        for designation in self.live_designations(person):
            account = designation.account
            role = "titular" if designation.kind == AdminKind.TITULAR else "suplente"
            return (f"{person.name} es administrador {role} de la cuenta {account.handle} "
                    f"({account.network.label}), que debe tener titular y suplente (criterio "
                    "5.1). Cambie antes los administradores de la cuenta.")
        return ""

    def remove_person(self, actor: Person | None, person: Person) -> None:
        self.require_manager(actor)
        problem = self.removal_problem(person)
        if problem:
            raise ValidationError(problem)
        person.deleted_at = self.clock()
        self.session.flush()
        self._record(actor, "persona_dada_de_baja", persona=str(person.id), nombre=person.name,
                     correo=person.email)

    # -- roles -----------------------------------------------------------------------------
    def grant_role(self, actor: Person | None, person: Person, role: Role) -> None:
        self.require_manager(actor)
        if role == Role.TITULAR_AREA:
            self.set_area_titular(actor, person.area, person)
            return
        if role not in GRANTABLE_ROLES:
            raise ValidationError(
                f"El rol «{role.label}» se asigna al designar los administradores de cada "
                "cuenta (sección Cuentas → Cambiar administradores).")
        if person.has_role(role):
            return
        person.roles = sorted({*(person.roles or []), role.value})
        self.session.flush()
        self._record(actor, "rol_otorgado", persona=str(person.id), nombre=person.name,
                     rol=role.value)

    def revoke_role(self, actor: Person | None, person: Person, role: Role) -> None:
        self.require_manager(actor)
        if role == Role.TITULAR_AREA:
            headed = self.areas_headed(person)
            if headed:
                raise ValidationError(
                    f"{person.name} es titular de {headed[0].name}; quitarle el rol dejaría el "
                    "área sin titular. Designe a otro titular y el rol pasará a esa persona.")
        elif role == Role.REVISOR_CNCS:
            if person.has_role(role) and len(self.reviewers()) <= 1:
                raise ValidationError(
                    f"{person.name} es el último revisor de la CNCS: otorgue antes el rol a "
                    "otra persona.")
        elif role not in GRANTABLE_ROLES:
            raise ValidationError(
                f"El rol «{role.label}» se retira al cambiar los administradores de la cuenta "
                "(sección Cuentas → Cambiar administradores).")
        if not person.has_role(role):
            return
        person.roles = sorted(set(person.roles or []) - {role.value})
        self.session.flush()
        self._record(actor, "rol_retirado", persona=str(person.id), nombre=person.name,
                     rol=role.value)
