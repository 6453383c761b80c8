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

from redes_desktop.actions.user_counts import (
    MAX_USERS,
    UserCountRow,
    record_user_count,
    user_counts,
)
from redes_desktop.errors import UserFacingError


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
        self.networks_button = QPushButton(self.tr("Leer de las redes conectadas"))
        self.networks_button.setToolTip(self.tr(
            "Los seguidores de las cuentas conectadas con su red en esta estación."))
        self.networks_button.clicked.connect(self.read_from_networks)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Usuarios al cierre del trimestre:")))
        row.addWidget(self.users)
        row.addWidget(self.save_button)
        row.addWidget(self.networks_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Regístrelo a partir de las estadísticas de cada red, o léalo de las cuentas "
            "conectadas con su red (criterio 8.iv).")))
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

    def read_from_networks(self) -> None:
        """8.iv from the networks' follower counts, off the UI thread."""
        from redes_desktop.actions.inbox_report import record_followers
        from redes_desktop.actions.inbox_wiring import InboxWiring
        from redes_desktop.ui.tasks import run_task

        year, quarter = self.quarter()
        context = self.context
        person = context.identity.person_id if context.identity else None
        connector_for = InboxWiring.of(context).connector_for

        def work():
            return record_followers(context.database, clock=context.clock,
                                    recorder=context.recorder, connector_for=connector_for,
                                    person_id=person, year=year, quarter=quarter)

        def done(result, error) -> None:
            import shiboken6

            if not shiboken6.isValid(self):
                return
            if error is not None:
                self.message.setText(error.message if isinstance(error, UserFacingError)
                                     else str(error))
                return
            failed = "; ".join(result.failed.values())
            self.message.setText(self.tr("Seguidores leídos de %d cuenta(s) conectada(s).")
                                 % len(result.recorded) + (f" {failed}" if failed else ""))
            self.refresh()

        run_task(work, done, getattr(self, "pool", None))
