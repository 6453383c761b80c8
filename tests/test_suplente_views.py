"""What a suplente covering an absence sees (issue 15, 5.1), signed in as the suplente: the
window says whom they cover and until when; the covered account's drafts (the titular's and
the notice of attention hours), consultations and rotations are in their lists; the notice the
hand-over note promises exists as a draft when the coverage starts, written once."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from redes_desktop.actions.coverage_status import coverage_status
from redes_desktop.actions.list_consultations import list_consultations
from redes_desktop.actions.list_drafts import list_drafts
from redes_desktop.actions.password_status import password_overview
from redes_desktop.actions.passwords import Passwords
from redes_desktop.actions.procedures import Procedures
from redes_desktop.actions.register_absence import register_absence
from redes_desktop.models import AbsenceKind, AbsencePeriod, Account, Person, Post
from redes_desktop.models.procedures import AttentionNotice, HandoverNote
from redes_desktop.services.absence_notes import absence_job
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.consultations import ConsultationService
from redes_desktop.services.posts import PostService
from redes_desktop.ui.composer.store import ComposerStore
from redes_desktop.ui.main_window import MainWindow
from tests import test_cuentas_ui as _cuentas

context = _cuentas.context  # fixture
TODAY = date(2026, 3, 10)  # the clock fixture's day in México


def _titular_draft_and_consultation(ctx) -> None:
    with ctx.session() as session:
        directory = ctx.directory(session)
        titular = directory.person(ctx.ids["titular"])
        account = directory.account(ctx.ids["account"])
        posts = PostService(session, ctx.clock, recorder=NullRecorder())
        posts.create_draft(titular, account, "Borrador que dejó la titular")
        consulted = posts.create_draft(titular, account, "¿Se puede publicar esto?")
        ConsultationService.from_context(ctx, session).send(titular, consulted, "¿Procede?")
        session.commit()


def _absence_as_the_demo_makes_it(ctx, start: date, end: date, notice: str = "") -> None:
    """Inserted directly (no registration step), as the demo and a sync deliver it."""
    with ctx.session() as session:
        session.add(AbsencePeriod(person_id=ctx.ids["titular"],
                                  covering_person_id=ctx.ids["suplente"],
                                  kind=AbsenceKind.VACACIONES, starts_on=start, ends_on=end,
                                  public_notice=notice))
        session.commit()


def test_the_window_says_whom_the_suplente_covers_and_until_when(qtbot, context):
    _absence_as_the_demo_makes_it(context, TODAY - timedelta(days=3), TODAY + timedelta(days=7))
    context.choose_identity(context.ids["suplente"])
    window = MainWindow("datos")
    qtbot.addWidget(window)
    window.set_context(context)
    qtbot.waitUntil(lambda: window.coverage_banner.isVisibleTo(window), timeout=5000)
    text = window.coverage_banner.text()
    assert "Cubre a Titular jal (vacaciones) en @JLE_JaliscoINE" in text
    assert "hasta el martes 17 de marzo" in text
    # The titular (or anyone not covering) sees no banner.
    context.choose_identity(context.ids["titular"])
    window.set_identity(context.identity)
    qtbot.waitUntil(lambda: not window.coverage_banner.isVisibleTo(window), timeout=5000)
    QThreadPool.globalInstance().waitForDone()


def test_covered_accounts_work_is_in_the_suplente_lists(context):
    _titular_draft_and_consultation(context)
    suplente = context.ids["suplente"]
    # Before the absence: the suplente has none of the titular's drafts.
    assert list_drafts(context.database, person_id=suplente, clock=context.clock) == ()
    _absence_as_the_demo_makes_it(context, TODAY, TODAY + timedelta(days=2))
    context.choose_identity(suplente)
    drafts = ComposerStore(context).drafts()
    labels = [d.label for d in drafts]
    assert "@JLE_JaliscoINE · Borrador que dejó la titular (de Titular jal)" in labels
    [coverage] = coverage_status(context.database, clock=context.clock, person_id=suplente)
    assert coverage.handles == ("@JLE_JaliscoINE",) and coverage.ends_on == TODAY + timedelta(2)
    consultations = list_consultations(context.database, clock=context.clock, person_id=suplente)
    assert [c.account_handle for c in consultations] == ["@JLE_JaliscoINE"]
    overview = password_overview(Passwords.of(context), person_id=suplente)
    assert "@JLE_JaliscoINE" in [r.handle for r in overview.rows]
    # The coverage ends: the titular's drafts leave the suplente's list by themselves.
    context.clock.advance(timedelta(days=3))
    assert list_drafts(context.database, person_id=suplente, clock=context.clock) == ()


def test_the_notice_is_a_draft_when_the_coverage_starts(context, smtp_server):
    notice = ("Del 10 al 17 de marzo esta cuenta se atiende de 9:00 a 15:00 h (hora del centro "
              "de México).")
    _absence_as_the_demo_makes_it(context, TODAY, TODAY + timedelta(days=7), notice)
    context.choose_identity(context.ids["suplente"])
    found = absence_job(context)  # the job at start-up on the suplente's workstation
    assert "Aviso de horario de atención" in [n.title for n in found]
    with context.session() as session:
        [row] = session.scalars(select(AttentionNotice)).all()
        post = session.get(Post, row.post_id)
        assert post.text == notice and post.author_id == context.ids["suplente"]
        entrega = session.scalars(select(HandoverNote)).one()
        assert "Aviso de horario de atención: como borrador en el Redactor" in entrega.text
        assert notice in entrega.text
    labels = [d.label for d in ComposerStore(context).drafts()]
    assert any(label.startswith("@JLE_JaliscoINE · Del 10 al 17 de marzo") for label in labels)
    assert "Aviso de horario de atención" not in [n.title for n in absence_job(context)]
    with context.session() as session:
        assert len(session.scalars(select(AttentionNotice)).all()) == 1
        assert session.query(Post).count() == 1


def test_the_notice_is_drafted_once_when_the_absence_is_registered(context, smtp_server):
    context.choose_identity(context.ids["titular"])
    register_absence(Procedures.of(context), context.ids["titular"], AbsenceKind.VACACIONES,
                     TODAY, TODAY + timedelta(days=4), person_id=context.ids["titular"])
    context.choose_identity(context.ids["suplente"])
    absence_job(context)
    with context.session() as session:
        [row] = session.scalars(select(AttentionNotice)).all()
        assert session.query(Post).count() == 1
        account = session.get(Account, context.ids["account"])
        assert row.account_id == account.id
        assert session.get(Person, context.ids["suplente"]) is not None
    [draft] = ComposerStore(context).drafts()
    assert draft.label.startswith("@JLE_JaliscoINE · Del 10 al 14 de marzo la atención")

