"""Areas, people, accounts and their administrators: creation with the rules of 5.1 and 7,
and the searches behind the Cuentas section."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import (
    Account,
    AccountAdministrator,
    AccountStatus,
    AdminKind,
    Area,
    AreaKind,
    Level,
    Network,
    Person,
    Role,
)
from redes_desktop.services import rules
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder


@dataclass(frozen=True)
class AccountRow:
    """One line of the Cuentas table: plain values, ready to show."""

    id: uuid.UUID
    network: Network
    name: str
    handle: str
    area_name: str
    status: AccountStatus
    official: bool
    verified: bool
    titular: str
    suplente: str


class Directory:
    def __init__(
        self, session: Session, clock: Clock, recorder: ActivityRecorder
    ) -> None:
        self.session = session
        self.clock = clock
        self.recorder = recorder

    def today(self) -> date:
        return to_mexico(self.clock()).date()

    def _record(self, actor: Person | None, account: Account | None, action: str, **details):
        self.recorder.record(
            ActivityEntry(
                at=self.clock(),
                actor_id=actor.id if actor else None,
                account_id=account.id if account else None,
                action=action,
                details=details,
            )
        )

    # -- areas and people ------------------------------------------------------------------
    def create_area(
        self,
        name: str,
        kind: AreaKind,
        *,
        acronym: str = "",
        state: str | None = None,
        district: int | None = None,
        parent: Area | None = None,
    ) -> Area:
        name = (name or "").strip()
        if not name:
            raise ValidationError("Escriba el nombre del área.", field="name")
        if kind == AreaKind.JUNTA_LOCAL and not state:
            raise ValidationError("Indique la entidad federativa de la Junta Local.", field="state")
        area = Area(
            name=name,
            kind=kind,
            acronym=acronym,
            state=state,
            district=district,
            parent_id=parent.id if parent else None,
        )
        self.session.add(area)
        self.session.flush()
        return area

    def create_person(
        self, name: str, email: str, level: Level, area: Area, roles: list[Role] | None = None
    ) -> Person:
        name = (name or "").strip()
        if not name:
            raise ValidationError("Escriba el nombre de la persona.", field="name")
        email = rules.require_institutional_email(email, who=name)
        exists = self.session.scalar(select(Person).where(func.lower(Person.email) == email))
        if exists is not None:
            raise ValidationError(
                f"Ya hay una persona registrada con el correo {email} ({exists.name}).",
                field="email",
            )
        person = Person(
            name=name,
            email=email,
            level=level,
            area_id=area.id,
            area=area,
            roles=[Role(r).value for r in (roles or [])],
        )
        self.session.add(person)
        self.session.flush()
        return person

    def set_area_titular(self, area: Area, person: Person) -> None:
        area.titular_id = person.id
        roles = set(person.roles or [])
        roles.add(Role.TITULAR_AREA.value)
        person.roles = sorted(roles)
        self.session.flush()

    # -- accounts --------------------------------------------------------------------------
    def create_account(
        self,
        *,
        area: Area,
        network: Network,
        name: str,
        handle: str,
        email: str,
        url: str = "",
        purposes: list[str] | None = None,
        justification: str = "",
        status: AccountStatus = AccountStatus.SOLICITADA,
        official: bool = False,
        verified: bool = False,
        rhythm: str = "diaria",
        actor: Person | None = None,
    ) -> Account:
        name = (name or "").strip()
        if not name:
            raise ValidationError("Escriba el nombre de la cuenta.", field="name")
        handle = rules.normalise_handle(handle)
        rules.require_x_handle_suffix(network, handle)
        rules.require_network_allowed_for_area(network, area.kind)
        email = rules.require_institutional_email(email, who=f"La cuenta {handle}")
        clash = self.session.scalar(
            select(Account).where(
                Account.network == network,
                func.lower(Account.handle) == handle.lower(),
                Account.deleted_at.is_(None),
            )
        )
        if clash is not None:
            raise ValidationError(
                f"Ya existe la cuenta {handle} en {network.label} ({clash.area.name}).",
                field="handle",
            )
        account = Account(
            area_id=area.id,
            area=area,
            network=network,
            name=name,
            handle=handle,
            email=email,
            url=url,
            purposes=list(purposes or []),
            justification=justification,
            status=status,
            official=official,
            verified=verified,
            rhythm=rhythm,
        )
        self.session.add(account)
        self.session.flush()
        self._record(actor, account, "cuenta_registrada", red=network.value, usuario=handle)
        return account

    def designate_administrators(
        self,
        account: Account,
        titular: Person,
        suplente: Person,
        *,
        since: date | None = None,
        actor: Person | None = None,
    ) -> None:
        """Designate the titular and suplente of an account (5.1); ends the previous ones."""
        rules.require_distinct_people(titular.id, suplente.id)
        rules.require_titular_level(titular.level, titular.name)
        since = since or self.today()
        for current in account.current_administrators(since):
            if current.since >= since:
                raise ValidationError(
                    "Ya hay una designación que empieza ese mismo día o después; "
                    "elija una fecha posterior.",
                    field="since",
                )
            current.until = date.fromordinal(since.toordinal() - 1)
        for person, kind in ((titular, AdminKind.TITULAR), (suplente, AdminKind.SUPLENTE)):
            account.administrators.append(
                AccountAdministrator(person_id=person.id, person=person, kind=kind, since=since)
            )
            role = Role.ADMIN_TITULAR if kind == AdminKind.TITULAR else Role.ADMIN_SUPLENTE
            if role.value not in (person.roles or []):
                person.roles = sorted({*(person.roles or []), role.value})
        rules.require_titular_and_suplente(a.kind for a in account.current_administrators(since))
        self.session.flush()
        self._record(
            actor,
            account,
            "administradores_designados",
            titular=titular.name,
            suplente=suplente.name,
            desde=since.isoformat(),
        )

    def account(self, account_id: uuid.UUID) -> Account:
        account = self.session.get(Account, account_id)
        if account is None:
            raise NotFound("La cuenta ya no existe; actualice la lista.")
        return account

    def search_accounts(
        self, text: str = "", *, include_cancelled: bool = True
    ) -> list[AccountRow]:
        """Accounts whose name, handle, area or administrators match `text` (accent-blind)."""
        stmt = (
            select(Account)
            .join(Account.area)
            .where(Account.deleted_at.is_(None))
            .options(
                selectinload(Account.area),
                selectinload(Account.administrators).selectinload(AccountAdministrator.person),
            )
            .order_by(Area.name, Account.network, Account.handle)
        )
        if not include_cancelled:
            stmt = stmt.where(Account.status != AccountStatus.CANCELADA)
        today = self.today()
        needle = fold(text)
        rows: list[AccountRow] = []
        for account in self.session.scalars(stmt):
            current = account.current_administrators(today)
            titular = next((a.person.name for a in current if a.kind == AdminKind.TITULAR), "")
            suplente = next((a.person.name for a in current if a.kind == AdminKind.SUPLENTE), "")
            row = AccountRow(
                id=account.id,
                network=account.network,
                name=account.name,
                handle=account.handle,
                area_name=account.area.name,
                status=account.status,
                official=account.official,
                verified=account.verified,
                titular=titular,
                suplente=suplente,
            )
            if needle and needle not in fold(
                " ".join(
                    (
                        row.name,
                        row.handle,
                        row.area_name,
                        row.titular,
                        row.suplente,
                        row.network.label,
                        row.status.label,
                    )
                )
            ):
                continue
            rows.append(row)
        return rows

    def areas(self) -> list[Area]:
        return list(
            self.session.scalars(
                select(Area).where(Area.deleted_at.is_(None)).order_by(Area.kind, Area.name)
            )
        )

    def people(self) -> list[Person]:
        return list(
            self.session.scalars(
                select(Person)
                .where(Person.deleted_at.is_(None))
                .options(selectinload(Person.area))
                .order_by(Person.name)
            )
        )

    def person(self, person_id: uuid.UUID | str | None) -> Person | None:
        if not person_id:
            return None
        try:
            key = person_id if isinstance(person_id, uuid.UUID) else uuid.UUID(str(person_id))
        except ValueError:
            return None
        person = self.session.get(Person, key)
        if person is None or person.deleted_at is not None:
            return None
        return person

    def is_empty(self) -> bool:
        return self.session.scalar(select(func.count()).select_from(Area)) == 0


def fold(text: str) -> str:
    """Lower-case without accents, for searches where «Mexico» finds «México»."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
