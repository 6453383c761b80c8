"""«Solicitudes»: requests for accounts (7.ii), CNCS's decision (7.iii) and the opening."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.authorize_account import authorize_account, reject_account
from redes_desktop.actions.list_requests import RequestRow, list_requests
from redes_desktop.actions.open_account import open_account
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.models.procedures import RequestState
from redes_desktop.ui.cuentas.operations import (
    error_text,
    make_error_label,
    person_id,
    procedures,
    run_action,
    show_error,
)
from redes_desktop.ui.cuentas.queue_title import show_count
from redes_desktop.ui.cuentas.request_dialog import RequestDialog
from redes_desktop.ui.tasks import Reads
from redes_desktop.ui.url_dialog import ask_url


class RequestsTab(QWidget):
    """A queue: pending requests first; `counted` carries how many wait (for the tab title)."""

    counted = Signal(int)

    def __init__(
        self,
        context: AppContext,
        on_change: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        pool=None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.on_change = on_change or (lambda: None)
        self.pool = pool
        self.reads = Reads(self, pool)  # the list is read off the UI thread
        self.is_reviewer = False
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([
            self.tr("Cuenta"), self.tr("Red"), self.tr("Área"), self.tr("Estado"),
            self.tr("Presentada"), self.tr("Solicitó"),
        ])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.new_button = QPushButton(self.tr("Nueva solicitud…"))
        self.authorize_button = QPushButton(self.tr("Autorizar…"))
        self.reject_button = QPushButton(self.tr("Rechazar…"))
        self.open_button = QPushButton(self.tr("Registrar apertura…"))
        self.error_label = make_error_label()
        buttons = QHBoxLayout()
        for button in (self.new_button, self.authorize_button, self.reject_button,
                       self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(split, 1)
        self.new_button.clicked.connect(self.new_request)
        self.authorize_button.clicked.connect(self.authorize_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self._states: dict[str, RequestState] = {}
        self._networks: dict[str, tuple[str, str]] = {}  # request id -> (network, handle)
        self._details: dict[str, str] = {}
        self._recorded: dict[str, bool] = {}
        self.pending = 0
        self.refresh()

    # -- data -------------------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        return self.reads.idle

    def refresh(self, select: str = "") -> None:
        """Read the list again; `select` is the request to choose once it arrives."""
        collaborators, who = procedures(self.context), person_id(self.context)
        self.reads.run(lambda: list_requests(collaborators, person_id=who),
                       lambda listing, error: self._show_queue(select, listing, error))

    def _show_queue(self, select: str, listing, error: BaseException | None) -> None:
        """The list, then what makes it a queue: what waits in bold and counted (for the
        tab's title), and the accounts without a request saying what is missing."""
        self._show(select, listing, error)
        if error is not None:
            return
        self._recorded.clear()
        items = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                items[top.data(0, Qt.ItemDataRole.UserRole)] = top
        for row in listing.rows:
            self._recorded[row.id] = row.recorded
            item = items.get(row.id)
            if item is None:
                continue
            if row.waiting:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            if not row.recorded:
                item.setText(3, self.tr("Sin oficio registrado"))
                self._details[row.id] = self.tr(
                    "La cuenta figura como «Solicitada» pero no hay solicitud registrada: falta "
                    "el oficio firmado por el titular del área (criterio 7.ii). Pida al área que "
                    "presente la solicitud en «Nueva solicitud…»; la CNCS la decide entonces "
                    "(7.iii).")
        self.pending = listing.pending
        self._selection_changed()
        show_count(self, self.tr("Solicitudes"), self.pending)
        self.counted.emit(self.pending)

    def _show(self, select: str, listing, error: BaseException | None) -> None:
        if error is not None:
            show_error(self.error_label, error_text(error))
            return
        current = select or self.selected_id()
        self.tree.clear()
        self._states.clear()
        self._details.clear()
        self._networks.clear()
        self.is_reviewer = listing.is_reviewer
        for row in listing.rows:
            self._add(row)
        for column in range(self.tree.columnCount() - 1):  # handles and areas in full
            self.tree.resizeColumnToContents(column)
        self.reject_button.setVisible(self.is_reviewer)
        self.authorize_button.setVisible(self.is_reviewer)
        if current:
            self.select(current)
        self._selection_changed()

    def _add(self, request: RequestRow) -> None:
        key = request.id
        item = QTreeWidgetItem([
            request.handle, request.network_label, request.area_name, request.state.label,
            f"{to_mexico(request.requested_at):%d/%m/%Y %H:%M}", request.requested_by,
        ])
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        self.tree.addTopLevelItem(item)
        self._states[key] = request.state
        self._networks[key] = (request.network, request.handle)
        extra = ("\n" + self.tr("Motivos de CNCS: %s") % request.reasons + "\n"
                 if request.reasons else "")
        self._details[key] = (
            self.tr("Estado: %s") % request.state.label + "\n"
            + self.tr("Oficio: %s (%s)") % (request.oficio_name, request.oficio_path)
            + f"\n\n{request.description}{extra}"
        )

    def selected_id(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else ""

    def select(self, key: str) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == key:
                self.tree.setCurrentItem(item)
                return

    def _selection_changed(self, *_args) -> None:
        key = self.selected_id()
        state = self._states.get(key)
        recorded = self._recorded.get(key, False)
        self.detail.setPlainText(self._details.get(key, ""))
        self.authorize_button.setEnabled(recorded and state == RequestState.PENDIENTE)
        self.reject_button.setEnabled(recorded and state == RequestState.PENDIENTE)
        self.open_button.setEnabled(recorded and state == RequestState.AUTORIZADA)

    # -- actions -----------------------------------------------------------------------------
    def new_request(self) -> None:
        dialog = RequestDialog(self.context, self, pool=self.pool)
        if dialog.exec():
            self.refresh(select=str(dialog.request_id))
            self.on_change()

    def ask_text(self, title: str, label: str) -> tuple[str, bool]:
        """Asks for a line of text; tests replace it."""
        return QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, "")

    def authorize_selected(self) -> None:
        reasons, ok = self.ask_text(self.tr("Autorizar solicitud"),
                                    self.tr("Comentarios para el área (opcional):"))
        if ok:
            self._act(lambda p, key, who: authorize_account(p, key, reasons, person_id=who))

    def reject_selected(self) -> None:
        reasons, ok = self.ask_text(self.tr("Rechazar solicitud"),
                                    self.tr("Motivos del rechazo (se envían al área):"))
        if ok:
            self._act(lambda p, key, who: reject_account(p, key, reasons, person_id=who))

    def ask_url(self, network: str, handle: str) -> str | None:
        """Asks for the opened account's URL, checked for its network (issue 15: a bad URL
        keeps the dialog open, marked, with the text); tests replace it."""
        return ask_url(self, self.tr("Registrar apertura"),
                       self.tr("Dirección de la cuenta %s ya abierta en la red:") % handle,
                       network or None, handle)

    def open_selected(self) -> None:
        network, handle = self._networks.get(self.selected_id(), ("", ""))
        url = self.ask_url(network, handle)
        if url is not None:
            self._act(lambda p, key, who: open_account(p, key, url, person_id=who))

    def _act(self, action) -> None:
        key = self.selected_id()
        if not key or not self._recorded.get(key, False):
            return
        show_error(self.error_label, "")

        collaborators, who = procedures(self.context), person_id(self.context)
        run_action(lambda: action(collaborators, key, who), self._done, self.pool)

    def _done(self, _result, error: str) -> None:
        if error:
            show_error(self.error_label, error)
            return
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.on_change()
