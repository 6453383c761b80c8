"""The consultation job (start-up and every minute): the 48-hour rule by itself, "correo
pendiente" cleared after a retry, and notifications shown once; plus PostgreSQL and the demo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from redes_desktop import jobs
from redes_desktop.context import AppContext
from redes_desktop.models import Consultation, ConsultationState
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.consultation_jobs import run_consultation_jobs
from redes_desktop.services.consultation_queue import queue_rows
from redes_desktop.services.consultation_rules import CONSULTATION_TERM, consultation_block
from redes_desktop.services.consultations import ConsultationService
from redes_desktop.workspace import open_workspace
from tests.test_consultations_support import make_draft, make_world, service_for

S = ConsultationState
SPEC = "redes_desktop.services.consultation_jobs:run_consultation_jobs"


@pytest.fixture
def context(data_dir, clock, smtp_server):
    host, port, _inbox = smtp_server
    workspace = open_workspace(data_dir, clock=clock)
    workspace.settings.smtp_host, workspace.settings.smtp_port = host, port
    workspace.settings.smtp_security = "none"
    database = workspace.open_database()
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    with database.session() as session:
        ctx.world = make_world(session, clock)
        ctx.ids = {"titular": ctx.world.office.titular.id, "reviewer": ctx.world.reviewer.id}
    yield ctx
    workspace.close()


def _send(ctx, question="¿Procede?"):
    with ctx.session() as session:
        service = ConsultationService.from_context(ctx, session)
        person = ctx.directory(session).person(ctx.ids["titular"])
        from redes_desktop.services.posts import PostService

        post = PostService(session, ctx.clock, recorder=NullRecorder()).create_draft(
            person, ctx.directory(session).account(ctx.world.office.account.id), "Texto")
        outcome = service.send(person, post, question)
        session.commit()
        return outcome.consultation_id


def test_jobs_are_registered():
    assert SPEC in jobs.STARTUP_JOBS and SPEC in jobs.PERIODIC_JOBS


def test_reviewer_is_told_once_about_new_consultations(context):
    consultation_id = _send(context)
    context.choose_identity(context.ids["reviewer"])
    [note] = run_consultation_jobs(context)
    assert note.title == "Consulta nueva para la CNCS"
    assert note.target == ("consultas", str(consultation_id))
    assert "Quedan 48:00 h" in note.message
    assert run_consultation_jobs(context) == []  # not repeated every minute
    _send(context)
    _send(context)
    [note] = run_consultation_jobs(context)
    assert note.title == "Consultas nuevas para la CNCS" and "Llegaron 2" in note.message


def test_author_is_told_at_two_hours_left_and_at_expiry_once(context):
    consultation_id = _send(context)
    context.choose_identity(context.ids["titular"])
    assert run_consultation_jobs(context) == []
    context.clock.advance(CONSULTATION_TERM - timedelta(hours=2))
    [note] = run_consultation_jobs(context)
    assert note.title == "Quedan menos de 2 horas" and note.kind == "urgente"
    context.clock.advance(timedelta(minutes=1))
    assert run_consultation_jobs(context) == []
    context.clock.advance(timedelta(hours=2))  # past the deadline: the job expires it
    [note] = run_consultation_jobs(context)
    assert note.title == "Consulta no procedente — sin respuesta en 48 h"
    with context.session() as session:
        assert session.get(Consultation, consultation_id).state == S.NO_PROCEDENTE
    assert "consulta_vencida" in [e.action for e in context.recorder.entries]
    assert run_consultation_jobs(context) == []


def test_author_is_told_of_a_decision(context):
    consultation_id = _send(context)
    with context.session() as session:
        service = ConsultationService.from_context(context, session)
        reviewer = context.directory(session).person(context.ids["reviewer"])
        service.decide(reviewer, service.get(consultation_id), S.REQUIERE_CAMBIOS,
                       requested_changes="Agregue la fuente oficial.")
        session.commit()
    context.choose_identity(context.ids["titular"])
    [note] = run_consultation_jobs(context)
    assert note.title == "Consulta requiere cambios"
    assert "Agregue la fuente oficial." in note.message


def _decide(context, consultation_id) -> None:
    with context.session() as session:
        service = ConsultationService.from_context(context, session)
        reviewer = context.directory(session).person(context.ids["reviewer"])
        service.decide(reviewer, service.get(consultation_id), S.APROBADA)
        session.commit()


def test_a_covering_suplente_is_told_of_decisions_on_the_covered_account(context):
    """Issue 15: during the titular's absence the suplente answers for the account."""
    from redes_desktop.models import AbsenceKind
    from redes_desktop.services.coverage import AbsenceService

    suplente = context.world.office.suplente.id
    _decide(context, _send(context))
    context.choose_identity(suplente)
    assert run_consultation_jobs(context) == []  # not covering: not theirs
    with context.session() as session:
        absences = AbsenceService(session, context.clock, NullRecorder())
        titular = context.directory(session).person(context.ids["titular"])
        absences.register(titular, titular, AbsenceKind.VACACIONES, absences.today(),
                          absences.today() + timedelta(days=3))
        session.commit()
    consultation_id = _send(context)
    _decide(context, consultation_id)
    notes = run_consultation_jobs(context)
    assert any(n.target == ("consultas", str(consultation_id)) for n in notes)


def test_job_clears_mail_pending_after_the_outbox_retried(context, smtp_server):
    context.workspace.settings.smtp_port = 1  # the server is unreachable when sending
    consultation_id = _send(context)
    with context.session() as session:
        assert session.get(Consultation, consultation_id).mail_pending
    context.workspace.settings.smtp_port = smtp_server[1]
    context.clock.advance(timedelta(minutes=2))
    notes, errors = jobs.run_jobs(jobs.PERIODIC_JOBS, context)
    assert errors == []
    assert any(n.title == "Correo enviado" for n in notes)
    with context.session() as session:
        assert not session.get(Consultation, consultation_id).mail_pending


@pytest.mark.postgres
def test_send_decide_and_queue_on_postgres(postgres_engine, clock, tmp_path):
    from redes_desktop.database import open_database

    open_database(postgres_engine)
    with Session(postgres_engine) as session:
        world = make_world(session, clock)
        service = service_for(session, clock, world, tmp_path / "media", outbox=None)
        post = make_draft(session, clock, world, "Año de elección: ¿procede?")
        outcome = service.send(world.office.titular, post, "¿Procede publicar?")
        assert not outcome.mail.sent
        session.commit()
        consultation = session.get(Consultation, outcome.consultation_id)
        clock.advance(CONSULTATION_TERM - timedelta(seconds=1))
        service.decide(world.reviewer, consultation, S.APROBADA)
        session.commit()
        [row] = queue_rows(session, visible_to=world.office.head)
        assert row.state == S.APROBADA and row.mail_pending
        assert consultation_block(session, post, clock()) is None


def test_demo_consultations_follow_the_rules(tmp_path, clock):
    from redes_desktop.services.demo_folder import seed_demo_folder

    workspace = open_workspace(tmp_path / "demo", clock=clock)
    try:
        seed_demo_folder(workspace)
        database = workspace.open_database()
        with database.session() as session:
            rows = queue_rows(session)
            assert {r.state for r in rows} == set(S)
            for consultation in session.query(Consultation):
                blocked = consultation_block(session, consultation.post, clock())
                assert (blocked is None) == (consultation.state == S.APROBADA)
    finally:
        workspace.close()
