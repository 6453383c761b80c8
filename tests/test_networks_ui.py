"""The networks in the window (issue 17), offscreen, against the local fake networks
(tests/networks_ui_world.py): connect an account in Cuentas › Conexión con la red (the browser
replaced by a function that follows the consent page, or the desktop's opener on the UI thread),
disconnect it, and Preferencias › Redes (the YouTube secret only in the secret store). The
Redactor's sending is in test_network_send_ui.py."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QObject, QThread, QUrl, Slot
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from redes_desktop.actions.network_connection import NetworkSettings, app_secret_key
from redes_desktop.actions.network_preferences import NetworksForm, apply_networks
from redes_desktop.errors import ValidationError
from redes_desktop.networks.oauth import token_key
from redes_desktop.ui.cuentas.connection_tab import ConnectionTab
from redes_desktop.ui.preferences.dialog import PreferencesDialog
from redes_desktop.ui.tasks import SynchronousPool
from tests import networks_ui_world
from tests.networks_ui_world import follow_consent

# The fixtures of tests/networks_ui_world.py these tests take by name.
context = networks_ui_world.context


@pytest.fixture
def tab(qtbot, context):
    widget = ConnectionTab(context)
    widget.open_browser = follow_consent
    widget.CONNECT_TIMEOUT = 20.0  # a failing test must not wait five minutes
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.idle and widget.model.rowCount() == 2, timeout=5000)
    return widget


def row_texts(tab: ConnectionTab, handle: str) -> list[str]:
    row = next(i for i, r in enumerate(tab.model.rows()) if r.handle == handle)
    return [tab.model.index(row, c).data() for c in range(tab.model.columnCount())]


# -- Cuentas › Conexión con la red ----------------------------------------------------------------
def test_connect_through_the_tab_then_disconnect(qtbot, tab, context, server, memory_keyring,
                                                 monkeypatch):
    tab.select_handle("@JLE_JaliscoINE")
    assert row_texts(tab, "@JLE_JaliscoINE")[2] == "Sin conectar"
    assert tab.connect_button.isEnabled() and not tab.disconnect_button.isEnabled()
    tab.connect_button.click()
    assert tab.progress is not None  # the cancellable wait for the browser
    qtbot.waitUntil(lambda: tab.idle and "quedó conectada" in tab.message.text(), timeout=10000)
    assert tab.message.text() == ("La cuenta @JLE_JaliscoINE quedó conectada con X como "
                                  "@JLE_JaliscoINE.")
    assert tab.progress is None
    texts = row_texts(tab, "@JLE_JaliscoINE")
    assert texts[2] == "Conectada" and texts[3] == "@JLE_JaliscoINE"
    assert texts[4] == "10/03/2026 12:00"  # 18:00 UTC in México City
    assert texts[5] == "Titular jal"
    assert memory_keyring.store.get(("redes-desktop", token_key(context.ids["account"])))
    assert tab.disconnect_button.isEnabled()

    asked: list[str] = []
    monkeypatch.setattr(tab, "ask_confirmation", lambda text: asked.append(text) or True)
    tab.disconnect_button.click()
    qtbot.waitUntil(lambda: tab.idle and "desconectada" in tab.message.text(), timeout=10000)
    assert "revoca la autorización" in asked[0]
    assert "confirmó la revocación" in tab.message.text()
    assert server.revoked
    assert ("redes-desktop", token_key(context.ids["account"])) not in memory_keyring.store
    assert row_texts(tab, "@JLE_JaliscoINE")[2] == "Sin conectar"


def test_declining_to_disconnect_keeps_the_connection(qtbot, tab, monkeypatch):
    tab.select_handle("@JLE_JaliscoINE")
    tab.connect_button.click()
    qtbot.waitUntil(lambda: tab.idle and "quedó conectada" in tab.message.text(), timeout=10000)
    monkeypatch.setattr(tab, "ask_confirmation", lambda text: False)
    tab.disconnect_button.click()
    assert tab.idle
    qtbot.waitUntil(lambda: tab.idle, timeout=5000)
    assert row_texts(tab, "@JLE_JaliscoINE")[2] == "Conectada"


def test_cancelling_the_wait_for_the_browser_stores_nothing(qtbot, tab, context,
                                                            memory_keyring):
    opened: list[str] = []
    tab.open_browser = opened.append  # the person never accepts
    tab.select_handle("@JLE_JaliscoINE")
    tab.connect_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert "code_challenge" in opened[0]
    tab.progress.findChild(QPushButton).click()  # «Cancelar»
    qtbot.waitUntil(lambda: tab.idle and "canceló" in tab.message.text(), timeout=5000)
    assert tab.message.text() == "Se canceló la conexión con X. No se guardó nada."
    assert ("redes-desktop", token_key(context.ids["account"])) not in memory_keyring.store
    assert row_texts(tab, "@JLE_JaliscoINE")[2] == "Sin conectar"


def test_tiktok_says_why_it_is_published_by_hand(qtbot, tab):
    tab.select_handle("@inejalisco")
    assert row_texts(tab, "@inejalisco")[2] == "Se publica a mano"
    assert not tab.connect_button.isEnabled()
    assert "TikTok sólo permite publicar en privado" in tab.message.text()
    assert "Publique a mano" in tab.message.text()


def test_without_an_app_id_the_tab_leads_to_preferencias_redes_and_then_connects(
        qtbot, tab, context, server):
    context.workspace.settings.network_client_ids = {}
    tab.select_handle("@JLE_JaliscoINE")
    tab.connect_button.click()
    qtbot.waitUntil(lambda: tab.idle and "Preferencias › Redes" in tab.message.text(),
                    timeout=10000)
    assert "Falta el identificador de la aplicación del Instituto en X" in tab.message.text()
    assert tab.preferences_link.isVisibleTo(tab)
    tab.preferences_link.linkActivated.emit("redes")
    dialog = tab.preferences_dialog  # a child of the tab, deleted when closed
    assert dialog.current_tab() == "redes"
    qtbot.waitUntil(lambda: dialog.pending == 0)  # the secret store is read off the UI thread
    page = dialog.pages["redes"]
    page.client_ids["x"].setText("cliente-ine")
    page.save()
    qtbot.waitUntil(lambda: dialog.pending == 0)
    assert page.message.ok, page.message.text()
    dialog.close()
    # Applied without a restart: the next connection reads the new id.
    tab.connect_button.click()
    qtbot.waitUntil(lambda: tab.idle and "quedó conectada" in tab.message.text(), timeout=10000)


class _Browser(QObject):
    """Stands for the desktop's browser: Qt hands it the URL `QDesktopServices.openUrl` got."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[bool] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        from PySide6.QtWidgets import QApplication

        self.threads.append(QThread.currentThread() is QApplication.instance().thread())
        follow_consent(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


def test_the_consent_page_opens_through_the_desktop_from_the_ui_thread(qtbot, context):
    from PySide6.QtGui import QDesktopServices

    widget = ConnectionTab(context)  # its own opener: QDesktopServices.openUrl
    qtbot.addWidget(widget)
    widget.CONNECT_TIMEOUT = 20.0
    qtbot.waitUntil(lambda: widget.idle and widget.model.rowCount() == 2, timeout=5000)
    browser = _Browser()
    QDesktopServices.setUrlHandler("http", browser, "open")
    try:
        widget.select_handle("@JLE_JaliscoINE")
        widget.connect_button.click()
        qtbot.waitUntil(lambda: widget.idle and "quedó conectada" in widget.message.text(),
                        timeout=15000)
    finally:
        QDesktopServices.unsetUrlHandler("http")
    assert browser.threads == [True]


# -- Preferencias › Redes ----------------------------------------------------------------------
def test_redes_tab_keeps_the_youtube_secret_only_in_the_secret_store(
        qtbot, context, data_dir, memory_keyring):
    context.workspace.settings.network_endpoints = {}
    dialog = PreferencesDialog(context, pool=SynchronousPool(), tab="redes")
    qtbot.addWidget(dialog)
    page = dialog.pages["redes"]
    assert not page.advanced.isVisibleTo(page)  # «Avanzado» hides the addresses
    page.client_ids["youtube"].setText("123-abc.apps.googleusercontent.com")
    page.youtube_secret.setText("GOCSPX-secreto-de-escritorio")
    page.save()
    assert page.message.ok, page.message.text()
    stored = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert stored["network_client_ids"]["youtube"] == "123-abc.apps.googleusercontent.com"
    assert memory_keyring.store[("redes-desktop", app_secret_key("youtube"))] \
        == "GOCSPX-secreto-de-escritorio"
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"GOCSPX-secreto" not in path.read_bytes(), path
    assert page.youtube_secret.text() == ""
    assert "guardado" in page.youtube_secret.placeholderText()
    networks = NetworkSettings.of(context.workspace.settings, context.secrets)
    assert networks.client_secrets["youtube"] == "GOCSPX-secreto-de-escritorio"


def test_redes_tab_reports_every_bad_field_and_stores_nothing(qtbot, context, data_dir,
                                                              memory_keyring):
    before = (data_dir / "settings.json").read_text(encoding="utf-8")
    dialog = PreferencesDialog(context, pool=SynchronousPool(), tab="redes")
    qtbot.addWidget(dialog)
    page = dialog.pages["redes"]
    page.client_ids["facebook"].setText("id con espacios")
    # Other addresses are configured (the test server): «Avanzado» opens showing them.
    assert page.advanced_button.isChecked() and page.advanced.isVisibleTo(page)
    assert page.endpoint_edits["token"].text().endswith("/oauth/token")
    page.endpoint_edits["api"].setText("http://proxy.ine.mx/x")
    page.youtube_secret.setText("GOCSPX-nuevo")
    page.save()
    assert not page.message.ok
    text = page.message.text()
    assert "Faltan o no son válidos estos 2 datos" in text
    assert "Facebook no es válido" in text and "debe usar https://" in text
    assert (data_dir / "settings.json").read_text(encoding="utf-8") == before
    assert ("redes-desktop", app_secret_key("youtube")) not in memory_keyring.store


def test_a_wrong_address_is_shown_where_it_is_and_named_as_the_form_names_it(
        qtbot, context, data_dir):
    """The address was typed for X, then Facebook's chosen (or «Avanzado» closed): saving
    brings X's addresses back in view with the wrong one marked, and the message names the
    field by its label, not by the setting's key."""
    dialog = PreferencesDialog(context, pool=SynchronousPool(), tab="redes")
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.pages["redes"]
    page.endpoint_network.setCurrentIndex(page.endpoint_network.findData("x"))
    page.endpoint_edits["authorize"].setText("http://proxy.ine.mx/autorizar")
    page.endpoint_network.setCurrentIndex(page.endpoint_network.findData("facebook"))
    page.advanced_button.setChecked(False)
    page.save()
    assert page.message.text().endswith(
        "\n• La dirección «Autorización» de X debe usar https:// (sólo una dirección local, "
        "127.0.0.1, puede usar http://).")
    assert page.advanced.isVisible()
    assert page.endpoint_network.currentData() == "x"
    field = page.endpoint_edits["authorize"]
    assert field.text() == "http://proxy.ine.mx/autorizar"
    assert "https://" in field.toolTip()  # marked with its problem


def test_a_long_redes_page_scrolls_instead_of_squeezing_its_fields(qtbot, context):
    """«Avanzado» open and a message of several lines are taller than the dialog: the page
    scrolls; its fields were squeezed below their height, their text cut."""
    dialog = PreferencesDialog(context, pool=SynchronousPool(), tab="redes")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(760, 560)  # a smaller screen than the 680 pixels it takes on 1366×768
    page = dialog.pages["redes"]
    page.client_ids["facebook"].setText("id con espacios")
    page.endpoint_edits["api"].setText("http://proxy.ine.mx/x")
    page.advanced_button.setChecked(False)  # closed: saving opens it on the wrong address
    page.save()
    assert page.advanced.isVisible() and not page.message.ok
    for _ in range(3):  # the layout settles (posted LayoutRequest events)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    heights = [(edit.height(), edit.minimumSizeHint().height())
               for edit in page.findChildren(QLineEdit) if edit.isVisible()]
    assert len(heights) >= 10 and all(height >= least for height, least in heights), heights
    # What the tab says about it is in view, not below the fold.
    holder = dialog.tabs.currentWidget()
    top = page.message.mapTo(holder.viewport(), page.message.rect().topLeft())
    assert 0 <= top.y() and top.y() + page.message.height() <= holder.viewport().height()
    assert dialog.current_tab() == "redes"


def test_apply_networks_deletes_the_secret_when_emptied(context, memory_keyring):
    form = NetworksForm.of(context.workspace.settings)
    form.youtube_secret = "GOCSPX-1"
    apply_networks(context.workspace, context.secrets, form)
    form = NetworksForm.of(context.workspace.settings)
    assert form.youtube_secret is None  # kept as it is
    apply_networks(context.workspace, context.secrets, form)
    assert memory_keyring.store[("redes-desktop", app_secret_key("youtube"))] == "GOCSPX-1"
    form.youtube_secret = ""
    apply_networks(context.workspace, context.secrets, form)
    assert ("redes-desktop", app_secret_key("youtube")) not in memory_keyring.store
    form.endpoints["x"] = {"api": "ftp://x"}
    with pytest.raises(ValidationError, match="https://"):
        apply_networks(context.workspace, context.secrets, form)
