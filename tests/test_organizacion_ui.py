"""The Organización section under pytest-qt: lists of areas and people, a reviewer adds and
edits, a refusal shows its reason and changes nothing, the import preview, and a person who
is not a reviewer sees the buttons disabled with the reason."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.context import AppContext
from redes_desktop.models import AreaKind, Level, Role
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.organizacion.dialogs import ImportDialog, PersonDialog
from redes_desktop.ui.organizacion.section_view import OrganizacionSection
from redes_desktop.ui.sections import default_sections
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer
from tests.pools import HeldPool

POOL = SynchronousPool()


def answer(call):
    """What a change answered through its callback (the synchronous pool answers at once)."""
    answers: list = []
    call(answers.append)
    assert len(answers) == 1
    return answers[0]


@pytest.fixture
def context(data_dir, clock, migrated_template):
    shutil.copy(migrated_template, data_dir / "redes.sqlite3")
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"head": office.head.id, "reviewer": reviewer.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = ids
    ctx.choose_identity(ids["reviewer"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def section(qtbot, context):
    widget = OrganizacionSection(context, pool=POOL)
    qtbot.addWidget(widget)
    return widget


def _emails(section) -> list[str]:
    return [section.people_table.item(r, 1).text() for r in range(section.people_table.rowCount())]


def test_lists_and_registry(section):
    assert section.areas_table.rowCount() == 2
    assert "revisora@ine.mx" in _emails(section)
    assert section.add_person_button.isEnabled() and section.notice.text() == ""
    spec = next(s for s in default_sections() if s.key == "organizacion")
    assert spec.title == "Organización" and spec.factory is not None


def test_reviewer_adds_area_and_person_then_a_refusal_changes_nothing(section, context):
    assert answer(lambda then: section.add_area(
        {"name": "Junta Distrital 01 Jalisco", "kind": AreaKind.JUNTA_DISTRITAL,
         "acronym": "JDE01", "state": "Jalisco", "district": 1}, then))
    dialog = PersonDialog([(a.id, a.name) for a in section.view.areas], section)
    dialog.name.setText("Luis Vocal")
    dialog.email.setText("luis.vocal@ine.mx")
    dialog.area.setCurrentIndex(dialog.area.findText("Junta Distrital 01 Jalisco"))
    dialog.level.setCurrentIndex(dialog.level.findData(Level.MANDO_MEDIO.value))
    assert answer(lambda then: section.add_person(dialog.values(), then))
    assert "luis.vocal@ine.mx" in _emails(section)
    section.people_table.selectRow(_emails(section).index("revisora@ine.mx"))
    assert not answer(section.remove_selected)
    assert "último revisor" in section.status.text()
    assert "revisora@ine.mx" in _emails(section)
    section.people_table.selectRow(_emails(section).index("luis.vocal@ine.mx"))
    assert answer(lambda then: section.set_role(Role.TITULAR_AREA, True, then))
    areas = {section.areas_table.item(r, 0).text(): section.areas_table.item(r, 4).text()
             for r in range(section.areas_table.rowCount())}
    assert areas["Junta Distrital 01 Jalisco"] == "Luis Vocal"


def test_import_preview_and_only_valid_lines(section, tmp_path, qtbot):
    path = tmp_path / "dir.csv"
    path.write_text("nombre,correo,nivel,area\nAna,ana@ine.mx,Operativo,JLE\n"
                    "Mal,mal@gmail.com,Jefe,Marte\n", encoding="utf-8")
    seen = {}

    def confirm(preview):
        dialog = ImportDialog(preview, section)
        qtbot.addWidget(dialog)
        seen["rows"] = dialog.table.rowCount()
        seen["all"] = dialog.import_all.isEnabled()
        seen["valid"] = dialog.import_valid.isEnabled()
        seen["problems"] = dialog.table.item(1, 6).text()
        return True, True

    assert answer(lambda then: section.import_file(path, confirm=confirm, then=then))
    assert seen["rows"] == 2 and not seen["all"] and seen["valid"]
    assert "ine.mx" in seen["problems"] and "Jefe" in seen["problems"]
    assert "ana@ine.mx" in _emails(section) and "mal@gmail.com" not in _emails(section)
    assert "1 nueva," in section.status.text()


def test_not_a_reviewer_sees_why(qtbot, context):
    context.choose_identity(context.ids["head"])
    widget = OrganizacionSection(context, pool=POOL)
    qtbot.addWidget(widget)
    assert not widget.add_person_button.isEnabled() and not widget.import_button.isEnabled()
    assert "Solo los revisores de la CNCS" in widget.notice.text()


# -- account administrators are roles managed here too (issue 14) ------------------------------
def test_a_reviewer_changes_an_accounts_administrators_here(qtbot, section, context,
                                                            smtp_server, mail_settings):
    from tests.test_cuentas_ui import ok, pick

    _host, _port, inbox = smtp_server
    context.workspace.settings.__dict__.update(mail_settings.__dict__)
    with context.session() as session:
        area = Directory(session, context.clock, NullRecorder()).areas()[-1]
        nueva = Directory(session, context.clock, NullRecorder()).create_person(
            "Nueva Titular", "nueva.titular@ine.mx", Level.MANDO_MEDIO,
            next(a for a in Directory(session, context.clock, NullRecorder()).areas()
                 if a.acronym == "JLE"))
        session.commit()
        assert area is not None and nueva is not None
    section.refresh()
    titles = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert titles[-1] == "Administradores de cuentas"
    table = section.accounts_table
    assert table.rowCount() == 1 and table.item(0, 0).text() == "@JLE_JaliscoINE"
    assert (table.item(0, 4).text(), table.item(0, 5).text()) == ("Titular jal", "Suplente jal")
    assert section.admins_button.isEnabled()
    section.select_account(section.accounts[0].id)
    dialog = section.ask_administrators()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.idle)
    pick(dialog.titular_combo, "Suplente jal")  # an operativo cannot be titular (5.1)
    pick(dialog.suplente_combo, "Titular jal")
    ok(dialog)
    assert "mando medio" in dialog.error_label.text().lower()
    pick(dialog.titular_combo, "Nueva Titular")
    pick(dialog.suplente_combo, "Titular jal")
    dialog.since_edit.setDate(dialog.since_edit.date().addDays(1))  # from tomorrow
    ok(dialog)
    qtbot.waitUntil(lambda: section.admins_dialog is None)
    assert "Se avisó por correo" in section.status.text()
    context.clock.advance(timedelta(days=1))
    section.refresh()
    assert table.item(0, 4).text() == "Nueva Titular" and table.item(0, 5).text() == "Titular jal"
    [mail] = [m for m in inbox.messages if "Cambio de administradores" in m["Subject"]]
    settings = context.workspace.settings
    for address in (settings.cncs_email, settings.comite_presidente_email,
                    settings.comite_secretario_email):
        assert address in mail["To"]
    assert any("administrador" in e.action for e in context.recorder.entries)


def test_someone_who_is_not_a_reviewer_cannot_change_administrators_here(qtbot, context):
    context.choose_identity(context.ids["head"])  # an area's titular, not a reviewer
    widget = OrganizacionSection(context, pool=POOL)
    qtbot.addWidget(widget)
    assert not widget.admins_button.isEnabled()


def test_the_lists_and_the_changes_run_on_the_pool_and_answer_in_callbacks(qtbot, context):
    """Issue 13: no local event loop waits for the database; the section shows what arrives."""
    pool = HeldPool()
    widget = OrganizacionSection(context, pool=pool)
    qtbot.addWidget(widget)
    assert widget.view is None and widget.areas_table.rowCount() == 0
    pool.run_all()
    assert widget.areas_table.rowCount() == 2
    answers: list = []
    widget.add_area({"name": "Junta Distrital 02 Jalisco", "kind": AreaKind.JUNTA_DISTRITAL,
                     "acronym": "JDE02", "state": "Jalisco", "district": 2}, answers.append)
    assert answers == [] and len(pool.held) == 1  # returned at once: the change is held
    pool.run_all()
    assert answers == [True] and widget.areas_table.rowCount() == 3
    assert widget.status.text() == "Área registrada."
