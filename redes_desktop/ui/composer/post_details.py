"""The Redactor's «Detalles» of a post: its purpose (section 3, 6.i), the source of its figures
(6.iv), the headline of the bulletin it links (6.x), its topic (6.xxvii) and until when it is
valid (5.2 d). The composer passes `check_details()` with each check, and `council` (the
Consejo General session, council_lookup.py) completes it on the worker.

The panel follows the composer's open draft (`follow`): it reads that draft's details, and saves
its own values once the draft exists, through the composer's store on the worker pool
(`ui/tasks.py`); each answer comes back through a callback, so the UI thread never waits for the
database. While another draft's details are read the form takes no typing (it would be
replaced); a save asked for while one runs follows it, never beside it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from redes_desktop.checks.model import PostDetails
from redes_desktop.purposes import PURPOSES
from redes_desktop.ui.composer.council_lookup import CouncilLookup
from redes_desktop.ui.qt_dates import to_date
from redes_desktop.ui.tasks import Reads, SynchronousPool, run_task

if TYPE_CHECKING:
    from redes_desktop.actions.post_details import Details
    from redes_desktop.ui.composer.store import ComposerStore

SAVE_DELAY_MS = 800
FOLLOW_MS = 300  # how often the panel asks which draft the composer has open

Saved = Callable[[bool], None]


def _nothing(_saved: bool) -> None:
    pass


class PostDetailsPanel(QWidget):
    """The details form. `changed` fires on every edit by the person (not on loading);
    `loaded` when the details read from the draft are shown (the check must see them)."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, store: ComposerStore,
                 open_post: Callable[[], uuid.UUID | None] | None = None,
                 pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.context = store.context
        self._open_post = open_post
        self._pool = pool
        self.post_id: uuid.UUID | None = None
        self._loading = False  # the form is being filled by code: not an edit
        self._dirty = False  # edited since the values were shown or last saved
        self._edits = 0  # every edit counts: a save ending tells whether it saw the last
        self._reads = Reads(self, pool)  # the open draft's details: the newest read only
        self._saving = False
        self._after_save: list[Callable[[], None]] = []  # asked for while a save ran: after it
        # The Consejo General session (6.xxvii), looked up on the check's worker.
        self.council = CouncilLookup(store.council_context)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)

        self.purpose_combo = QComboBox()
        self.purpose_combo.setAccessibleName(self.tr("Fin de la publicación"))
        self.purpose_combo.addItem(self.tr("— Elija el fin (sección 3) —"), "")
        for purpose_id, label in PURPOSES.items():
            self.purpose_combo.addItem(f"{purpose_id} {label}", purpose_id)
        self.purpose_combo.setToolTip(self.tr(
            "Cada publicación cumple uno de los fines de la sección 3 (criterio 6.i); el informe "
            "trimestral las cuenta por fin (8.iv)."))
        self.source_edit = QLineEdit()
        self.source_edit.setMaxLength(500)
        self.source_edit.setAccessibleName(self.tr("Fuente de los datos"))
        self.source_edit.setPlaceholderText(self.tr("De dónde salen las cifras (criterio 6.iv)"))
        self.headline_edit = QLineEdit()
        self.headline_edit.setMaxLength(500)
        self.headline_edit.setAccessibleName(self.tr("Titular del boletín enlazado"))
        self.headline_edit.setPlaceholderText(self.tr(
            "Si enlaza un boletín: su titular, para no repetirlo (criterio 6.x)"))
        self.topic_edit = QLineEdit()
        self.topic_edit.setMaxLength(120)
        self.topic_edit.setAccessibleName(self.tr("Tema"))
        self.topic_edit.setPlaceholderText(self.tr(
            "Agrupa las publicaciones de una sesión del Consejo General (6.xxvii)"))
        self.expires_box = QCheckBox(self.tr("Vigente hasta"))
        self.expires_box.setToolTip(self.tr(
            "Para contenidos que vencen (un plazo, un periodo de registro): se le recordará "
            "actualizarlos o retirarlos (criterio 5.2 d)."))
        self.valid_until = QDateEdit()
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("dd/MM/yyyy")
        self.valid_until.setAccessibleName(self.tr("Fecha de vigencia"))
        self.valid_until.setEnabled(False)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Fin:"), self.purpose_combo)
        form.addRow(self.tr("Fuente:"), self.source_edit)
        form.addRow(self.tr("Titular del boletín:"), self.headline_edit)
        form.addRow(self.tr("Tema:"), self.topic_edit)
        validity = QHBoxLayout()
        validity.addWidget(self.expires_box)
        validity.addWidget(self.valid_until, 1)
        form.addRow(validity)
        form.addRow(self.error_label)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self.purpose_combo.currentIndexChanged.connect(self._edited)
        for edit in (self.source_edit, self.headline_edit, self.topic_edit):
            edit.textChanged.connect(self._edited)
        self.expires_box.toggled.connect(self.valid_until.setEnabled)
        self.expires_box.toggled.connect(self._edited)
        self.valid_until.dateChanged.connect(self._edited)
        self.clear()
        if open_post is not None:
            self._follow_timer = QTimer(self)
            self._follow_timer.setInterval(FOLLOW_MS)
            self._follow_timer.timeout.connect(lambda: self.follow(open_post()))
            self._follow_timer.start()

    # -- values ------------------------------------------------------------------------------
    def details(self) -> Details:
        from redes_desktop.actions.post_details import Details

        valid = to_date(self.valid_until.date()) if self.expires_box.isChecked() else None
        return Details(purpose=str(self.purpose_combo.currentData() or ""),
                       source=self.source_edit.text(),
                       bulletin_headline=self.headline_edit.text(),
                       topic=self.topic_edit.text(), valid_until=valid)

    def set_details(self, details: Details) -> None:
        self._loading = True
        try:
            index = self.purpose_combo.findData(details.purpose or "")
            self.purpose_combo.setCurrentIndex(max(index, 0))
            self.source_edit.setText(details.source)
            self.headline_edit.setText(details.bulletin_headline)
            self.topic_edit.setText(details.topic)
            self.expires_box.setChecked(details.valid_until is not None)
            day = details.valid_until or self._today() + timedelta(days=30)
            self.valid_until.setDate(QDate(day.year, day.month, day.day))
        finally:
            self._loading = False
        self._dirty = False

    def clear(self) -> None:
        from redes_desktop.actions.post_details import Details

        self.set_details(Details())

    def check_details(self) -> PostDetails:
        """What the composer's check needs; the Consejo General session is added on the
        worker (`council.with_council`)."""
        d = self.details()
        return PostDetails(purpose=d.purpose.strip(), source=d.source.strip(),
                           bulletin_headline=d.bulletin_headline.strip(),
                           topic=d.topic.strip(), valid_until=d.valid_until)

    def _today(self) -> date:
        from redes_desktop.clock import to_mexico

        return to_mexico(self.context.clock()).date()

    # -- following the open draft and saving -------------------------------------------------
    @property
    def idle(self) -> bool:
        """No read nor save of the details is on its way."""
        return self._reads.idle and not self._saving

    def follow(self, post_id: uuid.UUID | None) -> None:
        """The composer's open draft is `post_id`: read its details on the worker when
        another draft was opened (what was typed for the one left is saved on it first); keep
        the typed values when the draft was just created from them."""
        if post_id == self.post_id:
            return
        previous, self.post_id = self.post_id, post_id
        self.council.forget()
        if previous is not None and self._dirty:  # the draft left keeps what was typed
            self._save_timer.stop()
            self._write(previous, self.details(), self._edits, _nothing)
        if post_id is None:
            self._reads.cancel()  # a read on its way is for the draft left
            self._hold(False)
            if previous is not None:
                self.clear()
            return
        if previous is None and self._dirty:
            self.save()  # a new draft got its id: store what was typed before
            return
        self._read(post_id, self._show_read, on_error=self._show_error, hold=True)

    def _hold(self, reading: bool) -> None:
        """While a draft's details are read, the form takes no typing: they would replace it."""
        self.setEnabled(not reading)

    def _read(self, post_id: uuid.UUID, on_read: Callable[[Details], None], *,
              on_error: Callable[[BaseException], None] | None = None,
              hold: bool = False) -> None:
        """Read draft `post_id`'s details on the worker, then `on_read` them (the newest read
        only, and only while that draft is still the one followed)."""
        store = self.store
        if hold:
            self._hold(True)

        def deliver(details: Details | None, error: BaseException | None) -> None:
            self._hold(False)
            if post_id != self.post_id:
                return  # another draft was opened meanwhile
            if error is not None or details is None:
                if on_error is not None and error is not None:
                    on_error(error)
                return
            on_read(details)

        self._reads.run(lambda: store.post_details(post_id), deliver)

    def _show_read(self, details: Details) -> None:
        self.set_details(details)
        self.error_label.clear()
        self.council.forget()
        self.loaded.emit()

    def _show_error(self, error: BaseException) -> None:
        self.error_label.setText(getattr(error, "message", None) or str(error))

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._dirty = True
        self._edits += 1
        self.council.forget()
        self.changed.emit()
        self._save_timer.start()

    def save(self, then: Saved | None = None) -> None:
        """Store the values on the open draft, on the worker; `then(saved)` once written:
        False when there is no draft yet (they are stored once it exists), nothing changed,
        or the values were refused (the reason is shown). A save already running ends
        first."""
        self._save_timer.stop()
        done = then or _nothing
        if self._saving:
            self._after_save.append(lambda: self.save(done))  # the values as they are then
            return
        post_id = self.post_id
        if post_id is None or self.context.identity is None or not self._dirty:
            done(False)
            return
        self._write(post_id, self.details(), self._edits, done)

    def _write(self, post_id: uuid.UUID, details: Details, edits: int, done: Saved) -> None:
        """Store `details` on draft `post_id` on the worker, after any save running."""
        if self._saving:
            self._after_save.append(lambda: self._write(post_id, details, edits, done))
            return
        store = self.store
        self._saving = True
        run_task(lambda: store.save_post_details(post_id, details),
                 lambda _changed, error: self._on_saved(edits, done, error), self._pool)

    def _on_saved(self, edits: int, done: Saved, error: BaseException | None) -> None:
        self._saving = False
        if not shiboken6.isValid(self):
            return  # the Redactor closed meanwhile; the details are written or refused
        if error is not None:
            self.error_label.setText(self.tr("No se guardaron los detalles: %s")
                                     % (getattr(error, "message", None) or error))
        else:
            if edits == self._edits:
                self._dirty = False  # nothing was typed while they were written
            self.error_label.clear()
        done(error is None)
        while self._after_save and not self._saving and shiboken6.isValid(self):
            self._after_save.pop(0)()  # one that starts a save leaves the rest waiting

    def reload_if_unchanged(self) -> None:
        """A sync may have brought another workstation's details of the open draft: show them
        unless the person is editing them here (issue 15: what is shown belongs to what is
        open). Read off the UI thread."""
        if self.post_id is None or self._dirty:
            return
        self._read(self.post_id, self._show_if_unchanged)

    def _show_if_unchanged(self, details: Details) -> None:
        if not self._dirty and details != self.details():
            self._show_read(details)
