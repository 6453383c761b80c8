"""Spanish everywhere (issue 15): Qt's own dialogs in Spanish as México says it, «Ctrl+1» in
menus, accents in the bitácora's action names, no stray mnemonic «&», the window title said
once, «ninguno» for incidents."""

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from redes_desktop.services.absence_notes import AbsenceNotes
from redes_desktop.ui import application
from redes_desktop.ui.bitacora.table_model import action_label


@pytest.fixture
def qt_spanish(qapp, monkeypatch):
    installed = []
    original = QApplication.installTranslator
    monkeypatch.setattr(qapp, "installTranslator",
                        lambda t: installed.append(t) or original(t), raising=False)
    locale = QLocale()
    application._install_qt_spanish(qapp)
    yield
    for translator in installed:
        QApplication.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_qt_dialogs_and_shortcuts_speak_mexican_spanish(qt_spanish):
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Buscar en:"
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "Archivos de tipo:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # qtbase_es
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Ctrl+1").toString(native) == "Ctrl+1"


@pytest.mark.parametrize(("action", "label"), [
    ("contrasena_rotada", "Contraseña rotada"),
    ("sincronizacion", "Sincronización"),
    ("buzon_solicitud_informacion", "Buzón solicitud información"),
    ("aprobacion_invalidada_por_edicion", "Aprobación invalidada por edición"),
    ("borrador_editado", "Borrador editado"),
])
def test_bitacora_action_names_carry_their_accents(action, label):
    assert action_label(action) == label


def test_special_characters_checkbox_shows_its_ampersand(qtbot):
    from redes_desktop.ui.passwords.generator_dialog import GeneratorDialog

    dialog = GeneratorDialog()
    qtbot.addWidget(dialog)
    # «&&» is a literal «&»; a single «&» would hide itself and underline the «*».
    assert "(!#%&&*…)" in dialog.panel.specials.text()


def test_window_title_does_not_repeat_the_application_name(qtbot, qapp):
    from redes_desktop.ui.main_window import MainWindow

    window = MainWindow("x")
    qtbot.addWidget(window)
    assert "Redes INE" not in window.windowTitle()  # Qt adds the display name itself
    assert "Criterios para el uso institucional" in window.windowTitle()


def test_no_incidents_are_ninguno():
    assert AbsenceNotes._section("Incidentes abiertos", [], none="ninguno") == [
        "  Incidentes abiertos: ninguno."]
    assert AbsenceNotes._section("Consultas pendientes con CNCS", []) == [
        "  Consultas pendientes con CNCS: ninguna."]
