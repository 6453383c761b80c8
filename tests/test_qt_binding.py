"""Guards against a broken Qt binding: PySide6 6.12.0 dropped one reference to None on every
Qt call returning nothing, so a long session aborted with `Fatal Python error: none_dealloc`."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Publicación")
    assert sys.getrefcount(None) >= before - 100
