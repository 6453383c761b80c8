"""A section that is not built yet says what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderSection(QWidget):
    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>")
        body = QLabel(description)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        soon = QLabel(self.tr("Esta sección estará disponible en una próxima versión."))
        soon.setStyleSheet("color: palette(mid);")
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(soon)
        layout.addStretch(1)
