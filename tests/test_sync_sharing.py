"""A suplente's workstation sees the titular's drafts, consultations and bitácora after one
sync (fake bitácora entries behind the BitacoraSource interface); random interleavings of edits
and syncs on three workstations converge with nothing lost (hypothesis)."""

from __future__ import annotations

import hashlib
import hmac
import os
import random
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, Phase, given, note, seed, settings
from hypothesis import strategies as st
from sqlalchemy import select

from redes_desktop.models import Consultation, Post
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.sync.bitacora import BitacoraEntry
from tests import test_sync_support as _support
from tests.test_sync import T0, _draft, _office
from tests.test_sync_support import make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
KEY = b"clave-de-prueba"


class FakeBitacora:
    """A hash-chained log per origin, as the real bitácora keeps one (issue 5)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.entries: dict[tuple[str, int], BitacoraEntry] = {}

    def write(self, text: str) -> None:
        seq = 1 + max((s for o, s in self.entries if o == self.origin), default=0)
        previous = self.entries.get((self.origin, seq - 1))
        payload = text.encode()
        mac = hmac.new(KEY, (previous.mac if previous else "").encode() + payload,
                       hashlib.sha256).hexdigest()
        self.entries[(self.origin, seq)] = BitacoraEntry(
            self.origin, seq, T0 + timedelta(minutes=seq), {"accion": "prueba"}, payload, mac)

    def entries_after(self, origin: str, seq: int) -> list[BitacoraEntry]:
        return sorted((e for (o, s), e in self.entries.items() if o == origin and s > seq),
                      key=lambda e: e.seq)

    def import_entries(self, entries) -> int:
        new = [e for e in entries if (e.origin, e.seq) not in self.entries]
        for e in new:
            self.entries[(e.origin, e.seq)] = e
        return len(new)

    def verify(self, origin: str) -> bool:
        mac = ""
        for entry in self.entries_after(origin, 0):
            expected = hmac.new(KEY, mac.encode() + entry.payload, hashlib.sha256).hexdigest()
            if expected != entry.mac:
                return False
            mac = entry.mac
        return True


def test_suplente_sees_titular_drafts_consultations_and_bitacora(tmp_path, shared_engine):
    titular = make_station(tmp_path, "titular", shared_engine)
    origin = titular.engine.origin
    titular.engine.bitacora = FakeBitacora(origin)
    office = _office(titular)
    post_id = _draft(titular, office, "Borrador de la titular")
    with titular.db.session() as s:
        s.add(Consultation(post_id=post_id, account_id=office.account.id,
                           author_id=office.titular.id, snapshot={"text": "x"}, question="¿?",
                           sent_at=T0, deadline=T0 + timedelta(hours=48)))
        s.commit()
    for n in range(5):
        titular.engine.bitacora.write(f"entrada {n}")
    report = titular.sync()
    assert report.bitacora_sent == 5
    suplente = make_station(tmp_path, "suplente", shared_engine)
    suplente.engine.bitacora = FakeBitacora(suplente.engine.origin)
    report = suplente.sync()
    assert report.bitacora_received == 5
    with suplente.db.session() as s:
        assert s.get(Post, post_id).text == "Borrador de la titular"
        assert len(s.scalars(select(Consultation)).all()) == 1
    assert suplente.engine.bitacora.verify(origin)
    # Nothing is sent twice.
    assert titular.sync().bitacora_sent == 0 and suplente.sync().bitacora_received == 0
    titular.db.dispose()
    suplente.db.dispose()


# "edit" and "delete" act on the n-th post the station has (n = the third value, modulo).
operations = st.lists(
    st.tuples(st.sampled_from(["edit", "new", "sync", "delete"]), st.integers(0, 2),
              st.integers(0, 7)),
    min_size=3, max_size=12,
)
# The property runs twice in CI: on the same examples every time (derandomized), and on fresh
# ones drawn from a seed printed with any failure (REDES_PROPERTY_SEED=<n> replays it).
# REDES_PROPERTY_EXAMPLES raises the number of examples for a long hunt.
RANDOM_SEED = int(os.environ.get("REDES_PROPERTY_SEED") or random.SystemRandom().randrange(2**32))
EXAMPLES = int(os.environ.get("REDES_PROPERTY_EXAMPLES") or 8)
_common = dict(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
               suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings(derandomize=True, **_common)  # the same examples on every run
@given(ops=operations)
def test_random_interleavings_converge(tmp_path_factory, shared_engine, ops):
    _converge(tmp_path_factory, shared_engine, ops)


@seed(RANDOM_SEED)
@settings(derandomize=False, database=None, **_common)
@given(ops=operations)
def test_random_interleavings_converge_random_seed(tmp_path_factory, shared_engine, ops):
    note(f"Reproduce with REDES_PROPERTY_SEED={RANDOM_SEED}")
    try:
        _converge(tmp_path_factory, shared_engine, ops)
    except BaseException as error:
        error.add_note(f"REDES_PROPERTY_SEED={RANDOM_SEED}")
        raise


def _posts(station) -> list[tuple[object, str]]:
    with station.db.session() as s:
        return [(p.id, p.text) for p in s.scalars(select(Post).order_by(Post.created_at,
                                                                          Post.text))]


def _converge(tmp_path_factory, shared_engine, ops):
    tmp = tmp_path_factory.mktemp("ws")
    from sqlalchemy import text

    with shared_engine.begin() as conn:  # each example starts from an empty shared database
        for table in ("sync_conflicts", "post_media", "consultations", "posts",
                      "account_administrators", "accounts"):
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("UPDATE areas SET titular_id = NULL"))
        conn.execute(text("DELETE FROM people"))
        conn.execute(text("DELETE FROM areas"))
        conn.execute(text("DELETE FROM sync_applied"))
    ws = [make_station(tmp, f"w{i}", shared_engine) for i in range(3)]
    try:
        office = _office(ws[0])
        for i in range(2):
            _draft(ws[0], office, f"inicial {i}")
        for w in ws:
            w.sync()
        # What must survive: every text written, unless a station that saw it replaced it or
        # deleted its post on purpose; and each station's last edit of a row not yet sent
        # when the editing stops (nobody can have built on it: a later value replacing it
        # would be a silent overwrite).
        written: set[str] = set()
        unsynced: dict[tuple[int, object], str] = {}
        for n, (op, who, which) in enumerate(ops):
            station = ws[who]
            if op == "sync":
                station.sync()
                unsynced = {k: v for k, v in unsynced.items() if k[0] != who}
                continue
            words = f"{station.name}-{n}"
            if op == "new":
                written.add(words)
                with station.db.session() as s:
                    s.add(Post(account_id=office.account.id, network=office.account.network,
                               author_id=office.titular.id, text=words))
                    s.commit()
                continue
            posts = _posts(station)
            if not posts:
                continue
            post_id, seen_text = posts[which % len(posts)]
            written.discard(seen_text)  # replaced or deleted by someone who saw it
            unsynced.pop((who, post_id), None)
            with station.db.session() as s:
                post = s.get(Post, post_id)
                if op == "edit":
                    post.text = words
                    written.add(words)
                    unsynced[(who, post_id)] = words
                else:
                    s.delete(post)
                s.commit()
        written.update(unsynced.values())
        for _ in range(3):  # conflicts are detected on push and brought back by the next pull
            for w in ws:
                w.sync()
        states = []
        for w in ws:
            with w.db.session() as s:
                posts = {p.id: (p.text, p.row_version) for p in s.scalars(select(Post))}
                conflicts = {(c.row_id, c.local_data["text"]) for c in s.scalars(
                    select(SyncConflict)) if c.local_data}
                states.append((posts, conflicts))
        assert states[0] == states[1] == states[2]
        posts, conflicts = states[0]
        seen = {t for t, _v in posts.values()} | {t for _r, t in conflicts}
        assert written <= seen, f"a change was lost: {sorted(written - seen)}"
    finally:
        for w in ws:
            w.db.dispose()
