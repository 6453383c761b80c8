"""«Conflictos»: both versions side by side; keep one, or edit a merge and save it.
Listing and resolving are actions (`actions/resolve_conflict.py`) run off the UI thread."""

from __future__ import annotations

import json

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from redes_desktop.actions.resolve_conflict import ConflictItem, list_conflicts, resolve_conflict
from redes_desktop.clock import to_mexico
from redes_desktop.errors import NotFound
from redes_desktop.sync.conflicts import KEEP_LOCAL, KEEP_SERVER, MERGED
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.tasks import run_task


class ConflictsDialog(QDialog):
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
        self.server_view = QPlainTextEdit()
        self.server_view.setReadOnly(True)
        self.local_view = QPlainTextEdit()
        self.local_view.setToolTip(
            self.tr("Puede editar esta versión y guardarla como combinación.")
        )
        columns = QHBoxLayout()
        for title, view in ((self.tr("Versión en la base compartida"), self.server_view),
                            (self.tr("Versión que no se aplicó"), self.local_view)):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(view)
            columns.addLayout(box)
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
        layout.addLayout(columns, 3)
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
            self.list.addItem(QListWidgetItem(
                self.tr("%s — %s (%s)") % (self.table_label(conflict.table_name),
                                           self.kind_label(conflict.kind),
                                           f"{to_mexico(conflict.detected_at):%d/%m %H:%M}")
            ))
        empty = not self._conflicts
        for button in (self.keep_server, self.keep_local, self.save_merge):
            button.setEnabled(not empty)
        if empty:
            self.reason.setText(self.tr("No hay conflictos pendientes."))
            self.server_view.clear()
            self.local_view.clear()
        else:
            self.list.setCurrentRow(0)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.keep_server, self.keep_local, self.save_merge):
            button.setEnabled(not busy and bool(self._conflicts))

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
        self.server_view.setPlainText(
            json.dumps(conflict.server_data, ensure_ascii=False, indent=2))
        self.local_view.setPlainText(
            json.dumps(conflict.local_data, ensure_ascii=False, indent=2))

    def _resolve(self, choice: str) -> None:
        row = self.list.currentRow()
        if self.busy or not 0 <= row < len(self._conflicts):
            return
        merged = None
        if choice == MERGED:
            try:
                merged = json.loads(self.local_view.toPlainText())
            except ValueError as error:
                self._warn(self.tr("La combinación no es JSON válido (línea %s, columna %s); "
                                   "corríjala y vuelva a guardarla.")
                           % (getattr(error, "lineno", "?"), getattr(error, "colno", "?")))
                return
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
        self.reload()

    def _warn(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
