"""Informes › Buzón: for the chosen quarter, the items received, the answered share, the median
response time, the suggestions for the semiannual evaluation (8.ii) and the most asked topics
(6.xviii), over the accounts the person may see. Read off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.inbox_report import InboxReport, inbox_report
from redes_desktop.actions.quarterly_report import quarter_bounds
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.tasks import SynchronousPool, run_task


class InboxReportTab(QWidget):
    loaded = Signal()

    def __init__(self, context, quarter: Callable[[], tuple[int, int]],
                 pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.quarter = quarter
        self.pool = pool
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.topics = QTableWidget(0, 3)
        self.topics.setHorizontalHeaderLabels([self.tr("Duda recurrente"), self.tr("Personas"),
                                               self.tr("¿Publicar respuesta? (6.xviii)")])
        self.topics.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.topics.horizontalHeader().setStretchLastSection(True)
        self.topics.setColumnWidth(0, 420)
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(self.topics, 1)
        layout.addWidget(self.refresh_button)
        self.refresh()

    def refresh(self) -> None:
        year, quarter = self.quarter()
        start, end = quarter_bounds(year, quarter)
        database, clock = self.context.database, self.context.clock
        person = self.context.identity.person_id if self.context.identity else None
        run_task(lambda: inbox_report(database, clock=clock, person_id=person, start=start,
                                      end=end), self._show, self.pool)

    def _show(self, report: Any, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        if error is not None:
            self.figures.setText(error.message if isinstance(error, UserFacingError)
                                 else str(error))
            self.loaded.emit()
            return
        assert isinstance(report, InboxReport)
        median = report.median_response
        median_text = (self.tr("%d h %d min") % divmod(int(median.total_seconds() // 60), 60)
                       if median is not None else self.tr("sin respuestas"))
        self.figures.setText(self.tr(
            "Recibidos: %d. Respondidos: %d (%.0f %% de los que no se ignoraron). Ignorados "
            "(6.xvi): %d. Mediana del tiempo de respuesta: %s. Sugerencias para la evaluación "
            "semestral (8.ii): %d.")
            % (report.received, report.answered, report.answered_share * 100, report.ignored,
               median_text, report.suggestions))
        self.topics.setRowCount(len(report.topics))
        for n, topic in enumerate(report.topics):
            self.topics.setItem(n, 0, QTableWidgetItem(" ".join(topic.sample.split())))
            self.topics.setItem(n, 1, QTableWidgetItem(str(topic.count)))
            self.topics.setItem(n, 2, QTableWidgetItem(
                self.tr("sí") if topic.suggest_publication else ""))
        self.loaded.emit()
