"""Qt item models for the Cuentas section."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from redes_desktop.services.directory import AccountRow
from redes_desktop.ui.row_table_model import RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountsTableModel", text)


class AccountsTableModel(RowTableModel[AccountRow]):
    COLUMNS = ("red", "cuenta", "usuario", "area", "estado", "oficial", "titular", "suplente")

    def headers(self) -> list[str]:
        return [_tr("Red"), _tr("Cuenta"), _tr("Usuario"), _tr("Área"), _tr("Estado"),
                _tr("Oficial"), _tr("Titular"), _tr("Suplente")]

    def cell(self, row: AccountRow, column: str, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                "red": row.network.label,
                "cuenta": row.name,
                "usuario": row.handle,
                "area": row.area_name,
                "estado": row.status.label,
                "oficial": _tr("Sí") if row.official else _tr("No"),
                "titular": row.titular or _tr("(sin designar)"),
                "suplente": row.suplente or _tr("(sin designar)"),
            }[column]
        if role == Qt.ItemDataRole.UserRole:
            return str(row.id)
        return None
