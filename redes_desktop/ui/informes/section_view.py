"""The Informes section: the quarterly report on the accounts (8.iv), exportable to CSV or
HTML, and the accounts due for their semestral evaluation (8.i), which CNCS records here.

Queries run off the UI thread; a revision number drops a late result for an older choice."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.quarterly_report import (
    USERS_NOT_AVAILABLE,
    QuarterlyReport,
    ReportView,
    last_complete_quarter,
    number,
    period_text,
    quarterly_report,
    render,
)
from redes_desktop.context import AppContext
from redes_desktop.models import ConsultationState
from redes_desktop.ui.informes.evaluation_dialog import EvaluationDialog
from redes_desktop.ui.informes.table_models import DueTableModel, ReportTableModel
from redes_desktop.ui.tasks import run_task


def _table(model, parent: QWidget) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    table = QTableView()
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by area, as the service orders them
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table, proxy


class InformesSection(QWidget):
    loaded = Signal()  # a report (or its error) reached the view

    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.report: QuarterlyReport | None = None
        self._revision = 0
        year, quarter = last_complete_quarter(context.clock())

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setAccessibleName(self.tr("Año del informe"))
        self.quarter = QComboBox()
        self.quarter.setAccessibleName(self.tr("Trimestre del informe"))
        for n, months in enumerate((self.tr("enero a marzo"), self.tr("abril a junio"),
                                    self.tr("julio a septiembre"),
                                    self.tr("octubre a diciembre")), start=1):
            self.quarter.addItem(self.tr("Trimestre %1 (%2)").replace("%1", str(n))
                                 .replace("%2", months), n)
        self.quarter.setCurrentIndex(quarter - 1)
        self.export_button = QPushButton(self.tr("&Exportar…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.ask_export)
        self.period = QLabel()
        self.period.setWordWrap(True)
        self.report_model = ReportTableModel(self)
        self.report_table, self.report_proxy = _table(self.report_model, self)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        users = QLabel(USERS_NOT_AVAILABLE)
        users.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        pickers = QHBoxLayout()
        for label, widget in ((self.tr("&Año:"), self.year), (self.tr("&Trimestre:"),
                                                               self.quarter)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            pickers.addWidget(caption)
            pickers.addWidget(widget)
        pickers.addStretch(1)
        pickers.addWidget(self.export_button)
        report_tab = QWidget()
        report_layout = QVBoxLayout(report_tab)
        report_layout.addLayout(pickers)
        report_layout.addWidget(self.period)
        report_layout.addWidget(self.report_table, 1)
        report_layout.addWidget(self.totals)
        report_layout.addWidget(users)

        self.due_summary = QLabel()
        self.due_summary.setWordWrap(True)
        self.due_model = DueTableModel(self)
        self.due_table, self.due_proxy = _table(self.due_model, self)
        self.evaluate_button = QPushButton(self.tr("&Registrar evaluación…"))
        self.evaluate_button.clicked.connect(self.open_evaluation)
        self.message = QLabel()
        self.message.setWordWrap(True)
        due_actions = QHBoxLayout()
        due_actions.addWidget(self.evaluate_button)
        due_actions.addWidget(self.message, 1)
        due_tab = QWidget()
        due_layout = QVBoxLayout(due_tab)
        due_layout.addWidget(self.due_summary)
        due_layout.addLayout(due_actions)
        due_layout.addWidget(self.due_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(report_tab, self.tr("Informe trimestral (8.iv)"))
        self.tabs.addTab(due_tab, self.tr("Evaluaciones (8.i)"))
        from redes_desktop.ui.informes.council_tab import CouncilTab
        from redes_desktop.ui.informes.training_tab import TrainingTab
        from redes_desktop.ui.informes.users_tab import UsersTab

        self.training_tab = TrainingTab(context)
        self.users_tab = UsersTab(context, self.selected_quarter)
        self.council_tab = CouncilTab(context, pool=pool)
        self.tabs.addTab(self.training_tab, self.tr("Capacitación (5.3)"))
        self.tabs.addTab(self.users_tab, self.tr("Usuarios (8.iv)"))
        self.tabs.addTab(self.council_tab, self.tr("Consejo General (6.xxvii)"))
        from redes_desktop.ui.informes.inbox_tab import InboxReportTab

        self.inbox_tab = InboxReportTab(context, self.selected_quarter)
        self.tabs.addTab(self.inbox_tab, self.tr("Buzón (5.2 e)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        self.year.valueChanged.connect(self.refresh)
        self.quarter.currentIndexChanged.connect(self.refresh)
        self.year.valueChanged.connect(self.users_tab.refresh)
        self.quarter.currentIndexChanged.connect(self.users_tab.refresh)
        self.due_table.selectionModel().currentRowChanged.connect(self._update_evaluate_button)
        self._update_evaluate_button()
        self.refresh()

    # -- loading -------------------------------------------------------------------------------
    def selected_quarter(self) -> tuple[int, int]:
        return self.year.value(), int(self.quarter.currentData())

    def refresh(self) -> None:
        self._revision += 1
        revision = self._revision
        year, quarter = self.selected_quarter()
        database, clock = self.context.database, self.context.clock
        who = self.context.identity.person_id if self.context.identity else None
        self.status.setText(self.tr("Calculando el informe…"))

        def work() -> ReportView:
            return quarterly_report(database, year, quarter, clock=clock, person_id=who)

        run_task(work, lambda result, error: self._loaded(revision, result, error), self.pool)

    def _loaded(self, revision: int, result, error) -> None:
        if not shiboken6.isValid(self) or revision != self._revision:
            return  # closed, or the user chose another quarter meanwhile
        if error is not None:
            self.status.setText(self.tr("No se pudo calcular el informe: %1").replace(
                "%1", getattr(error, "message", str(error))))
            self.loaded.emit()
            return
        report, due, everything, problem = (result.report, list(result.due), result.everything,
                                            result.problem)
        self.report = report
        self.report_model.set_rows(report.rows if report else [])
        self.due_model.set_rows(due)
        self.export_button.setEnabled(report is not None)
        scope = (self.tr("Todas las cuentas del Instituto.") if everything else
                 self.tr("Las cuentas de sus áreas (criterio 5.1); CNCS ve todas."))
        self.period.setText(f"{period_text(report)} {scope}" if report else problem)
        self.totals.setText(self._totals_text(report) if report else "")
        self.status.setText("")
        self.due_summary.setText(self.tr(
            "%n cuenta(s) sin una evaluación de los últimos seis meses (criterio 8.i). La "
            "evaluación la aplica la Coordinación Nacional de Comunicación Social.", "",
            len(due)))
        self.report_table.resizeColumnsToContents()
        self.due_table.resizeColumnsToContents()
        self._update_evaluate_button()
        self.loaded.emit()

    def _totals_text(self, report: QuarterlyReport) -> str:
        t = report.totals
        states = ", ".join(f"{ConsultationState(s).label.lower()}: {n}"
                           for s, n in sorted(t.consultations.items())) or self.tr("ninguna")
        # One count per text: Qt's plural forms (%n) take one number each.
        return (self.tr("Total: %1; %2 (%3); %4 publicaciones por semana; %5. Consultas a CNCS: "
                        "%7. Cambios de contraseña: %8 (%9 a tiempo). Incidentes: %10.")
                .replace("%10", str(t.incidents))
                .replace("%1", self.tr("%n cuenta(s)", "", t.accounts))
                .replace("%2", self.tr("%n mensaje(s)", "", t.posts))
                .replace("%3", self.tr("%n respuesta(s)", "", t.replies))
                .replace("%4", number(t.posts_per_week))
                .replace("%5", self.tr("%n de %6 cumple(n) su periodicidad", "",
                                       t.accounts_meeting_rhythm))
                .replace("%6", str(t.accounts))
                .replace("%7", states).replace("%8", str(t.rotations))
                .replace("%9", str(t.rotations_on_time)))

    # -- export --------------------------------------------------------------------------------
    def ask_export(self) -> None:
        if self.report is None:
            return
        name = f"informe-trimestral-{self.report.year}-T{self.report.quarter}.csv"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Exportar el informe trimestral"), name,
            self.tr("CSV (*.csv);;HTML accesible (*.html)"))
        if path:
            self.export_to(path, "html" if path.lower().endswith((".html", ".htm"))
                           or "HTML" in chosen else "csv")

    def export_to(self, path: str, fmt: str) -> None:
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".html", ".htm"):
            target = target.with_name(f"{target.name}.{fmt}")
        report = self.report
        if report is None:  # e.g. the quarter changed to one not begun while choosing the file
            self.status.setText(self.tr("No hay informe que exportar: elija un trimestre que ya "
                                        "haya comenzado y vuelva a exportar."))
            return
        try:
            target.write_text(render(report, fmt), encoding="utf-8")
        except OSError as error:
            self.status.setText(self.tr("No se pudo escribir «%1» (%2). Elija otra carpeta.")
                                .replace("%1", str(target))
                                .replace("%2", error.strerror or str(error)))
            return
        self.status.setText(self.tr("Informe exportado a %1.").replace("%1", str(target)))

    # -- evaluations (8.i) -----------------------------------------------------------------
    def select_due(self, account_id) -> None:
        for row in range(self.due_proxy.rowCount()):
            index = self.due_proxy.index(row, 0)
            if self.due_proxy.data(index, Qt.ItemDataRole.UserRole) == str(account_id):
                self.due_table.setCurrentIndex(index)
                return

    def _selected_due(self):
        index = self.due_table.currentIndex()
        if not index.isValid():
            return None
        return self.due_model.row_at(self.due_proxy.mapToSource(index).row())

    def _update_evaluate_button(self, *_args) -> None:
        identity = self.context.identity
        if identity is None or not identity.is_reviewer:
            reason = self.tr("Solo un revisor de CNCS registra evaluaciones (criterio 8.i).")
        elif self._selected_due() is None:
            reason = self.tr("Elija una cuenta de la lista.")
        else:
            reason = ""
        self.evaluate_button.setEnabled(not reason)
        self.evaluate_button.setToolTip(reason or self.tr(
            "Registrar la evaluación semestral de la cuenta elegida (criterio 8.i)."))

    def evaluation_dialog(self) -> EvaluationDialog | None:
        row = self._selected_due()
        if row is None:
            self.message.setText(self.tr("Elija una cuenta de la lista."))
            return None
        dialog = EvaluationDialog(self.context, str(row.account_id), row.handle, self,
                                  pool=self.pool)
        dialog.accepted.connect(lambda: self._evaluated(row.handle))
        return dialog

    def open_evaluation(self) -> None:
        dialog = self.evaluation_dialog()
        if dialog is not None:
            dialog.open()

    def _evaluated(self, handle: str) -> None:
        self.message.setText(self.tr("Evaluación de %1 registrada.").replace("%1", handle))
        self.refresh()
