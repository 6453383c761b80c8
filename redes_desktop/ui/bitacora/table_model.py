"""A windowed table model over the bitácora: newest first, pages read by position and decrypted
only when shown, so a million entries scroll smoothly. In search mode it shows the ids a
background search streams in.

Nothing is read on the UI thread: the count and every page come from the read action
(`actions/read_bitacora.BitacoraPages`) run through `ui/tasks.py`. A row whose page is on its
way shows «Cargando…» and is filled in when the page arrives. Only the newest answer counts: a
count for filters that were replaced is dropped, and a fast scroll keeps only the last few
pages it passed waiting (one page is read at a time), so scrolling never queues a backlog."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from redes_desktop.actions.read_bitacora import BitacoraPages, BitacoraScope, FirstPage
from redes_desktop.bitacora.names import Names
from redes_desktop.bitacora.query import EntryView, Filters
from redes_desktop.clock import to_mexico
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.bitacora.details import EntryDetails, action_label
from redes_desktop.ui.tasks import Reads, SynchronousPool, run_task

__all__ = ["BitacoraTableModel", "action_label"]


_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_SHOWN = frozenset((_DISPLAY, _TOOLTIP, _FOREGROUND))
_ALTERED = QBrush(QColor("#b00020"))  # an entry that cannot be decrypted, or not read
_WAITING = QBrush(QColor("#777777"))  # «Cargando…»


class _Failed:
    """A page that could not be read: shown as such, read again at the next refresh."""


class BitacoraTableModel(QAbstractTableModel):
    PAGE = 200
    CACHED_PAGES = 16
    WAITING_PAGES = 4  # pages asked for and not yet read: only the newest few are kept
    COLUMNS = ("Fecha y hora", "Persona", "Cuenta", "Área", "Acción", "Detalles")

    counted = Signal(int)  # the rows for the current filters are known
    failed = Signal(str)  # a read failed: a Spanish message

    def __init__(self, pages: BitacoraPages, scope: BitacoraScope, parent=None,
                 pool: QThreadPool | SynchronousPool | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self._scope = scope
        self.details = EntryDetails(scope.names, self)
        self.pool = pool
        self.filters = Filters()
        self._count = 0
        self._ids: list[int] | None = None  # search mode: matching ids, newest first
        # page number -> (how many rows it was read for, its entries or _Failed)
        self._pages: OrderedDict[int, tuple[int, tuple[EntryView, ...] | _Failed]] = \
            OrderedDict()
        self._generation = 0  # what is shown; a page read for an older one is dropped
        self._counting = Reads(self, pool)  # the newest count only
        self._recounting = False  # a count for new filters is on its way
        self._reading: tuple[int, int] | None = None  # (generation, page) being read
        self._waiting: list[int] = []  # pages asked for, the newest last

    @property
    def scope(self) -> BitacoraScope:
        return self._scope

    @scope.setter
    def scope(self, scope: BitacoraScope) -> None:
        """What the reader may read (applied by every read) and how entries are named."""
        self._scope = scope
        self.details.names = scope.names

    @property
    def idle(self) -> bool:
        """No count and no page on its way."""
        return self._counting.idle and self._reading is None and not self._waiting

    # -- what is shown ---------------------------------------------------------------------
    @property
    def names(self) -> Names:
        return self.details.names

    @names.setter
    def names(self, names: Names) -> None:
        self.details.names = names

    def set_filters(self, filters: Filters) -> None:
        """Count the entries matching `filters` (and read the newest page) off the UI thread;
        what is shown now stays until the answer arrives, then the rows are replaced."""
        pages, scope, limit = self.pages, self.scope, self.PAGE
        self._recounting = True
        self._counting.run(lambda: pages.first(scope, filters, limit),
                           lambda first, error: self._on_first(filters, first, error))

    def _on_first(self, filters: Filters, first: FirstPage | None,
                  error: BaseException | None) -> None:
        self._recounting = False
        self._reset(filters, None)
        if first is not None:
            self._count = first.count
            if first.entries:
                self._pages[0] = (min(self.PAGE, first.count), first.entries)
        self.endResetModel()
        if error is not None:
            self.failed.emit(self._message(error))
        else:
            self.counted.emit(self._count)

    def _reset(self, filters: Filters, ids: list[int] | None) -> None:
        """Begin a reset that forgets every page (end it with endResetModel)."""
        self.beginResetModel()
        self.filters = filters
        self._ids = ids
        self._count = 0
        self._pages.clear()
        self._waiting.clear()
        self._generation += 1

    def refresh(self) -> None:
        if self._ids is None:
            self.set_filters(self.filters)

    def begin_search(self, filters: Filters) -> None:
        self._counting.cancel()
        self._recounting = False
        self._reset(filters, [])
        self.endResetModel()

    def add_matches(self, ids: list[int]) -> None:
        if self._ids is None or not ids:
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)  # a last page that grew is read again when its new rows show
        self.endInsertRows()

    @property
    def searching(self) -> bool:
        return self._ids is not None

    def entry_at(self, row: int) -> EntryView | None:
        """The entry at `row`, or None while its page is on its way (it is asked for)."""
        if not 0 <= row < self.rowCount():
            return None
        found = self._cached(row)
        if found is None:
            self._ask(row // self.PAGE)
            found = self._cached(row)  # a synchronous pool has read it already
        return found if isinstance(found, EntryView) else None

    def is_loaded(self, row: int) -> bool:
        """Whether `row` shows its entry (not «Cargando…»); reads nothing."""
        return 0 <= row < self.rowCount() and self._cached(row) is not None

    def _expected(self, page_no: int) -> int:
        return max(0, min(self.PAGE, self.rowCount() - page_no * self.PAGE))

    def _cached(self, row: int) -> EntryView | _Failed | None:
        page_no, offset = divmod(row, self.PAGE)
        cached = self._pages.get(page_no)
        if cached is None:
            return None
        read_for, page = cached
        if isinstance(page, _Failed):
            return page
        if offset >= len(page) or (self._ids is not None
                                   and read_for < self._expected(page_no)):
            return None  # the page grew (search matches streamed in): read it again
        self._pages.move_to_end(page_no)
        return page[offset]

    def _ask(self, page_no: int) -> None:
        if self._recounting or self._reading == (self._generation, page_no):
            return  # new filters' count is on its way, or the page already is
        if page_no in self._waiting:
            self._waiting.remove(page_no)
        self._waiting.append(page_no)
        del self._waiting[:-self.WAITING_PAGES]  # a fast scroll passed them: not wanted now
        self._read_next()

    def _read_next(self) -> None:
        while self._reading is None and self._waiting:
            page_no = self._waiting.pop()  # the newest wish first
            expected = self._expected(page_no)
            cached = self._pages.get(page_no)
            if expected == 0 or (cached is not None and cached[0] >= expected):
                continue
            generation = self._generation
            self._reading = (generation, page_no)
            run_task(self._reader_of(page_no, expected),
                     self._deliver_to(generation, page_no, expected), self.pool)

    def _deliver_to(self, generation: int, page_no: int,
                    expected: int) -> Callable[[tuple[EntryView, ...] | None,
                                                BaseException | None], None]:
        def deliver(entries: tuple[EntryView, ...] | None, error: BaseException | None) -> None:
            self._on_page(generation, page_no, expected, entries, error)

        return deliver

    def _reader_of(self, page_no: int, expected: int) -> Callable[[], tuple[EntryView, ...]]:
        """The read, for a worker thread, of page `page_no` as it is shown now."""
        pages, start = self.pages, page_no * self.PAGE
        if self._ids is not None:
            ids = tuple(self._ids[start:start + expected])
            return lambda: pages.entries(ids)
        scope, filters, limit = self.scope, self.filters, self.PAGE
        return lambda: pages.page(scope, filters, start, limit)

    def _on_page(self, generation: int, page_no: int, expected: int,
                 entries: tuple[EntryView, ...] | None, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return  # the viewer was closed meanwhile
        self._reading = None
        if generation == self._generation:
            self._pages[page_no] = (expected, _Failed() if error is not None or entries is None
                                    else entries)
            self._pages.move_to_end(page_no)
            while len(self._pages) > self.CACHED_PAGES:
                self._pages.popitem(last=False)
            first = page_no * self.PAGE
            last = min(first + expected, self.rowCount()) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0),
                                      self.index(last, len(self.COLUMNS) - 1), [])
            if error is not None:
                self.failed.emit(self._message(error))
        self._read_next()

    def _message(self, error: BaseException) -> str:
        if isinstance(error, UserFacingError):
            return error.message
        return self.tr("No se pudo leer la bitácora (%s). Pulse «Actualizar» para volver a "
                       "intentarlo.") % type(error).__name__

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            return 0
        return len(self._ids) if self._ids is not None else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Fecha y hora"), self.tr("Persona"), self.tr("Cuenta"), self.tr("Área"),
                self.tr("Acción"), self.tr("Detalles"))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.COLUMNS)):
            return self._headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        if role not in _SHOWN or not index.isValid():  # a view asks ~8 roles per cell
            return None
        row = index.row()
        found = self._cached(row)
        if found is None and role == _DISPLAY and 0 <= row < self.rowCount():
            self._ask(row // self.PAGE)
            found = self._cached(row)  # a synchronous pool has read it already
        column = index.column()
        if not isinstance(found, EntryView):
            return self._placeholder(found, column, role)
        if role == _DISPLAY:
            return self._text(found, column)
        if role == _TOOLTIP and column == 5:
            return found.details_text or self.tr(
                "No se puede descifrar: la entrada fue alterada.")
        if role == _FOREGROUND and found.details_text is None:
            return _ALTERED
        return None

    def _placeholder(self, found: _Failed | None, column: int, role: int):
        if role == _DISPLAY and column == 0:
            return self.tr("No se pudo leer") if found is not None else self.tr("Cargando…")
        if role == _FOREGROUND:
            return _ALTERED if found is not None else _WAITING
        return None

    def _text(self, view: EntryView, column: int) -> str:
        if column == 0:
            return to_mexico(view.at).strftime("%d/%m/%Y %H:%M:%S")
        if column == 1:
            return self.names(view.actor) or (self.tr("Sistema") if view.actor is None else "")
        if column == 2:
            return self.names(view.account)
        if column == 3:
            return self.names(view.area)
        if column == 4:
            return action_label(view.action)
        if view.details_text is None:
            return self.tr("⚠ No se puede descifrar: la entrada fue alterada")
        return self.details.summary(view)[:200]
