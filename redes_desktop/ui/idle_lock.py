"""The idle lock (issue 14): an event filter on the QApplication counts input (keys, mouse,
wheel, touch) as activity; a timer asks the `IdlePolicy` whether the idle time is up and then
emits `lock_due` once, until `reset()` after the next sign-in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from redes_desktop.signin.idle import IdlePolicy

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}
CHECK_INTERVAL_MS = 15_000


class IdleLock(QObject):
    lock_due = Signal()

    def __init__(self, policy: IdlePolicy, parent: QObject | None = None, *,
                 interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.policy = policy
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if policy.enabled:
            self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.locked and event.type() in _INPUT:
            self.policy.touch()
        return False

    def check(self) -> None:
        if not self.locked and self.policy.due():
            self.locked = True
            self.lock_due.emit()

    def reset(self) -> None:
        """Signed in again: count the idle time from now."""
        self.locked = False
        self.policy.touch()

    def set_minutes(self, minutes: int) -> None:
        """Preferencias changed the idle minutes: count from now with the new limit."""
        self.policy.minutes = max(int(minutes), 0)
        self.policy.touch()
        if self.policy.enabled:
            self.timer.start()
        else:
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
