"""Copy a secret to the clipboard and clear it 30 seconds later — only if the clipboard still
holds that secret (the person may have copied something else meanwhile). The copy carries the
hint clipboard managers honour to keep passwords out of their history (as KeePassXC does)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None, clipboard: QClipboard | None = None) -> None:
        super().__init__(parent)
        self.clipboard = clipboard or QGuiApplication.clipboard()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CLEAR_AFTER_MS)
        self.timer.timeout.connect(self.clear_if_unchanged)
        self._secret: str | None = None

    def copy(self, secret: str) -> None:
        data = QMimeData()
        data.setText(secret)
        data.setData("x-kde-passwordManagerHint", b"secret")
        self.clipboard.setMimeData(data)
        self._secret = secret
        self.timer.start()

    def clear_if_unchanged(self) -> None:
        if self._secret is not None and self.clipboard.text() == self._secret:
            self.clipboard.clear()
        self._secret = None

    @property
    def pending(self) -> bool:
        return self._secret is not None
