"""Informes › Capacitación (5.3) and Usuarios (8.iv), Cuentas › Salud «Marcar verificada»
(6.xxix): the widgets call the actions, refusals show their Spanish message."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import QDate, QThreadPool

from redes_desktop.context import AppContext
from redes_desktop.models import Account
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.cuentas.health_tab import HealthTab
from redes_desktop.ui.informes.section_view import InformesSection
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


@pytest.fixture
def context(data_dir, clock, migrated_template, mail_settings):
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
        ids = {"titular": office.titular.id, "suplente": office.suplente.id,
               "reviewer": reviewer.id, "account": office.account.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(),
                     secrets=SecretStore())
    ctx.ids = ids
    ctx.choose_identity(ids["reviewer"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


def test_training_tab_schedules_invites_and_records(qtbot, context):
    section = InformesSection(context, pool=SynchronousPool())
    qtbot.addWidget(section)
    tab = section.training_tab
    assert tab.organiser.isVisibleTo(tab) and "No hay capacitación programada" in \
        tab.summary.text()
    assert tab.pending.rowCount() == 2
    tab.title_edit.setText("Capacitación 2026")
    tab.date_edit.setDate(QDate(2026, 3, 10))
    assert tab.schedule()
    assert tab.sessions.rowCount() == 1
    assert not tab.invite()  # no session chosen
    assert "Elija una sesión" in tab.message.text()
    tab.sessions.selectRow(0)
    assert tab.invite() and "2 convocatorias" in tab.message.text()
    tab.sessions.selectRow(0)
    tab.pending.selectRow(0)
    assert tab.mark_attended()
    assert tab.pending.rowCount() == 1
    # An administrator sees the tab without the organiser's controls.
    context.choose_identity(context.ids["titular"])
    tab.refresh()
    assert not tab.organiser.isVisibleTo(tab)
    tab.title_edit.setText("Otra")
    assert not tab.schedule() and "Solo la Coordinación" in tab.message.text()


def test_users_tab_enters_the_figure(qtbot, context):
    section = InformesSection(context, pool=SynchronousPool())
    qtbot.addWidget(section)
    tab = section.users_tab
    assert section.selected_quarter() == (2025, 4)
    assert tab.table.item(0, 1).text() == "dato no disponible"
    assert not tab.save() and "Elija una cuenta" in tab.message.text()
    tab.table.selectRow(0)
    tab.users.setValue(4321)
    assert tab.save()
    assert tab.table.item(0, 1).text() == "4321"
    section.refresh()
    assert section.report.rows[0].users == 4321


def test_mark_verified_from_salud(qtbot, context):
    context.choose_identity(context.ids["suplente"])
    tab = HealthTab(context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.idle, timeout=5000)
    assert not tab.verify.mark(date(2026, 3, 1))
    assert "Elija una cuenta" in tab.verify.message.text()
    tab.table.selectRow(0)
    assert not tab.verify.mark(date(2026, 3, 1))  # a suplente may not
    assert "Solo el administrador titular" in tab.verify.message.text()
    context.choose_identity(context.ids["titular"])
    tab.table.selectRow(0)
    assert tab.verify.mark(date(2026, 3, 1))
    qtbot.waitUntil(lambda: tab.idle, timeout=5000)
    assert tab.model.row_at(0).verified
    with context.session() as session:
        assert session.get(Account, context.ids["account"]).verified_on == date(2026, 3, 1)
