"""Where the Redactor's widgets sit: the toolbar, the account row, the editor with its images
and details beside the counters, the findings and the previews, then the status and save line.
Layout only (after Qt Designer's `setupUi`): `ComposerSection` (composer_view.py) creates the
widgets, wires them, and hands them here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)


def toolbar(groups: Iterable[Iterable[QAction]], drafts_combo: QComboBox) -> QToolBar:
    """The actions, a separator after each group, then the saved drafts."""
    bar = QToolBar()
    for group in groups:
        for action in group:
            bar.addAction(action)
        bar.addSeparator()
    bar.addWidget(QLabel(QCoreApplication.translate("ComposerSection", "Borradores:")))
    bar.addWidget(drafts_combo)
    return bar


def writing_page(bar: QToolBar, *, account: QComboBox, networks: Iterable[QWidget],
                 reply: QWidget, writing: Sequence[QWidget], seeing: Sequence[QWidget],
                 above: Sequence[QWidget], status: QLabel, saved: QLabel) -> QWidget:
    """The page where a post is written: `bar`; the account and what to check it for
    (`networks`, `reply`); `above` the work (schedule, banners); `writing` (editor, images,
    details) beside `seeing` (counters, findings, previews); `status` and `saved` under it."""
    target = QHBoxLayout()
    target.addWidget(QLabel(QCoreApplication.translate("ComposerSection", "Cuenta:")))
    target.addWidget(account, 1)
    target.addWidget(QLabel(QCoreApplication.translate("ComposerSection", "Revisar para:")))
    for box in networks:
        target.addWidget(box)
    target.addWidget(reply)

    left = QSplitter(Qt.Orientation.Vertical)
    for widget in writing:
        left.addWidget(widget)
    left.setStretchFactor(0, 3)
    left.setStretchFactor(1, 1)
    left.setChildrenCollapsible(False)  # the images and their alt texts never vanish
    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.setContentsMargins(0, 0, 0, 0)
    counters, *lists = seeing
    right_layout.addWidget(counters)
    findings_and_previews = QSplitter(Qt.Orientation.Vertical)
    for widget in lists:
        findings_and_previews.addWidget(widget)
    findings_and_previews.setStretchFactor(0, 3)
    findings_and_previews.setStretchFactor(1, 2)
    right_layout.addWidget(findings_and_previews, 1)
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)

    work = QWidget()
    work_layout = QVBoxLayout(work)
    work_layout.setContentsMargins(0, 0, 0, 0)
    work_layout.addWidget(bar)
    work_layout.addLayout(target)
    for widget in above:
        work_layout.addWidget(widget)
    work_layout.addWidget(splitter, 1)
    bottom = QHBoxLayout()
    bottom.addWidget(status, 1)
    bottom.addWidget(saved)
    work_layout.addLayout(bottom)
    return work
