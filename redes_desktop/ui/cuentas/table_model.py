"""Qt item models for the Cuentas section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from redes_desktop.services.directory import AccountRow


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountsTableModel", text)


class AccountsTableModel(QAbstractTableModel):
    COLUMNS = ("red", "cuenta", "usuario", "area", "estado", "oficial", "titular", "suplente")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AccountRow] = []
        self._headers = [
            _tr("Red"),
            _tr("Cuenta"),
            _tr("Usuario"),
            _tr("Área"),
            _tr("Estado"),
            _tr("Oficial"),
            _tr("Titular"),
            _tr("Suplente"),
        ]

    def set_rows(self, rows: Sequence[AccountRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AccountRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
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
