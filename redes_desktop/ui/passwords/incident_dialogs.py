"""Report a compromised account (6.xxx) and close an incident with its resolution. The dialogs
only collect what was seen and when; the section hands it to the IncidentService."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.check_form import incident_problems, resolution_problems
from redes_desktop.clock import mexico_tz
from redes_desktop.ui.form_marks import mark_problems
from redes_desktop.ui.qt_dates import from_datetime, to_datetime


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


class ReportIncidentDialog(QDialog):
    def __init__(self, handle: str, now_mexico: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reportar cuenta comprometida: %1").replace("%1", handle))
        intro = QLabel(self.tr(
            "Si la cuenta la opera alguien no autorizado o fue intervenida, se avisará de "
            "inmediato al titular del área, a la Coordinación Nacional de Comunicación Social y "
            "a UNICOM (criterio 6.xxx). La publicación en la cuenta queda suspendida hasta "
            "cerrar el incidente y la contraseña deberá cambiarse de inmediato."))
        intro.setWordWrap(True)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr(
            "Qué se observó: publicaciones que nadie del área hizo, avisos de inicio de sesión, "
            "cambio de correo o de contraseña…"))
        self.observed = QDateTimeEdit()
        self.observed.setCalendarPopup(True)
        self.observed.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.observed.setDateTime(from_datetime(now_mexico))
        self._now = now_mexico
        self.error_label = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("Qué se observó:"), self.description)
        form.addRow(self.tr("Cuándo (hora del centro de México):"), self.observed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Reportar y avisar"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Every missing field at once, marked; the dialog stays open (issue 15)."""
        description, observed = self.values()
        now = self._now if self._now.tzinfo else self._now.replace(tzinfo=mexico_tz())
        problems = incident_problems(description, observed, now)
        if mark_problems({"description": self.description, "observed": self.observed},
                         problems, self.error_label):
            return
        super().accept()

    def values(self) -> tuple[str, datetime]:
        observed = to_datetime(self.observed.dateTime()).replace(tzinfo=mexico_tz())
        return self.description.toPlainText(), observed


class CloseIncidentDialog(QDialog):
    def __init__(self, handle: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cerrar el incidente de %1").replace("%1", handle))
        self.resolution = QPlainTextEdit()
        self.resolution.setPlaceholderText(self.tr(
            "Cómo se resolvió: se recuperó el acceso, se cambió la contraseña, se revisaron y "
            "retiraron las publicaciones ajenas…"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Cerrar incidente"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Resolución (obligatoria):")))
        layout.addWidget(self.resolution)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if mark_problems({"resolution": self.resolution}, resolution_problems(self.text()),
                         self.error_label):
            return
        super().accept()

    def text(self) -> str:
        return self.resolution.toPlainText()
