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

from redes_desktop.clock import mexico_tz
from redes_desktop.ui.qt_dates import from_datetime, to_datetime


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
        layout.addWidget(buttons)

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
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Resolución (obligatoria):")))
        layout.addWidget(self.resolution)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.resolution.toPlainText()
