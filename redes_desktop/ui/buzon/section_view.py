"""The Buzón section (issue 17): the inbox of the connected accounts — comments, mentions and
messages — with the response clock of each item, filters, and the item's detail with the reply
editor and its actions: Reclamar, Responder, Ignorar (6.xvi: there is no «bloquear»), Escalar
(5.2 f), Etiquetar (6.vii, 8.ii) and Solicitud de información (6.vii). Reads and actions run
off the UI thread; the table loads page by page as it scrolls."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.inbox_list import InboxDetail, InboxFilter, InboxKey, InboxPageResult
from redes_desktop.actions.inbox_reply import ReplyNeedsReview
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models.inbox import InboxState, InboxTag
from redes_desktop.ui.buzon.store import InboxStore
from redes_desktop.ui.buzon.table_model import InboxTableModel
from redes_desktop.ui.fit import compact_combo
from redes_desktop.ui.tasks import Reads, SynchronousPool, run_task

TICK_MS = 30_000  # the clocks show minutes: repainted, not read again
_WIDTHS = (125, 85, 115, 130, 340, 160, 110, 120)
# The widest clock the table shows (days show without minutes): the clock column fits it, so
# «vencido hace 16 h 5 min» — what the person must see first — is never cut.
WIDEST_CLOCK = "respondido en 23 h 59 min"


def _message(error: BaseException) -> str:
    return error.message if isinstance(error, UserFacingError) else str(error)


class BuzonSection(QWidget):
    loaded = Signal()
    acted = Signal(str)  # what the last action said (for the status line and the tests)

    def __init__(self, context: AppContext, pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.store = InboxStore(context)
        self.reads = Reads(self, pool)
        self.detail_reads = Reads(self, pool)
        self.current: InboxDetail | None = None
        self._stale = False  # jobs ran while hidden: read again when shown
        # The reply being written belongs to one item: another item shows its own draft (or
        # none), so an answer meant for one person never goes to another.
        self._draft_for: uuid.UUID | None = None
        self._drafts: dict[uuid.UUID, tuple[str, str]] = {}

        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName(self.tr("Filtrar por estado"))
        self.state_filter.addItem(self.tr("Todos los estados"), None)
        for state in InboxState:
            self.state_filter.addItem(state.label, state.value)
        self.account_filter = compact_combo(QComboBox())
        self.account_filter.setAccessibleName(self.tr("Filtrar por cuenta"))
        self.account_filter.addItem(self.tr("Todas las cuentas"), None)
        self.mine = QCheckBox(self.tr("Solo los míos"))
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.model = InboxTableModel(context.clock, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate(_WIDTHS):
            header.resizeSection(column, width)
        clock_room = self.table.fontMetrics().horizontalAdvance(WIDEST_CLOCK) + 16
        header.resizeSection(0, max(_WIDTHS[0], clock_room))

        # -- the item ------------------------------------------------------------------------
        self.item_header = QLabel(self.tr("Elija un elemento del buzón."))
        self.item_header.setWordWrap(True)
        self.item_text = QLabel()
        self.item_text.setWordWrap(True)
        self.item_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.claim_label = QLabel()
        self.claim_label.setWordWrap(True)
        self.reply = QPlainTextEdit()
        self.reply.setAccessibleName(self.tr("Respuesta"))
        self.reply.setPlaceholderText(self.tr("Escriba la respuesta: salude a la persona por su "
                                              "nombre y responda en concreto (6.xvii)."))
        self.hand_url = QLineEdit()
        self.hand_url.setPlaceholderText(self.tr("Si respondió a mano en la red, pegue aquí el "
                                                 "enlace de su respuesta"))
        self.hand_url.setToolTip(self.hand_url.placeholderText())
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.claim_button = QPushButton(self.tr("Reclamar"))
        self.check_button = QPushButton(self.tr("Revisar"))
        self.reply_button = QPushButton(self.tr("Responder"))
        self.ignore_button = QPushButton(self.tr("Ignorar"))
        self.escalate_button = QPushButton(self.tr("Escalar…"))
        self.tag_button = QToolButton()
        self.tag_button.setText(self.tr("Etiquetar"))
        self.tag_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tag_menu = QMenu(self.tag_button)
        self.tag_actions: dict[str, QAction] = {}
        for tag, label in ((InboxTag.PREGUNTA, self.tr("Pregunta")),
                           (InboxTag.SOLICITUD_INFORMACION, self.tr("Solicitud de información")),
                           (InboxTag.SUGERENCIA, self.tr("Sugerencia (evaluación, 8.ii)")),
                           (InboxTag.QUEJA, self.tr("Queja"))):
            action = self.tag_menu.addAction(label)
            action.setCheckable(True)
            action.toggled.connect(lambda _on=False: self._apply_tags())
            self.tag_actions[tag.value] = action
        self.tag_button.setMenu(self.tag_menu)
        self.info_button = QPushButton(self.tr("Solicitud de información…"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Estado:")))
        filters.addWidget(self.state_filter)
        filters.addWidget(QLabel(self.tr("Cuenta:")))
        filters.addWidget(self.account_filter, 1)
        filters.addWidget(self.mine)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.item_header)
        detail_layout.addWidget(self.item_text)
        detail_layout.addWidget(self.claim_label)
        detail_layout.addWidget(self.reply, 1)
        detail_layout.addWidget(self.hand_url)
        detail_layout.addWidget(self.findings)
        # Three buttons a row keep the detail narrow, so the table shows the texts.
        buttons = QGridLayout()
        for n, widget in enumerate((self.claim_button, self.check_button, self.reply_button,
                                    self.ignore_button, self.escalate_button, self.tag_button)):
            buttons.addWidget(widget, n // 3, n % 3)
        buttons.addWidget(self.info_button, 2, 0, 1, 3)
        detail_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])  # 3:2 from the first paint, not only on resize
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.mine.toggled.connect(lambda _on: self.refresh())
        self.account_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._selected(current.row()))
        self.claim_button.clicked.connect(self.claim)
        self.check_button.clicked.connect(self.check)
        self.reply_button.clicked.connect(lambda: self.send_reply())
        self.ignore_button.clicked.connect(self.ignore)
        self.escalate_button.clicked.connect(self.escalate)
        self.info_button.clicked.connect(self.information_request)
        self._enable(False)
        # Live checks while typing (the composer's reply checks), debounced; a late answer for
        # older text is dropped.
        self.check_reads = Reads(self, pool)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(700)
        self.check_timer.timeout.connect(self.check)
        self.reply.textChanged.connect(self.check_timer.start)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.model.tick)
        run_task(self.store.accounts, self._on_accounts, pool)
        self.refresh()
        self.timer.start()

    def _on_accounts(self, accounts: Any, error: BaseException | None) -> None:
        if error is not None or not shiboken6.isValid(self):
            return
        self.account_filter.blockSignals(True)
        for account_id, label in accounts:
            self.account_filter.addItem(label, account_id)
        self.account_filter.blockSignals(False)

    # -- loading -----------------------------------------------------------------------------
    def filters(self) -> InboxFilter:
        return InboxFilter(account_id=self.account_filter.currentData(),
                           state=self.state_filter.currentData(), mine=self.mine.isChecked())

    def after_jobs(self) -> None:
        """The window ran its background jobs, the inbox's polling among them: what arrived
        shows without «Actualizar» (read again now if shown, else when shown next)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        filters = self.filters()
        self.reads.run(lambda: (self.store.page(filters, None), self.store.summary()),
                       self._on_first_page)

    def _on_first_page(self, result: Any, error: BaseException | None) -> None:
        if error is not None:
            self.status.setText(self.tr("No se pudo cargar el buzón: %s") % _message(error))
            self.loaded.emit()
            return
        page, summary = result
        selected = self.selected_id()
        filters = self.filters()
        self.model.start(page, lambda after, deliver: self._fetch(filters, after, deliver))
        if selected is not None and (row := self.model.row_of(selected)) >= 0:
            self.table.selectRow(row)
        median = summary.median_response
        median_text = (self.tr("%d h %d min") % divmod(int(median.total_seconds() // 60), 60)
                       if median is not None else self.tr("sin datos"))
        self.summary.setText(" ".join((
            self.tr("%n elemento(s).", "", page.total),
            self.tr("Últimos 90 días: %n recibido(s),", "", summary.received),
            self.tr("%1 % respondidos, mediana de respuesta %2,")
            .replace("%1", f"{summary.answered_share * 100:.0f}").replace("%2", median_text),
            self.tr("%n sugerencia(s) para la evaluación (8.ii).", "", summary.suggestions))))
        self.loaded.emit()

    def _fetch(self, filters: InboxFilter, after: InboxKey | None,
               deliver: Callable[[InboxPageResult | None], None]) -> None:
        def done(page: Any, error: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return
            if error is not None:
                self.status.setText(self.tr("No se pudo cargar el buzón: %s") % _message(error))
            deliver(page if error is None else None)

        run_task(lambda: self.store.page(filters, after), done, self.pool)

    # -- the item ----------------------------------------------------------------------------
    def selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select(self, item_id: uuid.UUID) -> bool:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _selected(self, row: int) -> None:
        if row < 0 or row >= self.model.rowCount():
            self.current = None
            self._enable(False)
            return
        item_id = self.model.row_at(row).id
        self.detail_reads.run(lambda: self.store.detail(item_id), self._on_detail)

    def _on_detail(self, detail: Any, error: BaseException | None) -> None:
        if error is not None:
            self.status.setText(_message(error))
            return
        self.current = detail
        row = detail.row
        handle = detail.author_handle.lstrip("@")
        author = f"{detail.author_name} (@{handle})" if handle else detail.author_name
        header = (self.tr("%1 de %2 a %3 — %4 — %5")
                  .replace("%1", self.model.kind_label(row.kind)).replace("%2", author)
                  .replace("%3", row.account_handle).replace("%4", row.state_label)
                  .replace("%5", row.clock))
        direct = row.kind == "mensaje_directo"
        if direct:
            header += "\n" + self.tr("Es un mensaje privado: la respuesta se envía como mensaje "
                                     "directo, nunca en público.")
        self.item_header.setText(header)
        self.item_text.setText(row.text)
        self._follow_draft(row.id)
        # A private answer has no public address: the conversation opens only for the account.
        # Short enough to be read whole in the field at 1366×768; the tooltip says it all.
        self.hand_url.setPlaceholderText(
            self.tr("Si respondió a mano, pegue la dirección de la conversación privada")
            if direct
            else self.tr("Si respondió a mano en la red, pegue aquí el enlace de su respuesta"))
        self.hand_url.setToolTip(
            self.tr("Si respondió a mano en la conversación privada de la red, pegue aquí la "
                    "dirección de la conversación: queda registrado como respondido.") if direct
            else self.tr("Si respondió a mano en la red, pegue aquí el enlace de su respuesta: "
                         "queda registrado como respondido."))
        if detail.claimed_by and detail.claimed_by_me:
            self.claim_label.setText(self.tr("Lo atiende usted."))
        elif detail.claimed_by:
            self.claim_label.setText(self.tr("Lo atiende %s.") % detail.claimed_by)
        elif detail.reply_text and direct:
            self.claim_label.setText(self.tr("Respondido por mensaje directo (privado: sólo "
                                             "lo ven la persona y la cuenta)."))
        elif detail.reply_text:
            self.claim_label.setText(self.tr("Respondido: «%1» — %2")
                                     .replace("%1", detail.reply_text).replace("%2",
                                                                               detail.reply_url))
        else:
            self.claim_label.setText(self.tr("Nadie lo atiende."))
        if detail.group_sample and row.group_size > 1:
            self.claim_label.setText(self.claim_label.text() + " " + self.tr(
                "Duda recurrente: %d personas preguntan lo mismo (6.xviii).") % row.group_size)
        for tag, action in self.tag_actions.items():
            action.blockSignals(True)
            action.setChecked(tag in row.tags)
            action.blockSignals(False)
        self._enable(row.state in ("nuevo", "asignado", "escalado"))

    def _enable(self, open_item: bool) -> None:
        for button in (self.claim_button, self.check_button, self.reply_button,
                       self.ignore_button, self.escalate_button, self.info_button):
            button.setEnabled(open_item)
        self.tag_button.setEnabled(self.current is not None)

    def _follow_draft(self, item_id: uuid.UUID) -> None:
        """Another item is shown: keep what was written for the previous one and show this
        one's draft (empty at first). The same item shown again keeps the editor as it is."""
        if item_id == self._draft_for:
            return
        if self._draft_for is not None:
            written = (self.reply.toPlainText(), self.hand_url.text())
            if any(part.strip() for part in written):
                self._drafts[self._draft_for] = written
            else:
                self._drafts.pop(self._draft_for, None)
        self._draft_for = item_id
        text, url = self._drafts.pop(item_id, ("", ""))
        self.check_timer.stop()
        self.check_reads.cancel()
        self.reply.blockSignals(True)
        self.reply.setPlainText(text)
        self.reply.blockSignals(False)
        self.hand_url.setText(url)
        self.findings.clear()
        if text.strip():
            self.check_timer.start()

    def _forget_draft(self, item_id: uuid.UUID) -> None:
        """The item was answered: its draft goes, in the editor if it is still shown."""
        self._drafts.pop(item_id, None)
        if self._draft_for == item_id:
            self.reply.clear()
            self.hand_url.clear()

    # -- actions -----------------------------------------------------------------------------
    def _act(self, work: Callable[[], Any], done: Callable[[Any], str]) -> None:
        def finish(result: Any, error: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return
            text = _message(error) if error is not None else done(result)
            self.status.setText(text)
            self.acted.emit(text)
            self.refresh()
            if self.current is not None:
                item_id = self.current.row.id
                self.detail_reads.run(lambda: self.store.detail(item_id), self._on_detail)

        run_task(work, finish, self.pool)

    def claim(self) -> None:
        if self.current is None:
            return
        item_id = self.current.row.id
        self._act(lambda: self.store.claim(item_id),
                  lambda r: self.tr("Lo atiende usted hasta las %s (hora del centro de "
                                    "México).") % f"{to_mexico(r.until):%H:%M}")

    def check(self) -> None:
        if self.current is None:
            return
        item_id, text = self.current.row.id, self.reply.toPlainText()

        def shown(findings: Any, error: BaseException | None) -> None:
            if error is not None:
                self.findings.setText(_message(error))
                return
            self.findings.setText("\n".join(f"{f.rule}: {f.message}" for f in findings)
                                  or self.tr("Sin observaciones."))

        if not text.strip():
            self.check_reads.cancel()
            self.findings.clear()
            return
        self.check_reads.run(lambda: self.store.check(item_id, text), shown)

    def confirm(self, question: str) -> bool:
        """Asks the person (tests replace it)."""
        answer = QMessageBox.question(self, self.tr("Revise la respuesta"), question)
        return answer == QMessageBox.StandardButton.Yes

    def send_reply(self, accept_warnings: bool = False) -> None:
        if self.current is None:
            return
        item_id, text = self.current.row.id, self.reply.toPlainText()
        hand = self.hand_url.text().strip()
        direct = self.current.row.kind == "mensaje_directo"

        def finish(result: Any, error: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return
            if isinstance(error, ReplyNeedsReview):
                if self.confirm(error.message + "\n\n" + self.tr("¿Enviarla de todos modos?")):
                    self.send_reply(accept_warnings=True)
                return
            if error is not None:
                message = _message(error)
            elif direct:  # no public address is claimed for a private answer
                message = self.tr("Respuesta enviada por mensaje directo (privado: sólo la ven "
                                  "la persona y la cuenta).")
            else:
                message = self.tr("Respuesta enviada: %s") % result.url
            if self._draft_for == item_id:
                self.findings.setText(message if error is not None else "")
            if error is None:
                self._forget_draft(item_id)
            self.status.setText(message)
            self.acted.emit(message)
            self.refresh()

        run_task(lambda: self.store.reply(item_id, text, accept_warnings=accept_warnings,
                                          hand_url=hand), finish, self.pool)

    def ignore(self) -> None:
        if self.current is None:
            return
        item_id = self.current.row.id
        self._act(lambda: self.store.ignore(item_id),
                  lambda _r: self.tr("Ignorado (6.xvi): queda en el registro; no se bloquea a "
                                     "nadie."))

    def ask_note(self) -> str | None:
        note, ok = QInputDialog.getMultiLineText(
            self, self.tr("Escalar al titular"),
            self.tr("Nota para el titular del área (5.2 f):"))
        return note if ok else None

    def escalate(self) -> None:
        if self.current is None:
            return
        note = self.ask_note()
        if note is None:
            return
        item_id = self.current.row.id
        self._act(lambda: self.store.escalate(item_id, note),
                  lambda r: self.tr("Escalado a %s%s.") % (
                      r.titular, self.tr(" por correo") if r.mail_queued else ""))

    def _apply_tags(self) -> None:
        if self.current is None:
            return
        item_id = self.current.row.id
        tags = [tag for tag, action in self.tag_actions.items() if action.isChecked()]
        self._act(lambda: self.store.tag(item_id, tags), lambda _r: self.tr("Etiquetas guardadas."))

    def ask_area_email(self) -> str | None:
        email, ok = QInputDialog.getText(
            self, self.tr("Solicitud de información"),
            self.tr("Correo del área responsable de la información (6.vii):"))
        return email if ok else None

    def information_request(self) -> None:
        if self.current is None:
            return
        email = self.ask_area_email()
        if email is None:
            return
        item_id = self.current.row.id

        def done(result: Any) -> str:
            if self._draft_for == item_id:
                self.reply.setPlainText(result.template)
            else:  # another item is shown meanwhile: the template waits with its own item
                self._drafts[item_id] = (result.template, "")
            return (self.tr("Solicitud turnada por correo al área; revise la plantilla de "
                            "respuesta.") if result.mail_queued else
                    self.tr("No hay servidor de correo: avise al área; revise la plantilla."))

        self._act(lambda: self.store.information(item_id, email,
                                                 self.tr("el área responsable")), done)
