"""«Marcar verificada…» in Cuentas › Salud (6.xxix): the date the network verified the chosen
account; marking it clears the reminder."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.mark_verified import mark_verified
from redes_desktop.clock import to_mexico
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.cuentas.operations import person_id
from redes_desktop.ui.qt_dates import to_date


class VerifiedDateDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cuenta verificada por la red"))
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setAccessibleName(self.tr("Fecha de verificación"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("¿En qué fecha verificó la red esta cuenta "
                                        "(criterio 6.xxix)?")))
        layout.addWidget(self.date_edit)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        return to_date(self.date_edit.date())


class VerifyControls(QWidget):
    """The button and its message, placed above the Salud table of `tab` (a HealthTab)."""

    def __init__(self, tab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.button = QPushButton(self.tr("Marcar &verificada…"))
        self.button.clicked.connect(self.ask)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.message, 1)

    def selected_account(self) -> str | None:
        index = self.tab.table.currentIndex()
        if not index.isValid():
            return None
        return self.tab.proxy.data(index.siblingAtColumn(0), Qt.ItemDataRole.UserRole)

    def ask(self) -> None:
        today = to_mexico(self.tab.context.clock()).date()
        dialog = VerifiedDateDialog(today, self)
        if dialog.exec():
            self.mark(dialog.chosen())

    def mark(self, verified_on: date) -> bool:
        account_id = self.selected_account()
        if account_id is None:
            self.message.setText(self.tr("Elija una cuenta de la lista."))
            return False
        context = self.tab.context
        try:
            mark_verified(context.database, account_id, verified_on,
                          person_id=person_id(context), clock=context.clock,
                          recorder=context.recorder)
        except UserFacingError as error:
            self.message.setText(error.message)
            return False
        self.message.setText(self.tr("Cuenta marcada como verificada el %1.")
                             .replace("%1", f"{verified_on:%d/%m/%Y}"))
        self.tab.refresh()
        return True
