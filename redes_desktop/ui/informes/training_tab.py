"""Informes › Capacitación (5.3): the year's training sessions, the administrators without one,
and for CNCS: schedule a session, invite by mail, record who attended."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.training import (
    TrainingOverview,
    invite_to_training,
    record_training_attendance,
    schedule_training,
    training_overview,
)
from redes_desktop.clock import to_mexico
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.qt_dates import to_date


class TrainingTab(QWidget):
    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: TrainingOverview | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.sessions = QTableWidget(0, 4)
        self.sessions.setHorizontalHeaderLabels([self.tr("Capacitación"), self.tr("Fecha"),
                                                 self.tr("Convocados"), self.tr("Asistieron")])
        self.pending = QTableWidget(0, 3)
        self.pending.setHorizontalHeaderLabels([self.tr("Administrador(a)"), self.tr("Área"),
                                                self.tr("Situación")])
        for table in (self.sessions, self.pending):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.horizontalHeader().setStretchLastSection(True)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Nombre de la capacitación"))
        self.title_edit.setPlaceholderText(self.tr("Capacitación anual de administradores"))
        today = to_mexico(context.clock()).date() + timedelta(days=30)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.schedule_button = QPushButton(self.tr("&Programar"))
        self.invite_button = QPushButton(self.tr("&Convocar por correo"))
        self.attended_button = QPushButton(self.tr("Registrar &asistencia"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.organiser = QWidget()
        row = QHBoxLayout(self.organiser)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title_edit, self.date_edit, self.schedule_button,
                       self.invite_button, self.attended_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.organiser)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Sesiones del año:")))
        layout.addWidget(self.sessions, 1)
        layout.addWidget(QLabel(self.tr("Administradores sin capacitación este año:")))
        layout.addWidget(self.pending, 2)
        self.schedule_button.clicked.connect(self.schedule)
        self.invite_button.clicked.connect(self.invite)
        self.attended_button.clicked.connect(self.mark_attended)
        self.refresh()

    def _person(self):
        return self.context.identity.person_id if self.context.identity else None

    def refresh(self) -> None:
        try:
            self.overview = training_overview(self.context.database, person_id=self._person(),
                                              clock=self.context.clock)
        except UserFacingError as error:
            self.overview = None
            self.summary.setText(error.message)
            self.organiser.setVisible(False)
            return
        o = self.overview
        self.organiser.setVisible(o.may_organise)
        self.sessions.setRowCount(len(o.sessions))
        for i, s in enumerate(o.sessions):
            for j, value in enumerate((s.title, f"{s.held_on:%d/%m/%Y}", str(s.invited),
                                       str(s.attended))):
                self.sessions.setItem(i, j, QTableWidgetItem(value))
        self.pending.setRowCount(len(o.pending))
        for i, p in enumerate(o.pending):
            for j, value in enumerate((p.name, p.area, p.reason)):
                self.pending.setItem(i, j, QTableWidgetItem(value))
        if not o.sessions:
            text = self.tr("No hay capacitación programada en %1 (criterio 5.3).")
        else:
            text = self.tr("%n administrador(es) sin capacitación en %1 (criterio 5.3).", "",
                           len(o.pending))
        self.summary.setText(text.replace("%1", str(o.year)))

    def _selected_session(self):
        row = self.sessions.currentRow()
        if self.overview is None or not 0 <= row < len(self.overview.sessions):
            self.message.setText(self.tr("Elija una sesión de la lista."))
            return None
        return self.overview.sessions[row].id

    def _run(self, action, done: Callable[[Any], str]) -> bool:
        try:
            result = action()
        except UserFacingError as error:
            self.message.setText(error.message)
            return False
        self.message.setText(done(result))
        self.refresh()
        return True

    def schedule(self) -> bool:
        title = self.title_edit.text() or self.title_edit.placeholderText()
        return self._run(lambda: schedule_training(
            self.context.database, title=title, held_on=to_date(self.date_edit.date()),
            person_id=self._person(), clock=self.context.clock,
            recorder=self.context.recorder), lambda _: self.tr("Capacitación programada."))

    def invite(self) -> bool:
        session_id = self._selected_session()
        if session_id is None:
            return False
        return self._run(lambda: invite_to_training(
            self.context.database, session_id, person_id=self._person(),
            clock=self.context.clock, outbox=self.context.outbox,
            recorder=self.context.recorder),
            lambda sent: self.tr("%n convocatoria(s) en la bandeja de salida.", "", sent))

    def mark_attended(self) -> bool:
        session_id = self._selected_session()
        row = self.pending.currentRow()
        if session_id is None:
            return False
        if self.overview is None or not 0 <= row < len(self.overview.pending):
            self.message.setText(self.tr("Elija a la persona que asistió."))
            return False
        attendee = self.overview.pending[row].person_id
        return self._run(lambda: record_training_attendance(
            self.context.database, session_id, attendee, True, person_id=self._person(),
            clock=self.context.clock, recorder=self.context.recorder),
            lambda _: self.tr("Asistencia registrada."))
