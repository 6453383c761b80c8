"""The Consultas CNCS section: the queue of consultations with a live countdown, filters by
state, area and account, and the detail (review mode for reviewers of CNCS)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models import ConsultationState
from redes_desktop.ui.consultas.review_dialog import ConsultationDialog
from redes_desktop.ui.consultas.store import ConsultationStore
from redes_desktop.ui.consultas.table_model import ConsultationsTableModel
from redes_desktop.ui.fit import compact_combo
from redes_desktop.ui.tasks import SynchronousPool, run_task

# The countdown shows hh:mm, so a tick every 30 s is enough (a minute boundary is shown at most
# 30 s late); each tick repaints only the countdown column.
TICK_MS = 30_000
_WIDTHS = (190, 260, 200, 120, 120, 80, 260)


class ConsultasSection(QWidget):
    loaded = Signal()

    def __init__(self, context: AppContext, pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.store = ConsultationStore(context)
        self.review_mode = bool(context.identity and context.identity.is_reviewer)

        self.mode_label = QLabel()
        self.mode_label.setWordWrap(True)
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName(self.tr("Filtrar por estado"))
        self.state_filter.addItem(self.tr("Todos los estados"), None)
        for state in ConsultationState:
            self.state_filter.addItem(state.label, state)
        self.area_filter = compact_combo(QComboBox())
        self.area_filter.setAccessibleName(self.tr("Filtrar por área"))
        self.account_filter = compact_combo(QComboBox())
        self.account_filter.setAccessibleName(self.tr("Filtrar por cuenta"))
        self.open_button = QPushButton(self.tr("Abrir consulta…"))
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.count_label = QLabel()

        self.model = ConsultationsTableModel(context.clock, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed sizes: measuring 10,000 rows' contents would cost more than the whole load.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(_WIDTHS):
            header.resizeSection(column, width)
        header.setSortIndicator(ConsultationsTableModel.COUNTDOWN, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Estado:")))
        filters.addWidget(self.state_filter)
        filters.addWidget(QLabel(self.tr("Área:")))
        filters.addWidget(self.area_filter, 1)
        filters.addWidget(QLabel(self.tr("Cuenta:")))
        filters.addWidget(self.account_filter, 1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mode_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.state_filter.currentIndexChanged.connect(self._apply_filter)
        self.area_filter.currentIndexChanged.connect(self._apply_filter)
        self.account_filter.currentIndexChanged.connect(self._apply_filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(self._open_index)
        QShortcut(QKeySequence("Return"), self.table, self.open_selected)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self._set_mode_text()
        self.refresh()
        self.timer.start()

    def _set_mode_text(self) -> None:
        if self.review_mode:
            self.mode_label.setText(self.tr(
                "Modo revisión CNCS: abra una consulta para ver la publicación tal como se envió "
                "y decidir (Aprobada, Rechazada o Requiere cambios) antes de que venza su plazo "
                "de 48 horas."))
        else:
            self.mode_label.setText(self.tr(
                "Consultas a la CNCS de sus cuentas. Sin respuesta en 48 horas la publicación no "
                "procede (criterio 6.viii). Envíe una consulta desde el Redactor."))

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        run_task(self.store.rows, self._on_rows, self.pool)

    def _on_rows(self, rows, error: BaseException | None) -> None:
        import shiboken6

        if not shiboken6.isValid(self) or not shiboken6.isValid(self.table):
            return  # replaced (a change of user) while the rows were on their way
        if error is not None:
            message = error.message if isinstance(error, UserFacingError) else str(error)
            self.count_label.setText(self.tr("No se pudo cargar la cola: %s") % message)
            return
        selected = self.selected_id()
        self._fill_filters(rows)
        self.model.set_rows(rows, self._filters())
        if selected is not None:
            self.select(selected)
        self._update_count()
        self.loaded.emit()

    def _fill_filters(self, rows) -> None:
        areas = sorted({(r.area_name, r.area_id) for r in rows})
        accounts = sorted({(r.account_handle, r.account_id) for r in rows})
        for combo, items, everything in (
            (self.area_filter, areas, self.tr("Todas las áreas")),
            (self.account_filter, accounts, self.tr("Todas las cuentas")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, key in items:
                combo.addItem(label, key)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _filters(self):
        return (self.state_filter.currentData(), self.area_filter.currentData(),
                self.account_filter.currentData())

    def _apply_filter(self) -> None:
        self.model.set_filter(*self._filters())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_rows())
        pending = self.model.pending_count
        self.count_label.setText(
            self.tr("%1 de %n consulta(s); %2.", "", total).replace("%1", str(shown))
            .replace("%2", self.tr("%n pendiente(s)", "", pending)))

    # -- the countdown -----------------------------------------------------------------------
    def visible_rows(self) -> tuple[int, int]:
        """The first and last rows on screen ((0, -1) when none is)."""
        if not self.table.isVisible() or self.model.rowCount() == 0:
            return 0, -1
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        return first, (self.model.rowCount() - 1 if last < 0 else last)

    def tick(self) -> None:
        if self.model.tick(*self.visible_rows()):
            run_task(self.store.expire_due, lambda _n, _e: self.refresh(), self.pool)

    # -- selection and detail ----------------------------------------------------------------
    def selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()).id if rows else None

    def select(self, consultation_id: uuid.UUID) -> bool:
        row = self.model.row_of(consultation_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_consultation(self.model.row_at(index.row()).id)

    def open_selected(self) -> None:
        consultation_id = self.selected_id()
        if consultation_id is not None:
            self.open_consultation(consultation_id)

    def dialog_for(self, consultation_id: uuid.UUID) -> ConsultationDialog:
        dialog = ConsultationDialog(self.context, consultation_id, pool=self.pool, parent=self)
        dialog.decided.connect(lambda _id: self.refresh())
        return dialog

    def open_consultation(self, consultation_id: uuid.UUID) -> None:
        self.dialog_for(consultation_id).exec()

