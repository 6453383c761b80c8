"""Cuentas › Vigencia (5.2 d) and Informes › Consejo General (6.xxvii): the widgets call the
actions off the UI thread, refusals show their Spanish message, and the daily validity
reminder leads to the Vigencia tab."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QThreadPool, QTime

from redes_desktop.clock import mexico_tz
from redes_desktop.context import AppContext
from redes_desktop.models import Network, Post, PostMedia, PostStatus
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.reminders import validity_job
from redes_desktop.ui.cuentas.accounts_view import AccountsSection
from redes_desktop.ui.cuentas.expired_tab import ExpiredTab
from redes_desktop.ui.informes.council_tab import CouncilTab
from redes_desktop.ui.informes.section_view import InformesSection
from redes_desktop.ui.notifications import open_target
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
        session.commit()
        ids = {"titular": office.titular.id, "reviewer": reviewer.id,
               "account": office.account.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = ids
    ctx.choose_identity(ids["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


def _expired_post(context, text="Registro abierto hasta el 1 de marzo") -> object:
    with context.session() as session:
        post = Post(account_id=context.ids["account"], network=Network.X, text=text,
                    status=PostStatus.PUBLICADA, published_at=context.clock() - timedelta(days=20),
                    published_url="https://x.com/JLE_JaliscoINE/status/1",
                    valid_until=date(2026, 3, 1), purpose="3.ii", topic="Registro")
        post.media.append(PostMedia(position=0, file_path="/media/cartel.png", sha256="a" * 64,
                                    alt_text="Cartel del registro", mime_type="image/png"))
        session.add(post)
        session.commit()
        return post.id


# -- 5.2 d Cuentas › Vigencia ------------------------------------------------------------------
def test_withdrawing_expired_content_records_it_and_empties_the_list(qtbot, context):
    post_id = _expired_post(context)
    tab = ExpiredTab(context, pool=SynchronousPool())
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == "@JLE_JaliscoINE"
    assert tab.table.item(0, 2).text() == "01/03/2026" and "5.2 d" in tab.summary.text()
    tab.ask_withdraw()  # nothing chosen: says so, asks nothing
    assert "Elija una publicación" in tab.message.text()
    tab.withdraw(post_id)
    assert "Retiro registrado" in tab.message.text() and tab.table.rowCount() == 0
    assert "No hay publicaciones con la vigencia vencida" in tab.summary.text()
    assert [e.action for e in context.recorder.entries] == ["publicacion_retirada"]
    with context.session() as session:
        assert session.get(Post, post_id).withdrawn_at is not None


def test_updating_expired_content_prepares_a_new_version_for_the_redactor(qtbot, context):
    post_id = _expired_post(context)
    tab = ExpiredTab(context, pool=SynchronousPool())
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.draft_ready, timeout=2000) as opened:
        tab.renew(post_id, date(2026, 4, 30))
    draft_id = opened.args[0]
    assert tab.table.rowCount() == 0 and "30/04/2026" in tab.message.text()
    with context.session() as session:
        draft = session.get(Post, draft_id)
        assert draft.status == PostStatus.BORRADOR and draft.text.startswith("Registro abierto")
        assert (draft.valid_until, draft.purpose, draft.topic) == (date(2026, 4, 30), "3.ii",
                                                                    "Registro")
        assert [(m.file_path, m.alt_text) for m in draft.media] == [
            ("/media/cartel.png", "Cartel del registro")]
        assert session.get(Post, post_id).valid_until == date(2026, 4, 30)
    actions = [e.action for e in context.recorder.entries]
    assert actions == ["vigencia_actualizada", "borrador_creado", "nueva_version_preparada"]


def test_a_new_validity_in_the_past_is_refused_and_nothing_changes(qtbot, context):
    post_id = _expired_post(context)
    tab = ExpiredTab(context, pool=SynchronousPool())
    qtbot.addWidget(tab)
    tab.renew(post_id, date(2026, 3, 9))
    assert "La nueva vigencia ya pasó" in tab.message.text() and tab.table.rowCount() == 1
    with context.session() as session:
        assert session.query(Post).count() == 1


def test_someone_who_may_not_compose_is_refused(qtbot, context):
    post_id = _expired_post(context)
    context.choose_identity(context.ids["reviewer"])  # CNCS sees it, but does not compose
    tab = ExpiredTab(context, pool=SynchronousPool())
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 1
    tab.withdraw(post_id)
    assert tab.message.text() and "Retiro registrado" not in tab.message.text()
    assert tab.table.rowCount() == 1 and context.recorder.entries == []


def test_the_validity_reminder_leads_to_the_vigencia_tab(qtbot, context):
    _expired_post(context)
    [note] = validity_job(context)
    section, key = note.target
    assert section == "cuentas" and "Cuentas › Vigencia" in note.message
    page = AccountsSection(context, pool=SynchronousPool())
    qtbot.addWidget(page)
    assert page.tabs.currentWidget() is not page.expired_tab
    open_target(page, key)
    assert page.tabs.currentWidget() is page.expired_tab
    assert page.expired_tab.table.rowCount() == 1


def test_the_training_reminder_leads_to_its_tab(qtbot, context):
    page = InformesSection(context, pool=SynchronousPool())
    qtbot.addWidget(page)
    open_target(page, "capacitacion")
    assert page.tabs.currentWidget() is page.training_tab
    open_target(page, "consejo")
    assert page.tabs.currentWidget() is page.council_tab


# -- 6.xxvii Informes › Consejo General --------------------------------------------------------
def _fill(tab, title, day, start, end):
    tab.title_edit.setText(title)
    tab.date_edit.setDate(QDate(*day))
    tab.start_edit.setTime(QTime(*start))
    tab.end_edit.setTime(QTime(*end))


def test_cncs_enters_and_removes_a_session(qtbot, context):
    context.choose_identity(context.ids["reviewer"])
    tab = CouncilTab(context, pool=SynchronousPool())
    qtbot.addWidget(tab)
    assert tab.organiser.isVisibleTo(tab) and tab.table.rowCount() == 0
    _fill(tab, "Sesión extraordinaria", (2026, 3, 12), (10, 0), (14, 30))
    tab.add_session()
    assert "registrada" in tab.message.text() and tab.table.rowCount() == 1
    assert [tab.table.item(0, j).text() for j in range(4)] == [
        "Sesión extraordinaria", "12/03/2026", "10:00", "14:30"]
    assert tab.rows[0].starts_at == datetime(2026, 3, 12, 10, 0, tzinfo=mexico_tz())
    tab.remove_selected()
    assert "Elija una sesión" in tab.message.text() and tab.table.rowCount() == 1
    tab.table.selectRow(0)
    tab.remove_selected()
    assert "quitada del calendario" in tab.message.text() and tab.table.rowCount() == 0
    assert [e.action for e in context.recorder.entries] == ["sesion_consejo_registrada",
                                                            "sesion_consejo_eliminada"]


def test_bad_sessions_and_non_cncs_people_are_refused(qtbot, context):
    context.choose_identity(context.ids["reviewer"])
    tab = CouncilTab(context, pool=SynchronousPool())
    qtbot.addWidget(tab)
    _fill(tab, "   ", (2026, 3, 12), (10, 0), (14, 0))
    tab.add_session()
    assert "Escriba el nombre de la sesión" in tab.message.text()
    _fill(tab, "Sesión", (2026, 3, 12), (14, 0), (10, 0))
    tab.add_session()
    assert "termina antes de empezar" in tab.message.text() and tab.table.rowCount() == 0
    context.choose_identity(context.ids["titular"])
    tab.refresh()
    assert not tab.organiser.isVisibleTo(tab)  # an administrator only reads the calendar
    _fill(tab, "Sesión", (2026, 3, 12), (10, 0), (14, 0))
    tab.add_session()
    assert "Solo la Coordinación" in tab.message.text() and tab.table.rowCount() == 0
