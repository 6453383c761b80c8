"""Sending from the Redactor to the network (issue 17), offscreen, against the local fake
networks (tests/networks_ui_world.py): send automatically at the scheduled time (and see the
queue row), publish now (the post on the server, its URL on screen), a refusal in Spanish,
cancelling, the queue tab, and one queue run at a time in the process."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLabel

from redes_desktop.actions.network_connection import NetworkSettings, connect_account
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.models.publishing import JobState
from redes_desktop.ui.composer import network_send, published_view
from redes_desktop.ui.composer.composer_view import ComposerSection
from tests import networks_ui_world
from tests.composer_world import Boxes
from tests.networks_ui_world import follow_consent

# The fixtures of tests/networks_ui_world.py these tests take by name.
connected = networks_ui_world.connected
context = networks_ui_world.context


class PersonalPhone:
    """A 10-digit number blocks (6.iii), as the real rule does for a personal phone."""

    rule_id = "6.iii"

    def check(self, item: CheckInput) -> list[Finding]:
        return [Finding("6.iii", Severity.BLOQUEA, "Hay un teléfono personal: quítelo.",
                        m.start(), m.end(), ("",), "telefono")
                for m in re.finditer(r"\b\d{10}\b", item.text)]


@pytest.fixture
def boxes(monkeypatch):
    Boxes.shown = []
    monkeypatch.setattr(network_send, "QMessageBox", Boxes)
    return Boxes.shown


@pytest.fixture
def composer(qtbot, context, connected, boxes):
    engine = CheckEngine(text_rules=[PersonalPhone()], network_rules=[],
                         length_of=lambda text, network: (len(text), 280))
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.resize(1300, 700)
    section.show()
    qtbot.waitUntil(lambda: section.ready and section.network_send.idle, timeout=5000)
    yield section
    QThreadPool.globalInstance().waitForDone()


def write(qtbot, section: ComposerSection, text: str) -> None:
    section.editor.setPlainText(text)
    qtbot.waitUntil(lambda: section.outcome is not None and section.scheduler.is_current
                    and section.outcome.request.text == text, timeout=5000)


def test_the_send_controls_appear_only_for_an_account_connected_here(qtbot, context, boxes):
    engine = CheckEngine(text_rules=[], network_rules=[],
                         length_of=lambda text, network: (len(text), 280))
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(lambda: section.ready and section.network_send.idle, timeout=5000)
    assert not section.network_send.auto_box.isVisible()
    assert not section.network_send.publish_now_action.isVisible()
    QThreadPool.globalInstance().waitForDone()


def test_choosing_another_account_shows_whether_it_is_connected_here(qtbot, composer):
    """Nothing written yet (no draft saved): the sending controls follow the account chosen,
    not the one shown first."""
    send = composer.network_send
    handles = [account.handle for account in composer.accounts]
    for handle, connected in (("@inejalisco", False), ("@JLE_JaliscoINE", True),
                              ("@inejalisco", False)):
        composer.account_combo.setCurrentIndex(handles.index(handle))
        qtbot.waitUntil(lambda: send.idle, timeout=5000)
        assert composer.post_id is None
        assert send.auto_box.isVisible() == connected, handle
        assert send.publish_now_action.isVisible() == connected, handle


def test_scheduled_automatic_sending_shows_in_the_queue_and_can_be_cancelled(
        qtbot, composer, context, clock):
    send = composer.network_send
    assert send.auto_box.isVisible()
    write(qtbot, composer, "Aviso de la jornada de credencialización")
    send.auto_box.click()  # without a time: says what is missing
    assert not send.auto_box.isChecked()
    assert "Marque «Programar para»" in send.state_label.text()
    composer.schedule.enabled_box.click()  # an hour ahead, on the hour: 13:00 in México City
    send.auto_box.click()
    qtbot.waitUntil(lambda: send.idle and send.state is not None and send.state.queued,
                    timeout=10000)
    assert send.auto_box.isChecked()
    assert send.state_label.text() == ("Se enviará el 10/03/2026 13:00 (hora del centro de "
                                       "México).")
    composer.tabs.setCurrentWidget(composer.queue)
    qtbot.waitUntil(lambda: composer.queue.idle and composer.queue.model.rowCount() == 1,
                    timeout=5000)
    cells = [composer.queue.model.index(0, c).data()
             for c in range(composer.queue.model.columnCount())]
    assert cells[0] == "@JLE_JaliscoINE (X)"
    assert cells[1].startswith("Aviso de la jornada")
    assert cells[2] == JobState.PENDIENTE.label
    assert cells[3] == "10/03/2026 13:00" and cells[5] == "0"
    composer.tabs.setCurrentIndex(0)
    # Another time for the queued draft: the queue follows once the person stops editing.
    composer.schedule.edit.setDateTime(composer.schedule.edit.dateTime().addSecs(3600))
    qtbot.waitUntil(lambda: send.idle and "14:00" in send.state_label.text(), timeout=10000)
    assert send.state.due_at == clock() + timedelta(hours=2)
    send.auto_box.click()  # unticked: the sending is cancelled
    qtbot.waitUntil(lambda: send.idle and send.state is not None and not send.state.queued,
                    timeout=10000)
    composer.tabs.setCurrentWidget(composer.queue)
    qtbot.waitUntil(lambda: composer.queue.idle and composer.queue.model.rowCount() == 0,
                    timeout=5000)


def test_a_refusal_is_shown_in_spanish_and_nothing_is_queued(qtbot, composer, boxes):
    send = composer.network_send
    write(qtbot, composer, "Informes al 3312345678 de la jornada")
    composer.schedule.enabled_box.click()
    send.auto_box.click()
    qtbot.waitUntil(lambda: send.idle and bool(boxes), timeout=10000)
    kind, text = boxes[-1]
    assert kind == "warning"
    assert text == ("No se puede programar: hay un problema que lo impide. 6.iii: Hay un "
                    "teléfono personal: quítelo.")
    assert send.state_label.text() == text
    assert not send.auto_box.isChecked()
    assert send.state is not None and not send.state.queued


def test_publish_now_posts_on_the_network_and_shows_the_url(qtbot, composer, server, boxes,
                                                           context, monkeypatch):
    send = composer.network_send
    text = "Hoy abre el módulo de atención ciudadana de Zapopan"
    write(qtbot, composer, text)
    qtbot.waitUntil(lambda: send.publish_now_action.isEnabled(), timeout=5000)
    assert composer.toolbar.actions().index(send.publish_now_action) \
        == composer.toolbar.actions().index(composer.publish_action) + 1
    composer.activateWindow()
    composer.editor.setFocus()
    qtbot.waitUntil(composer.editor.hasFocus, timeout=5000)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: send.idle and send.last_result is not None, timeout=15000)
    assert [p["text"] for p in server.x_posts] == [text]
    post_id = server.x_posts[0]["id"]
    url = f"https://x.com/JLE_JaliscoINE/status/{post_id}"
    assert send.last_result.url == url
    # «Se publicó…» with the URL the person can select and copy, and click to open.
    box = send.published_box
    assert box is not None and box.isVisible()
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label.text().startswith("Se publicó en la red. Dirección de la publicación:")
    assert f'<a href="{url}">{url}</a>' in label.text()
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByMouse
    opened = []
    monkeypatch.setattr(published_view, "open_in_browser",
                        lambda link: opened.append(link) or True)
    label.linkActivated.emit(url)
    assert opened == [url]
    box.close()
    assert boxes[0][0] == "question" and "¿Publicar ahora en X" in boxes[0][1]
    assert composer.editor.toPlainText() == ""  # the published post left the editor
    # «Marcar como publicada…» (by hand) is still there beside it.
    assert composer.publish_action.text() == "Marcar como publicada…"


def test_publish_now_failure_is_shown_with_the_networks_reason(qtbot, composer, server, boxes):
    send = composer.network_send
    server.x_posts.append({"id": "1", "text": "Texto repetido de la jornada", "body": {},
                           "created_at": "2026-03-01T00:00:00.000Z"})
    write(qtbot, composer, "Texto repetido de la jornada")
    qtbot.waitUntil(lambda: send.publish_now_action.isEnabled(), timeout=5000)
    send.publish_now_action.trigger()
    qtbot.waitUntil(lambda: send.idle and send.last_result is not None, timeout=15000)
    assert send.last_result.state == JobState.FALLIDA
    kind, text = boxes[-1]
    assert kind == "warning" and "idéntica a una anterior" in text
    assert composer.editor.toPlainText() == "Texto repetido de la jornada"  # nothing lost
    assert len(server.x_posts) == 1


def test_publish_now_held_by_a_rate_limit_says_so_once_and_when_it_is_tried_again(
        qtbot, composer, server, boxes, clock):
    send = composer.network_send
    reset = clock() + timedelta(minutes=15)  # 12:15 in México City
    server.fail_next("POST /2/tweets", 429, {"title": "Too Many Requests"},
                     headers={"x-rate-limit-reset": str(int(reset.timestamp()))})
    write(qtbot, composer, "Hoy abre el módulo de atención ciudadana de Tonalá")
    qtbot.waitUntil(lambda: send.publish_now_action.isEnabled(), timeout=5000)
    send.publish_now_action.trigger()
    qtbot.waitUntil(lambda: send.idle and send.last_result is not None, timeout=15000)
    assert send.last_result.state == JobState.PENDIENTE
    kind, text = boxes[-1]
    assert kind == "warning" and text.startswith("Aún no se publicó. X limitó las solicitudes")
    assert text.count("lo intentará de nuevo") == 1  # said once, not twice
    qtbot.waitUntil(lambda: send.idle and send.state is not None
                    and send.state.attempts == 1, timeout=5000)
    # The label gives the next attempt, not the time asked for (now, already past).
    assert send.state_label.text() == ("Aún no se publicó; se intentará de nuevo el "
                                       "10/03/2026 12:15 (hora del centro de México).")
    assert "limitó las solicitudes" in send.state_label.toolTip()
    assert server.x_posts == []


def test_publish_now_with_a_blocking_finding_is_refused_where_the_request_leaves(
        qtbot, composer, server, boxes):
    send = composer.network_send
    write(qtbot, composer, "Llame al 3312345678")
    assert not send.publish_now_action.isEnabled()  # not offered…
    assert send.publish_now()  # …and refused by the action when asked anyway
    qtbot.waitUntil(lambda: send.idle and boxes[-1][0] == "warning", timeout=15000)
    assert boxes[-1][1].startswith("No se puede publicar: hay un problema que lo impide.")
    assert "teléfono personal" in boxes[-1][1]
    assert server.x_posts == []
    assert composer.editor.toPlainText() == "Llame al 3312345678"


def test_the_queue_tab_follows_each_queue_run_and_a_failure_is_a_notification(
        qtbot, composer, context, server, clock):
    from redes_desktop.actions.publishing import LazyEngine
    from redes_desktop.services.publishing_jobs import publishing_job

    send = composer.network_send
    text = "Aviso repetido de la jornada"
    server.x_posts.append({"id": "1", "text": text, "body": {},
                           "created_at": "2026-03-01T00:00:00.000Z"})
    write(qtbot, composer, text)
    composer.schedule.enabled_box.click()
    send.auto_box.click()
    qtbot.waitUntil(lambda: send.idle and send.state is not None and send.state.queued,
                    timeout=10000)
    composer.tabs.setCurrentWidget(composer.queue)
    composer.queue.include_done.setChecked(True)
    qtbot.waitUntil(lambda: composer.queue.idle and composer.queue.model.rowCount() == 1,
                    timeout=5000)
    assert composer.queue.model.index(0, 2).data() == JobState.PENDIENTE.label

    clock.advance(timedelta(hours=1, minutes=1))  # the time came: the window's periodic job
    engine = composer.scheduler.engine
    context.job_state["check_engine"] = LazyEngine(lambda: engine)
    [notification] = publishing_job(context)
    assert notification.kind == "urgente" and "idéntica a una anterior" in notification.message
    composer.after_jobs()
    qtbot.waitUntil(lambda: composer.queue.idle
                    and composer.queue.model.index(0, 2).data() == JobState.FALLIDA.label,
                    timeout=5000)
    assert "idéntica a una anterior" in composer.queue.model.index(0, 6).data()
    assert composer.queue.model.index(0, 5).data() == "1"
    assert len(server.x_posts) == 1
    # Clicking the notification opens the post, which says why it did not go out.
    composer.drafts.clear()
    assert composer.select(uuid.UUID(notification.target[1]))
    assert composer.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: composer.editor.toPlainText() == text, timeout=5000)
    qtbot.waitUntil(lambda: send.idle and send.state is not None
                    and send.state.job_state == JobState.FALLIDA, timeout=5000)
    assert send.state_label.text().startswith("No se publicó:")
    assert "b71c1c" in send.state_label.styleSheet()
    assert not send.auto_box.isChecked()


def test_only_the_accounts_the_person_operates_are_listed(context):
    from redes_desktop.actions.network_status import connection_rows

    rows = connection_rows(context.database, clock=context.clock,
                           person_id=context.ids["titular"])
    assert sorted(r.handle for r in rows) == ["@JLE_JaliscoINE", "@inejalisco"]
    # A suplente not covering an absence does not operate the account (5.1).
    assert connection_rows(context.database, clock=context.clock,
                           person_id=context.ids["suplente"]) == []


def test_the_sending_controls_do_not_widen_the_redactor(qtbot, composer, boxes):
    send = composer.network_send
    assert send.auto_box.isVisible()
    before = composer.minimumSizeHint().width()
    send._say("No se puede programar: hay 3 problema(s) que lo impiden. " * 4, ok=False)
    qtbot.wait(1)
    assert composer.minimumSizeHint().width() <= max(before, 1100)


def test_two_queue_runs_in_this_process_never_send_one_post_twice(context, connected, server):
    """«Publicar ahora» and the window's periodic job run the queue on two worker threads. A
    job another run is sending looks like one left «enviando» by a crash: without one run at a
    time, the second run would look on the network, not find it yet, and send it again."""
    import threading

    from redes_desktop.actions.publishing import publishing_queue, run_due
    from redes_desktop.actions.save_draft import create_draft
    from redes_desktop.actions.schedule_post import schedule_post
    from tests.checkers import nothing_found

    post_id = create_draft(context.database, clock=context.clock, recorder=context.recorder,
                           person_id=context.ids["titular"], account_id=context.ids["account"],
                           text="Aviso único de la jornada", is_reply=False, media=[],
                           findings=None).post_id
    schedule_post(context.database, clock=context.clock, recorder=context.recorder,
                  check_post=nothing_found, person_id=context.ids["titular"], post_id=post_id,
                  when=None)
    networks = NetworkSettings.of(context.workspace.settings, context.secrets)
    entered, release = threading.Event(), threading.Event()

    def queue(gated: bool):
        built = publishing_queue(context.database, clock=context.clock,
                                 recorder=context.recorder, secrets=context.secrets,
                                 networks=networks, engine=lambda: None,  # type: ignore
                                 area_contacts=None)
        built.checker_for = lambda session, now: nothing_found
        if gated:
            connector_for = built.connector_for

            def gate(connection):
                inner = connector_for(connection)
                publish = inner.publish

                def held(request):
                    entered.set()
                    release.wait(10)
                    return publish(request)

                inner.publish = held  # type: ignore[method-assign]
                return inner

            built.connector_for = gate
        return built

    reports = {}
    first = threading.Thread(target=lambda: reports.setdefault("a", run_due(queue(True))))
    first.start()
    assert entered.wait(10)
    second = threading.Thread(target=lambda: reports.setdefault("b", run_due(queue(False))))
    second.start()
    second.join(2)  # without one run at a time it would send meanwhile
    release.set()
    first.join(10)
    second.join(10)
    assert [p["text"] for p in server.x_posts] == ["Aviso único de la jornada"]
    assert reports["a"].published == [post_id] and reports["b"].published == []
    assert reports["b"].failed == []


def test_connecting_elsewhere_shows_the_controls_when_the_redactor_is_shown_again(
        qtbot, context, boxes):
    engine = CheckEngine(text_rules=[], network_rules=[],
                         length_of=lambda text, network: (len(text), 280))
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(lambda: section.ready and section.network_send.idle, timeout=5000)
    assert not section.network_send.connected
    section.hide()  # the person goes to Cuentas › Conexión con la red and connects
    networks = NetworkSettings.of(context.workspace.settings, context.secrets)
    connect_account(context.database, clock=context.clock, recorder=context.recorder,
                    secrets=context.secrets, networks=networks,
                    person_id=context.ids["titular"], account_id=context.ids["account"],
                    open_browser=follow_consent, timeout=10)
    section.show()
    qtbot.waitUntil(lambda: section.network_send.idle and section.network_send.connected,
                    timeout=5000)
    assert section.network_send.auto_box.isVisible()
    QThreadPool.globalInstance().waitForDone()


def test_a_queue_row_double_clicked_or_entered_opens_its_post_in_the_redactor(qtbot, composer):
    """A failed or waiting post is corrected in «Redactar»: its queue row opens it."""
    send = composer.network_send
    text = "Aviso de la jornada de credencialización en Tlaquepaque"
    write(qtbot, composer, text)
    composer.schedule.enabled_box.click()
    send.auto_box.click()
    qtbot.waitUntil(lambda: send.idle and send.state is not None and send.state.queued,
                    timeout=10000)
    queued_id = composer.post_id
    composer.new_action.trigger()
    qtbot.waitUntil(lambda: composer.post_id is None and composer.editor.toPlainText() == "",
                    timeout=5000)
    composer.tabs.setCurrentWidget(composer.queue)
    qtbot.waitUntil(lambda: composer.queue.idle and composer.queue.model.rowCount() == 1,
                    timeout=5000)
    table = composer.queue.table
    rect = table.visualRect(composer.queue.model.index(0, 1))
    # A press first, as a real double click has (the view opens the row it was pressed on).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: composer.post_id == queued_id, timeout=5000)
    assert composer.tabs.currentIndex() == 0
    assert composer.editor.toPlainText() == text
    # Enter on the selected row does the same.
    composer.new_action.trigger()
    qtbot.waitUntil(lambda: composer.post_id is None, timeout=5000)
    composer.tabs.setCurrentWidget(composer.queue)
    qtbot.waitUntil(lambda: composer.queue.idle and composer.queue.model.rowCount() == 1,
                    timeout=5000)
    table.setCurrentIndex(composer.queue.model.index(0, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: composer.post_id == queued_id, timeout=5000)
    assert composer.editor.toPlainText() == text
