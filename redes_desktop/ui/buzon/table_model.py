"""The Buzón's table: pages of 200 rows loaded as the view scrolls (`canFetchMore` /
`fetchMore`), each read off the UI thread; 50,000 items open as fast as their first page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from redes_desktop.actions.inbox_list import (
    OPEN_STATES,
    InboxKey,
    InboxPageResult,
    InboxRow,
    ResponseClock,
    clock_text,
)
from redes_desktop.ui.row_table_model import RowTableModel

_ROOT = QModelIndex()
LATE = QColor("#b3261e")

# fetch(after, deliver): read the page after `after` off the UI thread and give it to deliver
Fetch = Callable[[InboxKey | None, Callable[[InboxPageResult | None], None]], None]


class InboxTableModel(RowTableModel[InboxRow]):
    COLUMNS = ("clock", "state", "kind", "author", "text", "account", "assigned", "tags")

    def __init__(self, now: Callable[[], datetime] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.now = now
        self.total = 0
        self._next: InboxKey | None = None
        self._fetching = False
        self._fetch: Fetch | None = None
        self.generation = 0

    def headers(self) -> list[str]:
        return [self.tr("Reloj de respuesta"), self.tr("Estado"), self.tr("Tipo"),
                self.tr("Autor"), self.tr("Texto"), self.tr("Cuenta"), self.tr("Asignado a"),
                self.tr("Etiquetas")]

    def kind_label(self, kind: str) -> str:
        labels = {"comentario": self.tr("Comentario"), "mencion": self.tr("Mención"),
                  "mensaje_directo": self.tr("Mensaje directo")}
        return labels.get(kind, kind)

    def start(self, first: InboxPageResult, fetch: Fetch) -> None:
        """Show the first page; later pages come through `fetch` as the view asks."""
        self.generation += 1
        self._fetch = fetch
        self._fetching = False
        self.total = first.total
        self._next = first.next_key
        self.set_rows(first.rows)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:  # noqa: N802
        if parent.isValid() or self._next is None or self._fetching or self._fetch is None:
            return
        self._fetching = True
        generation = self.generation

        def deliver(page: InboxPageResult | None) -> None:
            if generation != self.generation:
                return  # the filters changed meanwhile
            self._fetching = False
            if page is None:
                return
            self._next = page.next_key
            if page.rows:
                first = len(self._rows)
                self.beginInsertRows(_ROOT, first, first + len(page.rows) - 1)
                self._rows.extend(page.rows)
                self.endInsertRows()

        self._fetch(self._next, deliver)

    def row_of(self, item_id: uuid.UUID) -> int:
        for n, row in enumerate(self._rows):
            if row.id == item_id:
                return n
        return -1

    def cell(self, row: InboxRow, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "clock":
                return self._clock(row)[0]
            if column == "state":
                return row.state_label
            if column == "kind":
                return self.kind_label(row.kind)
            if column == "account":
                return f"{row.account_handle} ({row.network_label})"
            if column == "author":
                return row.author
            if column == "text":
                text = " ".join(row.text.split())
                return text if not row.group_size > 1 else f"[{row.group_size}] {text}"
            if column == "assigned":
                return row.assigned_to
            if column == "tags":
                return ", ".join(t.replace("_", " ") for t in row.tags)
        if role == Qt.ItemDataRole.ToolTipRole and column == "text":
            if row.group_size > 1:  # what «[6]» before the text means
                return row.text + "\n\n" + self.tr(
                    "[%d]: %d personas preguntan lo mismo (duda recurrente, 6.xviii).") \
                    % (row.group_size, row.group_size)
            return row.text
        if role == Qt.ItemDataRole.ForegroundRole and column == "clock" and self._clock(row)[1]:
            return LATE
        return None

    def _clock(self, row: InboxRow) -> tuple[str, bool]:
        """The clock as of now for open items (it runs while the table is shown)."""
        if self.now is None or row.state not in OPEN_STATES:
            return row.clock, row.late
        remaining = row.due_at - self.now()
        return clock_text(ResponseClock(row.due_at, remaining, None, timedelta(0))), \
            remaining < timedelta(0)

    def tick(self) -> None:
        """Repaint the clock column only."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])
