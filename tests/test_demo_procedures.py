"""After `redes-desktop demo` the CNCS reviewer has real work in Cuentas (issue 15): the accounts
«Solicitada» have their request by oficio and the account «En baja» its closure, made through
the program's services, so the queues list them as actionable and the reviewer authorises one
and concludes the other through the actions. Also: the demo's drafts and consultations are
written at office hours, and its training counts who was convoked (Informes › Capacitación)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select

from redes_desktop.actions.authorize_account import authorize_account
from redes_desktop.actions.close_account import complete_closure, list_closures
from redes_desktop.actions.list_requests import list_requests
from redes_desktop.actions.procedures import Procedures
from redes_desktop.clock import FixedClock, to_mexico
from redes_desktop.models import (
    Account,
    AccountStatus,
    Consultation,
    ConsultationState,
    Person,
    Post,
    PostStatus,
    Role,
)
from redes_desktop.models.procedures import AccountClosure, AccountRequest, RequestState
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.account_closure import ClosureChecklist
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.demo import seed_demo
from redes_desktop.services.demo_folder import seed_demo_folder
from redes_desktop.services.demo_time import is_office_time
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.training import sessions_of_year
from redes_desktop.workspace import open_workspace


def _procedures(database, clock, data_dir, mail_settings) -> Procedures:
    return Procedures(
        database=database, clock=clock, settings=mail_settings, data_dir=data_dir,
        outbox=lambda s: Outbox(s, clock, SmtpMailer(MailConfig.from_settings(mail_settings))),
        secrets=SecretStore(), recorder=NullRecorder())


def test_after_demo_the_reviewer_authorises_a_request_and_concludes_a_closure(
        data_dir, clock, mail_settings, smtp_server):
    _host, _port, inbox = smtp_server
    workspace = open_workspace(data_dir, clock=clock)
    try:
        message = seed_demo_folder(workspace)
        assert "3 solicitudes de cuenta y 1 baja," in message
        database = workspace.open_database()
        procedures = _procedures(database, clock, data_dir, mail_settings)
        with database.session() as session:
            reviewer = next(p for p in session.scalars(select(Person))
                            if p.has_role(Role.REVISOR_CNCS))
            reviewer_id = reviewer.id
            requests = list(session.scalars(select(AccountRequest)))
            closures = list(session.scalars(select(AccountClosure)))
            # Every account «Solicitada» / «En baja» has its record, with its oficio: a PDF in
            # the data folder, asked by the area's titular on a past working day at office hours.
            solicited = session.scalars(select(Account).where(
                Account.status == AccountStatus.SOLICITADA)).all()
            leaving = session.scalars(select(Account).where(
                Account.status == AccountStatus.EN_BAJA)).all()
            assert {r.account_id for r in requests} == {a.id for a in solicited}
            assert {c.account_id for c in closures} == {a.id for a in leaving}
            assert len(requests) == 3 and len(closures) == 1
            for record in [*requests, *closures]:
                assert record.requested_by_id == record.account.area.titular_id
                assert record.requested_at < clock() - timedelta(days=1)
                assert is_office_time(record.requested_at), to_mexico(record.requested_at)
                stored = (data_dir / record.oficio_path).read_bytes()
                assert stored.startswith(b"%PDF-1.4") and stored.rstrip().endswith(b"%%EOF")
                assert hashlib.sha256(stored).hexdigest() == record.oficio_sha256
                assert record.oficio_name.startswith("oficio-")
            for request in requests:
                assert request.state == RequestState.PENDIENTE
                assert request.proposed_titular.area_id == request.account.area_id
            request_id, closure_id = requests[0].id, closures[0].id
            closure_handle = closures[0].account.handle

        # The queues list them as actionable: nothing «sin oficio registrado».
        listing = list_requests(procedures, person_id=reviewer_id)
        assert listing.is_reviewer and listing.pending == 3
        assert all(row.recorded and row.oficio_path for row in listing.rows)
        rows = list_closures(database, person_id=reviewer_id, clock=clock)
        assert [(r.handle, r.recorded, r.may_complete) for r in rows] == [
            (closure_handle, True, True)]

        authorize_account(procedures, request_id, "Procede conforme a la sección 3.",
                          person_id=reviewer_id)
        complete_closure(procedures, closure_id, ClosureChecklist(True, True, True, True),
                         person_id=reviewer_id)
        with database.session() as session:
            request = session.get(AccountRequest, request_id)
            assert request.state == RequestState.AUTORIZADA
            assert request.account.status == AccountStatus.AUTORIZADA
            closure = session.get(AccountClosure, closure_id)
            assert closure.completed_at is not None
            assert closure.account.status == AccountStatus.CANCELADA
        assert list_requests(procedures, person_id=reviewer_id).pending == 2
        [done] = list_closures(database, person_id=reviewer_id, clock=clock)
        assert not done.may_complete and not done.waiting
        assert any("Baja de cuenta institucional" in m["Subject"] for m in inbox.messages)
    finally:
        workspace.close()


def _office_hours_everywhere(session, now) -> None:
    for post in session.scalars(select(Post).where(Post.status != PostStatus.EN_CONSULTA)):
        assert is_office_time(post.created_at), (to_mexico(post.created_at), post.status)
    for row in session.scalars(select(Consultation)):
        pending = row.state == ConsultationState.PENDIENTE
        assert is_office_time(row.sent_at, weekends=pending), to_mexico(row.sent_at)
        assert is_office_time(row.post.created_at, weekends=pending)
        if row.reviewer is not None:
            assert is_office_time(row.decided_at), to_mexico(row.decided_at)
        if pending:
            assert row.deadline > now


def test_demo_drafts_and_consultations_are_written_at_office_hours(session, clock, data_dir):
    seed_demo(session, clock, data_dir=data_dir)
    session.flush()
    _office_hours_everywhere(session, clock())


def test_office_hours_hold_early_on_a_monday(tmp_path):
    """A Monday at 7:00 in México City: the last 48 hours are a weekend and a night."""
    from datetime import UTC, datetime

    from redes_desktop.database import open_local_database

    clock = FixedClock(datetime(2026, 3, 9, 13, 0, tzinfo=UTC))
    database = open_local_database(tmp_path / "lunes.sqlite3")
    try:
        with database.session() as session:
            seed_demo(session, clock, data_dir=tmp_path)
            session.flush()
            _office_hours_everywhere(session, clock())
    finally:
        database.dispose()


def test_demo_training_counts_the_convoked(session, clock, data_dir):
    seed_demo(session, clock, data_dir=data_dir)
    session.commit()
    [summary] = sessions_of_year(session, to_mexico(clock()).date().year)
    assert summary.invited > 50 and 0 < summary.attended < summary.invited
