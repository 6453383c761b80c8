"""The Bitácora section: entries newest first, filters (account, area, person, action, dates),
full-text search over the decrypted details (off the UI thread), an entry's details on
selection, export for audits and verification of the chain.

Each person sees only what they are entitled to (bitacora/access.py): CNCS reviewers see every
entry; anyone else the entries of the accounts they may read plus their own. Every query, the
search and the export go through the same filters.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, QModelIndex, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.read_bitacora import (
    BitacoraPages,
    BitacoraScope,
    bitacora_scope,
    export_bitacora_to,
    search_bitacora,
    verify_bitacora,
    whole_scope,
)
from redes_desktop.bitacora.access import NOTHING
from redes_desktop.bitacora.names import Names
from redes_desktop.bitacora.query import Filters
from redes_desktop.clock import mexico_tz
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.bitacora.search import SearchSignals, SearchTask, start_search
from redes_desktop.ui.bitacora.table_model import BitacoraTableModel, action_label
from redes_desktop.ui.fit import compact_combo
from redes_desktop.ui.qt_dates import to_date
from redes_desktop.ui.tasks import SynchronousPool, run_task

if TYPE_CHECKING:  # only for annotations: the service module loads the data layer
    from redes_desktop.bitacora.service import Bitacora

NO_DATE = QDate(2000, 1, 1)


class BitacoraSection(QWidget):
    SEARCH_DELAY_MS = 300

    def __init__(self, context, parent: QWidget | None = None, *, bitacora: Bitacora | None = None,
                 names: Names | None = None,
                 pool: QThreadPool | SynchronousPool | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool  # where the scope and the pages are read (the global pool by default)
        self.bitacora: Bitacora | None = bitacora or getattr(
            getattr(context, "recorder", None), "bitacora", None)
        layout = QVBoxLayout(self)
        if self.bitacora is None:
            layout.addWidget(QLabel(self.tr("La bitácora no está abierta en esta sesión.")))
            return
        # No context (tests, benchmarks): the whole bitácora, named by `names`. With one, what
        # the person using this workstation may read arrives from an action off the UI thread.
        self.scope: BitacoraScope = (whole_scope(self.bitacora, names or Names())
                                     if context is None else BitacoraScope(Names(), NOTHING, ()))
        self.scope_message = ""
        self.loaded = context is None
        # A verification under way or its result on screen: a count arriving late (read off
        # the UI thread) does not cover it; the next filter or search does.
        self._verification_shown = False
        self._revision = 0
        self.pages = BitacoraPages(self.bitacora)
        self.model = BitacoraTableModel(self.pages, self.scope, self, pool)
        self.model.counted.connect(self._on_counted)
        self.model.failed.connect(self._on_read_failed)
        self.model.dataChanged.connect(self._on_rows_read)
        self._generation = 0
        self._task: SearchTask | None = None
        self._signals = SearchSignals(self)
        self._signals.batch.connect(self._on_batch)
        self._signals.finished.connect(self._on_search_done)
        self._build(layout)
        if context is None:
            self._show_scope()
            self.apply_filters()
        else:
            self.refresh()

    @property
    def names(self) -> Names:
        return self.scope.names

    @property
    def visibility(self):
        return self.scope.visibility

    def _scope_text(self) -> str:
        if self.scope_message:
            return self.scope_message
        if self.visibility.everything or not self.loaded:
            return ""
        return self.tr("Se muestran las entradas de las cuentas que usted administra o de su "
                       "área, y las acciones que usted realizó (criterio 8.iii). La CNCS "
                       "consulta la bitácora completa.")

    # -- layout ------------------------------------------------------------------------------
    def _build(self, layout: QVBoxLayout) -> None:
        self.account_box = self._combo(self.tr("Todas las cuentas"))
        self.area_box = self._combo(self.tr("Todas las áreas"))
        self.person_box = self._combo(self.tr("Todas las personas"))
        self.action_box = self._combo(self.tr("Todas las acciones"))
        self.since_edit, self.until_edit = self._date_edit(), self._date_edit()
        filters = QHBoxLayout()
        for widget in (self.account_box, self.area_box, self.person_box, self.action_box):
            filters.addWidget(widget, 1)
        filters.addWidget(QLabel(self.tr("Desde")))
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel(self.tr("Hasta")))
        filters.addWidget(self.until_edit)

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Buscar en los detalles de las entradas…"))
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.verify_button = QPushButton(self.tr("Verificar integridad"))
        self.export_button = QPushButton(self.tr("Exportar…"))
        tools = QHBoxLayout()
        tools.addWidget(self.search_edit, 1)
        for button in (self.refresh_button, self.verify_button, self.export_button):
            tools.addWidget(button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 160, 180, 180, 170)):
            header.resizeSection(column, width)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Elija una entrada para ver sus detalles."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        self.status = QLabel()
        self.scope_label = QLabel(self._scope_text())
        self.scope_label.setWordWrap(True)
        self.scope_label.setVisible(bool(self.scope_label.text()))

        layout.addWidget(self.scope_label)
        layout.addLayout(filters)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self._debounce.start)
        for box in (self.account_box, self.area_box, self.person_box, self.action_box):
            box.currentIndexChanged.connect(self.apply_filters)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self.apply_filters)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self._ask_export)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)

    def _combo(self, everything: str) -> QComboBox:
        box = compact_combo(QComboBox(), 12)
        box.addItem(everything, None)
        return box

    def _show_scope(self) -> None:
        """Fill the filters from the scope, keeping what was chosen when it is still offered."""
        scope = self.scope
        choices = (
            (self.account_box, scope.accounts()),
            (self.area_box, sorted(scope.names.areas.items(), key=lambda i: i[1])),
            (self.person_box, sorted(scope.names.people.items(), key=lambda i: i[1])),
            (self.action_box, [(a, action_label(a)) for a in scope.actions]),
        )
        for box, items in choices:
            chosen = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for key, label in items:
                box.addItem(label, key)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
            box.blockSignals(False)
        self.scope_label.setText(self._scope_text())
        self.scope_label.setVisible(bool(self.scope_label.text()))
        self.model.scope = scope

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("sin límite"))
        edit.setDate(NO_DATE)
        return edit

    # -- filtering and search ------------------------------------------------------------------
    def focus_search(self) -> bool:
        """Ctrl+F (the main window's «Buscar»): the search over the entries' details (False
        when the bitácora is not open and there is none)."""
        edit = getattr(self, "search_edit", None)
        if edit is None:
            return False
        edit.setFocus()
        edit.selectAll()
        return True

    def current_filters(self) -> Filters:
        import uuid

        def chosen(box: QComboBox):
            value = box.currentData()
            return uuid.UUID(value) if value else None

        area = chosen(self.area_box)
        since, until = self._day(self.since_edit), self._day(self.until_edit)
        return self.scope.filters(Filters(
            account=chosen(self.account_box),
            area=area,
            area_accounts=self.names.accounts_in_area(str(area)) if area else (),
            actor=chosen(self.person_box),
            action=self.action_box.currentData() or None,
            since=since,
            until=until + timedelta(days=1) if until else None,
        ))

    @staticmethod
    def _day(edit: QDateEdit) -> datetime | None:
        value = edit.date()
        if value == NO_DATE:
            return None
        return datetime.combine(to_date(value), time(0), tzinfo=mexico_tz())

    def apply_filters(self) -> None:
        bitacora = self.bitacora
        if bitacora is None:  # the section only says the bitácora is not open
            return
        self._cancel_search()
        if not self.loaded:  # the scope is on its way: nothing may be shown before it
            return
        filters = self.current_filters()
        text = self.search_edit.text().strip()
        self.details.clear()
        self._verification_shown = False
        if not text:
            self.status.setText(self.tr("Cargando la bitácora…"))
            self.model.set_filters(filters)  # the count arrives off the UI thread (counted)
            return
        self._generation += 1
        self.model.begin_search(filters)
        self.status.setText(self.tr("Buscando «%s»…") % text)
        scope = self.scope
        self._task = SearchTask(
            lambda emit, stop: search_bitacora(bitacora, scope, filters, text, emit, stop),
            self._generation, self._signals)
        start_search(self._task)

    def _cancel_search(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _on_batch(self, generation: int, ids: list) -> None:
        if generation == self._generation and self.model.searching:
            self.model.add_matches(ids)
            self.status.setText(self.tr("Buscando… %n coincidencia(s)", "", self.model.rowCount()))

    def _on_search_done(self, generation: int, total: int, error) -> None:
        if generation != self._generation:
            return
        self._task = None
        if error is not None:
            self.status.setText(self.tr("La búsqueda falló: %s") % error)
            return
        self.status.setText(self.tr("%n entrada(s) contiene(n) el texto buscado.", "", total))

    def _show_count(self) -> None:
        self.status.setText(self.tr("%n entrada(s)", "", self.model.rowCount()))

    def _on_counted(self, _count: int) -> None:
        if not self.model.searching and not self._verification_shown:
            self._show_count()

    def _on_read_failed(self, message: str) -> None:
        self.status.setText(message)

    def _on_rows_read(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles=()) -> None:
        """The selected entry's page arrived: show its details."""
        current = self.table.currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self._show_details(current)

    def refresh(self) -> None:
        """Read again, off the UI thread, what the person may read and the names, then show."""
        bitacora, context = self.bitacora, self.context
        if bitacora is None:
            return
        if context is None:
            self.apply_filters()
            return
        who = context.identity.person_id if context.identity is not None else None
        database, clock = context.database, context.clock
        self._revision += 1
        revision = self._revision
        self.refresh_button.setEnabled(False)
        if not self.loaded:
            self.status.setText(self.tr("Cargando la bitácora…"))
        run_task(lambda: bitacora_scope(bitacora, database, clock=clock, person_id=who),
                 lambda scope, error: self._on_scope(revision, scope, error), self.pool)

    def _on_scope(self, revision: int, scope: BitacoraScope | None,
                  error: BaseException | None) -> None:
        if not shiboken6.isValid(self) or revision != self._revision:
            return  # closed meanwhile, or a newer refresh is on its way
        self.refresh_button.setEnabled(True)
        self.loaded = True
        if error is None and scope is not None:
            self.scope, self.scope_message = scope, ""
        else:  # nobody chosen, or the database could not be read: nothing is shown
            self.scope = BitacoraScope(Names(), NOTHING, ())
            self.scope_message = error.message if isinstance(error, UserFacingError) else (
                self.tr("No se pudo leer quién puede consultar la bitácora (%s). Pulse "
                        "«Actualizar» para volver a intentarlo.") % type(error).__name__)
        self._show_scope()
        self.apply_filters()

    # -- details, verification, export ------------------------------------------------------
    def _show_details(self, current, _previous=None) -> None:
        view = self.model.entry_at(current.row()) if current.isValid() else None
        if view is None:  # nothing selected, or its page is on its way (_on_rows_read)
            self.details.clear()
            return
        self.details.setPlainText(self.model.details.text(view))

    def verify(self) -> None:
        bitacora = self.bitacora
        if bitacora is None:
            return
        self.verify_button.setEnabled(False)
        self._verification_shown = True
        self.status.setText(self.tr("Verificando la bitácora…"))
        run_task(lambda: verify_bitacora(bitacora), self._on_verified)

    def _on_verified(self, integrity, error) -> None:
        if not shiboken6.isValid(self):
            return
        self.verify_button.setEnabled(True)
        if error is not None:
            self.status.setText(self.tr("No se pudo verificar: %s") % error)
        elif integrity.ok:
            self.status.setText(self.tr("Bitácora íntegra: %n entrada(s) verificada(s).", "",
                                        integrity.checked))
        else:
            self.status.setText(self.tr("¡Bitácora alterada! %s")
                                % " ".join(integrity.problems or (integrity.blocked or "",)))

    def _ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Exportar la bitácora"), "bitacora.csv",
            self.tr("CSV (*.csv);;JSON (*.json)"))
        if path:
            self.export_to(path, "json" if path.endswith(".json") or "JSON" in chosen else "csv")

    def export_to(self, path: str, fmt: str) -> None:
        bitacora = self.bitacora
        if bitacora is None or not self.loaded:
            return
        # What the viewer shows: its filters and its search text (issue 15).
        scope, filters = self.scope, self.current_filters()
        search = self.search_edit.text().strip()
        self.export_button.setEnabled(False)
        run_task(lambda: export_bitacora_to(path, bitacora, scope, filters, fmt,
                                            {"estacion": bitacora.workstation}, search),
                 lambda outcome, error: self._on_exported(path, outcome, error))

    def _on_exported(self, path: str, outcome, error) -> None:
        if not shiboken6.isValid(self):
            return
        self.export_button.setEnabled(True)
        if error is not None:
            self.status.setText(error.message if isinstance(error, UserFacingError)
                                else self.tr("No se pudo exportar: %s") % error)
            return
        count, problem = outcome.count, outcome.problem
        text = self.tr("%n entrada(s) exportada(s) a %1.", "", count).replace("%1", path)
        if problem:
            text += " " + self.tr("¡Atención! La bitácora no verifica: %1 Las entradas "
                                  "afectadas van marcadas en la columna «verificacion».") \
                .replace("%1", problem)
        self.status.setText(text)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.bitacora is not None:
            self._debounce.stop()
            self._cancel_search()
            self.pages.close()  # a read still on its way reopens it and is dropped
        super().closeEvent(event)
