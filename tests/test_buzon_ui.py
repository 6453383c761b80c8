"""The Buzón section (issue 17) offscreen, on a real SQLite file and the local fake X server:
the items polled show with their clock, the table loads page by page, Reclamar, Responder
(the 6.xvii warning asked, then sent to the network), Ignorar, Escalar and Etiquetar act; a
direct message says so and its private answer claims no public address."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert

from redes_desktop.models.inbox import InboxItem, InboxState, inbox_item_id
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


def test_items_show_and_the_reply_reaches_the_network(qtbot, context, server):
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana_mx", name="Ana López")
    server.add_x_mention("@INEMexico eres un inútil", author="troll", name="Troll")
    poller(context.database, context.clock, MemoryRecorder(), context.networks).poll()
    section = _section(qtbot, context)
    assert section.model.rowCount() == 2
    texts = [section.model.row_at(n).text for n in range(2)]
    row = texts.index("@INEMexico ¿dónde voto?")
    assert section.model.index(row, 0).data().startswith("faltan")
    section.table.selectRow(row)
    assert "Ana López" in section.item_header.text()
    section.claim()
    assert "Lo atiende usted" in section.status.text()
    section.table.selectRow(row)
    section._selected(row)  # read the detail again: the claim is the person's own
    assert section.claim_label.text().startswith("Lo atiende usted.")
    asked: list[str] = []
    section.confirm = lambda question: asked.append(question) or True  # type: ignore[method-assign]
    section.reply.setPlainText("Su casilla está en ine.mx/ubica")
    # The live check (debounced) warns before sending.
    qtbot.waitUntil(lambda: "6.xvii" in section.findings.text(), timeout=30_000)
    section.send_reply()
    assert asked and "6.xvii" in asked[0]
    assert "Respuesta enviada" in section.status.text()
    answered = [section.model.row_at(n).text for n in range(2)].index("@INEMexico ¿dónde voto?")
    section._selected(answered)
    assert section.claim_label.text().startswith("Respondido: «Su casilla está en ine.mx/ubica» — https://x.com/")
    assert server.x_posts[-1]["text"] == "Su casilla está en ine.mx/ubica"
    troll = next(i for i in items(context.database) if "inútil" in i.text)
    section.select(troll.id)
    section.ignore()
    assert "6.xvi" in section.status.text()
    states = {i.text: i.state for i in items(context.database)}
    assert states == {"@INEMexico ¿dónde voto?": InboxState.RESPONDIDO,
                      "@INEMexico eres un inútil": InboxState.IGNORADO}


def test_a_direct_message_says_what_it_is_and_its_answer_claims_no_public_address(
        qtbot, context, server):
    server.add_x_dm("¿Dónde tramito mi credencial?", author="ana_mx", name="Ana López")
    poller(context.database, context.clock, MemoryRecorder(), context.networks).poll()
    section = _section(qtbot, context)
    section.table.selectRow(0)
    assert section.item_header.text().startswith("Mensaje directo de Ana López (@ana_mx)")
    assert "conversación privada" in section.hand_url.placeholderText()
    section.reply.setPlainText("Hola, Ana: en ine.mx/modulos")
    section.send_reply()
    status = section.status.text()
    assert "Respuesta enviada por mensaje directo (privado" in status and "http" not in status
    assert server.count("POST /2/dm_conversations/{id}/messages") == 1
    assert server.count("POST /2/tweets") == 0
    section.detail_reads.run(lambda: section.store.detail(section.current.row.id),
                             section._on_detail)
    assert section.claim_label.text().startswith("Respondido por mensaje directo")


def test_escalate_and_tag_from_the_detail(qtbot, context, server):
    server.add_x_mention("@INEMexico hay propaganda en la casilla", author="vecina")
    poller(context.database, context.clock, MemoryRecorder(), context.networks).poll()
    section = _section(qtbot, context)
    assert section.account_filter.count() == 2  # «todas» and the account connected
    section.account_filter.setCurrentIndex(1)
    assert section.model.rowCount() == 1
    section.state_filter.setCurrentIndex(section.state_filter.findData("ignorado"))
    assert section.model.rowCount() == 0
    section.state_filter.setCurrentIndex(0)
    section.table.selectRow(0)
    section.tag_actions["queja"].setChecked(True)
    assert items(context.database)[0].tags == ["queja"]
    section.ask_note = lambda: "Posible delito electoral"  # type: ignore[method-assign]
    section.escalate()
    assert "Escalado a Vocal jal" in section.status.text()
    assert items(context.database)[0].state == InboxState.ESCALADO


def test_the_table_loads_page_by_page(qtbot, qtmodeltester, context, clock):
    account = context.people.account
    now = clock()
    rows = [{"id": inbox_item_id(account, str(n)), "account_id": account, "network": "x",
             "remote_id": str(n), "kind": "mencion", "author_name": f"P{n}",
             "author_handle": f"p{n}", "text": f"mensaje {n}", "url": "",
             "received_at": now - timedelta(minutes=n), "state": "nuevo", "tags": [],
             "reply_url": "", "escalation_note": "", "created_at": now, "updated_at": now,
             "row_version": 1} for n in range(450)]
    with context.database.session() as session:
        session.execute(insert(InboxItem), rows)
        session.commit()
    section = _section(qtbot, context)
    model = section.model
    assert model.rowCount() == 200 and model.total == 450
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    # The clocks run while the table is shown: repainted without reading again.
    assert model.index(0, 0).data().startswith("faltan")
    changed: list = []
    model.dataChanged.connect(lambda first, last, _roles: changed.append((first.row(),
                                                                          last.row())))
    clock.advance(timedelta(hours=24))
    section.timer.timeout.emit()
    assert changed == [(0, 449)]
    assert model.index(0, 0).data() == "vencido hace 7 h 29 min"
    ids = [model.row_at(n).id for n in range(450)]
    assert len(set(ids)) == 450 and ids[0] == inbox_item_id(account, "449")  # oldest first
    qtmodeltester.check(model)
    assert isinstance(ids[0], uuid.UUID)


def test_informes_show_the_inbox_figures_and_read_followers(qtbot, context, clock):
    from redes_desktop.ui.informes.inbox_tab import InboxReportTab
    from redes_desktop.ui.informes.users_tab import UsersTab

    account = context.people.account
    now = clock()
    rows = [{"id": inbox_item_id(account, str(n)), "account_id": account, "network": "x",
             "remote_id": str(n), "kind": "mencion", "author_name": "P", "author_handle": "p",
             "text": "¿dónde tramito la credencial?", "url": "",
             "received_at": now - timedelta(hours=n + 1),
             "state": "respondido" if n < 2 else "ignorado" if n == 2 else "nuevo",
             "replied_at": now if n < 2 else None,
             "tags": ["sugerencia"] if n == 3 else [], "reply_url": "", "escalation_note": "",
             "created_at": now, "updated_at": now, "row_version": 1} for n in range(4)]
    with context.database.session() as session:
        session.execute(insert(InboxItem), rows)
        session.commit()
    tab = InboxReportTab(context, lambda: (2026, 1), pool=SynchronousPool())
    qtbot.addWidget(tab)
    text = tab.figures.text()
    assert "Recibidos: 4. Respondidos: 2 (67 %" in text
    assert "Mediana del tiempo de respuesta: 1 h 30 min" in text and "(8.ii): 1." in text
    users = UsersTab(context, lambda: (2026, 1))
    qtbot.addWidget(users)
    users.pool = SynchronousPool()  # type: ignore[attr-defined]
    users.read_from_networks()
    assert "1 cuenta" in users.message.text()
    assert users.table.item(0, 1).text() == "12345"


def test_a_direct_message_says_it_is_private(qtbot, context, clock):
    account = context.people.account
    now = clock()
    kinds = ("mensaje_directo", "comentario", "mencion")
    rows = [{"id": inbox_item_id(account, f"dm{n}"), "account_id": account, "network": "x",
             "remote_id": f"dm{n}", "kind": kind, "author_name": f"Persona {n}",
             "author_handle": "" if n else "persona0", "text": f"hola {n}", "url": "",
             "parent_remote_id": "conv-1", "received_at": now - timedelta(minutes=n),
             "state": "nuevo", "tags": [], "reply_url": "", "escalation_note": "",
             "created_at": now, "updated_at": now, "row_version": 1}
            for n, kind in enumerate(kinds)]
    with context.database.session() as session:
        session.execute(insert(InboxItem), rows)
        session.commit()
    section = _section(qtbot, context)
    kind_column = section.model.COLUMNS.index("kind")
    shown = {section.model.row_at(n).author: section.model.index(n, kind_column).data()
             for n in range(3)}
    assert shown == {"Persona 0": "Mensaje directo", "Persona 1": "Comentario",
                     "Persona 2": "Mención"}
    row = [section.model.row_at(n).author for n in range(3)].index("Persona 0")
    section.table.selectRow(row)
    header = section.item_header.text()
    assert header.startswith("Mensaje directo de Persona 0 (@persona0)")
    assert "mensaje privado" in header
    section.table.selectRow([section.model.row_at(n).author for n in range(3)]
                            .index("Persona 1"))
    header = section.item_header.text()
    assert "(@)" not in header and "mensaje privado" not in header  # no empty handle
