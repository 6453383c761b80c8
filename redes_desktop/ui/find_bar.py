"""Ctrl+F in every section (issue 15). A section with its own search (Cuentas, Bitácora, the
Redactor) says so with `focus_search()`; a section that can search in its own way answers
`find_text(text) -> message`; anything else is searched by this bar, row by row, in the tables
and lists the section shows."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QWidget,
)


def fold(text: str) -> str:
    """Case and accents ignored: «publicacion» finds «Publicación»."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def find_in_views(page: QWidget, text: str) -> tuple[QAbstractItemView, QModelIndex] | None:
    """The next row (after the current one, wrapping) of a view of `page` whose text contains
    `text`; that row becomes current. Views on screen first, then those in other tabs (whose
    tab is then brought forward)."""
    wanted = fold(text)
    views = sorted((v for v in page.findChildren(QAbstractItemView) if v.model() is not None
                    and not isinstance(v.parentWidget(), QComboBox)),
                   key=lambda v: not v.isVisible())
    for view in views:
        model = view.model()
        rows, columns = model.rowCount(), model.columnCount()
        if not rows:
            continue
        current = view.currentIndex().row() if view.currentIndex().isValid() else -1
        for step in range(1, rows + 1):
            row = (current + step) % rows
            for column in range(columns):
                value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                if value is not None and wanted in fold(str(value)):
                    index = model.index(row, 0)
                    _bring_forward(view, page)
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    return view, index
    return None


def _bring_forward(widget: QWidget, page: QWidget) -> None:
    """Show the tabs of `page` that hold `widget`."""
    child: QWidget | None = widget
    while child is not None and child is not page:
        parent = child.parentWidget()
        tabs = parent.parentWidget() if isinstance(parent, QStackedWidget) else None
        if isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(child)
        child = parent


class FindBar(QWidget):
    """The window's search line, shown by Ctrl+F in sections without their own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page: QWidget | None = None
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(self.tr("Buscar en esta sección…"))
        self.edit.setAccessibleName(self.tr("Buscar en esta sección"))
        self.next_button = QPushButton(self.tr("Siguiente"))
        self.result = QLabel()
        close = QToolButton()
        close.setText(self.tr("Cerrar"))
        close.setToolTip(self.tr("Cerrar la búsqueda (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("Buscar:")))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.next_button)
        layout.addWidget(self.result, 1)
        layout.addWidget(close)
        self.edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        close.clicked.connect(self.hide)
        self.hide()

    def open_for(self, page: QWidget) -> None:
        self.page = page
        self.result.clear()
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def find_next(self) -> str:
        text = self.edit.text().strip()
        page = self.page
        if not text or page is None:
            message = self.tr("Escriba lo que busca.")
        else:
            own = getattr(page, "find_text", None)
            if callable(own):
                message = own(text)
            elif find_in_views(page, text) is not None:
                message = self.tr("Encontrado: la fila queda seleccionada. «Siguiente» busca "
                                  "la próxima.")
            else:
                message = self.tr("«%1» no aparece en esta sección.").replace("%1", text)
        self.result.setText(message)
        return message
