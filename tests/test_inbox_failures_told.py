"""An account whose inbox stopped arriving is said to the person (issue 17), on a real SQLite
file against the local fake X server: the window's job turned a failed poll into nothing at all
— an expired authorisation left the Buzón silently empty, backing off to once an hour. Now a
failure no retry mends, or the third in a row, is a notification, said once until the account
polls fine again."""

from __future__ import annotations

from datetime import timedelta

from redes_desktop.networks.errors import TransientNetworkError
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.services.inbox_jobs import inbox_job
from tests import buzon_world
from tests.inbox_support import connect, poller

# The fixture of tests/buzon_world.py these tests take by name.
context = buzon_world.context


def _failures(notes) -> list[str]:
    return [n.message for n in notes if n.title == "El Buzón no recibe de una cuenta"]


def test_an_expired_authorisation_is_said_once_until_the_account_is_connected_again(
        context, server, clock):
    server.expire_all_tokens()
    server.refresh_tokens.clear()  # nothing to renew with: the person must connect again
    notes = inbox_job(context)
    assert _failures(notes) == [
        "No llegan comentarios ni mensajes de @JLE_JaliscoINE (X): La autorización de X para "
        "esta cuenta venció o fue revocada. Vuelva a conectarla en Cuentas › Conexión con la "
        "red."]
    assert [n.kind for n in notes if n.title.startswith("El Buzón")] == ["urgente"]
    clock.advance(timedelta(hours=2))
    assert _failures(inbox_job(context)) == []  # said once, not every poll
    people = context.people
    connect(context.database, clock, MemoryRecorder(), people.titular, people.account,
            context.networks)
    clock.advance(timedelta(hours=2))
    assert _failures(inbox_job(context)) == []  # polls fine again
    server.expire_all_tokens()
    server.refresh_tokens.clear()
    clock.advance(timedelta(minutes=3))
    assert len(_failures(inbox_job(context))) == 1  # expired again: said again


class Broken:
    def __init__(self, inner) -> None:
        self.inner = inner

    def fetch_inbox(self, cursor):
        raise TransientNetworkError("X", "error 503")


def test_a_passing_failure_is_not_said_the_third_in_a_row_is(context, clock):
    made = poller(context.database, clock, MemoryRecorder(), context.networks, wrap=Broken)
    for attempt in range(1, 4):
        report = made.poll(force=True)
        assert report.failed and not report.ok
        assert bool(report.lasting) == (attempt == 3), attempt
    [said] = report.lasting.values()
    assert said.startswith("@JLE_JaliscoINE (X): X no respondió como se esperaba (error 503)")
