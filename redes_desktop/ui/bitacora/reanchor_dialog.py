"""«Restablecer anclas…»: the alarm bar's way out of an anchor alarm that is bad luck.

Explains what re-anchoring does, asks for the reason and calls the same action as
`redes-desktop bitacora reanclar` (actions/reanchor_bitacora.py) off the UI thread. A refusal is
shown in the dialog, which stays open; nothing is changed then.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.reanchor_bitacora import restore_bitacora_anchors
from redes_desktop.ui.tasks import run_task


class ReanchorDialog(QDialog):
    restored = Signal(str)  # the action's Spanish message

    def __init__(self, context, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.setObjectName("restablecer_anclas_dialogo")
        self.context = context
        self.pool = pool
        self.setWindowTitle(self.tr("Restablecer las anclas de la bitácora"))
        layout = QVBoxLayout(self)
        explanation = QLabel(self.tr(
            "La bitácora está bloqueada. Si la causa es que falta una de sus anclas —las copias "
            "de su última entrada que se guardan fuera del archivo, en el llavero del sistema y "
            "en la base de datos local— porque se perdieron por accidente (se restableció el "
            "llavero, se reinstaló el perfil de Windows, se restauró la base de datos local), "
            "puede volver a anclarla aquí.\n\n"
            "Antes se verifica toda la bitácora desde su primera entrada y, si hay base de "
            "datos compartida, se compara con la copia que ella guarda; si no hay conexión con "
            "ella, habrá que esperar a que regrese. Si una entrada no verifica, si un ancla "
            "apunta más allá del archivo o a otra entrada, o si la base compartida tiene "
            "entradas que el archivo no tiene, no se cambia nada y la bitácora sigue bloqueada: "
            "eso no es una pérdida sino una posible alteración.\n\n"
            "Si todo verifica, las anclas pasan a la última entrada y se registra en la "
            "bitácora quién lo hizo, el motivo y las anclas anteriores, para la auditoría. "
            "Solo puede hacerlo el titular de un área o un revisor de CNCS."))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        label = QLabel(self.tr("&Motivo (qué se perdió y por qué):"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("motivo")
        self.reason.setAccessibleName(self.tr("Motivo"))
        self.reason.setPlaceholderText(self.tr(
            "Por ejemplo: se reinstaló el perfil de Windows y se perdió el llavero del sistema."))
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.status = QLabel()
        self.status.setObjectName("estado")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b00020;")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = self.buttons.addButton(
            self.tr("Restablecer anclas"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.buttons.accepted.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 480)

    def _restore(self) -> None:
        reason = self.reason.toPlainText()
        context = self.context
        recorder, database, clock, secrets = (context.recorder, context.database,
                                              context.clock, context.secrets)
        who = context.identity.person_id if context.identity is not None else None
        url = context.workspace.settings.shared_database_url
        self.accept_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Verificando toda la bitácora…"))
        run_task(lambda: restore_bitacora_anchors(
            recorder, database, reason, person_id=who, clock=clock, secrets=secrets,
            shared_database_url=url), self._done, self.pool)

    def _done(self, result, error: BaseException | None) -> None:
        self.accept_button.setEnabled(True)
        if error is not None:
            from redes_desktop.errors import UserFacingError

            self.status.setStyleSheet("color: #b00020;")
            if isinstance(error, UserFacingError):
                self.status.setText(error.message)
            else:
                self.status.setText(self.tr(
                    "No se pudieron restablecer las anclas (%s). No se cambió nada; avise al "
                    "área de informática.") % type(error).__name__)
            return
        self.restored.emit(result.message)
        self.accept()
