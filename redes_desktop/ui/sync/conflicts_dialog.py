"""«Conflictos»: the fields where both versions differ, side by side with Spanish labels, names
and México City times (issue 15); keep one version, or tick the fields to take from the other
and save that combination. Listing and resolving are actions (`actions/resolve_conflict.py`)
run off the UI thread; `resolved` tells the window to recount (the status bar)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from redes_desktop.actions.resolve_conflict import ConflictItem, list_conflicts, resolve_conflict
from redes_desktop.clock import to_mexico
from redes_desktop.errors import NotFound
from redes_desktop.sync.conflicts import KEEP_LOCAL, KEEP_SERVER, MERGED
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.tasks import run_task


class ConflictsDialog(QDialog):
    resolved = Signal()  # a conflict was resolved: the status bar's count changes

    SHARED_COLUMN, LOCAL_COLUMN = 1, 2

    def __init__(self, context, parent=None, *, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool  # None: the global thread pool; tests may hold or run inline
        self._conflicts: tuple[ConflictItem, ...] = ()
        self._revision = 0
        self.loaded = False
        self.busy = False
        self.setWindowTitle(self.tr("Conflictos de sincronización"))
        self.resize(900, 560)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conflictos pendientes"))
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName(self.tr("Aviso"))
        self.error.hide()
        self.fields = QTableWidget(0, 3)
        self.fields.setAccessibleName(self.tr("Campos que difieren"))
        self.fields.setHorizontalHeaderLabels([
            self.tr("Campo"), self.tr("Versión en la base compartida"),
            self.tr("Versión que no se aplicó")])
        self.fields.verticalHeader().hide()
        self.fields.setWordWrap(True)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.merge_hint = QLabel(self.tr(
            "Para combinar, marque en la última columna los campos que se toman de la versión "
            "que no se aplicó; el resto queda como en la base compartida."))
        self.merge_hint.setWordWrap(True)
        self.keep_server = QPushButton(self.tr("Conservar la compartida"))
        self.keep_local = QPushButton(self.tr("Conservar la otra"))
        self.save_merge = QPushButton(self.tr("Guardar combinación"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.keep_server, self.keep_local, self.save_merge):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.keep_server.clicked.connect(lambda: self._resolve(KEEP_SERVER))
        self.keep_local.clicked.connect(lambda: self._resolve(KEEP_LOCAL))
        self.save_merge.clicked.connect(lambda: self._resolve(MERGED))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.fields, 3)
        layout.addWidget(self.merge_hint)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.reload()

    def reload(self) -> None:
        """Read the open conflicts again, off the UI thread."""
        database = self.context.database
        self._revision += 1
        revision = self._revision
        self._set_busy(True)
        run_task(lambda: list_conflicts(database),
                 lambda conflicts, error: self._on_listed(revision, conflicts, error), self.pool)

    def _on_listed(self, revision: int, conflicts, error: BaseException | None) -> None:
        if not shiboken6.isValid(self) or revision != self._revision:
            return
        self.busy = False
        self.loaded = True
        if error is not None:
            self._warn(error_text(error))
            conflicts = ()
        self._conflicts = tuple(conflicts)
        self.list.clear()
        for conflict in self._conflicts:
            when = f"{to_mexico(conflict.detected_at):%d/%m %H:%M}"
            if conflict.title:
                text = self.tr("%s — %s — %s (%s)") % (
                    self.table_label(conflict.table_name), conflict.title,
                    self.kind_label(conflict.kind), when)
            else:
                text = self.tr("%s — %s (%s)") % (self.table_label(conflict.table_name),
                                                  self.kind_label(conflict.kind), when)
            self.list.addItem(QListWidgetItem(text))
        empty = not self._conflicts
        for button in (self.keep_server, self.keep_local, self.save_merge):
            button.setEnabled(not empty)
        if empty:
            self.reason.setText(self.tr("No hay conflictos pendientes."))
            self.fields.setRowCount(0)
        else:
            self.list.setCurrentRow(0)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.keep_server, self.keep_local):
            button.setEnabled(not busy and bool(self._conflicts))
        self.save_merge.setEnabled(not busy and self._mergeable())

    def _mergeable(self) -> bool:
        row = self.list.currentRow()
        if not 0 <= row < len(self._conflicts):
            return False
        conflict = self._conflicts[row]
        return conflict.server_data is not None and conflict.local_data is not None

    def table_label(self, name: str) -> str:
        """The Spanish name of a kind of record (the table's own name if it is a new one)."""
        labels = {
            "areas": self.tr("Áreas"),
            "people": self.tr("Personas"),
            "accounts": self.tr("Cuentas"),
            "account_administrators": self.tr("Administradores de cuentas"),
            "account_requests": self.tr("Solicitudes de cuentas"),
            "account_closures": self.tr("Cierres de cuentas"),
            "posts": self.tr("Publicaciones"),
            "post_media": self.tr("Imágenes y videos de publicaciones"),
            "consultations": self.tr("Consultas a la CNCS"),
            "consultation_notices": self.tr("Avisos de consultas"),
            "password_rotations": self.tr("Cambios de contraseña"),
            "incidents": self.tr("Incidentes"),
            "absence_periods": self.tr("Ausencias"),
            "handover_notes": self.tr("Notas de entrega y regreso"),
            "attention_notices": self.tr("Avisos de horario de atención"),
            "training_sessions": self.tr("Capacitaciones"),
            "training_attendances": self.tr("Asistencias a capacitaciones"),
            "evaluations": self.tr("Evaluaciones"),
            "sync_conflicts": self.tr("Conflictos de sincronización"),
        }
        return labels.get(name, name)

    def kind_label(self, kind: str) -> str:
        labels = {
            "versiones": self.tr("cambiado en dos estaciones"),
            "eliminado": self.tr("eliminado en una estación, editado en otra"),
            "rechazado": self.tr("rechazado por la base compartida"),
        }
        return labels.get(kind, kind)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._conflicts):
            return
        conflict = self._conflicts[row]
        self.reason.setText(conflict.reason)
        self.fields.setRowCount(0)
        mergeable = conflict.server_data is not None and conflict.local_data is not None
        for field in conflict.fields:
            line = self.fields.rowCount()
            self.fields.insertRow(line)
            name = QTableWidgetItem(field.label)
            name.setData(Qt.ItemDataRole.UserRole, field.name)
            self.fields.setItem(line, 0, name)
            self.fields.setItem(line, self.SHARED_COLUMN, QTableWidgetItem(field.shared))
            local = QTableWidgetItem(field.local)
            if mergeable:
                local.setFlags(local.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                local.setCheckState(Qt.CheckState.Unchecked)
                local.setToolTip(self.tr("Marque para tomar este valor en la combinación."))
            self.fields.setItem(line, self.LOCAL_COLUMN, local)
        if not conflict.fields:
            self.fields.insertRow(0)
            self.fields.setItem(0, 0, QTableWidgetItem(self.tr("(sin diferencias visibles)")))
        self.fields.resizeRowsToContents()
        self.save_merge.setEnabled(mergeable and not self.busy)
        self.merge_hint.setVisible(mergeable)

    def local_fields(self) -> set[str]:
        """The fields ticked to be taken from the version that was not applied."""
        chosen: set[str] = set()
        for line in range(self.fields.rowCount()):
            name, local = self.fields.item(line, 0), self.fields.item(line, self.LOCAL_COLUMN)
            ticked = local is not None and local.checkState() == Qt.CheckState.Checked
            if name is not None and ticked:
                chosen.add(str(name.data(Qt.ItemDataRole.UserRole)))
        return chosen

    def choose_local(self, field: str, take: bool = True) -> None:
        """Tick (or untick) `field` for the combination (what a click on its box does)."""
        for line in range(self.fields.rowCount()):
            name, local = self.fields.item(line, 0), self.fields.item(line, self.LOCAL_COLUMN)
            if name is not None and name.data(Qt.ItemDataRole.UserRole) == field and local:
                local.setCheckState(Qt.CheckState.Checked if take else Qt.CheckState.Unchecked)

    def _resolve(self, choice: str) -> None:
        row = self.list.currentRow()
        if self.busy or not 0 <= row < len(self._conflicts):
            return
        merged = None
        if choice == MERGED:
            chosen = self.local_fields()
            if not chosen:
                self._warn(self.tr(
                    "Marque en la última columna al menos un campo que tomar de la versión que "
                    "no se aplicó, o elija «Conservar la compartida»."))
                return
            merged = self._conflicts[row].merged(chosen)
        context = self.context
        who = context.identity.person_id if context.identity is not None else None
        conflict_id = self._conflicts[row].conflict_id
        self._set_busy(True)
        run_task(lambda: resolve_conflict(context.database, conflict_id, choice, merged=merged,
                                          person_id=who, clock=context.clock,
                                          recorder=context.recorder),
                 self._on_resolved, self.pool)

    def _on_resolved(self, _result, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if error is not None:
            if isinstance(error, NotFound):  # resolved meanwhile (another station, a sync)
                self.reload()
            self._warn(error_text(error))
            return
        self.error.hide()
        self.resolved.emit()
        self.reload()

    def _warn(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
