"""The open draft changed on another workstation while this one had unsaved text (issue 15):
a bar above the editor says so and offers the choice; «Comparar…» shows both versions side by
side. Nothing is saved until the person chooses, and nothing is dropped without choosing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.ui.composer.store import DraftContent

if TYPE_CHECKING:
    from redes_desktop.ui.composer.draft_actions import DraftActions

KEEP_MINE, TAKE_THEIRS = "mia", "otra"


def _describe(content: DraftContent) -> str:
    """The text, then one line per image with its alt text."""
    lines = [content.text]
    for position, (path, alt) in enumerate(content.media, start=1):
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        lines.append(QCoreApplication.translate(
            "DraftConflictDialog", "[Imagen %d: %s — texto alternativo: «%s»]")
            % (position, name, alt))
    if content.is_reply:
        lines.append(QCoreApplication.translate(
            "DraftConflictDialog", "[Es respuesta a un usuario]"))
    return "\n".join(lines)


class DraftConflictDialog(QDialog):
    """Both versions side by side (read-only, so either can be copied); `choice` is
    KEEP_MINE, TAKE_THEIRS or "" when closed without choosing."""

    def __init__(self, mine: DraftContent, theirs: DraftContent,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setWindowTitle(self.tr("Dos versiones del borrador"))
        self.resize(820, 420)
        intro = QLabel(self.tr(
            "Este borrador cambió en otra estación mientras usted escribía aquí. Compare las "
            "dos versiones y elija cuál conservar; la otra se puede copiar antes."))
        intro.setWordWrap(True)
        self.mine_view = QPlainTextEdit(_describe(mine))
        self.theirs_view = QPlainTextEdit(_describe(theirs))
        columns = QHBoxLayout()
        for title, view in ((self.tr("Su versión (sin guardar)"), self.mine_view),
                            (self.tr("Versión de la otra estación (guardada)"),
                             self.theirs_view)):
            view.setReadOnly(True)
            view.setAccessibleName(title)
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(view)
            columns.addLayout(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.keep_button = buttons.addButton(self.tr("Conservar la mía"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_button = buttons.addButton(self.tr("Usar la de la otra estación"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class DraftConflictBar(QFrame):
    """Shown above the editor while two versions of the open draft wait for a choice; it
    follows the draft actions given to `attach` (their `conflict_changed`)."""

    compare_requested = Signal()
    keep_mine_requested = Signal()
    take_theirs_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflicto_borrador")
        self.setStyleSheet("QFrame#conflicto_borrador { background: #fdecea; "
                           "border: 1px solid #c0392b; }")
        self.label = QLabel(self.tr(
            "Este borrador cambió en otra estación y usted tiene texto sin guardar. No se "
            "guardará nada hasta que elija qué versión conservar."))
        self.label.setWordWrap(True)
        self.compare_button = QPushButton(self.tr("Comparar…"))
        self.keep_button = QPushButton(self.tr("Conservar la mía"))
        self.take_button = QPushButton(self.tr("Usar la otra"))
        self.compare_button.clicked.connect(self.compare_requested)
        self.keep_button.clicked.connect(self.keep_mine_requested)
        self.take_button.clicked.connect(self.take_theirs_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label, 1)
        for button in (self.compare_button, self.keep_button, self.take_button):
            layout.addWidget(button)
        self.dialog: DraftConflictDialog | None = None
        self.drafts: DraftActions | None = None
        self.hide()

    def attach(self, drafts: DraftActions) -> None:
        self.drafts = drafts
        drafts.conflict_changed.connect(self._on_conflict_changed)
        self.compare_requested.connect(self.compare_versions)
        self.keep_mine_requested.connect(drafts.keep_mine)
        self.take_theirs_requested.connect(drafts.take_theirs)

    def _on_conflict_changed(self, other) -> None:
        self.setVisible(other is not None)
        if other is None and self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.close()

    def compare_versions(self) -> DraftConflictDialog | None:
        """Both versions side by side; the choice made there is applied when it closes."""
        drafts = self.drafts
        other = drafts.conflict if drafts is not None else None
        if drafts is None or other is None:
            return None
        dialog = DraftConflictDialog(drafts.mine(), other.content, self.window())
        dialog.finished.connect(lambda _result: self._on_compared(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_compared(self, dialog: DraftConflictDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if self.drafts is None:
            return
        if dialog.choice == KEEP_MINE:
            self.drafts.keep_mine()
        elif dialog.choice == TAKE_THEIRS:
            self.drafts.take_theirs()
