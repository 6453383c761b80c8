"""Drafts and publishing for the Redactor: autosave, reopen, new, discard, mark as published.

A mixin of `ComposerSection`: it uses the section's widgets (editor, media, reply box, combos),
its `store` and its `scheduler`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from redes_desktop.checks.engine import CheckEngine, CheckRequest
from redes_desktop.checks.model import CheckResult, RecentPost
from redes_desktop.errors import UserFacingError
from redes_desktop.models import Post
from redes_desktop.ui.tasks import run_task


def post_checker(engine: CheckEngine, recent: tuple[RecentPost, ...],
                 now: datetime) -> Callable[[Post], CheckResult]:
    """The check PostService runs before publishing; safe to call on a worker thread."""

    def check(post: Post) -> CheckResult:
        from redes_desktop.checks.rule_spam import rhythm_limits

        max_posts, window_minutes = rhythm_limits(post.account.rhythm)  # as the editor checks
        request = CheckRequest(
            text=post.text, networks=(post.network,),
            images=tuple(Path(m.file_path) for m in post.media),
            alt_texts=tuple(m.alt_text for m in post.media), is_reply=post.is_reply,
            recent_posts=recent, now=now, rhythm_max_posts=max_posts,
            rhythm_window_minutes=window_minutes,
        )
        return engine.check(request)[post.network]

    return check


class DraftActions:
    """Needs: editor, media, reply_box, drafts_combo, save_label, accounts, store, scheduler,
    context, post_id, _recent, _loading, _save_timer, current_account(), _reset_networks(),
    _recent_posts(), schedule_check(), consult_handler, tr()."""

    _publishing = False  # True while "Marcar como publicada" runs on the worker

    @property
    def publishing(self) -> bool:
        return self._publishing

    # -- drafts ------------------------------------------------------------------------------
    _saving = False  # an autosave runs on the worker

    def autosave(self) -> None:
        """The timer's save, on the worker: typing never waits for the database and its fsync
        (a save took 7–25 ms on the UI thread, over a frame)."""
        account = self.current_account()
        if self._loading or self._publishing or account is None:
            return
        if self._saving:
            self._save_timer.start()  # once the running save is done
            return
        text, media = self.editor.toPlainText(), self.media.items()
        reply = self.reply_box.isChecked()
        post_id = self.post_id
        if post_id is None and not text.strip() and not media:
            return
        findings = self.store.findings_for(text, reply)  # the latest check, read here
        store = self.store

        def work():
            if post_id is None:
                return True, store.create(account.id, text, reply, media, findings=findings)
            return store.save(post_id, text, reply, media, findings=findings), post_id

        self._saving = True
        run_task(work, self._on_autosaved, getattr(self, "_pool", None))

    def _on_autosaved(self, result, error: BaseException | None) -> None:
        self._saving = False
        if not shiboken6.isValid(self):
            return
        if error is not None:
            message = getattr(error, "message", None) or self.tr(
                "error inesperado (%s); se reintentará al seguir escribiendo") % error
            self.save_label.setText(self.tr("No se guardó: %s") % message)
            return
        changed, post_id = result
        if self.post_id is None:
            self.post_id = post_id
            self._refresh_drafts()
        if changed:
            self.save_label.setText(self.tr("Borrador guardado."))

    def _wait_for_autosave(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        while self._saving:
            QCoreApplication.processEvents(
                QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)

    def save_now(self) -> bool:
        """Save the draft now (creating it on the first edit). False when nothing changed."""
        self._save_timer.stop()
        self._wait_for_autosave()
        account = self.current_account()
        if self._loading or self._publishing or account is None:
            return False
        text, media = self.editor.toPlainText(), self.media.items()
        reply = self.reply_box.isChecked()
        try:
            if self.post_id is None:
                if not text.strip() and not media:
                    return False
                self.post_id = self.store.create(account.id, text, reply, media)
                self._refresh_drafts()
                changed = True
            else:
                changed = self.store.save(self.post_id, text, reply, media)
        except UserFacingError as error:
            self.save_label.setText(self.tr("No se guardó: %s") % error.message)
            return False
        if changed:
            self.save_label.setText(self.tr("Borrador guardado."))
        return changed

    def _refresh_drafts(self) -> None:
        try:
            drafts = self.store.drafts()
        except UserFacingError:
            drafts = []
        self.drafts_combo.clear()
        self.drafts_combo.addItem(self.tr("Abrir un borrador (%d)…") % len(drafts), None)
        for draft in drafts:
            self.drafts_combo.addItem(draft.label, draft.id)
            if draft.id == self.post_id:
                self.drafts_combo.setCurrentIndex(self.drafts_combo.count() - 1)

    def _on_draft_chosen(self, index: int) -> None:
        post_id = self.drafts_combo.itemData(index)
        if post_id is not None and post_id != self.post_id:
            self.open_draft(post_id)

    def open_draft(self, post_id: uuid.UUID) -> bool:
        self.save_now()
        try:
            data = self.store.load(post_id)
        except UserFacingError as error:
            QMessageBox.warning(self, self.tr("Abrir borrador"), error.message)
            self._refresh_drafts()
            return False
        index = next((i for i, a in enumerate(self.accounts) if a.id == data.account_id), -1)
        if index < 0:
            QMessageBox.warning(self, self.tr("Abrir borrador"), self.tr(
                "Ese borrador es de una cuenta en la que hoy no puede redactar (criterio 5.1)."))
            return False
        self._loading = True
        self.account_combo.setCurrentIndex(index)
        self.editor.setPlainText(data.text)
        self.media.set_items(data.media)
        self.reply_box.setChecked(data.is_reply)
        self._loading = False
        self.post_id = data.id
        self._reset_networks()
        self._refresh_drafts()
        return True

    def _reset_networks(self) -> None:
        account = self.current_account()
        for network, box in self.network_boxes.items():
            box.blockSignals(True)
            box.setChecked(account is not None and network == account.network)
            box.blockSignals(False)
        self._recent = self._recent_posts()
        self.schedule_check()

    def new_draft(self) -> None:
        self.save_now()
        self._clear()

    def _clear(self) -> None:
        self._loading = True
        self.post_id = None
        self.editor.setPlainText("")
        self.media.set_items([])
        self.reply_box.setChecked(False)
        self._loading = False
        self.save_label.clear()
        self._refresh_drafts()
        self._recent = self._recent_posts()
        self.schedule_check()
        self.editor.setFocus()

    def discard(self) -> None:
        title = self.tr("Descartar")
        if self.post_id is None and not self.editor.toPlainText().strip():
            self._clear()
            return
        answer = QMessageBox.question(self, title, self.tr(
            "¿Descartar este borrador? Dejará de aparecer en la lista de borradores."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._save_timer.stop()
        self._wait_for_autosave()
        if self.post_id is not None:
            try:
                self.store.discard(self.post_id)
            except UserFacingError as error:
                QMessageBox.warning(self, title, error.message)
                return
        self._clear()

    # -- publishing --------------------------------------------------------------------------
    def mark_published(self) -> bool:
        """Ask for the URL, then publish on a worker thread: the service's check may take
        seconds (LanguageTool, decoding every image). True when the publishing started; the
        outcome is shown when it ends (`publishing` is True meanwhile)."""
        title = self.tr("Marcar como publicada")
        if self._publishing:
            return False
        if self.scheduler.engine is None or self.scheduler.busy:
            QMessageBox.information(self, title, self.tr(
                "La revisión del texto aún no termina. Espere un momento y vuelva a intentarlo."))
            return False
        self.save_now()
        if self.post_id is None:
            QMessageBox.information(self, title, self.tr(
                "Escriba la publicación antes de marcarla como publicada."))
            return False
        url, ok = QInputDialog.getText(
            self, title, self.tr("Dirección (URL) de la publicación en la red:"),
            QLineEdit.EchoMode.Normal, "https://")
        if not ok:
            return False
        post_id, store = self.post_id, self.store
        check = post_checker(self.scheduler.engine, self._recent, self.context.clock())
        self._set_publishing(True)
        run_task(lambda: store.mark_published(post_id, url, check), self._on_published,
                 getattr(self.scheduler, "_pool", None))
        return True

    def _set_publishing(self, running: bool) -> None:
        """While publishing, nothing may change the post nor start another check (the engine
        is not used by two threads at once)."""
        self._publishing = running
        self.editor.setReadOnly(running)
        for widget in (self.media, self.reply_box, self.account_combo, self.drafts_combo,
                       *self.network_boxes.values()):
            widget.setEnabled(not running)
        for action in (self.new_action, self.consult_action, self.discard_action):
            action.setEnabled(not running)
        if running:
            self.publish_action.setEnabled(False)
            self.save_label.setText(self.tr("Revisando y marcando como publicada…"))
        else:
            self.save_label.clear()
            outcome = self.outcome
            self.publish_action.setEnabled(
                outcome is not None and self.scheduler.is_current
                and self.current_account() is not None
                and all(r.publishable for r in outcome.results.values()))

    def _on_published(self, _result, error: BaseException | None) -> None:
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
            QMessageBox.warning(self, title, message)
            return
        QMessageBox.information(self, title, self.tr(
            "La publicación quedó registrada como publicada."))
        self._clear()

    def consult(self) -> None:
        if self.consult_handler is not None:
            self.save_now()
            self.consult_handler(self.post_id)
            return
        QMessageBox.information(self, self.tr("Consultar a CNCS"), self.tr(
            "La cola de consultas a la CNCS llega en la próxima versión. Mientras tanto, "
            "consulte a la CNCS por los medios habituales y no publique sin su respuesta "
            "(criterio 6.viii)."))
