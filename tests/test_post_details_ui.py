"""The Redactor's «Detalles» (6.i, 6.iv, 6.x, 6.xxvii, 5.2 d): the values reach the check, are
stored on the draft once it exists, come back when the draft is reopened, and bad values are
refused with a Spanish message and never crash; every read and save of them runs on the worker
pool, never on the UI thread."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QDate, QThreadPool

from redes_desktop.actions.post_details import load_post_details
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.rule_purpose import PurposeRule
from redes_desktop.checks.rule_source import SourceRule
from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.workspace import open_workspace
from tests.composer_support import opened, ready, saved
from tests.factories import make_office


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular = office.titular.id
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(),
                     secrets=SecretStore())
    ctx.choose_identity(titular)
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def view(qtbot, context):
    engine = CheckEngine(text_rules=[PurposeRule(), SourceRule()],
                         length_of=lambda text, _n: (len(text), 280))
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.show()
    ready(qtbot, section)
    yield section
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


def stored(qtbot, panel) -> bool:
    """Save the details now and wait for the worker: whether they were stored."""
    answers: list[bool] = []
    panel.save(answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    return answers[0]


def rules(qtbot, view) -> list[str]:
    qtbot.waitUntil(lambda: view.outcome is not None and view.scheduler.is_current,
                    timeout=5000)
    return sorted(row.finding.rule for row in view.findings.rows)


def followed(qtbot, view):
    """The draft saved, and its details panel done reading them: what a test types in the
    form now is not replaced by the values read (the person cannot type meanwhile: the form
    is disabled while they are read)."""
    assert saved(qtbot, view)
    panel = view.details_panel
    qtbot.waitUntil(lambda: panel.post_id == view.post_id and panel.idle, timeout=5000)
    return panel


def test_details_reach_the_check(qtbot, view):
    view.editor.setPlainText("Se registraron 350 observadores.")
    assert rules(qtbot, view) == ["6.i", "6.iv"]
    panel = followed(qtbot, view)
    panel.purpose_combo.setCurrentIndex(panel.purpose_combo.findData("3.iv"))
    assert rules(qtbot, view) == ["6.iv"]
    panel.source_edit.setText("Sistema de Observadores Electorales")
    assert rules(qtbot, view) == []


def test_details_are_stored_on_the_draft_and_come_back(qtbot, view, context):
    panel = view.details_panel
    panel.purpose_combo.setCurrentIndex(panel.purpose_combo.findData("3.xi"))
    panel.topic_edit.setText("Voto en el extranjero")
    panel.expires_box.setChecked(True)
    panel.valid_until.setDate(QDate(2026, 4, 30))
    view.editor.setPlainText("Regístrate para votar desde el extranjero.")
    assert saved(qtbot, view)
    post_id = view.post_id
    qtbot.waitUntil(lambda: panel.post_id == post_id, timeout=3000)
    stored(qtbot, panel)  # after the save the new draft's id started, if it still runs
    details = load_post_details(context.database, post_id)
    assert (details.purpose, details.topic, details.valid_until) == (
        "3.xi", "Voto en el extranjero", date(2026, 4, 30))
    # A new draft clears the form; reopening the first brings its details back.
    view.drafts.new_draft()
    qtbot.waitUntil(lambda: panel.post_id is None, timeout=3000)
    assert panel.details().purpose == ""
    assert opened(qtbot, view, post_id)
    qtbot.waitUntil(lambda: panel.details().purpose == "3.xi", timeout=3000)
    assert panel.details().valid_until == date(2026, 4, 30)


def test_refused_details_show_a_spanish_message(qtbot, view, context, monkeypatch):
    from redes_desktop.services import post_details

    view.editor.setPlainText("Texto")
    panel = followed(qtbot, view)
    monkeypatch.setattr(post_details, "MAX_TOPIC", 2)
    panel.topic_edit.setText("Tema largo")
    assert stored(qtbot, panel) is False
    assert "No se guardaron los detalles" in panel.error_label.text()
    assert "El tema tiene más de 2 caracteres" in panel.error_label.text()
    assert load_post_details(context.database, view.post_id).topic == ""


def test_details_are_read_saved_and_looked_up_off_the_ui_thread(qtbot, view, context,
                                                                 monkeypatch):
    """The panel reads a draft's details, saves them and looks up the Consejo General session
    through the store on the worker pool: while a save is held on the worker the editor, the
    checks and the form go on, and the answer arrives through the callback."""
    from redes_desktop.actions import post_details as post_details_actions
    from redes_desktop.ui.composer import store as store_module

    on_ui_thread: dict[str, list[bool]] = {"read": [], "save": [], "council": []}
    entered, release = threading.Event(), threading.Event()

    def recorded(name, action, *, held=False):
        def run(*args, **kwargs):
            ui = threading.current_thread() is threading.main_thread()
            on_ui_thread[name].append(ui)
            if held and not ui:  # held on the UI thread, the test itself would freeze
                entered.set()
                release.wait(10)
            return action(*args, **kwargs)

        return run

    for kind, name in (("read", "load_post_details"), ("save", "save_post_details"),
                       ("council", "council_context")):
        wrapper = recorded(kind, getattr(post_details_actions, name), held=kind == "save")
        monkeypatch.setattr(post_details_actions, name, wrapper)  # whoever calls the action
        monkeypatch.setattr(store_module, name, wrapper, raising=False)
    panel = view.details_panel
    view.editor.setPlainText("Primer borrador")
    assert saved(qtbot, view)
    first = view.post_id
    view.drafts.new_draft()
    qtbot.waitUntil(lambda: view.post_id is None and panel.post_id is None, timeout=5000)
    view.editor.setPlainText("Segundo borrador")
    assert saved(qtbot, view)
    assert opened(qtbot, view, first)  # its details are read on the worker
    qtbot.waitUntil(lambda: bool(on_ui_thread["read"]), timeout=5000)
    assert True not in on_ui_thread["read"], "the details were read on the UI thread"
    qtbot.waitUntil(lambda: panel.post_id == first and panel.idle, timeout=5000)

    answers: list[bool] = []
    try:
        panel.topic_edit.setText("Credencial para votar")
        panel.save(answers.append)  # returns at once: the save waits on a worker
        assert entered.wait(5)
        assert answers == [] and not panel.idle
        view.editor.setPlainText("Primer borrador, corregido")  # the UI thread goes on
        qtbot.waitUntil(lambda: view.outcome is not None and view.scheduler.is_current
                        and view.outcome.request.text == "Primer borrador, corregido",
                        timeout=5000)
        panel.source_edit.setText("Registro Federal de Electores")
        assert answers == []  # still held: the check and the typing did not wait for it
    finally:
        release.set()
    qtbot.waitUntil(lambda: answers == [True], timeout=5000)
    stored(qtbot, panel)  # the source, typed while the first save was held (if not yet)
    details = load_post_details(context.database, first)
    assert (details.topic, details.source) == ("Credencial para votar",
                                               "Registro Federal de Electores")
    assert all(on_ui_thread.values()), on_ui_thread  # each kind of work ran
    assert not any(ui for calls in on_ui_thread.values() for ui in calls), on_ui_thread


def test_the_live_check_sees_the_council_session_the_post_falls_in(qtbot, context, clock):
    """6.xxvii: with each check the Consejo General session running now, and the account's
    other posts in it, are looked up on the worker: a fourth topic warns; the «Tema» of one
    already published does not."""
    from datetime import timedelta

    from redes_desktop.actions.council_sessions import add_council_session
    from redes_desktop.checks.rule_council import CouncilSessionRule
    from redes_desktop.models import Post, PostStatus
    from tests.factories import make_reviewer

    with context.session() as session:
        reviewer = make_reviewer(Directory(session, clock, NullRecorder())).id
        session.commit()
    now = clock()
    add_council_session(context.database, title="Sesión ordinaria",
                        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3),
                        person_id=reviewer, clock=clock, recorder=NullRecorder())
    engine = CheckEngine(text_rules=[CouncilSessionRule()],
                         length_of=lambda text, _n: (len(text), 280))
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    ready(qtbot, section)
    account = section.current_account()
    with context.session() as session:
        for minutes, topic in ((50, "Presupuesto"), (40, "Debates"), (30, "Consultas")):
            session.add(Post(account_id=account.id, network=account.network,
                             text=f"Sobre {topic}", topic=topic, status=PostStatus.PUBLICADA,
                             published_at=now - timedelta(minutes=minutes)))
        session.commit()
    section.editor.setPlainText("La sesión continúa con el informe de la Secretaría.")
    assert rules(qtbot, section) == ["6.xxvii"]
    followed(qtbot, section).topic_edit.setText("debates")  # one of the three already there
    assert rules(qtbot, section) == []
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


def test_details_typed_just_before_opening_another_draft_stay_with_their_draft(qtbot, view,
                                                                               context):
    """The details wait 0.8 s before they are saved: opening another draft meanwhile saves
    them on the draft they were typed for (they were lost before), and shows the other's."""
    panel = view.details_panel
    view.editor.setPlainText("Primero")
    assert saved(qtbot, view)
    first = view.post_id
    view.drafts.new_draft()
    qtbot.waitUntil(lambda: view.post_id is None and panel.post_id is None, timeout=5000)
    view.editor.setPlainText("Segundo")
    assert saved(qtbot, view)
    second = view.post_id
    qtbot.waitUntil(lambda: panel.post_id == second and panel.idle, timeout=5000)
    panel.topic_edit.setText("Tema del segundo")
    assert opened(qtbot, view, first)
    qtbot.waitUntil(lambda: panel.post_id == first and panel.idle, timeout=5000)
    assert load_post_details(context.database, second).topic == "Tema del segundo"
    assert panel.topic_edit.text() == ""  # the first draft's own details
    assert load_post_details(context.database, first).topic == ""
