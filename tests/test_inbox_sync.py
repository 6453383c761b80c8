"""The inbox between two workstations through the real shared PostgreSQL (issue 17): both poll
the same network and see the same items (one row each, no conflict); a claim taken at one is
refused at the other, naming who holds it, on each person's own login (row-level security on),
until it expires; concurrent handling offline merges column by column (sync/inbox_merge.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from redes_desktop.actions.inbox_handle import ClaimRefused, claim_item, ignore_item
from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.clock import FixedClock
from redes_desktop.models.inbox import InboxItem, InboxState
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.sync.inbox_claims import SharedClaims
from tests import test_sync_support as _support
from tests.actions_support import seed
from tests.inbox_support import (
    connect,
    connector_for,
    courtesy_checker,
    cover,
    items,
    network_settings,
    poller,
)

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
logins = _support.logins  # fixture


@pytest.fixture
def pair(stations, server, clock: FixedClock):
    """Workstation A (the titular's) and B (the covering suplente's), both connected."""
    a, b = stations("a"), stations("b")
    people = seed(a.db, clock)
    cover(a.db, clock, people.titular, people.suplente)
    a.sync()
    b.sync()
    networks = network_settings(server)
    connect(a.db, clock, MemoryRecorder(), people.titular, people.account, networks)
    connect(b.db, clock, MemoryRecorder(), people.suplente, people.account, networks)
    return a, b, people, networks


def _conflicts(station) -> int:
    with station.db.session() as session:
        return session.scalar(select(func.count()).select_from(SyncConflict)) or 0


def test_two_workstations_polling_the_same_network_see_the_same_items(pair, server, clock,
                                                                      shared_engine):
    a, b, _people, networks = pair
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana")
    server.add_x_mention("@INEMexico ¿hasta qué hora abre la casilla?", author="beto")
    assert poller(a.db, clock, MemoryRecorder(), networks).poll().new_items == 2
    assert poller(b.db, clock, MemoryRecorder(), networks).poll().new_items == 2
    for station in (a, b, a):
        station.sync()
    assert [i.id for i in items(a.db)] == [i.id for i in items(b.db)]
    with shared_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(InboxItem)).scalar_one() == 2
    assert _conflicts(a) == _conflicts(b) == 0


def test_the_second_claim_is_refused_across_workstations_until_it_expires(
        pair, server, clock, logins):
    a, b, people, networks = pair
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana")
    poller(a.db, clock, MemoryRecorder(), networks).poll()
    poller(b.db, clock, MemoryRecorder(), networks).poll()
    item_id = items(a.db)[0].id
    # Neither workstation has synced its items: the claim puts the item on the server itself.
    titular_login = SharedClaims(logins("titular.jal@ine.mx"))
    suplente_login = SharedClaims(logins("suplente.jal@ine.mx"))
    taken = claim_item(a.db, clock=clock, recorder=MemoryRecorder(), person_id=people.titular,
                       item_id=item_id, claims=titular_login)
    assert taken.shared
    with pytest.raises(ClaimRefused, match="Titular jal está atendiendo este elemento"):
        claim_item(b.db, clock=clock, recorder=MemoryRecorder(), person_id=people.suplente,
                   item_id=item_id, claims=suplente_login)
    for station in (a, b, a):
        station.sync()
    assert items(b.db)[0].claimed_by_id == people.titular
    assert _conflicts(a) == _conflicts(b) == 0
    clock.advance(timedelta(minutes=16))
    again = claim_item(b.db, clock=clock, recorder=MemoryRecorder(), person_id=people.suplente,
                       item_id=item_id, claims=suplente_login)
    assert again.shared
    a.sync()
    assert items(a.db)[0].claimed_by_id == people.suplente
    with pytest.raises(ClaimRefused, match="Suplente jal"):
        claim_item(a.db, clock=clock, recorder=MemoryRecorder(), person_id=people.titular,
                   item_id=item_id, claims=titular_login)


def test_an_unreachable_shared_database_leaves_a_local_claim(pair, server, clock):
    from sqlalchemy import create_engine

    a, _b, people, networks = pair
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana")
    poller(a.db, clock, MemoryRecorder(), networks).poll()
    nowhere = SharedClaims(create_engine("postgresql+psycopg://nadie@127.0.0.1:9/x",
                                         connect_args={"connect_timeout": 2}))
    taken = claim_item(a.db, clock=clock, recorder=MemoryRecorder(), person_id=people.titular,
                       item_id=items(a.db)[0].id, claims=nowhere)
    assert not taken.shared and items(a.db)[0].claimed_by_id == people.titular


def test_a_reply_and_an_ignore_made_offline_merge_to_the_reply(pair, server, clock):
    a, b, people, networks = pair
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana", name="Ana")
    poller(a.db, clock, MemoryRecorder(), networks).poll()
    a.sync()
    b.sync()
    item_id = items(b.db)[0].id
    ignore_item(b.db, clock=clock, recorder=MemoryRecorder(), person_id=people.suplente,
                item_id=item_id)
    reply_to_item(a.db, clock=clock, recorder=MemoryRecorder(), checker=courtesy_checker(),
                  connector_for=connector_for(clock, networks), person_id=people.titular,
                  item_id=item_id, text="Hola, Ana: en ine.mx/ubica", area_contacts=None)
    b.sync()  # the ignore reaches the server first
    a.sync()  # the reply merges over it: an answer given is a fact
    b.sync()
    for station in (a, b):
        item = items(station.db)[0]
        assert item.state == InboxState.RESPONDIDO and item.reply_url
        assert item.handled_by_id == people.suplente  # who ignored it stays on record
    assert _conflicts(a) == _conflicts(b) == 0


def test_two_claims_at_the_same_moment_give_exactly_one_holder(pair, server, clock, logins):
    import threading
    from datetime import timedelta as td

    from sqlalchemy import select as sql_select

    from redes_desktop.models.base import table_of

    a, b, people, networks = pair
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana")
    poller(a.db, clock, MemoryRecorder(), networks).poll()
    a.sync()
    item_id = items(a.db)[0].id
    t = table_of(InboxItem)
    with a.db.engine.connect() as conn:
        row = dict(conn.execute(sql_select(t).where(t.c.id == item_id)).mappings().one())
    contenders = [(SharedClaims(logins("titular.jal@ine.mx")), people.titular),
                  (SharedClaims(logins("suplente.jal@ine.mx")), people.suplente)]
    for claims, _who in contenders:  # connections open before the race
        claims.shared.connect().close()
    barrier = threading.Barrier(2)
    answers: list = []

    def race(claims, who) -> None:
        barrier.wait()
        answers.append(claims.claim(row, who, clock(), clock() + td(minutes=15)))

    threads = [threading.Thread(target=race, args=c) for c in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answer.taken for answer in answers) == [False, True]
    winner = next(answer for answer in answers if answer.taken).row["claimed_by_id"]
    loser = next(answer for answer in answers if not answer.taken)
    assert loser.holder_id == winner
