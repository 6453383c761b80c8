"""Sending the open draft through the network (issue 17): «Enviar a la red automáticamente»
beside «Programar para» (the publishing queue sends it at that time) and «Publicar ahora en la
red» (Ctrl+Shift+Intro) beside «Marcar como publicada…», which stays for publishing by hand.

Both go through `schedule_post`, which asks of the stored post what publishing by hand asks
(no `bloquea` finding, the CNCS approval of this exact version, no open incident) and a
connection of the account on this workstation; a refusal is shown in Spanish and nothing is
queued. Unticking the box cancels the sending (`cancel_scheduled`). Shown only when the
account is connected here (Cuentas › Conexión con la red)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMessageBox, QWidget

from redes_desktop.actions.network_connection import NetworkSettings
from redes_desktop.actions.network_status import PostNetworkState, post_network_state
from redes_desktop.actions.publish_now import PublishNowResult, publish_now
from redes_desktop.actions.schedule_post import cancel_scheduled, schedule_post
from redes_desktop.checks.model import RecentPost
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models.publishing import JobState
from redes_desktop.ui.composer.check_scheduler import CheckScheduler
from redes_desktop.ui.composer.draft_actions import DraftActions
from redes_desktop.ui.composer.mark_published import post_checker
from redes_desktop.ui.composer.published_view import link_box
from redes_desktop.ui.composer.schedule_field import ScheduleField
from redes_desktop.ui.composer.store import AccountChoice
from redes_desktop.ui.tasks import Reads, SynchronousPool, run_task


@dataclass(frozen=True)
class SendHooks:
    current_account: Callable[[], AccountChoice | None]
    recent_posts: Callable[[], tuple[RecentPost, ...]]


class NetworkSend(QObject):
    """Owned by the Redactor; `queue_changed` after anything it put in or took out of the
    queue (the «Cola de publicación» tab reads it again)."""

    queue_changed = Signal()
    RESCHEDULE_DELAY_MS = 1500

    def __init__(self, parent: QWidget, context: AppContext, drafts: DraftActions,
                 scheduler: CheckScheduler, schedule: ScheduleField, publish_action: QAction,
                 hooks: SendHooks,
                 pool: QThreadPool | SynchronousPool | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self.context = context
        self.drafts = drafts
        self.scheduler = scheduler
        self.schedule = schedule
        self.publish_action = publish_action
        self.hooks = hooks
        self.pool = pool
        self.reads = Reads(parent, pool)
        self.connected = False
        self.state: PostNetworkState | None = None
        self.sending = False
        self.last_result: PublishNowResult | None = None
        self.published_box: QMessageBox | None = None  # «Se publicó…», with its link

        self.auto_box = QCheckBox(self.tr("Enviar a la red automáticamente"))
        self.auto_box.setObjectName("enviar_automaticamente")
        self.auto_box.setToolTip(self.tr(
            "A la hora programada, el programa publica en la red por sí mismo mientras esté "
            "abierto en esta estación (o con la tarea programada que instale soporte técnico). "
            "Antes de enviar revisa otra vez los criterios y la aprobación de la CNCS."))
        self.auto_box.hide()
        self.auto_box.clicked.connect(self._auto_clicked)
        self.state_label = QLabel()
        self.state_label.setObjectName("estado_envio")
        self.state_label.setWordWrap(True)
        self.state_label.hide()
        layout = schedule.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(3, self.auto_box)  # after the date, its zone
        layout.insertWidget(4, self.state_label, 3)

        self.publish_now_action = QAction(self.tr("Publicar ahora en la red"), parent)
        self.publish_now_action.setShortcuts([QKeySequence("Ctrl+Shift+Return"),
                                              QKeySequence("Ctrl+Shift+Enter")])
        self.publish_now_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.publish_now_action.setToolTip(self.tr(
            "Publica ahora en la red con la cuenta conectada en esta estación, tras revisar "
            "otra vez los criterios y la aprobación de la CNCS (Ctrl+Mayús+Intro)."))
        self.publish_now_action.setEnabled(False)
        self.publish_now_action.setVisible(False)
        self.publish_now_action.triggered.connect(self.publish_now)
        parent.addAction(self.publish_now_action)
        publish_action.changed.connect(self._follow_publish_action)
        drafts.post_changed.connect(lambda _post_id: self.refresh())
        # A new time for a queued draft: rescheduled once the person stops changing it.
        self._reschedule_timer = QTimer(self)
        self._reschedule_timer.setSingleShot(True)
        self._reschedule_timer.setInterval(self.RESCHEDULE_DELAY_MS)
        self._reschedule_timer.timeout.connect(self._schedule_edited)
        schedule.changed.connect(self._reschedule_timer.start)

    # -- state ---------------------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        return self.reads.idle and not self.sending

    def refresh(self) -> None:
        """Read whether the account is connected here and where the draft stands."""
        account = self.hooks.current_account()
        if account is None:
            self._show_state(None, None)
            return
        database, post_id = self.context.database, self.drafts.post_id
        self.reads.run(lambda: post_network_state(database, account_id=account.id,
                                                  post_id=post_id), self._show_state)

    def _show_state(self, state: PostNetworkState | None, error: BaseException | None) -> None:
        self.state = state if error is None else None
        self.connected = bool(self.state and self.state.connected)
        self.auto_box.setVisible(self.connected)
        self.publish_now_action.setVisible(self.connected)
        self.auto_box.setChecked(bool(self.state and self.state.queued))
        self.auto_box.setEnabled(self.connected and not self.drafts.read_only
                                 and not self.sending)
        failed = self.state is not None and self.state.job_state in (JobState.FALLIDA,
                                                                     JobState.RETENIDA)
        self._say(self._state_text(self.state) if self.connected else "", ok=not failed)
        waiting = self.state is not None and self.state.attempts > 0 and not failed
        self.state_label.setToolTip(self.state.last_error if waiting and self.state else "")
        self._follow_publish_action()

    def _state_text(self, state: PostNetworkState | None) -> str:
        if state is None or state.job_state is None:
            return ""
        if state.job_state == JobState.PUBLICADA:
            return self.tr("Publicada en la red: %s") % state.url
        if state.job_state == JobState.FALLIDA:
            return self.tr("No se publicó: %s") % state.last_error
        if state.job_state == JobState.RETENIDA:
            return state.last_error
        if state.job_state == JobState.ENVIANDO:
            return self.tr("Enviándose a la red…")
        if state.job_state == JobState.PENDIENTE and state.attempts \
                and state.next_attempt_at is not None:  # tried: waits for its next attempt
            return self.tr("Aún no se publicó; se intentará de nuevo el %s (hora del centro "
                           "de México).") % f"{to_mexico(state.next_attempt_at):%d/%m/%Y %H:%M}"
        if state.job_state == JobState.PENDIENTE and state.due_at is not None:
            return self.tr("Se enviará el %s (hora del centro de México).") \
                % f"{to_mexico(state.due_at):%d/%m/%Y %H:%M}"
        return ""

    def _say(self, text: str, ok: bool = True) -> None:
        self.state_label.setStyleSheet("" if ok else "color: #b71c1c;")
        self.state_label.setText(text)
        self.state_label.setVisible(bool(text))

    def _follow_publish_action(self) -> None:
        """«Publicar ahora» may go when «Marcar como publicada» may (the check is current and
        nothing blocks) and the account is connected here."""
        self.publish_now_action.setEnabled(self.connected and not self.sending
                                           and self.publish_action.isEnabled())

    # -- what is needed to send ------------------------------------------------------------------
    def _checker(self) -> Any:
        engine = self.scheduler.engine
        if engine is None or self.scheduler.busy:
            return None
        workspace = self.context.workspace
        return post_checker(engine, self.hooks.recent_posts(), self.context.clock(),
                            workspace.settings.area_contacts, workspace.paths.media)

    def _saved_post(self, title: str, note: str, then: Callable[[uuid.UUID], object],
                    otherwise: Callable[[], None] | None = None) -> None:
        """Lock the draft (`note` says why), save it on the worker, then `then(post_id)`; with
        nothing to send, say so, unlock and `otherwise()`."""
        self._set_sending(True, note)

        def saved(_changed: bool) -> None:
            if not shiboken6.isValid(self):
                return
            post_id = self.drafts.post_id
            if post_id is None:
                self._set_sending(False)
                QMessageBox.information(self._parent, title, self.tr(
                    "Escriba la publicación antes de enviarla a la red."))
                if otherwise is not None:
                    otherwise()
                return
            then(post_id)

        self.drafts.save_locked(saved)

    def _person(self) -> uuid.UUID | None:
        identity = self.context.identity
        return identity.person_id if identity is not None else None

    # -- «Enviar a la red automáticamente» -----------------------------------------------------
    def _auto_clicked(self, checked: bool) -> None:
        if checked:
            self.send_at_scheduled_time()
        else:
            self.cancel_sending()

    def send_at_scheduled_time(self) -> bool:
        """Queue the draft for the time in «Programar para». True when the request started."""
        title = self.tr("Enviar a la red automáticamente")
        when = self.schedule.value()
        if when is None:
            self.auto_box.setChecked(False)
            self._say(self.tr("Marque «Programar para» y elija la fecha y hora de envío."),
                      ok=False)
            return False
        check = self._checker()
        if check is None:
            self.auto_box.setChecked(False)
            self._say(self.tr("La revisión del texto aún no termina. Espere un momento y "
                              "vuelva a intentarlo."), ok=False)
            return False
        self._saved_post(title, self.tr("Revisando y programando el envío…"),
                         lambda post_id: self._schedule(post_id, when, check, title),
                         lambda: self.auto_box.setChecked(False))
        return True

    def _schedule(self, post_id: uuid.UUID, when: datetime, check: Any, title: str) -> bool:
        context, who = self.context, self._person()
        self._set_sending(True, self.tr("Revisando y programando el envío…"))

        def work() -> object:
            return schedule_post(context.database, clock=context.clock,
                                 recorder=context.recorder, check_post=check, person_id=who,
                                 post_id=post_id, when=when,
                                 media_dir=context.workspace.paths.media)

        run_task(work, lambda _r, error: self._scheduled(title, error), self.pool)
        return True

    def _scheduled(self, title: str, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_sending(False)
        if error is not None:
            message = _message(error, self.tr("No se programó el envío"))
            self._say(message, ok=False)
            QMessageBox.warning(self._parent, title, message)
            self.auto_box.setChecked(False)
            return
        self.queue_changed.emit()
        self.refresh()

    def _schedule_edited(self) -> None:
        """A new time (or none) for a draft already queued: the queue follows."""
        if not self.auto_box.isChecked() or self.sending or self.drafts.loading:
            return
        when = self.schedule.value()
        if when is None:
            self.cancel_sending()
            return
        if when <= self.context.clock():
            return  # the field says why; the queue keeps the time it had
        check = self._checker()

        def saved(_changed: bool) -> None:
            post_id = self.drafts.post_id
            if shiboken6.isValid(self) and check is not None and post_id is not None:
                self._schedule(post_id, when, check, self.tr("Enviar a la red automáticamente"))

        self.drafts.save_now(saved)  # the draft's own save first: one write of the post at a time

    def cancel_sending(self) -> None:
        post_id = self.drafts.post_id
        if post_id is None:
            return
        context, who = self.context, self._person()
        self._set_sending(True, self.tr("Cancelando el envío…"))

        def work() -> None:
            cancel_scheduled(context.database, clock=context.clock, recorder=context.recorder,
                             person_id=who, post_id=post_id)

        run_task(work, self._cancelled, self.pool)

    def _cancelled(self, _result: object, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_sending(False)
        if error is not None:
            message = _message(error, self.tr("No se canceló el envío"))
            QMessageBox.warning(self._parent, self.tr("Cancelar el envío"), message)
        self.queue_changed.emit()
        self.refresh()

    # -- «Publicar ahora en la red» ------------------------------------------------------------
    def ask_confirmation(self, text: str) -> bool:
        answer = QMessageBox.question(self._parent, self.tr("Publicar ahora en la red"), text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def publish_now(self) -> bool:
        title = self.tr("Publicar ahora en la red")
        account = self.hooks.current_account()
        if self.sending or self.drafts.publishing or account is None or not self.connected:
            return False
        check = self._checker()
        if check is None:
            QMessageBox.information(self._parent, title, self.tr(
                "La revisión del texto aún no termina. Espere un momento y vuelva a intentarlo."))
            return False
        if not self.ask_confirmation(self.tr(
                "¿Publicar ahora en %s con la cuenta %s? Una vez publicada, sólo se puede "
                "retirar en la propia red.") % (account.network.label, account.handle)):
            return False
        context, who = self.context, self._person()
        settings = context.workspace.settings
        engine = self.scheduler.engine
        assert engine is not None

        def send(post_id: uuid.UUID) -> None:
            def work() -> PublishNowResult:
                networks = NetworkSettings.of(settings, context.secrets)  # off the UI thread
                return publish_now(context.database, clock=context.clock,
                                   recorder=context.recorder, secrets=context.secrets,
                                   networks=networks, check_post=check, engine=lambda: engine,
                                   area_contacts=settings.area_contacts, person_id=who,
                                   account_id=account.id, post_id=post_id,
                                   media_dir=context.workspace.paths.media)

            run_task(work, lambda result, error: self._published(title, result, error),
                     self.pool)

        self._saved_post(title, self.tr("Revisando y publicando en la red…"), send)
        return True

    def _published(self, title: str, result: PublishNowResult | None,
                   error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_sending(False)
        self.last_result = result
        self.queue_changed.emit()
        if error is not None:
            message = _message(error, self.tr("No se publicó"))
            self._say(message, ok=False)
            QMessageBox.warning(self._parent, title, message)
            self.refresh()
            return
        assert result is not None
        for notification in result.notifications:  # other posts the run sent or refused
            self.context.notifier.notify(notification)
        if result.published:
            self.published_box = link_box(self._parent, title, self.tr(
                "Se publicó en la red. Dirección de la publicación:"), result.url)
            self.drafts.clear()
            self._say(self.tr("Publicada en la red: %s") % result.url)
            return
        if result.state == JobState.FALLIDA:
            message = self.tr("No se publicó: %s") % result.reason
        elif result.reason:  # the reason says when and that the program tries again
            message = self.tr("Aún no se publicó. %s") % result.reason
        else:
            message = self.tr("Aún no se publicó; el programa lo intentará de nuevo por sí "
                              "mismo.")
        self._say(message, ok=False)
        QMessageBox.warning(self._parent, title, message)
        self.refresh()

    def _set_sending(self, running: bool, note: str = "") -> None:
        self.sending = running
        self.drafts.set_publishing(running, note)
        self.auto_box.setEnabled(not running and self.connected and not self.drafts.read_only)
        self._follow_publish_action()


def _message(error: BaseException, what: str) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    return QCoreApplication.translate(
        "NetworkSend", "%s por un error inesperado (%s). Vuelva a intentarlo.") \
        % (what, type(error).__name__)
