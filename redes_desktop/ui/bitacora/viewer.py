"""The Bitácora section: entries newest first, filters (account, area, person, action, dates),
full-text search over the decrypted details (off the UI thread), an entry's details on
selection, export for audits and verification of the chain.

Each person sees only what they are entitled to (bitacora/access.py): CNCS reviewers see every
entry; anyone else the entries of the accounts they may read plus their own. Every query, the
search and the export go through the same filters.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer
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

from redes_desktop.actions.unit_of_work import NO_IDENTITY_MESSAGE
from redes_desktop.bitacora.access import EVERYTHING, NOTHING, Visibility, visibility_for
from redes_desktop.bitacora.names import Names, load_names
from redes_desktop.bitacora.query import Filters
from redes_desktop.clock import mexico_tz, to_mexico
from redes_desktop.ui.bitacora.search import SearchSignals, SearchTask, start_search
from redes_desktop.ui.bitacora.table_model import BitacoraTableModel, action_label
from redes_desktop.ui.qt_dates import to_date
from redes_desktop.ui.tasks import run_task

if TYPE_CHECKING:  # only for annotations: the service module loads the data layer
    from redes_desktop.bitacora.service import Bitacora

NO_DATE = QDate(2000, 1, 1)


class BitacoraSection(QWidget):
    SEARCH_DELAY_MS = 300

    def __init__(self, context, parent: QWidget | None = None, *, bitacora: Bitacora | None = None,
                 names: Names | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.bitacora: Bitacora | None = bitacora or getattr(
            getattr(context, "recorder", None), "bitacora", None)
        layout = QVBoxLayout(self)
        if self.bitacora is None:
            layout.addWidget(QLabel(self.tr("La bitácora no está abierta en esta sesión.")))
            return
        self.names = names if names is not None else load_names(context.database)
        self.visibility = self._load_visibility()
        self.model = BitacoraTableModel(self.bitacora.reader(), self.names, self)
        self._generation = 0
        self._task: SearchTask | None = None
        self._signals = SearchSignals(self)
        self._signals.batch.connect(self._on_batch)
        self._signals.finished.connect(self._on_search_done)
        self._build(layout)
        self.apply_filters()

    def _load_visibility(self) -> Visibility:
        """What the person using this workstation may read (no context: tests, everything)."""
        if self.context is None:
            return EVERYTHING
        if getattr(self.context, "identity", None) is None:
            return NOTHING
        with self.context.session() as session:
            person = self.context.current_person(session)
            return visibility_for(session, self.context.clock, person)

    def _scope_text(self) -> str:
        if self.visibility.everything:
            return ""
        if self.visibility.actor is None:
            return NO_IDENTITY_MESSAGE
        return self.tr("Se muestran las entradas de las cuentas que usted administra o de su "
                       "área, y las acciones que usted realizó (criterio 8.iii). La CNCS "
                       "consulta la bitácora completa.")

    # -- layout ------------------------------------------------------------------------------
    def _build(self, layout: QVBoxLayout) -> None:
        accounts = [(key, label) for key, label in self.names.accounts.items()
                    if self.visibility.shows_account(key)]
        self.account_box = self._combo(self.tr("Todas las cuentas"),
                                       sorted(accounts, key=lambda i: i[1]))
        self.area_box = self._combo(self.tr("Todas las áreas"),
                                    sorted(self.names.areas.items(), key=lambda i: i[1]))
        self.person_box = self._combo(self.tr("Todas las personas"),
                                      sorted(self.names.people.items(), key=lambda i: i[1]))
        actions = sorted(self.model.reader.actions())
        self.action_box = self._combo(self.tr("Todas las acciones"),
                                      [(a, action_label(a)) for a in actions])
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

    def _combo(self, everything: str, items) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, None)
        for key, label in items:
            box.addItem(label, key)
        return box

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("sin límite"))
        edit.setDate(NO_DATE)
        return edit

    # -- filtering and search ------------------------------------------------------------------
    def current_filters(self) -> Filters:
        import uuid

        def chosen(box: QComboBox):
            value = box.currentData()
            return uuid.UUID(value) if value else None

        area = chosen(self.area_box)
        since, until = self._day(self.since_edit), self._day(self.until_edit)
        return self.visibility.apply(Filters(
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
        filters = self.current_filters()
        text = self.search_edit.text().strip()
        self.details.clear()
        if not text:
            self.model.set_filters(filters)
            self._show_count()
            return
        self._generation += 1
        self.model.begin_search(filters)
        self.status.setText(self.tr("Buscando «%s»…") % text)
        self._task = SearchTask(bitacora.reader, filters, text, self._generation,
                                self._signals)
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
        self.status.setText(self.tr("%n entrada(s) contienen el texto buscado.", "", total))

    def _show_count(self) -> None:
        self.status.setText(self.tr("%n entrada(s)", "", self.model.rowCount()))

    def refresh(self) -> None:
        self.names = load_names(self.context.database) if self.context else self.names
        self.visibility = self._load_visibility()
        self.scope_label.setText(self._scope_text())
        self.scope_label.setVisible(bool(self.scope_label.text()))
        self.model.names = self.names
        self.apply_filters()

    # -- details, verification, export ------------------------------------------------------
    def _show_details(self, current, _previous=None) -> None:
        view = self.model.entry_at(current.row()) if current.isValid() else None
        if view is None:
            self.details.clear()
            return
        lines = [
            self.tr("Fecha: %s (hora de la Ciudad de México)")
            % to_mexico(view.at).strftime("%d/%m/%Y %H:%M:%S"),
            self.tr("Acción: %s") % action_label(view.action),
            self.tr("Persona: %s") % (self.names(view.actor) or view.actor or "—"),
            self.tr("Cuenta: %s") % (self.names(view.account) or view.account or "—"),
            self.tr("Área: %s") % (self.names(view.area) or view.area or "—"),
            self.tr("Estación: %s · entrada %d") % (view.origin, view.seq),
            self.tr("Huella (MAC): %s") % view.mac.hex(),
            "",
        ]
        if view.details_text is None:
            lines.append(self.tr("No se puede descifrar: la entrada fue alterada."))
        else:
            lines.append(json.dumps(view.details, ensure_ascii=False, indent=2))
        self.details.setPlainText("\n".join(lines))

    def verify(self) -> None:
        bitacora = self.bitacora
        if bitacora is None:
            return
        self.verify_button.setEnabled(False)
        self.status.setText(self.tr("Verificando la bitácora…"))
        run_task(bitacora.verify, self._on_verified)

    def _on_verified(self, report, error) -> None:
        self.verify_button.setEnabled(True)
        if error is not None:
            self.status.setText(self.tr("No se pudo verificar: %s") % error)
        elif report.ok:
            self.status.setText(self.tr("Bitácora íntegra: %n entrada(s) verificadas.", "",
                                        report.checked))
        else:
            self.status.setText(self.tr("¡Bitácora alterada! %s")
                                % " ".join(p.message for p in report.problems))

    def _ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Exportar la bitácora"), "bitacora.csv",
            self.tr("CSV (*.csv);;JSON (*.json)"))
        if path:
            self.export_to(path, "json" if path.endswith(".json") or "JSON" in chosen else "csv")

    def export_to(self, path: str, fmt: str) -> None:
        from redes_desktop.bitacora.export import chain_order, export_verified

        bitacora = self.bitacora
        if bitacora is None:
            return
        filters, names = self.current_filters(), self.names
        self.export_button.setEnabled(False)

        def work() -> tuple[int, str | None]:
            reader = bitacora.reader()
            try:
                views = chain_order(reader.iterate(filters, newest_first=False))
            finally:
                reader.close()
            with open(path, "w", encoding="utf-8", newline="") as out:
                return export_verified(bitacora, views, out, fmt, names,
                                       {"estacion": bitacora.workstation})

        run_task(work, lambda outcome, error: self._on_exported(path, outcome, error))

    def _on_exported(self, path: str, outcome, error) -> None:
        self.export_button.setEnabled(True)
        if error is not None:
            self.status.setText(self.tr("No se pudo exportar: %s") % error)
            return
        count, problem = outcome
        text = (self.tr("Se exportaron %1 entradas a %2.")
                .replace("%1", str(count)).replace("%2", path))
        if problem:
            text += " " + self.tr("¡Atención! La bitácora no verifica: %1 Las entradas "
                                  "afectadas van marcadas en la columna «verificacion».") \
                .replace("%1", problem)
        self.status.setText(text)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.bitacora is not None:
            self._debounce.stop()
            self._cancel_search()
        super().closeEvent(event)
