"""Running one procedure action (section 7, 5.1) off the UI thread, with a Spanish message on
failure. The action owns its session and transaction; the view only shows plain data."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from redes_desktop.actions.procedures import Procedures
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.tasks import SynchronousPool, run_task


def error_text(error: BaseException) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    return QCoreApplication.translate(
        "CuentasOperations",
        "Ocurrió un error inesperado ({0}). No se guardó nada; vuelva a intentarlo.").format(
        type(error).__name__
    )


def procedures(context: AppContext) -> Procedures:
    return Procedures.of(context)


def person_id(context: AppContext) -> uuid.UUID | None:
    return context.identity.person_id if context.identity else None


def run_action(
    action: Callable[[], Any],
    on_done: Callable[[Any, str], None],
    pool: QThreadPool | SynchronousPool | None = None,
) -> None:
    """Run `action()` (an action of `redes_desktop.actions`, which owns its unit of work) in a
    worker; `on_done(result, error)` gets the result, or "" replaced by a Spanish message."""

    def done(result: Any, error: BaseException | None) -> None:
        on_done(result, error_text(error) if error is not None else "")

    run_task(action, done, pool)


def make_error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setAccessibleName(QCoreApplication.translate("CuentasOperations", "Mensaje de error"))
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    """An error line; a message that names «Archivo → Preferencias → …» links to that tab."""
    from redes_desktop.ui.preferences.wiring import show_linked

    show_linked(label, message)
    label.setVisible(bool(message))


def choose_oficio(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("CuentasOperations", "Elegir el oficio firmado"),
        "",
        QCoreApplication.translate("CuentasOperations",
                                   "Oficio escaneado (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
    )
    return path
