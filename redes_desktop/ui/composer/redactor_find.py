"""Ctrl+F in the Redactor (issue 15): the next occurrence in the post's text (from the cursor,
starting again at the top), else the saved drafts whose title has it. The answer is the line
the window's find bar shows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from redes_desktop.ui.find_bar import fold


def find_in_redactor(editor: QPlainTextEdit, drafts_combo: QComboBox, text: str) -> str:
    """Select the next `text` in `editor`, or name the drafts in `drafts_combo` that have
    it; what was found, in Spanish."""
    if editor.find(text):
        return QCoreApplication.translate(
            "ComposerSection", "Encontrado en el texto de la publicación; «Siguiente» busca la "
            "próxima.")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    if editor.find(text):
        return QCoreApplication.translate(
            "ComposerSection", "Encontrado en el texto de la publicación (desde el principio).")
    wanted = fold(text)
    titles = [drafts_combo.itemText(i) for i in range(drafts_combo.count())
              if drafts_combo.itemData(i) is not None
              and wanted in fold(drafts_combo.itemText(i))]
    if titles:
        return (QCoreApplication.translate(
            "ComposerSection", "No está en este texto; sí en %n borrador(es): %1. Ábralo desde "
            "«Borradores».", "", len(titles))
                .replace("%1", "; ".join(f"«{t}»" for t in titles[:3])))
    return QCoreApplication.translate(
        "ComposerSection", "«%1» no aparece en el texto ni en los borradores.").replace("%1", text)
