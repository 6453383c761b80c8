"""«Programar para»: when the open draft is to be published, in México City's time (issue 15).

The time is stored in UTC with the draft, through the draft's own save (`DraftActions`); a
time already past is refused here with a Spanish message and never sent (the text is saved
without it); unticking the box makes the draft unscheduled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QWidget,
)

from redes_desktop.clock import mexico_tz, to_mexico
from redes_desktop.scheduling import is_past, past_schedule_message
from redes_desktop.ui.composer.store import KEEP, Schedule
from redes_desktop.ui.qt_dates import from_datetime, to_datetime

DEFAULT_AHEAD = timedelta(hours=1)  # a new schedule starts an hour ahead, on the hour


class ScheduleField(QWidget):
    """A box «Programar para» and the date and time. `changed` fires on the person's edits
    only (not while a draft is loaded)."""

    changed = Signal()

    def __init__(self, clock: Callable[[], datetime] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._loading = False
        self.enabled_box = QCheckBox(self.tr("Programar para"))
        self.enabled_box.setToolTip(self.tr(
            "Fecha y hora (del centro de México) en que se publicará. Quite la marca para "
            "dejar el borrador sin programar."))
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        # The wall clock shown is México City's; Qt's own zone (the machine's) must not move it.
        self.edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
        self.edit.setAccessibleName(self.tr("Fecha y hora de publicación programada"))
        self.edit.setEnabled(False)
        self.edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.zone_label = QLabel(self.tr("hora del centro de México"))
        self.error_label = QLabel()
        self.error_label.setObjectName("error_programacion")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.edit)
        layout.addWidget(self.zone_label)
        layout.addWidget(self.error_label, 4)
        layout.addStretch(1)  # keeps the fields together when there is no message
        self.enabled_box.toggled.connect(self.edit.setEnabled)
        self.enabled_box.toggled.connect(self._ticked)
        self.enabled_box.toggled.connect(self._edited)
        self.edit.dateTimeChanged.connect(self._edited)

    # -- values ------------------------------------------------------------------------------
    def value(self) -> datetime | None:
        """The chosen time as aware UTC (to the minute), or None when not scheduled."""
        if not self.enabled_box.isChecked():
            return None
        shown = to_datetime(self.edit.dateTime()).replace(second=0, microsecond=0)
        return shown.replace(tzinfo=mexico_tz()).astimezone(UTC)

    def set_value(self, when: datetime | None, now: datetime) -> None:
        """Show `when` (aware; None: not scheduled). `now` places the default time."""
        self._loading = True
        try:
            shown = when if when is not None else (now + DEFAULT_AHEAD).replace(
                minute=0, second=0, microsecond=0)
            local = to_mexico(shown).replace(tzinfo=None)
            self.edit.setDateTime(self._as_shown(from_datetime(local)))
            self.enabled_box.setChecked(when is not None)
            self.edit.setEnabled(when is not None)
            self.error_label.clear()
            self.error_label.hide()
        finally:
            self._loading = False

    def for_save(self, now: datetime) -> Schedule:
        """What the save stores: the time, None (unscheduled), or KEEP when the time shown is
        already past (then the message says so and the stored time stays as it was)."""
        when = self.value()
        if when is not None and is_past(when, now):
            self.error_label.setText(past_schedule_message(when))
            self.error_label.show()
            return KEEP
        self.error_label.clear()
        self.error_label.hide()
        return when

    @property
    def error(self) -> str:
        return self.error_label.text()

    # -- internals ---------------------------------------------------------------------------
    @staticmethod
    def _as_shown(value: QDateTime) -> QDateTime:
        """`value`'s wall clock in the edit's zone (UTC: no machine daylight-saving jumps)."""
        shown = QDateTime(value.date(), value.time(), QTimeZone(QTimeZone.Initialization.UTC))
        return shown

    def _ticked(self, checked: bool) -> None:
        """Ticked with a time shown that has passed meanwhile (the form stayed open): start
        from the next hour instead of refusing at once."""
        if self._loading or not checked or self._clock is None:
            return
        now = self._clock()
        when = self.value()
        if when is not None and is_past(when, now):
            self._loading = True
            try:
                shown = (now + DEFAULT_AHEAD).replace(minute=0, second=0, microsecond=0)
                local = to_mexico(shown).replace(tzinfo=None)
                self.edit.setDateTime(self._as_shown(from_datetime(local)))
            finally:
                self._loading = False

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt's spelling
        self.enabled_box.setEnabled(not read_only)
        self.edit.setReadOnly(read_only)
        self.edit.setEnabled(not read_only and self.enabled_box.isChecked())

