"""«Cambiar administradores…» (7.iv): the area titular designates the new titular and suplente of
an account from the area's people, from a start date. The service checks the permission and the
rules of 5.1, records the dates and e-mails the CNCS titular and the Comité de Gestión."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from redes_desktop.actions.unit_of_work import NO_IDENTITY_MESSAGE
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound
from redes_desktop.models import Account, AdminKind, OutgoingMail, Person
from redes_desktop.services.account_requests import AccountProcedures
from redes_desktop.services.mail import Outbox
from redes_desktop.services.permissions import Action
from redes_desktop.ui.cuentas.operations import make_error_label, run_operation, show_error
from redes_desktop.ui.qt_dates import to_date


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdministratorsDialog", text)


@dataclass
class ChangeOutcome:
    """What the operation left behind: whether every notice left, else why not."""

    mails: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def sent(self) -> bool:
        return self.mails > 0 and not self.errors


class _WatchedOutbox(Outbox):
    """The workstation's outbox (same session, clock and mailer) that also keeps what became
    of each mail, for the dialog to tell."""

    def __init__(self, outbox: Outbox, outcome: ChangeOutcome) -> None:
        super().__init__(outbox.session, outbox.clock, outbox.mailer)
        self._outcome = outcome

    def queue(self, *args: Any, **kwargs: Any) -> OutgoingMail:
        mail = super().queue(*args, **kwargs)
        self._outcome.mails += 1
        if mail.status != "enviado":
            self._outcome.errors.append(mail.last_error)
        return mail


def may_change_administrators(context: AppContext, account_id: uuid.UUID | str) -> str:
    """"" when the current person may change the account's administrators, else why not."""
    with context.session() as session:
        person = context.current_person(session)
        if person is None:
            return NO_IDENTITY_MESSAGE
        account = session.get(Account, uuid.UUID(str(account_id)))
        if account is None:
            return _tr("La cuenta ya no existe; actualice la lista.")
        decision = context.permissions(session).check(
            person, Action.MANAGE_ADMINISTRATORS, account=account)
        return "" if decision else decision.reason


class AdministratorsDialog(QDialog):
    def __init__(self, context: AppContext, account_id: uuid.UUID | str,
                 parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.account_id = uuid.UUID(str(account_id))
        self.pool = pool
        self.outcome: ChangeOutcome | None = None
        self.setWindowTitle(self.tr("Cambiar administradores"))
        self.account_label = QLabel()
        self.account_label.setWordWrap(True)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.titular_combo = QComboBox()
        self.titular_combo.setAccessibleName(self.tr("Nuevo administrador titular"))
        self.suplente_combo = QComboBox()
        self.suplente_combo.setAccessibleName(self.tr("Nuevo administrador suplente"))
        self.since_edit = QDateEdit()
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("dd/MM/yyyy")
        self.since_edit.setAccessibleName(self.tr("Fecha de inicio"))
        today = to_mexico(context.clock()).date()
        self.since_edit.setDate(QDate(today.year, today.month, today.day))
        note = QLabel(self.tr(
            "El titular es de nivel mando medio o superior y el suplente, otra persona del "
            "área (criterio 5.1). Al registrar el cambio se avisa por correo a la persona "
            "titular de la CNCS y a la Presidencia y la Secretaría Técnica del Comité de "
            "Gestión (criterio 7.iv)."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Cuenta:"), self.account_label)
        form.addRow(self.tr("Hoy:"), self.current_label)
        form.addRow(self.tr("Nuevo titular:"), self.titular_combo)
        form.addRow(self.tr("Nuevo suplente:"), self.suplente_combo)
        form.addRow(self.tr("A partir del:"), self.since_edit)
        self.error_label = make_error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Registrar el cambio"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._load(today)

    def _load(self, today) -> None:
        with self.context.session() as session:
            account = session.get(Account, self.account_id)
            if account is None:
                show_error(self.error_label, self.tr("La cuenta ya no existe; actualice la lista."))
                self.ok_button.setEnabled(False)
                return
            self.account_label.setText(self.tr("%s (%s) — %s") % (
                account.handle, account.network.label, account.area.name))
            current = {a.kind: a.person_id for a in account.current_administrators(today)}
            names = {a.kind: a.person.name for a in account.current_administrators(today)}
            self.current_label.setText(self.tr("Titular: %s · Suplente: %s") % (
                names.get(AdminKind.TITULAR, self.tr("(sin designar)")),
                names.get(AdminKind.SUPLENTE, self.tr("(sin designar)"))))
            people = session.query(Person).filter(
                Person.area_id == account.area_id, Person.deleted_at.is_(None)
            ).order_by(Person.name).all()
            for combo, kind in ((self.titular_combo, AdminKind.TITULAR),
                                (self.suplente_combo, AdminKind.SUPLENTE)):
                for person in people:
                    combo.addItem(self.tr("%s (%s)") % (person.name, person.level.label.lower()),
                                  str(person.id))
                    if person.id == current.get(kind):
                        combo.setCurrentIndex(combo.count() - 1)
        if not people:
            show_error(self.error_label, self.tr(
                "El área no tiene personas registradas: regístrelas antes de designarlas."))
            self.ok_button.setEnabled(False)

    def submit(self) -> None:
        show_error(self.error_label, "")
        titular_id = self.titular_combo.currentData()
        suplente_id = self.suplente_combo.currentData()
        since = to_date(self.since_edit.date())
        context, account_id = self.context, self.account_id
        gone = self.tr("La cuenta o una de las personas elegidas ya no está registrada (pudo "
                       "cambiar desde otra estación). Cierre esta ventana y vuelva a abrirla.")

        def operation(session: Session, person: Person) -> ChangeOutcome:
            outcome = ChangeOutcome()
            service = AccountProcedures(
                session, context.clock, settings=context.workspace.settings,
                data_dir=context.workspace.paths.root,
                outbox=_WatchedOutbox(context.outbox(session), outcome),
                recorder=context.recorder,
            )
            account = session.get(Account, account_id)
            titular = session.get(Person, uuid.UUID(titular_id)) if titular_id else None
            suplente = session.get(Person, uuid.UUID(suplente_id)) if suplente_id else None
            if account is None or titular is None or suplente is None:
                raise NotFound(gone)
            service.change_administrators(person, account, titular, suplente, since)
            return outcome

        self.ok_button.setEnabled(False)
        run_operation(context, operation, self._done, self.pool)

    def _done(self, outcome: ChangeOutcome | None, error: str) -> None:
        self.ok_button.setEnabled(True)
        if error:
            show_error(self.error_label, error)
            return
        self.outcome = outcome
        self.accept()

    def result_text(self) -> str:
        outcome = self.outcome
        if outcome is None:
            return ""
        if outcome.sent:
            return self.tr("Cambio de administradores registrado. Se avisó por correo a la CNCS "
                           "y al Comité de Gestión (criterio 7.iv).")
        return self.tr("Cambio de administradores registrado, pero el aviso por correo quedó "
                       "pendiente y se reintentará automáticamente: %s") % (
            "; ".join(e for e in outcome.errors if e) or self.tr("sin servidor de correo"))
