"""Sign in through the start-up's sign-in dialog (issue 14), as the person at the screen."""

from __future__ import annotations


def sign_in_at_startup(qtbot, startup, password: str, typer, *, login: str | None = None):
    qtbot.waitUntil(lambda: startup.signin_dialog is not None
                    and startup.signin_dialog.state is not None, timeout=15_000)
    dialog = startup.signin_dialog
    if login is not None:
        dialog.login_edit.clear()
        typer(dialog.login_edit, login)
    typer(dialog.password_edit, password)
    if not dialog.confirm_edit.isHidden():
        typer(dialog.confirm_edit, password)
    dialog.enter_button.click()
    qtbot.waitUntil(lambda: startup.signin_dialog is None, timeout=15_000)
    return dialog
