"""Ask for the URL of an account or of a published post (issue 15): the example shown is the
chosen network's (x.com/…, facebook.com/…, instagram.com/…, youtube.com/@…, tiktok.com/@…), and a
URL that is not one of that network's keeps the dialog open with the field marked and the text
as typed. The check is Qt-free (services/form_checks.py); the service checks again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.check_form import (
    FieldProblem,
    account_url_problem,
    post_url_problem,
    url_example,
)
from redes_desktop.ui.form_marks import mark_problems


class UrlDialog(QDialog):
    def __init__(self, title: str, prompt: str, network, handle: str = "", *,
                 post: bool = False, text: str = "", error: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._check: Callable[[str], str | None] = (
            (lambda url: post_url_problem(network, url, handle)) if post
            else (lambda url: account_url_problem(network, url, handle)))
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.edit = QLineEdit(text)
        self.edit.setPlaceholderText(url_example(network, handle, post=post))
        self.edit.setAccessibleName(prompt)
        label.setBuddy(self.edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        if error:  # the service refused it: shown as the dialog opens again
            self.show_problem(error)

    def url(self) -> str:
        return self.edit.text().strip()

    def show_problem(self, message: str) -> None:
        mark_problems({"url": self.edit}, [FieldProblem("url", message)], self.error_label)

    def accept(self) -> None:
        problem = self._check(self.edit.text())
        if problem:
            self.show_problem(problem)
            return
        mark_problems({"url": self.edit}, [], self.error_label)
        super().accept()


def ask_url(parent: QWidget | None, title: str, prompt: str, network, handle: str = "", *,
            post: bool = False, text: str = "", error: str = "") -> str | None:
    """The URL typed (checked for `network`), or None when cancelled."""
    dialog = UrlDialog(title, prompt, network, handle, post=post, text=text, error=error,
                       parent=parent)
    return dialog.url() if dialog.exec() else None
