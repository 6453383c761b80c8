"""Section 8 of the criteria: the quarterly report (8.iv) in México City's quarters, its CSV /
JSON / HTML renderings and command line, and the semestral evaluations (8.i)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from redes_desktop.clock import FixedClock, mexico_tz
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import (
    Consultation,
    ConsultationState,
    Evaluation,
    Incident,
    Network,
    PasswordRotation,
    Post,
    PostStatus,
)
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.report_export import render
from redes_desktop.services.reports import (
    USERS_NOT_AVAILABLE,
    evaluations_due,
    last_complete_quarter,
    quarter_bounds,
    quarterly_report,
    record_evaluation,
)
from tests.factories import make_office, make_reviewer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def mx(*args) -> datetime:
    """A México City wall-clock time as an aware datetime."""
    return datetime(*args, tzinfo=mexico_tz())


def publish(session, account, when: datetime, *, reply=False, status=PostStatus.PUBLICADA,
            deleted=False) -> Post:
    post = Post(account_id=account.id, network=account.network, text="Hola", is_reply=reply,
                status=status, published_at=when,
                deleted_at=when if deleted else None)
    session.add(post)
    return post


@pytest.fixture
def office(session, clock):
    return make_office(Directory(session, clock, NullRecorder()))


def by_handle(report):
    return {row.handle: row for row in report.rows}


def test_quarter_boundaries_are_in_mexico_time(session, office):
    late_june = mx(2026, 6, 30, 23, 30)
    assert late_june.astimezone(UTC).month == 7  # already July in UTC
    publish(session, office.account, late_june)
    publish(session, office.account, mx(2026, 3, 31, 23, 59))  # Q1
    publish(session, office.account, mx(2026, 4, 1, 0, 5))  # Q2
    publish(session, office.account, mx(2026, 7, 1, 0, 0))  # Q3
    session.commit()
    assert quarterly_report(session, 2026, 1).totals.posts == 1
    assert quarterly_report(session, 2026, 2).totals.posts == 2
    assert quarterly_report(session, 2026, 3).totals.posts == 1
    start, end = quarter_bounds(2026, 4)
    assert (start.month, end.year, end.month, end.day) == (10, 2027, 1, 1)
    assert last_complete_quarter(mx(2026, 1, 1, 0, 30)) == (2025, 4)
    assert last_complete_quarter(datetime(2026, 7, 1, 3, 0, tzinfo=UTC)) == (2026, 1)  # June 30
    report = quarterly_report(session, 2026, 2)
    assert (report.start, report.end, report.days, report.partial) == (
        date(2026, 4, 1), date(2026, 6, 30), 91.0, False)


def test_counts_per_account_and_total(session, clock, office):
    other = make_office(Directory(session, clock, NullRecorder()),
        name="Junta Local Ejecutiva en Yucatán",
                        state="Yucatán", handle="@JLE_YucatanINE", slug="yuc")
    account = office.account
    account.purposes = ["3.i", "3.x"]
    day = mx(2026, 5, 4, 10, 0)
    publish(session, account, day)
    publish(session, account, day, reply=True)
    publish(session, account, day, status=PostStatus.BORRADOR)  # not published
    publish(session, account, day, deleted=True)  # deleted posts are not counted
    publish(session, other.account, day)
    for state in (ConsultationState.APROBADA, ConsultationState.APROBADA,
                  ConsultationState.NO_PROCEDENTE):
        session.add(Consultation(post=publish(session, account, day, status=PostStatus.APROBADA),
                                 account_id=account.id, author_id=office.titular.id, snapshot={},
                                 question="¿Procede?", sent_at=day, deadline=day, state=state))
    session.add(Incident(account_id=account.id, reported_by_id=office.titular.id,
                         observed_at=day, reported_at=day, description="Publicación ajena"))
    session.add(Incident(account_id=account.id, reported_by_id=office.titular.id,
                         observed_at=day, reported_at=mx(2026, 7, 2, 9, 0), description="Q3"))
    for when in (mx(2026, 2, 1, 9, 0), mx(2026, 4, 15, 9, 0), mx(2026, 5, 20, 9, 0)):
        session.add(PasswordRotation(account_id=account.id, rotated_at=when,
                                     rotated_by_id=office.titular.id))
    session.commit()

    report = quarterly_report(session, 2026, 2)
    row = by_handle(report)["@JLE_JaliscoINE"]
    assert (row.posts, row.replies, row.incidents) == (2, 1, 1)
    assert row.consultations == {"aprobada": 2, "no_procedente": 1}
    # 1 Feb → due 1 Apr: the 15 Apr change was late; 15 Apr → due 15 Jun: 20 May on time.
    assert (row.rotations, row.rotations_on_time) == (2, 1)
    assert [p.id for p in row.purposes] == ["3.i", "3.x"]
    assert row.purposes[0].text.startswith("Consolidar y promover la presencia del Instituto")
    t = report.totals
    assert (t.accounts, t.posts, t.replies, t.incidents, t.rotations) == (2, 3, 1, 1, 2)
    assert t.consultations == {"aprobada": 2, "no_procedente": 1}
    assert report.users_note == USERS_NOT_AVAILABLE and "no disponible" in USERS_NOT_AVAILABLE
    only_yucatan = quarterly_report(session, 2026, 2, area_ids=[other.area.id])
    assert [r.handle for r in only_yucatan.rows] == ["@JLE_YucatanINE"]


def test_frequency_against_the_expected_rhythm(session, clock, office):
    weekly = Directory(session, clock, NullRecorder()).create_account(
        area=office.area, network=Network.FACEBOOK, name="INE Jalisco FB", handle="@ineJalFB",
        email="fb.jal@ine.mx", status=office.account.status)
    weekly.rhythm = "semanal"
    first = mx(2026, 4, 1, 12, 0)
    for week in range(13):  # one post a week over the 13 weeks of Q2
        publish(session, office.account, first + timedelta(weeks=week))
        publish(session, weekly, first + timedelta(weeks=week))
    session.commit()
    rows = by_handle(quarterly_report(session, 2026, 2))
    daily = rows["@JLE_JaliscoINE"]
    assert (daily.posts_per_week, daily.expected_per_week, daily.meets_rhythm) == (1.0, 7.0,
                                                                                   False)
    assert (rows["@ineJalFB"].posts_per_week, rows["@ineJalFB"].meets_rhythm) == (1.0, True)
    assert quarterly_report(session, 2026, 2).totals.accounts_meeting_rhythm == 1


def test_partial_future_and_invalid_quarters(session, office):
    publish(session, office.account, mx(2026, 3, 2, 9, 0))
    session.commit()
    partial = quarterly_report(session, 2026, 1, as_of=mx(2026, 3, 10, 12, 0))
    assert partial.partial and partial.end == date(2026, 3, 10) and 68 < partial.days < 69
    with pytest.raises(ValidationError, match="aún no comienza"):
        quarterly_report(session, 2026, 2, as_of=mx(2026, 3, 10, 12, 0))
    with pytest.raises(ValidationError, match="trimestre 5 no existe"):
        quarterly_report(session, 2026, 5)


def test_evaluations_due_every_six_months(session, clock, office):
    directory = Directory(session, clock, NullRecorder())
    recent = make_office(directory, name="JLE Yucatán", state="Yucatán",
                         handle="@JLE_YucatanINE", slug="yuc")
    old = make_office(directory, name="JLE Sonora", state="Sonora", handle="@JLE_SonoraINE",
                      slug="son")
    now = datetime(2026, 3, 1, tzinfo=UTC)
    session.add(Evaluation(account_id=recent.account.id, period_start=date(2025, 6, 1),
                           period_end=date(2025, 11, 30), evaluated_at=now, score=9))
    session.add(Evaluation(account_id=old.account.id, period_start=date(2025, 1, 1),
                           period_end=date(2025, 6, 30), evaluated_at=now, score=6))
    session.commit()
    due = {d.handle: d for d in evaluations_due(session, date(2026, 3, 10))}
    assert set(due) == {"@JLE_JaliscoINE", "@JLE_SonoraINE"}
    assert due["@JLE_JaliscoINE"].last_period_end is None
    assert "Nunca" in due["@JLE_JaliscoINE"].reason
    assert (due["@JLE_SonoraINE"].last_period_end, due["@JLE_SonoraINE"].last_score) == (
        date(2025, 6, 30), 6)
    # Six months after 30 Nov 2025 the Yucatán account is due again.
    assert "@JLE_YucatanINE" in {d.handle for d in evaluations_due(session, date(2026, 6, 1))}
    scoped = evaluations_due(session, date(2026, 3, 10), area_ids=[old.area.id])
    assert [d.handle for d in scoped] == ["@JLE_SonoraINE"]


def test_recording_an_evaluation_needs_a_cncs_reviewer(session, clock, office):
    reviewer = make_reviewer(Directory(session, clock, NullRecorder()))
    recorder = MemoryRecorder()
    fields = dict(period_start=date(2025, 9, 1), period_end=date(2026, 2, 28), score=7,
                  findings="Publica a diario; responde a los usuarios.")
    with pytest.raises(PermissionDenied, match="Solo un revisor de CNCS"):
        record_evaluation(session, clock, office.head, office.account.id, recorder=recorder,
                          **fields)
    for wrong, message in ((dict(score=11), "del 0 al 10"),
                           (dict(period_end=date(2026, 4, 1)), "futuro"),
                           (dict(period_start=date(2026, 3, 1)), "empieza después"),
                           (dict(findings="  "), "hallazgos")):
        with pytest.raises(ValidationError, match=message):
            record_evaluation(session, clock, reviewer, office.account.id, recorder=recorder,
                              **{**fields, **wrong})
    evaluation = record_evaluation(session, clock, reviewer, office.account.id,
                                   recorder=recorder, **fields)
    session.commit()
    assert (evaluation.score, evaluation.evaluator_id) == (7, reviewer.id)
    assert [e.action for e in recorder.entries] == ["evaluacion_registrada"]
    assert recorder.entries[0].details["calificacion"] == 7
    assert evaluations_due(session, date(2026, 3, 10)) == []


def _sample_report(session, office):
    office.account.name = '<script>alert("x")</script> & Cía'
    office.account.purposes = ["3.ii"]
    publish(session, office.account, mx(2026, 5, 1, 9, 0))
    session.commit()
    return quarterly_report(session, 2026, 2)


def test_csv_json_and_html(session, office):
    report = _sample_report(session, office)
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert [r["Área"] for r in rows] == ["Junta Local Ejecutiva en Jalisco", "Total"]
    assert rows[0]["Usuario"] == "@JLE_JaliscoINE"
    assert rows[0]["Mensajes"] == "1" and rows[0]["Objetivos"] == "3.ii"
    assert rows[0]["Usuarios"] == "dato no disponible"
    assert rows[1]["Cumple periodicidad"] == "0 de 1"

    data = json.loads(render(report, "json"))
    assert (data["anio"], data["trimestre"], data["desde"], data["hasta"]) == (
        2026, 2, "2026-04-01", "2026-06-30")
    assert data["usuarios"]["disponible"] is False
    assert data["usuarios"]["nota"].startswith("Dato no disponible")
    assert data["cuentas"][0]["usuarios"] is None
    assert data["cuentas"][0]["objetivos"][0]["criterio"] == "3.ii"
    assert data["totales"]["mensajes"] == 1

    html = render(report, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; Cía" in html
    assert '<html lang="es-MX">' in html and "<caption>" in html
    assert '<th scope="col">Mensajes</th>' in html and "Dato no disponible" in html
    assert "<strong>3.ii</strong>: Alcanzar a públicos" in html


def _cli(*args):
    env = {**os.environ, "PYTHONPATH": ROOT}
    return subprocess.run([sys.executable, "-m", "redes_desktop", "informe", "trimestral",
                           *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60)


def test_command_line(session, office, data_dir, tmp_path):
    _sample_report(session, office)
    done = _cli("--anio", "2026", "--trimestre", "2", "--format", "json",
                "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totales"]["mensajes"] == 1
    target = tmp_path / "informe.html"
    done = _cli("--anio", "2026", "--trimestre", "2", "--format", "html", "--output",
                str(target), "--data-dir", str(data_dir))
    assert done.returncode == 0 and done.stdout == ""
    assert "&lt;script&gt;" in target.read_text(encoding="utf-8")

    wrong = _cli("--anio", "2026", "--trimestre", "5", "--data-dir", str(data_dir))
    assert wrong.returncode == 2
    assert "El trimestre 5 no existe" in wrong.stderr
    alone = _cli("--anio", "2026", "--data-dir", str(data_dir))
    assert alone.returncode == 2 and "juntos" in alone.stderr


def test_fixed_clock_quarter_default():
    assert last_complete_quarter(FixedClock(datetime(2026, 3, 10, 18, tzinfo=UTC))()) == (2025, 4)


def test_on_postgresql(postgres_engine, clock):
    from sqlalchemy.orm import Session

    from redes_desktop.models import Base

    Base.metadata.create_all(postgres_engine)
    with Session(postgres_engine) as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        publish(session, office.account, mx(2026, 6, 30, 23, 30), reply=True)
        session.add(Consultation(post=publish(session, office.account, mx(2026, 5, 1, 9, 0)),
                                 account_id=office.account.id, author_id=office.titular.id,
                                 snapshot={}, question="¿Procede?", sent_at=mx(2026, 5, 1, 9, 0),
                                 deadline=mx(2026, 5, 3, 9, 0)))
        session.commit()
        row = quarterly_report(session, 2026, 2).rows[0]
        assert (row.posts, row.replies, row.consultations) == (2, 1, {"pendiente": 1})
        assert [d.handle for d in evaluations_due(session, date(2026, 7, 1))] == [
            "@JLE_JaliscoINE"]
