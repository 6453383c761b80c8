"""Per-network length counters and the X preview showing where X would cut the text."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from redes_desktop.checks.model import CheckResult
from redes_desktop.models.enums import Network
from redes_desktop.ui.composer.offsets import OffsetMapper
from redes_desktop.ui.composer.post_editor import BLOCK_COLOUR


class CountersBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[Network, QLabel] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def counter_text(self, result: CheckResult) -> str:
        name = result.network.label
        used, limit = result.weighted_length, result.limit
        if limit <= 0:
            return self.tr("%1: %n carácter(es)", "", used).replace("%1", name)
        if used > limit:
            return self.tr("%s: %d / %d (sobran %d)") % (name, used, limit, used - limit)
        return self.tr("%s: %d / %d (quedan %d)") % (name, used, limit, limit - used)

    def set_results(self, results: dict[Network, CheckResult]) -> None:
        for network in list(self.labels):
            if network not in results:
                self.labels.pop(network).deleteLater()
        for network, result in results.items():
            label = self.labels.get(network)
            if label is None:
                label = QLabel()
                self.labels[network] = label
                self._layout.addWidget(label)
            label.setText(self.counter_text(result))
            over = result.limit > 0 and result.weighted_length > result.limit
            label.setStyleSheet(f"color: {BLOCK_COLOUR.name()}; font-weight: bold;" if over
                                else "")
            label.setProperty("over", over)


class XPreview(QWidget):
    """Read-only preview of the post on X: the part past the limit is struck and shaded red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Vista previa en X"))
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setAccessibleName(self.tr("Vista previa en X"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self.split_position: int | None = None

    def set_result(self, text: str, split: int | None) -> None:
        """`text` as checked (NFC); `split` is the code-point offset where X cuts it."""
        self.view.setPlainText(text)
        self.split_position = None
        if split is None or split >= len(text):
            self.view.setExtraSelections([])
            self.note.setText(self.tr("El texto cabe completo en X."))
            return
        start = OffsetMapper(text).to_utf16(split)
        self.split_position = start
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(211, 47, 47, 60))
        fmt.setFontStrikeOut(True)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        self.view.setExtraSelections([selection])
        self.note.setText(self.tr("X no mostrará lo marcado en rojo: acorte el texto."))

    def visible_part(self) -> str:
        text = self.view.toPlainText()
        if self.split_position is None:
            return text
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.split_position, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()
