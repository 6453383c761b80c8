"""The Redactor's «Publicadas» (issue 15): the published posts with their date (México City's
time) and link, newest first, filtered by account (only those the person may see, 5.1). A link
opens in the browser; a double click opens the post in the Redactor, to be read."""

from __future__ import annotations

import html
import uuid

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.post_calendar import PublishedRow, ViewableAccount
from redes_desktop.clock import to_mexico
from redes_desktop.ui.composer.account_filter import fill_account_filter
from redes_desktop.ui.composer.store import ComposerStore
from redes_desktop.ui.fit import compact_combo
from redes_desktop.ui.tasks import Reads, SynchronousPool

POST_ID = Qt.ItemDataRole.UserRole
DATE, ACCOUNT, TEXT, LINK = range(4)


def open_in_browser(url: str) -> bool:
    """Open `url` in the person's browser (replaced in tests)."""
    return QDesktopServices.openUrl(QUrl(url))


def link_box(parent: QWidget, title: str, text: str, url: str) -> QMessageBox:
    """A message that ends with `url`, which can be selected and copied, and opens in the
    browser when clicked (as in «Publicadas»). Shown without waiting (`open`); kept by the
    caller."""
    box = QMessageBox(QMessageBox.Icon.Information, title, "", QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f'{html.escape(text)}<br><a href="{html.escape(url, quote=True)}">'
                f"{html.escape(url)}</a>")
    box.setInformativeText(QCoreApplication.translate(
        "PublishedView", "Haga clic en la dirección para abrirla en el navegador, o "
        "selecciónela para copiarla."))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label = box.findChild(QLabel, "qt_msgbox_label")
    if label is not None:
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(lambda link: _open_or_say(box, link))
    box.open()
    return box


def _open_or_say(parent: QWidget, url: str) -> None:
    if not open_in_browser(url):
        QMessageBox.warning(parent, QCoreApplication.translate("PublishedView", "Abrir enlace"),
                            QCoreApplication.translate(
                                "PublishedView", "No se pudo abrir el enlace «%s» en el "
                                "navegador. Selecciónelo, cópielo y ábralo a mano.") % url)


class PublishedView(QWidget):
    open_post = Signal(object)  # the PublishedRow to read in the Redactor

    def __init__(self, store: ComposerStore,
                 pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._reads = Reads(self, pool)
        self._account_reads = Reads(self, pool)
        self.rows: tuple[PublishedRow, ...] = ()
        self.loaded = False

        self.account_combo = compact_combo(QComboBox(), 24)
        self.account_combo.setAccessibleName(self.tr("Cuenta de las publicaciones"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Fecha"), self.tr("Cuenta"), self.tr("Texto"), self.tr("Enlace")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ACCOUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LINK, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(LINK, 240)
        self.table.setAccessibleName(self.tr("Publicaciones publicadas"))
        self.open_link_button = QPushButton(self.tr("Abrir enlace"))
        self.open_post_button = QPushButton(self.tr("Ver en el Redactor"))
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Cuenta:")))
        bar.addWidget(self.account_combo, 1)
        bar.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_post_button)
        buttons.addWidget(self.open_link_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.account_combo.activated.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.table.cellClicked.connect(self._cell_clicked)
        self.table.cellDoubleClicked.connect(self._cell_double_clicked)
        self.open_link_button.clicked.connect(self.open_selected_link)
        self.open_post_button.clicked.connect(self.open_selected_post)

    # -- reading ------------------------------------------------------------------------------
    def account_id(self) -> uuid.UUID | None:
        data = self.account_combo.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def reload_accounts(self) -> None:
        self._account_reads.run(self.store.viewable_accounts, self._on_accounts)

    def _on_accounts(self, accounts: tuple[ViewableAccount, ...] | None,
                     error: BaseException | None) -> None:
        if error is not None or accounts is None:
            self._show_error(error)
            return
        chosen = self.account_id()
        fill_account_filter(self.account_combo, accounts, chosen)
        self.refresh()

    def refresh(self) -> None:
        store, account_id = self.store, self.account_id()
        self.loaded = False
        self._reads.run(lambda: store.published_posts(account_id), self._on_rows)

    def _on_rows(self, rows: tuple[PublishedRow, ...] | None,
                 error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        if error is not None or rows is None:
            self._show_error(error)
            return
        self.rows = rows
        self.table.setRowCount(len(rows))
        link_colour = QBrush(QColor("#1565c0"))
        for index, row in enumerate(rows):
            cells = (f"{to_mexico(row.published_at):%d/%m/%Y %H:%M}",
                     f"{row.handle} ({row.network_label})", row.snippet, row.url)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(POST_ID, row.id)
                if column == TEXT:
                    item.setToolTip(row.text)
                if column == LINK:
                    item.setForeground(link_colour)
                    item.setToolTip(self.tr("Abrir %s en el navegador") % row.url)
                self.table.setItem(index, column, item)
        self.message.setVisible(not rows)
        if not rows:
            self.message.setText(self.tr("Aún no hay publicaciones marcadas como publicadas."))
        self.loaded = True

    def _show_error(self, error: BaseException | None) -> None:
        self.message.setText(getattr(error, "message", None) or self.tr(
            "No se pudo leer la lista (%s). Vuelva a intentarlo.") % error)
        self.message.show()
        self.loaded = True

    # -- acting -------------------------------------------------------------------------------
    def _selected(self) -> PublishedRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _cell_clicked(self, row: int, column: int) -> None:
        if column == LINK and 0 <= row < len(self.rows):
            self.open_link(self.rows[row].url)

    def _cell_double_clicked(self, row: int, column: int) -> None:
        if column != LINK and 0 <= row < len(self.rows):
            self.open_post.emit(self.rows[row])

    def open_selected_link(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.open_link(selected.url)

    def open_selected_post(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.open_post.emit(selected)

    def open_link(self, url: str) -> None:
        if not url or not open_in_browser(url):
            QMessageBox.warning(self, self.tr("Abrir enlace"), self.tr(
                "No se pudo abrir el enlace «%s» en el navegador. Cópielo de la lista y ábralo "
                "a mano.") % url)
