"""Qt item models for the Cuentas section."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from redes_desktop.actions.list_accounts import AccountRow
from redes_desktop.ui.row_table_model import RowTableModel


class AccountsTableModel(RowTableModel[AccountRow]):
    COLUMNS = ("red", "cuenta", "usuario", "area", "estado", "oficial", "titular", "suplente")

    def headers(self) -> list[str]:
        return [self.tr("Red"), self.tr("Cuenta"), self.tr("Usuario"), self.tr("Área"),
                self.tr("Estado"),
                self.tr("Oficial"), self.tr("Titular"), self.tr("Suplente")]

    def cell(self, row: AccountRow, column: str, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                "red": row.network.label,
                "cuenta": row.name,
                "usuario": row.handle,
                "area": row.area_name,
                "estado": row.status.label,
                "oficial": self.tr("Sí") if row.official else self.tr("No"),
                "titular": row.titular or self.tr("(sin designar)"),
                "suplente": row.suplente or self.tr("(sin designar)"),
            }[column]
        if role == Qt.ItemDataRole.UserRole:
            return str(row.id)
        return None
