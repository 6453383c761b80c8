"""Compromised accounts (criterion 6.xxx): an account operated by unauthorised people or taken
over by outsiders is reported at once to the area titular, CNCS and UNICOM.

Reporting opens an Incident, marks the account compromised (PostService then refuses new drafts
and publication on it), makes its password due at once (passwords/rotation.py) and queues the
e-mail through the outbox (sent now, or kept pending and retried). Closing needs a resolution;
the account stops being compromised when no other incident on it is open.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, as_utc, to_mexico
from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import Account, Incident, IncidentState, OutgoingMail, Person
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.mail import Outbox
from redes_desktop.services.permissions import Action, Permissions

MAIL_KIND = "incidente"
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class Reported:
    incident: Incident
    mail: OutgoingMail

    @property
    def mail_sent(self) -> bool:
        return self.mail.status == "enviado"


class IncidentService:
    def __init__(
        self,
        session: Session,
        clock: Clock,
        outbox: Outbox,
        *,
        cncs_email: str,
        unicom_email: str,
        recorder: ActivityRecorder,
    ) -> None:
        self.session = session
        self.clock = clock
        self.outbox = outbox
        self.cncs_email = cncs_email
        self.unicom_email = unicom_email
        self.recorder = recorder
        self.permissions = Permissions(session, clock)

    @classmethod
    def for_context(cls, context, session: Session) -> IncidentService:
        settings = context.workspace.settings
        return cls(session, context.clock, context.outbox(session),
                   cncs_email=settings.cncs_email, unicom_email=settings.unicom_email,
                   recorder=context.recorder)

    def _record(self, actor: Person, incident: Incident, action: str, **details) -> None:
        from redes_desktop.services.coverage import coverage_details

        # A suplente covering an absence says so in the bitácora (5.1).
        covering = coverage_details(self.permissions, actor, incident.account)
        self.recorder.record(ActivityEntry(
            at=self.clock(), actor_id=actor.id, account_id=incident.account_id, action=action,
            details={"incidente": str(incident.id), **covering, **details}))

    def _account(self, account_id: uuid.UUID | str) -> Account:
        try:
            key = account_id if isinstance(account_id, uuid.UUID) else uuid.UUID(str(account_id))
            account = self.session.get(Account, key)
        except ValueError:
            account = None
        if account is None or account.deleted_at is not None:
            raise NotFound("La cuenta ya no existe; actualice la lista.")
        return account

    def get(self, incident_id: uuid.UUID) -> Incident:
        incident = self.session.get(Incident, incident_id)
        if incident is None:
            raise NotFound("El incidente ya no existe; actualice la lista.")
        return incident

    def recipients(self, account: Account) -> list[str]:
        titular = account.area.titular if account.area else None
        found = [titular.email if titular else "", self.cncs_email, self.unicom_email]
        return list(dict.fromkeys(r for r in found if r))

    # -- report and close --------------------------------------------------------------------
    def report(
        self, actor: Person, account_id: uuid.UUID | str, description: str, observed_at: datetime
    ) -> Reported:
        account = self._account(account_id)
        self.permissions.require(actor, Action.REPORT_INCIDENT, account=account)
        description = (description or "").strip()
        if len(description) < 10:
            raise ValidationError(
                "Describa qué se observó (por ejemplo: publicaciones que nadie del área hizo, "
                "cambio de correo o de contraseña no autorizado).", "6.xxx", "description")
        if observed_at.tzinfo is None:
            raise ValidationError("Indique la fecha y hora con su zona horaria.", "6.xxx",
                                  "observed_at")
        now = self.clock()
        if as_utc(observed_at) > now + CLOCK_SKEW:
            raise ValidationError(
                "La fecha en que se observó el incidente no puede ser posterior a ahora.",
                "6.xxx", "observed_at")
        incident = Incident(
            account_id=account.id, account=account, reported_by_id=actor.id, reported_by=actor,
            observed_at=as_utc(observed_at), reported_at=now, description=description)
        self.session.add(incident)
        account.compromised = True
        self.session.flush()
        self._record(actor, incident, "incidente_reportado")
        mail = self.outbox.queue(
            self.recipients(account),
            f"Cuenta comprometida: {account.handle} ({account.network.label}) — criterio 6.xxx",
            self._report_body(account, incident, actor),
            related_kind=MAIL_KIND, related_id=incident.id)
        return Reported(incident, mail)

    def close(self, actor: Person, incident_id: uuid.UUID, resolution: str) -> Incident:
        incident = self.get(incident_id)
        account = incident.account
        self.permissions.require(actor, Action.REPORT_INCIDENT, account=account)
        if incident.state == IncidentState.CERRADO:
            raise ValidationError("El incidente ya está cerrado.", "6.xxx")
        resolution = (resolution or "").strip()
        if len(resolution) < 10:
            raise ValidationError(
                "Escriba cómo se resolvió (por ejemplo: se recuperó el acceso, se cambió la "
                "contraseña y se revisaron las publicaciones) para cerrar el incidente.",
                "6.xxx", "resolution")
        incident.state = IncidentState.CERRADO
        incident.closed_at = self.clock()
        incident.resolution = resolution
        self.session.flush()
        still_open = self.session.scalar(
            select(Incident.id).where(Incident.account_id == account.id,
                                      Incident.state == IncidentState.ABIERTO).limit(1))
        if still_open is None:
            account.compromised = False
        self.session.flush()
        self._record(actor, incident, "incidente_cerrado")
        self.outbox.queue(
            self.recipients(account),
            f"Incidente cerrado: {account.handle} ({account.network.label}) — criterio 6.xxx",
            f"{actor.name} cerró el incidente de la cuenta {account.handle} reportado el "
            f"{_local(incident.reported_at)}.\n\nResolución:\n{resolution}\n",
            related_kind=MAIL_KIND, related_id=incident.id)
        return incident

    # -- lists -------------------------------------------------------------------------------
    def incidents(self, person: Person, *, only_open: bool = False) -> list[Incident]:
        """Incidents of the accounts `person` may see, open ones first, newest first."""
        stmt = select(Incident).options(
            selectinload(Incident.account).selectinload(Account.area),
            selectinload(Incident.reported_by),
        ).order_by(Incident.reported_at.desc())
        if only_open:
            stmt = stmt.where(Incident.state == IncidentState.ABIERTO)
        found = [
            i for i in self.session.scalars(stmt)
            if self.permissions.check(person, Action.VIEW_ACCOUNT, account=i.account)
        ]
        return sorted(found, key=lambda i: i.state != IncidentState.ABIERTO)

    def mail_pending(self, incident_id: uuid.UUID) -> bool:
        return bool(self.outbox.pending(MAIL_KIND, incident_id))

    @staticmethod
    def _report_body(account: Account, incident: Incident, actor: Person) -> str:
        area = account.area.name if account.area else ""
        titular = account.area.titular.name if account.area and account.area.titular else \
            "(sin titular registrado)"
        return (
            "Aviso conforme al criterio 6.xxx de los Criterios para el uso institucional de "
            "redes sociales del INE.\n\n"
            f"Cuenta: {account.handle} ({account.network.label}) — {account.name}\n"
            f"Área responsable: {area}\nTitular del área: {titular}\n"
            f"Observado: {_local(incident.observed_at)}\n"
            f"Reportado: {_local(incident.reported_at)} por {actor.name} <{actor.email}>\n\n"
            f"Qué se observó:\n{incident.description}\n\n"
            "Medidas inmediatas: la publicación en la cuenta queda suspendida hasta cerrar el "
            "incidente y la contraseña debe cambiarse de inmediato.\n"
        )


def _local(value: datetime) -> str:
    return to_mexico(value).strftime("%d/%m/%Y %H:%M") + " (hora del centro de México)"
