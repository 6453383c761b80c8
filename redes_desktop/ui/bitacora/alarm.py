"""The bitácora's alarm in the main window: a red bar across the top while recording is blocked.

Shown when the bitácora was found altered — at opening (anchors, the stretch the session chains
onto), by the background full verification or by the comparison with the shared database
(`Bitacora.blocked`). It stays until the program is restarted with a reviewed bitácora, or
until «Restablecer anclas…» (reanchor_dialog.py) re-anchors a bitácora whose only trouble was a
lost anchor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QToolButton

OBJECT_NAME = "alarma_bitacora"
REANCHOR_BUTTON = "restablecer_anclas"


class BitacoraAlarmBar(QToolBar):
    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle(self.tr("Alarma de la bitácora"))
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setEnabled(False)  # cannot be hidden from the menu
        self.setStyleSheet("QToolBar { background: #b00020; border: none; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet("color: white; font-weight: bold; padding: 6px;")
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setAccessibleName(self.tr("Alarma de la bitácora"))
        self.addWidget(self.label)
        self.context = None  # the AppContext, for the re-anchoring (set by show_bitacora_alarm)
        self.pool = None  # tests: a SynchronousPool
        self.dialog = None
        self.reanchor_button = QToolButton()
        self.reanchor_button.setObjectName(REANCHOR_BUTTON)
        self.reanchor_button.setText(self.tr("Restablecer anclas…"))
        self.reanchor_button.setToolTip(self.tr(
            "Si solo se perdió una copia de la última entrada (el llavero del sistema, la base "
            "de datos local), vuelve a anclar la bitácora tras verificarla completa."))
        self.reanchor_button.setStyleSheet("color: white; font-weight: bold; padding: 6px;")
        self.reanchor_button.clicked.connect(self.open_reanchor_dialog)
        # In a tool bar, a widget is shown and hidden through its action.
        self.reanchor_action = self.addWidget(self.reanchor_button)

    def open_reanchor_dialog(self) -> None:
        from redes_desktop.ui.bitacora.reanchor_dialog import ReanchorDialog

        if self.context is None:
            return
        self.dialog = ReanchorDialog(self.context, self.parentWidget(), self.pool)
        self.dialog.restored.connect(self._restored)
        self.dialog.open()

    def _restored(self, message: str) -> None:
        self.hide()
        window = self.parentWidget()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 30_000)

    def set_alarm(self, alarm: str) -> None:
        self.label.setText(
            self.tr("Bitácora bloqueada: %s No se registran ni se realizan acciones hasta que "
                    "el área de informática la revise («Verificar integridad» en la sección "
                    "Bitácora dice qué entrada falla).") % alarm)


def show_bitacora_alarm(
    window: QMainWindow, alarm: str | None, context=None
) -> BitacoraAlarmBar | None:
    """Show (or update) the alarm bar when `alarm` is set; returns the bar, if any. With the
    AppContext, its «Restablecer anclas…» button can re-anchor."""
    bar = window.findChild(BitacoraAlarmBar, OBJECT_NAME)
    if not alarm:
        return bar
    if bar is None:
        bar = BitacoraAlarmBar(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    if context is not None:
        bar.context = context
    bar.reanchor_action.setVisible(bar.context is not None)
    bar.set_alarm(alarm)
    bar.show()
    return bar
