"""Section 7 from request to opening, and changes of administrators.

7.i   the form reminds that CNCS's central accounts can publish the area's content;
7.ii  the area presents the request by signed oficio, justified by its programmes;
7.iii CNCS authorises or rejects it; the area opens the account and informs the Presidente and
      the Secretario Técnico of the Comité de Gestión (name, address, purposes, operation,
      administrators);
7.iv  a change of administrators is notified to the CNCS titular and the same recipients.

Each method is one operation: it validates everything first, writes, and leaves the commit to
the caller (one transaction per operation).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.criteria import criterion_text
from redes_desktop.errors import ValidationError
from redes_desktop.models import Account, AccountStatus, AdminKind, Area, Network, Person
from redes_desktop.models.procedures import AccountRequest, RequestState
from redes_desktop.services import rules
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.form_checks import MIN_JUSTIFICATION
from redes_desktop.services.mail import Attachment, Outbox
from redes_desktop.services.oficios import store_oficio, validate_oficio
from redes_desktop.services.permissions import Action, Permissions
from redes_desktop.settings import Settings
from redes_desktop.spanish_dates import spanish_date

PURPOSE_IDS = tuple(
    f"3.{r}" for r in ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi")
)
RHYTHMS = ("diaria", "semanal")
CENTRAL_ACCOUNTS_REMINDER = (
    "Antes de solicitar una cuenta propia, valore publicar sus contenidos a través de las "
    "cuentas institucionales que administra la Coordinación Nacional de Comunicación Social "
    "(criterio 7.i)."
)


def purposes() -> list[tuple[str, str]]:
    """The purposes of section 3 as (id, text)."""
    return [(pid, criterion_text(pid)) for pid in PURPOSE_IDS]


@dataclass
class RequestForm:
    area: Area
    network: Network
    name: str
    handle: str
    email: str
    purposes: Sequence[str]
    justification: str
    titular: Person | None
    suplente: Person | None
    oficio: str | os.PathLike[str] | None
    rhythm: str = "diaria"


def comite_recipients(settings: Settings) -> list[str]:
    return [settings.comite_presidente_email, settings.comite_secretario_email]


class AccountProcedures:
    def __init__(
        self,
        session: Session,
        clock: Clock,
        *,
        settings: Settings,
        data_dir: Path,
        outbox: Outbox | None = None,
        recorder: ActivityRecorder,
    ) -> None:
        self.session = session
        self.clock = clock
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.outbox = outbox
        self.recorder = recorder
        self.permissions = Permissions(session, clock)
        self.directory = Directory(session, clock, self.recorder)

    def today(self) -> date:
        return to_mexico(self.clock()).date()

    def _record(self, actor: Person, account: Account, action: str, **details) -> None:
        self.recorder.record(ActivityEntry(
            at=self.clock(), actor_id=actor.id, account_id=account.id, action=action,
            details=details,
        ))

    def _mail(self, recipients: list[str], subject: str, body: str, related: AccountRequest,
              attachments: Sequence[Attachment] = ()) -> None:
        if self.outbox is not None:
            self.outbox.queue(recipients, subject, body, attachments,
                              related_kind="solicitud_cuenta", related_id=related.id)

    # -- 7.ii: the request -------------------------------------------------------------------
    def request_account(self, actor: Person, form: RequestForm) -> AccountRequest:
        self.permissions.require(actor, Action.REQUEST_ACCOUNT, area=form.area)
        oficio = validate_oficio(form.oficio, "la solicitud de cuenta (criterio 7.ii)")
        chosen = [p.strip() for p in form.purposes if p and p.strip()]
        if not chosen:
            raise ValidationError(
                "Elija al menos uno de los fines de la sección 3 de los criterios: CNCS evalúa "
                "la propuesta conforme a ellos (criterio 7.iii).", criterion="7.iii",
                field="purposes")
        unknown = [p for p in chosen if p not in PURPOSE_IDS]
        if unknown:
            raise ValidationError(
                f"Fin desconocido: {', '.join(unknown)}. Use los de la sección 3 (3.i a 3.xi).",
                field="purposes")
        if len((form.justification or "").strip()) < MIN_JUSTIFICATION:
            raise ValidationError(
                "Justifique la cuenta con base en los programas y actividades institucionales "
                f"del área, en al menos {MIN_JUSTIFICATION} caracteres (criterio 7.ii).",
                criterion="7.ii", field="justification")
        if form.rhythm not in RHYTHMS:
            raise ValidationError("Elija la periodicidad: diaria o semanal (criterio 6.xxi).",
                                  field="rhythm")
        titular, suplente = self._check_administrators(form.area, form.titular, form.suplente)
        handle = rules.normalise_handle(form.handle)
        rules.require_x_handle_suffix(form.network, handle)
        rules.require_network_allowed_for_area(form.network, form.area.kind)
        rules.require_institutional_email(form.email, who=f"La cuenta {handle}")
        stored = store_oficio(self.data_dir, oficio)
        account = self.directory.create_account(
            area=form.area, network=form.network, name=form.name, handle=handle,
            email=form.email, purposes=chosen, justification=form.justification.strip(),
            status=AccountStatus.SOLICITADA, official=False, rhythm=form.rhythm, actor=actor,
        )
        request = AccountRequest(
            account_id=account.id, account=account, requested_by_id=actor.id,
            requested_by=actor, requested_at=self.clock(), oficio_path=stored.relative_path,
            oficio_sha256=stored.sha256, oficio_name=stored.original_name,
            proposed_titular_id=titular.id, proposed_titular=titular,
            proposed_suplente_id=suplente.id, proposed_suplente=suplente,
        )
        self.session.add(request)
        self.session.flush()
        self._record(actor, account, "cuenta_solicitada", oficio=stored.sha256,
                     fines=chosen, titular=titular.name, suplente=suplente.name)
        self._mail(
            [self.settings.cncs_email],
            f"Solicitud de cuenta: {account.handle} ({account.network.label}) — {form.area.name}",
            "Se presenta la siguiente propuesta de cuenta para su evaluación (criterios 7.ii y "
            "7.iii). El oficio firmado va adjunto.\n\n" + self.describe(request),
            request,
            [Attachment(str(self.data_dir / stored.relative_path),
                        f"oficio-{account.handle.lstrip('@')}{Path(stored.relative_path).suffix}",
                        stored.mime_type)],
        )
        return request

    def _check_administrators(
        self, area: Area, titular: Person | None, suplente: Person | None
    ) -> tuple[Person, Person]:
        if titular is None or suplente is None:
            missing = "titular" if titular is None else "suplente"
            raise ValidationError(
                f"Proponga al administrador {missing}: cada cuenta tiene un titular y un "
                "suplente (criterio 5.1).", criterion="5.1", field=missing)
        rules.require_distinct_people(titular.id, suplente.id)
        rules.require_titular_level(titular.level, titular.name)
        for person in (titular, suplente):
            rules.require_institutional_email(person.email, who=person.name)
            if person.area_id != area.id:
                raise ValidationError(
                    f"{person.name} no pertenece a {area.name}: los administradores son "
                    "servidores públicos de la estructura del área (criterio 5.1).",
                    criterion="5.1", field="titular" if person is titular else "suplente")
        return titular, suplente

    # -- 7.iii: evaluation and opening -------------------------------------------------------
    def requests(self, person: Person, *, pending_only: bool = False) -> list[AccountRequest]:
        """What `person` may see: every request for a CNCS reviewer, their area's otherwise."""
        stmt = (select(AccountRequest)
                .options(selectinload(AccountRequest.account).selectinload(Account.area))
                .order_by(AccountRequest.requested_at.desc()))
        if pending_only:
            stmt = stmt.where(AccountRequest.state == RequestState.PENDIENTE)
        if not self.permissions.check(person, Action.AUTHORIZE_ACCOUNT):
            stmt = stmt.join(AccountRequest.account).where(Account.area_id == person.area_id)
        return list(self.session.scalars(stmt))

    def _decide(self, reviewer: Person, request: AccountRequest, state: RequestState,
                reasons: str) -> None:
        self.permissions.require(reviewer, Action.AUTHORIZE_ACCOUNT)
        if request.state != RequestState.PENDIENTE:
            raise ValidationError(
                f"La solicitud ya está «{request.state.label}»: no se puede decidir de nuevo.")
        request.state = state
        request.reviewer_id = reviewer.id
        request.reviewer = reviewer
        request.decided_at = self.clock()
        request.reasons = (reasons or "").strip()
        account = request.account
        account.status = (AccountStatus.AUTORIZADA if state == RequestState.AUTORIZADA
                          else AccountStatus.RECHAZADA)
        self.session.flush()
        self._record(reviewer, account, f"solicitud_{state.value}", motivos=request.reasons)
        verdict = "autorizó" if state == RequestState.AUTORIZADA else "rechazó"
        next_step = (
            "Abra la cuenta en la red y registre su dirección en Redes INE para que sea oficial "
            "(criterio 7.iii)." if state == RequestState.AUTORIZADA
            else "La cuenta queda registrada como rechazada.")
        self._mail(
            [request.requested_by.email],
            f"Solicitud de cuenta {account.handle}: CNCS la {verdict}",
            f"La Coordinación Nacional de Comunicación Social {verdict} la solicitud de la "
            f"cuenta {account.handle} ({account.network.label}).\n\nMotivos: "
            f"{request.reasons or '(sin comentarios)'}\n\n{next_step}\n",
            request,
        )

    def authorize(self, reviewer: Person, request: AccountRequest, reasons: str = "") -> None:
        self._decide(reviewer, request, RequestState.AUTORIZADA, reasons)

    def reject(self, reviewer: Person, request: AccountRequest, reasons: str) -> None:
        if len((reasons or "").strip()) < 10:
            raise ValidationError(
                "Explique los motivos del rechazo (al menos 10 caracteres): el área los "
                "recibirá por correo (criterio 7.iii).", criterion="7.iii", field="reasons")
        self._decide(reviewer, request, RequestState.RECHAZADA, reasons)

    def open_account(self, actor: Person, request: AccountRequest, url: str) -> Account:
        account = request.account
        self.permissions.require(actor, Action.REQUEST_ACCOUNT, area=account.area)
        if request.state != RequestState.AUTORIZADA:
            raise ValidationError(
                f"La solicitud está «{request.state.label}»: solo se abre una cuenta autorizada "
                "por CNCS (criterio 7.iii).", criterion="7.iii")
        parts = urlsplit((url or "").strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError(
                "Escriba la dirección completa de la cuenta en la red, por ejemplo "
                "https://x.com/JLE_JaliscoINE.", field="url")
        self.directory.designate_administrators(
            account, request.proposed_titular, request.proposed_suplente,
            since=self.today(), actor=actor)
        account.url = url.strip()
        account.status = AccountStatus.ACTIVA
        account.official = True
        request.state = RequestState.ABIERTA
        request.opened_at = self.clock()
        request.opened_by_id = actor.id
        self.session.flush()
        self._record(actor, account, "cuenta_abierta", url=account.url)
        self._mail(
            comite_recipients(self.settings),
            f"Apertura de cuenta institucional: {account.name} ({account.network.label})",
            "Se informa la apertura de una cuenta institucional en redes sociales "
            "(criterio 7.iii).\n\n" + self.describe(request), request)
        return account

    # -- 7.iv: changes of administrators ------------------------------------------------------
    def change_administrators(self, actor: Person, account: Account, titular: Person,
                              suplente: Person, since: date | None = None) -> None:
        self.permissions.require(actor, Action.MANAGE_ADMINISTRATORS, account=account)
        titular, suplente = self._check_administrators(account.area, titular, suplente)
        since = since or self.today()
        before = {a.kind: a.person.name for a in account.current_administrators(since)}
        self.directory.designate_administrators(account, titular, suplente, since=since,
                                                actor=actor)
        request = self.session.scalar(
            select(AccountRequest).where(AccountRequest.account_id == account.id)
            .order_by(AccountRequest.requested_at.desc()))
        body = (
            f"Se informa el cambio de administradores de la cuenta {account.handle} "
            f"({account.network.label}) de {account.area.name} (criterio 7.iv), a partir del "
            f"{spanish_date(since, year=True)}.\n\n"
            f"Titular: {before.get(AdminKind.TITULAR, '(sin designar)')} → {titular.name} "
            f"<{titular.email}>, {titular.level.label.lower()}\n"
            f"Suplente: {before.get(AdminKind.SUPLENTE, '(sin designar)')} → {suplente.name} "
            f"<{suplente.email}>, {suplente.level.label.lower()}\n\n"
            f"Dirección: {account.url or '(sin registrar)'}\n"
        )
        if self.outbox is not None:
            self.outbox.queue(
                [self.settings.cncs_email, *comite_recipients(self.settings)],
                f"Cambio de administradores: {account.handle} ({account.network.label})", body,
                related_kind="solicitud_cuenta", related_id=request.id if request else None)

    # -- text ---------------------------------------------------------------------------------
    def describe(self, request: AccountRequest) -> str:
        """Name, address, purposes, operation and administrators (7.iii), as plain text."""
        account = request.account
        lines = [
            f"Nombre: {account.name}",
            f"Red: {account.network.label}",
            f"Usuario: {account.handle}",
            f"Dirección: {account.url or '(se registrará al abrirla)'}",
            f"Área responsable: {account.area.name}",
            f"Correo de la cuenta: {account.email}",
            "Propósitos (sección 3 de los criterios):",
            *[f"  - {pid}. {criterion_text(pid)}" for pid in account.purposes],
            f"Justificación: {account.justification}",
            f"Operación: publicación {account.rhythm} (criterio 6.xxi); mensajes revisados "
            "contra los criterios antes de publicarse y bitácora de actividad (8.iii).",
            "Administradores:",
            f"  - Titular: {request.proposed_titular.name} <{request.proposed_titular.email}>, "
            f"{request.proposed_titular.level.label.lower()}",
            f"  - Suplente: {request.proposed_suplente.name} "
            f"<{request.proposed_suplente.email}>, {request.proposed_suplente.level.label.lower()}",
        ]
        if request.reviewer is not None and request.decided_at is not None:
            lines.append(f"Autorizada por CNCS: {request.reviewer.name}, "
                         f"{spanish_date(to_mexico(request.decided_at).date(), year=True)}")
        return "\n".join(lines) + "\n"
