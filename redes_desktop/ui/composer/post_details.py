"""The Redactor's «Detalles» of a post: its purpose (section 3, 6.i), the source of its figures
(6.iv), the headline of the bulletin it links (6.x), its topic (6.xxvii) and until when it is
valid (5.2 d). The composer passes `check_details()` with each check; the panel saves its own
values through the `save_post_details` action once the draft exists, and reloads them when
another draft is opened (`follow`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer, Signal
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

from redes_desktop.checks.model import CouncilContext, PostDetails
from redes_desktop.purposes import PURPOSES
from redes_desktop.ui.qt_dates import to_date

if TYPE_CHECKING:
    from redes_desktop.actions.post_details import Details
    from redes_desktop.context import AppContext

SAVE_DELAY_MS = 800
FOLLOW_MS = 300  # how often the panel asks which draft the composer has open
CONTEXT_TTL = timedelta(seconds=60)


class PostDetailsPanel(QWidget):
    """The details form. `changed` fires on every edit by the person (not on loading)."""

    changed = Signal()

    def __init__(self, context: AppContext,
                 open_post: Callable[[], uuid.UUID | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._open_post = open_post
        self.post_id: uuid.UUID | None = None
        self._loading = False
        self._dirty = False
        self._council: tuple[tuple, CouncilContext | None] | None = None
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

    def check_details(self, account_id: uuid.UUID | None, moment: datetime) -> PostDetails:
        """What the composer's check needs (the session context refreshed once a minute)."""
        d = self.details()
        return PostDetails(purpose=d.purpose.strip(), source=d.source.strip(),
                           bulletin_headline=d.bulletin_headline.strip(),
                           topic=d.topic.strip(), valid_until=d.valid_until,
                           council=self._council_at(account_id, moment))

    def _council_at(self, account_id: uuid.UUID | None, moment: datetime
                    ) -> CouncilContext | None:
        if account_id is None:
            return None
        key = (account_id, self.post_id)
        if (self._council is not None and self._council[0][:2] == key
                and abs(moment - self._council[0][2]) < CONTEXT_TTL):
            return self._council[1]
        from redes_desktop.actions.post_details import council_context

        try:
            found = council_context(self.context.database, account_id, moment,
                                    exclude=self.post_id)
        except Exception:  # noqa: BLE001 - the check still runs without the session rule
            found = None
        self._council = ((account_id, self.post_id, moment), found)
        return found

    def _today(self) -> date:
        from redes_desktop.clock import to_mexico

        return to_mexico(self.context.clock()).date()

    # -- following the open draft and saving -------------------------------------------------
    def follow(self, post_id: uuid.UUID | None) -> None:
        """The composer's open draft is `post_id`: load its details when another draft was
        opened; keep the typed values when the draft was just created from them."""
        if post_id == self.post_id:
            return
        previous, self.post_id = self.post_id, post_id
        self._council = None
        if post_id is None:
            if previous is not None:
                self.clear()
            return
        if previous is None and self._dirty:
            self.save()  # a new draft got its id: store what was typed before
            return
        from redes_desktop.actions.post_details import load_post_details

        try:
            self.set_details(load_post_details(self.context.database, post_id))
            self.error_label.clear()
        except Exception as error:  # noqa: BLE001 - shown, never raised into Qt
            self.error_label.setText(getattr(error, "message", None) or str(error))

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._dirty = True
        self._council = None
        self.changed.emit()
        self._save_timer.start()

    def save(self) -> bool:
        """Store the values on the open draft now. False when there is no draft yet (they are
        stored once it exists) or the values were refused (the reason is shown)."""
        self._save_timer.stop()
        identity = self.context.identity
        if self.post_id is None or identity is None or not self._dirty:
            return False
        from redes_desktop.actions.post_details import save_post_details

        try:
            save_post_details(self.context.database, self.post_id, self.details(),
                              person_id=identity.person_id, clock=self.context.clock,
                              recorder=self.context.recorder)
        except Exception as error:  # noqa: BLE001 - a Spanish message, never a traceback
            self.error_label.setText(self.tr("No se guardaron los detalles: %s")
                                     % (getattr(error, "message", None) or error))
            return False
        self._dirty = False
        self.error_label.clear()
        return True

    def reload_if_unchanged(self) -> None:
        """A sync may have brought another workstation's details of the open draft: show them
        unless the person is editing them here (issue 15: what is shown belongs to what is
        open). Read off the UI thread."""
        post_id = self.post_id
        if post_id is None or self._dirty:
            return
        from redes_desktop.actions.post_details import load_post_details
        from redes_desktop.ui.tasks import run_task

        database = self.context.database
        run_task(lambda: load_post_details(database, post_id),
                 lambda details, error: self._on_reloaded(post_id, details, error))

    def _on_reloaded(self, post_id: uuid.UUID, details, error: BaseException | None) -> None:
        import shiboken6

        if (not shiboken6.isValid(self) or error is not None or details is None
                or post_id != self.post_id or self._dirty):
            return
        if details != self.details():
            self.set_details(details)
            self._council = None
