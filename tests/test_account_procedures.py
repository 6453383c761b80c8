"""Section 7 end to end on a real SQLite file and a real SMTP server (aiosmtpd): request by
oficio, CNCS evaluation, opening with the e-mail to the Comité, change of administrators,
closure with its checklist, the official registry and the health of the accounts."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from redes_desktop.cli import main
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import (
    Account,
    AccountStatus,
    AdminKind,
    AreaKind,
    Level,
    Network,
    Post,
    PostStatus,
)
from redes_desktop.models.procedures import RequestState
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.account_closure import ClosureChecklist, ClosureService
from redes_desktop.services.account_health import ABANDONO, AL_DIA, INACTIVA, account_health
from redes_desktop.services.account_requests import AccountProcedures, RequestForm, purposes
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.official_registry import export, official_accounts
from tests.factories import make_office, make_reviewer

ALL_DONE = ClosureChecklist(True, True, True, True)


@pytest.fixture
def pdf(tmp_path) -> Path:
    path = tmp_path / "oficio firmado.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return path


@pytest.fixture
def world(session, clock, data_dir, mail_settings):
    directory = Directory(session, clock, NullRecorder())
    office = make_office(directory)
    reviewer = make_reviewer(directory)
    outbox = Outbox(session, clock, SmtpMailer(MailConfig.from_settings(mail_settings)))
    procedures = AccountProcedures(session, clock, settings=mail_settings, data_dir=data_dir,
                                   outbox=outbox, recorder=NullRecorder())
    closures = ClosureService(session, clock, settings=mail_settings, data_dir=data_dir,
                              outbox=outbox, secrets=SecretStore(),
                              recorder=NullRecorder())
    session.commit()
    return office, reviewer, directory, procedures, closures


def form(office, oficio=None, **changes) -> RequestForm:
    values = dict(
        area=office.area, network=Network.INSTAGRAM, name="INE Jalisco en Instagram",
        handle="@ine_jalisco", email="instagram.jal@ine.mx", purposes=["3.i", "3.xi"],
        justification="Difundir el programa de educación cívica del Plan Anual de la Junta "
                      "Local en escuelas de Jalisco.",
        titular=office.titular, suplente=office.suplente, oficio=oficio,
    )
    values.update(changes)
    return RequestForm(**values)


def recipients(message) -> set[str]:
    return {a.strip() for a in message["To"].split(",")}


def test_purposes_come_from_section_3():
    listed = dict(purposes())
    assert list(listed) == [f"3.{r}" for r in
                            "i ii iii iv v vi vii viii ix x xi".split()]
    assert listed["3.xi"].startswith("Difundir información y materiales sobre educación cívica")


def test_request_authorise_open_change_close(world, session, clock, data_dir, pdf,
                                            smtp_server, mail_settings):
    office, reviewer, directory, procedures, closures = world
    _host, _port, inbox = smtp_server

    request = procedures.request_account(office.head, form(office, pdf))
    session.commit()
    account = request.account
    assert account.status == AccountStatus.SOLICITADA and not account.official
    stored = data_dir / request.oficio_path
    assert request.oficio_path == f"oficios/{request.oficio_sha256}.pdf"
    assert stored.read_bytes() == pdf.read_bytes()
    assert recipients(inbox.messages[-1]) == {mail_settings.cncs_email}
    [attached] = list(inbox.messages[-1].iter_attachments())
    assert attached.get_content_type() == "application/pdf"

    assert procedures.requests(reviewer, pending_only=True) == [request]
    with pytest.raises(ValidationError, match="autorizada por CNCS"):
        procedures.open_account(office.head, request, "https://instagram.com/ine_jalisco")
    with pytest.raises(PermissionDenied, match="revisor de CNCS"):
        procedures.authorize(office.head, request)
    procedures.authorize(reviewer, request, "Pertinente para 3.xi.")
    session.commit()
    assert account.status == AccountStatus.AUTORIZADA
    assert recipients(inbox.messages[-1]) == {office.head.email}

    with pytest.raises(ValidationError, match="dirección completa"):
        procedures.open_account(office.head, request, "instagram/ine_jalisco")
    procedures.open_account(office.head, request, "https://instagram.com/ine_jalisco")
    session.commit()
    assert account.status == AccountStatus.ACTIVA and account.official
    assert request.state == RequestState.ABIERTA
    kinds = {a.kind: a.person for a in account.current_administrators(directory.today())}
    assert kinds == {AdminKind.TITULAR: office.titular, AdminKind.SUPLENTE: office.suplente}
    opening = inbox.messages[-1]
    assert recipients(opening) == {mail_settings.comite_presidente_email,
                                   mail_settings.comite_secretario_email}
    body = opening.get_body(("plain",)).get_content()
    for expected in ("INE Jalisco en Instagram", "https://instagram.com/ine_jalisco",
                     "3.xi. Difundir", "Operación: publicación diaria", "Titular: Titular jal",
                     "Suplente: Suplente jal", "Autorizada por CNCS: Revisora CNCS"):
        assert expected in body
    assert {a.usuario for a in official_accounts(session)} == {"@JLE_JaliscoINE",
                                                               "@ine_jalisco"}

    # 7.iv: a new titular, notified to the CNCS titular and the Comité.
    new_titular = directory.create_person("Nueva Titular", "nueva.titular@ine.mx",
                                          Level.MANDO_MEDIO, office.area)
    clock.advance(timedelta(days=1))
    procedures.change_administrators(office.head, account, new_titular, office.suplente)
    session.commit()
    change = inbox.messages[-1]
    assert recipients(change) == {mail_settings.cncs_email, mail_settings.comite_presidente_email,
                                  mail_settings.comite_secretario_email}
    assert "Titular: Titular jal → Nueva Titular" in change.get_body(("plain",)).get_content()

    # 7.vii / 7.viii: closure by oficio, refused while the checklist is incomplete.
    SecretStore().set(f"cuenta:{account.id}", "S3creta-larga!")
    closure = closures.request_closure(office.head, account, pdf, "El programa concluyó.")
    session.commit()
    assert account.status == AccountStatus.EN_BAJA
    sent_before = len(inbox.messages)
    with pytest.raises(ValidationError, match="se borraron los contenidos") as refused:
        closures.complete(office.head, closure, ClosureChecklist(password_retired=True,
                                                                 cancelled_on_network=True,
                                                                 notice_sent=True))
    assert "se canceló" not in refused.value.message
    session.rollback()
    assert account.status == AccountStatus.EN_BAJA and closure.completed_at is None
    assert SecretStore().get(f"cuenta:{account.id}") == "S3creta-larga!"
    assert len(inbox.messages) == sent_before
    closures.complete(office.head, closure, ALL_DONE)
    session.commit()
    assert account.status == AccountStatus.CANCELADA and not account.official
    assert SecretStore().get(f"cuenta:{account.id}") is None
    assert session.get(Account, account.id) is not None  # kept in the records
    notice = inbox.messages[-1]
    assert mail_settings.comite_presidente_email in recipients(notice)
    assert "cancelación de la cuenta" in notice.get_body(("plain",)).get_content()
    assert [a.usuario for a in official_accounts(session)] == ["@JLE_JaliscoINE"]


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Account))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"oficio": None}, "Falta el oficio firmado"),
        ({"oficio": "/no/existe.pdf"}, "No se encontró el archivo del oficio"),
        ({"email": "instagram.jal@gmail.com"}, "no pertenece al dominio ine.mx"),
        ({"network": Network.X, "handle": "@INE_Jalisco"}, "debe terminar en «ine»"),
        ({"purposes": []}, "fines de la sección 3"),
        ({"purposes": ["3.xii"]}, "Fin desconocido"),
        ({"justification": "Porque sí."}, "programas y actividades"),
        ({"suplente": None}, "Proponga al administrador suplente"),
    ],
)
def test_request_validations_record_nothing(world, session, data_dir, pdf, changes, message):
    office, _reviewer, _directory, procedures, _closures = world
    before = _count(session)
    with pytest.raises(ValidationError, match=message):
        procedures.request_account(office.head, form(office, **{"oficio": pdf, **changes}))
    session.rollback()
    assert _count(session) == before
    assert not (data_dir / "oficios").exists()


def test_titular_must_be_mando_medio_or_superior_and_from_the_area(world, session, pdf):
    office, reviewer, _directory, procedures, _closures = world
    with pytest.raises(ValidationError, match="mando medio o superior") as error:
        procedures.request_account(office.head, form(office, pdf, titular=office.suplente,
                                                     suplente=office.titular))
    assert error.value.criterion == "5.1"
    with pytest.raises(ValidationError, match="no pertenece a"):
        procedures.request_account(office.head, form(office, pdf, titular=reviewer))


def test_only_juntas_locales_may_request_x_or_facebook(world, session, pdf):
    office, _reviewer, directory, procedures, _closures = world
    district = directory.create_area("Junta Distrital 05 Jalisco", AreaKind.JUNTA_DISTRITAL,
                                     state="Jalisco", district=5)
    vocal = directory.create_person("Vocal 05", "vocal05@ine.mx", Level.MANDO_SUPERIOR, district)
    directory.set_area_titular(district, vocal)
    operativa = directory.create_person("Operativa 05", "op05@ine.mx", Level.OPERATIVO, district)
    with pytest.raises(ValidationError, match="solo las 32 Juntas Locales") as error:
        procedures.request_account(vocal, form(
            office, pdf, area=district, network=Network.FACEBOOK, handle="@ine05jal",
            titular=vocal, suplente=operativa))
    assert error.value.criterion == "7.x"


def test_fake_pdf_and_truncated_image_are_refused(world, tmp_path, pdf):
    from PIL import Image

    office, _reviewer, _directory, procedures, _closures = world
    fake = tmp_path / "oficio.pdf"
    fake.write_text("esto no es un pdf")
    with pytest.raises(ValidationError, match="no es un PDF ni una imagen"):
        procedures.request_account(office.head, form(office, fake))
    photo = tmp_path / "oficio.jpg"
    Image.new("RGB", (400, 300), (255, 255, 255)).save(photo, quality=95)
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    with pytest.raises(ValidationError, match="no es un PDF ni una imagen"):
        procedures.request_account(office.head, form(office, photo))


def test_image_oficio_is_accepted(world, tmp_path):
    from PIL import Image

    office, _reviewer, _directory, procedures, _closures = world
    scan = tmp_path / "escaneo.png"
    Image.new("L", (300, 400), 255).save(scan)
    request = procedures.request_account(office.head, form(office, scan))
    assert request.oficio_path.endswith(".png")


def test_stranger_cannot_request_and_rejection_needs_reasons(world, session, pdf):
    office, reviewer, directory, procedures, _closures = world
    stranger = directory.create_person("Ajena", "ajena@ine.mx", Level.MANDO_MEDIO,
                                       reviewer.area)
    with pytest.raises(PermissionDenied, match="criterio 5.1"):
        procedures.request_account(stranger, form(office, pdf))
    request = procedures.request_account(office.head, form(office, pdf))
    with pytest.raises(ValidationError, match="motivos del rechazo"):
        procedures.reject(reviewer, request, "")
    procedures.reject(reviewer, request, "Use las cuentas centrales de CNCS (7.i).")
    assert request.account.status == AccountStatus.RECHAZADA
    with pytest.raises(ValidationError, match="ya está «Rechazada»"):
        procedures.authorize(reviewer, request)
    assert "@ine_jalisco" not in [a.usuario for a in official_accounts(session)]
    # The area sees only its requests; a reviewer sees all.
    assert procedures.requests(office.titular) == [request]
    assert procedures.requests(stranger) == []


def test_closure_needs_oficio_and_permission(world, session, pdf):
    office, _reviewer, _directory, _procedures, closures = world
    with pytest.raises(PermissionDenied, match="7.viii"):
        closures.request_closure(office.suplente, office.account, pdf, "Ya no se usa.")
    with pytest.raises(ValidationError, match="Falta el oficio"):
        closures.request_closure(office.titular, office.account, None, "Ya no se usa más.")
    assert office.account.status == AccountStatus.ACTIVA
    closure = closures.request_closure(office.titular, office.account, pdf, "Ya no se usa más.")
    with pytest.raises(ValidationError, match="Ya hay una baja en curso|está «En baja»"):
        closures.request_closure(office.titular, office.account, pdf, "Ya no se usa más.")
    with pytest.raises(ValidationError, match="falta marcar") as error:
        closures.complete(office.titular, closure, ClosureChecklist())
    for item in ("contenidos", "contraseña", "canceló", "aviso de baja"):
        assert item in error.value.message


def test_official_registry_export_and_command(world, session, data_dir, capsys):
    office, _reviewer, directory, _procedures, _closures = world
    office.account.name = 'INE <Jalisco> & "Co"'
    office.account.url = "https://x.com/JLE_JaliscoINE"
    directory.create_account(area=office.area, network=Network.YOUTUBE, name="No oficial",
                             handle="@jal_yt", email="yt.jal@ine.mx",
                             status=AccountStatus.ACTIVA, official=False)
    session.commit()
    rows = official_accounts(session)
    assert [r.usuario for r in rows] == ["@JLE_JaliscoINE"]
    assert json.loads(export(rows, "json"))[0]["nombre"] == 'INE <Jalisco> & "Co"'
    header = export(rows, "csv").splitlines()[0]
    assert header == "Red,Cuenta,Usuario,Dirección,Área responsable,Verificada,Cuenta personal de"

    assert main(["cuentas", "oficiales", "--format", "html", "--data-dir", str(data_dir)]) == 0
    html = capsys.readouterr().out
    assert "INE &lt;Jalisco&gt; &amp; &quot;Co&quot;" in html and "<Jalisco>" not in html
    assert '<html lang="es-MX">' in html and "<caption>" in html and 'scope="col"' in html
    assert main(["cuentas", "oficiales", "--format", "csv", "--data-dir", str(data_dir)]) == 0
    assert "@JLE_JaliscoINE" in capsys.readouterr().out


def test_official_command_without_database(tmp_path, capsys):
    assert main(["cuentas", "oficiales", "--data-dir", str(tmp_path / "vacia")]) == 2
    assert "No hay base de datos" in capsys.readouterr().err


def test_health_rhythm_abandonment_and_verification(world, session, clock):
    office, _reviewer, directory, _procedures, _closures = world
    weekly = directory.create_account(area=office.area, network=Network.YOUTUBE, name="Semanal",
                                      handle="@jal_semanal", email="sem.jal@ine.mx",
                                      status=AccountStatus.ACTIVA, official=True, verified=True,
                                      rhythm="semanal")
    session.add(Post(account_id=weekly.id, network=weekly.network, text="Hola",
                     status=PostStatus.PUBLICADA, published_at=clock() - timedelta(days=3)))
    session.add(Post(account_id=office.account.id, network=Network.X, text="Hola",
                     status=PostStatus.PUBLICADA, published_at=clock() - timedelta(days=2)))
    session.commit()
    by_handle = {r.handle: r for r in account_health(session, clock)}
    assert by_handle["@jal_semanal"].state == AL_DIA and by_handle["@jal_semanal"].reasons == []
    daily = by_handle["@JLE_JaliscoINE"]
    assert daily.state == INACTIVA
    assert any("6.xxi" in r for r in daily.reasons) and any("6.xxix" in r for r in daily.reasons)
    clock.advance(timedelta(days=87, hours=12))
    assert {r.handle: r.state for r in account_health(session, clock)} == {
        "@jal_semanal": ABANDONO, "@JLE_JaliscoINE": INACTIVA}
    assert {r.state for r in account_health(session, clock, abandoned_after_days=120)} == {
        INACTIVA}
