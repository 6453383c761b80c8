"""The main window fits a 1366×768 screen (issue 15): after visiting every section, in every
role, the window's minimum size is at most 1366×740 (the rest is the taskbar)."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.context import AppContext
from redes_desktop.context_setup import attach_bitacora
from redes_desktop.models import AbsenceKind, AreaKind, Network
from redes_desktop.models.publishing import NetworkConnection
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.services.coverage import AbsenceService
from redes_desktop.services.directory import Directory
from redes_desktop.ui.main_window import MainWindow
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer

MAX_WIDTH, MAX_HEIGHT = 1366, 740
# Real names are long: every filter and account chooser must still fit.
LONG_AREA = ("Junta Distrital Ejecutiva 05 en el Estado de México, con sede en Toluca de "
             "Lerdo, Coordinación de Comunicación Social")
LONG_PERSON = "María Guadalupe de la Concepción Fernández Hernández y Villaseñor"
LONG_ACCOUNT = "INE Junta Distrital Ejecutiva 05 del Estado de México en Toluca de Lerdo"


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    attach_bitacora(ctx)  # the real bitácora: its filters list long account and area names
    with database.session() as session:
        directory = Directory(session, clock, ctx.recorder)
        make_office(directory)
        office = make_office(directory, name=LONG_AREA, state="México",
                             handle="@JDE05_EdoMex_TolucaINE", slug="mex")
        office.titular.name = LONG_PERSON
        office.account.name = LONG_ACCOUNT
        directory.create_area("Dirección Ejecutiva de Capacitación Electoral y Educación "
                              "Cívica, Subdirección de Difusión", AreaKind.OFICINAS_CENTRALES)
        reviewer = make_reviewer(directory)
        # Connected on this workstation (issue 17): the Redactor shows its sending controls.
        session.add(NetworkConnection(account_id=office.account.id, network=Network.X,
                                      remote_account_id="42", remote_handle="@JDE05_EdoMex",
                                      connected_at=clock()))
        absences = AbsenceService(session, clock, ctx.recorder)
        absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                          absences.today(), absences.today() + timedelta(days=1))
        session.commit()
        ids = {"titular": office.titular.id, "suplente": office.suplente.id,
               "reviewer": reviewer.id}
    ctx.ids = ids
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    ctx.close()
    workspace.close()


def _minimum(window: MainWindow) -> tuple[int, int]:
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    return hint.width(), hint.height()


@pytest.mark.parametrize("role", ["titular", "suplente", "reviewer"])
def test_every_section_fits_a_1366x768_screen(qtbot, context, role):
    context.choose_identity(context.ids[role])
    window = MainWindow(str(context.workspace.paths.root))
    qtbot.addWidget(window)
    window.set_context(context)
    window.show()
    qtbot.waitExposed(window)
    too_big = {}
    for key in window.section_keys():
        window.show_section(key)
        page = window.page(key)
        if key == "bitacora":  # its scope arrives off the UI thread
            qtbot.waitUntil(lambda page=page: page.loaded, timeout=10_000)
        qtbot.wait(1)
        width, height = _minimum(window)
        if width > MAX_WIDTH or height > MAX_HEIGHT:
            too_big[key] = (width, height)
    assert too_big == {}
    # After every visit, going back to the first section: still fits.
    window.show_section(window.section_keys()[0])
    width, height = _minimum(window)
    assert width <= MAX_WIDTH and height <= MAX_HEIGHT
    QThreadPool.globalInstance().waitForDone()
