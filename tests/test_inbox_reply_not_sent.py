"""A reply the network did not take (issue 17), on a real SQLite file against the local fake X
server: a rate limit, or a network that cannot be reached before the reply leaves, says that
the reply was not sent and when to send it again — in México City's time — and the item stays
open. (The network's own message, written for the publishing queue, says the program retries
by itself and that nothing needs doing: a reply is never retried by itself.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.errors import UserFacingError
from redes_desktop.models.inbox import InboxState
from redes_desktop.networks.errors import TransientNetworkError
from redes_desktop.services.activity import MemoryRecorder
from tests.actions_support import seed
from tests.inbox_support import connect, connector_for, courtesy_checker, items, network_settings
from tests.inbox_support import poller as make_poller


@pytest.fixture
def world(database, clock, server):
    people = seed(database, clock)
    networks = network_settings(server)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana_mx", name="Ana López")
    make_poller(database, clock, MemoryRecorder(), networks).poll()
    return people, networks, items(database)[0]


def _reply(database, clock, people, item, connectors):
    return reply_to_item(database, clock=clock, recorder=MemoryRecorder(),
                         checker=courtesy_checker(), connector_for=connectors,
                         person_id=people.titular, item_id=item.id,
                         text="Hola, Ana: su casilla está en ine.mx/ubica", area_contacts=None)


def test_a_rate_limited_reply_says_it_was_not_sent_and_when_to_send_it(database, clock, world,
                                                                        server):
    people, networks, item = world
    reset = datetime(2026, 3, 10, 18, 20, tzinfo=UTC)  # 12:20 in México City
    server.fail_next("POST /2/tweets", 429, {"title": "Too Many Requests"},
                     headers={"x-rate-limit-reset": str(int(reset.timestamp()))})
    with pytest.raises(UserFacingError) as raised:
        _reply(database, clock, people, item, connector_for(clock, networks))
    assert raised.value.message == (
        "X limitó las solicitudes de esta cuenta por un tiempo: la respuesta no se envió. "
        "Vuelva a enviarla después de las 12:20 (hora del centro de México).")
    assert server.x_posts == []
    assert items(database)[0].state == InboxState.NUEVO
    # Sent again once the limit passed: it goes out once.
    _reply(database, clock, people, item, connector_for(clock, networks))
    assert len(server.x_posts) == 1 and items(database)[0].state == InboxState.RESPONDIDO


class Unreachable:
    """The connector of an account whose network cannot be reached: nothing leaves."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def publish(self, request):
        raise TransientNetworkError("X", "no se pudo conectar")

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_an_unreachable_network_says_the_reply_was_not_sent(database, clock, world, server):
    people, networks, item = world
    build = connector_for(clock, networks)
    with pytest.raises(UserFacingError) as raised:
        _reply(database, clock, people, item, lambda connection: Unreachable(build(connection)))
    assert raised.value.message == (
        "X no respondió y la respuesta no se envió. Vuelva a enviarla en unos minutos; si "
        "persiste, revise la conexión a Internet.")
    assert "no hace falta" not in raised.value.message
    assert items(database)[0].state == InboxState.NUEVO
