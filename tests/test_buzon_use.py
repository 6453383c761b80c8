"""The Buzón as a person uses it in the window (issue 17), offscreen, against the local fake X
server: what the window's polling brings shows without «Actualizar»; a reply written for one
item never follows to another; the claim's end is given in México City's time; the field for
an answer given by hand is read whole at 1366×768; the window's job says how many arrived."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.ui.buzon.section_view import BuzonSection
from redes_desktop.ui.tasks import SynchronousPool
from tests import buzon_world
from tests.inbox_support import items, poller

# The fixture of tests/buzon_world.py these tests take by name.
context = buzon_world.context


def _section(qtbot, context) -> BuzonSection:
    section = BuzonSection(context, pool=SynchronousPool())
    qtbot.addWidget(section)
    return section


def _window_ran_its_jobs(pages: list[QWidget]) -> None:
    """What the window does after each run of its background jobs (ui/application.py
    `_on_jobs_done`): each section that has `after_jobs` is told."""
    for page in pages:
        after_jobs = getattr(page, "after_jobs", None)
        if callable(after_jobs):
            after_jobs()


def _poll(context) -> None:
    poller(context.database, context.clock, MemoryRecorder(), context.networks).poll()


def _select(section: BuzonSection, text: str) -> None:
    row = next(n for n in range(section.model.rowCount())
               if text in section.model.row_at(n).text)
    section.table.selectRow(row)
    assert section.current is not None and text in section.current.row.text


def test_what_the_polling_brings_shows_without_actualizar(qtbot, context, server, clock):
    section = _section(qtbot, context)
    section.show()
    assert section.model.rowCount() == 0
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana_mx", name="Ana López")
    _poll(context)  # the window's inbox job
    _window_ran_its_jobs([section])
    assert section.model.rowCount() == 1
    assert "1 elemento" in section.summary.text()
    # Hidden (another section in use): read again when shown.
    section.hide()
    server.add_x_mention("@INEMexico ¿y mi casilla?", author="beto_mx", name="Beto")
    clock.advance(timedelta(minutes=3))  # the account's next turn (every 2 minutes)
    _poll(context)
    _window_ran_its_jobs([section])
    section.show()
    assert section.model.rowCount() == 2


def test_a_reply_written_for_one_item_does_not_follow_to_another(qtbot, context, server):
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana_mx", name="Ana López")
    server.add_x_mention("@INEMexico ¿a qué hora abren?", author="beto_mx", name="Beto Ruiz")
    _poll(context)
    section = _section(qtbot, context)
    section.confirm = lambda _question: True  # type: ignore[method-assign]
    _select(section, "dónde voto")
    section.reply.setPlainText("Hola, Ana: su casilla está en ine.mx/ubica")
    section.findings.setText("6.xvii: …")
    _select(section, "qué hora")
    assert section.reply.toPlainText() == ""  # Beto's answer starts empty
    assert section.findings.text() == ""  # Ana's findings are not Beto's
    section.reply.setPlainText("Hola, Beto: de 8:00 a 18:00")
    section.send_reply()
    assert server.x_posts[-1]["text"] == "Hola, Beto: de 8:00 a 18:00"
    assert section.reply.toPlainText() == ""  # answered: nothing left to send twice
    _select(section, "dónde voto")
    assert section.reply.toPlainText() == "Hola, Ana: su casilla está en ine.mx/ubica"
    section.send_reply()
    sent = [post["text"] for post in server.x_posts]
    assert sent == ["Hola, Beto: de 8:00 a 18:00", "Hola, Ana: su casilla está en ine.mx/ubica"]
    replies = {item.author_name: item.reply_url for item in items(context.database)}
    assert all(replies.values()) and set(replies) == {"Ana López", "Beto Ruiz"}


def test_the_claim_says_until_when_in_mexico_citys_time(qtbot, context, server, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")  # the workstation's own zone must not change the answer
    time.tzset()
    try:
        server.add_x_mention("@INEMexico ¿dónde voto?", author="ana_mx", name="Ana López")
        _poll(context)
        section = _section(qtbot, context)
        section.table.selectRow(0)
        section.claim()  # 18:00 UTC + 15 minutes
        assert section.status.text() == ("Lo atiende usted hasta las 12:15 (hora del centro de "
                                         "México).")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_hint_for_an_answer_given_by_hand_is_read_whole(qtbot, context, server):
    server.add_x_dm("¿Dónde tramito mi credencial?", author="ana_mx", name="Ana López")
    server.add_x_mention("@INEMexico ¿dónde voto?", author="beto_mx", name="Beto")
    _poll(context)
    section = _section(qtbot, context)
    section.resize(1166, 680)  # the section's share of a 1366×768 window
    section.show()
    for text in ("credencial", "dónde voto"):
        _select(section, text)
        field = section.hand_url
        room = field.width() - 2 * field.style().pixelMetric(
            field.style().PixelMetric.PM_DefaultFrameWidth) - 8
        assert field.fontMetrics().horizontalAdvance(field.placeholderText()) <= room, text
        assert "respond" in field.toolTip()


def test_the_windows_job_says_how_many_arrived_in_good_spanish(context, server, clock):
    from redes_desktop.services.inbox_jobs import inbox_job

    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana_mx", name="Ana López")
    [note] = inbox_job(context)
    assert (note.title, note.message) == ("Buzón", "Llegó 1 comentario o mensaje nuevo.")
    assert note.target == ("buzon", "")
    server.add_x_mention("@INEMexico ¿y mi casilla?", author="beto_mx", name="Beto")
    server.add_x_dm("¿Me ayudan?", author="caro_mx", name="Caro")
    clock.advance(timedelta(minutes=3))
    [note] = inbox_job(context)
    assert note.message == "Llegaron 2 comentarios o mensajes nuevos."


def test_the_clock_is_read_whole_and_a_recurring_doubts_count_explains_itself(
        qtbot, context, server, clock):
    server.add_x_mention("@INEMexico ¿dónde tramito mi credencial para votar?",
                         author="ana_mx", name="Ana")
    server.add_x_mention("@INEMexico ¿en dónde tramito la credencial para votar?",
                         author="beto_mx", name="Beto")
    _poll(context)
    # The fake network dates what it receives by the real clock: 15 h 59 min past the 24 h
    # target (the widest clock an open item shows before it counts days).
    clock.set(datetime.now(UTC) + timedelta(hours=39, minutes=59, seconds=30))
    section = _section(qtbot, context)
    section.resize(1166, 680)
    section.show()
    model, header = section.model, section.table.horizontalHeader()
    shown = model.index(0, 0).data()
    assert shown.startswith("vencido hace 15 h 5")
    room = header.sectionSize(0) - 2 * section.table.style().pixelMetric(
        section.table.style().PixelMetric.PM_FocusFrameHMargin) - 6
    assert section.table.fontMetrics().horizontalAdvance(shown) <= room
    text_column = model.COLUMNS.index("text")
    assert model.index(0, text_column).data().startswith("[2] ")
    assert "2 personas preguntan lo mismo (duda recurrente, 6.xviii)" in model.index(
        0, text_column).data(Qt.ItemDataRole.ToolTipRole)
