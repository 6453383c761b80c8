"""Running one procedure operation (section 7, 5.1) off the UI thread: one session, one
transaction, the current person, and a Spanish message on failure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.tasks import SynchronousPool, run_task

Operation = Callable[[Any, Any], Any]  # (session, person) -> result


def _tr(text: str) -> str:
    return QCoreApplication.translate("CuentasOperations", text)


def error_text(error: BaseException) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    return _tr("Ocurrió un error inesperado ({0}). No se guardó nada; vuelva a intentarlo.").format(
        type(error).__name__
    )


def run_operation(
    context: AppContext,
    operation: Operation,
    on_done: Callable[[Any, str], None],
    pool: SynchronousPool | None = None,
) -> None:
    """Run `operation(session, person)` in a worker and commit; `on_done(result, error)` gets
    the result, or "" replaced by a Spanish error message (nothing is committed then)."""

    def work() -> Any:
        with context.session() as session:
            person = context.current_person(session)
            if person is None:
                raise NoIdentity()
            result = operation(session, person)
            session.commit()
            return result

    def done(result: Any, error: BaseException | None) -> None:
        on_done(result, error_text(error) if error is not None else "")

    run_task(work, done, pool)


def make_error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setAccessibleName(_tr("Mensaje de error"))
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def choose_oficio(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        _tr("Elegir el oficio firmado"),
        "",
        _tr("Oficio escaneado (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
    )
    return path
