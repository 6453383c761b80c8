"""The Cuentas section's procedure tabs under pytest-qt: the request form, CNCS's decision and
the opening, the closure checklist, absences with their notice, and the health table."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QThreadPool
from PySide6.QtWidgets import QDialogButtonBox

from redes_desktop.context import AppContext
from redes_desktop.models import AbsencePeriod, Account, AccountStatus, Post
from redes_desktop.models.procedures import AccountRequest, RequestState
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.cuentas.absences_tab import AbsencesTab
from redes_desktop.ui.cuentas.accounts_view import AccountsSection
from redes_desktop.ui.cuentas.closure_dialog import ClosureChecklistDialog, ClosuresTab
from redes_desktop.ui.cuentas.health_tab import HealthTab
from redes_desktop.ui.cuentas.request_dialog import RequestDialog
from redes_desktop.ui.cuentas.requests_tab import RequestsTab
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer
from tests.pools import HeldPool

POOL = SynchronousPool()


@pytest.fixture
def context(data_dir, clock, mail_settings, migrated_template):
    shutil.copy(migrated_template, data_dir / "redes.sqlite3")
    workspace = open_workspace(data_dir, clock=clock)
    for name in ("smtp_host", "smtp_port", "smtp_security", "smtp_sender"):
        setattr(workspace.settings, name, getattr(mail_settings, name))
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"head": office.head.id, "titular": office.titular.id,
               "suplente": office.suplente.id, "reviewer": reviewer.id,
               "account": office.account.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.ids = ids
    ctx.choose_identity(ids["head"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "oficio.pdf"
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    return path


def ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def pick(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)


def test_section_has_the_procedure_tabs(qtbot, context):
    section = AccountsSection(context)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.idle, timeout=5000)
    titles = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert titles == ["Cuentas", "Áreas y administradores", "Solicitudes", "Bajas",
                      "Ausencias", "Salud", "Conexión con la red", "Vigencia (5.2 d)"]


def fill_request(qtbot, typer, dialog, oficio) -> None:
    pick(dialog.network_combo, "Instagram")
    qtbot.keyClicks(dialog.name_edit, "INE Jalisco en Instagram")
    qtbot.keyClicks(dialog.handle_edit, "ine_jalisco")
    qtbot.keyClicks(dialog.email_edit, "ig.jal@ine.mx")
    dialog.set_purposes(["3.i", "3.xi"])
    typer(dialog.justification_edit,
          "Educación cívica: el programa anual de la Junta en escuelas de Jalisco.")
    pick(dialog.titular_combo, "Titular jal")
    pick(dialog.suplente_combo, "Suplente jal")
    if oficio:
        dialog.oficio_edit.setText(str(oficio))


def test_request_form_reminds_validates_and_records(qtbot, typer, context, pdf):
    dialog = RequestDialog(context, pool=POOL)
    qtbot.waitUntil(lambda: dialog.idle)
    qtbot.addWidget(dialog)
    labels = [w.text() for w in dialog.findChildren(type(dialog.error_label))]
    assert any("criterio 7.i" in text for text in labels)
    assert dialog.area_combo.currentText() == "Junta Local Ejecutiva en Jalisco"
    fill_request(qtbot, typer, dialog, None)
    ok(dialog)
    assert "Falta el oficio firmado" in dialog.error_label.text()
    assert not dialog.error_label.isHidden()
    with context.session() as session:
        assert session.query(AccountRequest).count() == 0
    dialog.set_purposes([])
    dialog.oficio_edit.setText(str(pdf))
    ok(dialog)
    assert "fines de la sección 3" in dialog.error_label.text()
    dialog.set_purposes(["3.xi"])
    ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    with context.session() as session:
        request = session.get(AccountRequest, dialog.request_id)
        assert request.account.justification.startswith("Educación cívica")
        assert request.account.status == AccountStatus.SOLICITADA


def test_reviewer_authorises_and_area_opens(qtbot, typer, context, pdf, smtp_server):
    _host, _port, inbox = smtp_server
    dialog = RequestDialog(context, pool=POOL)
    qtbot.waitUntil(lambda: dialog.idle)
    qtbot.addWidget(dialog)
    fill_request(qtbot, typer, dialog, pdf)
    ok(dialog)
    key = str(dialog.request_id)

    context.choose_identity(context.ids["reviewer"])
    tab = RequestsTab(context, pool=POOL)
    qtbot.addWidget(tab)
    assert tab.authorize_button.isVisibleTo(tab)
    tab.select(key)
    assert "3.xi. Difundir" in tab.detail.toPlainText()
    tab.ask_text = lambda *_: ("", True)
    tab.reject_selected()
    assert "motivos del rechazo" in tab.error_label.text()
    tab.ask_text = lambda *_: ("Procede conforme a 3.xi.", True)
    tab.select(key)
    tab.authorize_selected()
    with context.session() as session:
        assert session.get(AccountRequest, dialog.request_id).state == RequestState.AUTORIZADA

    context.choose_identity(context.ids["head"])
    tab.refresh()
    assert not tab.authorize_button.isVisibleTo(tab)
    tab.select(key)
    assert tab.open_button.isEnabled()
    tab.ask_url = lambda *_: "https://instagram.com/ine_jalisco"
    tab.open_selected()
    with context.session() as session:
        account = session.get(AccountRequest, dialog.request_id).account
        assert account.status == AccountStatus.ACTIVA and account.official
    # A long subject is folded: the parsed header may start with the folding space.
    assert any(m["Subject"].strip().startswith("Apertura de cuenta") for m in inbox.messages)


def test_closure_checklist_refuses_unchecked_items(qtbot, context, pdf, smtp_server):
    tab = ClosuresTab(context, pool=POOL)
    qtbot.addWidget(tab)
    from redes_desktop.ui.cuentas.closure_dialog import ClosureRequestDialog

    request = ClosureRequestDialog(context, pool=POOL)
    qtbot.waitUntil(lambda: request.idle)
    qtbot.addWidget(request)
    pick(request.account_combo, "@JLE_JaliscoINE")
    qtbot.keyClicks(request.reason_edit, "La Junta deja de usar la cuenta")
    ok(request)
    assert "Falta el oficio firmado" in request.error_label.text()
    request.oficio_edit.setText(str(pdf))
    ok(request)
    assert request.result() == request.DialogCode.Accepted
    tab.refresh()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert tab.complete_button.isEnabled()

    item = tab.tree.topLevelItem(0)
    from PySide6.QtCore import Qt

    checklist = ClosureChecklistDialog(context, item.data(0, Qt.ItemDataRole.UserRole),
                                       item.text(0), pool=POOL)
    qtbot.addWidget(checklist)
    for name, box in checklist.boxes.items():
        box.setChecked(name != "cancelled_on_network")
    ok(checklist)
    assert "se canceló la cuenta en la red social" in checklist.error_label.text()
    with context.session() as session:
        assert session.get(Account, context.ids["account"]).status == AccountStatus.EN_BAJA
    checklist.boxes["cancelled_on_network"].setChecked(True)
    ok(checklist)
    assert checklist.result() == checklist.DialogCode.Accepted
    with context.session() as session:
        assert session.get(Account, context.ids["account"]).status == AccountStatus.CANCELADA


def test_absences_tab_registers_with_notice_and_refuses_overlap(qtbot, context, clock):
    clock.set(datetime(2026, 9, 10, 18, 0, tzinfo=UTC))
    context.choose_identity(context.ids["titular"])
    tab = AbsencesTab(context, pool=POOL)
    qtbot.addWidget(tab)
    tab.confirm = lambda _text: True  # asked before saving (issue 15)
    assert tab.person_combo.currentText() == "Titular jal"
    pick(tab.kind_combo, "Vacaciones")
    tab.start_edit.setDate(QDate(2026, 9, 14))
    tab.end_edit.setDate(QDate(2026, 9, 18))
    tab.register_button.click()
    assert tab.error_label.isHidden()
    assert "aviso de horario" in tab.status_label.text()
    assert tab.tree.topLevelItemCount() == 1
    assert tab.tree.topLevelItem(0).text(3) == "Suplente jal"
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert "16 de septiembre (Día de la Independencia)" in tab.detail.toPlainText()
    with context.session() as session:
        [draft] = session.query(Post).all()
        assert draft.text.startswith("Del 14 al 18 de septiembre")
    tab.start_edit.setDate(QDate(2026, 9, 18))
    tab.end_edit.setDate(QDate(2026, 9, 20))
    tab.register_button.click()
    assert "se empalma" in tab.error_label.text()
    with context.session() as session:
        assert session.query(AbsencePeriod).count() == 1


def test_health_tab_model(qtbot, qtmodeltester, context):
    tab = HealthTab(context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.idle, timeout=5000)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 1
    row = tab.model.row_at(0)
    assert row.handle == "@JLE_JaliscoINE" and not row.verified
    assert "6.xxix" in tab.model.index(0, 7).data()
    assert "sin verificar" in tab.summary.text()


def test_background_jobs(context, clock, smtp_server):
    """The jobs the lead wires into jobs.py: notes and holiday notices, and the health summary."""
    from redes_desktop.services.absence_notes import absence_job
    from redes_desktop.services.account_health import health_job

    clock.set(datetime(2026, 9, 14, 15, 0, tzinfo=UTC))
    found = absence_job(context)
    assert [n.title for n in found] == ["Avisos de horario de atención"]
    # One notice drafted: clicking the notification opens that draft (issue 15).
    from redes_desktop.models import Post

    section, draft = found[0].target
    with context.session() as session:
        assert section == "redactor" and session.get(Post, uuid.UUID(draft)) is not None
    assert absence_job(context) == []
    [health] = health_job(context)
    # One account: clicking the notice opens it in Cuentas (issue 15).
    assert "1 sin verificar" in health.message
    assert health.target == ("cuentas", str(context.ids["account"]))


# -- change of administrators (7.iv) ---------------------------------------------------------
def test_change_of_administrators_button_follows_the_permission(qtbot, context):
    section = AccountsSection(context, pool=POOL)
    qtbot.addWidget(section)
    assert not section.admins_button.isEnabled()  # nothing selected
    section.select_account(context.ids["account"])
    assert section.admins_button.isEnabled()  # the area titular
    context.choose_identity(context.ids["titular"])  # an administrator, not the area titular
    section.refresh()
    section.select_account(context.ids["account"])
    assert not section.admins_button.isEnabled()
    assert "Solo el titular de Junta Local Ejecutiva en Jalisco" in section.admins_button.toolTip()


def test_change_of_administrators_validates_records_and_mails(
    qtbot, context, clock, smtp_server, monkeypatch
):
    from datetime import timedelta

    from redes_desktop.clock import to_mexico
    from redes_desktop.models import AdminKind, Level
    from redes_desktop.ui.cuentas import accounts_view
    from redes_desktop.ui.cuentas.administrators_dialog import AdministratorsDialog

    _host, _port, inbox = smtp_server
    with context.session() as session:
        directory = Directory(session, clock, NullRecorder())
        area = directory.account(context.ids["account"]).area
        nueva = directory.create_person("Nueva Titular", "nueva.titular@ine.mx",
                                        Level.MANDO_MEDIO, area)
        session.commit()
        nueva_id = nueva.id
    section = AccountsSection(context, pool=POOL)
    qtbot.addWidget(section)
    section.select_account(context.ids["account"])
    dialogs = []

    def run(dialog):
        dialogs.append(dialog)
        qtbot.waitUntil(lambda: dialog.idle)
        pick(dialog.titular_combo, "Suplente jal")  # an operativo cannot be titular (5.1)
        pick(dialog.suplente_combo, "Titular jal")
        ok(dialog)
        assert "mando medio" in dialog.error_label.text().lower()
        pick(dialog.titular_combo, "Nueva Titular")
        pick(dialog.suplente_combo, "Nueva Titular")
        ok(dialog)
        assert not dialog.error_label.isHidden()
        assert "dos personas distintas" in dialog.error_label.text()
        pick(dialog.suplente_combo, "Titular jal")
        ok(dialog)  # the current designation starts today: a change needs a later date
        assert "fecha posterior" in dialog.error_label.text()
        dialog.since_edit.setDate(dialog.since_edit.date().addDays(1))
        ok(dialog)
        return dialog.result()

    monkeypatch.setattr(AdministratorsDialog, "exec", run)
    assert accounts_view.AdministratorsDialog is AdministratorsDialog
    section.admins_button.click()
    [dialog] = dialogs
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "Se avisó por correo a la CNCS" in section.message_label.text()

    with context.session() as session:
        account = session.get(Account, context.ids["account"])
        day = to_mexico(clock()).date() + timedelta(days=1)
        current = {a.kind: a.person_id for a in account.current_administrators(day)}
        assert current == {AdminKind.TITULAR: nueva_id, AdminKind.SUPLENTE: context.ids["titular"]}
        today = {a.kind: a.person_id for a in account.current_administrators(day - timedelta(1))}
        assert today[AdminKind.TITULAR] == context.ids["titular"]  # until the start date
    [mail] = [m for m in inbox.messages if "Cambio de administradores" in m["Subject"]]
    recipients = mail["To"]
    settings = context.workspace.settings
    for address in (settings.cncs_email, settings.comite_presidente_email,
                    settings.comite_secretario_email):
        assert address in recipients
    body = mail.get_body(("plain",)).get_content()
    assert "Titular jal → Nueva Titular" in body and "Suplente jal → Titular jal" in body


def test_change_of_administrators_to_a_person_removed_meanwhile_says_so(qtbot, context, clock):
    """A person chosen in the list but gone from the database when OK is pressed (e.g. by a
    sync) gets its own Spanish message, not the «propose a titular» one."""
    import uuid
    from datetime import timedelta

    from redes_desktop.clock import to_mexico
    from redes_desktop.models import AdminKind
    from redes_desktop.ui.cuentas.administrators_dialog import AdministratorsDialog

    dialog = AdministratorsDialog(context, context.ids["account"], pool=POOL)
    qtbot.waitUntil(lambda: dialog.idle)
    qtbot.addWidget(dialog)
    pick(dialog.titular_combo, "Titular jal")
    pick(dialog.suplente_combo, "Suplente jal")
    dialog.titular_combo.setItemData(dialog.titular_combo.currentIndex(), str(uuid.uuid4()))
    dialog.since_edit.setDate(dialog.since_edit.date().addDays(1))
    ok(dialog)
    assert "ya no está registrada" in dialog.error_label.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    with context.session() as session:  # nothing changed
        account = session.get(Account, context.ids["account"])
        day = to_mexico(clock()).date() + timedelta(days=1)
        current = {a.kind: a.person_id for a in account.current_administrators(day)}
        assert current[AdminKind.TITULAR] == context.ids["titular"]


def test_request_details_go_through_tr(qtbot, typer, context, pdf):
    from tests.test_notifications_ui import pseudo_translated

    dialog = RequestDialog(context, pool=POOL)
    qtbot.waitUntil(lambda: dialog.idle)
    qtbot.addWidget(dialog)
    fill_request(qtbot, typer, dialog, pdf)
    ok(dialog)
    key = str(dialog.request_id)
    with context.session() as session:
        request = session.get(AccountRequest, dialog.request_id)
        request.reasons = "Falta el programa anual."
        session.commit()
    tab = RequestsTab(context, pool=POOL)
    qtbot.addWidget(tab)
    tab.select(key)
    detail = tab.detail.toPlainText()
    assert detail.startswith("Estado: Pendiente\nOficio: ")
    assert "Motivos de CNCS: Falta el programa anual." in detail
    with pseudo_translated():
        tab.refresh()
        tab.select(key)
        detail = tab.detail.toPlainText()
    assert detail.startswith("⟦Estado: Pendiente⟧\n⟦Oficio: ")
    assert "⟦Motivos de CNCS: Falta el programa anual.⟧" in detail


def test_accounts_are_read_off_the_ui_thread(qtbot, context):
    pool = HeldPool()
    section = AccountsSection(context, pool=pool)
    qtbot.addWidget(section)
    assert section.model.rowCount() == 0 and section.count_label.text() == ""
    assert not section.idle
    pool.run_all()
    pool.run_all()  # the permission of the chosen account, asked after the rows arrived
    assert section.idle and section.model.rowCount() > 0 and section.count_label.text()


def test_health_is_read_off_the_ui_thread(qtbot, context):
    pool = HeldPool()
    tab = HealthTab(context, pool=pool)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0 and tab.summary.text() == ""
    pool.run_all()
    assert tab.model.rowCount() == 1 and "sin verificar" in tab.summary.text()


def test_only_the_newest_read_is_shown(qtbot, context, clock):
    pool = HeldPool()
    tab = HealthTab(context, pool=pool)
    qtbot.addWidget(tab)
    first = pool.held.pop(0)
    tab.refresh()
    pool.run_all()  # the newer read answers first
    shown = tab.summary.text()
    with context.session() as session:
        session.query(Account).update({Account.status: AccountStatus.CANCELADA})
        session.commit()
    first.run()  # the older one, late: it says nothing
    assert tab.summary.text() == shown and tab.model.rowCount() == 1


def test_requests_are_read_off_the_ui_thread(qtbot, typer, context, pdf):
    dialog = RequestDialog(context, pool=POOL)
    qtbot.waitUntil(lambda: dialog.idle)
    qtbot.addWidget(dialog)
    fill_request(qtbot, typer, dialog, pdf)
    dialog.submit()
    pool = HeldPool()
    tab = RequestsTab(context, pool=pool)
    qtbot.addWidget(tab)
    assert tab.tree.topLevelItemCount() == 0
    pool.run_all()
    assert tab.tree.topLevelItemCount() == 1


def test_absences_are_read_off_the_ui_thread(qtbot, context):
    pool = HeldPool()
    tab = AbsencesTab(context, pool=pool)
    qtbot.addWidget(tab)
    assert tab.person_combo.count() == 0 and not tab.register_button.isEnabled()
    pool.run_all()
    assert tab.person_combo.count() > 0 and tab.register_button.isEnabled()


def test_closures_are_read_off_the_ui_thread(qtbot, context, pdf, smtp_server):
    from redes_desktop.ui.cuentas.closure_dialog import ClosureRequestDialog

    request = ClosureRequestDialog(context, pool=POOL)
    qtbot.waitUntil(lambda: request.idle)
    qtbot.addWidget(request)
    pick(request.account_combo, "@JLE_JaliscoINE")
    qtbot.keyClicks(request.reason_edit, "La Junta deja de usar la cuenta")
    request.oficio_edit.setText(str(pdf))
    ok(request)
    assert request.result() == request.DialogCode.Accepted
    pool = HeldPool()
    tab = ClosuresTab(context, pool=pool)
    qtbot.addWidget(tab)
    assert tab.tree.topLevelItemCount() == 0 and not tab.idle
    pool.run_all()
    assert tab.tree.topLevelItemCount() == 1 and tab.idle


def test_dialogs_read_their_form_data_off_the_ui_thread(qtbot, context):
    """Nothing is read on the UI thread: the controls stay disabled until the pool runs."""
    from redes_desktop.ui.cuentas.administrators_dialog import AdministratorsDialog
    from redes_desktop.ui.cuentas.closure_dialog import ClosureRequestDialog

    pool = HeldPool()
    admins = AdministratorsDialog(context, context.ids["account"], pool=pool)
    request = RequestDialog(context, pool=pool)
    closure = ClosureRequestDialog(context, pool=pool)
    for dialog in (admins, request, closure):
        qtbot.addWidget(dialog)
    assert len(pool.held) == 3 and not (admins.idle or request.idle or closure.idle)
    assert admins.titular_combo.count() == 0 and not admins.ok_button.isEnabled()
    assert admins.account_label.text() == ""
    assert request.area_combo.count() == 0 and not request.ok_button.isEnabled()
    assert closure.account_combo.count() == 0 and not closure.ok_button.isEnabled()
    pool.run_all()
    assert admins.idle and request.idle and closure.idle
    assert admins.titular_combo.count() > 0 and admins.ok_button.isEnabled()
    assert "jal" in admins.account_label.text().lower()
    assert request.area_combo.count() > 0 and request.ok_button.isEnabled()
    assert request.titular_combo.count() > 1
    assert closure.account_combo.count() > 0 and closure.ok_button.isEnabled()


def test_dialog_read_failure_is_shown_in_spanish(qtbot, context, monkeypatch):
    from redes_desktop.ui.cuentas import administrators_dialog, closure_dialog, request_dialog

    def broken(*_args, **_kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(administrators_dialog, "administrators_form", broken)
    monkeypatch.setattr(request_dialog, "requestable_areas", broken)
    monkeypatch.setattr(closure_dialog, "closable_accounts", broken)
    pool = HeldPool()
    dialogs = [administrators_dialog.AdministratorsDialog(context, context.ids["account"],
                                                          pool=pool),
               request_dialog.RequestDialog(context, pool=pool),
               closure_dialog.ClosureRequestDialog(context, pool=pool)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    pool.run_all()
    for dialog in dialogs:
        assert "Ocurrió un error inesperado (RuntimeError)" in dialog.error_label.text()
        assert not dialog.ok_button.isEnabled()
