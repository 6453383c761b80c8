"""A section not built yet — the data still loading after the first paint, or nobody signed in
yet — says what it will hold and that it is on its way (every section has its view)."""

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
        soon = QLabel(self.tr("Cargando… la sección se abre en cuanto terminen de cargar los "
                              "datos y alguien inicie sesión."))
        soon.setStyleSheet("color: palette(mid);")
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(soon)
        layout.addStretch(1)
