"""Cuentas › Vigencia (5.2 d «verificar la vigencia de los contenidos y realizar las
actualizaciones pertinentes»): the published posts of the person's accounts whose validity
passed. «Actualizar…» prepares a new version (a draft with the text, media and details, valid
until a new date) and opens it in the Redactor; «Retirar» records that the post was taken down
from the network. Either clears the daily reminder, which leads here.

Reads and writes run off the UI thread (`ui/tasks.py`); the view shows plain rows."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.expired_content import (
    expired_content,
    resolve_expired_content,
    update_expired_content,
)
from redes_desktop.clock import to_mexico
from redes_desktop.ui.cuentas.operations import error_text, person_id
from redes_desktop.ui.qt_dates import to_date
from redes_desktop.ui.tasks import Reads, run_task


class NewValidityDialog(QDialog):
    """Until when the new version is valid (today or later)."""

    def __init__(self, today: date, snippet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Actualizar contenido vencido"))
        proposed = today + timedelta(days=30)
        self.date_edit = QDateEdit(QDate(proposed.year, proposed.month, proposed.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setAccessibleName(self.tr("Nueva fecha de vigencia"))
        text = QLabel(self.tr(
            "Se abrirá en el Redactor una nueva versión de «%1» con su texto, imágenes y "
            "detalles: actualícela y publíquela (criterio 5.2 d). ¿Hasta cuándo será vigente?")
            .replace("%1", snippet))
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.date_edit)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        return to_date(self.date_edit.date())


def open_in_redactor(widget: QWidget, post_id: uuid.UUID) -> bool:
    """Show the Redactor of `widget`'s main window with the draft `post_id` open."""
    window = widget.window()
    show_section, page = getattr(window, "show_section", None), getattr(window, "page", None)
    if not callable(show_section) or not callable(page):
        return False
    show_section("redactor")
    opener = getattr(page("redactor"), "open_draft", None)
    return bool(callable(opener) and opener(post_id))


class ExpiredTab(QWidget):
    changed = Signal()  # the list was read, or an action ended (for tests)
    draft_ready = Signal(object)  # uuid of the new version's draft, to open in the Redactor

    def __init__(self, context, on_change=None, parent: QWidget | None = None,
                 pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.on_change = on_change
        self.reads = Reads(self, pool)
        self.rows: tuple = ()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Cuenta"), self.tr("Publicación"),
                                              self.tr("Vigente hasta"), self.tr("Enlace")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.update_button = QPushButton(self.tr("&Actualizar…"))
        self.update_button.setToolTip(self.tr(
            "Prepara una nueva versión en el Redactor con una nueva fecha de vigencia."))
        self.withdraw_button = QPushButton(self.tr("&Retirar"))
        self.withdraw_button.setToolTip(self.tr(
            "Registra que la publicación se retiró de la red (queda en la bitácora)."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.update_button)
        actions.addWidget(self.withdraw_button)
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self.update_button.clicked.connect(self.ask_update)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.draft_ready.connect(lambda post_id: open_in_redactor(self, post_id))
        self.refresh()

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def refresh(self) -> None:
        database, clock, who = self.context.database, self.context.clock, person_id(self.context)
        self.reads.run(lambda: expired_content(database, person_id=who, clock=clock), self._show)

    def _show(self, rows, error: BaseException | None) -> None:
        if error is not None:
            self.rows = ()
            self.table.setRowCount(0)
            self.summary.setText(error_text(error))
            self.changed.emit()
            return
        self.rows = tuple(rows)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, value in enumerate((r.handle, r.snippet, f"{r.valid_until:%d/%m/%Y}",
                                       r.url)):
                item = QTableWidgetItem(value)
                item.setToolTip(r.reason)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr(
            "%n publicación(es) con la vigencia vencida en sus cuentas (criterio 5.2 d): "
            "actualice o retire cada una.", "", len(self.rows))
            if self.rows else self.tr("No hay publicaciones con la vigencia vencida en sus "
                                      "cuentas (criterio 5.2 d)."))
        self.changed.emit()

    def selected(self):
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.message.setText(self.tr("Elija una publicación de la lista."))
            return None
        return self.rows[row]

    # -- the two ways out of the list --------------------------------------------------------
    def ask_update(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        dialog = NewValidityDialog(to_mexico(self.context.clock()).date(), chosen.snippet, self)
        if dialog.exec():
            self.renew(chosen.post_id, dialog.chosen())

    def renew(self, post_id: uuid.UUID, valid_until: date) -> None:
        """«Actualizar»: a new version valid until `valid_until`, opened in the Redactor."""
        database, clock, recorder = (self.context.database, self.context.clock,
                                     self.context.recorder)
        who = person_id(self.context)
        self._write(lambda: update_expired_content(
            database, post_id, new_valid_until=valid_until, person_id=who, clock=clock,
            recorder=recorder), self.tr("Nueva versión preparada en el Redactor, vigente hasta "
                                        "el %1.").replace("%1", f"{valid_until:%d/%m/%Y}"),
            opens_draft=True)

    def ask_withdraw(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(self, self.tr("Retirar contenido vencido"), self.tr(
            "¿Ya retiró «%1» de %2? Se registrará en la bitácora (criterio 5.2 d).")
            .replace("%1", chosen.snippet).replace("%2", chosen.handle))
        if answer == QMessageBox.StandardButton.Yes:
            self.withdraw(chosen.post_id)

    def withdraw(self, post_id: uuid.UUID) -> None:
        database, clock, recorder = (self.context.database, self.context.clock,
                                     self.context.recorder)
        who = person_id(self.context)
        self._write(lambda: resolve_expired_content(
            database, post_id, withdrawn=True, person_id=who, clock=clock, recorder=recorder),
            self.tr("Retiro registrado en la bitácora."))

    def _write(self, work, done: str, *, opens_draft: bool = False) -> None:
        def finished(result, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(error_text(error))
                self.changed.emit()
                return
            self.message.setText(done)
            self.refresh()
            if self.on_change is not None:
                self.on_change()
            if opens_draft:
                self.draft_ready.emit(result)

        run_task(work, finished, self.pool)
