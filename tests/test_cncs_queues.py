"""The CNCS reviewer's queues in Cuentas (issue 15): «Solicitudes» and «Bajas» list what waits,
first and counted in the tab title; the reviewer authorises or refuses a request and confirms a
closure through the actions; an account the directory lists «Solicitada» or «En baja» without
its record is listed (never an empty tab beside a table that shows it) and says what is
missing."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt

from redes_desktop.actions.close_account import list_closures, request_closure
from redes_desktop.actions.list_requests import list_requests
from redes_desktop.actions.procedures import Procedures
from redes_desktop.actions.request_account import AccountRequestInput, request_account
from redes_desktop.models import Account, AccountStatus, Network
from redes_desktop.models.procedures import AccountRequest, RequestState
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.cuentas.accounts_view import AccountsSection
from redes_desktop.ui.cuentas.closure_dialog import ClosureChecklistDialog
from tests import test_cuentas_ui as _cuentas
from tests.test_cuentas_ui import POOL, ok

context = _cuentas.context  # fixture
pdf = _cuentas.pdf  # fixture


def _request(context, pdf, handle: str) -> str:
    ids = context.ids
    with context.session() as session:
        area_id = str(session.get(Account, ids["account"]).area_id)
    form = AccountRequestInput(
        area_id=area_id, network=Network.INSTAGRAM, name=f"INE Jalisco {handle}",
        handle=handle, email=f"{handle}@ine.mx", purposes=("3.xi",),
        justification="Educación cívica: el programa anual de la Junta en escuelas.",
        titular_id=str(ids["titular"]), suplente_id=str(ids["suplente"]), oficio=str(pdf),
        rhythm="semanal")
    return str(request_account(Procedures.of(context), form, person_id=ids["head"]))


def _unrecorded(context, status: AccountStatus, handle: str) -> None:
    """An account in that state with no record of its procedure (as the demo builds them)."""
    with context.session() as session:
        directory = Directory(session, context.clock, NullRecorder())
        area = session.get(Account, context.ids["account"]).area
        directory.create_account(area=area, network=Network.FACEBOOK, name=f"Cuenta {handle}",
                                 handle=handle, email=f"{handle.lower()}@ine.mx",
                                 status=status, purposes=["3.xi"])
        session.commit()


def _tab_titles(section) -> list[str]:
    return [section.tabs.tabText(i) for i in range(section.tabs.count())]


def test_requests_queue_counts_orders_and_lets_the_reviewer_decide(qtbot, context, pdf):
    first = _request(context, pdf, "ine_jalisco_uno")
    second = _request(context, pdf, "ine_jalisco_dos")
    _unrecorded(context, AccountStatus.SOLICITADA, "SinOficioJalisco")
    context.choose_identity(context.ids["reviewer"])
    section = AccountsSection(context, pool=POOL)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.idle, timeout=5000)
    qtbot.waitUntil(lambda: "Solicitudes (3)" in _tab_titles(section), timeout=5000)
    tab = section.procedures.requests_tab
    handles = [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]
    assert set(handles) == {"@ine_jalisco_uno", "@ine_jalisco_dos", "@SinOficioJalisco"}
    # The account without a request says what is missing and cannot be decided.
    orphan = next(i for i in range(tab.tree.topLevelItemCount())
                  if tab.tree.topLevelItem(i).text(0) == "@SinOficioJalisco")
    tab.tree.setCurrentItem(tab.tree.topLevelItem(orphan))
    assert tab.tree.topLevelItem(orphan).text(3) == "Sin oficio registrado"
    assert "criterio 7.ii" in tab.detail.toPlainText()
    assert not tab.authorize_button.isEnabled() and not tab.reject_button.isEnabled()
    # Authorise one, refuse the other: the count follows.
    tab.ask_text = lambda *_: ("Procede conforme a 3.xi.", True)
    tab.select(first)
    tab.authorize_selected()
    qtbot.waitUntil(lambda: "Solicitudes (2)" in _tab_titles(section), timeout=5000)
    tab.ask_text = lambda *_: ("La CNCS ya difunde este contenido (7.i).", True)
    tab.select(second)
    tab.reject_selected()
    qtbot.waitUntil(lambda: "Solicitudes (1)" in _tab_titles(section), timeout=5000)
    with context.session() as session:
        assert session.get(AccountRequest, uuid.UUID(first)).state == (
            RequestState.AUTORIZADA)
        refused = session.get(AccountRequest, uuid.UUID(second))
        assert refused.state == RequestState.RECHAZADA
        assert refused.account.status == AccountStatus.RECHAZADA
    # Decided requests go below what still waits.
    assert tab.tree.topLevelItem(0).text(0) == "@SinOficioJalisco"


def test_an_area_person_sees_only_their_area_in_the_queue(context, pdf):
    _request(context, pdf, "ine_jalisco_tres")
    with context.session() as session:
        directory = Directory(session, context.clock, NullRecorder())
        from tests.factories import make_office

        other = make_office(directory, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                            handle="@JLE_SonoraINE", slug="son")
        session.commit()
        other_head = other.head.id
    listing = list_requests(Procedures.of(context), person_id=other_head)
    assert listing.rows == () and listing.pending == 0
    reviewer = list_requests(Procedures.of(context), person_id=context.ids["reviewer"])
    assert reviewer.pending == 1 and reviewer.is_reviewer


def test_closures_queue_counts_and_the_reviewer_confirms_the_closure(qtbot, context, pdf,
                                                                    smtp_server):
    ids = context.ids
    closure_id = request_closure(Procedures.of(context), ids["account"], str(pdf),
                                 "La Junta deja de usar la cuenta en X.", person_id=ids["head"])
    _unrecorded(context, AccountStatus.EN_BAJA, "BajaSinOficio")
    # The area's operativo (the suplente) may not conclude it; the reviewer may.
    rows = list_closures(context.database, person_id=ids["suplente"], clock=context.clock)
    assert [r.may_complete for r in rows if r.recorded] == [False]
    context.choose_identity(ids["reviewer"])
    section = AccountsSection(context, pool=POOL)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.idle, timeout=5000)
    qtbot.waitUntil(lambda: "Bajas (2)" in _tab_titles(section), timeout=5000)
    tab = section.procedures.closures_tab
    items = {tab.tree.topLevelItem(i).text(0): tab.tree.topLevelItem(i)
             for i in range(tab.tree.topLevelItemCount())}
    tab.tree.setCurrentItem(items["@BajaSinOficio"])
    assert items["@BajaSinOficio"].text(3) == "En baja, sin oficio registrado"
    assert "criterio 7.vii" in tab.detail.text()
    assert not tab.complete_button.isEnabled()
    tab.tree.setCurrentItem(items["@JLE_JaliscoINE"])
    assert "deja de usar la cuenta" in tab.detail.text()
    assert tab.complete_button.isEnabled()
    checklist = ClosureChecklistDialog(context, str(closure_id), "@JLE_JaliscoINE", pool=POOL)
    qtbot.addWidget(checklist)
    for box in checklist.boxes.values():
        box.setChecked(True)
    ok(checklist)
    assert checklist.result() == checklist.DialogCode.Accepted, checklist.error_label.text()
    with context.session() as session:
        assert session.get(Account, ids["account"]).status == AccountStatus.CANCELADA
    tab.refresh()
    section.procedures.changed()
    qtbot.waitUntil(lambda: "Bajas (1)" in _tab_titles(section), timeout=5000)
    assert tab.tree.topLevelItem(0).text(0) == "@BajaSinOficio"
    done = tab.tree.topLevelItem(1)
    assert done.text(5) and not done.data(1, Qt.ItemDataRole.UserRole)
