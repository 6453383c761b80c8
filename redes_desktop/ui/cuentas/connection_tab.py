"""Cuentas › «Conexión con la red» (issue 17): for each account the person may operate (its
titular, or the suplente covering: 5.1), whether it is connected with its network on this
workstation, by whom and since when; «Conectar…» (the network's consent page in the browser,
OAuth with PKCE through a loopback address) and «Desconectar» (revokes at the network and
deletes the tokens). TikTok is published by hand and says why."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.network_connection import (
    ConnectionInfo,
    NetworkSettings,
    connect_account,
    disconnect_account,
)
from redes_desktop.actions.network_status import ConnectionRow, connection_rows
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.operations import error_text, person_id
from redes_desktop.ui.row_table_model import RowTableModel
from redes_desktop.ui.tasks import Reads, run_task

PREFERENCES_PLACE = "Preferencias › Redes"



class ConnectionTableModel(RowTableModel[ConnectionRow]):
    COLUMNS = ("cuenta", "red", "estado", "usuario", "desde", "por")

    def headers(self) -> list[str]:
        return [self.tr("Cuenta"), self.tr("Red"), self.tr("En esta estación"),
                self.tr("Usuario en la red"), self.tr("Desde"), self.tr("Conectada por")]

    def cell(self, row: ConnectionRow, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.unsupported_reason or self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "estado":
            return QBrush(QColor("#1b5e20" if row.connected else "#5f6368"))
        if role == Qt.ItemDataRole.UserRole:
            return str(row.account_id)
        return None

    def _text(self, row: ConnectionRow, column: str) -> str:
        if column == "cuenta":
            return f"{row.handle} ({row.name})"
        if column == "red":
            return row.network.label
        if column == "estado":
            if not row.supported:
                return self.tr("Se publica a mano")
            return self.tr("Conectada") if row.connected else self.tr("Sin conectar")
        if column == "usuario":
            return row.remote_handle
        if column == "desde":
            return f"{to_mexico(row.connected_at):%d/%m/%Y %H:%M}" if row.connected_at else ""
        return row.connected_by


class _BrowserRelay(QObject):
    """Opens a URL on the UI thread for a worker (QDesktopServices belongs to the GUI)."""

    open_requested = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.open_requested.connect(self._open)

    def _open(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))


class ConnectionTab(QWidget):
    CONNECT_TIMEOUT = 300.0  # seconds to wait for the person's consent in the browser

    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.reads = Reads(self, pool)
        self._relay = _BrowserRelay(self)
        # How the consent page is opened; called on the worker thread. Tests replace it.
        self.open_browser: Callable[[str], object] = self._relay.open_requested.emit
        self.progress: QProgressDialog | None = None
        self._cancel: threading.Event | None = None
        self._busy = False

        intro = QLabel(self.tr(
            "Conecte aquí cada cuenta que administra con su red para publicar y programar "
            "desde el programa. La autorización se pide en el navegador, en la página de la "
            "red; las claves de acceso quedan sólo en el almacén de secretos de esta estación."))
        intro.setWordWrap(True)
        self.model = ConnectionTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.connect_button = QPushButton(self.tr("Conectar…"))
        self.connect_button.clicked.connect(self.connect_selected)
        self.disconnect_button = QPushButton(self.tr("Desconectar"))
        self.disconnect_button.clicked.connect(self.disconnect_selected)
        self.message = QLabel()
        self.message.setObjectName("mensaje_conexion")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.preferences_link = QLabel(
            f'<a href="redes">{self.tr("Abrir Preferencias › Redes")}</a>')
        self.preferences_link.setTextFormat(Qt.TextFormat.RichText)
        self.preferences_link.linkActivated.connect(lambda _href: self.open_preferences())
        self.preferences_link.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.disconnect_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.preferences_link)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self._selected()
        self.refresh()

    # -- reading -------------------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        return self.reads.idle and not self._busy

    def refresh(self) -> None:
        database, clock, who = self.context.database, self.context.clock, person_id(self.context)
        self.reads.run(lambda: connection_rows(database, clock=clock, person_id=who),
                       self._show)

    def _show(self, rows: list[ConnectionRow] | None, error: BaseException | None) -> None:
        if error is not None:
            self.say(error_text(error), ok=False)
            return
        selected = self.selected_row()
        self.model.set_rows(rows or [])
        self.table.resizeColumnsToContents()
        if not rows:
            self.say(self.tr("No administra cuentas que pueda conectar (criterio 5.1)."))
        for index, row in enumerate(rows or []):
            if selected is not None and row.account_id == selected.account_id:
                self.table.selectRow(index)
                break
        else:
            if rows:
                self.table.selectRow(0)
        self._selected()

    def selected_row(self) -> ConnectionRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_handle(self, handle: str) -> None:
        for index, row in enumerate(self.model.rows()):
            if row.handle == handle:
                self.table.selectRow(index)
                return

    def _selected(self, *_args: object) -> None:
        row = self.selected_row()
        usable = row is not None and row.supported and not self._busy
        self.connect_button.setEnabled(usable)
        self.disconnect_button.setEnabled(usable and row is not None and row.connected)
        self.connect_button.setText(self.tr("Volver a conectar…") if row is not None
                                    and row.connected else self.tr("Conectar…"))
        if row is not None and not row.supported:
            self.say(row.unsupported_reason)

    def say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet("" if ok else "color: #b00020;")
        self.message.setText(text)
        self.preferences_link.setVisible(not ok and PREFERENCES_PLACE in text)

    # -- connecting ------------------------------------------------------------------------------
    def connect_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.supported or self._busy:
            return
        context, who = self.context, person_id(self.context)
        cancel = self._cancel = threading.Event()
        open_browser, timeout = self.open_browser, self.CONNECT_TIMEOUT
        self._set_busy(True)
        self.say(self.tr("Esperando la autorización de %s en el navegador…") % row.network.label)
        progress = self.progress = QProgressDialog(
            self.tr("Se abrió la página de %s en el navegador. Inicie sesión con la cuenta "
                    "institucional %s y acepte; esta ventana se cierra sola al terminar.")
            % (row.network.label, row.handle), self.tr("Cancelar"), 0, 0, self)
        progress.setWindowTitle(self.tr("Conectar con la red"))
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(cancel.set)
        progress.rejected.connect(cancel.set)  # closed some other way: stop waiting too
        progress.open()

        def work() -> ConnectionInfo:
            # The secret store may be slow (a keyring over D-Bus): read it here, off the UI.
            networks = NetworkSettings.of(context.workspace.settings, context.secrets)
            return connect_account(context.database, clock=context.clock,
                                   recorder=context.recorder, secrets=context.secrets,
                                   networks=networks, person_id=who, account_id=row.account_id,
                                   open_browser=open_browser, timeout=timeout, cancelled=cancel)

        run_task(work, lambda info, error: self._connected(row, info, error), self.pool)

    def cancel_connection(self) -> None:
        """What «Cancelar» in the progress dialog does (for the tests and the keyboard)."""
        if self._cancel is not None:
            self._cancel.set()

    def _connected(self, row: ConnectionRow, info: ConnectionInfo | None,
                   error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._close_progress()
        self._set_busy(False)
        if error is not None:
            self.say(error_text(error), ok=False)
        elif info is not None:
            self.say(self.tr("La cuenta %s quedó conectada con %s como %s.")
                     % (row.handle, info.network_label, info.remote_handle))
        self.refresh()

    def _close_progress(self) -> None:
        progress, self.progress = self.progress, None
        self._cancel = None
        if progress is not None:
            progress.blockSignals(True)  # closing it is no cancellation
            progress.close()
            progress.deleteLater()

    # -- disconnecting ---------------------------------------------------------------------------
    def ask_confirmation(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Desconectar"), text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def disconnect_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.connected or self._busy:
            return
        if not self.ask_confirmation(self.tr(
                "¿Desconectar %s de %s en esta estación? Se revoca la autorización en la red y "
                "se borran las claves de acceso; las publicaciones programadas de la cuenta no "
                "saldrán hasta que se vuelva a conectar.") % (row.handle, row.network.label)):
            return
        context, who = self.context, person_id(self.context)
        self._set_busy(True)

        def work() -> bool:
            networks = NetworkSettings.of(context.workspace.settings, context.secrets)
            return disconnect_account(context.database, clock=context.clock,
                                      recorder=context.recorder, secrets=context.secrets,
                                      networks=networks, person_id=who,
                                      account_id=row.account_id)

        run_task(work, lambda confirmed, error: self._disconnected(row, confirmed, error),
                 self.pool)

    def _disconnected(self, row: ConnectionRow, confirmed: bool | None,
                      error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if error is not None:
            self.say(error_text(error), ok=False)
        elif confirmed:
            self.say(self.tr("%s quedó desconectada: %s confirmó la revocación y se borraron "
                             "las claves de esta estación.") % (row.handle, row.network.label))
        else:
            self.say(self.tr(
                "%s quedó desconectada en esta estación y se borraron sus claves, pero %s no "
                "confirmó la revocación: retire también el acceso de la aplicación en la "
                "configuración de la cuenta en la red.") % (row.handle, row.network.label))
        self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.table.setEnabled(not busy)
        self._selected()

    def open_preferences(self) -> None:
        """Preferencias › Redes: through the window's opener when there is one."""
        from redes_desktop.ui.preferences.wiring import PreferencesOpener

        opener = self.window().findChild(PreferencesOpener)
        if opener is not None:
            opener.open("redes")
            return
        from redes_desktop.ui.preferences.dialog import PreferencesDialog

        dialog = PreferencesDialog(self.context, self, pool=self.pool, tab="redes")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.refresh())
        self.preferences_dialog = dialog
        dialog.open()
