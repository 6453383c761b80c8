"""Every problem of a form shown at once (issue 15): each field with a problem gets a red border
and its message as tooltip, the first one takes the focus, and one label lists them all. The
text typed stays. The checks themselves are Qt-free (services/form_checks.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QLabel, QWidget

from redes_desktop.actions.check_form import FieldProblem, FormProblems

INVALID = "invalid"
_STYLE = "{cls}[invalid=\"true\"] {{ border: 2px solid #b00020; }}"
_TOOLTIP = "normal_tooltip"


def mark_problems(fields: Mapping[str, QWidget], problems: Sequence[FieldProblem],
                  label: QLabel | None = None) -> bool:
    """Mark the fields named by `problems` (and unmark the others); show them in `label`.
    True when there was a problem."""
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        by_field.setdefault(problem.field, []).append(problem.message)
    first: QWidget | None = None
    for name, widget in fields.items():
        messages = by_field.get(name)
        if widget.property(_TOOLTIP) is None:
            widget.setProperty(_TOOLTIP, widget.toolTip())
        widget.setProperty(INVALID, bool(messages))
        if messages:
            widget.setStyleSheet(_STYLE.format(cls=type(widget).__name__))
            widget.setToolTip("\n".join(messages))
            widget.setAccessibleDescription(" ".join(messages))
            first = first or widget
        else:
            widget.setStyleSheet("")
            widget.setToolTip(str(widget.property(_TOOLTIP) or ""))
            widget.setAccessibleDescription("")
    if label is not None:
        label.setText(FormProblems(problems).message if problems else "")
        label.setVisible(bool(problems))
    if first is not None:
        first.setFocus()
    return bool(problems)


def is_marked(widget: QWidget) -> bool:
    return bool(widget.property(INVALID))
