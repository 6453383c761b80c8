"""A shared database with two areas and a CNCS reviewer, each with their own login role, one
consultation approved by the reviewer (through her login) and one pending, for the tests that
try to forge a CNCS decision (test_decision_forgery.py, test_sync_decisions.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import URL, Engine, create_engine, text

from redes_desktop.models import Consultation, Post
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.consultation_rules import snapshot_hash
from redes_desktop.services.directory import Directory
from redes_desktop.sync.shared_schema import grant_person
from tests.factories import AreaKind, Level, Office, Role, make_office
from tests.test_sync_support import drop_role

# Sent an hour ago by the real clock: the shared database applies the 48-hour term with its own
# clock (`now()`), so a consultation sent at a fixed date would already be past its term there.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
SNAPSHOT = {"text": "Texto aprobado", "media": []}


@dataclass
class World:
    schema: str
    jal: Office
    son: Office
    reviewer_id: uuid.UUID
    approved: uuid.UUID  # Jalisco's consultation, approved by the reviewer's login
    pending: uuid.UUID  # Jalisco's other consultation, still pending
    post: uuid.UUID  # the Jalisco post of the approved consultation
    pending_post: uuid.UUID  # the Jalisco post of the pending one
    son_post: uuid.UUID
    engines: dict[str, Engine] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)

    def login_url(self, key: str) -> URL:
        return URL.create("postgresql+psycopg", username=self.roles[key], host="127.0.0.1",
                          port=5432, database="test",
                          query={"options": f"-csearch_path={self.schema}"})


def run(engine: Engine, sql: str, **params):
    with engine.begin() as conn:
        return conn.execute(text(sql), params)


def consultation_row(world: World, consultation_id: uuid.UUID, **values) -> dict:
    """Column values of a consultation on Jalisco's account (pending unless told)."""
    post = world.pending_post if consultation_id == world.pending else world.post
    row = {
        "id": consultation_id, "post_id": post, "account_id": world.jal.account.id,
        "author_id": world.jal.titular.id, "snapshot": '{"text": "Texto aprobado", "media": []}',
        "question": "¿Procede?", "sent_at": T0, "deadline": T0 + timedelta(hours=48),
        "state": "pendiente", "mail_pending": False, "reviewer_id": None, "decided_at": None,
        "reasoning": "", "requested_changes": "", "snapshot_hash": snapshot_hash(SNAPSHOT),
        "invalidated_at": None, "created_at": T0, "updated_at": T0, "row_version": 1,
    }
    row.update(values)
    return row


INSERT = (
    "INSERT INTO consultations (id, post_id, account_id, author_id, snapshot, question, sent_at, "
    "deadline, state, mail_pending, reviewer_id, decided_at, reasoning, requested_changes, "
    "snapshot_hash, invalidated_at, created_at, updated_at, row_version) VALUES (:id, :post_id, "
    ":account_id, :author_id, CAST(:snapshot AS json), :question, :sent_at, :deadline, :state, "
    ":mail_pending, :reviewer_id, :decided_at, :reasoning, :requested_changes, :snapshot_hash, "
    ":invalidated_at, :created_at, :updated_at, :row_version)"
)


def approval(world: World, **values) -> dict:
    """The decision columns of an approval naming the real reviewer."""
    return {"state": "aprobada", "reviewer_id": world.reviewer_id,
            "decided_at": T0 + timedelta(hours=1), "reasoning": "Cumple los criterios.",
            **values}


@pytest.fixture
def decision_world(stations, shared_engine) -> World:
    tag = uuid.uuid4().hex[:8]
    root = stations("root")
    with root.db.session() as s:
        d = Directory(s, lambda: T0, NullRecorder())
        jal = make_office(d, slug=f"jal{tag}", handle="@JLE_JalINE")
        son = make_office(d, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                          handle="@JLE_SonINE", slug=f"son{tag}")
        cncs = d.create_area("CNCS", AreaKind.OFICINAS_CENTRALES)
        reviewer = d.create_person("Revisora", f"revisora{tag}@ine.mx", Level.MANDO_MEDIO, cncs,
                                   [Role.REVISOR_CNCS])
        posts = []
        for office in (jal, jal, son):
            post = Post(account_id=office.account.id, network=office.account.network,
                        author_id=office.titular.id, text=SNAPSHOT["text"])
            s.add(post)
            posts.append(post)
        s.flush()
        ids = []
        for post in posts[:2]:
            c = Consultation(post_id=post.id, account_id=jal.account.id,
                             author_id=jal.titular.id, snapshot=dict(SNAPSHOT),
                             question="¿Procede?", sent_at=T0,
                             deadline=T0 + timedelta(hours=48),
                             snapshot_hash=snapshot_hash(SNAPSHOT))
            s.add(c)
            s.flush()
            ids.append(c.id)
        s.commit()
        world = World("", jal, son, reviewer.id, ids[0], ids[1], posts[0].id, posts[1].id,
                      posts[2].id)
    root.sync()
    with shared_engine.connect() as conn:
        world.schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    for key, email in (("jal", jal.titular.email), ("son", son.titular.email),
                       ("cncs", reviewer.email)):
        world.roles[key] = grant_person(shared_engine, email)
        world.engines[key] = create_engine(world.login_url(key))
    run(world.engines["cncs"], "UPDATE consultations SET state = 'aprobada', reviewer_id = :r, "
        "decided_at = :t, reasoning = 'Cumple los criterios.' WHERE id = :i",
        r=reviewer.id, t=T0 + timedelta(hours=1), i=world.approved)
    yield world
    for engine in world.engines.values():
        engine.dispose()
    for role in world.roles.values():
        drop_role(shared_engine, role)
