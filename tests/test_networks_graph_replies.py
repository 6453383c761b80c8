"""An answer from the inbox to a Facebook or Instagram comment or direct message whose send
timed out after the network took it (the fake stores it, then never answers): the connector
looks where such an answer lives — the comment's replies (GET /{comment-id}/comments on
Facebook, /{comment-id}/replies on Instagram) or the person's conversation — finds it, it is
not sent twice, and the inbox item ends answered with the right address. Before, only the
page's posts were searched and each of these ended as «pudo haber llegado»."""

from __future__ import annotations

import pytest

from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.models.enums import Network
from redes_desktop.models.inbox import InboxState
from redes_desktop.services.activity import MemoryRecorder
from tests.graph_support import graph_office, impatient
from tests.inbox_support import courtesy_checker, items, poller

CASES = {
    # (network, what the person wrote): (the send that stalls, where the lookup reads)
    (Network.FACEBOOK, "comentario"): ("POST /graph/{comment}/comments",
                                       "GET /graph/{comment}/comments"),
    (Network.INSTAGRAM, "comentario"): ("POST /graph/{comment}/replies",
                                        "GET /graph/{comment}/replies"),
    (Network.FACEBOOK, "mensaje"): ("POST /graph/{page}/messages",
                                    "GET /graph/{page}/conversations"),
    (Network.INSTAGRAM, "mensaje"): ("POST /graph/{page}/messages",
                                     "GET /graph/{page}/conversations"),
}


def incoming(server, network: Network, kind: str) -> None:
    if kind == "mensaje":
        if network == Network.FACEBOOK:
            server.add_fb_message("¿Dónde voto?")
        else:
            server.add_ig_message("¿Dónde voto?")
    elif network == Network.FACEBOOK:
        server.fb_posts.append({"id": "555_1", "message": "Aviso", "created_time":
                                "2026-12-01T10:00:00+0000",
                                "permalink_url": "https://www.facebook.com/555_1"})
        server.add_fb_comment("555_1", "¿Dónde voto?")
    else:
        server.ig_media.append({"id": "42", "caption": "Aviso",
                                "timestamp": "2026-12-01T10:00:00+0000",
                                "permalink": "https://www.instagram.com/p/42/"})
        server.add_ig_comment("42", "¿Dónde voto?")


def sent(server, network: Network, kind: str) -> list[dict]:
    if kind == "mensaje":
        return server.sent_messages("messenger" if network == Network.FACEBOOK
                                    else "instagram")
    if network == Network.FACEBOOK:
        return [c for c in server.fb_comments if c.get("parent")]
    return [c for c in server.ig_comments if c.get("parent")]


def address(server, network: Network, kind: str) -> str:
    if kind == "mensaje":
        return ("https://business.facebook.com/latest/inbox/messenger?asset_id=555"
                if network == Network.FACEBOOK else "https://www.instagram.com/direct/inbox/")
    if network == Network.FACEBOOK:
        return f"https://www.facebook.com/{sent(server, network, kind)[0]['id']}"
    return "https://www.instagram.com/p/42/"  # a comment has no address: its post's


@pytest.mark.parametrize(("network", "kind"), list(CASES))
def test_a_stalled_answer_is_found_where_it_lives_and_not_sent_twice(
        database, clock, server, network, kind):
    office = graph_office(database, clock, server, network)
    incoming(server, network, kind)
    assert poller(database, clock, MemoryRecorder(), office.networks).poll().new_items == 1
    [item] = items(database)
    stalled, lookup = CASES[(network, kind)]
    server.accept_then_stall(stalled)
    recorder = MemoryRecorder()
    result = reply_to_item(
        database, clock=clock, recorder=recorder, checker=courtesy_checker(),
        connector_for=impatient(clock, office.networks), person_id=office.titular,
        item_id=item.id, text="Hola: en ine.mx/ubica", area_contacts=None,
        accept_warnings=True)
    assert server.count(stalled) == 1 and server.count(lookup) >= 1
    [reply] = sent(server, network, kind)
    assert (reply.get("message") or reply.get("text")) == "Hola: en ine.mx/ubica"
    [answered] = items(database)
    assert answered.state == InboxState.RESPONDIDO
    assert answered.reply_url == result.url == address(server, network, kind)
    assert recorder.entries[-1].details["id_en_la_red"] == reply["id"]
    assert "buzon_respuesta_incierta" not in [e.action for e in recorder.entries]
