"""Where the Redactor's widgets sit: the toolbar, the account row, the editor with its images
and details beside the counters, the findings and the previews, then the status and save line.
Layout only (after Qt Designer's `setupUi`): `ComposerSection` (composer_view.py) creates the
widgets and wires them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from redes_desktop.ui.composer.composer_view import ComposerSection


def toolbar(section: ComposerSection) -> QToolBar:
    """New, undo and redo; mark as published, consult and discard; the saved drafts."""
    bar = QToolBar()
    for action in (section.new_action, section.undo_action, section.redo_action):
        bar.addAction(action)
    bar.addSeparator()
    for action in (section.publish_action, section.consult_action, section.discard_action):
        bar.addAction(action)
    bar.addSeparator()
    bar.addWidget(QLabel(QCoreApplication.translate("ComposerSection", "Borradores:")))
    bar.addWidget(section.drafts_combo)
    return bar


def writing_page(section: ComposerSection, bar: QToolBar) -> QWidget:
    """The page where a post is written, under `bar`."""
    target = QHBoxLayout()
    target.addWidget(QLabel(QCoreApplication.translate("ComposerSection", "Cuenta:")))
    target.addWidget(section.account_combo, 1)
    target.addWidget(QLabel(QCoreApplication.translate("ComposerSection", "Revisar para:")))
    for box in section.network_boxes.values():
        target.addWidget(box)
    target.addWidget(section.reply_box)

    left = QSplitter(Qt.Orientation.Vertical)
    left.addWidget(section.editor)
    left.addWidget(section.media)
    left.addWidget(section.details_panel)
    left.setStretchFactor(0, 3)
    left.setStretchFactor(1, 1)
    left.setChildrenCollapsible(False)  # the images and their alt texts never vanish
    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.setContentsMargins(0, 0, 0, 0)
    right_layout.addWidget(section.counters)
    findings_and_previews = QSplitter(Qt.Orientation.Vertical)
    findings_and_previews.addWidget(section.findings)
    findings_and_previews.addWidget(section.previews)
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
    work_layout.addWidget(section.schedule)
    work_layout.addWidget(section.account_banner)
    work_layout.addWidget(section.conflict_bar)
    work_layout.addWidget(splitter, 1)
    bottom = QHBoxLayout()
    bottom.addWidget(section.status_label, 1)
    bottom.addWidget(section.save_label)
    work_layout.addLayout(bottom)
    return work
