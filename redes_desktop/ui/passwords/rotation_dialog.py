"""Change an account's password (6.xxxiii): generate one, copy it, change it on the network,
confirm, then it is stored in the keyring and the change recorded — never the password."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.passwords import Passwords
from redes_desktop.actions.rotate_password import rotate_password
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.passwords.clipboard import ClipboardGuard
from redes_desktop.ui.passwords.generator_dialog import GeneratorPanel
from redes_desktop.ui.tasks import run_task


class RotationDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        account_id: uuid.UUID,
        handle: str,
        user_inputs: list[str],
        guard: ClipboardGuard,
        parent: QWidget | None = None,
        pool=None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.account_id = account_id
        self.guard = guard
        self.pool = pool
        self.setWindowTitle(self.tr("Cambiar la contraseña de %1").replace("%1", handle))
        steps = QLabel(self.tr(
            "1. Genere una contraseña y cópiela.\n"
            "2. Cámbiela en la red social, en la configuración de la cuenta %1.\n"
            "3. Confirme abajo que quedó cambiada y guárdela: se guarda solo en el llavero del "
            "sistema y se registra quién la cambió y cuándo (criterio 6.xxxiii)."
        ).replace("%1", handle))
        steps.setWordWrap(True)
        self.panel = GeneratorPanel(user_inputs, self)
        self.copy_button = QPushButton(self.tr("&Copiar (se borra en 30 s)"))
        self.confirm = QCheckBox(self.tr("Ya cambié la contraseña en la red social"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Guardar y registrar"))
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(steps)
        layout.addWidget(self.panel)
        layout.addWidget(self.confirm)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.copy_button.clicked.connect(self.copy)
        self.confirm.toggled.connect(self._update)
        self.panel.changed.connect(self._update)
        self.panel.password.textEdited.connect(lambda _t: self.save_button.setEnabled(False))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.panel.words_arrived.connect(self._words_arrived)
        self.panel.generate()
        self._update()

    def load_words(self, read: Callable[[], list[str]], pool=None) -> None:
        """The account's words arrive off the UI thread; nothing is saved or copied before."""
        self.panel.load_words(read, pool)
        self._update()

    def _words_arrived(self, error: str) -> None:
        self.message.setText(error)
        self._update()

    def copy(self) -> None:
        if self.panel.ready and self.panel.password.text():
            self.guard.copy(self.panel.password.text())

    def _update(self) -> None:
        verdict = self.panel.verdict
        self.copy_button.setEnabled(self.panel.ready)
        self.save_button.setEnabled(
            self.panel.ready and self.confirm.isChecked() and verdict is not None
            and verdict.meets_criterion)

    def save(self) -> None:
        """Store and record off the UI thread (a keyring may prompt or be slow)."""
        password = self.panel.password.text()
        confirmed = self.confirm.isChecked()
        passwords, account_id = Passwords.of(self.context), self.account_id
        who = self.context.identity.person_id if self.context.identity else None
        self.save_button.setEnabled(False)
        run_task(lambda: rotate_password(passwords, account_id, password,
                                         confirmed_on_network=confirmed, person_id=who),
                 self._saved, self.pool)

    def _saved(self, _result, error: BaseException | None) -> None:
        if error is None:
            self.message.setText("")
            self.accept()
            return
        if isinstance(error, UserFacingError):
            self.message.setText(error.message)
        else:
            self.message.setText(self.tr("No se pudo guardar: %1").replace("%1", str(error)))
        self._update()
