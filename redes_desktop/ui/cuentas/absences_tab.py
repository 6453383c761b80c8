"""«Ausencias»: register an absence (5.1), see who covers it, the public notice of attention
hours drafted for the composer and the hand-over and return notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.check_form import absence_problems
from redes_desktop.actions.register_absence import (
    Registration,
    absence_form,
    cancel_absence,
    list_absences,
    register_absence,
    spanish_range,
)
from redes_desktop.context import AppContext
from redes_desktop.models import AbsenceKind
from redes_desktop.ui.cuentas.operations import (
    error_text,
    make_error_label,
    person_id,
    procedures,
    run_action,
    show_error,
)
from redes_desktop.ui.form_marks import mark_problems
from redes_desktop.ui.tasks import Reads


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AbsencesTab(QWidget):
    def __init__(self, context: AppContext, on_change: Callable[[], None] | None = None,
                 parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.on_change = on_change or (lambda: None)
        self.pool = pool
        self.form_reads = Reads(self, pool)  # the people one may register, off the UI thread
        self.list_reads = Reads(self, pool)  # the absences, off the UI thread
        self.person_combo = QComboBox()
        self.person_combo.currentIndexChanged.connect(self._fill_covers)
        self.cover_combo = QComboBox()
        self.cover_combo.setToolTip(self.tr(
            "Quién atiende las cuentas durante la ausencia: el suplente designado de cada "
            "cuenta (criterio 5.1). Para que cubra otra persona, cambie antes a los "
            "administradores de la cuenta (criterio 7.iv)."))
        self._form = None
        self.kind_combo = QComboBox()
        for kind in AbsenceKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.register_button = QPushButton(self.tr("Registrar ausencia"))
        self.register_button.clicked.connect(self.register)
        self.cancel_button = QPushButton(self.tr("Cancelar la ausencia elegida"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.error_label = make_error_label()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Persona"), self.person_combo)
        form.addRow(self.tr("Motivo"), self.kind_combo)
        form.addRow(self.tr("Cubre"), self.cover_combo)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Del")))
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(self.tr("al")))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        form.addRow(self.tr("Fechas"), dates)
        actions = QHBoxLayout()
        actions.addWidget(self.register_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Ausente"), self.tr("Motivo"), self.tr("Periodo"),
                                   self.tr("Cubre"), self.tr("Notas")])
        self.tree.setRootIsDecorated(False)
        self.tree.currentItemChanged.connect(self._show_selected)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.detail)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(split, 1)
        self._details: dict[str, str] = {}
        self._load_people()
        self.refresh()

    @property
    def idle(self) -> bool:
        return self.form_reads.idle and self.list_reads.idle

    def _load_people(self) -> None:
        self.register_button.setEnabled(False)  # until the people arrive
        collaborators, who = procedures(self.context), person_id(self.context)
        self.form_reads.run(lambda: absence_form(collaborators, person_id=who),
                            self._show_people)

    def _show_people(self, form, error: BaseException | None) -> None:
        self.person_combo.clear()
        if error is not None:
            show_error(self.error_label, error_text(error))
            return
        if form is None:
            self.register_button.setEnabled(False)
            return
        self.start_edit.setDate(_qdate(form.today))
        self.end_edit.setDate(_qdate(form.today))
        self._form = form
        for pid, name in form.people:
            self.person_combo.addItem(name, pid)
        self._fill_covers()
        self.register_button.setEnabled(True)

    def _fill_covers(self, *_args) -> None:
        """Who may cover the chosen person, the designated suplente first (issue 15)."""
        self.cover_combo.clear()
        form = self._form
        if form is None:
            return
        for cover_id, label in form.covers_of(self.person_combo.currentData() or ""):
            self.cover_combo.addItem(label, cover_id)

    def refresh(self) -> None:
        collaborators = procedures(self.context)
        self.list_reads.run(lambda: list_absences(collaborators), self._show)

    def _show(self, absences, error: BaseException | None) -> None:
        if error is not None:
            show_error(self.error_label, error_text(error))
            return
        self.tree.clear()
        self._details.clear()
        for absence in absences:
            written = absence.notes
            key = absence.id
            item = QTreeWidgetItem([
                absence.person_name, absence.kind_label,
                spanish_range(absence.starts_on, absence.ends_on), absence.covering_name,
                ", ".join(n.kind for n in written),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            self.tree.addTopLevelItem(item)
            parts = []
            if absence.public_notice:
                parts.append(self.tr("Aviso público (borrador en el Redactor):") + "\n"
                             + absence.public_notice)
            parts += [f"— {n.kind.capitalize()} —\n{n.text}" for n in written]
            self._details[key] = "\n\n".join(parts) or self.tr(
                "Sin aviso ni notas todavía: la nota de entrega se genera al iniciar la "
                "ausencia y la de regreso al terminar.")
        for column in range(self.tree.columnCount() - 1):  # names and dates in full
            self.tree.resizeColumnToContents(column)
        self.cancel_button.setEnabled(False)
        self.detail.clear()

    def _show_selected(self, *_args) -> None:
        item = self.tree.currentItem()
        key = item.data(0, Qt.ItemDataRole.UserRole) if item else ""
        self.detail.setPlainText(self._details.get(key, ""))
        self.cancel_button.setEnabled(bool(key))

    def confirm(self, text: str) -> bool:
        """Asks before saving (issue 15); tests replace it."""
        answer = QMessageBox.question(
            self, self.tr("Registrar ausencia"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def register(self) -> None:
        show_error(self.error_label, "")
        absent_id = self.person_combo.currentData() or ""
        kind = AbsenceKind(self.kind_combo.currentData())
        start, end = _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        today = self._form.today if self._form is not None else start
        problems = absence_problems(absent_id, start, end, today)
        if mark_problems({"person": self.person_combo, "starts_on": self.start_edit,
                          "ends_on": self.end_edit}, problems, self.error_label):
            return
        covering = self.cover_combo.currentData() or None
        cover_label = self.cover_combo.currentText() or self.tr("nadie")
        text = (self.tr("¿Registrar la ausencia de %1 (%2) %3?")
                .replace("%1", self.person_combo.currentText())
                .replace("%2", self.kind_combo.currentText())
                .replace("%3", spanish_range(start, end))
                + "\n\n" + self.tr("Cubre: %1").replace("%1", cover_label))
        if not self.confirm(text):
            return
        collaborators, who = procedures(self.context), person_id(self.context)
        run_action(lambda: register_absence(collaborators, absent_id, kind, start, end,
                                            person_id=who, covering_id=covering),
                   self._registered, self.pool)

    def _registered(self, result: Registration | None, error: str) -> None:
        if error or result is None:
            show_error(self.error_label, error)
            return
        notices = result.notices
        message = self.tr("Ausencia registrada.")
        if notices:
            message += " " + self.tr(
                "Se redactó el aviso de horario de atención en %n cuenta(s): revíselo y "
                "publíquelo desde el Redactor.", "", notices)
        self.status_label.setText(message)
        self.refresh()
        self.on_change()

    def cancel_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        key = item.data(0, Qt.ItemDataRole.UserRole)
        collaborators, who = procedures(self.context), person_id(self.context)
        run_action(lambda: cancel_absence(collaborators, key, person_id=who), self._cancelled,
                   self.pool)

    def _cancelled(self, _result, error: str) -> None:
        if error:
            show_error(self.error_label, error)
            return
        self.status_label.setText(self.tr("Ausencia cancelada."))
        self.refresh()
