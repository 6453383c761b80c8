"""7.vi: CNCS marks an account as the personal account of a Consejera or Consejero Electoral
(the only personal accounts the official registry lists) through the action and the Cuentas
dialog; anyone else is refused with the criterion's reason and nothing changes."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.actions.organization import set_role
from redes_desktop.actions.personal_account import personal_account_form, set_personal_account
from redes_desktop.actions.procedures import Procedures
from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import Account, AccountStatus, Level, Network, Role
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.official_registry import export, official_accounts
from redes_desktop.ui.cuentas.accounts_view import AccountsSection
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


@pytest.fixture
def context(data_dir, clock, migrated_template):
    shutil.copy(migrated_template, data_dir / "redes.sqlite3")
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        area = office.area
        consejera = directory.create_person("Dania Consejera", "dania@ine.mx",
                                            Level.MANDO_SUPERIOR, area)
        personal = directory.create_account(area=area, network=Network.X, name="Dania",
                                            handle="@DaniaConsejeraINE", email="redes.jal@ine.mx",
                                            status=AccountStatus.ACTIVA, official=True)
        session.commit()
        ids = {"titular": office.titular.id, "head": office.head.id, "reviewer": reviewer.id,
               "account": office.account.id, "personal": personal.id,
               "consejera": consejera.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = ids
    ctx.choose_identity(ids["reviewer"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


def _registry(context) -> dict[str, str]:
    with context.session() as session:
        return {row.usuario: row.personal_de for row in official_accounts(session)}


def _mark(context, owner, who="reviewer", account="personal"):
    return set_personal_account(context.database, context.ids[account], owner,
                                person_id=context.ids[who], clock=context.clock,
                                recorder=context.recorder)


def test_only_a_consejera_or_consejero_may_own_a_listed_personal_account(context):
    # Not yet a Consejera: refused with 7.vi, and the account stays institutional.
    with pytest.raises(ValidationError, match="7.vi"):
        _mark(context, context.ids["consejera"])
    with pytest.raises(ValidationError, match="no es Consejera ni Consejero"):
        _mark(context, context.ids["head"])  # an area titular is not a Consejero
    assert _registry(context)["@DaniaConsejeraINE"] == ""
    set_role(Procedures.of(context), person_id=context.ids["reviewer"], email="dania@ine.mx",
             role=Role.CONSEJERO_ELECTORAL)
    form = personal_account_form(context.database, context.ids["personal"])
    assert form.choices == ((context.ids["consejera"], "Dania Consejera"),)
    assert _mark(context, context.ids["consejera"])
    assert not _mark(context, context.ids["consejera"])  # unchanged: nothing recorded
    assert _registry(context) == {"@JLE_JaliscoINE": "", "@DaniaConsejeraINE": "Dania Consejera"}
    with context.session() as session:
        rows = official_accounts(session)
    assert json.loads(export(rows, "json"))[0]["personal_de"] in ("", "Dania Consejera")
    assert "Cuenta personal de" in export(rows, "csv").splitlines()[0]
    # The role withdrawn: the registry stops listing it (7.vi).
    set_role(Procedures.of(context), person_id=context.ids["reviewer"], email="dania@ine.mx",
             role=Role.CONSEJERO_ELECTORAL, grant=False)
    assert "@DaniaConsejeraINE" not in _registry(context)
    # Back to institutional: listed again.
    assert _mark(context, None)
    assert _registry(context)["@DaniaConsejeraINE"] == ""
    actions = [e.action for e in context.recorder.entries
               if e.action.startswith("cuenta_personal")]
    assert actions == ["cuenta_personal_marcada", "cuenta_personal_desmarcada"]


def test_only_cncs_marks_and_bad_ids_are_not_found(context):
    set_role(Procedures.of(context), person_id=context.ids["reviewer"], email="dania@ine.mx",
             role=Role.CONSEJERO_ELECTORAL)
    with pytest.raises(PermissionDenied, match="7.ix"):
        _mark(context, context.ids["consejera"], who="titular")
    with pytest.raises(NotFound):
        _mark(context, "no-es-un-id")
    with pytest.raises(NotFound):
        set_personal_account(context.database, "no-es-un-id", None,
                             person_id=context.ids["reviewer"], clock=context.clock,
                             recorder=NullRecorder())
    with context.session() as session:
        assert session.get(Account, context.ids["personal"]).personal_of_id is None


def _select(section, handle):
    for row in range(section.proxy.rowCount()):
        index = section.proxy.index(row, 0)
        if handle in [section.proxy.index(row, c).data() for c in range(
                section.proxy.columnCount())]:
            section.table.setCurrentIndex(index)
            return
    raise AssertionError(f"{handle} not in the table")


def test_the_cuentas_dialog_marks_and_shows_the_refusal(qtbot, context):
    section = AccountsSection(context, pool=SynchronousPool())
    qtbot.addWidget(section)
    assert section.personal_dialog() is None and "Elija una cuenta" in \
        section.message_label.text()
    _select(section, "@DaniaConsejeraINE")
    dialog = section.personal_dialog()
    qtbot.addWidget(dialog)
    assert "No hay Consejeras ni Consejeros" in dialog.error_label.text()
    assert [dialog.owner_combo.itemText(i) for i in range(dialog.owner_combo.count())] == [
        "Cuenta institucional (no es personal)"]
    set_role(Procedures.of(context), person_id=context.ids["reviewer"], email="dania@ine.mx",
             role=Role.CONSEJERO_ELECTORAL)
    dialog = section.personal_dialog()
    qtbot.addWidget(dialog)
    assert dialog.choose("Dania Consejera")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert section.message_label.text() == "Cuenta personal de Dania Consejera."
    assert _registry(context)["@DaniaConsejeraINE"] == "Dania Consejera"
    # Someone who is not CNCS gets the reason, not the dialog.
    context.choose_identity(context.ids["titular"])
    assert section.personal_dialog() is None
    assert "Solo la Coordinación" in section.message_label.text()


def test_the_service_refusal_keeps_the_dialog_open(qtbot, context):
    section = AccountsSection(context, pool=SynchronousPool())
    qtbot.addWidget(section)
    set_role(Procedures.of(context), person_id=context.ids["reviewer"], email="dania@ine.mx",
             role=Role.CONSEJERO_ELECTORAL)
    _select(section, "@DaniaConsejeraINE")
    dialog = section.personal_dialog()
    qtbot.addWidget(dialog)
    assert dialog.choose("Dania Consejera")
    # Meanwhile the role was withdrawn elsewhere: the save is refused with 7.vi.
    set_role(Procedures.of(context), person_id=context.ids["reviewer"], email="dania@ine.mx",
             role=Role.CONSEJERO_ELECTORAL, grant=False)
    dialog.save()
    assert "7.vi" in dialog.error_label.text() and dialog.result() != dialog.DialogCode.Accepted
    assert _registry(context)["@DaniaConsejeraINE"] == ""


# -- the command line: redes-desktop cuentas personal -------------------------------------------
@pytest.fixture
def folder(data_dir, clock, monkeypatch):
    workspace = open_workspace(data_dir, clock=clock)
    try:
        database = workspace.open_database()
        with database.session() as session:
            directory = Directory(session, clock, NullRecorder())
            office = make_office(directory)
            reviewer = make_reviewer(directory)
            directory.create_person("Dania Consejera", "dania@ine.mx", Level.MANDO_SUPERIOR,
                                    office.area, [Role.CONSEJERO_ELECTORAL])
            for network in (Network.X, Network.FACEBOOK):
                directory.create_account(area=office.area, network=network, name="Dania",
                                         handle="@DaniaConsejeraINE", email="redes.jal@ine.mx",
                                         status=AccountStatus.ACTIVA, official=True)
            workspace.settings.current_person_id = str(reviewer.id)
            workspace.save_settings()
            session.commit()
            reviewer_id = reviewer.id
        database.dispose()
    finally:
        workspace.close()
    from argon2 import PasswordHasher, Type

    from redes_desktop.commands.signin import PASSWORD_ENV
    from redes_desktop.signin.credentials import LocalCredential

    fast = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
    LocalCredential(SecretStore(), fast).set(reviewer_id, "clave-2026", "clave-2026")
    monkeypatch.setenv(PASSWORD_ENV, "clave-2026")
    return data_dir


def _cli(capsys, folder, clock, *args):
    from redes_desktop.cli import main

    code = main(["cuentas", "personal", *args, "--data-dir", str(folder)], clock=clock)
    out, err = capsys.readouterr()
    return code, out, err


def test_cuentas_personal_from_the_command_line(capsys, folder, clock):
    code, _, err = _cli(capsys, folder, clock, "@DaniaConsejeraINE", "--de", "dania@ine.mx")
    assert code == 2 and "varias redes" in err  # the handle is on X and Facebook
    code, out, _ = _cli(capsys, folder, clock, "@DaniaConsejeraINE", "--red", "x", "--de",
                        "dania@ine.mx", "--json")
    assert code == 0 and json.loads(out) == {"cuenta": "@DaniaConsejeraINE",
                                             "personal_de": "Dania Consejera"}
    code, _, err = _cli(capsys, folder, clock, "@DaniaConsejeraINE", "--red", "facebook",
                        "--de", "vocal.jal@ine.mx")
    assert code == 1 and "no es Consejera ni Consejero Electoral" in err
    code, _, err = _cli(capsys, folder, clock, "@DaniaConsejeraINE", "--red", "facebook",
                        "--de", "nadie@ine.mx")
    assert code == 1 and "No hay nadie con el correo" in err
    code, out, _ = _cli(capsys, folder, clock, "@DaniaConsejeraINE", "--red", "x",
                        "--institucional")
    assert code == 0 and "cuenta institucional" in out
