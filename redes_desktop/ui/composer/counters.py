"""Per-network length counters (the cards of `previews.py` show where each network cuts)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from redes_desktop.checks.model import CheckResult
from redes_desktop.models.enums import Network
from redes_desktop.ui.composer.post_editor import BLOCK_COLOUR


class CountersBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[Network, QLabel] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def counter_text(self, result: CheckResult) -> str:
        name = result.network.label
        used, limit = result.weighted_length, result.limit
        if limit <= 0:
            return self.tr("%1: %n carácter(es)", "", used).replace("%1", name)
        if used > limit:
            return self.tr("%s: %d / %d (sobran %d)") % (name, used, limit, used - limit)
        return self.tr("%s: %d / %d (quedan %d)") % (name, used, limit, limit - used)

    def set_results(self, results: dict[Network, CheckResult]) -> None:
        for network in list(self.labels):
            if network not in results:
                self.labels.pop(network).deleteLater()
        for network, result in results.items():
            label = self.labels.get(network)
            if label is None:
                label = QLabel()
                self.labels[network] = label
                self._layout.addWidget(label)
            label.setText(self.counter_text(result))
            over = result.limit > 0 and result.weighted_length > result.limit
            label.setStyleSheet(f"color: {BLOCK_COLOUR.name()}; font-weight: bold;" if over
                                else "")
            label.setProperty("over", over)
