"""A queue tab says how many items wait in its title: «Solicitudes (2)» (issue 15)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTabWidget, QWidget


class _Retitle(QObject):
    """Titles the tab again once it is put in a QTabWidget (the first count may arrive
    before: a synchronous read in the tab's constructor)."""

    def __init__(self, tab: QWidget, name: str) -> None:
        super().__init__(tab)
        self.name = name
        self.count = 0
        tab.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ParentChange and isinstance(obj, QWidget):
            # addTab reparents the page before its tab exists: title it a turn later.
            QTimer.singleShot(0, obj, lambda: _apply(obj, self.name, self.count))
        return False


def show_count(tab: QWidget, name: str, count: int) -> None:
    """Title the tab holding `tab` «name (count)», or «name» when nothing waits."""
    watcher = tab.findChild(_Retitle)
    if watcher is None:
        watcher = _Retitle(tab, name)
    watcher.count = count
    _apply(tab, name, count)


def _apply(tab: QWidget, name: str, count: int) -> None:
    parent = tab.parentWidget()
    while parent is not None and not isinstance(parent, QTabWidget):
        parent = parent.parentWidget()
    if parent is None:
        return
    index = parent.indexOf(tab)
    if 0 <= index < parent.count():
        parent.setTabText(index, f"{name} ({count})" if count else name)
