"""Notifications that cannot be missed (issue 15): each one is kept in the local database with
its history (`actions/notification_inbox.py`), the status bar has an «Avisos (N)» button with
the unread count that opens the list (`ui/notification_list.py`), and the system tray shows a
balloon where there is one. Where there is no tray (some desktops, offscreen tests) the
message also goes to the main window's status bar for a while; it stays in the list.

`activated(Notification)` is emitted when the person clicks a balloon or an item of the list;
the window then opens what it is about (`open_target`)."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QStyle,
    QSystemTrayIcon,
    QTabWidget,
    QToolButton,
    QWidget,
)

from redes_desktop.actions.notification_inbox import (
    NotificationItem,
    NotificationList,
    list_notifications,
    mark_read,
    record_notifications,
)
from redes_desktop.actions.notifications import Notification
from redes_desktop.ui.tasks import run_task

_ICONS = {
    "info": QSystemTrayIcon.MessageIcon.Information,
    "aviso": QSystemTrayIcon.MessageIcon.Warning,
    "urgente": QSystemTrayIcon.MessageIcon.Critical,
}


class TrayNotifier(QObject):
    """The notification centre of the window. Without a `context` (tests of the balloon alone)
    nothing is kept in the database."""

    activated = Signal(object)  # the Notification the user clicked
    changed = Signal()  # the list or the unread count changed

    def __init__(self, window: QMainWindow, icon: QIcon | None = None, *, context=None,
                 pool=None, button: QToolButton | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.pool = pool
        self.history: list[Notification] = []  # raised during this run (newest last)
        self.items: tuple[NotificationItem, ...] = ()  # the kept list, newest first
        self.unread = 0
        self.loaded = False
        self._last: Notification | None = None
        self._revision = 0
        self.list_dialog: QDialog | None = None  # the NotificationListDialog, once opened
        # The window's «Avisos» button in the status bar (one of its own in tests).
        self.button = button if button is not None else QToolButton()
        self.button.setObjectName("avisos")
        self.button.setAutoRaise(True)
        self.button.setAccessibleName(self.tr("Avisos"))
        self.button.setToolTip(self.tr("Lista de avisos: los no leídos quedan aquí hasta que "
                                       "los abra o los marque como leídos."))
        self.button.clicked.connect(self.open_list)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray_icon = icon or window.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
            self.tray = QSystemTrayIcon(tray_icon, self)
            self.tray.setToolTip(self.tr("Redes INE"))
            self.tray.messageClicked.connect(self._clicked)
            self.tray.activated.connect(lambda _reason: self.open_list())
            self.tray.show()
        self._show_count()

    # -- raising -------------------------------------------------------------------------------
    def notify(self, notification: Notification) -> None:
        self.notify_all([notification])

    def notify_all(self, notifications: list[Notification]) -> None:
        """Show `notifications` (the last one as a balloon) and keep them in the list."""
        if not notifications:
            return
        self.history.extend(notifications)
        self._last = notifications[-1]
        self._announce(notifications)
        context = self.context
        if context is None:
            return
        who = self._person_id()
        run_task(lambda: record_notifications(context.database, clock=context.clock,
                                              person_id=who, notifications=notifications),
                 lambda _kept, _error: self.refresh(), self.pool)

    def _announce(self, notifications: list[Notification]) -> None:
        last = notifications[-1]
        if self.tray is not None and self.tray.supportsMessages():
            message = last.message
            more = len(notifications) - 1
            if more == 1:
                message = self.tr("%s\n(y un aviso más en la lista)") % message
            elif more > 1:
                message = self.tr("%s\n(y %d avisos más en la lista)") % (message, more)
            self.tray.showMessage(last.title, message,
                                  _ICONS.get(last.kind, _ICONS["info"]), 10_000)
        else:
            self.window.statusBar().showMessage(
                self.tr("%s: %s") % (last.title, last.message), 15_000)

    def _clicked(self) -> None:
        if self._last is not None:
            self.activated.emit(self._last)

    # -- the kept list -------------------------------------------------------------------------
    def _person_id(self) -> uuid.UUID | None:
        identity = getattr(self.context, "identity", None)
        return identity.person_id if identity is not None else None

    def refresh(self) -> None:
        """Read the list again (off the UI thread): after a notification, a sign-in, a read."""
        context = self.context
        if context is None or not shiboken6.isValid(self):
            return
        self._revision += 1
        revision, who = self._revision, self._person_id()
        run_task(lambda: list_notifications(context.database, person_id=who),
                 lambda listed, error: self._on_listed(revision, listed, error), self.pool)

    def _on_listed(self, revision: int, listed: NotificationList | None,
                   error: BaseException | None) -> None:
        if not shiboken6.isValid(self) or revision != self._revision:
            return
        self.loaded = True
        if error is None and listed is not None:
            self.items, self.unread = listed.items, listed.unread
        self._show_count()
        self.changed.emit()

    def _show_count(self) -> None:
        if self.unread:
            self.button.setText(self.tr("Avisos (%d)") % self.unread)
            self.button.setStyleSheet("QToolButton#avisos { font-weight: bold; }")
        else:
            self.button.setText(self.tr("Avisos"))
            self.button.setStyleSheet("")
        if self.tray is not None:
            self.tray.setToolTip(self.tr("Redes INE — avisos sin leer: %d") % self.unread
                                 if self.unread else self.tr("Redes INE"))

    def open_list(self) -> QDialog:
        """The list of notifications (a window of its own, not modal)."""
        from redes_desktop.ui.notification_list import NotificationListDialog

        dialog = self.list_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = self.list_dialog = NotificationListDialog(self, self.window)
        self.refresh()
        dialog.show()
        dialog.raise_()
        return dialog

    def open_item(self, item: NotificationItem) -> None:
        """The person opened `item`: it is read, and the window goes to what it is about."""
        self.mark_read([item.id])
        self.activated.emit(item.notification)

    def mark_read(self, ids: list[uuid.UUID] | None) -> None:
        """Mark `ids` read (None: all of the person's)."""
        context = self.context
        if context is None:
            return
        who = self._person_id()
        run_task(lambda: mark_read(context.database, clock=context.clock, person_id=who,
                                   ids=ids),
                 lambda _count, _error: self.refresh(), self.pool)


# -- opening what a notification is about ------------------------------------------------------
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _record_openers(page: QWidget) -> list[Callable[[uuid.UUID], object]]:
    """The page's ways of showing one record: a consultation, an account."""
    names = ("select", "select_account", "select_due")
    return [method for name in names
            if callable(method := getattr(page, name, None))]


def show_tab(page: QWidget, key: str) -> bool:
    """Bring forward the tab of `page` whose title starts with `key` («salud» → «Salud»,
    «capacitacion» → «Capacitación (5.3)»)."""
    wanted = _fold(key)
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if _fold(tabs.tabText(index)).replace("&", "").startswith(wanted):
                tabs.setCurrentIndex(index)
                return True
    return False


def open_target(page: QWidget, record: str, *, attempts: int = 25,
                interval_ms: int = 200) -> None:
    """Show `record` in `page`: a UUID is a draft, a consultation or an account (the section's
    own `open_draft`, `select` or `select_account`), anything else a tab name. A section that
    loads its rows off the UI thread may not have them yet: try again a few times."""
    if not record:
        return
    try:
        record_id = uuid.UUID(record)
    except ValueError:
        show_tab(page, record)
        return
    draft = getattr(page, "open_draft", None)
    if callable(draft):  # the Redactor: it says itself why a draft cannot be opened
        draft(record_id)
        return
    openers = _record_openers(page)
    for opener in openers:
        if opener(record_id) is not False:
            return
    if attempts > 1:
        QTimer.singleShot(interval_ms, page, lambda: open_target(
            page, record, attempts=attempts - 1, interval_ms=interval_ms))
