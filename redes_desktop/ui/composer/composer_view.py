"""The Redactor section: write a post and see, while typing, every criterion it breaks."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.attach_media import import_for_publication
from redes_desktop.actions.check_request import check_request
from redes_desktop.actions.post_calendar import CalendarPost, PublishedRow
from redes_desktop.checks.engine import CheckEngine, CheckRequest
from redes_desktop.checks.model import RecentPost
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models import Network
from redes_desktop.ui.composer import composer_layout
from redes_desktop.ui.composer.calendar_view import CalendarView
from redes_desktop.ui.composer.check_scheduler import CheckOutcome, CheckScheduler
from redes_desktop.ui.composer.counters import CountersBar
from redes_desktop.ui.composer.draft_actions import (
    DraftActions,
    DraftWidgets,
    SectionHooks,
    Then,
)
from redes_desktop.ui.composer.draft_conflict import DraftConflictBar
from redes_desktop.ui.composer.engine_factory import (
    default_engine_factory,
    institutional_dictionary,
)
from redes_desktop.ui.composer.findings_panel import FindingsPanel, merge_findings
from redes_desktop.ui.composer.mark_published import MarkPublished, PublishHooks
from redes_desktop.ui.composer.media_panel import MediaPanel
from redes_desktop.ui.composer.network_send import NetworkSend, SendHooks
from redes_desktop.ui.composer.offsets import OffsetMapper
from redes_desktop.ui.composer.post_details import PostDetailsPanel
from redes_desktop.ui.composer.post_editor import PostEditor
from redes_desktop.ui.composer.previews import PreviewPane
from redes_desktop.ui.composer.published_view import PublishedView
from redes_desktop.ui.composer.redactor_find import RedactorFind
from redes_desktop.ui.composer.redactor_tabs import RedactorTabs
from redes_desktop.ui.composer.schedule_field import ScheduleField
from redes_desktop.ui.composer.store import AccountChoice, ComposerStore
from redes_desktop.ui.fit import compact_combo
from redes_desktop.ui.tasks import Reads, SynchronousPool, run_task

NETWORKS = (Network.X, Network.FACEBOOK, Network.INSTAGRAM, Network.YOUTUBE, Network.TIKTOK)


class ComposerSection(QWidget):
    """The Redactor: the account picker, the editor and its live checks; the drafts are its
    `drafts` (a `DraftActions`), «Marcar como publicada» its `marking` (a `MarkPublished`)."""

    # Service availability (e.g. "LanguageTool no disponible: …") for the window's status bar.
    status_message = Signal(str)

    def __init__(
        self,
        context: AppContext,
        engine_factory: Callable[[], CheckEngine] | None = None,
        pool: QThreadPool | SynchronousPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = ComposerStore(context, outcome=lambda: self.outcome)
        self._pool = pool
        self.scheduler = CheckScheduler(engine_factory or default_engine_factory(context), pool,
                                        self)
        # Set by consultas.composer_link.install: «Consultar a CNCS…» and its status line.
        self.consult_handler: Callable[[uuid.UUID | None], None] | None = None
        self.consultation_badge: QWidget | None = None
        self.history_box: QMessageBox | None = None  # a post read from the history
        self.outcome: CheckOutcome | None = None
        self.accounts: list[AccountChoice] = []
        self._recent: tuple[RecentPost, ...] = ()
        self._history = Reads(self, pool)  # the account's recent posts: the newest read only
        self._identity_revision = 0  # a newer reload_identity drops an older one's answer
        self.ready = False  # the accounts were read once: the editor shows what it may

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setObjectName("explicacion")
        self.editor = PostEditor()
        self.editor.setPlaceholderText(self.tr("Escriba aquí la publicación…"))
        self.editor.setAccessibleName(self.tr("Texto de la publicación"))
        self.media = MediaPanel(pool)
        media_dir = context.workspace.paths.media
        self.media.importer = lambda path: import_for_publication(path, media_dir)
        self.findings = FindingsPanel()
        # Purpose, source, bulletin headline, topic and validity (6.i, 6.iv, 6.x, 6.xxvii, 5.2 d).
        self.details_panel = PostDetailsPanel(self.store, lambda: self.post_id, pool)
        self.counters = CountersBar()
        # The post as X, Facebook and Instagram show it (issue 15), updated as one types.
        self.previews = PreviewPane(pool)
        # When to publish, in México City's time; saved with the draft (issue 15).
        self.schedule = ScheduleField(context.clock)
        self.schedule.set_value(None, context.clock())
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_label = QLabel()
        # Said before typing why the chosen account cannot take a draft (issue 15).
        self.account_banner = QLabel()
        self.account_banner.setObjectName("cuenta_bloqueada")
        self.account_banner.setWordWrap(True)
        self.account_banner.setStyleSheet(
            "QLabel#cuenta_bloqueada { background: #fff4e5; border: 1px solid #e0a040; "
            "padding: 6px; }")
        self.account_banner.hide()
        # Another workstation's version of the open draft while text here is unsaved (issue 15).
        self.conflict_bar = DraftConflictBar()

        self.account_combo = compact_combo(QComboBox(), 28)
        self.account_combo.setAccessibleName(self.tr("Cuenta"))
        self.network_boxes = {n: QCheckBox(n.label) for n in NETWORKS}
        self.reply_box = QCheckBox(self.tr("Es respuesta a un usuario"))
        self.reply_box.setToolTip(self.tr("Revisa además que no haya insultos (criterio 6.xx)."))
        self.drafts_combo = compact_combo(QComboBox(), 24)
        self.drafts_combo.setAccessibleName(self.tr("Borradores guardados"))

        self._build_actions()
        self._build_layout()
        self.drafts = DraftActions(
            self,
            DraftWidgets(
                editor=self.editor, media=self.media, reply_box=self.reply_box,
                account_combo=self.account_combo, drafts_combo=self.drafts_combo,
                network_boxes=self.network_boxes, save_label=self.save_label,
                new_action=self.new_action, consult_action=self.consult_action,
                discard_action=self.discard_action, publish_action=self.publish_action,
                schedule=self.schedule,
            ),
            self.store, self.scheduler,
            SectionHooks(
                current_account=self.current_account, accounts=lambda: self.accounts,
                outcome=lambda: self.outcome, reset_networks=self._reset_networks,
                recheck=self._recheck,
            ),
            context.clock, pool,
        )
        self.marking = MarkPublished(self, self.drafts, PublishHooks(
            current_account=self.current_account, recent_posts=lambda: self._recent,
            store_details=self._store_details), pool)
        # «Enviar a la red automáticamente» and «Publicar ahora en la red» (issue 17).
        self.network_send = NetworkSend(
            self, context, self.drafts, self.scheduler, self.schedule, self.publish_action,
            SendHooks(current_account=self.current_account, recent_posts=lambda: self._recent),
            pool)
        self.toolbar.insertAction(self.consult_action, self.network_send.publish_now_action)
        self.network_send.queue_changed.connect(self.queue.refresh)
        self.new_action.triggered.connect(self.drafts.new_draft)
        self.conflict_bar.attach(self.drafts)
        self.publish_action.triggered.connect(self.marking.start)
        self.discard_action.triggered.connect(self.drafts.discard)

        self.editor.textChanged.connect(self._on_edit)
        self.media.changed.connect(self._on_edit)
        self.editor.textChanged.connect(self._update_previews)  # also when a draft is loaded
        self.media.changed.connect(self._update_previews)
        self.reply_box.toggled.connect(self._on_edit)
        self.details_panel.changed.connect(self._on_edit)
        self.details_panel.loaded.connect(self._on_details_loaded)
        self.schedule.changed.connect(self._on_schedule_edit)
        for box in self.network_boxes.values():
            box.toggled.connect(self.schedule_check)
        self.account_combo.currentIndexChanged.connect(self._on_account_changed)
        self.drafts_combo.activated.connect(self.drafts.on_draft_chosen)
        self.editor.add_word_requested.connect(self.add_to_dictionary)
        self.findings.finding_selected.connect(self._select_finding)
        self.scheduler.results_ready.connect(self._on_results)
        self.scheduler.preparing.connect(self.findings.show_preparing)
        self.scheduler.failed.connect(self._on_failed)
        self.reload_identity()

    # -- building ----------------------------------------------------------------------------
    def _action(self, text: str, shortcut: QKeySequence | str | None,
                slot: Callable[[], object] | None = None) -> QAction:
        """A section action; the drafts' actions get their slot once `drafts` exists."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(self.tr("Nuevo borrador"), "Ctrl+N")
        self.undo_action = self._action(self.tr("Deshacer"), "Ctrl+Z", self.editor.undo)
        self.redo_action = self._action(self.tr("Rehacer"), "Ctrl+Shift+Z", self.editor.redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.editor.undoAvailable.connect(self.undo_action.setEnabled)
        self.editor.redoAvailable.connect(self.redo_action.setEnabled)
        self.publish_action = self._action(self.tr("Marcar como publicada…"), None)
        self.publish_action.setEnabled(False)
        self.consult_action = self._action(self.tr("Consultar a CNCS…"), None, self.consult)
        self.discard_action = self._action(self.tr("Descartar"), None)

    def _build_layout(self) -> None:
        self.toolbar = composer_layout.toolbar(
            ((self.new_action, self.undo_action, self.redo_action),
             (self.publish_action, self.consult_action, self.discard_action)),
            self.drafts_combo)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.explanation)
        self.pages.addWidget(composer_layout.writing_page(
            self.toolbar, account=self.account_combo, networks=self.network_boxes.values(),
            reply=self.reply_box, writing=(self.editor, self.media, self.details_panel),
            seeing=(self.counters, self.findings, self.previews),
            above=(self.schedule, self.account_banner, self.conflict_bar),
            status=self.status_label, saved=self.save_label))
        self.tabs = RedactorTabs(self.pages, self.store, self.context.database, self._pool)
        self.calendar, self.published = self.tabs.calendar, self.tabs.published
        self.queue = self.tabs.queue
        self.tabs.open_post.connect(self.open_from_history)
        self.tabs.open_queued.connect(self.select)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # -- drafts (the public face of `drafts`, for the window, the tests and the benchmark) --
    @property
    def post_id(self) -> uuid.UUID | None:
        """The open draft, None before the first save of a new one."""
        return self.drafts.post_id

    @post_id.setter
    def post_id(self, post_id: uuid.UUID | None) -> None:
        self.drafts.post_id = post_id

    @property
    def publishing(self) -> bool:
        return self.drafts.publishing

    def find_text(self, text: str) -> str:
        """Ctrl+F in the Redactor: in the post's text, else in the drafts' titles."""
        return RedactorFind(self.editor, self.drafts_combo).find(text)

    def save_now(self, then: Then | None = None) -> None:
        """Save the draft on the worker; `then(changed)` once it is written."""
        self.drafts.save_now(then)

    def open_draft(self, post_id: uuid.UUID, then: Then | None = None) -> None:
        """Save what is typed, then show draft `post_id`; `then(opened)` at the end."""
        self.drafts.open_draft(post_id, then)

    def mark_published(self) -> bool:
        return self.marking.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Back in the Redactor: the account may have been connected or disconnected
        meanwhile (Cuentas › Conexión con la red)."""
        super().showEvent(event)
        if self.current_account() is not None and not self.publishing:
            self.network_send.refresh()

    def select(self, post_id: uuid.UUID) -> bool:
        """A click on a notification about a post (the publishing queue's), or a row activated
        in «Cola de publicación»: open it (read on the worker; shown when it arrives)."""
        self.tabs.setCurrentIndex(0)
        self.open_draft(post_id)
        return True

    def after_jobs(self) -> None:
        """The window ran its background jobs, the publishing queue among them: show the
        queue and the open draft's sending state as they are now."""
        if self.tabs.currentWidget() is self.queue:
            self.queue.refresh()
        if self.current_account() is not None:
            self.network_send.refresh()

    def show_history(self, view: CalendarView | PublishedView) -> None:
        self.tabs.setCurrentWidget(view)

    def open_from_history(self, post: CalendarPost | PublishedRow,
                          then: Then | None = None) -> None:
        """A post clicked in the calendar or the published list: shown in the editor (a
        published one to be read); `then(opened)` once it is. A post of an account the person
        may see but not write in (a CNCS reviewer, a suplente not covering) is shown in a
        window to be read."""
        if all(account.id != post.account_id for account in self.accounts):
            self.history_box = self.tabs.show_to_read(post)
            if then is not None:
                then(False)
            return
        self.tabs.setCurrentIndex(0)
        self.open_draft(post.id, then)

    def shared_data_changed(self) -> None:
        """A sync brought changes (the window calls it after every sync): the open draft may
        have changed on another workstation (issue 15)."""
        self.drafts.check_shared_version()
        self.details_panel.reload_if_unchanged()

    def consult(self) -> None:
        handler = self.consult_handler
        if handler is not None:
            self.save_now(lambda _changed: self._consult_saved(handler))
            return
        QMessageBox.information(self, self.tr("Consultar a CNCS"), self.tr(
            "La cola de consultas a la CNCS llega en la próxima versión. Mientras tanto, "
            "consulte a la CNCS por los medios habituales y no publique sin su respuesta "
            "(criterio 6.viii)."))

    def _consult_saved(self, handler: Callable[[uuid.UUID | None], None]) -> None:
        """The draft is saved: open the consultation for it, unless its two versions await a
        choice."""
        if self.drafts.conflict is not None:  # the stored text is not the one shown
            QMessageBox.information(self, self.tr("Consultar a CNCS"), self.tr(
                "Este borrador cambió en otra estación: elija primero qué versión "
                "conservar (la barra roja sobre el texto) y después consulte."))
            return
        handler(self.post_id)

    # -- identity and accounts ---------------------------------------------------------------
    def reload_identity(self, then: Callable[[], None] | None = None) -> None:
        """Save the draft, then read on the worker the accounts `context.identity` may compose
        for and fill the account picker (call again after a user switch); `then()` once it is
        filled."""
        self._identity_revision += 1
        revision, store, pool = self._identity_revision, self.store, self._pool

        def read_accounts(_changed: bool) -> None:
            run_task(store.composable_accounts,
                     lambda answer, error: self._on_accounts(revision, answer, error, then),
                     pool)

        self.save_now(read_accounts)

    def _on_accounts(self, revision: int, answer: tuple[list[AccountChoice], str] | None,
                     error: BaseException | None, then: Callable[[], None] | None) -> None:
        if not shiboken6.isValid(self) or revision != self._identity_revision:
            return  # deleted meanwhile, or a newer user switch is on its way
        accounts: list[AccountChoice]
        if error is not None or answer is None:
            accounts, explanation = [], (
                error.message if isinstance(error, UserFacingError) else self.tr(
                    "No se pudieron leer las cuentas en las que puede redactar (%s). Vuelva a "
                    "elegir quién usa esta estación en Archivo → Cambiar de usuario.")
                % type(error).__name__)
        else:
            accounts, explanation = answer
        self.tabs.person_changed()  # another person: other accounts
        self.accounts = accounts
        self.drafts.loading = True
        self.account_combo.clear()
        for choice in self.accounts:
            self.account_combo.addItem(choice.label, choice.id)
        self.drafts.loading = False
        self.explanation.setText(explanation)
        self.pages.setCurrentIndex(1 if self.accounts else 0)
        self.drafts.post_id = None
        if self.accounts:
            self._on_account_changed(0)
            self.drafts.refresh_drafts()
            self.network_send.refresh()
        self.show_account_state()
        self.ready = True
        if then is not None:
            then()

    def _store_details(self, then: Callable[[], None]) -> None:
        """Store the details on the saved draft (on the worker), then `then()`."""
        self.details_panel.follow(self.post_id)
        self.details_panel.save(lambda _saved: then())

    def current_account(self) -> AccountChoice | None:
        index = self.account_combo.currentIndex()
        return self.accounts[index] if 0 <= index < len(self.accounts) else None

    def _on_account_changed(self, _index: int) -> None:
        if self.drafts.loading:
            return
        account = self.current_account()
        if account is None:
            return
        if self.drafts.read_only:
            self.drafts.clear()  # a published post shown to be read is not copied elsewhere
        elif self.post_id is not None:
            self.save_now(lambda _changed: self._moved_to(account))
            return
        self.show_account_state()
        self._reset_networks()
        self.network_send.refresh()  # this account connected here? (issue 17)

    def _moved_to(self, account: AccountChoice) -> None:
        """The draft of the previous account is saved: the text moves to a new draft for
        `account`."""
        self.drafts.post_id = None
        if not account.compromised:
            self.drafts.schedule_save()
        self.show_account_state()
        self._reset_networks()
        self.network_send.refresh()  # connected here? (issue 17)

    def _update_previews(self) -> None:
        self.previews.update_post(self.editor.toPlainText(), self.media.items())

    def show_account_state(self) -> None:
        """An account with an open incident takes no draft: say so before anything is typed
        and make the editor read-only (the text already there stays, for copying)."""
        account = self.current_account()
        blocked = account is not None and account.compromised
        if account is not None:
            self.previews.set_account(account.name, account.handle, account.network)
        if account is not None and blocked:
            self.account_banner.setText(self.tr(
                "La cuenta %s tiene un incidente abierto (criterio 6.xxx): no se puede redactar "
                "ni publicar en ella hasta que se cierre el incidente en «Contraseñas». Elija "
                "otra cuenta para redactar.") % account.handle)
        self.account_banner.setVisible(blocked)
        if not self.publishing:
            read_only = blocked or self.drafts.read_only
            self.editor.setReadOnly(read_only)
            self.media.setEnabled(not read_only)
            self.reply_box.setEnabled(not read_only)
            self.schedule.setReadOnly(read_only)

    def _reset_networks(self) -> None:
        """Tick only the current account's network, then check again."""
        account = self.current_account()
        for network, box in self.network_boxes.items():
            box.blockSignals(True)
            box.setChecked(account is not None and network == account.network)
            box.blockSignals(False)
        self._recheck()

    def reload_checks(self) -> None:
        """Preferencias changed the dictionary, the official sites or LanguageTool: rebuild
        the checks with them and check the draft again."""
        self.scheduler.rebuild_engine()
        self.schedule_check()

    def _recheck(self) -> None:
        """Read the account's recent posts on the worker (the spam rule compares with them),
        then check again."""
        account = self.current_account()
        if account is None:
            self._recent = ()
            self.schedule_check()
            return
        store, account_id, post_id = self.store, account.id, self.post_id
        self._history.run(lambda: store.recent_posts(account_id, post_id), self._on_history)

    def _on_history(self, recent: tuple[RecentPost, ...] | None,
                    error: BaseException | None) -> None:
        # On an error the spam rule sees no history; the check still runs.
        self._recent = recent if error is None and recent is not None else ()
        self.schedule_check()

    def selected_networks(self) -> tuple[Network, ...]:
        chosen = tuple(n for n, box in self.network_boxes.items() if box.isChecked())
        account = self.current_account()
        return chosen or ((account.network,) if account else (Network.OTRA,))

    # -- checking ----------------------------------------------------------------------------
    def build_request(self) -> CheckRequest:
        account = self.current_account()
        self.details_panel.follow(self.post_id)
        return check_request(
            text=self.editor.toPlainText(),
            networks=self.selected_networks(),
            media=self.media.items(),
            is_reply=self.reply_box.isChecked(),
            recent=self._recent,
            now=self.context.clock(),
            rhythm=account.rhythm if account else None,
            area_id=account.area_id if account else None,
            area_contacts=self.context.workspace.settings.area_contacts,
            details=self.details_panel.check_details(),
        )

    def schedule_check(self) -> int:
        """Check the post as it stands (after the debounce, on the worker, where the Consejo
        General session it falls in is looked up too)."""
        self.publish_action.setEnabled(False)
        request = self.build_request()
        account = self.current_account()
        council = self.details_panel.council.with_council(account.id if account else None,
                                                          self.details_panel.post_id)
        return self.scheduler.schedule(request, council)

    def _on_details_loaded(self) -> None:
        """The open draft's details were read on the worker: check with them."""
        if not self.drafts.loading and not self.publishing:
            self.schedule_check()

    def _on_schedule_edit(self) -> None:
        """A new time is saved with the draft (a past one is refused at once, with why)."""
        if self.drafts.loading:
            return
        self.schedule.for_save(self.context.clock())
        if self.current_account() is not None:
            self.drafts.schedule_save()

    def _on_edit(self) -> None:
        if self.drafts.loading:
            return
        self.schedule_check()
        if self.current_account() is not None:
            self.drafts.schedule_save()

    def _on_results(self, _revision: int, outcome: CheckOutcome) -> None:
        self.outcome = outcome
        mapper = OffsetMapper(self.editor.toPlainText())
        rows = merge_findings(outcome.results)
        self.editor.set_findings([(r.finding, *mapper.span(r.finding.start, r.finding.end))
                                  for r in rows])
        self.findings.set_results(outcome.results)
        self.counters.set_results(outcome.results)
        status = "\n".join(outcome.status.values())
        if status != self.status_label.text():
            self.status_message.emit(status)
        self.status_label.setText(status)
        self.publish_action.setEnabled(
            self.current_account() is not None and not self.drafts.read_only
            and all(r.publishable for r in outcome.results.values())
        )

    def _on_failed(self, message: str) -> None:
        self.findings.show_message(message)
        self.status_label.setText(message)

    def _select_finding(self, finding) -> None:
        for mark in self.editor.marks:
            if mark.finding is finding:
                self.editor.select_mark(mark)
                return

    def add_to_dictionary(self, word: str) -> None:
        dictionary = institutional_dictionary(self.scheduler.engine)
        title = self.tr("Diccionario institucional")
        if dictionary is None:
            QMessageBox.information(self, title, self.tr(
                "El diccionario institucional no está disponible en esta revisión. "
                "Vuelva a intentarlo cuando termine de prepararse."))
            return
        try:
            dictionary.add(word)
        except (ValueError, OSError) as error:
            QMessageBox.warning(self, title, self.tr(
                "No se pudo agregar «%s» al diccionario (%s). Revise que la carpeta de datos "
                "permita escribir.") % (word, error))
            return
        self.schedule_check()
