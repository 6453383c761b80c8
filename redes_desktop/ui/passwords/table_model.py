"""Qt item models of the Contraseñas section: rotation state by urgency, and incidents."""

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
from PySide6.QtGui import QBrush, QColor

from redes_desktop.clock import to_mexico
from redes_desktop.models import IncidentState
from redes_desktop.passwords.rotation import RotationState
from redes_desktop.services.password_service import RotationRow

_STATE_COLORS = {
    RotationState.VENCIDA: QColor(255, 215, 215),
    RotationState.POR_VENCER: QColor(255, 240, 200),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PasswordsTableModel", text)


def _date(value) -> str:
    return to_mexico(value).strftime("%d/%m/%Y") if value else ""


class _TableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._headers = [_tr(h) for h in self.HEADERS]

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

    def _valid(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) \
            and 0 <= index.column() < len(self._headers)


class RotationTableModel(_TableModel):
    HEADERS = ("Estado", "Red", "Cuenta", "Área", "Último cambio", "Hecho por", "Vence",
               "Observación")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not self._valid(index):
            return None
        row: RotationRow = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            state = _tr(row.state.value.capitalize())
            if row.compromised and column == 0:
                state += _tr(" — comprometida")
            return (
                state, row.network.label, row.handle, row.area_name,
                _date(row.last_rotated_at) or _tr("nunca"), row.last_rotated_by,
                row.due.due_on.strftime("%d/%m/%Y") if row.due.due_on else _tr("ya"),
                row.due.reason,
            )[column]
        if role == Qt.ItemDataRole.BackgroundRole and row.state in _STATE_COLORS:
            return QBrush(_STATE_COLORS[row.state])
        if role == Qt.ItemDataRole.ForegroundRole and row.state in _STATE_COLORS:
            return QBrush(QColor(0, 0, 0))
        if role == Qt.ItemDataRole.UserRole:
            return str(row.account_id)
        return None


class IncidentsTableModel(_TableModel):
    HEADERS = ("Estado", "Cuenta", "Observado", "Reportado", "Reportó", "Qué se observó",
               "Resolución")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not self._valid(index):
            return None
        incident = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                _tr("Abierto") if incident.state == IncidentState.ABIERTO else _tr("Cerrado"),
                incident.account.handle,
                to_mexico(incident.observed_at).strftime("%d/%m/%Y %H:%M"),
                to_mexico(incident.reported_at).strftime("%d/%m/%Y %H:%M"),
                incident.reported_by.name if incident.reported_by else "",
                incident.description,
                incident.resolution,
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and incident.state == IncidentState.ABIERTO:
            return QBrush(_STATE_COLORS[RotationState.VENCIDA])
        if role == Qt.ItemDataRole.ForegroundRole and incident.state == IncidentState.ABIERTO:
            return QBrush(QColor(0, 0, 0))
        if role == Qt.ItemDataRole.UserRole:
            return str(incident.id)
        return None
