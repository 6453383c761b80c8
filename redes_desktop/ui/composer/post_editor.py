"""The post text editor: findings underlined in place, tooltips, suggestions in the context menu.

Each finding is a Mark whose QTextCursor tracks later edits, so a suggestion chosen after more
typing still replaces the right span (and is not offered once the span's text changed). Only the
marks on screen are drawn as ExtraSelections (after novelWriter's `_updateCheckSelections`), at
most MAX_SELECTIONS of them, rebuilt on scroll and resize: hundreds of findings stay cheap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from redes_desktop.checks.model import Finding, Severity
from redes_desktop.criteria import criterion_text

BLOCK_COLOUR = QColor("#d32f2f")
WARN_COLOUR = QColor("#f29900")
SPELLING_CODES = {"ortografia", "spelling"}
PERSONAL_DATA_RULE = "6.iii"


@dataclass
class Mark:
    """A finding placed in the document."""

    finding: Finding
    cursor: QTextCursor  # selection over the span; moves with edits
    original: str  # the span's text when checked

    @property
    def intact(self) -> bool:
        return self.cursor.selectedText() == self.original


def finding_tooltip(finding: Finding) -> str:
    criterion = criterion_text(finding.rule)
    if len(criterion) > 320:
        criterion = criterion[:317].rstrip() + "…"
    label = QCoreApplication.translate("PostEditor", "Criterio %s: %s") % (finding.rule,
                                                                           criterion)
    return f"{finding.message}\n\n{label}"


class PostEditor(QPlainTextEdit):
    add_word_requested = Signal(str)
    suggestion_applied = Signal()

    MAX_SELECTIONS = 400  # underlines drawn at once (a screen rarely shows more words)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.setTabChangesFocus(True)
        self._formats = {s: self._format(s) for s in Severity}
        self.verticalScrollBar().valueChanged.connect(self.refresh_selections)

    # -- findings ----------------------------------------------------------------------------
    def set_findings(self, placed: list[tuple[Finding, int, int]]) -> None:
        """Underline each finding; positions are UTF-16 (start, end) into the current text."""
        doc_end = self.document().characterCount() - 1
        self.marks = []
        for finding, start, end in placed:
            start, end = max(0, min(start, doc_end)), max(0, min(end, doc_end))
            if end <= start:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.marks.append(Mark(finding, cursor, cursor.selectedText()))
        self.refresh_selections()

    def visible_range(self) -> tuple[int, int]:
        """Document positions of the first and last characters on screen."""
        viewport = self.viewport().rect()
        first = self.cursorForPosition(viewport.topLeft()).block().position()
        last_block = self.cursorForPosition(viewport.bottomRight()).block()
        return first, last_block.position() + last_block.length()

    def refresh_selections(self, *_args) -> None:
        """Draw the marks that are on screen (at most MAX_SELECTIONS)."""
        first, last = self.visible_range()
        selections = []
        for mark in self.marks:
            cursor = mark.cursor
            if cursor.selectionEnd() < first or cursor.selectionStart() > last:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = self._formats[mark.finding.severity]
            selections.append(selection)
            if len(selections) >= self.MAX_SELECTIONS:
                break
        self.setExtraSelections(selections)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.refresh_selections()

    @staticmethod
    def _format(severity: Severity) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if severity == Severity.BLOQUEA:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(BLOCK_COLOUR)
            fmt.setBackground(QColor(211, 47, 47, 45))
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(WARN_COLOUR)
            fmt.setBackground(QColor(242, 153, 0, 40))
        return fmt

    def marks_at(self, position: int) -> list[Mark]:
        return [
            m for m in self.marks
            if m.cursor.selectionStart() <= position < m.cursor.selectionEnd()
            or (m.cursor.selectionStart() < position == m.cursor.selectionEnd())
        ]

    def select_mark(self, mark: Mark) -> None:
        cursor = QTextCursor(mark.cursor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus()

    def apply_suggestion(self, mark: Mark, replacement: str) -> bool:
        """Replace the finding's span (one undo step). False if the span changed meanwhile."""
        if not mark.intact:
            return False
        cursor = QTextCursor(mark.cursor)
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self.marks = [m for m in self.marks if m is not mark]
        self.suggestion_applied.emit()
        return True

    # -- menu and tooltips -------------------------------------------------------------------
    def finding_actions(self, position: int, parent: QMenu) -> list[QAction]:
        """The quick fixes for the findings at `position` (suggestions, dictionary)."""
        actions: list[QAction] = []
        for mark in self.marks_at(position):
            if not mark.intact:
                continue
            finding = mark.finding
            for suggestion in finding.suggestions[:5]:
                if suggestion:
                    label = self.tr("Cambiar por «%s»") % suggestion.replace("\n", " ")[:60]
                elif finding.rule == PERSONAL_DATA_RULE:
                    label = self.tr("Quitar el dato personal")
                else:
                    label = self.tr("Borrar el texto marcado")
                action = QAction(label, parent)
                action.triggered.connect(
                    lambda _=False, m=mark, s=suggestion: self.apply_suggestion(m, s)
                )
                actions.append(action)
            if finding.code in SPELLING_CODES:
                word = mark.original
                action = QAction(
                    self.tr("Agregar «%s» al diccionario institucional") % word, parent
                )
                action.triggered.connect(lambda _=False, w=word: self.add_word_requested.emit(w))
                actions.append(action)
        return actions

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        position = self.cursorForPosition(event.pos()).position()
        actions = self.finding_actions(position, menu)
        if actions:
            existing = menu.actions()
            if existing:  # the quick fixes go first, above Qt's own entries
                menu.insertActions(existing[0], actions)
                menu.insertSeparator(existing[0])
            else:
                menu.addActions(actions)
                menu.addSeparator()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(event.pos()).position()
            text = self.tooltip_at(position)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, position: int) -> str:
        return "\n\n".join(finding_tooltip(m.finding) for m in self.marks_at(position))

    # -- input -------------------------------------------------------------------------------
    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        """Paste plain text, NFC-normalised (the checks' offsets are into NFC text)."""
        if source.hasText():
            self.textCursor().insertText(unicodedata.normalize("NFC", source.text()))
            self.ensureCursorVisible()
            return
        super().insertFromMimeData(source)
