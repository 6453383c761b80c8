"""The post actions (redes_desktop/actions/): each commits what it did or nothing at all,
refuses to run with nobody signed in, applies the permissions of 5.1 and records in the
bitácora (8.iii). Real SQLite, no Qt."""

from __future__ import annotations

import dataclasses
import inspect
import uuid
from datetime import timedelta

import pytest

from redes_desktop.actions.composable_accounts import NONE, REVIEWER, SUPLENTE, composable_accounts
from redes_desktop.actions.discard_draft import discard_draft
from redes_desktop.actions.list_drafts import list_drafts
from redes_desktop.actions.open_draft import open_draft
from redes_desktop.actions.publish_post import publish_post
from redes_desktop.actions.recent_posts import recent_posts
from redes_desktop.actions.save_draft import create_draft, save_draft
from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.checks.model import CheckResult, Finding, Severity
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import Post, PostStatus
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.consultations import ConsultationService
from redes_desktop.services.directory import Directory
from redes_desktop.services.posts import PostService
from tests.actions_support import FailingRecorder, seed
from tests.checkers import nothing_found

URL = "https://x.com/JLE_JaliscoINE/status/1"


def blocked_without_image(post) -> CheckResult:
    findings = [] if post.media else [Finding("6.xxvi", Severity.BLOQUEA, "Falta imagen")]
    return CheckResult(post.text, post.network, len(post.text), 280, findings)


@pytest.fixture
def people(database, clock):
    return seed(database, clock)


def _new(database, clock, recorder, people, text="Aviso de la jornada", **kw):
    return create_draft(database, clock=clock, recorder=recorder, person_id=people.titular,
                        account_id=people.account, text=text, is_reply=False,
                        media=kw.get("media", ()), findings=kw.get("findings")).post_id


def _post(database, post_id) -> Post:
    with database.session() as session:
        post = session.get(Post, post_id)
        session.expunge_all()
        return post


# -- the guarantees are in the signatures ----------------------------------------------------
def test_publishing_cannot_run_without_the_criteria_checker(session, clock):
    parameter = inspect.signature(PostService.mark_published).parameters["check_post"]
    assert parameter.default is inspect.Parameter.empty


def test_the_services_cannot_be_built_without_a_bitacora_recorder(session, clock, tmp_path):
    with pytest.raises(TypeError, match="recorder"):
        PostService(session, clock)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="recorder"):
        ConsultationService(session, clock, outbox=None, cncs_email="cncs@ine.mx",  # type: ignore[call-arg]
                            media_dir=tmp_path)


# -- which accounts a person may compose for ---------------------------------------------------
def test_the_titular_composes_for_the_account_and_the_others_are_told_why_not(
        database, clock, people):
    found = composable_accounts(database, clock=clock, person_id=people.titular)
    assert [a.id for a in found.accounts] == [people.account] and found.explanation == ""
    assert found.accounts[0].label.startswith("@JLE_JaliscoINE — X")
    assert composable_accounts(database, clock=clock, person_id=people.suplente) == \
        type(found)((), SUPLENTE)
    assert composable_accounts(database, clock=clock, person_id=people.reviewer).explanation \
        == REVIEWER
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        nobody = directory.create_person("Sin cuentas", "sin.cuentas@ine.mx",
                                         directory.person(people.titular).level,
                                         directory.person(people.titular).area)
        session.commit()
        nobody_id = nobody.id
    assert composable_accounts(database, clock=clock, person_id=nobody_id).explanation == NONE


@pytest.mark.parametrize("person_id", [None, uuid.uuid4()])
def test_every_post_action_needs_someone_signed_in(database, clock, people, person_id):
    recorder = MemoryRecorder()
    post_id = _new(database, clock, recorder, people)
    calls = [
        lambda: composable_accounts(database, clock=clock, person_id=person_id),
        lambda: list_drafts(database, person_id=person_id),
        lambda: open_draft(database, person_id=person_id, post_id=post_id),
        lambda: create_draft(database, clock=clock, recorder=recorder, person_id=person_id,
                             account_id=people.account, text="x", is_reply=False, media=(),
                             findings=None),
        lambda: save_draft(database, clock=clock, recorder=recorder, person_id=person_id,
                           post_id=post_id, text="x", is_reply=False, media=(), findings=None),
        lambda: publish_post(database, clock=clock, recorder=recorder,
                             check_post=nothing_found, person_id=person_id, post_id=post_id,
                             url=URL),
        lambda: discard_draft(database, clock=clock, recorder=recorder, person_id=person_id,
                              post_id=post_id),
    ]
    entries = len(recorder.entries)
    for call in calls:
        with pytest.raises(NoIdentity, match="Cambiar de usuario"):
            call()
    assert len(recorder.entries) == entries
    assert _post(database, post_id).text == "Aviso de la jornada"


# -- drafts ------------------------------------------------------------------------------------
def test_a_draft_is_created_saved_listed_and_reopened(database, clock, people, tmp_path):
    recorder = MemoryRecorder()
    findings = [{"regla": "6.xxiv", "severidad": "advierte", "codigo": "orto"}]
    post_id = _new(database, clock, recorder, people, findings=findings)
    assert recorder.entries[-1].action == "borrador_creado"
    assert recorder.entries[-1].details["hallazgos"] == findings
    image = tmp_path / "cartel.png"
    image.write_bytes(b"\x89PNG cartel")
    saved = save_draft(database, clock=clock, recorder=recorder, person_id=people.titular,
                       post_id=post_id, text="Aviso con cartel", is_reply=True,
                       media=[(str(image), "Cartel de la jornada")], findings=None)
    assert saved.changed and recorder.entries[-1].action == "borrador_editado"
    again = save_draft(database, clock=clock, recorder=recorder, person_id=people.titular,
                       post_id=post_id, text="Aviso con cartel", is_reply=True,
                       media=[(str(image), "Cartel de la jornada")], findings=None)
    assert not again.changed
    [summary] = list_drafts(database, person_id=people.titular)
    assert summary.id == post_id and summary.label == "@JLE_JaliscoINE · Aviso con cartel"
    data = open_draft(database, person_id=people.titular, post_id=post_id)
    assert (data.text, data.is_reply, data.media) == (
        "Aviso con cartel", True, ((str(image), "Cartel de la jornada"),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.text = "otro"  # type: ignore[misc]
    assert list_drafts(database, person_id=people.suplente) == ()


def test_a_draft_with_an_image_is_created_in_one_unit_of_work(database, clock, people, tmp_path):
    image = tmp_path / "cartel.png"
    image.write_bytes(b"\x89PNG cartel")
    post_id = _new(database, clock, MemoryRecorder(), people, text="Con imagen",
                   media=[(str(image), "Cartel")])
    data = open_draft(database, person_id=people.titular, post_id=post_id)
    assert data.media == ((str(image), "Cartel"),)


def test_a_suplente_without_coverage_is_refused_and_nothing_is_stored(database, clock, people):
    recorder = MemoryRecorder()
    with pytest.raises(PermissionDenied):
        create_draft(database, clock=clock, recorder=recorder, person_id=people.suplente,
                     account_id=people.account, text="Sin permiso", is_reply=False, media=(),
                     findings=None)
    post_id = _new(database, clock, recorder, people)
    with pytest.raises(PermissionDenied):
        save_draft(database, clock=clock, recorder=recorder, person_id=people.suplente,
                   post_id=post_id, text="Cambiado", is_reply=False, media=(), findings=None)
    with pytest.raises(PermissionDenied):
        discard_draft(database, clock=clock, recorder=recorder, person_id=people.suplente,
                      post_id=post_id)
    assert [d.id for d in list_drafts(database, person_id=people.titular)] == [post_id]
    assert _post(database, post_id).text == "Aviso de la jornada"
    assert [e.action for e in recorder.entries] == ["borrador_creado"]


def test_a_failed_bitacora_write_leaves_no_draft_behind(database, clock, people):
    with pytest.raises(OSError):
        _new(database, clock, FailingRecorder("borrador_creado"), people)
    assert list_drafts(database, person_id=people.titular) == ()


def test_a_discarded_draft_leaves_the_list_and_the_bitacora_says_so(database, clock, people):
    recorder = MemoryRecorder()
    post_id = _new(database, clock, recorder, people)
    discard_draft(database, clock=clock, recorder=recorder, person_id=people.titular,
                  post_id=post_id)
    assert list_drafts(database, person_id=people.titular) == ()
    assert _post(database, post_id).status == PostStatus.DESCARTADA
    assert recorder.entries[-1].action == "descartada"


# -- publishing ----------------------------------------------------------------------------------
def test_publishing_runs_the_checker_and_records_what_it_found(database, clock, people,
                                                              tmp_path):
    recorder = MemoryRecorder()
    post_id = _new(database, clock, recorder, people, text="Sin imagen")
    with pytest.raises(ValidationError, match="6.xxvi"):
        publish_post(database, clock=clock, recorder=recorder, check_post=blocked_without_image,
                     person_id=people.titular, post_id=post_id, url=URL)
    assert _post(database, post_id).status == PostStatus.BORRADOR
    image = tmp_path / "cartel.png"
    image.write_bytes(b"\x89PNG cartel")
    save_draft(database, clock=clock, recorder=recorder, person_id=people.titular,
               post_id=post_id, text="Con imagen", is_reply=False, media=[(str(image), "Alt")],
               findings=None)
    published = publish_post(database, clock=clock, recorder=recorder,
                             check_post=blocked_without_image, person_id=people.titular,
                             post_id=post_id, url=f"  {URL} ")
    assert (published.url, published.warnings) == (URL, 0)
    stored = _post(database, post_id)
    assert stored.status == PostStatus.PUBLICADA and stored.published_url == URL
    entry = recorder.entries[-1]
    assert entry.action == "publicada" and entry.details["revisada"] is True
    assert entry.details["hallazgos"] == []
    assert recent_posts(database, clock=clock, account_id=people.account)[0].text == "Con imagen"
    assert recent_posts(database, clock=clock, account_id=people.account, exclude=post_id) == ()


def test_a_failed_bitacora_write_leaves_the_post_unpublished(database, clock, people):
    post_id = _new(database, clock, MemoryRecorder(), people)
    with pytest.raises(OSError):
        publish_post(database, clock=clock, recorder=FailingRecorder("publicada"),
                     check_post=nothing_found, person_id=people.titular, post_id=post_id,
                     url=URL)
    stored = _post(database, post_id)
    assert stored.status == PostStatus.BORRADOR and stored.published_url is None


def test_a_suplente_without_coverage_cannot_mark_published(database, clock, people):
    post_id = _new(database, clock, MemoryRecorder(), people)
    with pytest.raises(PermissionDenied):
        publish_post(database, clock=clock, recorder=MemoryRecorder(),
                     check_post=nothing_found, person_id=people.suplente, post_id=post_id,
                     url=URL)
    assert _post(database, post_id).status == PostStatus.BORRADOR


def test_recent_posts_leave_out_what_is_older_than_the_spam_window(database, clock, people):
    recorder = MemoryRecorder()
    post_id = _new(database, clock, recorder, people)
    publish_post(database, clock=clock, recorder=recorder, check_post=nothing_found,
                 person_id=people.titular, post_id=post_id, url=URL)
    assert len(recent_posts(database, clock=clock, account_id=people.account)) == 1
    clock.advance(timedelta(days=60))
    assert recent_posts(database, clock=clock, account_id=people.account) == ()
