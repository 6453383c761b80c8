"""Archivo → Preferencias (Ctrl+,), issue 14: one tab per kind of setting. Each tab validates
and saves its own values with «Guardar» (redes_desktop/actions/preferences.py); the tests that
talk to a server run off the UI thread. What happened is said in the tab's message line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.ui.tasks import run_task

T = TypeVar("T")
TABS = ("correo", "base", "languagetool", "diccionario", "contactos", "bitacora", "sesion",
        "redes")


class MessageLine(QLabel):
    """The tab's last outcome: green when it went well, red with the reason when not."""

    def __init__(self) -> None:
        super().__init__("")
        self.setWordWrap(True)
        self.ok = True

    def say(self, text: str, ok: bool = True) -> None:
        self.ok = ok
        self.setStyleSheet("" if ok else "color: #b00020;")
        self.setText(text)
        QTimer.singleShot(0, self, self._into_view)  # once the layout took the new text

    def _into_view(self) -> None:
        """A page taller than the dialog scrolls: what the tab says is brought into view."""
        holder = self.parentWidget()
        while holder is not None and not isinstance(holder, QScrollArea):
            holder = holder.parentWidget()
        if holder is not None and self.isVisible():
            holder.ensureWidgetVisible(self, 0, 8)


def attempt(line: MessageLine, action: Callable[..., T], *args: Any) -> tuple[bool, T | None]:
    """Run a quick action: (True, its result), or (False, None) with the reason in red; a
    UserFacingError or a file error never becomes a traceback."""
    from redes_desktop.errors import UserFacingError

    try:
        return True, action(*args)
    except UserFacingError as error:
        line.say(error.message, ok=False)
    except OSError as error:
        line.say(line.tr("No se pudo guardar: %s. Nada cambió.") % (error.strerror or error),
                 ok=False)
    return False, None


def failure_text(line: QLabel, error: BaseException) -> str:
    """What a failed read or write of a tab says: the action's own Spanish message, or what
    happened and what to do."""
    from redes_desktop.errors import UserFacingError

    if isinstance(error, UserFacingError):
        return error.message
    if isinstance(error, OSError):
        return line.tr("No se pudo guardar: %s. Nada cambió.") % (error.strerror or error)
    return line.tr("El almacén de secretos no respondió bien (%s). Ábralo o desbloquéelo y "
                   "vuelva a intentarlo; lo escrito sigue en el formulario.") % type(error).__name__


def in_background(tab: Any, fn: Callable[[], Any],
                  on_done: Callable[[Any, BaseException | None], None], busy_text: str,
                  *, writes: bool = True) -> None:
    """Run `fn`, which reads or writes the secret store (a keyring can block for seconds on an
    unlock prompt), off the UI thread. Meanwhile the tab is disabled and says `busy_text`, and,
    when it `writes`, the dialog does not close; `on_done(result, error)` runs on the UI thread
    while the tab is alive."""
    dialog = tab.dialog
    tab.setEnabled(False)
    tab.message.say(busy_text)
    dialog.pending += 1
    dialog.writing += int(writes)

    def done(result: Any, error: BaseException | None) -> None:
        if not shiboken6.isValid(tab):
            return
        dialog.pending -= 1
        dialog.writing -= int(writes)
        tab.setEnabled(True)
        tab.message.say("")
        on_done(result, error)
        notice = getattr(dialog, "notice", None)  # None while the tabs are being built
        if dialog.writing == 0 and notice is not None and notice.property("esperando"):
            notice.setProperty("esperando", False)
            dialog.show_tab(dialog.current_tab())

    dialog.run(fn, done)


def password_field(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class PreferencesDialog(QDialog):
    """`changed(tab)` after a tab saved its values (the window reacts, e.g. the sync)."""

    changed = Signal(str)
    help_page = "preferencias"  # F1 opens this page of the manual (ui/help_window.py)

    def __init__(self, context, parent: QWidget | None = None, *, pool=None,
                 tab: str = "correo") -> None:
        super().__init__(parent)
        from redes_desktop.ui.preferences.tab_networks import NetworksTab
        from redes_desktop.ui.preferences.tab_session import SessionTab
        from redes_desktop.ui.preferences.tabs_checks import (
            BitacoraTab,
            ContactsTab,
            DictionaryTab,
            LanguageToolTab,
        )

        self.setWindowTitle(self.tr("Preferencias"))
        self.resize(720, 560)
        self.context = context
        self.pool = pool
        self.pending = 0  # reads and writes of the secret store on their way
        self.writing = 0  # the writes among them: closing waits for these
        self.tabs = QTabWidget()
        self.pages: dict[str, QWidget] = {
            "correo": MailTab(self), "base": SharedTab(self),
            "languagetool": LanguageToolTab(self), "diccionario": DictionaryTab(self),
            "contactos": ContactsTab(self), "bitacora": BitacoraTab(self),
            "sesion": SessionTab(self), "redes": NetworksTab(self),
        }
        titles = {"correo": self.tr("Correo"), "base": self.tr("Base compartida"),
                  "languagetool": self.tr("LanguageTool"),
                  "diccionario": self.tr("Diccionario y sitios"),
                  "contactos": self.tr("Contactos por área"), "bitacora": self.tr("Bitácora"),
                  "sesion": self.tr("Sesión"), "redes": self.tr("Redes")}
        for key in TABS:
            # A page longer than the dialog (Redes with «Avanzado» open and a message of
            # several lines) scrolls; without it its fields were squeezed until cut.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(self.pages[key])
            self.tabs.addTab(holder, titles[key])
        # Every tab's title in view (no scroll arrows hiding «Correo» behind «Redes»), as long
        # as the screen has the room: 1366 pixels do.
        wanted = self.tabs.tabBar().sizeHint().width() + 40
        room = self.screen().availableGeometry() if self.screen() else None
        width = max(720, min(wanted, room.width() - 40)) if room else max(720, wanted)
        # Tall enough for Redes with «Avanzado» open and its message on a 768-pixel screen.
        height = max(560, min(680, room.height() - 80)) if room else 560
        self.resize(width, height)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.show_tab(tab)

    def show_tab(self, key: str, notice: str = "") -> None:
        if key in self.pages:
            self.tabs.setCurrentIndex(TABS.index(key))
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def run(self, fn, on_done) -> None:
        run_task(fn, on_done, self.pool)

    def reject(self) -> None:
        """Closing waits for the values being saved: none is left half-written unseen."""
        if self.writing:
            self.notice.setProperty("esperando", True)
            self.notice.setText(self.tr("Espere: se están guardando valores en el almacén de "
                                        "secretos. Cierre cuando terminen."))
            self.notice.setVisible(True)
            return
        super().reject()


class MailTab(QWidget):
    def __init__(self, dialog: PreferencesDialog) -> None:
        super().__init__()
        from redes_desktop.actions import preferences as prefs

        self.dialog = dialog
        self.context = dialog.context
        form = prefs.MailForm.of(self.context.workspace.settings)
        self.host = QLineEdit(form.host)
        self.host.setPlaceholderText("smtp.ine.mx")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(form.port)
        self.security = QComboBox()
        for value, label in (("starttls", self.tr("STARTTLS")), ("ssl", self.tr("SSL")),
                             ("none", self.tr("Ninguna (solo en la red interna)"))):
            self.security.addItem(label, value)
        self.security.setCurrentIndex(max(0, self.security.findData(form.security)))
        self.user = QLineEdit(form.user)
        self.sender_edit = QLineEdit(form.sender)
        self.sender_edit.setPlaceholderText("Redes INE <redes@ine.mx>")
        self.password = password_field("")
        self.forget_password = QPushButton(self.tr("Olvidar contraseña"))
        self.forget_password.clicked.connect(self.forget)
        self.addresses: dict[str, QLineEdit] = {}
        layout = QFormLayout(self)
        layout.addRow(self.tr("Servidor SMTP:"), self.host)
        layout.addRow(self.tr("Puerto:"), self.port)
        layout.addRow(self.tr("Seguridad:"), self.security)
        layout.addRow(self.tr("Usuario:"), self.user)
        row = QHBoxLayout()
        row.addWidget(self.password)
        row.addWidget(self.forget_password)
        layout.addRow(self.tr("Contraseña:"), row)
        layout.addRow(self.tr("Remitente:"), self.sender_edit)
        for name, label in prefs.INSTITUTION_ADDRESSES:
            edit = QLineEdit(form.addresses[name])
            self.addresses[name] = edit
            layout.addRow(label + ":", edit)
        self.test_to = QLineEdit(getattr(self.context.identity, "email", "") or "")
        self.test_button = QPushButton(self.tr("Enviar correo de prueba"))
        self.test_button.clicked.connect(self.send_test)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_to)
        test_row.addWidget(self.test_button)
        layout.addRow(self.tr("Probar con:"), test_row)
        self.save_button = QPushButton(self.tr("Guardar"))
        self.save_button.clicked.connect(self.save)
        layout.addRow(self.save_button)
        self.message = MessageLine()
        layout.addRow(self.message)
        self.load()

    def load(self) -> None:
        """Whether a password is stored, asked off the UI thread (the keyring may block)."""
        from redes_desktop.actions import preferences as prefs

        secrets = self.context.secrets
        in_background(self, lambda: prefs.mail_password_stored(secrets), self._loaded,
                      self.tr("Cargando…"), writes=False)

    def _loaded(self, stored, error: BaseException | None) -> None:
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
        self.password.setPlaceholderText(self._password_hint(bool(stored)))

    def _password_hint(self, stored: bool) -> str:
        return (self.tr("guardada en %s; escriba otra para cambiarla")
                % self.context.secrets.location if stored
                else self.tr("sin contraseña guardada"))

    def form(self):
        from redes_desktop.actions import preferences as prefs

        return prefs.MailForm(
            host=self.host.text(), port=self.port.value(),
            security=self.security.currentData(), user=self.user.text(),
            sender=self.sender_edit.text(), password=self.password.text() or None,
            addresses={name: edit.text() for name, edit in self.addresses.items()})

    def save(self) -> None:
        from redes_desktop.actions import preferences as prefs

        workspace, secrets, form = self.context.workspace, self.context.secrets, self.form()

        def write() -> bool:
            prefs.apply_mail(workspace, secrets, form)
            return prefs.mail_password_stored(secrets)

        in_background(self, write, self._saved, self.tr("Guardando…"))

    def _saved(self, stored, error: BaseException | None) -> None:
        if error is not None:  # what was typed stays in the form
            self.message.say(failure_text(self.message, error), ok=False)
            return
        self.password.clear()
        self.password.setPlaceholderText(self._password_hint(bool(stored)))
        self.message.say(self.tr("Correo guardado. Se usa desde el próximo envío."))
        self.dialog.changed.emit("correo")

    def forget(self) -> None:
        from redes_desktop.actions import preferences as prefs

        secrets = self.context.secrets
        in_background(self, lambda: prefs.forget_mail_password(secrets), self._forgotten,
                      self.tr("Borrando…"))

    def _forgotten(self, _result, error: BaseException | None) -> None:
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
            return
        self.password.setPlaceholderText(self._password_hint(False))
        self.message.say(self.tr("Se borró la contraseña del correo."))

    def send_test(self) -> None:
        from redes_desktop.actions import preferences as prefs

        form, to, secrets = self.form(), self.test_to.text(), self.context.secrets
        self.test_button.setEnabled(False)
        self.message.say(self.tr("Enviando correo de prueba…"))
        self.dialog.run(lambda: prefs.send_test_mail(form, secrets, to), self._tested)

    def _tested(self, result, error: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        show_outcome(self.message, result, error)


def show_outcome(line: MessageLine, result, error: BaseException | None) -> None:
    if error is None:
        line.say(str(result))
    else:
        line.say(getattr(error, "message", None) or line.tr(
            "La prueba falló por un error inesperado (%s); nada cambió.")
            % type(error).__name__, ok=False)


class SharedTab(QWidget):
    def __init__(self, dialog: PreferencesDialog) -> None:
        super().__init__()
        from redes_desktop.actions import preferences as prefs

        self.dialog = dialog
        self.context = dialog.context
        form = prefs.SharedForm.of(self.context.workspace.settings)
        self.url = QLineEdit(form.url)
        self.url.setPlaceholderText("postgresql+psycopg://servidor:5432/base")
        self.login = QLineEdit(form.login or "")
        self.login.setPlaceholderText(self.tr("usuario de la base (su correo institucional)"))
        self.password = password_field("")
        self.forget_password = QPushButton(self.tr("Olvidar contraseña"))
        self.forget_password.clicked.connect(self.forget)
        self.interval = QSpinBox()
        self.interval.setRange(prefs.MIN_SYNC_INTERVAL_S, prefs.MAX_SYNC_INTERVAL_S)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(min(max(form.interval_seconds, prefs.MIN_SYNC_INTERVAL_S),
                                   prefs.MAX_SYNC_INTERVAL_S))
        self.test_button = QPushButton(self.tr("Probar conexión"))
        self.test_button.clicked.connect(self.test)
        self.save_button = QPushButton(self.tr("Guardar"))
        self.save_button.clicked.connect(self.save)
        self.message = MessageLine()
        layout = QFormLayout(self)
        layout.addRow(self.tr("Dirección:"), self.url)
        layout.addRow(self.tr("Usuario:"), self.login)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password)
        password_row.addWidget(self.forget_password)
        layout.addRow(self.tr("Contraseña:"), password_row)
        layout.addRow(self.tr("Sincronizar cada:"), self.interval)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        layout.addRow(buttons)
        layout.addRow(self.message)
        self.load()

    def load(self) -> None:
        """Whether a password is stored, asked off the UI thread (the keyring may block)."""
        from redes_desktop.actions import preferences as prefs

        secrets = self.context.secrets
        in_background(self, lambda: prefs.shared_password_stored(secrets), self._loaded,
                      self.tr("Cargando…"), writes=False)

    def _loaded(self, stored, error: BaseException | None) -> None:
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
        self.password.setPlaceholderText(self._password_hint(bool(stored)))

    def _password_hint(self, stored: bool) -> str:
        return (self.tr("guardada en %s; escriba otra para cambiarla")
                % self.context.secrets.location if stored
                else self.tr("sin contraseña guardada (el servidor puede no pedirla)"))

    def form(self):
        from redes_desktop.actions import preferences as prefs

        return prefs.SharedForm(url=self.url.text(), password=self.password.text() or None,
                                interval_seconds=self.interval.value(), login=self.login.text())

    def save(self) -> None:
        from redes_desktop.actions import preferences as prefs

        workspace, secrets, form = self.context.workspace, self.context.secrets, self.form()

        def write():
            clean = prefs.apply_shared(workspace, secrets, form)
            return clean, prefs.shared_password_stored(secrets)

        in_background(self, write, self._saved, self.tr("Guardando…"))

    def _saved(self, result, error: BaseException | None) -> None:
        from redes_desktop.actions import preferences as prefs

        if error is not None:  # what was typed stays in the form
            self.message.say(failure_text(self.message, error), ok=False)
            return
        clean, stored = result
        # A password typed in the address was moved out of it; the login has its own field.
        shown = prefs.SharedForm.of(self.context.workspace.settings)
        self.url.setText(shown.url)
        self.login.setText(shown.login or "")
        self.password.clear()
        self.password.setPlaceholderText(self._password_hint(stored))
        self.message.say(self.tr("Base compartida guardada; la sincronización la usa desde "
                                 "ahora.") if clean.url else
                         self.tr("Sin base compartida: se trabaja solo en local."))
        self.dialog.changed.emit("base")

    def forget(self) -> None:
        from redes_desktop.sync.connect import SECRET_KEY

        secrets = self.context.secrets
        in_background(self, lambda: secrets.delete(SECRET_KEY), self._forgotten,
                      self.tr("Borrando…"))

    def _forgotten(self, _result, error: BaseException | None) -> None:
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
            return
        self.password.setPlaceholderText(self._password_hint(False))
        self.message.say(self.tr("Se borró la contraseña de la base compartida."))
        self.dialog.changed.emit("base")

    def test(self) -> None:
        from redes_desktop.actions import preferences as prefs

        form, secrets = self.form(), self.context.secrets
        self.test_button.setEnabled(False)
        self.message.say(self.tr("Probando la conexión…"))
        self.dialog.run(lambda: prefs.test_shared_connection(form, secrets), self._tested)

    def _tested(self, result, error: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        show_outcome(self.message, result, error)
