"""Record the semestral effectiveness evaluation of an account (8.i). The dialog collects the
period, the score and the findings; the service checks who may record it and validates."""

from __future__ import annotations

from datetime import date, timedelta

import shiboken6
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

from redes_desktop.actions.check_form import evaluation_problems
from redes_desktop.actions.record_evaluation import EVALUATION_MONTHS, record_evaluation
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.spanish_dates import add_months
from redes_desktop.ui.form_marks import mark_problems
from redes_desktop.ui.qt_dates import to_date
from redes_desktop.ui.tasks import run_task


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class EvaluationDialog(QDialog):
    def __init__(self, context: AppContext, account_id: str, handle: str,
                 parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
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
        """Record off the UI thread through the action; a refusal stays in the dialog, in
        Spanish, and the dialog closes only once the evaluation is recorded."""
        context = self.context
        who = context.identity.person_id if context.identity else None
        period_start = to_date(self.period_start.date())
        period_end = to_date(self.period_end.date())
        score, findings = self.score.value(), self.findings.toPlainText()
        problems = evaluation_problems(period_start, period_end,
                                       to_mexico(context.clock()).date(), score, findings)
        if mark_problems({"period_start": self.period_start, "period_end": self.period_end,
                          "score": self.score, "findings": self.findings},
                         problems, self.message):
            return  # every problem at once, marked; nothing typed is lost (issue 15)
        account_id = self.account_id
        self.save_button.setEnabled(False)
        run_task(lambda: record_evaluation(context.database, account_id, person_id=who,
                                           clock=context.clock, recorder=context.recorder,
                                           period_start=period_start, period_end=period_end,
                                           score=score, findings=findings),
                 self._saved, self.pool)

    def _saved(self, _evaluation_id, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.save_button.setEnabled(True)
        if error is None:
            self.message.setText("")
            self.accept()
        elif isinstance(error, UserFacingError):
            self.message.setText(error.message)
        else:
            self.message.setText(self.tr(
                "Ocurrió un error inesperado (%1). No se guardó nada; vuelva a intentarlo.")
                .replace("%1", type(error).__name__))
