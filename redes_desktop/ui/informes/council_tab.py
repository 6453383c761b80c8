"""Informes › Consejo General (6.xxvii): the calendar of Consejo General sessions. Everybody
sees it; the CNCS reviewers enter a session (name, date, start and end, Mexico City time) and
remove one. While a session runs, the Redactor warns about more than three topics.

Reads and writes run off the UI thread (`ui/tasks.py`); the view shows plain rows."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.council_sessions import (
    add_council_session_on,
    council_sessions,
    remove_council_session,
)
from redes_desktop.clock import to_mexico
from redes_desktop.ui.qt_dates import to_date
from redes_desktop.ui.tasks import Reads, run_task


def _message(error: BaseException) -> str:
    return getattr(error, "message", None) or str(error)


class CouncilTab(QWidget):
    changed = Signal()  # the calendar was read (or a change failed): for tests and the section

    def __init__(self, context, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.reads = Reads(self, pool)
        self.rows: tuple = ()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Sesión"), self.tr("Fecha"),
                                              self.tr("Inicio"), self.tr("Fin")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Nombre de la sesión"))
        self.title_edit.setPlaceholderText(self.tr("Sesión ordinaria del Consejo General"))
        day = to_mexico(context.clock()).date() + timedelta(days=1)
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setAccessibleName(self.tr("Fecha de la sesión"))
        self.start_edit = QTimeEdit(QTime(10, 0))
        self.start_edit.setDisplayFormat("HH:mm")
        self.start_edit.setAccessibleName(self.tr("Hora de inicio"))
        self.end_edit = QTimeEdit(QTime(14, 0))
        self.end_edit.setDisplayFormat("HH:mm")
        self.end_edit.setAccessibleName(self.tr("Hora de fin"))
        self.add_button = QPushButton(self.tr("&Registrar sesión"))
        self.remove_button = QPushButton(self.tr("&Quitar del calendario"))
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.organiser = QWidget()
        row = QHBoxLayout(self.organiser)
        row.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("&Nombre:"), self.title_edit),
                              (self.tr("&Fecha:"), self.date_edit),
                              (self.tr("De:"), self.start_edit), (self.tr("a:"), self.end_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget, 2 if widget is self.title_edit else 0)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)

        explanation = QLabel(self.tr(
            "Durante una sesión del Consejo General conviene publicar dos o tres temas "
            "relevantes y no seguir la sesión completa (criterio 6.xxvii): el Redactor advierte "
            "si una cuenta publica más de tres temas mientras la sesión transcurre. Horas de la "
            "Ciudad de México."))
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.organiser)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_session)
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh()

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def _person(self):
        return self.context.identity.person_id if self.context.identity else None

    def refresh(self) -> None:
        identity = self.context.identity
        self.organiser.setVisible(bool(identity is not None and identity.is_reviewer))
        database, clock = self.context.database, self.context.clock
        self.reads.run(lambda: council_sessions(database, clock=clock), self._show)

    def _show(self, rows, error: BaseException | None) -> None:
        if error is not None:
            self.summary.setText(self.tr("No se pudo leer el calendario: %1").replace(
                "%1", _message(error)))
            self.changed.emit()
            return
        self.rows = tuple(rows)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            start, end = to_mexico(r.starts_at), to_mexico(r.ends_at)
            for j, value in enumerate((r.title, f"{start:%d/%m/%Y}", f"{start:%H:%M}",
                                       f"{end:%H:%M}")):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("%n sesión(es) en el calendario (desde hace una semana).", "",
                    len(self.rows)) if self.rows else
            self.tr("No hay sesiones del Consejo General en el calendario."))
        self.changed.emit()

    def _write(self, work, done: str) -> None:
        def finished(_result, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(_message(error))
                self.changed.emit()
                return
            self.message.setText(done)
            self.refresh()

        run_task(work, finished, self.pool)

    def add_session(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self.message.setText(self.tr("Escriba el nombre de la sesión, por ejemplo «Sesión "
                                         "extraordinaria del Consejo General»."))
            return
        day = to_date(self.date_edit.date())
        start, end = self.start_edit.time(), self.end_edit.time()
        start_at, end_at = time(start.hour(), start.minute()), time(end.hour(), end.minute())
        database, clock, recorder = (self.context.database, self.context.clock,
                                     self.context.recorder)
        who = self._person()
        self._write(lambda: add_council_session_on(
            database, title=title, day=day, start=start_at, end=end_at, person_id=who,
            clock=clock, recorder=recorder),
            self.tr("Sesión «%1» registrada.").replace("%1", title))

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.message.setText(self.tr("Elija una sesión de la lista."))
            return
        chosen = self.rows[row]
        database, clock, recorder = (self.context.database, self.context.clock,
                                     self.context.recorder)
        who = self._person()
        self._write(lambda: remove_council_session(
            database, chosen.id, person_id=who, clock=clock, recorder=recorder),
            self.tr("Sesión «%1» quitada del calendario.").replace("%1", chosen.title))
