"""Qt item models of the Informes section: the quarterly report per account (8.iv) and the
accounts due for evaluation (8.i)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from redes_desktop.actions.quarterly_report import (
    USERS_NOT_AVAILABLE,
    AccountReport,
    EvaluationDue,
)
from redes_desktop.models import ConsultationState
from redes_desktop.ui.row_table_model import RowTableModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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
        return [self.tr("Cuenta"), self.tr("Red"), self.tr("Área"), self.tr("Objetivos"),
                self.tr("Mensajes"), self.tr("Respuestas"), self.tr("Por semana"),
                self.tr("Periodicidad"), self.tr("Consultas CNCS"),
                self.tr("Cambios de contraseña"), self.tr("Incidentes"), self.tr("Usuarios")]

    def _rhythm(self, rhythm: str) -> str:
        labels = {"diaria": self.tr("Diaria"), "semanal": self.tr("Semanal")}
        return labels.get(rhythm, rhythm)

    def text(self, row: AccountReport, column: str) -> Any:
        if column == "cuenta":
            return row.handle
        if column == "red":
            return row.network
        if column == "area":
            return row.area
        if column == "objetivos":
            return " ".join(p.id for p in row.purposes) or self.tr("(sin registrar)")
        if column == "mensajes":
            return row.posts
        if column == "respuestas":
            return row.replies
        if column == "semana":
            return row.posts_per_week
        if column == "periodicidad":
            verdict = self.tr("cumple") if row.meets_rhythm else self.tr("por debajo")
            return f"{self._rhythm(row.rhythm)}: {verdict}"
        if column == "consultas":
            return sum(row.consultations.values())
        if column == "contrasenas":
            return self.tr("%1 a tiempo de %2").replace("%1", str(row.rotations_on_time)).replace(
                "%2", str(row.rotations))
        if column == "incidentes":
            return row.incidents
        return self.tr("No disponible")

    def tooltip(self, row: AccountReport, column: str) -> str | None:
        if column == "objetivos":
            return "\n".join(f"{p.id}: {p.text}" for p in row.purposes) or None
        if column == "periodicidad":
            # The expected rhythm is a whole number a week (7 or 1); what was published is an
            # average, said as a number.
            expected = round(row.expected_per_week)
            return (self.tr("Se espera(n) %n publicación(es) por semana (periodicidad %2, "
                            "criterio 6.xxi); publicó %3.", "", expected)
                    .replace("%2", self._rhythm(row.rhythm).lower())
                    .replace("%3", f"{row.posts_per_week:g}"))
        if column == "consultas":
            parts = [f"{ConsultationState(s).label}: {n}" for s, n in row.consultations.items()]
            return "\n".join(parts) or self.tr("Sin consultas a CNCS en el trimestre.")
        if column == "usuarios":
            return USERS_NOT_AVAILABLE  # the report's own note (services/reports.py)
        return None


class DueTableModel(_RowsModel):
    COLUMNS = ("cuenta", "red", "area", "ultima", "calificacion", "motivo")
    NUMERIC = frozenset({"calificacion"})

    def headers(self) -> list[str]:
        return [self.tr("Cuenta"), self.tr("Red"), self.tr("Área"), self.tr("Última evaluación"),
                self.tr("Calificación"), self.tr("Motivo")]

    def text(self, row: EvaluationDue, column: str) -> Any:
        if column == "cuenta":
            return row.handle
        if column == "red":
            return row.network
        if column == "area":
            return row.area
        if column == "ultima":
            if row.last_period_end is None:
                return self.tr("Nunca")
            return self.tr("hasta el %1").replace("%1", f"{row.last_period_end:%d/%m/%Y}")
        if column == "calificacion":
            return row.last_score
        return row.reason

    def tooltip(self, row: EvaluationDue, column: str) -> str | None:
        return row.reason
