"""«Cambiar administradores…» (7.iv): the area titular designates the new titular and suplente of
an account from the area's people, from a start date. The service checks the permission and the
rules of 5.1, records the dates and e-mails the CNCS titular and the Comité de Gestión."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate
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

from redes_desktop.actions.change_administrators import (
    ChangeOutcome,
    administrators_form,
    change_administrators,
)
from redes_desktop.actions.check_form import administrators_problems
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.operations import (
    error_text,
    make_error_label,
    person_id,
    procedures,
    run_action,
    show_error,
)
from redes_desktop.ui.form_marks import mark_problems
from redes_desktop.ui.qt_dates import to_date
from redes_desktop.ui.tasks import Reads


class AdministratorsDialog(QDialog):
    def __init__(self, context: AppContext, account_id: uuid.UUID | str,
                 parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.account_id = uuid.UUID(str(account_id))
        self.pool = pool
        self.reads = Reads(self, pool)  # the form data, read off the UI thread
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
        self._set_ready(False)  # until the form data arrives
        self._load(today)

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.titular_combo, self.suplente_combo, self.since_edit, self.ok_button):
            widget.setEnabled(ready)

    def _load(self, today) -> None:
        database, account_id = self.context.database, self.account_id
        self.reads.run(lambda: administrators_form(database, account_id=account_id, today=today),
                       self._show_form)

    def _show_form(self, form, error: BaseException | None) -> None:
        if error is not None:
            show_error(self.error_label, error_text(error))
            return
        self._set_ready(True)
        if form is None:
            show_error(self.error_label, self.tr("La cuenta ya no existe; actualice la lista."))
            self.ok_button.setEnabled(False)
            return
        self.account_label.setText(self.tr("%s (%s) — %s") % (
            form.handle, form.network_label, form.area_name))
        self.current_label.setText(self.tr("Titular: %s · Suplente: %s") % (
            form.titular_name or self.tr("(sin designar)"),
            form.suplente_name or self.tr("(sin designar)")))
        for combo, current in ((self.titular_combo, form.titular_id),
                               (self.suplente_combo, form.suplente_id)):
            for person in form.candidates:
                combo.addItem(self.tr("%s (%s)") % (person.name, person.level_label.lower()),
                              person.person_id)
                if person.person_id == current:
                    combo.setCurrentIndex(combo.count() - 1)
        if not form.candidates:
            show_error(self.error_label, self.tr(
                "El área no tiene personas registradas: regístrelas antes de designarlas."))
            self.ok_button.setEnabled(False)

    def submit(self) -> None:
        show_error(self.error_label, "")
        titular_id = self.titular_combo.currentData()
        suplente_id = self.suplente_combo.currentData()
        problems = administrators_problems(titular_id or "", suplente_id or "")
        if mark_problems({"titular": self.titular_combo, "suplente": self.suplente_combo},
                         problems, self.error_label):
            return  # every problem at once, marked (issue 15)
        since = to_date(self.since_edit.date())
        collaborators, who, account_id = (procedures(self.context), person_id(self.context),
                                          self.account_id)
        self.ok_button.setEnabled(False)
        run_action(lambda: change_administrators(
            collaborators, person_id=who, account_id=account_id, titular_id=titular_id,
            suplente_id=suplente_id, since=since), self._done, self.pool)

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
