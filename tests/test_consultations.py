"""Consultations to CNCS (6.viii) through the services, with the injected clock and the real
SMTP server (aiosmtpd): sending a frozen snapshot, deciding, the 48-hour rule at its exact
boundary, publication refused, approval invalidated by an edit, and bad input."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from PIL import ExifTags, Image

from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import Consultation, ConsultationState, PostStatus
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.consultation_queue import queue_rows
from redes_desktop.services.consultation_rules import (
    CONSULTATION_TERM,
    consultation_block,
    format_mexico,
)
from redes_desktop.services.posts import MediaSpec, PostService, sha256_of
from tests.checkers import nothing_found
from tests.test_consultations_support import (
    CNCS,
    actions,
    jpeg_with_gps,
    make_draft,
    make_world,
    outbox_for,
    service_for,
)

S = ConsultationState
TEXT = "¿Procede publicar el cartel de la jornada de credencialización en Jalisco? Año 2026."


@pytest.fixture
def world(session, clock):
    return make_world(session, clock)


@pytest.fixture
def smtp(smtp_server, session, clock):
    host, port, inbox = smtp_server
    return outbox_for(session, clock, host, port), inbox


@pytest.fixture
def service(session, clock, world, data_dir, smtp):
    return service_for(session, clock, world, data_dir / "media", smtp[0])


@pytest.fixture
def photo(tmp_path):
    return jpeg_with_gps(tmp_path / "jornada.jpg")


def send(service, world, post, question="¿Se puede publicar durante la veda?"):
    return service.send(world.office.titular, post, question,
                        findings=[{"rule": "6.xxiv", "severity": "advierte",
                                   "message": "«credencializacion» sin acento"}])


# -- sending ---------------------------------------------------------------------------------
def test_send_freezes_snapshot_and_mails_cncs_with_image_and_deadline(
        session, clock, world, service, smtp, photo, data_dir):
    _outbox, inbox = smtp
    post = make_draft(session, clock, world, TEXT, [photo])
    original = sha256_of(photo)
    outcome = send(service, world, post)

    consultation = session.get(Consultation, outcome.consultation_id)
    assert consultation.sent_at == clock()
    assert consultation.deadline - consultation.sent_at == timedelta(hours=48)
    assert consultation.state == S.PENDIENTE and not consultation.mail_pending
    assert post.status == PostStatus.EN_CONSULTA
    snapshot = consultation.snapshot
    assert snapshot == {
        "text": TEXT, "networks": ["x"],
        "media": [{"file_path": str(photo), "sha256": original, "alt_text": "Cartel 0"}],
        "findings": [{"rule": "6.xxiv", "severity": "advierte",
                      "message": "«credencializacion» sin acento"}],
    }
    assert consultation.snapshot_hash == hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    # content-addressed copy without GPS, named by the ORIGINAL content's hash
    copy = data_dir / "media" / f"{original}.jpg"
    assert copy.is_file()
    with Image.open(copy) as image:
        assert ExifTags.IFD.GPSInfo not in image.getexif()

    [message] = inbox.messages
    assert message["To"] == CNCS
    assert "@JLE_JaliscoINE" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "¿Se puede publicar durante la veda?" in body
    assert TEXT in body
    # 2026-03-10 18:00 UTC + 48 h = Thursday 12 March, 12:00 in México City (UTC-6)
    assert "jueves 12 de marzo de 2026, 12:00 h (hora del centro de México)" in body
    assert "6.xxiv (advierte)" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "jornada.jpg"
    assert attachment.get_content() == copy.read_bytes()
    assert actions(world)[-2:] == ["consulta_enviada", "consulta_correo_enviado"]


def test_unreachable_server_keeps_consultation_with_mail_pending_then_retries(
        session, clock, world, data_dir, smtp_server, photo):
    host, port, inbox = smtp_server
    down = service_for(session, clock, world, data_dir / "media", outbox_for(session, clock,
                                                                            host, 1))
    post = make_draft(session, clock, world, TEXT, [photo])
    outcome = send(down, world, post)
    assert not outcome.mail.sent and "No se pudo conectar" in outcome.mail.error
    consultation = session.get(Consultation, outcome.consultation_id)
    assert consultation.mail_pending and consultation.state == S.PENDIENTE
    assert "consulta_correo_fallido" in actions(world)

    photo.unlink()  # the original moves away: the retry attaches the copy in media/
    clock.advance(timedelta(minutes=2))
    up = service_for(session, clock, world, data_dir / "media",
                     outbox_for(session, clock, host, port))
    assert up.outbox.send_due() == (1, 0)
    assert up.sync_mail_marks() == [consultation]
    assert not consultation.mail_pending
    [message] = inbox.messages
    assert len(list(message.iter_attachments())) == 1
    assert actions(world)[-1] == "consulta_correo_enviado"


def test_refusing_server_is_reported_and_nothing_is_lost(session, clock, world, service, smtp):
    _outbox, inbox = smtp
    inbox.refuse_with = "554 Mensaje rechazado por política"
    outcome = send(service, world, make_draft(session, clock, world, TEXT))
    assert not outcome.mail.sent and "554" in outcome.mail.error
    assert session.get(Consultation, outcome.consultation_id).mail_pending
    assert service.pending_mail_error(outcome.consultation_id).count("554") == 1


def test_moved_image_without_copy_refuses_to_send_and_keeps_the_draft(
        session, clock, world, service, photo):
    post = make_draft(session, clock, world, TEXT, [photo])
    photo.rename(photo.with_name("otra-carpeta.jpg"))
    with pytest.raises(ValidationError, match="No se encontró la imagen"):
        send(service, world, post)
    assert post.status == PostStatus.BORRADOR
    assert session.query(Consultation).count() == 0


@pytest.mark.parametrize("question", ["", "   \n"])
def test_question_is_required(session, clock, world, service, question):
    with pytest.raises(ValidationError, match="Escriba la pregunta"):
        send(service, world, make_draft(session, clock, world, TEXT), question)


def test_only_the_titular_may_consult_and_not_twice(session, clock, world, service):
    post = make_draft(session, clock, world, TEXT)
    with pytest.raises(PermissionDenied):
        service.send(world.office.suplente, post, "¿Procede?")
    send(service, world, post)
    with pytest.raises(ValidationError, match="ya está en consulta"):
        send(service, world, post)


# -- deciding --------------------------------------------------------------------------------
@pytest.mark.parametrize("state, post_status, extra", [
    (S.APROBADA, PostStatus.APROBADA, {}),
    (S.RECHAZADA, PostStatus.RECHAZADA, {"reasoning": "Difunde propaganda en veda."}),
    (S.REQUIERE_CAMBIOS, PostStatus.BORRADOR,
     {"requested_changes": "Quite el nombre del funcionario y agregue la fuente."}),
])
def test_decision_is_recorded_mailed_and_the_post_follows(
        session, clock, world, service, smtp, state, post_status, extra):
    _outbox, inbox = smtp
    post = make_draft(session, clock, world, TEXT)
    outcome = send(service, world, post)
    consultation = session.get(Consultation, outcome.consultation_id)
    clock.advance(timedelta(hours=5))
    mail = service.decide(world.reviewer, consultation, state, **extra)
    assert mail.sent
    assert consultation.state == state and consultation.reviewer_id == world.reviewer.id
    assert consultation.decided_at == clock()
    assert post.status == post_status
    answer = inbox.messages[-1]
    assert set(answer["To"].split(", ")) == {world.office.titular.email, world.office.head.email}
    body = answer.get_body(("plain",)).get_content()
    assert f"Decisión: {state.label} — por Revisora CNCS" in body
    for value in extra.values():
        assert value in body
    assert "consulta_decidida" in actions(world)


def test_bad_decisions_are_refused_with_reasons(session, clock, world, service):
    consultation = session.get(Consultation, send(
        service, world, make_draft(session, clock, world, TEXT)).consultation_id)
    with pytest.raises(PermissionDenied, match="Solo un revisor de CNCS"):
        service.decide(world.office.titular, consultation, S.APROBADA)
    with pytest.raises(ValidationError, match="motivo del rechazo"):
        service.decide(world.reviewer, consultation, S.RECHAZADA, reasoning="  ")
    with pytest.raises(ValidationError, match="qué debe cambiar"):
        service.decide(world.reviewer, consultation, S.REQUIERE_CAMBIOS)
    with pytest.raises(ValidationError, match="Elija una decisión"):
        service.decide(world.reviewer, consultation, S.NO_PROCEDENTE)
    service.decide(world.reviewer, consultation, S.APROBADA)
    with pytest.raises(ValidationError, match="ya fue decidida: «Aprobada» por Revisora CNCS"):
        service.decide(world.reviewer, consultation, S.RECHAZADA, reasoning="Cambié de idea")


# -- the 48-hour rule ------------------------------------------------------------------------
def test_at_47_59_59_still_pending_and_decidable(session, clock, world, service):
    consultation = session.get(Consultation, send(
        service, world, make_draft(session, clock, world, TEXT)).consultation_id)
    clock.advance(CONSULTATION_TERM - timedelta(seconds=1))
    assert service.expire_due() == []
    service.decide(world.reviewer, consultation, S.APROBADA)
    assert consultation.state == S.APROBADA


def test_at_48_00_00_decision_refused_even_before_the_job_then_expired_and_mailed(
        session, clock, world, service, smtp):
    _outbox, inbox = smtp
    post = make_draft(session, clock, world, TEXT)
    consultation = session.get(Consultation, send(service, world, post).consultation_id)
    clock.advance(CONSULTATION_TERM)
    with pytest.raises(ValidationError, match="El plazo de 48 horas venció el jueves 12 de "
                                              "marzo de 2026, 12:00 h"):
        service.decide(world.reviewer, consultation, S.APROBADA)
    assert consultation.state == S.PENDIENTE
    assert service.expire_due() == [consultation]
    assert consultation.state == S.NO_PROCEDENTE
    assert consultation.decided_at == consultation.deadline
    assert post.status == PostStatus.BORRADOR
    expiry = inbox.messages[-1]
    assert "no procedente" in expiry["Subject"]
    assert CNCS in expiry["To"] and world.office.titular.email in expiry["To"]
    assert "No procedente — sin respuesta en 48 h" in expiry.get_body(("plain",)).get_content()
    assert "consulta_vencida" in actions(world)
    assert service.expire_due() == []  # once
    with pytest.raises(ValidationError, match="ya no admite decisión"):
        service.decide(world.reviewer, consultation, S.APROBADA)


def test_daylight_saving_and_time_zone_do_not_move_the_deadline(
        session, clock, request, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        # México City last changed to summer time on Sunday 3 April 2022 at 02:00.
        clock.set(datetime(2022, 4, 2, 18, 0, tzinfo=UTC))  # Saturday 12:00 CST
        world = request.getfixturevalue("world")
        service = request.getfixturevalue("service")
        consultation = session.get(Consultation, send(
            service, world, make_draft(session, clock, world, TEXT)).consultation_id)
        session.commit()
        session.expire_all()
        assert consultation.deadline == datetime(2022, 4, 4, 18, 0, tzinfo=UTC)
        # 48 real hours: the wall clock in México reads 13:00 (CDT), not 12:00
        assert format_mexico(consultation.deadline) == "lunes 4 de abril de 2022, 13:00 h"
        clock.set(datetime(2022, 4, 4, 17, 59, 59, tzinfo=UTC))
        assert service.expire_due() == []
        clock.set(datetime(2022, 4, 4, 18, 0, tzinfo=UTC))
        assert service.expire_due() == [consultation]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


# -- publishing and the exact snapshot -------------------------------------------------------
def _publish(session, clock, world, post):
    return PostService(session, clock, recorder=world.recorder).mark_published(
        world.office.titular, post, "https://x.com/JLE_JaliscoINE/status/1", nothing_found)


@pytest.mark.parametrize("state, extra, match", [
    (None, {}, "en consulta con la CNCS"),
    (S.RECHAZADA, {"reasoning": "No procede."}, "rechazó"),
    (S.REQUIERE_CAMBIOS, {"requested_changes": "Cambie la imagen."}, "pidió cambios"),
    ("expired", {}, "No procedente"),
])
def test_publication_is_refused_unless_approved(session, clock, world, service, state, extra,
                                                match):
    post = make_draft(session, clock, world, TEXT)
    consultation = session.get(Consultation, send(service, world, post).consultation_id)
    if state == "expired":
        clock.advance(CONSULTATION_TERM)
        service.expire_due()
    elif state is not None:
        service.decide(world.reviewer, consultation, state, **extra)
    with pytest.raises(ValidationError, match=match):
        _publish(session, clock, world, post)
    assert post.status != PostStatus.PUBLICADA


def test_expired_but_not_yet_swept_consultation_blocks_publication(session, clock, world,
                                                                    service):
    post = make_draft(session, clock, world, TEXT)
    send(service, world, post)
    post.status = PostStatus.BORRADOR  # as if another station's sync changed it
    clock.advance(CONSULTATION_TERM)
    assert "No procedente" in consultation_block(session, post, clock())


def test_approval_covers_the_exact_snapshot(session, clock, world, service, photo, tmp_path):
    posts = PostService(session, clock, recorder=world.recorder)
    post = make_draft(session, clock, world, TEXT, [photo])
    consultation = session.get(Consultation, send(service, world, post).consultation_id)
    service.decide(world.reviewer, consultation, S.APROBADA)
    assert consultation_block(session, post, clock()) is None

    other = jpeg_with_gps(tmp_path / "otra.jpg")
    posts.save_draft(world.office.titular, post, TEXT, [MediaSpec(str(other), "Cartel 0")])
    assert post.status == PostStatus.BORRADOR
    assert consultation.invalidated_at == clock()
    assert "consulta_invalidada_por_edicion" in actions(world)
    with pytest.raises(ValidationError, match="aprobó otra versión"):
        _publish(session, clock, world, post)


def test_approved_and_unchanged_is_published(session, clock, world, service):
    post = make_draft(session, clock, world, TEXT)
    consultation = session.get(Consultation, send(service, world, post).consultation_id)
    service.decide(world.reviewer, consultation, S.APROBADA)
    _publish(session, clock, world, post)
    assert post.status == PostStatus.PUBLICADA


def test_queue_rows_show_what_each_person_may_see(session, clock, world, service):
    from redes_desktop.services.directory import Directory
    from tests.factories import make_office

    send(service, world, make_draft(session, clock, world, TEXT))
    stranger = make_office(Directory(session, clock, NullRecorder()),
        name="Junta Local Ejecutiva en Sonora",
                           state="Sonora", handle="@JLE_SonoraINE", slug="son")
    assert len(queue_rows(session, visible_to=world.reviewer)) == 1
    assert len(queue_rows(session, visible_to=world.office.head)) == 1
    assert len(queue_rows(session, visible_to=world.office.titular)) == 1
    assert queue_rows(session, visible_to=stranger.titular) == []
    [row] = queue_rows(session, state=S.PENDIENTE)
    assert row.as_json(clock())["countdown"] == "48:00"


def test_media_copy_keeps_non_images_as_they_are(tmp_path):
    from redes_desktop.services.consultations import copy_media

    video = tmp_path / "cápsula.MP4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42 no es una imagen")
    copy = copy_media(video, "ab" * 32, tmp_path / "media")
    assert copy.name == "ab" * 32 + ".mp4" and copy.read_bytes() == video.read_bytes()
    assert copy_media(video, "ab" * 32, tmp_path / "media") == copy  # content-addressed: once
