"""The main window under pytest-qt: every section opens, Cuentas lists and searches, the
status bar tells who and where, review mode for CNCS, the first-start identity dialog."""

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.cuentas.accounts_view import AccountsSection
from redes_desktop.ui.identity_dialog import IdentityDialog
from redes_desktop.ui.main_window import MainWindow
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        make_office(
            directory,
            name="Junta Local Ejecutiva en Yucatán",
            state="Yucatán",
            handle="@JLE_YucatanINE",
            slug="yuc",
        )
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"titular": office.titular.id, "reviewer": reviewer.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.ids = ids
    yield ctx
    workspace.close()


@pytest.fixture
def window(qtbot, context):
    win = MainWindow(str(context.workspace.paths.root))
    qtbot.addWidget(win)
    return win


def test_every_section_opens_with_its_shortcut(qtbot, window, context):
    context.choose_identity(context.ids["titular"])
    window.set_context(context)
    window.show()
    qtbot.waitExposed(window)
    for key in window.section_keys():
        window.section_actions[key].trigger()
        assert window.current_section() == key
        page = window.stack.currentWidget()
        assert page is window.page(key)
        assert page.findChildren(QLabel) or isinstance(page, AccountsSection)
    assert window.section_actions["cuentas"].shortcut().toString() == "Ctrl+5"


def test_placeholder_says_what_the_section_will_hold(window):
    page = window.page("bitacora")
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "8.iii" in texts and "próxima versión" in texts


def test_status_bar_shows_user_role_and_data_location(window, context):
    context.choose_identity(context.ids["titular"])
    window.set_context(context)
    assert "Titular jal" in window.user_label.text()
    assert "Administrador titular" in window.role_label.text()
    assert str(context.workspace.paths.root) in window.data_label.toolTip()
    assert "sin configurar" in window.sync_label.text()


def test_reviewer_starts_in_review_mode(window, context):
    context.choose_identity(context.ids["reviewer"])
    window.set_context(context)
    assert window.review_mode
    assert window.current_section() == "consultas"
    assert "modo revisión" in window.role_label.text()


def test_accounts_section_lists_and_searches(qtbot, window, context, typer):
    window.set_context(context)
    section = window.page("cuentas")
    assert isinstance(section, AccountsSection)
    qtbot.waitUntil(lambda: section.idle, timeout=5000)
    assert section.model.rowCount() == 2
    handles = {section.model.row_at(r).handle for r in range(section.model.rowCount())}
    assert handles == {"@JLE_JaliscoINE", "@JLE_YucatanINE"}
    typer(section.search_edit, "yucatán")
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=2000)
    assert section.model.row_at(0).titular == "Titular yuc"
    assert section.areas_tree.topLevelItemCount() == 1
    assert "1 cuenta" in section.count_label.text()


def test_accounts_model_passes_qtmodeltester(qtmodeltester, context):
    section = AccountsSection(context)
    qtmodeltester.check(section.model)
    QThreadPool.globalInstance().waitForDone()  # its reads end before the data folder goes
    section.deleteLater()


def test_geometry_and_section_are_remembered(qtbot, context):
    first = MainWindow("x")
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show_section("informes")
    geometry, state, section = first.saved_state()
    second = MainWindow("x")
    qtbot.addWidget(second)
    second.restore_state(geometry, state, section)
    assert second.current_section() == "informes"
    assert second.size().width() == 700


def test_identity_dialog_chooses_and_remembers(qtbot, context):
    dialog = IdentityDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # read off the UI thread
    assert dialog.people_list.count() == 7
    assert not dialog.demo_button.isVisible()
    dialog.filter_edit.setText("revisora")
    visible = [
        dialog.people_list.item(i)
        for i in range(dialog.people_list.count())
        if not dialog.people_list.item(i).isHidden()
    ]
    assert len(visible) == 1
    dialog.people_list.setCurrentItem(visible[0])
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5000)
    assert context.identity is not None and context.identity.is_reviewer
    assert context.workspace.settings_store.load().current_person_id == str(context.ids["reviewer"])


def test_identity_dialog_registration_validates(qtbot, context, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    dialog = IdentityDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # read off the UI thread
    dialog.name_edit.setText("Nueva Persona")
    dialog.email_edit.setText("nueva@gmail.com")
    dialog._register()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5000)
    assert messages and "ine.mx" in messages[0]
    dialog.email_edit.setText("nueva.persona@ine.mx")
    dialog._register()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5000)
    assert context.identity.name == "Nueva Persona"


def test_nav_list_is_keyboard_navigable(qtbot, window):
    window.show()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_section() == "consultas"


@pytest.mark.parametrize(
    ("geometry", "state"),
    [
        ("abc", "abc"),  # incorrect padding: binascii.Error
        ("¡no es base64!", "@@@@"),  # characters outside the alphabet
        ("AAAA", "AAAA"),  # valid base64, but not a saved geometry/state
    ],
)
def test_bad_saved_geometry_is_ignored(qtbot, geometry, state):
    window = MainWindow("x")
    qtbot.addWidget(window)
    size = window.size()
    window.restore_state(geometry, state, "informes")
    assert window.current_section() == "informes"
    assert window.size() == size


def test_startup_survives_a_damaged_window_state_in_settings(qtbot, data_dir, clock):
    import json

    from PySide6.QtWidgets import QApplication

    from redes_desktop.ui.application import Startup

    workspace = open_workspace(data_dir, clock=clock)
    workspace.close()
    path = workspace.paths.settings
    raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    raw.update(window_geometry="no-es-base64", window_state="x", last_section="bitacora")
    path.write_text(json.dumps(raw), encoding="utf-8")
    workspace = open_workspace(data_dir, clock=clock)
    try:
        startup = Startup(QApplication.instance(), workspace, quit_after_startup=True)
        qtbot.addWidget(startup.window)
        assert startup.window.current_section() == "bitacora"
    finally:
        workspace.close()


def test_self_registration_cannot_grant_reviewer_or_area_titular(context):
    from redes_desktop.errors import PermissionDenied
    from redes_desktop.models import Area, Level, Role

    with context.session() as session:
        directory = Directory(session, context.clock, NullRecorder())
        area = session.scalars(select(Area)).first()
        for role in (Role.REVISOR_CNCS, Role.TITULAR_AREA):
            with pytest.raises(PermissionDenied) as caught:
                directory.register_self("Intrusa", "intrusa@ine.mx", Level.MANDO_MEDIO, area,
                                        [Role.ADMIN_TITULAR, role])
            assert f"«{role.label}»" in caught.value.message
            assert "titular del área o la CNCS" in caught.value.message
        person = directory.register_self("Suplente Nueva", "suplente.nueva@ine.mx",
                                         Level.MANDO_MEDIO, area, [Role.ADMIN_SUPLENTE])
        assert person.role_set == {Role.ADMIN_SUPLENTE}


def test_identity_dialog_offers_only_self_registrable_roles(qtbot, context, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from redes_desktop.models import Role

    dialog = IdentityDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # read off the UI thread
    offered = {dialog.role_combo.itemData(i) for i in range(dialog.role_combo.count())}
    assert offered == {Role.ADMIN_TITULAR, Role.ADMIN_SUPLENTE}
    # Even if the combo were tampered with, the service refuses the reviewer role.
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    dialog.role_combo.addItem(Role.REVISOR_CNCS.label, Role.REVISOR_CNCS)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.count() - 1)
    dialog.name_edit.setText("Intrusa")
    dialog.email_edit.setText("intrusa@ine.mx")
    dialog._register()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5000)
    assert messages and "Revisor" in messages[0] and "no puede registrarse" in messages[0].lower()
    assert context.identity is None


def test_sections_are_built_on_their_first_visit(qtbot, window, context):
    """A fast start: only the section on screen is built when the data layer arrives."""
    from redes_desktop.ui.placeholder import PlaceholderSection

    context.choose_identity(context.ids["titular"])
    window.show_section("cuentas")
    window.set_context(context)
    assert isinstance(window.stack.currentWidget(), AccountsSection)
    assert isinstance(window._pages["contrasenas"], PlaceholderSection)
    window.section_actions["contrasenas"].trigger()
    assert not isinstance(window.stack.currentWidget(), PlaceholderSection)
    assert window.stack.currentWidget() is window.page("contrasenas")
