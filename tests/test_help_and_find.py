"""F1 opens the Spanish manual at the section in use; Ctrl+F searches in every section, in the
Redactor in the post's text and the drafts (issue 15)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QKeySequence

from redes_desktop.context import AppContext
from redes_desktop.context_setup import attach_bitacora
from redes_desktop.resource_files import SHIPPED, resource_path
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.help_window import PAGES
from redes_desktop.ui.main_window import MainWindow
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


def test_the_manual_has_a_shipped_page_per_section_and_its_links_resolve():
    from redes_desktop.ui.sections import default_sections

    assert {spec.key for spec in default_sections()} <= set(PAGES)
    for name in PAGES.values():
        assert name in SHIPPED
        html = resource_path(name).read_text(encoding="utf-8")
        assert 'lang="es-MX"' in html
        for link in re.findall(r'href="([^"#]+)"', html):
            assert f"help/{link}" in SHIPPED, (name, link)


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        make_reviewer(directory)
        session.commit()
        titular = office.titular.id
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    attach_bitacora(ctx)  # the real bitácora, with its search line
    ctx.choose_identity(titular)
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    ctx.close()
    workspace.close()


@pytest.fixture
def window(qtbot, context):
    main = MainWindow(str(context.workspace.paths.root))
    qtbot.addWidget(main)
    main.set_context(context)
    main.show()
    qtbot.waitExposed(main)
    yield main
    QThreadPool.globalInstance().waitForDone()


@pytest.mark.parametrize(("key", "title"), [
    ("redactor", "Redactor"), ("consultas", "Consultas CNCS"), ("bitacora", "Bitácora"),
    ("contrasenas", "Contraseñas"), ("cuentas", "Cuentas"), ("informes", "Informes"),
    ("organizacion", "Organización"),
])
def test_f1_opens_the_manual_at_the_current_section(qtbot, window, key, title):
    assert window.help_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.show_section(key)
    window.help_action.trigger()
    help_window = window.help_window
    assert help_window is not None and help_window.isVisible()
    assert help_window.browser.source().fileName() == f"{key}.html"
    assert help_window.browser.documentTitle() == title
    assert help_window.contents.currentItem().text() == title
    # A link inside the manual opens another page of it.
    help_window.browser.setSource(help_window.browser.source().resolved(
        help_window.browser.source().resolved("index.html")))
    assert help_window.browser.documentTitle() == "Manual de Redes INE"


def test_f1_in_the_preferences_opens_their_page(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from redes_desktop.ui.preferences.dialog import PreferencesDialog

    monkeypatch.setattr(QApplication, "activeWindow",
                        staticmethod(lambda: type("Active", (), {
                            "help_page": PreferencesDialog.help_page})()))
    window.help_action.trigger()
    assert window.help_window.browser.source().fileName() == "preferencias.html"
    assert window.help_window.browser.documentTitle() == "Preferencias"


def test_ctrl_f_in_the_redactor_searches_the_post_and_the_drafts(qtbot, window, typer):
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.show_section("redactor")
    composer = window.page("redactor")
    typer(composer.editor, "Hoy sesiona el Consejo General; mañana, el Consejo Local.")
    window.find_action.trigger()
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    window.find_bar.edit.setText("consejo")
    assert "Encontrado en el texto" in window.find_bar.find_next()
    assert composer.editor.textCursor().selectedText() == "Consejo"
    first = composer.editor.textCursor().selectionStart()
    window.find_bar.find_next()
    assert composer.editor.textCursor().selectionStart() > first  # the next one
    composer.drafts_combo.addItem("Aviso de horario de atención", "id-1")
    window.find_bar.edit.setText("horario")
    message = window.find_bar.find_next()
    assert "1 borrador:" in message and "«Aviso de horario de atención»" in message
    window.find_bar.edit.setText("elecciones")
    assert "no aparece en el texto ni en los borradores" in window.find_bar.find_next()


@pytest.mark.parametrize("key", ["cuentas", "bitacora"])
def test_ctrl_f_goes_to_a_section_s_own_search(qtbot, window, key):
    window.show_section(key)
    page = window.page(key)
    if key == "bitacora":  # its scope arrives off the UI thread
        qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    window.find_action.trigger()
    assert not window.find_bar.isVisible()
    assert page.search_edit.hasFocus()


def test_ctrl_f_elsewhere_finds_rows_in_the_section(qtbot, window):
    window.show_section("organizacion")
    page = window.page("organizacion")
    qtbot.waitUntil(lambda: page.people_table.rowCount() > 0, timeout=10_000)
    name = page.people_table.item(page.people_table.rowCount() - 1, 1).text()  # an e-mail
    window.find_action.trigger()
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText(name.upper())  # case does not matter
    assert "Encontrado" in window.find_bar.find_next()
    assert page.people_table.currentRow() == page.people_table.rowCount() - 1
    window.find_bar.edit.setText("zzz-no-existe")
    assert "no aparece en esta sección" in window.find_bar.find_next()
