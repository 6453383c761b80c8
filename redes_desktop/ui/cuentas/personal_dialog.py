"""«Cuenta personal…» in Cuentas (7.vi): CNCS marks the chosen account as the personal account of
a Consejera or Consejero Electoral (the only personal accounts the official registry lists), or
as institutional. The service refuses anyone else with its Spanish message; the dialog stays
open with it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.personal_account import personal_account_form, set_personal_account
from redes_desktop.ui.cuentas.operations import error_text, make_error_label, person_id
from redes_desktop.ui.tasks import Reads, run_task


class PersonalAccountDialog(QDialog):
    finished_work = Signal()  # the form was read or a save ended (for tests)

    def __init__(self, context, account_id: str, parent: QWidget | None = None,
                 pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.account_id = account_id
        self.pool = pool
        self.reads = Reads(self, pool)
        self.saved_text = ""
        self.setWindowTitle(self.tr("Cuenta personal (criterio 7.vi)"))
        self.intro = QLabel(self.tr(
            "El registro de cuentas oficiales solo incluye cuentas personales de Consejeras y "
            "Consejeros Electorales (criterio 7.vi). Leyendo la cuenta…"))
        self.intro.setWordWrap(True)
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName(self.tr("Titular de la cuenta personal"))
        self.owner_combo.setEnabled(False)
        self.error_label = make_error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.owner_combo)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        database = context.database
        self.reads.run(lambda: personal_account_form(database, account_id), self._show)

    def _show(self, form, error: BaseException | None) -> None:
        if error is not None:
            self.error_label.setText(error_text(error))
            self.finished_work.emit()
            return
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("Cuenta institucional (no es personal)"), None)
        for owner_id, name in form.choices:
            self.owner_combo.addItem(name, str(owner_id))
        if form.owner_id is not None and self.owner_combo.findData(str(form.owner_id)) < 0:
            # The owner lost the role: shown, so that CNCS sees why the registry omits it.
            self.owner_combo.addItem(self.tr("%1 (ya no es Consejera o Consejero Electoral)")
                                     .replace("%1", form.owner_name), str(form.owner_id))
        current = self.owner_combo.findData(str(form.owner_id)) if form.owner_id else 0
        self.owner_combo.setCurrentIndex(max(current, 0))
        self.intro.setText(self.tr(
            "¿De quién es la cuenta personal %1? El registro de cuentas oficiales solo incluye "
            "cuentas personales de Consejeras y Consejeros Electorales (criterio 7.vi).")
            .replace("%1", form.handle))
        if not form.choices:
            self.error_label.setText(self.tr(
                "No hay Consejeras ni Consejeros Electorales registrados: regístrelos en "
                "Organización › Roles."))
        self.owner_combo.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.finished_work.emit()

    def choose(self, name_or_none: str | None) -> bool:
        """Pick the owner by name (None: institutional); False if not in the list."""
        if name_or_none is None:
            self.owner_combo.setCurrentIndex(0)
            return True
        index = self.owner_combo.findText(name_or_none)
        if index >= 0:
            self.owner_combo.setCurrentIndex(index)
        return index >= 0

    def save(self) -> None:
        owner = self.owner_combo.currentData()
        name = self.owner_combo.currentText()
        database, clock, recorder = (self.context.database, self.context.clock,
                                     self.context.recorder)
        who, account_id = person_id(self.context), self.account_id

        def done(_changed, error: BaseException | None) -> None:
            if error is not None:
                self.error_label.setText(error_text(error))
                self.finished_work.emit()
                return
            self.saved_text = (self.tr("Cuenta personal de %1.").replace("%1", name) if owner
                               else self.tr("La cuenta quedó como institucional."))
            self.finished_work.emit()
            self.accept()

        run_task(lambda: set_personal_account(database, account_id, owner, person_id=who,
                                              clock=clock, recorder=recorder), done, self.pool)
