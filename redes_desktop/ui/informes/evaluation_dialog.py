"""Record the semestral effectiveness evaluation of an account (8.i). The dialog collects the
period, the score and the findings; the service checks who may record it and validates."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.services.reports import EVALUATION_MONTHS, record_evaluation
from redes_desktop.spanish_dates import add_months


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class EvaluationDialog(QDialog):
    def __init__(self, context: AppContext, account_id: str, handle: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.account_id = account_id
        self.setWindowTitle(self.tr("Registrar evaluación de %1").replace("%1", handle))
        intro = QLabel(self.tr(
            "Evaluación de la eficacia de la cuenta, que la Coordinación Nacional de "
            "Comunicación Social aplica al menos cada seis meses (criterio 8.i)."))
        intro.setWordWrap(True)
        today = to_mexico(context.clock()).date()
        self.period_start = QDateEdit(_qdate(add_months(today, -EVALUATION_MONTHS)
                                             + timedelta(days=1)))
        self.period_end = QDateEdit(_qdate(today))
        for edit in (self.period_start, self.period_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.score = QSpinBox()
        self.score.setRange(0, 10)
        self.score.setValue(8)
        self.score.setAccessibleName(self.tr("Calificación del 0 al 10"))
        self.findings = QPlainTextEdit()
        self.findings.setPlaceholderText(self.tr(
            "Hallazgos: si la cuenta cumple sus objetivos, su periodicidad, cómo atiende a los "
            "usuarios (8.ii) y qué se recomienda."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Periodo evaluado, desde:"), self.period_start)
        form.addRow(self.tr("hasta:"), self.period_end)
        form.addRow(self.tr("Calificación (0 a 10):"), self.score)
        form.addRow(self.tr("Hallazgos:"), self.findings)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("&Registrar evaluación"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        """Record through the service; a refusal stays in the dialog, in Spanish."""
        try:
            with self.context.session() as session:
                actor = self.context.current_person(session)
                if actor is None:
                    raise UserFacingError("Elija primero quién es usted en esta estación.")
                record_evaluation(
                    session, self.context.clock, actor, self.account_id,
                    period_start=self.period_start.date().toPython(),
                    period_end=self.period_end.date().toPython(),
                    score=self.score.value(), findings=self.findings.toPlainText(),
                    recorder=self.context.recorder)
                session.commit()
        except UserFacingError as error:
            self.message.setText(error.message)
            return
        self.accept()
