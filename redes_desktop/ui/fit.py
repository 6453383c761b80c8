"""Keep sections within a 1366×768 screen (issue 15): a combo box sized to its longest item
(an area, a person, an account name) must not force the whole window wider than the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

# Characters a combo shows before its width stops growing; the popup still shows whole names
# and the tooltip of the chosen item says it in full.
DEFAULT_CHARS = 18
_SIZED_BY_CONTENTS = (
    QComboBox.SizeAdjustPolicy.AdjustToContents,
    QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow,
)


def compact_combo(box: QComboBox, chars: int = DEFAULT_CHARS) -> QComboBox:
    """Let `box` shrink to about `chars` characters whatever its items hold."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    if not getattr(box, "_fit_tooltip", False):
        box._fit_tooltip = True  # type: ignore[attr-defined]
        box.currentTextChanged.connect(box.setToolTip)
        box.setToolTip(box.currentText())
    return box


def compact_combos(page: QWidget, chars: int = DEFAULT_CHARS) -> None:
    """Compact every combo of `page` still sized by its contents (a safety net for sections)."""
    for box in page.findChildren(QComboBox):
        if box.sizeAdjustPolicy() in _SIZED_BY_CONTENTS:
            compact_combo(box, chars)
