"""Informes › Usuarios (8.iv): the users (followers) of each account for the chosen quarter,
entered from each network's statistics."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.user_counts import UserCountRow, record_user_count, user_counts
from redes_desktop.errors import UserFacingError
from redes_desktop.services.user_counts import MAX_USERS


class UsersTab(QWidget):
    def __init__(self, context, quarter, parent: QWidget | None = None) -> None:
        """`quarter()` gives the (year, quarter) chosen in the report tab."""
        super().__init__(parent)
        self.context = context
        self.quarter = quarter
        self.rows: tuple[UserCountRow, ...] = ()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Cuenta"), self.tr("Usuarios")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.users = QSpinBox()
        self.users.setRange(0, MAX_USERS)
        self.users.setAccessibleName(self.tr("Usuarios de la cuenta"))
        self.save_button = QPushButton(self.tr("&Guardar usuarios"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Usuarios al cierre del trimestre:")))
        row.addWidget(self.users)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Ninguna red entrega al programa el número de usuarios: regístrelo a partir de las "
            "estadísticas de cada red (criterio 8.iv).")))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        year, quarter = self.quarter()
        person = self.context.identity.person_id if self.context.identity else None
        try:
            self.rows = user_counts(self.context.database, year, quarter, person_id=person)
        except UserFacingError as error:
            self.rows = ()
            self.message.setText(error.message)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            self.table.setItem(i, 0, QTableWidgetItem(r.label))
            self.table.setItem(i, 1, QTableWidgetItem(
                self.tr("dato no disponible") if r.users is None else str(r.users)))

    def save(self) -> bool:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.message.setText(self.tr("Elija una cuenta de la lista."))
            return False
        year, quarter = self.quarter()
        person = self.context.identity.person_id if self.context.identity else None
        try:
            record_user_count(self.context.database, self.rows[index].account_id, year=year,
                              quarter=quarter, users=self.users.value(), person_id=person,
                              clock=self.context.clock, recorder=self.context.recorder)
        except UserFacingError as error:
            self.message.setText(error.message)
            return False
        self.message.setText(self.tr("Usuarios guardados."))
        self.refresh()
        return True
