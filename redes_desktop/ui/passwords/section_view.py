"""The Contraseñas section: every account the person may see, by urgency of its password
change (vencida, por vencer, al día — 6.xxxiii), with the generator (5.2 g), the rotation
dialog, reveal and copy for those who may (5.1), and compromised-account incidents (6.xxx).

Who sees which rows is decided in PasswordService (administrators, area titular, CNCS
reviewers); each button asks the service again, so a disabled button is only a courtesy."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.password_status import (
    Action,
    account_permissions,
    password_overview,
    password_words,
)
from redes_desktop.actions.passwords import Passwords
from redes_desktop.actions.report_incident import close_incident, report_incident
from redes_desktop.actions.reveal_password import reveal_password
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models import IncidentState
from redes_desktop.passwords.rotation import RotationState
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.passwords.clipboard import CLEAR_AFTER_MS, ClipboardGuard
from redes_desktop.ui.passwords.generator_dialog import GeneratorDialog
from redes_desktop.ui.passwords.incident_dialogs import CloseIncidentDialog, ReportIncidentDialog
from redes_desktop.ui.passwords.rotation_dialog import RotationDialog
from redes_desktop.ui.passwords.table_model import IncidentsTableModel, RotationTableModel
from redes_desktop.ui.tasks import Reads, run_task


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PasswordsSection(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.overview_reads = Reads(self, pool)  # the tables, off the UI thread
        self.permission_reads = Reads(self, pool)  # what the buttons may do, off the UI thread
        self.guard = ClipboardGuard(self)

        self.summary = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.rotation_model = RotationTableModel(self)
        self.rotation_table = _table(self.rotation_model)
        self.incident_model = IncidentsTableModel(self)
        self.incident_table = _table(self.incident_model)

        self.generate_button = QPushButton(self.tr("&Generador…"))
        self.rotate_button = QPushButton(self.tr("Cambiar &contraseña…"))
        self.reveal_button = QPushButton(self.tr("&Ver"))
        self.copy_button = QPushButton(self.tr("Co&piar"))
        self.report_button = QPushButton(self.tr("&Reportar cuenta comprometida…"))
        self.close_incident_button = QPushButton(self.tr("C&errar incidente…"))
        self.revealed = QLineEdit()
        self.revealed.setReadOnly(True)
        self.revealed.setPlaceholderText(self.tr("La contraseña se muestra aquí 30 segundos"))
        self.revealed.setAccessibleName(self.tr("Contraseña mostrada"))
        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(CLEAR_AFTER_MS)
        self.hide_timer.timeout.connect(self.revealed.clear)

        actions = QHBoxLayout()
        for button in (self.rotate_button, self.reveal_button, self.copy_button,
                       self.report_button):
            actions.addWidget(button)
        actions.addWidget(self.revealed, 1)
        actions.addWidget(self.generate_button)
        rotation_page = QWidget()
        rotation_layout = QVBoxLayout(rotation_page)
        rotation_layout.addWidget(self.summary)
        rotation_layout.addWidget(self.rotation_table, 1)
        rotation_layout.addLayout(actions)
        incident_page = QWidget()
        incident_layout = QVBoxLayout(incident_page)
        incident_layout.addWidget(self.incident_table, 1)
        incident_row = QHBoxLayout()
        incident_row.addStretch(1)
        incident_row.addWidget(self.close_incident_button)
        incident_layout.addLayout(incident_row)
        self.tabs = QTabWidget()
        self.tabs.addTab(rotation_page, self.tr("Cambio de contraseñas"))
        self.tabs.addTab(incident_page, self.tr("Incidentes"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        self.generate_button.clicked.connect(self.open_generator)
        self.rotate_button.clicked.connect(self.open_rotation)
        self.reveal_button.clicked.connect(self.reveal_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.report_button.clicked.connect(self.ask_report)
        self.close_incident_button.clicked.connect(self.ask_close)
        self.rotation_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.incident_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    # -- data --------------------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        return self.overview_reads.idle and self.permission_reads.idle

    def refresh(self) -> None:
        passwords, who = self.passwords(), self._person_id()
        self.overview_reads.run(lambda: password_overview(passwords, person_id=who),
                                self._show)

    def _show(self, overview, error: BaseException | None) -> None:
        if error is not None:
            self._show_error(error)
            return
        selected = self.selected_account_id()
        rows = list(overview.rows)
        self.rotation_model.set_rows(rows)
        self.incident_model.set_rows(list(overview.incidents))
        counts = {state: sum(1 for r in rows if r.state == state) for state in RotationState}
        self.summary.setText(
            self.tr("%1 · %2 por vencer · %3 al día — cada contraseña se cambia al "
                    "menos cada dos meses (criterio 6.xxxiii).")
            .replace("%1", self.tr("%n vencida(s)", "", counts[RotationState.VENCIDA]))
            .replace("%2", str(counts[RotationState.POR_VENCER]))
            .replace("%3", str(counts[RotationState.AL_DIA])))
        self.rotation_table.resizeColumnsToContents()
        self.incident_table.resizeColumnsToContents()
        if selected is not None:
            self.select_account(selected)
        self._update_buttons()

    def passwords(self) -> Passwords:
        return Passwords.of(self.context)

    def _person_id(self) -> uuid.UUID | None:
        return self.context.identity.person_id if self.context.identity else None

    def select_account(self, account_id: uuid.UUID) -> bool:
        for row in range(self.rotation_model.rowCount()):
            if self.rotation_model.row_at(row).account_id == account_id:
                self.rotation_table.selectRow(row)
                return True
        return False

    def selected_row(self):
        rows = self.rotation_table.selectionModel().selectedRows()
        return self.rotation_model.row_at(rows[0].row()) if rows else None

    def selected_account_id(self) -> uuid.UUID | None:
        row = self.selected_row()
        return row.account_id if row else None

    def selected_incident(self):
        rows = self.incident_table.selectionModel().selectedRows()
        return self.incident_model.row_at(rows[0].row()) if rows else None

    def _buttons(self) -> dict[Action, tuple[QPushButton, ...]]:
        return {Action.REVEAL_PASSWORD: (self.reveal_button, self.copy_button),
                Action.ROTATE_PASSWORD: (self.rotate_button,),
                Action.REPORT_INCIDENT: (self.report_button,)}

    def _update_buttons(self, *_args) -> None:
        row = self.selected_row()
        buttons = self._buttons()
        for group in buttons.values():
            for button in group:
                button.setEnabled(False)  # until the answer arrives
        incident = self.selected_incident()
        self.close_incident_button.setEnabled(
            incident is not None and incident.state == IncidentState.ABIERTO)
        if row is None:
            self.permission_reads.run(lambda: {}, self._show_permissions)
            return
        passwords, who, account_id = self.passwords(), self._person_id(), row.account_id
        self.permission_reads.run(
            lambda: account_permissions(passwords, account_id, tuple(buttons), person_id=who),
            self._show_permissions)

    def _show_permissions(self, decisions, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(error_text(error))
            return
        allowed: dict[Action, bool] = {}
        buttons = self._buttons()
        if decisions:
            for action, decision in decisions.items():
                allowed[action] = decision.allowed
                for button in buttons[action]:
                    button.setToolTip(decision.reason)
        for action, group in buttons.items():
            for button in group:
                button.setEnabled(allowed.get(action, False))

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            self.message.setText(error.message)
        else:
            self.message.setText(
                self.tr("Ocurrió un error inesperado: %1").replace("%1", str(error)))

    # -- reveal and copy ---------------------------------------------------------------------
    def _fetch(self, purpose: str, on_password) -> None:
        account_id = self.selected_account_id()
        if account_id is None:
            self.message.setText(self.tr("Elija una cuenta de la lista."))
            return
        passwords, who = self.passwords(), self._person_id()

        def work() -> str:
            return reveal_password(passwords, account_id, purpose=purpose, person_id=who)

        def done(password: str | None, error: BaseException | None) -> None:
            if error is not None:
                self.revealed.clear()
                self._show_error(error)
                return
            on_password(password)

        run_task(work, done, self.pool)

    def reveal_selected(self) -> None:
        def show(password: str) -> None:
            self.revealed.setText(password)
            self.hide_timer.start()
            self.message.setText(self.tr("La contraseña se ocultará en 30 segundos."))

        self._fetch("ver", show)

    def copy_selected(self) -> None:
        def copy(password: str) -> None:
            self.guard.copy(password)
            self.message.setText(self.tr(
                "Contraseña copiada; el portapapeles se borrará en 30 segundos."))

        self._fetch("copiar", copy)

    # -- dialogs -----------------------------------------------------------------------------
    def _read_words(self, dialog: GeneratorDialog | RotationDialog,
                    account_id: uuid.UUID | None) -> None:
        """The account's words a password must avoid, read off the UI thread into `dialog`."""
        passwords = self.passwords()
        dialog.load_words(lambda: password_words(passwords, account_id), self.pool)

    def open_generator(self) -> GeneratorDialog:
        dialog = GeneratorDialog(self, None, self.guard)
        self._read_words(dialog, self.selected_account_id())
        dialog.open()
        return dialog

    def rotation_dialog(self) -> RotationDialog | None:
        row = self.selected_row()
        if row is None:
            self.message.setText(self.tr("Elija una cuenta de la lista."))
            return None
        dialog = RotationDialog(self.context, row.account_id, row.handle, [], self.guard, self,
                                self.pool)
        self._read_words(dialog, row.account_id)
        dialog.accepted.connect(self._rotated)
        return dialog

    def open_rotation(self) -> None:
        dialog = self.rotation_dialog()
        if dialog is not None:
            dialog.open()

    def _rotated(self) -> None:
        self.refresh()
        self.message.setText(self.tr("Contraseña guardada en el llavero y cambio registrado."))

    def ask_report(self) -> None:
        row = self.selected_row()
        if row is None:
            self.message.setText(self.tr("Elija una cuenta de la lista."))
            return
        dialog = ReportIncidentDialog(row.handle, to_mexico(self.context.clock()), self)
        if dialog.exec():
            self.submit_report(row.account_id, *dialog.values())

    def submit_report(self, account_id: uuid.UUID, description: str, observed) -> None:
        """Open the incident and mail it off the UI thread (SMTP may take seconds)."""
        passwords, who = self.passwords(), self._person_id()

        def work() -> bool:
            return report_incident(passwords, account_id, description, observed, person_id=who)

        def done(sent: bool | None, error: BaseException | None) -> None:
            if error is not None:
                self._show_error(error)
                return
            self.refresh()
            self.message.setText(self.tr(
                "Incidente abierto; se avisó al titular del área, a CNCS y a UNICOM. La "
                "publicación en la cuenta queda suspendida y la contraseña debe cambiarse ya.")
                if sent else self.tr(
                "Incidente abierto, pero el correo no salió: queda pendiente y se reintentará. "
                "Avise también por teléfono al titular del área, a CNCS y a UNICOM."))

        run_task(work, done, self.pool)

    def ask_close(self) -> None:
        incident = self.selected_incident()
        if incident is None:
            return
        dialog = CloseIncidentDialog(incident.handle, self)
        if dialog.exec():
            self.submit_close(incident.id, dialog.text())

    def submit_close(self, incident_id: uuid.UUID, resolution: str) -> None:
        passwords, who = self.passwords(), self._person_id()

        def work() -> None:
            close_incident(passwords, incident_id, resolution, person_id=who)

        def done(_result, error: BaseException | None) -> None:
            if error is not None:
                self._show_error(error)
                return
            self.refresh()
            self.message.setText(self.tr("Incidente cerrado."))

        run_task(work, done, self.pool)
