"""«Cola de publicación» (issue 17): what this workstation's publishing queue holds — each post
with its account, state, due time in México City's time, attempts and the reason of the last
failure. Read off the UI thread (`publishing_queue_rows`), again after each queue run. A row
double-clicked (or Enter) comes out as `open_post` with the post's id, to open it in the
Redactor — a failed or waiting post is corrected there."""

from __future__ import annotations

import uuid
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.publishing_list import QueueRow, publishing_queue_rows
from redes_desktop.clock import to_mexico
from redes_desktop.database import Database
from redes_desktop.models.publishing import JobState
from redes_desktop.ui.row_table_model import RowTableModel
from redes_desktop.ui.tasks import Reads, SynchronousPool

_COLOURS = {JobState.FALLIDA: "#b00020", JobState.RETENIDA: "#8a5a00",
            JobState.PUBLICADA: "#1b5e20", JobState.CANCELADA: "#5f6368"}


class QueueTableModel(RowTableModel[QueueRow]):
    COLUMNS = ("cuenta", "texto", "estado", "programada", "intento", "intentos", "motivo")

    def headers(self) -> list[str]:
        return [self.tr("Cuenta"), self.tr("Publicación"), self.tr("Estado"),
                self.tr("Programada para"), self.tr("Próximo intento"), self.tr("Intentos"),
                self.tr("Motivo del último fallo")]

    def cell(self, row: QueueRow, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.last_error or row.url or row.text_start
        if role == Qt.ItemDataRole.ForegroundRole and column == "estado" \
                and row.state in _COLOURS:
            return QBrush(QColor(_COLOURS[row.state]))
        if role == Qt.ItemDataRole.UserRole:
            return str(row.post_id)
        return None

    def _text(self, row: QueueRow, column: str) -> str:
        if column == "cuenta":
            return f"{row.account_handle} ({row.network_label})"
        if column == "texto":
            return row.text_start
        if column == "estado":
            return row.state_label
        if column == "programada":
            return f"{to_mexico(row.due_at):%d/%m/%Y %H:%M}"
        if column == "intento":
            if row.state in (JobState.PENDIENTE, JobState.ENVIANDO, JobState.RETENIDA):
                return f"{to_mexico(row.next_attempt_at):%d/%m/%Y %H:%M}"
            return ""
        if column == "intentos":
            return str(row.attempts)
        return row.last_error or (row.url if row.state == JobState.PUBLICADA else "")


class QueueView(QWidget):
    open_post = Signal(object)  # the uuid.UUID of the post whose row was activated

    def __init__(self, database: Database, pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.reads = Reads(self, pool)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.include_done = QCheckBox(self.tr("Mostrar también publicadas y canceladas"))
        self.include_done.toggled.connect(lambda _checked: self.refresh())
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.refresh_button.clicked.connect(self.refresh)
        self.model = QueueTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip(self.tr("Doble clic o Intro: abrir la publicación en «Redactar»."))
        # Double click or Enter (the platform's way to activate a row).
        self.table.activated.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.include_done)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        post_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if post_id:
            self.open_post.emit(uuid.UUID(post_id))

    def refresh(self) -> None:
        database, include = self.database, self.include_done.isChecked()
        self.reads.run(lambda: publishing_queue_rows(database, include_done=include), self._show)

    def _show(self, rows: list[QueueRow] | None, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        if error is not None:
            self.summary.setText(getattr(error, "message", None) or self.tr(
                "No se pudo leer la cola de publicación (%s).") % type(error).__name__)
            return
        rows = rows or []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        waiting = sum(r.state in (JobState.PENDIENTE, JobState.ENVIANDO, JobState.RETENIDA)
                      for r in rows)
        failed = sum(r.state == JobState.FALLIDA for r in rows)
        if not rows:
            self.summary.setText(self.tr(
                "No hay publicaciones en la cola de esta estación. Para programar un envío, "
                "marque «Enviar a la red automáticamente» junto a «Programar para»."))
            return
        self.summary.setText(self.tr(
            "%1 en espera, %2 con fallo (hora del centro de México). Las horas son las de "
            "esta estación: la cola corre mientras el programa está abierto.")
            .replace("%1", str(waiting)).replace("%2", str(failed)))
