"""How the window reaches Preferencias (issue 14): Archivo → Preferencias (Ctrl+,), «Sincronizar
ahora» with no shared database, and every «Archivo → Preferencias → <pestaña>» in a message:
in the sync status and the status bar as a link, in the error lines of the sections and dialogs
(`ui/cuentas/operations.show_error`) as a link too, and in any other label of the program
(a section's status line, a message box) the text itself opens that tab when clicked (an
application-wide event filter, `MessageLinks`). A saved shared-database tab reconfigures the
sync at once, without a restart."""

from __future__ import annotations

import html
import re
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QLabel

if TYPE_CHECKING:
    from redes_desktop.ui.preferences.dialog import PreferencesDialog

# The tab each message names, by its title in the dialog.
TAB_TITLES = {
    "Correo": "correo", "Base compartida": "base", "LanguageTool": "languagetool",
    "Diccionario y sitios": "diccionario", "Contactos por área": "contactos",
    "Bitácora": "bitacora", "Sesión": "sesion", "Redes": "redes",
}
_PLACE = re.compile(r"Archivo → Preferencias(?: → (" + "|".join(map(re.escape, TAB_TITLES))
                    + r"))?")


def sync_factory(context):
    """What builds the sync engine with the settings as they are now; None without address."""
    if not context.workspace.settings.shared_database_url:
        return None

    def factory():
        from redes_desktop.context_setup import RecordingSync, make_sync_engine

        engine, note = make_sync_engine(context)
        return RecordingSync(engine, context, note)

    return factory


def linked(text: str) -> str:
    """`text` as rich text, each «Archivo → Preferencias [→ pestaña]» a link to that tab."""
    out, last = [], 0
    for match in _PLACE.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        tab = TAB_TITLES.get(match.group(1) or "", "correo")
        out.append(f'<a href="preferencias:{tab}">{html.escape(match.group(0))}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


# The running window's opener (one per program), for labels built far from it.
_OPENER: weakref.ReferenceType[PreferencesOpener] | None = None


def place_tab(text: str) -> str | None:
    """The tab a message names («Archivo → Preferencias [→ pestaña]»), or None."""
    match = _PLACE.search(text or "")
    if match is None:
        return None
    return TAB_TITLES.get(match.group(1) or "", "correo")


def open_preferences_link(href: str) -> bool:
    """Open the tab of a «preferencias:<tab>» link in the running window; False without one."""
    opener = _OPENER() if _OPENER is not None else None
    if opener is None or not href.startswith("preferencias:"):
        return False
    opener.open_link(href)
    return True


def show_linked(label: QLabel, text: str) -> None:
    """Show `text` in `label`, each «Archivo → Preferencias [→ pestaña]» a link to that tab."""
    if place_tab(text) is None:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        return
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(linked(text))
    if not label.property("enlace-preferencias"):
        label.setProperty("enlace-preferencias", True)
        label.linkActivated.connect(open_preferences_link)


_LABEL_EVENTS = (QEvent.Type.MouseButtonRelease, QEvent.Type.Enter)


class MessageLinks(QObject):
    """Any label of the program whose text names «Archivo → Preferencias [→ pestaña]» opens
    that tab when clicked, and shows a hand cursor and a tooltip saying so — for the messages
    shown as plain text (a section's status line, a message box)."""

    def __init__(self, opener: PreferencesOpener) -> None:
        super().__init__(opener)
        self.opener = opener

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # Every event of the program passes here: the cheap test first (most are not for a
        # label; comparing PySide enums costs more than the type check).
        if not isinstance(obj, QLabel):
            return False
        kind = event.type()
        if kind not in _LABEL_EVENTS:
            return False
        if obj.textFormat() == Qt.TextFormat.RichText and "preferencias:" in obj.text():
            return False  # real links handle themselves
        tab = place_tab(obj.text())
        if tab is None:
            return False
        if kind == QEvent.Type.Enter:
            obj.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
            obj.setToolTip(self.tr("Clic para abrir Archivo → Preferencias"))
            return False
        if getattr(event, "button", lambda: None)() == Qt.MouseButton.LeftButton:
            self.opener.open(tab)
            return True
        return False


class PreferencesOpener(QObject):
    """Opens the Preferencias dialog for `window` and applies what it changes."""

    def __init__(self, window, context, sync=None, *, pool=None) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.sync = sync
        self.pool = pool
        self.dialog: PreferencesDialog | None = None
        # Set by the application: the Sesión tab saved new idle minutes (applied at once).
        self.idle_minutes_changed: Callable[[int], None] | None = None
        window.preferences_action.triggered.connect(lambda: self.open())
        label = window.sync_label
        label.setTextFormat(Qt.TextFormat.RichText)
        label.linkActivated.connect(self.open_link)
        # A passing status-bar message that names Preferencias gets a link next to it.
        self.status_link = QLabel()
        self.status_link.setObjectName("enlace-preferencias")
        self.status_link.setTextFormat(Qt.TextFormat.RichText)
        self.status_link.linkActivated.connect(self.open_link)
        self.status_link.hide()
        window.statusBar().addPermanentWidget(self.status_link)
        window.statusBar().messageChanged.connect(self.show_status_link)
        global _OPENER
        _OPENER = weakref.ref(self)
        self.message_links = MessageLinks(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.message_links)
        if sync is not None:
            sync.status_changed.connect(self.show_sync_status)
            sync.needs_setup.connect(lambda: self.open("base", self.tr(
                "No hay base de datos compartida configurada: se trabaja solo en local. "
                "Escriba su dirección aquí y pruébela con «Probar conexión».")))

    def show_sync_status(self, text: str) -> None:
        label = self.window.sync_label
        label.setText(linked(text))
        if not (self.sync is not None and self.sync.configured):
            label.setText(html.escape(text) + ' — <a href="preferencias:base">'
                          + html.escape(self.tr("configurar")) + "</a>")

    def show_status_link(self, message: str) -> None:
        match = _PLACE.search(message or "")
        if match is None:
            self.status_link.hide()
            return
        tab = TAB_TITLES.get(match.group(1) or "", "correo")
        self.status_link.setText(f'<a href="preferencias:{tab}">'
                                 + html.escape(self.tr("Abrir %s") % match.group(0)) + "</a>")
        self.status_link.show()

    def open_link(self, href: str) -> None:
        if href.startswith("preferencias:"):
            self.open(href.partition(":")[2])

    def open(self, tab: str = "correo", notice: str = "") -> None:
        from redes_desktop.ui.preferences.dialog import PreferencesDialog

        dialog = self.dialog
        if dialog is None:
            self.dialog = dialog = PreferencesDialog(self.context, self.window, pool=self.pool,
                                                     tab=tab)
            dialog.changed.connect(self._changed)
            dialog.finished.connect(self._closed)
        dialog.show_tab(tab, notice)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _closed(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _changed(self, tab: str) -> None:
        if tab in ("languagetool", "diccionario", "contactos"):
            # The sections already built rebuild their checks with the new values.
            stack = self.window.stack
            for index in range(stack.count()):
                reload_checks = getattr(stack.widget(index), "reload_checks", None)
                if callable(reload_checks):
                    reload_checks()
        if tab == "sesion" and self.idle_minutes_changed is not None:
            self.idle_minutes_changed(self.context.workspace.settings.idle_lock_minutes)
        if tab in ("base", "bitacora") and self.sync is not None:
            settings = self.context.workspace.settings
            self.sync.reconfigure(sync_factory(self.context),
                                  max(settings.sync_interval_seconds, 10) * 1000)
