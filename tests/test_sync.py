"""Sync engine against the real PostgreSQL: push, pull, version conflicts, owner rules."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from redes_desktop.models import (
    AreaKind,
    Consultation,
    ConsultationState,
    Level,
    Post,
    PostMedia,
    Role,
)
from redes_desktop.models.sync_state import SyncChange, SyncConflict
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from tests import test_sync_support as _support
from tests.factories import make_office
from tests.test_sync_support import Station, make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
logins = _support.logins  # fixture

T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def _office(station: Station):
    with station.db.session() as s:
        office = make_office(Directory(s, lambda: T0, NullRecorder()))
        office.titular.roles = [Role.ADMIN_TITULAR.value]
        s.commit()
        return office


def _draft(station: Station, office, text_: str = "Hola") -> uuid.UUID:
    with station.db.session() as s:
        post = Post(account_id=office.account.id, network=office.account.network,
                    author_id=office.titular.id, text=text_)
        s.add(post)
        s.commit()
        return post.id


def test_push_then_pull_brings_everything_to_another_station(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    post_id = _draft(a, office, "Borrador del titular")
    report = a.sync()
    assert report.push.sent >= 8
    with a.db.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncChange)) == 0
    b.sync()
    with b.db.session() as s:
        assert s.get(Post, post_id).text == "Borrador del titular"
        assert s.get(Post, post_id).account.area.titular_id == office.head.id
    # Nothing to do: nothing moves.
    again = b.sync()
    assert again.push.sent == 0 and again.pull.received == 0


def test_edits_and_deletes_travel_and_replays_change_nothing(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    post_id = _draft(a, office)
    with a.db.session() as s:
        post = s.get(Post, post_id)
        post.media = [PostMedia(position=0, file_path="/x.png", sha256="0" * 64)]
        s.commit()
    a.sync()
    b.sync()
    with b.db.session() as s:
        post = s.get(Post, post_id)
        assert len(post.media) == 1
        post.text = "Editado en B"
        post.media = []
        s.commit()
    b.sync()
    a.sync()
    with a.db.session() as s:
        post = s.get(Post, post_id)
        assert post.text == "Editado en B" and post.media == []
        assert post.row_version == 2


def test_same_draft_edited_on_two_disconnected_stations_keeps_both(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    post_id = _draft(a, office, "Original")
    a.sync()
    b.sync()
    for station, words in ((a, "Versión de A"), (b, "Versión de B")):
        with station.db.session() as s:
            s.get(Post, post_id).text = words
            s.commit()
    a.sync()
    report = b.sync()
    assert report.push.conflicts == 1
    a.sync()
    for station in (a, b):
        with station.db.session() as s:
            assert s.get(Post, post_id).text == "Versión de A"
            conflict = s.scalars(select(SyncConflict)).one()
            assert conflict.local_data["text"] == "Versión de B"
            assert conflict.server_data["text"] == "Versión de A"
            assert conflict.kind == "versiones"
            assert conflict.area_id == office.area.id


def test_cncs_decision_reaches_the_composer_and_snapshot_is_immutable(stations, logins,
                                                                     tmp_path):
    admin = stations("admin")
    office = _office(admin)
    with admin.db.session() as s:
        d = Directory(s, lambda: T0, NullRecorder())
        cncs = d.create_area("CNCS", AreaKind.OFICINAS_CENTRALES)
        tag = uuid.uuid4().hex[:8]
        person = d.create_person("Revisora", f"revisora{tag}@ine.mx", Level.MANDO_MEDIO, cncs,
                                 [Role.REVISOR_CNCS])
        s.commit()
        reviewer_id, reviewer_email = person.id, person.email
    admin.sync()
    # Only a reviewer's own login makes a decision the shared database vouches for.
    reviewer = make_station(tmp_path, "cncs", logins(reviewer_email), reviewer=True,
                            person_id=reviewer_id)
    post_id = _draft(admin, office, "Texto para consulta")
    # Sent an hour ago: the shared database refuses a decision past the 48 hours by its clock.
    sent = datetime.now(UTC) - timedelta(hours=1)
    with admin.db.session() as s:
        c = Consultation(post_id=post_id, account_id=office.account.id,
                         author_id=office.titular.id, snapshot={"text": "Texto para consulta"},
                         question="¿Procede?", sent_at=sent, deadline=sent + timedelta(hours=48),
                         snapshot_hash="a" * 64)
        s.add(c)
        s.commit()
        consultation_id = c.id
    admin.sync()
    reviewer.sync()
    with reviewer.db.session() as s:
        c = s.get(Consultation, consultation_id)
        c.state = ConsultationState.APROBADA
        c.reviewer_id = reviewer_id
        c.decided_at = T0 + timedelta(hours=1)
        c.reasoning = "Cumple los criterios."
        s.commit()
    # Meanwhile the admin (offline) touches an area-side column and tries to change the decision
    # and the snapshot.
    with admin.db.session() as s:
        c = s.get(Consultation, consultation_id)
        c.mail_pending = True
        c.state = ConsultationState.RECHAZADA
        s.commit()
    reviewer.sync()
    report = admin.sync()
    assert report.push.merged == 1
    reviewer.sync()
    for station in (admin, reviewer):
        with station.db.session() as s:
            c = s.get(Consultation, consultation_id)
            assert c.state == ConsultationState.APROBADA
            assert c.reasoning == "Cumple los criterios."
            assert c.mail_pending is True
    with admin.db.session() as s:
        s.get(Consultation, consultation_id).snapshot = {"text": "Otro texto"}
        s.commit()
    report = admin.sync()
    assert report.push.conflicts == 1
    with admin.db.session() as s:
        assert s.get(Consultation, consultation_id).snapshot == {"text": "Texto para consulta"}
        refused = s.scalars(select(SyncConflict).where(SyncConflict.kind == "rechazado")).one()
        assert "instantánea" in refused.reason
    reviewer.db.dispose()


def test_edit_against_a_deletion_keeps_the_edit(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    post_id = _draft(a, office)
    with a.db.session() as s:
        s.get(Post, post_id).media = [PostMedia(position=0, file_path="/y.png", sha256="1" * 64)]
        s.commit()
    a.sync()
    b.sync()
    with a.db.session() as s:
        s.get(Post, post_id).media = []
        s.commit()
    with b.db.session() as s:
        s.get(Post, post_id).media[0].alt_text = "Descripción"
        s.commit()
    a.sync()
    assert b.sync().push.conflicts == 1
    with b.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PostMedia)) == 0
        conflict = s.scalars(select(SyncConflict)).one()
        assert conflict.kind == "eliminado" and conflict.local_data["alt_text"] == "Descripción"


def test_shared_database_newer_schema_is_refused(stations, shared_engine):
    from redes_desktop.errors import UserFacingError

    a = stations("a")
    with shared_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_del_futuro'"))
    with pytest.raises(UserFacingError, match="versión más reciente"):
        a.sync()


def test_uninitialised_shared_database_says_what_to_do(tmp_path, postgres_engine):
    from redes_desktop.database import open_database, open_local_database
    from redes_desktop.sync.engine import SharedSchemaError, SyncEngine

    open_database(postgres_engine)
    db = open_local_database(tmp_path / "l.sqlite3")
    try:
        with pytest.raises(SharedSchemaError, match="shared-db init"):
            SyncEngine(db.engine, postgres_engine).sync()
    finally:
        db.dispose()
