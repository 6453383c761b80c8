"""The demo's Buzón (issue 17): what the public wrote is there before any account is connected,
in every state, grouped as the poller groups it, and each person sees only the items of the
accounts they may see (5.1)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from redes_desktop.clock import to_mexico
from redes_desktop.models import Account, AdminKind, Area, AreaKind, Post
from redes_desktop.models.inbox import DoubtGroup, InboxItem, InboxState
from redes_desktop.services.demo import seed_demo
from redes_desktop.services.recurring_doubts import SUGGEST_AT


@pytest.fixture
def demo(session, clock, data_dir):
    summary = seed_demo(session, clock, data_dir=data_dir)
    session.commit()
    return summary


def test_every_state_kind_and_tag_is_there(session, demo):
    items = list(session.scalars(select(InboxItem)))
    assert demo.inbox_items == len(items) == 15
    assert "El Buzón tiene 15 mensajes del público" in str(demo)
    assert {i.state for i in items} == set(InboxState)
    assert Counter(i.kind for i in items)["mensaje_directo"] == 2
    assert {"solicitud_informacion", "sugerencia", "queja", "pregunta"} <= {
        tag for i in items for tag in i.tags}
    # A private message claims no public address and keeps where to answer it.
    for item in items:
        if item.kind == "mensaje_directo":
            assert item.url == "" and item.parent_remote_id


def test_a_recurring_doubt_reaches_the_suggestion(session, demo):
    sizes = session.execute(select(InboxItem.doubt_group_id, func.count())
                            .where(InboxItem.doubt_group_id.is_not(None))
                            .group_by(InboxItem.doubt_group_id)).all()
    biggest = max(count for _group, count in sizes)
    assert biggest >= SUGGEST_AT  # the Buzón suggests publishing one answer (6.xviii)
    assert session.scalar(select(func.count()).select_from(DoubtGroup)) == len(sizes)


def test_answered_items_keep_their_reply_as_a_post(session, demo):
    answered = list(session.scalars(select(InboxItem).where(
        InboxItem.state == InboxState.RESPONDIDO)))
    assert answered
    for item in answered:
        reply = session.get(Post, item.reply_post_id)
        assert reply is not None and reply.is_reply and reply.account_id == item.account_id
        assert item.replied_by_id and item.replied_at and item.reply_url
        # the reply greets the person by name (6.xvii)
        assert item.author_name.split()[0] in reply.text


def test_the_ignored_and_escalated_items_say_who_handled_them(session, demo):
    handled = list(session.scalars(select(InboxItem).where(
        InboxItem.state.in_([InboxState.IGNORADO, InboxState.ESCALADO]))))
    assert len(handled) == 2
    for item in handled:
        assert item.handled_by_id is not None and item.handled_at is not None
    escalated = next(i for i in handled if i.state == InboxState.ESCALADO)
    assert escalated.escalation_note


def test_the_jalisco_titular_sees_only_the_jalisco_items(session, clock, demo, database):
    from redes_desktop.actions.inbox_list import list_inbox

    jalisco = session.scalar(select(Area).where(Area.kind == AreaKind.JUNTA_LOCAL,
                                                Area.name.contains("Jalisco")))
    items = list(session.scalars(select(InboxItem)))
    local = [i for i in items if session.get(Account, i.account_id).area_id == jalisco.id]
    account = session.get(Account, local[0].account_id)
    titular = next(a.person for a in account.current_administrators(to_mexico(clock()).date())
                   if a.kind == AdminKind.TITULAR)
    page = list_inbox(database, clock=clock, person_id=titular.id)
    assert 0 < page.total == len(local) < len(items)
    assert {row.author for row in page.rows} == {i.author_name for i in local}
    kinds = {row.kind for row in page.rows}
    assert "mensaje_directo" in kinds  # the row keeps the kind's value; the view labels it
