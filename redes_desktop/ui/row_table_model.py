"""The read-only table model every section's list is built on: plain row objects in, cells out.

A subclass names its `COLUMNS`, gives its translated `headers()` and answers `cell(row, column,
role)`; rows are replaced whole with `set_rows`. (Qt's own item roles: DisplayRole, ToolTipRole,
ForegroundRole, UserRole…)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
_ROOT = QModelIndex()


class RowTableModel(QAbstractTableModel, Generic[Row]):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._headers = self.headers()

    # -- for subclasses ------------------------------------------------------------------------
    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: Row, column: str, role: int) -> Any:
        raise NotImplementedError

    # -- rows ------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    # -- QAbstractTableModel -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not 0 <= index.column() < len(self.COLUMNS):
            return None
        return self.cell(self._rows[index.row()], self.COLUMNS[index.column()], role)
