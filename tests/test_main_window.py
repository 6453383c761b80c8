"""The main window under pytest-qt: every section opens, Cuentas lists and searches, the
status bar tells who and where, review mode for CNCS, the first-start identity dialog."""

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLabel

from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.cuentas.accounts_view import AccountsSection
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
    assert "8.iii" in texts and "Cargando" in texts


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


def test_sections_are_built_on_their_first_visit(qtbot, window, context):
    """A fast start: only the section on screen is built when the data layer arrives."""
    from redes_desktop.ui.placeholder import PlaceholderSection

    context.choose_identity(context.ids["titular"])
    window.show_section("cuentas")
    # Before the data layer arrives the page says it is loading (not «a future version»).
    waiting = window.stack.currentWidget()
    assert isinstance(waiting, PlaceholderSection)
    texts = " ".join(label.text() for label in waiting.findChildren(QLabel))
    assert "Cargando" in texts and "próxima versión" not in texts
    window.set_context(context)
    assert isinstance(window.stack.currentWidget(), AccountsSection)
    assert isinstance(window._pages["contrasenas"], PlaceholderSection)
    window.section_actions["contrasenas"].trigger()
    assert not isinstance(window.stack.currentWidget(), PlaceholderSection)
    assert window.stack.currentWidget() is window.page("contrasenas")


def test_a_long_status_message_is_cut_with_an_ellipsis_and_whole_in_the_tooltip(
        qtbot, window, context):
    """Qt cut a long passing message without a sign (the evaluations reminder, a Buzón failure):
    now it ends in «…» and the whole text is the bar's tooltip."""
    context.choose_identity(context.ids["titular"])
    window.set_context(context)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    message = ("No se pudo leer el Buzón de la oficina: la base de datos compartida no responde. "
               "Revise la conexión de red o pregunte al área de informática; el programa lo "
               "intentará de nuevo en unos minutos por sí mismo.")
    bar.showMessage(message, 60_000)
    bar.grab()  # painted, the message elided
    assert bar.currentMessage() == message
    assert bar.toolTip() == message
    shown = bar.shown_message()
    assert shown.endswith("…") and message.startswith(shown[:-1])
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_rect().width()
    # The message stops before the permanent widgets (Avisos, Datos, Secretos, Sincronización).
    assert bar.message_rect().right() < window.notifications_button.x()
    bar.showMessage("Guardado.", 5_000)
    assert bar.shown_message() == "Guardado." and bar.toolTip() == "Guardado."
    bar.clearMessage()
    assert bar.toolTip() == ""
