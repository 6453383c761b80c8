"""How the window reaches Preferencias (issue 14): Archivo → Preferencias (Ctrl+,), «Sincronizar
ahora» with no shared database, and every «Archivo → Preferencias → <pestaña>» in the sync
status, shown as a link that opens that tab. A saved shared-database tab reconfigures the sync
at once, without a restart."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from redes_desktop.ui.preferences.dialog import PreferencesDialog

# The tab each message names, by its title in the dialog.
TAB_TITLES = {
    "Correo": "correo", "Base compartida": "base", "LanguageTool": "languagetool",
    "Diccionario y sitios": "diccionario", "Contactos por área": "contactos",
    "Bitácora": "bitacora", "Sesión": "sesion",
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
