"""Qt item models of the Informes section: the quarterly report per account (8.iv) and the
accounts due for evaluation (8.i)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from redes_desktop.models import ConsultationState
from redes_desktop.services.reports import USERS_NOT_AVAILABLE, AccountReport, EvaluationDue
from redes_desktop.ui.row_table_model import RowTableModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("InformesModels", text)


class _RowsModel(RowTableModel):
    """Read-only rows of dataclasses; subclasses define COLUMNS, headers(), text and tooltips."""

    NUMERIC: frozenset[str] = frozenset()

    def cell(self, row, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return str(row.account_id)
        return None

    def text(self, row, column: str) -> Any:
        raise NotImplementedError

    def tooltip(self, row, column: str) -> str | None:
        return None


class ReportTableModel(_RowsModel):
    COLUMNS = ("cuenta", "red", "area", "objetivos", "mensajes", "respuestas", "semana",
               "periodicidad", "consultas", "contrasenas", "incidentes", "usuarios")
    NUMERIC = frozenset({"mensajes", "respuestas", "semana", "consultas", "incidentes"})

    def headers(self) -> list[str]:
        return [_tr("Cuenta"), _tr("Red"), _tr("Área"), _tr("Objetivos"),
                _tr("Mensajes"), _tr("Respuestas"), _tr("Por semana"),
                _tr("Periodicidad"), _tr("Consultas CNCS"),
                _tr("Cambios de contraseña"), _tr("Incidentes"), _tr("Usuarios")]

    def text(self, row: AccountReport, column: str) -> Any:
        if column == "cuenta":
            return row.handle
        if column == "red":
            return row.network
        if column == "area":
            return row.area
        if column == "objetivos":
            return " ".join(p.id for p in row.purposes) or _tr("(sin registrar)")
        if column == "mensajes":
            return row.posts
        if column == "respuestas":
            return row.replies
        if column == "semana":
            return row.posts_per_week
        if column == "periodicidad":
            verdict = _tr("cumple") if row.meets_rhythm else _tr("por debajo")
            return f"{_tr(row.rhythm.capitalize())}: {verdict}"
        if column == "consultas":
            return sum(row.consultations.values())
        if column == "contrasenas":
            return _tr("%1 a tiempo de %2").replace("%1", str(row.rotations_on_time)).replace(
                "%2", str(row.rotations))
        if column == "incidentes":
            return row.incidents
        return _tr("No disponible")

    def tooltip(self, row: AccountReport, column: str) -> str | None:
        if column == "objetivos":
            return "\n".join(f"{p.id}: {p.text}" for p in row.purposes) or None
        if column == "periodicidad":
            return _tr("Se esperan %1 publicaciones por semana (periodicidad %2, criterio "
                       "6.xxi); publicó %3.").replace("%1", f"{row.expected_per_week:g}") \
                .replace("%2", row.rhythm).replace("%3", f"{row.posts_per_week:g}")
        if column == "consultas":
            parts = [f"{ConsultationState(s).label}: {n}" for s, n in row.consultations.items()]
            return "\n".join(parts) or _tr("Sin consultas a CNCS en el trimestre.")
        if column == "usuarios":
            return _tr(USERS_NOT_AVAILABLE)
        return None


class DueTableModel(_RowsModel):
    COLUMNS = ("cuenta", "red", "area", "ultima", "calificacion", "motivo")
    NUMERIC = frozenset({"calificacion"})

    def headers(self) -> list[str]:
        return [_tr("Cuenta"), _tr("Red"), _tr("Área"), _tr("Última evaluación"),
                _tr("Calificación"), _tr("Motivo")]

    def text(self, row: EvaluationDue, column: str) -> Any:
        if column == "cuenta":
            return row.handle
        if column == "red":
            return row.network
        if column == "area":
            return row.area
        if column == "ultima":
            if row.last_period_end is None:
                return _tr("Nunca")
            return _tr("hasta el %1").replace("%1", f"{row.last_period_end:%d/%m/%Y}")
        if column == "calificacion":
            return row.last_score
        return _tr(row.reason)

    def tooltip(self, row: EvaluationDue, column: str) -> str | None:
        return _tr(row.reason)
