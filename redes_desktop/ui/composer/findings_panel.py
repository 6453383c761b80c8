"""The findings list: what each check found, per network, with the criterion it cites."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.checks.model import CheckResult, Finding, Severity
from redes_desktop.criteria import criterion_text
from redes_desktop.models.enums import Network
from redes_desktop.ui.composer.post_editor import BLOCK_COLOUR, WARN_COLOUR


@dataclass
class ListedFinding:
    finding: Finding
    networks: list[Network]


def merge_findings(results: dict[Network, CheckResult]) -> list[ListedFinding]:
    """One row per distinct finding, naming every network that reports it."""
    rows: dict[tuple, ListedFinding] = {}
    for network, result in results.items():
        for finding in result.findings:
            key = (finding.rule, finding.code, finding.start, finding.end, finding.message,
                   finding.severity)
            if key in rows:
                rows[key].networks.append(network)
            else:
                rows[key] = ListedFinding(finding, [network])
    return sorted(rows.values(), key=lambda r: (r.finding.severity != Severity.BLOQUEA,
                                                 r.finding.start, r.finding.rule))


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped message: Qt's tree asks the delegate for a row's height
    without the column's width, so the text would be cut to one line."""

    MESSAGE_COLUMN = 1
    PADDING = 6

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        if index.column() != self.MESSAGE_COLUMN:
            return hint
        # Narrower than the painted text (whose margins are 6 px): never a line short.
        width = self.tree.columnWidth(self.MESSAGE_COLUMN) - 2 * self.PADDING
        if width <= 0:
            return hint
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + self.PADDING))


class FindingsPanel(QWidget):
    """Lists at most MAX_LISTED findings (blocking ones first), then a «y N más» row: a text
    with thousands of findings must not freeze the window."""

    finding_selected = Signal(object)  # Finding
    MAX_LISTED = 500

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Criterio"), self.tr("Problema"), self.tr("Red")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(self.tr("Problemas encontrados"))
        # The whole message, wrapped, in the column that takes the free width; the criterion
        # and the networks as wide as their text; nothing scrolls sideways, so the criterion
        # column never leaves the view (issue 15).
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        # A wrapped row's height depends on its column's width: lay the rows out again.
        header.sectionResized.connect(self._relayout_rows)
        self.criterion_button = QPushButton(self.tr("Ver el criterio"))
        self.criterion_button.setEnabled(False)
        self.criterion_label = QLabel()
        self.criterion_label.setWordWrap(True)
        self.criterion_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.criterion_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.criterion_button)
        layout.addWidget(self.criterion_label)

        self.rows: list[ListedFinding] = []  # the listed ones, in tree order
        self.unlisted = 0  # findings left off the list (see MAX_LISTED)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemActivated.connect(lambda item, _col: self._on_current(item, None))
        self.criterion_button.clicked.connect(self.show_criterion)

    # -- states ------------------------------------------------------------------------------
    def show_preparing(self) -> None:
        self.summary_label.setText(self.tr("Preparando revisión…"))

    def show_message(self, text: str) -> None:
        self.summary_label.setText(text.replace("&", "&amp;").replace("<", "&lt;"))

    def clear(self) -> None:
        self.rows = []
        self.unlisted = 0
        self.tree.clear()
        self.summary_label.clear()
        self.criterion_label.hide()
        self.criterion_button.setEnabled(False)

    # -- results -----------------------------------------------------------------------------
    def set_results(self, results: dict[Network, CheckResult]) -> None:
        lines = []
        for network, result in results.items():
            blocking = sum(1 for f in result.findings if f.severity == Severity.BLOQUEA)
            if blocking:
                text = self.tr("%1: No publicable: %n problema(s) que bloquea(n)", "",
                               blocking).replace("%1", network.label)
                lines.append(f'<span style="color:{BLOCK_COLOUR.name()}"><b>{text}</b></span>')
            else:
                text = self.tr("%s: Publicable") % network.label
                lines.append(f'<span style="color:#2e7d32"><b>{text}</b></span>')
        self.summary_label.setText("<br>".join(lines))

        rows = merge_findings(results)
        self.rows = rows[:self.MAX_LISTED]
        self.unlisted = len(rows) - len(self.rows)
        self.tree.clear()
        style = self.style()
        items = []
        for row in self.rows:
            finding = row.finding
            blocks = finding.severity == Severity.BLOQUEA
            item = QTreeWidgetItem([
                finding.rule,
                finding.message,
                ", ".join(n.label for n in row.networks),
            ])
            icon = (QStyle.StandardPixmap.SP_MessageBoxCritical if blocks
                    else QStyle.StandardPixmap.SP_MessageBoxWarning)
            item.setIcon(0, style.standardIcon(icon))
            item.setForeground(0, QBrush(BLOCK_COLOUR if blocks else WARN_COLOUR))
            severity = self.tr("Bloquea la publicación") if blocks else self.tr("Advertencia")
            item.setToolTip(0, severity)
            item.setToolTip(1, finding.message)
            items.append(item)
        if self.unlisted:
            more = QTreeWidgetItem(["", self.tr("… y %d más. Corrija los primeros y vuelva a "
                                                "revisar para ver el resto.") % self.unlisted, ""])
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            items.append(more)
        self.tree.addTopLevelItems(items)
        if not self.rows:
            self.criterion_label.hide()
        self.criterion_button.setEnabled(False)

    def _relayout_rows(self, column: int, _old: int, _new: int) -> None:
        if column == 1:
            self.tree.doItemsLayout()

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        index = self.tree.indexOfTopLevelItem(item)
        return self.rows[index].finding if 0 <= index < len(self.rows) else None

    def select_row(self, index: int) -> None:
        item = self.tree.topLevelItem(index)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _on_current(self, item: QTreeWidgetItem | None, _previous) -> None:
        finding = self.current_finding() if item is not None else None
        self.criterion_button.setEnabled(finding is not None)
        if finding is None:
            return
        if self.criterion_label.isVisible():
            self.show_criterion()
        self.finding_selected.emit(finding)

    def show_criterion(self) -> None:
        finding = self.current_finding()
        if finding is None:
            return
        self.criterion_label.setText(
            self.tr("Criterio %s: %s") % (finding.rule, criterion_text(finding.rule))
        )
        self.criterion_label.show()
