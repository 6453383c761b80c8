"""The banner of a suplente covering an absence (5.1): whom they cover, on which accounts,
until when; above the window's sections, hidden for everyone else."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget


def install(window: QMainWindow) -> QLabel:
    """Put a hidden banner at the top of the window's central area and return it."""
    banner = QLabel()
    banner.setObjectName("bannerCobertura")
    banner.setWordWrap(True)
    banner.setStyleSheet(
        "QLabel#bannerCobertura { background: #e8f1fb; color: #0b3d6e; "
        "border-bottom: 1px solid #9cc2e5; padding: 4px 8px; }")
    banner.hide()
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, banner)
        return banner
    # The central widget is the sections themselves: put them under the banner.
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(banner)
    if central is not None:
        window.takeCentralWidget()
        column.addWidget(central, 1)
    window.setCentralWidget(holder)
    return banner
