"""Ctrl+F in the Redactor (issue 15): the next occurrence in the post's text (from the cursor,
starting again at the top), else the saved drafts whose title has it. The answer is the line
the window's find bar shows."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from redes_desktop.ui.find_bar import fold


class RedactorFind(QObject):
    """A QObject so its texts are `self.tr` ones: Qt's lupdate reads plural (%n) texts only
    from `tr`, not from `QCoreApplication.translate` with a count."""

    def __init__(self, editor: QPlainTextEdit, drafts_combo: QComboBox) -> None:
        super().__init__(editor)
        self.editor = editor
        self.drafts_combo = drafts_combo

    def find(self, text: str) -> str:
        """Select the next `text` in the editor, or name the drafts that have it; what was
        found, in Spanish."""
        if self.editor.find(text):
            return self.tr("Encontrado en el texto de la publicación; «Siguiente» busca la "
                           "próxima.")
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        if self.editor.find(text):
            return self.tr("Encontrado en el texto de la publicación (desde el principio).")
        wanted = fold(text)
        combo = self.drafts_combo
        titles = [combo.itemText(i) for i in range(combo.count())
                  if combo.itemData(i) is not None and wanted in fold(combo.itemText(i))]
        if titles:
            return (self.tr("No está en este texto; sí en %n borrador(es): %1. Ábralo desde "
                            "«Borradores».", "", len(titles))
                    .replace("%1", "; ".join(f"«{t}»" for t in titles[:3])))
        return self.tr("«%1» no aparece en el texto ni en los borradores.").replace("%1", text)
