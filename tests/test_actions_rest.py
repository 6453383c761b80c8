"""The actions behind the Bitácora viewer, the identity dialog, the conflicts dialog and the
command line (issue 13), without Qt, on real SQLite files: each commits what it did, rolls back
on error, refuses with one message when nobody is chosen, keeps to what the person may read,
and records through the recorder it was given (8.iii)."""

from __future__ import annotations

import io
import json
import uuid

import pytest
from sqlalchemy import select

from redes_desktop.actions.choose_identity import (
    choose_identity,
    identity_choices,
    open_demo,
)
from redes_desktop.actions.official_accounts import official_accounts_text
from redes_desktop.actions.quarterly_report import institute_report
from redes_desktop.actions.read_bitacora import (
    account_id_for,
    audit_scope,
    bitacora_scope,
    export_bitacora,
    export_bitacora_to,
    search_bitacora,
    verify_bitacora,
)
from redes_desktop.actions.resolve_conflict import list_conflicts, resolve_conflict
from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.bitacora import open_bitacora
from redes_desktop.bitacora.query import Filters
from redes_desktop.errors import (
    NotFound,
    UsageError,
    UserFacingError,
    ValidationError,
)
from redes_desktop.models import Person, Post
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry, MemoryRecorder, NullRecorder
from redes_desktop.services.demo import DemoRefused
from redes_desktop.services.directory import Directory
from redes_desktop.sync.conflicts import KEEP_SERVER, MERGED
from redes_desktop.sync.rows import row_json
from tests.factories import make_office, make_reviewer


@pytest.fixture
def world(database, clock):
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        jal = make_office(directory)
        son = make_office(directory, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                          handle="@JLE_SonoraINE", slug="son")
        reviewer = make_reviewer(directory)
        session.commit()
        return dict(jal_titular=jal.titular.id, jal_account=jal.account.id, jal_area=jal.area.id,
                    son_titular=son.titular.id, son_account=son.account.id,
                    reviewer=reviewer.id)


def _count(database, model) -> int:
    with database.session() as session:
        return session.query(model).count()


# -- the bitácora --------------------------------------------------------------------------
@pytest.fixture
def bitacora(data_dir, database, clock, world):
    b = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock)
    b.append_many([
        ActivityEntry(clock(), world["son_titular"], world["son_account"], "publicada",
                      {"texto": "sonora publicada"}),
        ActivityEntry(clock(), world["jal_titular"], world["jal_account"], "publicada",
                      {"texto": "jalisco publicada"}),
        ActivityEntry(clock(), world["jal_titular"], None, "ausencia_registrada",
                      {"texto": "jalisco ausencia"}),
        ActivityEntry(clock(), world["reviewer"], world["son_account"], "consulta_decidida",
                      {"texto": "sonora consulta"}),
    ])
    yield b
    b.close()


def _texts(views) -> set[str]:
    return {view.details["texto"] for view in views}


def test_reading_the_bitacora_needs_a_person(bitacora, database, clock):
    with pytest.raises(NoIdentity) as caught:
        bitacora_scope(bitacora, database, clock=clock, person_id=None)
    assert "Cambiar de usuario" in caught.value.message
    with pytest.raises(NoIdentity):  # someone no longer in the directory
        bitacora_scope(bitacora, database, clock=clock, person_id=uuid.uuid4())


def test_search_and_export_keep_to_the_persons_scope_whatever_the_filters(
        bitacora, database, clock, world):
    scope = bitacora_scope(bitacora, database, clock=clock, person_id=world["jal_titular"])
    assert not scope.visibility.everything
    assert [key for key, _ in scope.accounts()] == [str(world["jal_account"])]
    assert scope.names.people[str(world["son_titular"])]  # names of everyone, for showing
    assert set(scope.actions) == {"publicada", "ausencia_registrada", "consulta_decidida"}
    found: list[int] = []
    # Unscoped filters naming Sonora's account and person: still nothing of Sonora's.
    sonora = Filters(account=world["son_account"])
    assert search_bitacora(bitacora, scope, sonora, "sonora", found.extend) == 0
    assert search_bitacora(bitacora, scope, Filters(), "publicada", found.extend) == 1
    out = io.StringIO()
    outcome = export_bitacora(bitacora, scope, Filters(), out, "json", {"estacion": "x"})
    exported = json.loads(out.getvalue())["entradas"]
    assert outcome.count == 2 and outcome.problem is None
    assert {json.loads(e["detalles"])["texto"] for e in exported} == {
        "jalisco publicada", "jalisco ausencia"}


def test_a_reviewer_and_an_auditor_read_everything(bitacora, database, clock, world):
    reviewer = bitacora_scope(bitacora, database, clock=clock, person_id=world["reviewer"])
    auditor = audit_scope(bitacora, database)
    for scope in (reviewer, auditor):
        out = io.StringIO()
        assert export_bitacora(bitacora, scope, Filters(), out, "csv", {}).count == 4
    assert auditor.names.accounts[str(world["son_account"])].startswith("@JLE_SonoraINE")


def test_export_to_an_unwritable_place_is_a_spanish_message(bitacora, database, tmp_path):
    scope = audit_scope(bitacora, database)
    with pytest.raises(UserFacingError) as caught:
        export_bitacora_to(str(tmp_path / "no-existe" / "x.csv"), bitacora, scope, Filters(),
                           "csv", {})
    assert "No se pudo escribir" in caught.value.message


def test_verify_and_the_account_of_an_export(bitacora, database, world):
    integrity = verify_bitacora(bitacora)
    assert integrity.ok and integrity.checked == 4 and integrity.problems == ()
    assert account_id_for(database, "@JLE_SonoraINE") == world["son_account"]
    gone = uuid.uuid4()
    assert account_id_for(database, str(gone)) == gone  # an id is taken as is
    with pytest.raises(UsageError):
        account_id_for(database, "@no_existe")


# -- who uses this workstation ----------------------------------------------------------------
def test_identity_choices_are_plain_data(database, clock, world):
    choices = identity_choices(database, clock=clock)
    assert not choices.empty
    assert {p.person_id for p in choices.people} >= {world["jal_titular"], world["reviewer"]}
    assert world["jal_area"] in {area_id for area_id, _ in choices.areas}
    identity = choose_identity(database, world["reviewer"], clock=clock)
    assert identity.is_reviewer
    with pytest.raises(NotFound):
        choose_identity(database, uuid.uuid4(), clock=clock)


def test_the_demo_fills_only_an_empty_folder(database, clock, data_dir):
    assert identity_choices(database, clock=clock).empty
    people = open_demo(database, clock=clock, data_dir=data_dir)
    assert people > 0 and _count(database, Person) == people
    with pytest.raises(DemoRefused):
        open_demo(database, clock=clock, data_dir=data_dir)
    assert _count(database, Person) == people


# -- sync conflicts ---------------------------------------------------------------------------
@pytest.fixture
def conflict(database, clock, world):
    with database.session() as s:
        jal_account = world["jal_account"]
        from redes_desktop.models import Account

        account = s.get(Account, jal_account)
        post = Post(account_id=account.id, network=account.network,
                    author_id=world["jal_titular"], text="Versión compartida")
        s.add(post)
        s.flush()
        server = row_json({c.columns[0].name: getattr(post, c.key)
                           for c in Post.__mapper__.column_attrs})
        item = SyncConflict(table_name="posts", row_id=post.id, kind="versiones",
                            reason="Dos estaciones cambiaron el mismo registro sin verse.",
                            local_data={**server, "text": "Versión de esta estación"},
                            server_data=server, detected_at=clock())
        s.add(item)
        s.commit()
        return dict(id=item.id, post=post.id)


def _post_text(database, post_id) -> str:
    with database.session() as s:
        return s.get(Post, post_id).text


def _open_conflicts(database) -> int:
    with database.session() as s:
        return len(s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None)))
                   .all())


def test_conflicts_are_listed_as_plain_data(database, conflict):
    [item] = list_conflicts(database)
    assert item.conflict_id == conflict["id"] and item.table_name == "posts"
    assert item.local_data["text"] == "Versión de esta estación"


def test_resolving_needs_a_person_and_changes_nothing_without_one(database, clock, conflict):
    recorder = MemoryRecorder()
    with pytest.raises(NoIdentity):
        resolve_conflict(database, conflict["id"], KEEP_SERVER, person_id=None, clock=clock,
                         recorder=recorder)
    assert _open_conflicts(database) == 1 and recorder.entries == []


def test_resolving_commits_and_records_who(database, clock, world, conflict):
    recorder = MemoryRecorder()
    resolve_conflict(database, conflict["id"], MERGED, merged={"text": "Texto combinado"},
                     person_id=world["jal_titular"], clock=clock, recorder=recorder)
    assert _open_conflicts(database) == 0
    assert _post_text(database, conflict["post"]) == "Texto combinado"
    [entry] = recorder.entries
    assert entry.action == "conflicto_resuelto" and entry.actor_id == world["jal_titular"]
    assert entry.account_id == world["jal_account"]
    assert entry.details["resolucion"] == MERGED
    with pytest.raises(NotFound):  # resolved meanwhile
        resolve_conflict(database, conflict["id"], KEEP_SERVER, person_id=world["reviewer"],
                         clock=clock, recorder=recorder)


def test_a_bad_merge_rolls_back(database, clock, world, conflict):
    recorder = MemoryRecorder()
    with pytest.raises(ValidationError):
        resolve_conflict(database, conflict["id"], MERGED,
                         merged={"account_id": "no-es-un-uuid"},
                         person_id=world["jal_titular"], clock=clock, recorder=recorder)
    assert _open_conflicts(database) == 1
    assert _post_text(database, conflict["post"]) == "Versión compartida"
    assert recorder.entries == []


# -- the command line's reads -------------------------------------------------------------------
def test_official_registry_and_the_institute_report(database, clock, world):
    text = official_accounts_text(database, "json")
    assert isinstance(json.loads(text), list)
    from redes_desktop.clock import to_mexico

    today = to_mexico(clock()).date()
    report = institute_report(database, today.year, (today.month - 1) // 3 + 1, clock=clock)
    # No person is chosen at the command line: every area's accounts, not one person's.
    assert {world["jal_account"], world["son_account"]} <= {r.account_id for r in report.rows}
