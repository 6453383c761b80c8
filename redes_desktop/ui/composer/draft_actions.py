"""Drafts and publishing for the Redactor: autosave, reopen, new, discard, mark as published.

`DraftActions` is a small object the `ComposerSection` owns: it gets the widgets it reads and
locks (`DraftWidgets`), the store, the check scheduler, the clock, the pool and a few questions it
asks the section (`SectionHooks`) as constructor parameters, and it owns the draft's identity
(`post_id`) and its running states (`loading`, `saving`, `publishing`).

Every read and write runs on the worker pool (`ui/tasks.py`) and reports back through a
callback: a step that needs the draft saved first (open another draft, switch accounts, consult,
publish) passes what comes next as `then`. No step waits in a local event loop: a save asked for
while another runs is queued behind it (`_after_save`), and while a draft is being opened the
editor takes no typing, so nothing typed meanwhile is overwritten.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from redes_desktop.actions.check_request import post_request
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckResult, RecentPost
from redes_desktop.errors import UserFacingError
from redes_desktop.models import Network, Post
from redes_desktop.ui.composer import shared_version
from redes_desktop.ui.composer.check_scheduler import CheckOutcome, CheckScheduler
from redes_desktop.ui.composer.media_panel import MediaPanel
from redes_desktop.ui.composer.post_editor import PostEditor
from redes_desktop.ui.composer.schedule_field import ScheduleField
from redes_desktop.ui.composer.store import (
    AccountChoice,
    ComposerStore,
    DraftChangedElsewhere,
    DraftContent,
    DraftData,
)
from redes_desktop.ui.tasks import Reads, SynchronousPool, run_task
from redes_desktop.ui.url_dialog import ask_url

Then = Callable[[bool], None]


def _nothing(_done: bool) -> None:
    pass


def post_checker(engine: CheckEngine, recent: tuple[RecentPost, ...], now: datetime,
                 area_contacts: Mapping[str, Any] | None = None,
                 media_dir: Path | None = None) -> Callable[[Post], CheckResult]:
    """The check PostService runs before publishing, built as the editor's live check is
    (`actions.check_request`; `media_dir`: where the files of a post attached on another
    workstation arrive); safe to call on a worker thread."""

    def check(post: Post) -> CheckResult:
        request = post_request(post, recent=recent, now=now, area_contacts=area_contacts,
                               media_dir=media_dir)
        return engine.check(request)[post.network]

    return check


@dataclass(frozen=True)
class DraftWidgets:
    """The Redactor's widgets the draft actions read, fill, and lock while publishing."""

    editor: PostEditor
    media: MediaPanel
    reply_box: QCheckBox
    account_combo: QComboBox
    drafts_combo: QComboBox
    network_boxes: dict[Network, QCheckBox]
    save_label: QLabel
    new_action: QAction
    consult_action: QAction
    discard_action: QAction
    publish_action: QAction
    schedule: ScheduleField  # «Programar para», saved with the draft (issue 15)


@dataclass(frozen=True)
class SectionHooks:
    """What the draft actions ask of the section that owns the account picker and the checks."""

    current_account: Callable[[], AccountChoice | None]
    accounts: Callable[[], list[AccountChoice]]  # in the account picker's order
    outcome: Callable[[], CheckOutcome | None]  # the latest check delivered
    recent_posts: Callable[[], tuple[RecentPost, ...]]  # the history that check saw
    reset_networks: Callable[[], None]  # tick the account's network, then check again
    recheck: Callable[[], None]  # reread the recent posts, then check again
    # Store the post's details (purpose, source…) on the saved draft before it is published,
    # so the publishing check reads what the editor showed and nothing writes the post then.
    store_details: Callable[[], None]


class DraftActions(QObject):
    """Autosave, reopen, new, discard and «Marcar como publicada» for one Redactor.

    A child of the section (`parent`, also the parent of its message boxes): once the section
    is deleted, a save or publishing that ends later on the worker changes nothing on screen.
    """

    SAVE_DELAY_MS = 1000  # the autosave waits this long after the last edit
    # The open draft changed (its id, None for a new one): what is shown about the previous
    # draft (its consultation line) must go at once.
    post_changed = Signal(object)
    # Another workstation's version of the open draft arrived while this one has unsaved text:
    # the stored `DraftData` (None once the person chose). Nothing is saved meanwhile.
    conflict_changed = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        widgets: DraftWidgets,
        store: ComposerStore,
        scheduler: CheckScheduler,
        hooks: SectionHooks,
        clock: Callable[[], datetime],
        pool: QThreadPool | SynchronousPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.widgets = widgets
        self.store = store
        self.scheduler = scheduler
        self.hooks = hooks
        self.clock = clock
        self._pool = pool
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(self.SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.autosave)
        self._post_id: uuid.UUID | None = None
        # Typed since the last successful save: never thrown away without asking (issue 15).
        self.unsaved = False
        self.loading = False  # the widgets are being filled by code: no save, no re-check
        self.saving = False  # a save (or the discard) of this draft runs on the worker
        self._after_save: list[Callable[[], None]] = []  # steps waiting for that save
        self._saving_text = ""  # what the running autosave writes
        self._saving_content: DraftContent | None = None
        self._opening = False  # a draft is being read to be shown: the editor takes no typing
        self._publishing = False  # True while "Marcar como publicada" runs on the worker
        # A published (or otherwise final) post opened to be read: nothing is saved.
        self.read_only = False
        # The version of the open draft the editor started from (opened or last saved): a save
        # finding another one stored (a sync brought it) saves nothing (shared_version.py).
        self.base: DraftContent | None = None
        self.conflict: DraftData | None = None  # the other version, until the person chooses
        self._drafts_reads = Reads(self, pool)  # the list of drafts: the newest read only

    @property
    def publishing(self) -> bool:
        return self._publishing

    @property
    def post_id(self) -> uuid.UUID | None:
        return self._post_id

    @post_id.setter
    def post_id(self, post_id: uuid.UUID | None) -> None:
        if post_id != self._post_id:
            self._post_id = post_id
            if shiboken6.isValid(self):  # not after the section was deleted
                self.post_changed.emit(post_id)

    # -- drafts ------------------------------------------------------------------------------
    def schedule_save(self) -> None:
        """Save `SAVE_DELAY_MS` after the last edit (each call restarts the wait)."""
        self.unsaved = True
        self._save_timer.start()

    def autosave(self) -> None:
        """The timer's save, on the worker: typing never waits for the database and its fsync
        (a save took 7–25 ms on the UI thread, over a frame)."""
        account = self.hooks.current_account()
        if (self.loading or self._opening or self._publishing or self.read_only
                or account is None):
            return
        if self.saving:
            self._save_timer.start()  # once the running save is done
            return
        if self.conflict is not None:
            self._say_conflict()
            return
        w = self.widgets
        text, media = w.editor.toPlainText(), w.media.items()
        reply = w.reply_box.isChecked()
        post_id = self.post_id
        if post_id is None and not text.strip() and not media:
            return
        findings = self.store.findings_for(text, reply)  # the latest check, read here
        store, expected = self.store, self.base
        account_id = account.id
        scheduled = w.schedule.for_save(self.clock())  # KEEP (and said why) when past

        def work() -> tuple[bool, uuid.UUID]:
            if post_id is None:
                return True, store.create(account_id, text, reply, media, findings=findings,
                                          scheduled_at=scheduled)
            return store.save(post_id, text, reply, media, findings=findings,
                              scheduled_at=scheduled, expected=expected), post_id

        self.saving = True
        self._saving_text = text
        self._saving_content = DraftContent.of(text, reply, media)
        run_task(work, self._on_autosaved, self._pool)

    def _on_autosaved(self, result: tuple[bool, uuid.UUID] | None,
                      error: BaseException | None) -> None:
        self.saving = False
        if not shiboken6.isValid(self):
            return
        if isinstance(error, DraftChangedElsewhere):
            self._enter_conflict(error.current)
        elif error is not None or result is None:
            message = getattr(error, "message", None) or self.tr(
                "error inesperado (%s); se reintentará al seguir escribiendo") % error
            self.widgets.save_label.setText(self.tr("No se guardó: %s") % message)
        elif self._saving_content is not None:  # always set by the autosave that ran
            self._written(self._saving_text, self._saving_content, result)
        self._run_waiting()

    def _written(self, text: str, content: DraftContent,
                 result: tuple[bool, uuid.UUID]) -> bool:
        """A save of `text` (`content`) ended well: the draft's id and the version it now
        starts from, the list, the label; whether it changed anything."""
        changed, post_id = result
        if self.post_id is None:
            self.post_id = post_id
            self.refresh_drafts()
        if post_id == self.post_id:
            self.base = content
        if self.widgets.editor.toPlainText() == text and not self._save_timer.isActive():
            self.unsaved = False  # nothing was typed while it was written
        if changed:
            self.widgets.save_label.setText(self.tr("Borrador guardado."))
        return changed

    def _when_saved(self, step: Callable[[], None]) -> None:
        """Run `step` once no save of this draft is running (at once when none is)."""
        if self.saving:
            self._after_save.append(step)
        else:
            step()

    def _run_waiting(self) -> None:
        """A save ended: the steps that waited for it, in order; one that starts another save
        leaves the rest waiting for that one."""
        while self._after_save and not self.saving and shiboken6.isValid(self):
            self._after_save.pop(0)()

    def save_now(self, then: Then | None = None) -> None:
        """Save the draft now (creating it on the first edit), on the worker; `then(changed)`
        once it is written (False when nothing changed, or it could not be saved: the reason
        is on the save label). A save already running ends first."""
        self._save_timer.stop()
        if self.saving:
            self._after_save.append(lambda: self.save_now(then))
            return
        if self._publishing:  # the post being published was saved just before
            (then or _nothing)(False)
            return
        self._save(then or _nothing)

    def _save(self, then: Then) -> None:
        account = self.hooks.current_account()
        if self.loading or self._opening or self.read_only or account is None:
            then(False)
            return
        w = self.widgets
        text, media = w.editor.toPlainText(), w.media.items()
        reply = w.reply_box.isChecked()
        store, post_id, account_id = self.store, self.post_id, account.id
        if post_id is None and not text.strip() and not media:
            self.unsaved = False  # nothing worth keeping
            then(False)
            return
        scheduled = w.schedule.for_save(self.clock())  # KEEP (and said why) when past
        if self.conflict is not None and post_id is not None:
            self._say_conflict()
            then(False)
            return
        expected = self.base
        content = DraftContent.of(text, reply, media)

        def work() -> tuple[bool, uuid.UUID]:
            if post_id is None:
                return True, store.create(account_id, text, reply, media,
                                          scheduled_at=scheduled)
            return store.save(post_id, text, reply, media, scheduled_at=scheduled,
                              expected=expected), post_id

        self.saving = True  # the autosave timer waits for this save
        run_task(work, lambda result, error: self._on_saved(text, content, then, result, error),
                 self._pool)

    def _on_saved(self, text: str, content: DraftContent, then: Then,
                  result: tuple[bool, uuid.UUID] | None, error: BaseException | None) -> None:
        self.saving = False
        if not shiboken6.isValid(self):
            return  # the section was deleted while the save ran; the row is written
        if isinstance(error, DraftChangedElsewhere):
            self._enter_conflict(error.current)
            then(False)
        elif error is not None or result is None:
            message = error.message if isinstance(error, UserFacingError) else self.tr(
                "error inesperado (%s); vuelva a intentarlo") % error
            self.widgets.save_label.setText(self.tr("No se guardó: %s") % message)
            then(False)
        else:
            then(self._written(text, content, result))
        self._run_waiting()

    def refresh_drafts(self) -> None:
        """Read the list of drafts on the worker and show it (the newest read wins)."""
        self._drafts_reads.run(self.store.drafts, self._on_drafts)

    def _on_drafts(self, drafts: list | None, error: BaseException | None) -> None:
        if error is not None or drafts is None:
            drafts = []  # the list stays empty; the draft being edited is unaffected
        combo = self.widgets.drafts_combo
        combo.clear()
        combo.addItem(self.tr("Abrir un borrador (%d)…") % len(drafts), None)
        for draft in drafts:
            combo.addItem(draft.label, draft.id)
            if draft.id == self.post_id:
                combo.setCurrentIndex(combo.count() - 1)

    def on_draft_chosen(self, index: int) -> None:
        post_id = self.widgets.drafts_combo.itemData(index)
        if post_id is not None and post_id != self.post_id:
            self.open_draft(post_id)

    def may_leave_text(self, then: Then) -> None:
        """Save what was typed; if that fails, ask before the text is left (issue 15: nothing
        typed is ever lost without asking). `then(True)` when the editor may be emptied or
        replaced."""

        def decide(_changed: bool) -> None:
            w = self.widgets
            if not self.unsaved or not (w.editor.toPlainText().strip() or w.media.items()):
                then(True)
                return
            reason = w.save_label.text() or self.tr("No se guardó.")
            answer = QMessageBox.question(
                self._parent, self.tr("Texto sin guardar"),
                self.tr("%s\n\nEl texto de la publicación no está guardado. Si continúa, se "
                        "perderá. Cópielo antes si lo necesita.\n\n¿Descartar el texto sin "
                        "guardar?") % reason,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if shiboken6.isValid(self):
                then(answer == QMessageBox.StandardButton.Yes)

        self.save_now(decide)

    def open_draft(self, post_id: uuid.UUID, then: Then | None = None) -> None:
        """Save (or, if that fails, ask about) what is typed, then read the draft on the worker
        and show it; `then(opened)` at the end."""
        done = then or _nothing

        def leave(may: bool) -> None:
            if not may:
                self.refresh_drafts()  # the list shows the draft still open
                done(False)
                return
            store = self.store
            self._hold(True)  # typing now would be replaced by the draft being read
            run_task(lambda: store.load(post_id),
                     lambda data, error: self._on_draft_read(data, error, done), self._pool)

        self.may_leave_text(leave)

    def _hold(self, opening: bool) -> None:
        self._opening = opening
        account = self.hooks.current_account()
        blocked = account is not None and account.compromised
        self.widgets.editor.setReadOnly(opening or self._publishing or self.read_only or blocked)

    def _on_draft_read(self, data, error: BaseException | None, done: Then) -> None:
        if not shiboken6.isValid(self):
            return  # the section was deleted meanwhile
        self._hold(False)
        if error is not None or data is None:
            message = error.message if isinstance(error, UserFacingError) else self.tr(
                "No se pudo abrir el borrador por un error inesperado (%s). Vuelva a "
                "intentarlo.") % error
            QMessageBox.warning(self._parent, self.tr("Abrir borrador"), message)
            self.refresh_drafts()
            done(False)
            return
        accounts = self.hooks.accounts()
        index = next((i for i, a in enumerate(accounts) if a.id == data.account_id), -1)
        if index < 0:
            QMessageBox.warning(self._parent, self.tr("Abrir borrador"), self.tr(
                "Ese borrador es de una cuenta en la que hoy no puede redactar (criterio 5.1)."))
            done(False)
            return
        w = self.widgets
        self.loading = True
        w.account_combo.setCurrentIndex(index)
        w.editor.setPlainText(data.text)
        w.media.set_items(list(data.media))
        w.reply_box.setChecked(data.is_reply)
        w.schedule.set_value(data.scheduled_at, self.clock())
        self.loading = False
        self.post_id = data.id
        self.base = data.content
        self._set_conflict(None)
        self.unsaved = False
        self.set_read_only(not data.editable)
        if not data.editable:
            w.save_label.setText(self.read_only_note(data))
        self.hooks.reset_networks()
        self.refresh_drafts()
        done(True)

    def read_only_note(self, data: DraftData) -> str:
        if data.published_at is not None:
            from redes_desktop.clock import to_mexico

            when = to_mexico(data.published_at).strftime("%d/%m/%Y %H:%M")
            return self.tr("Publicada el %s: solo lectura.") % when
        return self.tr("«%s»: solo lectura.") % data.status_label

    def set_read_only(self, read_only: bool) -> None:
        """A post that can no longer change (published, discarded, in consultation) is shown
        to be read; a new draft or another draft makes the editor writable again."""
        self.read_only = read_only
        w = self.widgets
        account = self.hooks.current_account()
        blocked = account is not None and account.compromised
        w.editor.setReadOnly(read_only or blocked)
        w.media.setEnabled(not (read_only or blocked))
        w.reply_box.setEnabled(not (read_only or blocked))
        w.schedule.setReadOnly(read_only or blocked)

    def new_draft(self) -> None:
        self.may_leave_text(lambda may: self.clear() if may else None)

    def clear(self) -> None:
        """Empty the editor for a new draft (the current one stays saved as it is)."""
        w = self.widgets
        self.loading = True
        self.post_id = None
        self.base = None
        self._set_conflict(None)
        w.editor.setPlainText("")
        w.media.set_items([])
        w.reply_box.setChecked(False)
        w.schedule.set_value(None, self.clock())
        self.loading = False
        if self.read_only:
            self.set_read_only(False)
        self._save_timer.stop()
        self.unsaved = False
        w.save_label.clear()
        self.refresh_drafts()
        self.hooks.recheck()
        w.editor.setFocus()

    def discard(self) -> None:
        title = self.tr("Descartar")
        if self.post_id is None and not self.widgets.editor.toPlainText().strip():
            self.clear()
            return
        answer = QMessageBox.question(self._parent, title, self.tr(
            "¿Descartar este borrador? Dejará de aparecer en la lista de borradores."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._save_timer.stop()
        self.widgets.discard_action.setEnabled(False)
        self._when_saved(self._discard_saved)  # a running autosave may be creating it

    def _discard_saved(self) -> None:
        if self.post_id is None:
            self.widgets.discard_action.setEnabled(not self._publishing)
            self.clear()
            return
        store, post_id = self.store, self.post_id
        self.saving = True  # no save of this draft starts while it is being discarded
        run_task(lambda: store.discard(post_id), self._on_discarded, self._pool)

    def _on_discarded(self, _result: object, error: BaseException | None) -> None:
        """The discard ran on the worker (the database never waits on the UI thread)."""
        self.saving = False
        if not shiboken6.isValid(self):
            return
        self.widgets.discard_action.setEnabled(True)
        if error is not None:
            message = error.message if isinstance(error, UserFacingError) else self.tr(
                "No se pudo descartar por un error inesperado (%s). El borrador sigue "
                "guardado: vuelva a intentarlo.") % error
            QMessageBox.warning(self._parent, self.tr("Descartar"), message)
        else:
            self.clear()  # what waited for the discard then sees an empty, new draft
        self._run_waiting()

    # -- another workstation's version (issue 15; shared_version.py) -------------------------
    def check_shared_version(self) -> None:
        """After a sync: reload the open draft if it changed elsewhere, or show the conflict."""
        shared_version.check_shared_version(self)

    def mine(self) -> DraftContent:
        return shared_version.mine(self)

    def keep_mine(self, then: Then | None = None) -> None:
        """Keep this workstation's version, saved over the other; `then(kept)` once written."""
        shared_version.keep_mine(self, then)

    def take_theirs(self) -> None:
        shared_version.take_theirs(self)

    def _enter_conflict(self, current: DraftData) -> None:
        shared_version.enter_conflict(self, current)

    def _set_conflict(self, current: DraftData | None) -> None:
        shared_version.set_conflict(self, current)

    def _say_conflict(self) -> None:
        shared_version.say_conflict(self)

    # -- publishing --------------------------------------------------------------------------
    def mark_published(self) -> bool:
        """Ask for the URL, then publish on a worker thread: the service's check may take
        seconds (LanguageTool, decoding every image). True when the publishing started; the
        outcome is shown when it ends (`publishing` is True meanwhile)."""
        title = self.tr("Marcar como publicada")
        if self._publishing:
            return False
        engine = self.scheduler.engine
        if engine is None or self.scheduler.busy:
            QMessageBox.information(self._parent, title, self.tr(
                "La revisión del texto aún no termina. Espere un momento y vuelva a intentarlo."))
            return False
        if self.conflict is not None:  # what is stored is not what the editor shows
            self._say_conflict_before_publishing()
            return False
        # Locked from here: the post saved now is the post checked and published.
        self._set_publishing(True)
        self._save_timer.stop()
        self._when_saved(lambda: self._save(lambda _changed: self._ask_url(engine)))
        return True

    def _say_conflict_before_publishing(self) -> None:
        QMessageBox.information(self._parent, self.tr("Marcar como publicada"), self.tr(
            "Este borrador cambió en otra estación: elija primero qué versión conservar "
            "(la barra roja sobre el texto) y después márquelo como publicado."))

    def _ask_url(self, engine: CheckEngine) -> None:
        """The draft is saved: ask for the URL, then publish on the worker."""
        title = self.tr("Marcar como publicada")
        post_id = self.post_id
        if self.conflict is not None:  # the save found another version stored
            self._set_publishing(False)
            self._say_conflict_before_publishing()
            return
        if post_id is None:
            self._set_publishing(False)
            QMessageBox.information(self._parent, title, self.tr(
                "Escriba la publicación antes de marcarla como publicada."))
            return
        account = self.hooks.current_account()
        url = self.ask_url(title, account.network if account else None,
                           account.handle if account else "")
        if not shiboken6.isValid(self):
            return
        if url is None:
            self._set_publishing(False)
            return
        self.hooks.store_details()
        store = self.store
        workspace = self.store.context.workspace
        check = post_checker(engine, self.hooks.recent_posts(), self.clock(),
                             workspace.settings.area_contacts, workspace.paths.media)
        self.widgets.save_label.setText(self.tr("Revisando y marcando como publicada…"))
        run_task(lambda: store.mark_published(post_id, url, check), self._on_published,
                 self._pool)

    def ask_url(self, title: str, network, handle: str) -> str | None:
        """The post's URL, checked for the account's network before the dialog closes (issue
        15: the example is that network's; a bad URL stays, marked). Tests replace it."""
        return ask_url(self._parent, title,
                       self.tr("Dirección (URL) de la publicación en la red:"), network, handle,
                       post=True)

    def save_locked(self, then: Then) -> None:
        """Save the draft on the worker while it is locked (`set_publishing(True, …)`: the
        post saved is the post sent), after any save already running; `then(changed)`."""
        self._save_timer.stop()
        self._when_saved(lambda: self._save(then))

    def set_publishing(self, running: bool, note: str) -> None:
        """The same lock for sending to the network (`network_send.py`), with its own note."""
        self._set_publishing(running)
        if running:
            self.widgets.save_label.setText(note)

    def _set_publishing(self, running: bool) -> None:
        """While publishing, nothing may change the post nor start another check (the engine
        is not used by two threads at once)."""
        self._publishing = running
        w = self.widgets
        w.editor.setReadOnly(running)
        for widget in (w.media, w.reply_box, w.account_combo, w.drafts_combo, w.schedule,
                       *w.network_boxes.values()):
            widget.setEnabled(not running)
        for action in (w.new_action, w.consult_action, w.discard_action):
            action.setEnabled(not running)
        if running:
            w.publish_action.setEnabled(False)
        else:
            w.save_label.clear()
            account = self.hooks.current_account()
            if account is not None and account.compromised:  # stays read-only
                w.editor.setReadOnly(True)
                w.media.setEnabled(False)
                w.reply_box.setEnabled(False)
            outcome = self.hooks.outcome()
            w.publish_action.setEnabled(
                outcome is not None and self.scheduler.is_current
                and self.hooks.current_account() is not None
                and all(r.publishable for r in outcome.results.values()))

    def _on_published(self, _result: object, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed meanwhile; the service committed or rolled back
        self._set_publishing(False)
        title = self.tr("Marcar como publicada")
        if error is not None:
            if isinstance(error, UserFacingError):
                message = error.message
            else:
                message = self.tr(
                    "No se pudo marcar como publicada por un error inesperado (%s). La "
                    "publicación sigue como borrador: vuelva a intentarlo y, si se repite, "
                    "informe a soporte técnico.") % error
            QMessageBox.warning(self._parent, title, message)
            return
        QMessageBox.information(self._parent, title, self.tr(
            "La publicación quedó registrada como publicada."))
        self.clear()
