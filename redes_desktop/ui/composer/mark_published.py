"""«Marcar como publicada…» in the Redactor: the post was published by hand on the network, and
the program records it with its URL.

`MarkPublished` locks the draft (`DraftActions.set_publishing`, the lock sending to the network
takes too: network_send.py), saves it on the worker, asks for the URL, stores the post's
details, and then runs the service's check and the recording on the worker: the check may take
seconds (LanguageTool, decoding every image). Each step reports back through a callback (the
next starts only then: the details are written before the check reads them); the outcome is
shown when it ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QMessageBox, QWidget

from redes_desktop.actions.check_request import post_request
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckResult, RecentPost
from redes_desktop.errors import UserFacingError
from redes_desktop.models import Post
from redes_desktop.ui.composer.draft_actions import DraftActions
from redes_desktop.ui.composer.store import AccountChoice
from redes_desktop.ui.tasks import SynchronousPool, run_task
from redes_desktop.ui.url_dialog import ask_url


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
class PublishHooks:
    """What «Marcar como publicada» asks of the section that owns the account and the checks."""

    current_account: Callable[[], AccountChoice | None]
    recent_posts: Callable[[], tuple[RecentPost, ...]]  # the history the latest check saw
    # Store the post's details (purpose, source…) on the saved draft, then call what follows:
    # the publishing check reads what the editor showed, and nothing writes the post then.
    store_details: Callable[[Callable[[], None]], None]


class MarkPublished(QObject):
    """A child of the section (`parent`, also the parent of its message boxes): once the
    section is deleted, a publishing that ends later on the worker changes nothing on screen."""

    def __init__(self, parent: QWidget, drafts: DraftActions, hooks: PublishHooks,
                 pool: QThreadPool | SynchronousPool | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self.drafts = drafts
        self.hooks = hooks
        self._pool = pool

    def start(self) -> bool:
        """Ask for the URL, then publish on a worker thread. True when the publishing started;
        the outcome is shown when it ends (`drafts.publishing` is True meanwhile)."""
        title = self.tr("Marcar como publicada")
        drafts = self.drafts
        if drafts.publishing:
            return False
        engine = drafts.scheduler.engine
        if engine is None or drafts.scheduler.busy:
            QMessageBox.information(self._parent, title, self.tr(
                "La revisión del texto aún no termina. Espere un momento y vuelva a intentarlo."))
            return False
        if drafts.conflict is not None:  # what is stored is not what the editor shows
            self._say_conflict()
            return False
        # Locked from here: the post saved now is the post checked and published.
        drafts.set_publishing(True)
        drafts.save_locked(lambda _changed: self._ask_url(engine))
        return True

    def _say_conflict(self) -> None:
        QMessageBox.information(self._parent, self.tr("Marcar como publicada"), self.tr(
            "Este borrador cambió en otra estación: elija primero qué versión conservar "
            "(la barra roja sobre el texto) y después márquelo como publicado."))

    def _ask_url(self, engine: CheckEngine) -> None:
        """The draft is saved: ask for the URL, then publish on the worker."""
        title = self.tr("Marcar como publicada")
        drafts = self.drafts
        post_id = drafts.post_id
        if drafts.conflict is not None:  # the save found another version stored
            drafts.set_publishing(False)
            self._say_conflict()
            return
        if post_id is None:
            drafts.set_publishing(False)
            QMessageBox.information(self._parent, title, self.tr(
                "Escriba la publicación antes de marcarla como publicada."))
            return
        account = self.hooks.current_account()
        url = self.ask_url(title, account.network if account else None,
                           account.handle if account else "")
        if not shiboken6.isValid(self):
            return
        if url is None:
            drafts.set_publishing(False)
            return
        drafts.widgets.save_label.setText(self.tr("Revisando y marcando como publicada…"))
        self.hooks.store_details(lambda: self._publish(engine, post_id, url))

    def _publish(self, engine: CheckEngine, post_id: uuid.UUID, url: str) -> None:
        """The details are stored: check and record the post on the worker."""
        if not shiboken6.isValid(self):
            return
        store = self.drafts.store
        workspace = store.context.workspace
        check = post_checker(engine, self.hooks.recent_posts(), self.drafts.clock(),
                             workspace.settings.area_contacts, workspace.paths.media)
        run_task(lambda: store.mark_published(post_id, url, check), self._on_published,
                 self._pool)

    def ask_url(self, title: str, network, handle: str) -> str | None:
        """The post's URL, checked for the account's network before the dialog closes (issue
        15: the example is that network's; a bad URL stays, marked). Tests replace it."""
        return ask_url(self._parent, title,
                       self.tr("Dirección (URL) de la publicación en la red:"), network, handle,
                       post=True)

    def _on_published(self, _result: object, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed meanwhile; the service committed or rolled back
        self.drafts.set_publishing(False)
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
        self.drafts.clear()
