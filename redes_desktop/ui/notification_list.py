"""The list of notifications (issue 15): newest first, unread in bold, México City times; a
double click (or Enter, or «Abrir») marks one read and opens what it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.clock import to_mexico
from redes_desktop.spanish_dates import spanish_datetime


class NotificationListDialog(QDialog):
    def __init__(self, center, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.center = center
        self.setWindowTitle(self.tr("Avisos"))
        self.resize(640, 460)
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Avisos recibidos"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.open_button = QPushButton(self.tr("Abrir"))
        self.read_button = QPushButton(self.tr("Marcar como leído"))
        self.all_read_button = QPushButton(self.tr("Marcar todos como leídos"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.open_button, self.read_button, self.all_read_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self._activated(self.list.currentItem()))
        self.read_button.clicked.connect(self._mark_current)
        self.all_read_button.clicked.connect(lambda: self.center.mark_read(None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        center.changed.connect(self.fill)
        self.fill()

    def fill(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        items = self.center.items
        for item in items:
            note = item.notification
            when = spanish_datetime(to_mexico(item.created_at))
            kind = self.kind_label(note.kind)
            state = "" if item.read else self.tr(" — sin leer")
            row = QListWidgetItem(self.tr("%s · %s%s\n%s\n%s") % (
                kind, when, state, note.title, note.message))
            row.setData(Qt.ItemDataRole.UserRole, item)
            if not item.read:
                font = QFont(row.font())
                font.setBold(True)
                row.setFont(font)
            self.list.addItem(row)
        if not items:
            self.summary.setText(self.tr("No hay avisos."))
        elif self.center.unread:
            self.summary.setText(self.tr("Sin leer: %d de %d.") % (
                self.center.unread, len(items)))
        else:
            self.summary.setText(self.tr("Todos leídos."))
        if items:
            self.list.setCurrentRow(min(max(current, 0), len(items) - 1))
        for button in (self.open_button, self.read_button):
            button.setEnabled(bool(items))
        self.all_read_button.setEnabled(bool(self.center.unread))

    def kind_label(self, kind: str) -> str:
        if kind == "urgente":
            return self.tr("Urgente")
        if kind == "aviso":
            return self.tr("Aviso")
        return self.tr("Información")

    def _activated(self, row: QListWidgetItem | None) -> None:
        if row is None:
            return
        self.center.open_item(row.data(Qt.ItemDataRole.UserRole))

    def _mark_current(self) -> None:
        row = self.list.currentItem()
        if row is not None:
            self.center.mark_read([row.data(Qt.ItemDataRole.UserRole).id])
