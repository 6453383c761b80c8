"""Closure of an account (7.vii, 7.viii): requested by oficio, concluded with a checklist.

The account is never deleted: it ends as CANCELADA and stays in the records. A closure with any
checklist item unchecked is refused. Retiring the password (from the keyring) and sending the
notice to the Comité are done by the program when their items are checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import Account, AccountStatus, AdminKind, Person
from redes_desktop.models.procedures import AccountClosure
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.account_requests import comite_recipients
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.mail import Attachment, Outbox
from redes_desktop.services.oficios import store_oficio, validate_oficio
from redes_desktop.services.permissions import Permissions
from redes_desktop.settings import Settings

CLOSABLE = (AccountStatus.ACTIVA, AccountStatus.AUTORIZADA, AccountStatus.SOLICITADA)


def may_complete(permissions: Permissions, person: Person, account: Account) -> bool:
    """Who concludes a closure with its checklist: the area's titular or the account's titular
    administrator (7.viii), or a CNCS reviewer, who confirms it for the official registry of
    authorised accounts (7.ix). Only the area asks for it (7.vii)."""
    from redes_desktop.models import Role

    return (person.has_role(Role.REVISOR_CNCS)
            or permissions.is_area_titular(person, account.area)
            or permissions.designation(person, account) == AdminKind.TITULAR)


def account_secret_key(account: Account) -> str:
    return f"cuenta:{account.id}"


@dataclass(frozen=True)
class ClosureChecklist:
    contents_deleted: bool = False
    password_retired: bool = False
    cancelled_on_network: bool = False
    notice_sent: bool = False

    LABELS = {
        "contents_deleted": "se borraron los contenidos de la cuenta (criterio 7.viii)",
        "password_retired": "retirar la contraseña del llavero del sistema",
        "cancelled_on_network": "se canceló la cuenta en la red social (criterio 7.vii)",
        "notice_sent": "enviar el aviso de baja al Comité de Gestión (criterio 7.vii)",
    }

    def missing(self) -> list[str]:
        return [label for name, label in self.LABELS.items() if not getattr(self, name)]


class ClosureService:
    def __init__(
        self,
        session: Session,
        clock: Clock,
        *,
        settings: Settings,
        data_dir: Path,
        outbox: Outbox | None = None,
        secrets: SecretStore,
        recorder: ActivityRecorder,
    ) -> None:
        self.session = session
        self.clock = clock
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.outbox = outbox
        self.secrets = secrets
        self.recorder = recorder
        self.permissions = Permissions(session, clock)

    def _record(self, actor: Person, account: Account, action: str, **details) -> None:
        self.recorder.record(ActivityEntry(
            at=self.clock(), actor_id=actor.id, account_id=account.id, action=action,
            details=details,
        ))

    def may_close(self, person: Person, account: Account) -> bool:
        """7.viii: the area and the titular of the account cancel it."""
        return (self.permissions.is_area_titular(person, account.area)
                or self.permissions.designation(person, account) == AdminKind.TITULAR)

    def _require(self, person: Person, account: Account) -> None:
        if not self.may_close(person, account):
            raise PermissionDenied(
                f"Solo el titular de {account.area.name} o el administrador titular de "
                f"{account.handle} pueden dar de baja la cuenta (criterio 7.viii).")

    def open_closure(self, account: Account) -> AccountClosure | None:
        return self.session.scalar(
            select(AccountClosure).where(AccountClosure.account_id == account.id,
                                         AccountClosure.completed_at.is_(None)))

    def request_closure(self, actor: Person, account: Account,
                        oficio: str | os.PathLike[str] | None, reason: str) -> AccountClosure:
        self._require(actor, account)
        if account.status not in CLOSABLE:
            raise ValidationError(
                f"La cuenta {account.handle} está «{account.status.label}»: no se puede pedir "
                "su baja.")
        if self.open_closure(account) is not None:
            raise ValidationError(f"Ya hay una baja en curso para {account.handle}.")
        path = validate_oficio(oficio, "la baja de una cuenta (criterio 7.vii)")
        if len((reason or "").strip()) < 10:
            raise ValidationError(
                "Explique por qué el área deja de usar la cuenta (al menos 10 caracteres).",
                field="reason")
        stored = store_oficio(self.data_dir, path)
        closure = AccountClosure(
            account_id=account.id, account=account, requested_by_id=actor.id,
            requested_by=actor, requested_at=self.clock(), oficio_path=stored.relative_path,
            oficio_sha256=stored.sha256, oficio_name=stored.original_name,
            reason=reason.strip())
        account.status = AccountStatus.EN_BAJA
        self.session.add(closure)
        self.session.flush()
        self._record(actor, account, "baja_solicitada", oficio=stored.sha256)
        return closure

    def complete(self, actor: Person, closure: AccountClosure,
                 checklist: ClosureChecklist) -> None:
        """Conclude the closure. Refused, with nothing done, while an item is unchecked."""
        account = closure.account
        if not may_complete(self.permissions, actor, account):
            raise PermissionDenied(
                f"Solo el titular de {account.area.name}, el administrador titular de "
                f"{account.handle} o la CNCS pueden concluir la baja (criterios 7.viii, 7.ix).")
        if closure.completed_at is not None:
            raise ValidationError(f"La baja de {account.handle} ya se concluyó.")
        missing = checklist.missing()
        if missing:
            raise ValidationError(
                f"No se puede concluir la baja de {account.handle}: falta marcar "
                + "; ".join(missing) + ". La cuenta sigue «en baja» hasta completar la lista.",
                criterion="7.viii", field="checklist")
        if self.outbox is None:
            raise ValidationError(
                "No se puede enviar el aviso de baja: no hay correo configurado.")
        # The keyring first: if it is locked, nothing is recorded.
        self.secrets.delete(account_secret_key(account))
        closure.contents_deleted = True
        closure.cancelled_on_network = True
        closure.password_retired = True
        closure.notice_sent = True
        closure.completed_at = self.clock()
        closure.completed_by_id = actor.id
        account.status = AccountStatus.CANCELADA
        account.official = False
        self.session.flush()
        self._record(actor, account, "cuenta_cancelada", oficio=closure.oficio_sha256)
        suffix = Path(closure.oficio_path).suffix
        self.outbox.queue(
            [*comite_recipients(self.settings), self.settings.cncs_email],
            f"Baja de cuenta institucional: {account.handle} ({account.network.label})",
            f"Se informa la cancelación de la cuenta {account.name} ({account.handle}, "
            f"{account.network.label}) de {account.area.name} (criterio 7.vii).\n\n"
            f"Dirección: {account.url or '(sin registrar)'}\n"
            f"Motivo: {closure.reason}\n\n"
            "Se borraron sus contenidos, se canceló en la red y se retiró su contraseña. "
            "La cuenta queda en los registros como cancelada. El oficio va adjunto.\n",
            [Attachment(str(self.data_dir / closure.oficio_path),
                        f"oficio-baja-{account.handle.lstrip('@')}{suffix}")],
            related_kind="baja_cuenta", related_id=closure.id)
