"""The Cuentas section: areas, accounts and their administrators, with search."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.change_administrators import may_change_administrators
from redes_desktop.actions.list_accounts import AreaGroup, list_accounts
from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.administrators_dialog import AdministratorsDialog
from redes_desktop.ui.cuentas.operations import error_text, person_id
from redes_desktop.ui.cuentas.procedure_tabs import ProcedureTabs
from redes_desktop.ui.cuentas.table_model import AccountsTableModel
from redes_desktop.ui.tasks import Reads


class AccountsSection(QWidget):
    SEARCH_DELAY_MS = 200

    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.listing_reads = Reads(self, pool)  # the table and the areas, off the UI thread
        self.permission_reads = Reads(self, pool)  # may the person change administrators?
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

        self.admins_button = QPushButton(self.tr("Cambiar administradores…"))
        self.admins_button.setEnabled(False)
        self.admins_button.setToolTip(self.tr("Elija una cuenta de la lista."))
        self.admins_button.clicked.connect(self.change_administrators)
        self.personal_button = QPushButton(self.tr("Cuenta &personal…"))
        self.personal_button.setToolTip(self.tr(
            "Marcar la cuenta como personal de una Consejera o un Consejero Electoral (criterio "
            "7.vi; solo CNCS)."))
        self.personal_button.clicked.connect(self.ask_personal_owner)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        accounts_tab = QWidget()
        accounts_layout = QVBoxLayout(accounts_tab)
        accounts_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        actions.addWidget(self.admins_button)
        actions.addWidget(self.personal_button)
        actions.addWidget(self.message_label, 1)
        accounts_layout.addLayout(actions)
        accounts_layout.addWidget(self.table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(accounts_tab, self.tr("Cuentas"))
        self.tabs.addTab(self.areas_tree, self.tr("Áreas y administradores"))
        self.procedures = ProcedureTabs(context, self.tabs, self.refresh, pool)
        # Cuentas › Vigencia (5.2 d): the published content whose validity passed.
        from redes_desktop.ui.cuentas.expired_tab import ExpiredTab

        self.expired_tab = ExpiredTab(context, pool=pool)
        self.tabs.addTab(self.expired_tab, self.tr("Vigencia (5.2 d)"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._debounce.start)
        self.table.selectionModel().currentRowChanged.connect(self._account_selected)
        self.refresh()

    def focus_search(self) -> None:
        """Ctrl+F (the main window's «Buscar»)."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    @property
    def idle(self) -> bool:
        return (self.listing_reads.idle and self.permission_reads.idle
                and self.procedures.idle and self.expired_tab.idle)

    def refresh(self, select=None) -> None:
        """Read the accounts again; `select` is the account to choose once they arrive."""
        text = self.search_edit.text()
        database, clock = self.context.database, self.context.clock
        self.listing_reads.run(lambda: list_accounts(database, clock=clock, text=text),
                               lambda listing, error: self._show(text, select, listing, error))

    def _show(self, text: str, select, listing, error: BaseException | None) -> None:
        if error is not None:
            self.message_label.setText(error_text(error))
            return
        rows = list(listing.rows)
        self.model.set_rows(rows)
        self._fit_columns()
        self._fill_areas(listing.areas, expand=bool(text.strip()))
        self.count_label.setText(self.tr("%n cuenta(s)", "", len(rows)))
        if select is not None:
            self.select_account(select)
        self._account_selected()

    # -- change of administrators (7.iv) -----------------------------------------------------
    def selected_account_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index.siblingAtColumn(0), Qt.ItemDataRole.UserRole)

    def select_account(self, account_id) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, Qt.ItemDataRole.UserRole) == str(account_id):
                self.table.setCurrentIndex(index)
                return

    def _account_selected(self, *_args) -> None:
        account_id = self.selected_account_id()
        self.admins_button.setEnabled(False)  # until the answer arrives
        if not account_id:
            self.permission_reads.run(lambda: None, lambda _r, _e: self._show_permission(
                self.tr("Elija una cuenta de la lista.")))
            return
        database, clock, who = self.context.database, self.context.clock, person_id(self.context)
        self.permission_reads.run(
            lambda: may_change_administrators(database, clock=clock, person_id=who,
                                              account_id=account_id),
            lambda reason, error: self._show_permission(
                error_text(error) if error is not None else reason))

    def _show_permission(self, reason: str) -> None:
        self.admins_button.setEnabled(not reason)
        self.admins_button.setToolTip(reason or self.tr(
            "Designar a los nuevos administradores titular y suplente (criterio 7.iv)."))

    def change_administrators(self) -> None:
        account_id = self.selected_account_id()
        if account_id is None:
            return
        dialog = AdministratorsDialog(self.context, account_id, self, pool=self.pool)
        if dialog.exec():
            self.message_label.setText(dialog.result_text())
            self.refresh(select=account_id)

    # -- personal accounts (7.vi) ---------------------------------------------------------
    def personal_dialog(self):
        from redes_desktop.ui.cuentas.personal_dialog import PersonalAccountDialog

        account_id = self.selected_account_id()
        identity = self.context.identity
        if identity is None or not identity.is_reviewer:
            self.message_label.setText(self.tr(
                "Solo la Coordinación Nacional de Comunicación Social marca una cuenta como "
                "personal (criterios 7.vi y 7.ix)."))
            return None
        if account_id is None:
            self.message_label.setText(self.tr("Elija una cuenta de la lista."))
            return None
        dialog = PersonalAccountDialog(self.context, account_id, self, pool=self.pool)
        dialog.accepted.connect(lambda: self._personal_saved(dialog.saved_text, account_id))
        return dialog

    def ask_personal_owner(self) -> None:
        dialog = self.personal_dialog()
        if dialog is not None:
            dialog.open()

    def _personal_saved(self, text: str, account_id: str) -> None:
        self.message_label.setText(text)
        self.refresh(select=account_id)

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 260))

    def _fill_areas(self, areas: tuple[AreaGroup, ...], expand: bool) -> None:
        self.areas_tree.clear()
        for area in areas:
            item = QTreeWidgetItem([area.name, area.kind_label, area.state, ""])
            for member in area.members:
                QTreeWidgetItem(item, [member.name, member.level_label, member.email,
                                       member.roles])
            self.areas_tree.addTopLevelItem(item)
            if expand:
                item.setExpanded(True)
        self.areas_tree.resizeColumnToContents(0)
