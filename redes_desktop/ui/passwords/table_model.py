"""Qt item models of the Contraseñas section: rotation state by urgency, and incidents."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from redes_desktop.actions.password_status import RotationRow
from redes_desktop.clock import to_mexico
from redes_desktop.models import IncidentState
from redes_desktop.passwords.rotation import RotationState
from redes_desktop.ui.row_table_model import RowTableModel

_STATE_COLORS = {
    RotationState.VENCIDA: QColor(255, 215, 215),
    RotationState.POR_VENCER: QColor(255, 240, 200),
}


def _date(value) -> str:
    return to_mexico(value).strftime("%d/%m/%Y") if value else ""


class RotationTableModel(RowTableModel[RotationRow]):
    COLUMNS = ("estado", "red", "cuenta", "area", "ultimo", "por", "vence", "observacion")

    def headers(self) -> list[str]:
        return [self.tr("Estado"), self.tr("Red"), self.tr("Cuenta"), self.tr("Área"),
                self.tr("Último cambio"),
                self.tr("Hecho por"), self.tr("Vence"), self.tr("Observación")]

    def _state(self, state: RotationState) -> str:
        return {RotationState.VENCIDA: self.tr("Vencida"),
                RotationState.POR_VENCER: self.tr("Por vencer"),
                RotationState.AL_DIA: self.tr("Al día")}[state]

    def cell(self, row: RotationRow, column: str, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "estado":
                state = self._state(row.state)
                return state + self.tr(" — comprometida") if row.compromised else state
            return {
                "red": row.network.label,
                "cuenta": row.handle,
                "area": row.area_name,
                "ultimo": _date(row.last_rotated_at) or self.tr("nunca"),
                "por": row.last_rotated_by,
                "vence": row.due.due_on.strftime("%d/%m/%Y") if row.due.due_on else self.tr("ya"),
                "observacion": row.due.reason,
            }[column]
        if role == Qt.ItemDataRole.BackgroundRole and row.state in _STATE_COLORS:
            return QBrush(_STATE_COLORS[row.state])
        if role == Qt.ItemDataRole.ForegroundRole and row.state in _STATE_COLORS:
            return QBrush(QColor(0, 0, 0))
        if role == Qt.ItemDataRole.UserRole:
            return str(row.account_id)
        return None


class IncidentsTableModel(RowTableModel):
    COLUMNS = ("estado", "cuenta", "observado", "reportado", "reporto", "que", "resolucion")

    def headers(self) -> list[str]:
        return [self.tr("Estado"), self.tr("Cuenta"), self.tr("Observado"), self.tr("Reportado"),
                self.tr("Reportó"), self.tr("Qué se observó"), self.tr("Resolución")]

    def cell(self, incident, column: str, role: int) -> Any:
        is_open = incident.state == IncidentState.ABIERTO
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                "estado": self.tr("Abierto") if is_open else self.tr("Cerrado"),
                "cuenta": incident.handle,
                "observado": to_mexico(incident.observed_at).strftime("%d/%m/%Y %H:%M"),
                "reportado": to_mexico(incident.reported_at).strftime("%d/%m/%Y %H:%M"),
                "reporto": incident.reported_by,
                "que": incident.description,
                "resolucion": incident.resolution,
            }[column]
        if role == Qt.ItemDataRole.BackgroundRole and is_open:
            return QBrush(_STATE_COLORS[RotationState.VENCIDA])
        if role == Qt.ItemDataRole.ForegroundRole and is_open:
            return QBrush(QColor(0, 0, 0))
        if role == Qt.ItemDataRole.UserRole:
            return str(incident.id)
        return None
