"""What the bitácora says about each action: that the post was checked (with the findings, never
the text), that it is a reply, and that a suplente acted covering an absence (criteria 5.1,
8.iii) — in posts, consultations, passwords and incidents alike."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from redes_desktop.checks.engine import CheckRequest
from redes_desktop.checks.model import CheckResult, Finding, Severity
from redes_desktop.context import AppContext
from redes_desktop.models import AbsenceKind, Network
from redes_desktop.passwords.generator import generate_password
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.coverage import AbsenceService
from redes_desktop.services.directory import Directory
from redes_desktop.services.incidents import IncidentService
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.password_service import PasswordService
from redes_desktop.services.posts import PostService, findings_summary
from redes_desktop.workspace import open_workspace
from tests.factories import make_office
from tests.test_consultations_support import make_world, service_for

CURP = "GODE561231HDFRRN09"


def _findings(text: str) -> list[Finding]:
    found = [Finding("6.xxvi", Severity.BLOQUEA, "Falta la imagen.", code="imagen")]
    if CURP in text:
        start = text.index(CURP)
        found.append(Finding("6.iii", Severity.BLOQUEA, f"Dato personal: {CURP}", start,
                             start + len(CURP), code="curp"))
    found.append(Finding("6.xxiv", Severity.ADVIERTE, "Ortografía", code="ortografia"))
    found.append(Finding("6.xxiv", Severity.ADVIERTE, "Ortografía", code="ortografia"))
    return found


def _warn_only(post) -> CheckResult:
    return CheckResult(post.text, Network.X, len(post.text), 280,
                       [Finding("6.xxiv", Severity.ADVIERTE, "Revise «jornadaa»", code="orto")])


@pytest.fixture
def office(session, clock):
    office = make_office(Directory(session, clock, NullRecorder()))
    session.commit()
    return office


def _cover(session, clock, office) -> None:
    """The titular is on holidays today and tomorrow: the suplente covers."""
    absences = AbsenceService(session, clock, NullRecorder())
    absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                      absences.today(), absences.today() + timedelta(days=1))
    session.flush()


def _covered(entry, office) -> bool:
    return (entry.details.get("en_cobertura") is True
            and entry.details.get("cubre_a") == office.titular.name)


# -- findings and replies -----------------------------------------------------------------------
def test_summary_keeps_rule_severity_and_code_never_the_text():
    summary = findings_summary(_findings(f"Mi CURP es {CURP}"))
    assert summary == [
        {"regla": "6.iii", "severidad": "bloquea", "codigo": "curp"},
        {"regla": "6.xxvi", "severidad": "bloquea", "codigo": "imagen"},
        {"regla": "6.xxiv", "severidad": "advierte", "codigo": "ortografia", "veces": 2},
    ]
    assert CURP not in repr(summary)


def test_autosave_and_publication_record_the_findings(session, clock, office):
    recorder = MemoryRecorder()
    posts = PostService(session, clock, recorder=recorder)
    post = posts.create_draft(office.titular, office.account, "Hola")
    text = f"Mi CURP es {CURP}"
    summary = findings_summary(_findings(text))
    # The caller's summary is filtered to its safe keys, whatever else it carries.
    noisy = [{**f, "mensaje": f"Dato personal: {CURP}"} for f in summary]
    assert posts.save_draft(office.titular, post, text, findings=noisy)
    edited = recorder.entries[-1]
    assert edited.action == "borrador_editado"
    assert edited.details["revisada"] is True and edited.details["hallazgos"] == summary
    assert CURP not in repr(edited.details)
    # Without a summary nothing claims the text was checked.
    posts.save_draft(office.titular, post, "Aviso de la jornada")
    assert "hallazgos" not in recorder.entries[-1].details
    posts.mark_published(office.titular, post, "https://x.com/INE/status/1", _warn_only)
    published = recorder.entries[-1]
    assert published.action == "publicada"
    assert published.details["hallazgos"] == [
        {"regla": "6.xxiv", "severidad": "advierte", "codigo": "orto"}]
    assert "respuesta" not in published.details


def test_replies_say_so(session, clock, office):
    recorder = MemoryRecorder()
    posts = PostService(session, clock, recorder=recorder)
    post = posts.create_draft(office.titular, office.account, "Gracias", is_reply=True)
    posts.save_draft(office.titular, post, "Gracias por su pregunta")
    assert [e.details.get("respuesta") for e in recorder.entries] == [True, True]
    other = posts.create_draft(office.titular, office.account, "Aviso")
    assert "respuesta" not in recorder.entries[-1].details
    posts.save_draft(office.titular, other, "Aviso", is_reply=True)
    assert recorder.entries[-1].details["respuesta"] is True


def test_composer_store_records_the_latest_check_of_the_same_text(data_dir, clock):
    from redes_desktop.ui.composer.store import ComposerStore

    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    try:
        with database.session() as session:
            office = make_office(Directory(session, clock, NullRecorder()))
            session.commit()
            titular_id = office.titular.id
            account_id = office.account.id
        recorder = MemoryRecorder()
        context = AppContext(workspace=workspace, database=database, clock=clock,
                             recorder=recorder, secrets=SecretStore())
        context.choose_identity(titular_id)
        latest = {}

        def outcome_of(text: str, is_reply: bool = False):
            request = CheckRequest(text=text, networks=(Network.X,), is_reply=is_reply)
            result = CheckResult(text, Network.X, len(text), 280, _findings(text))
            return SimpleNamespace(request=request, results={Network.X: result})

        store = ComposerStore(context, outcome=lambda: latest.get("outcome"))
        text = f"Mi CURP es {CURP}"
        latest["outcome"] = outcome_of(text)
        post_id = store.create(account_id, text, False, [])
        created = recorder.entries[-1]
        assert created.action == "borrador_creado"
        assert created.details["hallazgos"] == findings_summary(_findings(text))
        # The latest check was of older text: the autosave does not claim a check.
        assert store.save(post_id, text + " y más", False, [])
        assert "hallazgos" not in recorder.entries[-1].details
        latest["outcome"] = outcome_of("Aviso")
        assert store.save(post_id, "Aviso", False, [])
        assert recorder.entries[-1].details["hallazgos"] == findings_summary(_findings("Aviso"))
        assert CURP not in repr([e.details for e in recorder.entries])
        # Old callers (no outcome source) still work and record no findings.
        assert ComposerStore(context).save(post_id, "Aviso 2", False, [])
        assert "hallazgos" not in recorder.entries[-1].details
    finally:
        workspace.close()


# -- coverage everywhere ------------------------------------------------------------------------
def test_covering_suplente_rotating_and_revealing_a_password_is_annotated(
    session, clock, office
):
    recorder = MemoryRecorder()
    passwords = PasswordService(session, clock, SecretStore(), recorder)
    _cover(session, clock, office)
    passwords.rotate(office.suplente, office.account.id, generate_password(),
                     confirmed_on_network=True)
    passwords.reveal(office.suplente, office.account.id, purpose="copiar")
    rotated, revealed = recorder.entries[-2:]
    assert (rotated.action, revealed.action) == ("contrasena_rotada", "contrasena_consultada")
    assert _covered(rotated, office) and _covered(revealed, office)
    passwords.rotate(office.titular, office.account.id, generate_password(),
                     confirmed_on_network=True)
    assert "en_cobertura" not in recorder.entries[-1].details


def test_covering_suplente_sending_a_consultation_is_annotated(session, clock, data_dir):
    world = make_world(session, clock)
    office = world.office
    _cover(session, clock, office)
    posts = PostService(session, clock, recorder=world.recorder)
    post = posts.create_draft(office.suplente, office.account, "¿Procede este aviso?")
    service = service_for(session, clock, world, data_dir / "media", None)
    service.send(office.suplente, post, "¿Se puede publicar durante la veda?")
    sent = [e for e in world.recorder.entries if e.action.startswith("consulta_")]
    assert [e.action for e in sent] == ["consulta_enviada", "consulta_correo_fallido"]
    assert all(_covered(e, office) for e in sent)


def test_covering_suplente_reporting_and_closing_an_incident_is_annotated(
    session, clock, office, mail_settings, smtp_server
):
    recorder = MemoryRecorder()
    outbox = Outbox(session, clock, SmtpMailer(MailConfig.from_settings(mail_settings)))
    incidents = IncidentService(session, clock, outbox, cncs_email=mail_settings.cncs_email,
                                unicom_email=mail_settings.unicom_email, recorder=recorder)
    reported = incidents.report(office.titular, office.account.id,
                                "Publicaciones que nadie del área hizo.", clock())
    assert "en_cobertura" not in recorder.entries[-1].details
    _cover(session, clock, office)
    incidents.close(office.suplente, reported.incident.id,
                    "Se recuperó el acceso y se cambió la contraseña.")
    assert recorder.entries[-1].action == "incidente_cerrado"
    assert _covered(recorder.entries[-1], office)
