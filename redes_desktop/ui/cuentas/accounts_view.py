"""The Cuentas section: areas, accounts and their administrators, with search."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.context import AppContext
from redes_desktop.services.directory import fold
from redes_desktop.ui.cuentas.procedure_tabs import add_procedure_tabs
from redes_desktop.ui.cuentas.table_model import AccountsTableModel


class AccountsSection(QWidget):
    SEARCH_DELAY_MS = 200

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Buscar por cuenta, usuario, área, administrador, red o estado (Ctrl+F)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()

        self.model = AccountsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)

        self.areas_tree = QTreeWidget()
        self.areas_tree.setHeaderLabels(
            [
                self.tr("Área / persona"),
                self.tr("Tipo / nivel"),
                self.tr("Entidad / correo"),
                self.tr("Roles"),
            ]
        )
        self.areas_tree.setAlternatingRowColors(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("Cuentas"))
        self.tabs.addTab(self.areas_tree, self.tr("Áreas y administradores"))
        add_procedure_tabs(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._debounce.start)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self._focus_search)
        self.refresh()

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def refresh(self) -> None:
        text = self.search_edit.text()
        with self.context.session() as session:
            directory = self.context.directory(session)
            rows = directory.search_accounts(text)
            self.model.set_rows(rows)
            self._fit_columns()
            self._fill_areas(directory, fold(text))
        self.count_label.setText(self.tr("%n cuenta(s)", "", len(rows)))

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 260))

    def _fill_areas(self, directory, needle: str) -> None:
        self.areas_tree.clear()
        people_by_area: dict = {}
        for person in directory.people():
            people_by_area.setdefault(person.area_id, []).append(person)
        for area in directory.areas():
            members = people_by_area.get(area.id, [])
            area_text = fold(f"{area.name} {area.state or ''} {area.acronym}")
            matching = [
                p
                for p in members
                if not needle or needle in fold(f"{p.name} {p.email}") or needle in area_text
            ]
            if needle and needle not in area_text and not matching:
                continue
            item = QTreeWidgetItem([area.name, area.kind.label, area.state or "", ""])
            for person in matching:
                roles = ", ".join(r.label for r in sorted(person.role_set))
                QTreeWidgetItem(item, [person.name, person.level.label, person.email, roles])
            self.areas_tree.addTopLevelItem(item)
            if needle:
                item.setExpanded(True)
        self.areas_tree.resizeColumnToContents(0)
