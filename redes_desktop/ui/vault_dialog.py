"""The passphrase of the local vault: created at first start (typed twice, strength shown) or
asked once per session. Wrong passphrases make the next attempt wait longer; «Olvidé la frase»
explains what is lost and what is not. The key derivation runs off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.errors import UserFacingError
from redes_desktop.ui.tasks import run_task
from redes_desktop.vault.file import VaultError, WrongPassphrase
from redes_desktop.vault.passphrase import LOST_PASSPHRASE, assess
from redes_desktop.vault.store import VaultSecretStore

WAIT_TICK_MS = 250


class VaultDialog(QDialog):
    """Accepted once the store is open. Rejected when the person cancels, or when the vault
    itself cannot be used (`self.error` then holds the VaultError for the start-up to show)."""

    def __init__(self, store: VaultSecretStore, parent: QWidget | None = None,
                 pool=None) -> None:
        super().__init__(parent)
        self.store = store
        self.pool = pool
        self.creating = not store.exists
        self.error: UserFacingError | None = None
        self._busy = False
        self.setWindowTitle(self.tr("Bóveda de secretos"))
        self.setMinimumWidth(520)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.phrase_edit = QLineEdit()
        self.phrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.phrase_edit.setAccessibleName(self.tr("Frase de acceso"))
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName(self.tr("Repita la frase de acceso"))
        self.strength_label = QLabel()
        self.strength_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #a00;")
        self.show_check = QPushButton(self.tr("Mostrar"))
        self.show_check.setCheckable(True)
        self.show_check.toggled.connect(self._toggle_echo)

        form = QFormLayout()
        form.addRow(self.tr("&Frase de acceso:"), self.phrase_edit)
        if self.creating:
            form.addRow(self.tr("&Repítala:"), self.confirm_edit)
        else:
            self.confirm_edit.hide()
        form.addRow("", self.show_check)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            self.tr("Crear la bóveda") if self.creating else self.tr("Abrir"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.forgot_button = QPushButton(self.tr("Olvidé la frase"))
        self.forgot_button.clicked.connect(self.explain_lost_passphrase)
        if not self.creating:
            self.buttons.addButton(self.forgot_button, QDialogButtonBox.ButtonRole.HelpRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        if self.creating:
            layout.addWidget(self.strength_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        if self.creating:
            self.intro.setText(self.tr(
                "Este equipo no tiene un llavero del sistema disponible. Las claves de la "
                "bitácora y las contraseñas (cuentas, correo, base compartida) se guardarán "
                "cifradas en una bóveda local:\n%s\n\nElija una frase de acceso: se pedirá una "
                "vez por sesión. Nadie puede recuperarla si la olvida; anótela en un lugar "
                "seguro.") % store.path)
        else:
            self.intro.setText(self.tr(
                "Los secretos de esta estación están en la bóveda cifrada local:\n%s\n\n"
                "Escriba su frase de acceso.") % store.path)
        self.phrase_edit.textChanged.connect(self._update)
        self.confirm_edit.textChanged.connect(self._update)
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(WAIT_TICK_MS)
        self._wait_timer.timeout.connect(self._update)
        self._update()

    # -- state -----------------------------------------------------------------------------------
    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.phrase_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)
        self.show_check.setText(self.tr("Ocultar") if shown else self.tr("Mostrar"))

    def _update(self) -> None:
        phrase = self.phrase_edit.text()
        ready = bool(phrase) and not self._busy
        if self.creating:
            result = assess(phrase)
            if phrase:
                self.strength_label.setText(
                    self.tr("Fortaleza: %s (%d de 4); descifrarla llevaría %s.")
                    % (result.label, result.score, result.crack_time)
                    + ("\n" + " ".join(result.problems) if result.problems else ""))
            else:
                self.strength_label.setText(self.tr("Al menos 12 caracteres; mejor varias "
                                                    "palabras poco comunes."))
            matches = self.confirm_edit.text() == phrase
            ready = ready and result.acceptable and matches
            if phrase and self.confirm_edit.text() and not matches:
                self.message_label.setText(self.tr("Las dos frases no coinciden."))
            elif not self._busy:
                self.message_label.setText("")
        else:
            remaining = self.store.throttle.remaining()
            if remaining > 0:
                ready = False
                self.ok_button.setText(self.tr("Espere %d s") % max(1, round(remaining + 0.49)))
                if not self._wait_timer.isActive():
                    self._wait_timer.start()
            else:
                self._wait_timer.stop()
                self.ok_button.setText(self.tr("Abrir"))
        self.ok_button.setEnabled(ready)

    # -- actions ---------------------------------------------------------------------------------
    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        phrase = self.phrase_edit.text()
        action = self.store.create if self.creating else self.store.unlock
        self._busy = True
        self.phrase_edit.setEnabled(False)
        self.confirm_edit.setEnabled(False)
        self.message_label.setText(self.tr("Abriendo la bóveda…") if not self.creating
                                   else self.tr("Creando la bóveda…"))
        self._update()
        run_task(lambda: action(phrase), self._done, self.pool)

    def _done(self, _result, error: BaseException | None) -> None:
        self._busy = False
        self.phrase_edit.setEnabled(True)
        self.confirm_edit.setEnabled(True)
        if error is None:
            self.message_label.setText("")
            self.accept()
            return
        if isinstance(error, WrongPassphrase):
            self.message_label.setText(error.message)
            self.phrase_edit.selectAll()
            self.phrase_edit.setFocus()
            self._update()
            return
        if isinstance(error, VaultError):
            self.error = error
            self.reject()
            return
        message = error.message if isinstance(error, UserFacingError) else self.tr(
            "No se pudo abrir la bóveda: %s. No se modificó nada.") % error
        self.message_label.setText(message)
        self._update()

    def explain_lost_passphrase(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Si olvidó la frase de acceso"),
                          LOST_PASSPHRASE, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("frase-olvidada")
        box.exec()
