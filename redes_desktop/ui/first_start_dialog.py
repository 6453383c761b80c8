"""The first start of an installation (issue 14): start a new institution, join an existing
one through the shared database, or — clearly apart — open the demo. The first two end
signed in (`signed_in`); the demo only fills the folder (`demo_opened`), then one signs in."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.choose_identity import open_demo
from redes_desktop.actions.first_start import NewInstitution, join_institution, start_institution
from redes_desktop.context import AppContext
from redes_desktop.models import Level
from redes_desktop.signin.credentials import LocalCredential
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.tasks import run_task


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FirstStartDialog(QDialog):
    def __init__(self, context: AppContext, credential: LocalCredential,
                 parent: QWidget | None = None, *, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.credential = credential
        self.pool = pool
        self.signed_in = None
        self.demo_opened = False
        self._busy = False
        self.setWindowTitle(self.tr("Primer inicio de esta instalación"))
        self.resize(560, 600)

        new_box = QGroupBox(self.tr("Iniciar una institución nueva"))
        new_form = QFormLayout(new_box)
        new_form.addRow(QLabel(self.tr(
            "Registra a la primera persona revisora de la CNCS; ella da de alta las áreas y a "
            "las demás personas.")))
        self.name_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("nombre.apellido@ine.mx")
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(level.label, level)
        self.new_password = _password_edit()
        self.new_confirm = _password_edit()
        self.create_button = QPushButton(self.tr("&Crear la institución"))
        self.create_button.clicked.connect(self._create)
        new_form.addRow(self.tr("Nombre:"), self.name_edit)
        new_form.addRow(self.tr("Correo institucional:"), self.email_edit)
        new_form.addRow(self.tr("Nivel:"), self.level_combo)
        new_form.addRow(self.tr("Contraseña:"), self.new_password)
        new_form.addRow(self.tr("Confirme la contraseña:"), self.new_confirm)
        new_form.addRow(self.create_button)

        join_box = QGroupBox(self.tr("Unirse a una institución existente"))
        join_form = QFormLayout(join_box)
        self.url_edit = QLineEdit(context.workspace.settings.shared_database_url)
        self.url_edit.setPlaceholderText("postgresql+psycopg://servidor:5432/base")
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(self.tr("su usuario (normalmente su correo)"))
        self.join_password = _password_edit()
        self.join_button = QPushButton(self.tr("&Unirse"))
        self.join_button.clicked.connect(self._join)
        join_form.addRow(self.tr("Dirección de la base compartida:"), self.url_edit)
        join_form.addRow(self.tr("Usuario:"), self.login_edit)
        join_form.addRow(self.tr("Contraseña:"), self.join_password)
        join_form.addRow(self.join_button)

        self.demo_button = QPushButton(self.tr("Solo explorar: abrir la &demostración"))
        self.demo_button.setToolTip(self.tr(
            "Llena esta carpeta con una institución de ejemplo. No es una institución real: "
            "use otra carpeta de datos para trabajar."))
        self.demo_button.clicked.connect(self._demo)
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        cancel = QPushButton(self.tr("Cancelar"))
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(new_box)
        layout.addWidget(join_box)
        layout.addWidget(self.error_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.demo_button)
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        layout.addLayout(bottom)

    def _run(self, work, on_done) -> None:
        if self._busy:
            return
        self._busy = True
        for button in (self.create_button, self.join_button, self.demo_button):
            button.setEnabled(False)
        self.error_label.setText(self.tr("Un momento…"))
        run_task(work, lambda result, error: self._done(result, error, on_done), self.pool)

    def _done(self, result, error, on_done) -> None:
        if not shiboken6.isValid(self):
            return
        self._busy = False
        for button in (self.create_button, self.join_button, self.demo_button):
            button.setEnabled(True)
        if error is not None:
            self.error_label.setText(error_text(error))
            return
        self.error_label.clear()
        on_done(result)

    def _create(self) -> None:
        form = NewInstitution(self.name_edit.text(), self.email_edit.text(),
                              Level(self.level_combo.currentData()), self.new_password.text(),
                              self.new_confirm.text())
        context, credential = self.context, self.credential
        self._run(lambda: start_institution(context, form, credential), self._signed_in)

    def _join(self) -> None:
        url, login, password = (self.url_edit.text(), self.login_edit.text(),
                                self.join_password.text())
        context, credential = self.context, self.credential
        self._run(lambda: join_institution(context, url, login, password, credential),
                  self._signed_in)

    def _signed_in(self, identity) -> None:
        self.signed_in = identity
        self.context.remember_identity(identity)
        self.accept()

    def _demo(self) -> None:
        context = self.context
        bitacora = getattr(context.recorder, "bitacora", None)  # the demo's past weeks
        data_dir = context.workspace.paths.root  # where the demo's oficios are stored
        self._run(lambda: open_demo(context.database, clock=context.clock, data_dir=data_dir,
                                    bitacora=bitacora),
                  self._demo_done)

    def _demo_done(self, _people) -> None:
        self.demo_opened = True
        self.accept()
