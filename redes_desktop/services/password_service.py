"""Account passwords: kept only in the OS keyring (key "cuenta:<account uuid>"), revealed only to
whoever may (5.1), and their changes recorded (6.xxxiii) — the record says who and when, never
the password. Nothing here writes a password to the database, the settings, a log or the
bitácora: the ActivityRecorder gets the action and the account, nothing more.

Who sees the rotation list: the account's current administrators (titular and suplente), the
titular of its area, and CNCS reviewers, who oversee every account (the same people who may
Action.VIEW_ACCOUNT). The list holds dates only; revealing or changing a password needs
Action.REVEAL_PASSWORD / ROTATE_PASSWORD (titular, area titular, suplente only while covering).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import (
    Account,
    AccountAdministrator,
    AccountStatus,
    Area,
    Incident,
    Network,
    PasswordRotation,
    Person,
    Role,
)
from redes_desktop.passwords import strength
from redes_desktop.passwords.rotation import Due, RotationState, classify
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.permissions import Action, Permissions

# Accounts that exist (or may exist) on the network and so have a password to keep fresh.
ROTATING_STATUSES = (AccountStatus.AUTORIZADA, AccountStatus.ACTIVA, AccountStatus.EN_BAJA)


def secret_key(account_id: uuid.UUID) -> str:
    return f"cuenta:{account_id}"


def account_words(account: Account) -> list[str]:
    """The account's own words, counted against its password by the strength meter."""
    area = account.area
    return strength.context_words([
        account.handle, account.name, account.network.label, account.email.split("@")[0],
        area.name if area else "", area.acronym if area else "", area.state if area else "",
    ])


@dataclass(frozen=True)
class RotationRow:
    """One line of the Contraseñas list: plain values, ready to show."""

    account_id: uuid.UUID
    network: Network
    handle: str
    account_name: str
    area_name: str
    compromised: bool
    last_rotated_at: datetime | None
    last_rotated_by: str
    due: Due

    @property
    def state(self) -> RotationState:
        return self.due.state


class PasswordService:
    def __init__(
        self,
        session: Session,
        clock: Clock,
        secrets: SecretStore,
        recorder: ActivityRecorder,
    ) -> None:
        self.session = session
        self.clock = clock
        self.secrets = secrets
        self.recorder = recorder
        self.permissions = Permissions(session, clock)

    # -- helpers ---------------------------------------------------------------------------
    def account(self, account_id: uuid.UUID | str) -> Account:
        try:
            key = account_id if isinstance(account_id, uuid.UUID) else uuid.UUID(str(account_id))
        except ValueError:
            key = None
        account = self.session.get(Account, key) if key else None
        if account is None or account.deleted_at is not None:
            raise NotFound(
                f"No existe la cuenta «{account_id}»: no se registró ningún cambio de contraseña. "
                "Actualice la lista y elija una cuenta existente.")
        return account

    def _record(self, actor: Person, account: Account, action: str, **details) -> None:
        from redes_desktop.services.coverage import coverage_details

        # Never a password here: only what happened, to which account, by whom — and whether
        # a suplente did it covering an absence of the titular (5.1).
        covering = coverage_details(self.permissions, actor, account)
        self.recorder.record(ActivityEntry(
            at=self.clock(), actor_id=actor.id, account_id=account.id, action=action,
            details={"cuenta": account.handle, **covering, **details}))

    # -- the secret --------------------------------------------------------------------------
    def reveal(self, actor: Person, account_id: uuid.UUID | str, *, purpose: str = "ver") -> str:
        """The stored password, for an administrator of the account or its area titular."""
        account = self.account(account_id)
        self.permissions.require(actor, Action.REVEAL_PASSWORD, account=account)
        password = self.secrets.get(secret_key(account.id))
        if password is None:
            raise NotFound(
                f"No hay contraseña de {account.handle} en el llavero de esta computadora. "
                "Regístrela con «Cambiar contraseña» cuando la cambie en la red.")
        self._record(actor, account, "contrasena_consultada", modo=purpose)
        return password

    def rotate(
        self,
        actor: Person,
        account_id: uuid.UUID | str,
        new_password: str,
        *,
        confirmed_on_network: bool,
    ) -> PasswordRotation:
        """Store a new password in the keyring and record the change (6.xxxiii).

        Refused, with nothing stored, unless the person may change it, confirms that the
        network already has the new password, and the password meets 5.2 g."""
        account = self.account(account_id)
        self.permissions.require(actor, Action.ROTATE_PASSWORD, account=account)
        if not confirmed_on_network:
            raise ValidationError(
                "Primero cambie la contraseña en la red social y confirme que quedó cambiada; "
                "solo entonces se guarda y se registra.", "6.xxxiii", "confirmed")
        verdict = strength.evaluate(new_password, account_words(account))
        if not verdict.meets_criterion:
            raise ValidationError(
                "La contraseña no cumple el criterio 5.2 g: " + " ".join(verdict.reasons)
                + " Genere otra con el generador.", "5.2 g", "password")
        self.secrets.set(secret_key(account.id), new_password)  # SecretsUnavailable → stop
        rotation = PasswordRotation(
            account_id=account.id, rotated_at=self.clock(), rotated_by_id=actor.id)
        self.session.add(rotation)
        self.session.flush()
        self._record(actor, account, "contrasena_rotada")
        return rotation

    # -- the rotation list -----------------------------------------------------------------
    def visible_account_ids(self, person: Person) -> set[uuid.UUID] | None:
        """Accounts whose rotation state `person` may see; None means all (CNCS reviewers)."""
        if person.has_role(Role.REVISOR_CNCS):
            return None
        today = to_mexico(self.clock()).date()
        administered = select(AccountAdministrator.account_id).where(
            AccountAdministrator.person_id == person.id,
            AccountAdministrator.since <= today,
            or_(AccountAdministrator.until.is_(None), AccountAdministrator.until >= today),
        )
        headed = select(Account.id).join(Area, Account.area_id == Area.id).where(
            Area.titular_id == person.id)
        return set(self.session.scalars(administered)) | set(self.session.scalars(headed))

    def status(self, person: Person | None) -> list[RotationRow]:
        """Rotation state of the accounts `person` may see (all when None: command line),
        most urgent first."""
        visible = self.visible_account_ids(person) if person is not None else None
        last = (
            select(PasswordRotation.account_id.label("account_id"),
                   func.max(PasswordRotation.rotated_at).label("at"))
            .group_by(PasswordRotation.account_id).subquery()
        )
        incidents = (
            select(Incident.account_id.label("account_id"),
                   func.max(Incident.reported_at).label("at"))
            .group_by(Incident.account_id).subquery()
        )
        rotation = aliased(PasswordRotation)
        stmt = (
            select(Account.id, Account.network, Account.handle, Account.name, Area.name,
                   Account.compromised, last.c.at, Person.name, incidents.c.at)
            .join(Area, Account.area_id == Area.id)
            .outerjoin(last, last.c.account_id == Account.id)
            .outerjoin(rotation, and_(rotation.account_id == Account.id,
                                      rotation.rotated_at == last.c.at))
            .outerjoin(Person, Person.id == rotation.rotated_by_id)
            .outerjoin(incidents, incidents.c.account_id == Account.id)
            .where(Account.deleted_at.is_(None), Account.status.in_(ROTATING_STATUSES))
        )
        if visible is not None:
            if not visible:
                return []
            stmt = stmt.where(Account.id.in_(visible))
        now = self.clock()
        today = to_mexico(now).date()
        rows: dict[uuid.UUID, RotationRow] = {}
        # Core execution (plain rows, no ORM identity map): the list is read-only.
        for (account_id, network, handle, name, area_name, compromised, last_at, by,
             incident_at) in self.session.connection().execute(stmt):
            if account_id in rows:
                continue
            rows[account_id] = RotationRow(
                account_id=account_id, network=network, handle=handle, account_name=name,
                area_name=area_name, compromised=bool(compromised),
                last_rotated_at=last_at, last_rotated_by=by or "",
                due=classify(last_at, now, incident_after=incident_at, today=today),
            )
        return sorted(rows.values(), key=lambda r: (*r.due.sort_key, r.handle.lower()))

    def due(self, person: Person | None) -> list[RotationRow]:
        return [r for r in self.status(person) if r.state != RotationState.AL_DIA]



# -- background job ----------------------------------------------------------------------------
NOTICE_NAME = "contrasenas"  # marker `aviso-contrasenas-<person>.txt`: the last notice's date


def overdue_reminders(session: Session, person: Person, today, *, clock: Clock,
                      secrets: SecretStore, recorder: ActivityRecorder) -> list:
    """The overdue passwords of the accounts `person` answers for today (alert_scope.py: a
    CNCS reviewer the institution's, a suplente those they cover), each with how late it is."""
    from redes_desktop.services.alert_scope import alert_scope
    from redes_desktop.services.notifications import Notification

    scope = alert_scope(session, person, today)
    if scope.account_ids is not None and not scope.account_ids:
        return []
    service = PasswordService(session, clock, secrets, recorder)
    overdue = [r for r in service.status(None)
               if r.state == RotationState.VENCIDA and scope.includes(r.account_id)]
    if not overdue:
        return []
    lines = [f"{r.handle}{scope.note(r.account_id)}: {r.due.reason.split('. ')[0].rstrip('.')}"
             for r in overdue[:5]]
    more = f"; y {len(overdue) - 5} más" if len(overdue) > 5 else ""
    return [Notification(
        "Contraseñas vencidas",
        f"Cambie la contraseña de {len(overdue)} cuenta(s) (criterio 6.xxxiii): "
        + "; ".join(lines) + more + ".",
        kind="urgente",
        target=("contrasenas", str(overdue[0].account_id) if len(overdue) == 1 else ""))]


def overdue_passwords_job(context) -> list:
    """Job (jobs.py, at start-up, after each sign-in and every minute): one notice a day to each
    person listing the overdue passwords of the accounts they answer for. The date of the last
    notice is kept in the data folder per person (machine state, not a setting), so a restart
    does not repeat it and a suplente signing in after the titular is still told."""
    from redes_desktop.services.reminders import run_daily

    return run_daily(context, NOTICE_NAME, lambda session, person, today: overdue_reminders(
        session, person, today, clock=context.clock, secrets=context.secrets,
        recorder=context.recorder))
