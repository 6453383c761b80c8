"""The consultation queue as a Qt table model, with a live countdown column.

Filtering and sorting happen here, on plain Python lists (10,000 rows sort in a few ms), rather
than in a QSortFilterProxyModel whose comparisons would call back into Python a hundred thousand
times. `tick()` emits `dataChanged` for the countdown column only; the view repaints just the
visible cells of that column.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from redes_desktop.actions.list_consultations import (
    URGENT_LEFT,
    WARNING_LEFT,
    ConsultationRow,
    format_mexico,
)
from redes_desktop.clock import Clock, as_utc, to_mexico
from redes_desktop.models import ConsultationState

Role = Qt.ItemDataRole
COUNTDOWN_ROLES = [Role.DisplayRole, Role.ForegroundRole, Role.BackgroundRole, Role.ToolTipRole]
_WARNING = (QBrush(QColor("#fff1c2")), QBrush(QColor("#5c4300")))  # under 12 h
_URGENT = (QBrush(QColor("#b3261e")), QBrush(QColor("#ffffff")))  # under 2 h
_OPEN = ConsultationState.PENDIENTE
_URGENT_S = URGENT_LEFT.total_seconds()
_WARNING_S = WARNING_LEFT.total_seconds()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_HANDLED = frozenset({Role.DisplayRole, Role.ToolTipRole, Role.UserRole, Role.BackgroundRole,
                      Role.ForegroundRole, Role.TextAlignmentRole})


def _local(value: datetime) -> str:
    return to_mexico(value).strftime("%d/%m/%Y %H:%M")


class ConsultationsTableModel(QAbstractTableModel):
    COLUMNS = ("cuenta", "area", "autor", "enviada", "plazo", "restante", "estado")
    COUNTDOWN = COLUMNS.index("restante")
    STATE = COLUMNS.index("estado")

    def __init__(self, clock: Clock, parent=None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._all: list[ConsultationRow] = []
        self._rows: list[ConsultationRow] = []
        self._now = as_utc(clock())
        self._next_due: datetime | None = None
        self.pending_count = 0
        self._expired_text = self.tr("vencida")
        self._filter: tuple[ConsultationState | None, uuid.UUID | None, uuid.UUID | None] = (
            None, None, None)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._headers = [self.tr("Cuenta"), self.tr("Área"), self.tr("Autor"), self.tr("Enviada"),
                         self.tr("Vence"), self.tr("Restante"), self.tr("Estado")]

    # -- contents ----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ConsultationRow],
                 filters: tuple[ConsultationState | None, uuid.UUID | None,
                                uuid.UUID | None] | None = None) -> None:
        """New contents (and, optionally, new filters at the same time: one reset, one sort)."""
        self.beginResetModel()
        self._all = list(rows)
        if filters is not None:
            self._filter = filters
        self._now = as_utc(self.clock())
        self._apply()
        self.endResetModel()

    def set_filter(self, state: ConsultationState | None = None,
                   area_id: uuid.UUID | None = None,
                   account_id: uuid.UUID | None = None) -> None:
        self.beginResetModel()
        self._filter = (state, area_id, account_id)
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        state, area_id, account_id = self._filter
        self._rows = [r for r in self._all
                      if (state is None or r.state == state)
                      and (area_id is None or r.area_id == area_id)
                      and (account_id is None or r.account_id == account_id)]
        if self._sort is not None:
            self._rows.sort(key=self._key(self._sort[0]),
                            reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        open_deadlines = [r.deadline for r in self._all if r.state is _OPEN]
        self._next_due = min(open_deadlines) if open_deadlines else None
        self.pending_count = len(open_deadlines)

    def all_rows(self) -> list[ConsultationRow]:
        return self._all

    def row_at(self, row: int) -> ConsultationRow:
        return self._rows[row]

    def row_of(self, consultation_id: uuid.UUID) -> int:
        key = consultation_id.hex
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    # -- the countdown -----------------------------------------------------------------------
    def tick(self, first: int = 0, last: int | None = None) -> bool:
        """Repaint the countdown column (rows `first`..`last`, by default all; the view passes
        the visible ones: Qt repaints a whole viewport for a range larger than it). True when a
        pending consultation just reached its deadline (the caller then applies the 48-hour
        rule and reloads)."""
        self._now = as_utc(self.clock())
        last = len(self._rows) - 1 if last is None else min(last, len(self._rows) - 1)
        first = max(first, 0)
        if first <= last:
            self.dataChanged.emit(self.index(first, self.COUNTDOWN),
                                  self.index(last, self.COUNTDOWN), COUNTDOWN_ROLES)
        return self._next_due is not None and self._now >= self._next_due

    # -- Qt interface ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Role.DisplayRole) -> Any:
        if role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Role.DisplayRole) -> Any:
        # Called ~14 times per painted cell: unhandled roles leave first.
        if role not in _HANDLED or not index.isValid():
            return None
        row_number = index.row()
        if not 0 <= row_number < len(self._rows):
            return None
        row = self._rows[row_number]
        column = index.column()
        if column == self.COUNTDOWN:
            return self._countdown(row, role)
        if role == Role.DisplayRole:
            return self._text(row, column)
        if role == Role.ToolTipRole:
            if column == self.STATE:
                return self._state_tooltip(row)
            return self._text(row, column)
        if role == Role.UserRole:
            return row.key
        return None

    def _text(self, row: ConsultationRow, column: int) -> str:
        name = self.COLUMNS[column]
        if name == "cuenta":
            return f"{row.account_handle} ({row.network.label})"
        if name == "area":
            return row.area_name
        if name == "autor":
            return row.author_name
        if name == "enviada":
            return _local(row.sent_at)
        if name == "plazo":
            return _local(row.deadline)
        text = row.state.label
        if row.mail_pending:
            text += self.tr(" · correo pendiente")
        if row.invalidated:
            text += self.tr(" · invalidada por edición")
        return text

    def _state_tooltip(self, row: ConsultationRow) -> str:
        parts = [row.state.label]
        if row.reviewer_name:
            parts.append(self.tr("Decidió: %s") % row.reviewer_name)
        if row.mail_pending:
            parts.append(self.tr("El correo a la CNCS aún no sale; se reintenta solo."))
        if row.invalidated:
            parts.append(self.tr("El borrador cambió después de la aprobación: necesita una nueva "
                             "consulta."))
        return "\n".join(parts)

    def _countdown(self, row: ConsultationRow, role: int) -> Any:
        if role == Role.TextAlignmentRole:
            return _RIGHT
        if row.state is not _OPEN:
            return "—" if role == Role.DisplayRole else None
        left = (row.deadline - self._now).total_seconds()  # both aware UTC
        if role == Role.DisplayRole:
            if left <= 0:
                return self._expired_text
            seconds = int(left)
            return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
        if role == Role.BackgroundRole or role == Role.ForegroundRole:
            colours = (_URGENT if left < _URGENT_S else _WARNING if left < _WARNING_S else None)
            if colours is None:
                return None
            return colours[0] if role == Role.BackgroundRole else colours[1]
        if role == Role.ToolTipRole:
            return self.tr("Vence el %s (hora del centro de México)") % format_mexico(row.deadline)
        return None

    # -- sorting -----------------------------------------------------------------------------
    def _key(self, column: int) -> Callable[[ConsultationRow], Any]:
        name = self.COLUMNS[column] if 0 <= column < len(self.COLUMNS) else "enviada"
        return {
            # Stored datetimes are aware UTC already (UTCDateTime): compared as they are.
            "cuenta": lambda r: r.account_handle.casefold(),
            "area": lambda r: r.area_name.casefold(),
            "autor": lambda r: r.author_name.casefold(),
            "enviada": lambda r: r.sent_at,
            "plazo": lambda r: r.deadline,
            "restante": lambda r: (r.state is not _OPEN, r.deadline),
            "estado": lambda r: r.state.label.casefold(),
        }[name]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].key if 0 <= i.row() < len(self._rows) else None
               for i in persistent]
        self._sort = (column, order)
        self._rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        position = {r.key: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [
            self.index(position[i], p.column()) if i in position else QModelIndex()
            for p, i in zip(persistent, ids, strict=True)
        ])
        self.layoutChanged.emit()
