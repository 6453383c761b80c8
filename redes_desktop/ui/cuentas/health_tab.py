"""«Salud»: inactive (6.xxi), possibly abandoned (7.viii) and unverified (6.xxix) accounts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from redes_desktop.actions.account_health import ABANDONO, AL_DIA, HealthRow, account_health
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.row_table_model import RowTableModel
from redes_desktop.ui.tasks import Reads


class HealthTableModel(RowTableModel[HealthRow]):
    COLUMNS = ("cuenta", "red", "area", "periodicidad", "ultima", "estado", "verificada",
               "observaciones")

    def headers(self) -> list[str]:
        return [self.tr("Cuenta"), self.tr("Red"), self.tr("Área"), self.tr("Periodicidad"),
                self.tr("Última publicación"), self.tr("Estado"), self.tr("Verificada"),
                self.tr("Observaciones")]

    def cell(self, row: HealthRow, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(row.reasons) or self.tr("Publica según su periodicidad.")
        if role == Qt.ItemDataRole.ForegroundRole and column == "estado":
            if row.state == ABANDONO:
                return QBrush(QColor("#b00020"))
            if row.state != AL_DIA:
                return QBrush(QColor("#8a5a00"))
        if role == Qt.ItemDataRole.UserRole:
            return str(row.account_id)
        return None

    @staticmethod
    def _text(row: HealthRow, column: str) -> str:
        if column == "cuenta":
            return row.handle
        if column == "red":
            return row.network.label
        if column == "area":
            return row.area_name
        if column == "periodicidad":
            return row.rhythm.capitalize()
        if column == "ultima":
            if row.last_published is None:
                return QCoreApplication.translate("HealthTableModel", "Nunca")
            return f"{to_mexico(row.last_published):%d/%m/%Y} ({row.days_silent} d)"
        if column == "estado":
            return row.state_label
        if column == "verificada":
            if row.verified:
                return QCoreApplication.translate("HealthTableModel", "Sí")
            return QCoreApplication.translate("HealthTableModel", "No")
        return " ".join(row.reasons)


class HealthTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.reads = Reads(self, pool)  # the table is read off the UI thread
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = HealthTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        from redes_desktop.ui.cuentas.verify_action import VerifyControls

        self.verify = VerifyControls(self)  # «Marcar verificada…» (6.xxix)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.verify)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        days = self.context.workspace.settings.abandoned_after_days
        database, clock = self.context.database, self.context.clock
        self.reads.run(lambda: account_health(database, clock=clock,
                                              abandoned_after_days=days),  # problems first
                       lambda rows, error: self._show(days, rows, error))

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def _show(self, days: int, rows, error: BaseException | None) -> None:
        if error is not None:
            self.summary.setText(error_text(error))
            return
        self.model.set_rows(list(rows))
        self.table.resizeColumnsToContents()
        inactive = sum(r.state != AL_DIA for r in rows)
        unverified = sum(not r.verified for r in rows)
        self.summary.setText(self.tr(
            "%n cuenta(s) activa(s): %2 sin publicar según su periodicidad o en posible abandono "
            "(%3), %4 sin verificar por la red.", "", len(rows))
            .replace("%2", str(inactive))
            .replace("%3", self.tr("más de %n día(s)", "", days))
            .replace("%4", str(unverified)))
