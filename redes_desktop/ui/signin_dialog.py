"""Sign in (issue 14): choose one's name and prove it with a password — the shared database's
login when one is configured, else the local credential (set, with confirmation, at the first
sign-in). Also the lock screen: `locked_person` fixes the person until they sign in again (or
someone else does). The checks run off the UI thread (`actions/sign_in.py`)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.choose_identity import IdentityChoices, fold, identity_choices
from redes_desktop.actions.sign_in import NEW_LOCAL, SHARED, SignInService, SignInState
from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.tasks import Reads, run_task

if TYPE_CHECKING:
    from redes_desktop.ui.first_start_dialog import FirstStartDialog


class SignInDialog(QDialog):
    def __init__(self, context: AppContext, service: SignInService,
                 parent: QWidget | None = None, *, preselect: uuid.UUID | None = None,
                 locked_person: uuid.UUID | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = service
        self.pool = pool
        self.locked_person = locked_person
        self.preselect = locked_person or preselect
        self.state: SignInState | None = None
        self.signed_in = None  # the Identity once proven
        self.previous = context.identity  # who was signed in when the dialog opened
        self._busy = False
        self.people_reads = Reads(self, pool)  # the people to choose from, newest only
        self.state_reads = Reads(self, pool)  # what the chosen person is asked, newest only
        self.setWindowTitle(self.tr("Sesión bloqueada") if locked_person
                            else self.tr("Iniciar sesión"))
        self.resize(520, 560)

        self.intro = QLabel(
            self.tr("La sesión se bloqueó por inactividad. Escriba su contraseña para volver.")
            if locked_person else
            self.tr("Elija su nombre y escriba su contraseña: sus permisos dependen de quién "
                    "es (criterio 5.1), así que su identidad se comprueba."))
        self.intro.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Buscar por nombre, área o correo…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.people_list = QListWidget()
        self.people_list.currentItemChanged.connect(lambda *_: self._person_changed())
        self.other_button = QPushButton(self.tr("Entrar como &otra persona"))
        self.other_button.clicked.connect(self._unlock_choice)
        # Nobody registers themself (identity is proven, not picked): the CNCS registers people.
        self.not_listed = QLabel(self.tr(
            "¿No aparece en la lista? Pida a un revisor de la CNCS que le registre en la "
            "sección Organización; su nombre aparecerá aquí en cuanto esta estación tenga ese "
            "cambio (si la institución usa una base compartida, tras la siguiente "
            "sincronización)."))
        self.not_listed.setWordWrap(True)
        self.first_start_button = QPushButton(self.tr(
            "&Primer inicio: crear la institución, unirse a una existente o ver la "
            "demostración…"))
        self.first_start_button.clicked.connect(self.open_first_start)
        self.first_start_button.setVisible(False)

        self.mode_label = QLabel("")
        self.mode_label.setWordWrap(True)
        form = QFormLayout()
        self.login_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_label = QLabel(self.tr("Usuario de la base compartida:"))
        self.confirm_label = QLabel(self.tr("Confirme la contraseña:"))
        form.addRow(self.login_label, self.login_edit)
        form.addRow(self.tr("Contraseña:"), self.password_edit)
        form.addRow(self.confirm_label, self.confirm_edit)
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.enter_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.enter_button.setText(self.tr("&Entrar"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setVisible(locked_person is None)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.intro, self.filter_edit):
            layout.addWidget(widget)
        layout.addWidget(self.people_list, 1)
        layout.addWidget(self.not_listed)
        layout.addWidget(self.first_start_button)
        layout.addWidget(self.other_button)
        layout.addWidget(self.mode_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._show_choice(locked_person is None)
        self._set_mode(None)
        self._reload()

    # -- the list of people --------------------------------------------------------------------
    def _show_choice(self, shown: bool) -> None:
        for widget in (self.filter_edit, self.people_list, self.not_listed):
            widget.setVisible(shown)
        self.other_button.setVisible(not shown)

    def _unlock_choice(self) -> None:
        self.preselect = None
        self._show_choice(True)

    def _reload(self) -> None:
        context = self.context
        self._set_busy(True)
        self.people_reads.run(lambda: identity_choices(context.database, clock=context.clock),
                              self._on_choices)

    def _on_choices(self, choices: IdentityChoices | None,
                    error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None or choices is None:
            self.error_label.setText(error_text(error) if error else "")
            return
        self.people_list.blockSignals(True)
        self.people_list.clear()
        chosen = 0
        for index, person in enumerate(choices.people):
            roles = person.roles or self.tr("sin rol")
            item = QListWidgetItem(f"{person.name} — {person.area_name} ({roles})")
            item.setData(Qt.ItemDataRole.UserRole, person.person_id)
            item.setData(Qt.ItemDataRole.UserRole + 1,
                         fold(f"{person.name} {person.area_name} {person.email}"))
            self.people_list.addItem(item)
            if person.person_id == self.preselect:
                chosen = index
        self.people_list.blockSignals(False)
        # An empty folder: nobody to sign in as yet (the first-start assistant).
        self.first_start_button.setVisible(choices.empty and self.locked_person is None)
        self.not_listed.setVisible(not choices.empty and self.locked_person is None
                                   and not self.people_list.isHidden())
        if self.people_list.count():
            self.people_list.setCurrentRow(chosen)
        self._person_changed()

    def _apply_filter(self, text: str) -> None:
        needle = fold(text)
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            item.setHidden(bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 1))

    def selected_person_id(self) -> uuid.UUID | None:
        item = self.people_list.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def select_person(self, person_id: uuid.UUID) -> None:
        for row in range(self.people_list.count()):
            if self.people_list.item(row).data(Qt.ItemDataRole.UserRole) == person_id:
                self.people_list.setCurrentRow(row)
                return

    # -- what this person is asked ---------------------------------------------------------------
    def _person_changed(self) -> None:
        person_id = self.selected_person_id()
        self.password_edit.clear()
        self.confirm_edit.clear()
        self.error_label.clear()
        if person_id is None:
            self.state_reads.cancel()
            self._set_mode(None)
            return
        service = self.service
        self.state_reads.run(lambda: service.state(person_id), self._on_state)

    def _on_state(self, state: SignInState | None, error: BaseException | None) -> None:
        if error is not None:
            self.error_label.setText(error_text(error))
            state = None
        self._set_mode(state)

    def _set_mode(self, state: SignInState | None) -> None:
        self.state = state
        mode = state.mode if state else None
        self.login_label.setVisible(mode == SHARED)
        self.login_edit.setVisible(mode == SHARED)
        self.confirm_label.setVisible(mode == NEW_LOCAL)
        self.confirm_edit.setVisible(mode == NEW_LOCAL)
        if state is not None and mode == SHARED:
            self.login_edit.setText(state.login)
        self.mode_label.setText({
            SHARED: self.tr("Entre con su usuario y contraseña de la base de datos compartida."),
            NEW_LOCAL: self.tr("Es su primera entrada en esta estación: elija una contraseña "
                               "(al menos 8 caracteres) y escríbala dos veces."),
        }.get(mode or "", self.tr("Escriba su contraseña de esta estación.") if mode else ""))
        self.enter_button.setEnabled(state is not None and not self._busy)
        if state is not None:
            self.password_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.enter_button.setEnabled(not busy and self.state is not None)

    # -- an empty folder: the first-start assistant ------------------------------------------
    def open_first_start(self) -> FirstStartDialog:
        """The assistant (modal, `open()`); signed in there means signed in here."""
        from redes_desktop.ui.first_start_dialog import FirstStartDialog

        dialog = FirstStartDialog(self.context, self.service.credential, self, pool=self.pool)
        dialog.finished.connect(lambda _result: self._on_first_start(dialog))
        dialog.open()
        return dialog

    def _on_first_start(self, dialog: FirstStartDialog) -> None:
        if not shiboken6.isValid(self):
            return
        if dialog.signed_in is not None:
            self.signed_in = dialog.signed_in
            super().accept()
        elif dialog.demo_opened:
            self._reload()

    # -- signing in ----------------------------------------------------------------------------
    def accept(self) -> None:
        state = self.state
        if self._busy or state is None:
            return
        password = self.password_edit.text()
        confirmation = self.confirm_edit.text() if state.mode == NEW_LOCAL else None
        login = self.login_edit.text() if state.mode == SHARED else None
        service = self.service
        self._set_busy(True)
        self.error_label.setText(self.tr("Comprobando…"))
        run_task(lambda: service.sign_in(state.person_id, password, confirmation=confirmation,
                                         login=login),
                 self._on_signed_in, self.pool)

    def _on_signed_in(self, identity, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if error is not None:
            self.error_label.setText(error_text(error))
            self.password_edit.clear()
            self.confirm_edit.clear()
            self.password_edit.setFocus()
            return
        self.signed_in = identity
        self.context.remember_identity(identity)
        super().accept()

    def reject(self) -> None:
        if self.locked_person is not None:  # a locked session opens only with a password
            return
        super().reject()
