"""The Redactor's tabs: «Redactar» (the editor), the history beside it (issue 15) —
«Calendario», the week or month of scheduled and published posts, and «Publicadas», the
published posts with their links — and «Cola de publicación», what this workstation's
publishing queue holds (issue 17).

The history is read when first shown and refreshed when shown again; the queue is read each
time it is shown. A post clicked in the history comes out as `open_post`; a queue row
activated, as `open_queued` (the post's id)."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from redes_desktop.actions.post_calendar import CalendarPost, PublishedRow
from redes_desktop.clock import to_mexico
from redes_desktop.database import Database
from redes_desktop.ui.composer.calendar_view import CalendarView
from redes_desktop.ui.composer.published_view import PublishedView
from redes_desktop.ui.composer.queue_view import QueueView
from redes_desktop.ui.composer.store import ComposerStore
from redes_desktop.ui.tasks import SynchronousPool


class RedactorTabs(QTabWidget):
    open_post = Signal(object)  # the CalendarPost or PublishedRow clicked in the history
    open_queued = Signal(object)  # the uuid.UUID of a post activated in the queue

    def __init__(self, writing: QWidget, store: ComposerStore, database: Database,
                 pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.calendar = CalendarView(store, pool)
        self.published = PublishedView(store, pool)
        self.queue = QueueView(database, pool)
        self.addTab(writing, self.tr("Redactar"))
        self.addTab(self.calendar, self.tr("Calendario"))
        self.addTab(self.published, self.tr("Publicadas"))
        self.addTab(self.queue, self.tr("Cola de publicación"))
        self._stale: dict[CalendarView | PublishedView, bool] = {
            self.calendar: True, self.published: True}
        self.currentChanged.connect(self._on_tab_changed)
        self.calendar.open_post.connect(self.open_post)
        self.published.open_post.connect(self.open_post)
        self.queue.open_post.connect(self.open_queued)

    def person_changed(self) -> None:
        """Another person uses the Redactor: the history shows other accounts, read again
        (at once for the tab shown)."""
        self._stale = {self.calendar: True, self.published: True}
        self._on_tab_changed(self.currentIndex())

    def _on_tab_changed(self, _index: int) -> None:
        view = self.currentWidget()
        if view is self.queue:
            self.queue.refresh()
        if view is self.calendar or view is self.published:
            assert isinstance(view, CalendarView | PublishedView)
            if self._stale.get(view):
                self._stale[view] = False
                view.reload_accounts()  # then its posts
            else:
                view.refresh()  # drafts scheduled or published since it was last shown

    def show_to_read(self, post: CalendarPost | PublishedRow) -> QMessageBox:
        """A post of an account the person may see but not write in (a CNCS reviewer, a
        suplente not covering), in a window to be read."""
        when = to_mexico(post.when if isinstance(post, CalendarPost) else post.published_at)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Publicación"),
                          self.tr("%s, %s") % (post.handle, f"{when:%d/%m/%Y %H:%M}"),
                          QMessageBox.StandardButton.Close, self)
        box.setInformativeText(post.text + (f"\n\n{post.url}" if post.url else ""))
        box.setDetailedText(self.tr(
            "Puede ver esta publicación, pero no redactar en la cuenta %s (criterio 5.1): "
            "por eso no se abre en el editor.") % post.handle)
        box.open()
        return box
