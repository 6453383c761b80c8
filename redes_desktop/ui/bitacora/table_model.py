"""A windowed table model over the bitácora: newest first, pages read by position and decrypted
only when shown, so a million entries scroll smoothly. In search mode it shows the ids a
background search streams in."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from redes_desktop.bitacora.names import Names
from redes_desktop.bitacora.query import BitacoraReader, EntryView, Filters
from redes_desktop.clock import to_mexico


def _tr(text: str) -> str:
    return QCoreApplication.translate("BitacoraTableModel", text)


# Action codes are ASCII («contrasena_rotada»); what is shown carries its accents (issue 15).
_ACCENTED = {
    "aprobacion": "aprobación", "area": "área", "areas": "áreas",
    "bitacora": "bitácora", "buzon": "buzón", "conexion": "conexión", "contrasena": "contraseña",
    "contrasenas": "contraseñas", "decision": "decisión", "designacion": "designación",
    "dia": "día", "dias": "días", "dueno": "dueño", "edicion": "edición",
    "evaluacion": "evaluación", "exportacion": "exportación", "identificacion":
    "identificación", "imagenes": "imágenes", "informacion":
    "información", "invalido": "inválido", "limite": "límite", "publicacion": "publicación",
    "revision": "revisión",
    "rotacion": "rotación", "sesion": "sesión", "sincronizacion": "sincronización",
    "ultimo": "último", "verificacion": "verificación", "version": "versión",
}


def action_label(action: str) -> str:
    """«contrasena_rotada» → «Contraseña rotada»."""
    text = " ".join(_ACCENTED.get(word, word) for word in action.split("_") if word)
    return _tr(text[:1].upper() + text[1:])


class BitacoraTableModel(QAbstractTableModel):
    PAGE = 200
    CACHED_PAGES = 16
    COLUMNS = ("Fecha y hora", "Persona", "Cuenta", "Área", "Acción", "Detalles")

    def __init__(self, reader: BitacoraReader, names: Names, parent=None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.names = names
        self.filters = Filters()
        self._count = 0
        self._ids: list[int] | None = None  # search mode: matching ids, newest first
        self._pages: OrderedDict[int, list[EntryView]] = OrderedDict()

    # -- what is shown ---------------------------------------------------------------------
    def set_filters(self, filters: Filters) -> None:
        self.beginResetModel()
        self.filters = filters
        self._ids = None
        self._pages.clear()
        self._count = self.reader.count(filters)
        self.endResetModel()

    def refresh(self) -> None:
        if self._ids is None:
            self.set_filters(self.filters)

    def begin_search(self, filters: Filters) -> None:
        self.beginResetModel()
        self.filters = filters
        self._ids = []
        self._pages.clear()
        self.endResetModel()

    def add_matches(self, ids: list[int]) -> None:
        if self._ids is None or not ids:
            return
        first = len(self._ids)
        last_page = first // self.PAGE
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)
        self._pages.pop(last_page, None)  # that page grew
        self.endInsertRows()

    @property
    def searching(self) -> bool:
        return self._ids is not None

    def entry_at(self, row: int) -> EntryView | None:
        if not 0 <= row < self.rowCount():
            return None
        page_no, offset = divmod(row, self.PAGE)
        page = self._pages.get(page_no)
        if page is None:
            page = self._load(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def _load(self, page_no: int) -> list[EntryView]:
        start = page_no * self.PAGE
        if self._ids is not None:
            rows = self.reader.by_ids(self._ids[start:start + self.PAGE])
        else:
            rows = self.reader.page(self.filters, start, self.PAGE)
        page = [self.reader.decode(row) for row in rows]
        self._pages[page_no] = page
        while len(self._pages) > self.CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            return 0
        return len(self._ids) if self._ids is not None else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.COLUMNS)):
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        view = self.entry_at(index.row())
        if view is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(view, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return view.details_text or _tr("No se puede descifrar: la entrada fue alterada.")
        if role == Qt.ItemDataRole.ForegroundRole and view.details_text is None:
            return QBrush(QColor("#b00020"))
        return None

    def _text(self, view: EntryView, column: int) -> str:
        if column == 0:
            return to_mexico(view.at).strftime("%d/%m/%Y %H:%M:%S")
        if column == 1:
            return self.names(view.actor) or (_tr("Sistema") if view.actor is None else "")
        if column == 2:
            return self.names(view.account)
        if column == 3:
            return self.names(view.area)
        if column == 4:
            return action_label(view.action)
        if view.details_text is None:
            return _tr("⚠ No se puede descifrar: la entrada fue alterada")
        return view.details_text[:160]
