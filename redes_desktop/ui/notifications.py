"""Tray notifications. Where there is no system tray (some desktops, offscreen tests) the
message goes to the main window's status bar instead, and is kept in `history`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QStyle, QSystemTrayIcon

from redes_desktop.services.notifications import Notification

_ICONS = {
    "info": QSystemTrayIcon.MessageIcon.Information,
    "aviso": QSystemTrayIcon.MessageIcon.Warning,
    "urgente": QSystemTrayIcon.MessageIcon.Critical,
}


class TrayNotifier(QObject):
    activated = Signal(object)  # the Notification the user clicked

    def __init__(self, window: QMainWindow, icon: QIcon | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.history: list[Notification] = []
        self._last: Notification | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray_icon = icon or window.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
            self.tray = QSystemTrayIcon(tray_icon, self)
            self.tray.setToolTip(self.tr("Redes INE"))
            self.tray.messageClicked.connect(self._clicked)
            self.tray.show()

    def notify(self, notification: Notification) -> None:
        self.history.append(notification)
        self._last = notification
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(notification.title, notification.message,
                                  _ICONS.get(notification.kind, _ICONS["info"]), 10_000)
        else:
            self.window.statusBar().showMessage(
                self.tr("%s: %s") % (notification.title, notification.message), 15_000)

    def _clicked(self) -> None:
        if self._last is not None:
            self.activated.emit(self._last)
