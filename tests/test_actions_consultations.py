"""The consultation actions (redes_desktop/actions/, criterion 6.viii): send, decide, list,
open, expire. Each commits what it did or nothing, refuses to run with nobody signed in,
applies the permissions, records in the bitácora (8.iii) and mails through the outbox it is
given. Real SQLite and a real SMTP server, no Qt."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from redes_desktop.actions.consultation_detail import consultation_detail
from redes_desktop.actions.consultation_for_post import consultation_for_post
from redes_desktop.actions.consultation_mail import ConsultationMail
from redes_desktop.actions.decide_consultation import decide_consultation
from redes_desktop.actions.expire_consultations import expire_consultations
from redes_desktop.actions.list_consultations import all_consultations, list_consultations
from redes_desktop.actions.save_draft import create_draft
from redes_desktop.actions.send_consultation import preview_draft, send_consultation
from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import Consultation, ConsultationState, Post, PostStatus
from redes_desktop.services.activity import MemoryRecorder
from tests.actions_support import FailingRecorder, seed
from tests.test_consultations_support import CNCS, outbox_for

S = ConsultationState


@pytest.fixture
def people(database, clock):
    return seed(database, clock)


@pytest.fixture
def no_mail(tmp_path):
    """This station has no mail server: consultations keep "correo pendiente"."""
    return ConsultationMail(outbox=lambda _session: None, cncs_email=CNCS,
                            media_dir=tmp_path / "media")


def _draft(database, clock, people, text="¿Podemos publicar el cartel de la consulta?"):
    return create_draft(database, clock=clock, recorder=MemoryRecorder(),
                        person_id=people.titular, account_id=people.account, text=text,
                        is_reply=False, media=(), findings=None).post_id


def _send(database, clock, recorder, mail, people, post_id, person_id=None, question="¿Procede?"):
    return send_consultation(database, clock=clock, recorder=recorder, mail=mail,
                             person_id=person_id or people.titular, post_id=post_id,
                             question=question, networks=["x"], findings=[])


def _decide(database, clock, recorder, mail, person_id, consultation_id, state=S.APROBADA,
            **texts):
    return decide_consultation(database, clock=clock, recorder=recorder, mail=mail,
                               person_id=person_id, consultation_id=consultation_id,
                               state=state, reasoning=texts.get("reasoning", ""),
                               requested_changes=texts.get("requested_changes", ""))


def _stored(database, model, row_id):
    with database.session() as session:
        row = session.get(model, row_id)
        session.expunge_all()
        return row


def _count(database) -> int:
    with database.session() as session:
        return session.query(Consultation).count()


def test_sending_freezes_the_draft_and_mails_cncs(database, clock, people, smtp_server,
                                                  tmp_path):
    host, port, inbox = smtp_server
    mail = ConsultationMail(outbox=lambda s: outbox_for(s, clock, host, port), cncs_email=CNCS,
                            media_dir=tmp_path / "media")
    recorder = MemoryRecorder()
    post_id = _draft(database, clock, people)
    preview = preview_draft(database, person_id=people.titular, post_id=post_id)
    assert (preview.account, preview.images, preview.status) == (
        "@JLE_JaliscoINE", 0, PostStatus.BORRADOR)
    outcome = _send(database, clock, recorder, mail, people, post_id)
    assert outcome.mail.sent and [m["To"] for m in inbox.messages] == [CNCS]
    assert [e.action for e in recorder.entries] == ["consulta_enviada",
                                                    "consulta_correo_enviado"]
    consultation = _stored(database, Consultation, outcome.consultation_id)
    assert consultation.state == S.PENDIENTE and not consultation.mail_pending
    assert _stored(database, Post, post_id).status == PostStatus.EN_CONSULTA
    shown = consultation_for_post(database, post_id=post_id)
    assert shown.consultation_id == outcome.consultation_id and shown.state == S.PENDIENTE


def test_without_a_mail_server_the_consultation_is_kept_with_its_mail_pending(
        database, clock, people, no_mail):
    recorder = MemoryRecorder()
    outcome = _send(database, clock, recorder, no_mail, people, _draft(database, clock, people))
    assert not outcome.mail.sent and "servidor de correo" in outcome.mail.error
    assert _stored(database, Consultation, outcome.consultation_id).mail_pending
    assert recorder.entries[-1].action == "consulta_correo_fallido"


def test_a_refused_send_changes_nothing(database, clock, people, no_mail):
    post_id = _draft(database, clock, people)
    recorder = MemoryRecorder()
    with pytest.raises(ValidationError, match="pregunta"):
        _send(database, clock, recorder, no_mail, people, post_id, question="   ")
    with pytest.raises(PermissionDenied):
        _send(database, clock, recorder, no_mail, people, post_id, person_id=people.suplente)
    with pytest.raises(OSError):
        _send(database, clock, FailingRecorder("consulta_enviada"), no_mail, people, post_id)
    assert _count(database) == 0 and recorder.entries == []
    assert _stored(database, Post, post_id).status == PostStatus.BORRADOR


@pytest.mark.parametrize("person_id", [None, uuid.uuid4()])
def test_every_consultation_action_needs_someone_signed_in(database, clock, people, no_mail,
                                                           person_id):
    recorder = MemoryRecorder()
    post_id = _draft(database, clock, people)
    sent = _send(database, clock, recorder, no_mail, people, post_id)
    entries = len(recorder.entries)
    calls = [
        lambda: preview_draft(database, person_id=person_id, post_id=post_id),
        lambda: send_consultation(database, clock=clock, recorder=recorder, mail=no_mail,
                                  person_id=person_id, post_id=post_id, question="¿Procede?",
                                  networks=[], findings=[]),
        lambda: list_consultations(database, clock=clock, person_id=person_id),
        lambda: consultation_detail(database, clock=clock, person_id=person_id,
                                    consultation_id=sent.consultation_id,
                                    media_dir=no_mail.media_dir),
        lambda: _decide(database, clock, recorder, no_mail, person_id, sent.consultation_id),
    ]
    for call in calls:
        with pytest.raises(NoIdentity):
            call()
    assert len(recorder.entries) == entries
    assert _stored(database, Consultation, sent.consultation_id).state == S.PENDIENTE


def test_a_reviewer_decides_and_the_draft_follows(database, clock, people, no_mail):
    recorder = MemoryRecorder()
    post_id = _draft(database, clock, people)
    sent = _send(database, clock, recorder, no_mail, people, post_id)
    detail = consultation_detail(database, clock=clock, person_id=people.reviewer,
                                 consultation_id=sent.consultation_id,
                                 media_dir=no_mail.media_dir)
    assert detail.can_decide and detail.decide_refusal == "" and detail.mail_pending
    mine = consultation_detail(database, clock=clock, person_id=people.titular,
                               consultation_id=sent.consultation_id,
                               media_dir=no_mail.media_dir)
    assert not mine.can_decide and mine.decide_refusal
    with pytest.raises(PermissionDenied):
        _decide(database, clock, recorder, no_mail, people.titular, sent.consultation_id)
    with pytest.raises(ValidationError, match="motivo del rechazo"):
        _decide(database, clock, recorder, no_mail, people.reviewer, sent.consultation_id,
                S.RECHAZADA)
    assert _stored(database, Consultation, sent.consultation_id).state == S.PENDIENTE
    _decide(database, clock, recorder, no_mail, people.reviewer, sent.consultation_id)
    assert _stored(database, Consultation, sent.consultation_id).state == S.APROBADA
    assert _stored(database, Post, post_id).status == PostStatus.APROBADA
    decided = [e for e in recorder.entries if e.action == "consulta_decidida"]
    assert [(e.actor_id, e.details["decision"]) for e in decided] == [
        (people.reviewer, "aprobada")]
    again = consultation_detail(database, clock=clock, person_id=people.reviewer,
                                consultation_id=sent.consultation_id,
                                media_dir=no_mail.media_dir)
    assert not again.can_decide and "ya fue decidida" in again.decide_refusal


def test_a_failed_bitacora_write_leaves_the_consultation_undecided(database, clock, people,
                                                                  no_mail):
    post_id = _draft(database, clock, people)
    sent = _send(database, clock, MemoryRecorder(), no_mail, people, post_id)
    with pytest.raises(OSError):
        _decide(database, clock, FailingRecorder("consulta_decidida"), no_mail, people.reviewer,
                sent.consultation_id)
    assert _stored(database, Consultation, sent.consultation_id).state == S.PENDIENTE
    assert _stored(database, Post, post_id).status == PostStatus.EN_CONSULTA


def test_the_queue_shows_each_person_what_they_may_see(database, clock, people, no_mail):
    sent = _send(database, clock, MemoryRecorder(), no_mail, people,
                 _draft(database, clock, people))
    for person_id in (people.reviewer, people.titular):
        rows = list_consultations(database, clock=clock, person_id=person_id)
        assert [r.id for r in rows] == [sent.consultation_id]
    assert [r.id for r in all_consultations(database, state=S.PENDIENTE)] == [
        sent.consultation_id]
    assert all_consultations(database, state=S.APROBADA) == []


def test_the_48_hour_rule_expires_once_and_records_it(database, clock, people, no_mail):
    recorder = MemoryRecorder()
    post_id = _draft(database, clock, people)
    sent = _send(database, clock, recorder, no_mail, people, post_id)
    assert expire_consultations(database, clock=clock, recorder=recorder,
                                mail=no_mail).expired == ()
    clock.advance(timedelta(hours=49))
    detail = consultation_detail(database, clock=clock, person_id=people.reviewer,
                                 consultation_id=sent.consultation_id,
                                 media_dir=no_mail.media_dir)
    assert detail.expired_now and not detail.can_decide and "48 horas" in detail.decide_refusal
    expiry = expire_consultations(database, clock=clock, recorder=recorder, mail=no_mail)
    assert [(c.id, c.account_handle) for c in expiry.expired] == [
        (sent.consultation_id, "@JLE_JaliscoINE")]
    assert not expiry.raced
    assert _stored(database, Consultation, sent.consultation_id).state == S.NO_PROCEDENTE
    assert _stored(database, Post, post_id).status == PostStatus.BORRADOR
    expired = [e for e in recorder.entries if e.action == "consulta_vencida"]
    assert len(expired) == 1 and expired[0].actor_id is None
    assert expire_consultations(database, clock=clock, recorder=recorder,
                                mail=no_mail).expired == ()
