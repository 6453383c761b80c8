"""The bitácora's alarm in the main window: a red bar across the top while recording is blocked.

Shown when the bitácora was found altered — at opening (anchors, the stretch the session chains
onto), by the background full verification or by the comparison with the shared database
(`Bitacora.blocked`). It stays until the program is restarted with a reviewed bitácora.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar

OBJECT_NAME = "alarma_bitacora"


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

    def set_alarm(self, alarm: str) -> None:
        self.label.setText(
            self.tr("Bitácora bloqueada: %s No se registran ni se realizan acciones hasta que "
                    "el área de informática la revise (ejecute «redes-desktop bitacora "
                    "verify»).") % alarm)


def show_bitacora_alarm(window: QMainWindow, alarm: str | None) -> BitacoraAlarmBar | None:
    """Show (or update) the alarm bar when `alarm` is set; returns the bar, if any."""
    bar = window.findChild(BitacoraAlarmBar, OBJECT_NAME)
    if not alarm:
        return bar
    if bar is None:
        bar = BitacoraAlarmBar(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.set_alarm(alarm)
    bar.show()
    return bar
