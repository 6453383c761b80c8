"""`redes-desktop organizacion …` in-process on a real data folder: a new installation set up
from the command line, JSON output, the CSV import review and its refusal, and the refusals of
5.1 with exit code and Spanish message."""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher, Type

from redes_desktop.cli import main
from redes_desktop.commands.signin import PASSWORD_ENV
from redes_desktop.models import Person
from redes_desktop.secrets_store import SecretStore
from redes_desktop.signin.credentials import LocalCredential
from redes_desktop.workspace import open_workspace

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "datos"
    workspace = open_workspace(root)
    try:
        workspace.open_database().dispose()
    finally:
        workspace.close()
    return root


def _run(capsys, folder, *args, clock=None):
    options = {} if clock is None else {"clock": clock}
    code = main(["organizacion", *args, "--data-dir", str(folder)], **options)
    out, err = capsys.readouterr()
    return code, out, err


PASSWORD = "clave-de-ana-2026"


def _sign_in(folder, email, monkeypatch, password=PASSWORD):
    """As after a sign-in in the window: remembered here, with a local credential; the
    commands then prove it with the password (given as a script would)."""
    workspace = open_workspace(folder)
    try:
        database = workspace.open_database()
        with database.session() as session:
            person = session.query(Person).filter_by(email=email).one()
            workspace.settings.current_person_id = str(person.id)
            person_id = person.id
        workspace.save_settings()
        database.dispose()
    finally:
        workspace.close()
    LocalCredential(SecretStore(), FAST).set(person_id, password, password)
    monkeypatch.setenv(PASSWORD_ENV, password)
    return person_id


def _bitacora_actions(capsys, folder):
    assert main(["bitacora", "export", "--format", "json", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    return [(e["accion"], e.get("detalles")) for e in json.loads(out)["entradas"]]


def test_new_installation_from_the_command_line(capsys, folder, tmp_path, monkeypatch):
    code, out, _ = _run(capsys, folder, "areas")
    assert code == 0 and "No hay áreas registradas" in out
    assert _run(capsys, folder, "alta-area", "--nombre", "Coordinación Nacional de "
                "Comunicación Social", "--tipo", "oficinas_centrales", "--siglas", "CNCS")[0] == 0
    assert _run(capsys, folder, "alta-area", "--nombre", "Junta Local Ejecutiva en Jalisco",
                "--tipo", "junta_local", "--entidad", "Jalisco", "--siglas", "JLE")[0] == 0
    assert _run(capsys, folder, "alta-persona", "--nombre", "Ana Revisora", "--correo",
                "ana@ine.mx", "--nivel", "mando_medio", "--area", "CNCS")[0] == 0
    assert _run(capsys, folder, "rol", "ana@ine.mx", "revisor_cncs")[0] == 0
    # The set-up is over: without signing in as a reviewer nothing more is changed.
    code, _, err = _run(capsys, folder, "alta-persona", "--nombre", "Beto", "--correo",
                        "beto@ine.mx", "--nivel", "operativo", "--area", "JLE")
    assert code == 12 and "--como" in err
    _sign_in(folder, "ana@ine.mx", monkeypatch)
    csv_file = tmp_path / "directorio.csv"
    csv_file.write_text("nombre;correo;nivel;área\nBeto Paz;beto@ine.mx;Operativo;JLE\n"
                        "Mal;mal@yahoo.com;Jefe;Marte\n", encoding="utf-8")
    code, out, _ = _run(capsys, folder, "importar", str(csv_file), "--json")
    review = json.loads(out)
    assert code == 1 and not review["limpio"]
    assert len(review["lineas"][1]["problemas"]) == 3
    code, _, err = _run(capsys, folder, "importar", str(csv_file), "--aplicar")
    assert code != 0 and "No se importó nada" in err
    code, out, _ = _run(capsys, folder, "importar", str(csv_file), "--aplicar", "--solo-validas",
                        "--json")
    assert code == 0 and json.loads(out)["nuevas"] == 1
    code, out, _ = _run(capsys, folder, "personas", "--json")
    people = {p["correo"]: p for p in json.loads(out)}
    assert set(people) == {"ana@ine.mx", "beto@ine.mx"}
    assert people["ana@ine.mx"]["roles"] == ["revisor_cncs"]
    code, _, err = _run(capsys, folder, "baja-persona", "ana@ine.mx")
    assert code != 0 and "último revisor" in err
    code, _, err = _run(capsys, folder, "rol", "beto@ine.mx", "titular_area")
    assert code != 0 and "personal operativo" in err
    code, out, _ = _run(capsys, folder, "areas", "--json")
    assert {a["nombre"]: a["titular"] for a in json.loads(out)}[
        "Junta Local Ejecutiva en Jalisco"] == ""


def test_import_of_a_missing_file_says_so(capsys, folder, tmp_path):
    code, _, err = _run(capsys, folder, "importar", str(tmp_path / "no-existe.csv"))
    assert code != 0 and "No se pudo leer" in err


# -- a change proves who makes it (issue 14): password from the terminal or the environment -----
@pytest.fixture
def institution(capsys, folder):
    """Set up from the command line: one reviewer (Ana) and a Junta with Beto, operativo."""
    for args in (("alta-area", "--nombre", "Coordinación Nacional de Comunicación Social",
                  "--tipo", "oficinas_centrales", "--siglas", "CNCS"),
                 ("alta-area", "--nombre", "Junta Local Ejecutiva en Jalisco", "--tipo",
                  "junta_local", "--entidad", "Jalisco", "--siglas", "JLE"),
                 ("alta-persona", "--nombre", "Ana Revisora", "--correo", "ana@ine.mx",
                  "--nivel", "mando_medio", "--area", "CNCS"),
                 ("alta-persona", "--nombre", "Beto Paz", "--correo", "beto@ine.mx",
                  "--nivel", "operativo", "--area", "JLE"),
                 ("rol", "ana@ine.mx", "revisor_cncs")):
        assert _run(capsys, folder, *args)[0] == 0
    return folder


def _people(capsys, folder):
    code, out, _ = _run(capsys, folder, "personas", "--json")
    assert code == 0
    return {p["correo"] for p in json.loads(out)}


CARLA = ("alta-persona", "--nombre", "Carla Ruiz", "--correo", "carla@ine.mx", "--nivel",
         "mando_medio", "--area", "JLE")


def test_a_change_without_a_password_changes_nothing_exit_12(capsys, institution, monkeypatch):
    _sign_in(institution, "ana@ine.mx", monkeypatch)
    monkeypatch.delenv(PASSWORD_ENV)  # a script without the password, no terminal to ask
    code, _, err = _run(capsys, institution, *CARLA)
    assert code == 12
    assert "Ana Revisora" in err and PASSWORD_ENV in err and "No se cambió nada" in err
    assert "carla@ine.mx" not in _people(capsys, institution)
    # Listings stay as they were: no password asked.
    assert _run(capsys, institution, "areas")[0] == 0


def test_a_wrong_password_is_refused_recorded_and_slows_down(capsys, institution, monkeypatch):
    from redes_desktop.commands import signin

    waits: list[float] = []
    monkeypatch.setattr(signin, "sleep", waits.append)
    _sign_in(institution, "ana@ine.mx", monkeypatch)
    monkeypatch.setenv(PASSWORD_ENV, "no-es-la-de-ana")
    for _ in range(3):
        code, _, err = _run(capsys, institution, *CARLA)
        assert code == 12 and "no es correcta" in err
    assert waits == [1]  # the third command in a row waited: the count outlives each process
    assert "carla@ine.mx" not in _people(capsys, institution)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    assert _run(capsys, institution, *CARLA)[0] == 0
    assert waits == [1, 2]
    assert "carla@ine.mx" in _people(capsys, institution)
    entries = _bitacora_actions(capsys, institution)
    signins = [(a, json.loads(d)) for a, d in entries if a.startswith("sesion_")]
    assert [a for a, _ in signins] == ["sesion_fallida"] * 3 + ["sesion_iniciada"]
    assert all(d["origen"] == "orden" for _, d in signins)
    assert "no-es-la-de-ana" not in json.dumps(entries)
    assert any(a == "persona_registrada" and "carla@ine.mx" in d for a, d in entries)


def test_someone_else_cannot_act_as_the_reviewer(capsys, institution, monkeypatch):
    _sign_in(institution, "ana@ine.mx", monkeypatch)
    beto = _sign_in(institution, "beto@ine.mx", monkeypatch, password="clave-de-beto-1")
    assert beto is not None
    # Beto names Ana but only knows his own password.
    code, _, err = _run(capsys, institution, *CARLA, "--como", "ana@ine.mx")
    assert code == 12 and "no es correcta" in err
    # Proven as himself, he is not a reviewer: refused by the rules (exit 1), not by sign-in.
    code, _, err = _run(capsys, institution, *CARLA)
    assert code == 1 and "Solo los revisores" in err
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    assert _run(capsys, institution, *CARLA, "--como", "ana@ine.mx")[0] == 0
    code, _, err = _run(capsys, institution, *CARLA, "--como", "nadie@ine.mx")
    assert code == 12 and "nadie@ine.mx" in err


def test_the_password_is_asked_on_a_terminal(capsys, institution, monkeypatch):
    from redes_desktop.commands import signin

    _sign_in(institution, "ana@ine.mx", monkeypatch)
    monkeypatch.delenv(PASSWORD_ENV)
    typed = iter(["mal-escrita", PASSWORD])
    prompts: list[str] = []
    monkeypatch.setattr(signin, "_interactive", lambda: True)
    monkeypatch.setattr(signin, "_ask", lambda prompt: prompts.append(prompt) or next(typed))
    code, _, err = _run(capsys, institution, *CARLA)
    assert code == 0 and "no es correcta" in err
    assert prompts == ["Contraseña de Ana Revisora: "] * 2


def test_a_first_password_is_chosen_only_on_a_terminal(capsys, institution, monkeypatch):
    from redes_desktop.commands import signin

    _sign_in(institution, "ana@ine.mx", monkeypatch)
    SecretStore().delete(f"acceso:{_person_id(institution, 'ana@ine.mx')}")
    code, _, err = _run(capsys, institution, *CARLA)  # the environment cannot set it
    assert code == 12 and "aún no tiene contraseña" in err
    monkeypatch.delenv(PASSWORD_ENV)
    monkeypatch.setattr(signin, "_interactive", lambda: True)
    monkeypatch.setattr(signin, "_ask", lambda prompt: "una-nueva-clave")
    assert _run(capsys, institution, *CARLA)[0] == 0  # typed twice, set, then used
    monkeypatch.setenv(PASSWORD_ENV, "una-nueva-clave")
    monkeypatch.setattr(signin, "_interactive", lambda: False)
    assert _run(capsys, institution, "baja-persona", "carla@ine.mx")[0] == 0


def _person_id(folder, email):
    workspace = open_workspace(folder)
    try:
        database = workspace.open_database()
        with database.session() as session:
            found = session.query(Person).filter_by(email=email).one().id
        database.dispose()
        return found
    finally:
        workspace.close()


def test_only_a_signed_in_reviewer_creates_the_readers_key(capsys, institution, monkeypatch):
    """As in Preferencias › Bitácora: the command proves who runs it, and only a CNCS
    reviewer creates the institution's readers key."""
    from redes_desktop.bitacora import crypto

    def generate(*extra):
        code = main(["bitacora", "clave-lectores", "--generar", "--data-dir",
                     str(institution), *extra])
        return (code, *capsys.readouterr())

    _sign_in(institution, "ana@ine.mx", monkeypatch)
    _sign_in(institution, "beto@ine.mx", monkeypatch, password="clave-de-beto-1")
    monkeypatch.delenv(PASSWORD_ENV)
    code, _, err = generate()
    assert code == 12 and PASSWORD_ENV in err
    monkeypatch.setenv(PASSWORD_ENV, "clave-de-beto-1")
    code, _, err = generate()
    assert code == 1 and "Solo un revisor de la CNCS" in err
    assert SecretStore().get(crypto.READERS_KEY) is None
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    code, out, _ = generate("--como", "ana@ine.mx")
    assert code == 0
    assert out.strip().splitlines()[-1] == SecretStore().get(crypto.READERS_KEY)


def test_account_administrators_from_the_command_line(capsys, institution, monkeypatch,
                                                      smtp_server, clock):
    from datetime import timedelta

    from redes_desktop.clock import to_mexico
    from redes_desktop.models import AccountStatus, Level, Network
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory

    host, port, inbox = smtp_server
    workspace = open_workspace(institution)
    try:
        settings = workspace.settings
        settings.smtp_host, settings.smtp_port, settings.smtp_security = host, port, "none"
        workspace.save_settings()
        database = workspace.open_database()
        with database.session() as session:
            directory = Directory(session, clock, NullRecorder())
            area = next(a for a in directory.areas() if a.acronym == "JLE")
            titular = directory.create_person("Marta Enlace", "marta@ine.mx", Level.MANDO_MEDIO,
                                              area)
            account = directory.create_account(
                area=area, network=Network.X, name="INE Jalisco", handle="@JLE_JaliscoINE",
                email="redes.jal@ine.mx", status=AccountStatus.ACTIVA, official=True)
            beto = next(p for p in directory.people() if p.email == "beto@ine.mx")
            directory.designate_administrators(account, titular, beto)
            session.commit()
        database.dispose()
    finally:
        workspace.close()
    code, out, _ = _run(capsys, institution, "cuentas", "--json", clock=clock)
    [row] = json.loads(out)
    assert code == 0 and (row["usuario"], row["titular"], row["suplente"]) == (
        "@JLE_JaliscoINE", "Marta Enlace", "Beto Paz")
    _sign_in(institution, "ana@ine.mx", monkeypatch)
    # 5.1: an operativo cannot be the titular; nothing changes, nothing is mailed.
    code, _, err = _run(capsys, institution, "administradores", "@JLE_JaliscoINE", "--titular",
                        "beto@ine.mx", "--suplente", "marta@ine.mx", clock=clock)
    assert code == 1 and "mando medio" in err.lower()
    assert inbox.messages == []
    code, _, err = _run(capsys, institution, "administradores", "@NoExisteINE", "--titular",
                        "marta@ine.mx", "--suplente", "beto@ine.mx", clock=clock)
    assert code == 1 and "@NoExisteINE" in err
    tomorrow = (to_mexico(clock()).date() + timedelta(days=1)).isoformat()
    code, out, _ = _run(capsys, institution, "administradores", "@JLE_JaliscoINE", "--titular",
                        "beto@ine.mx", "--suplente", "marta@ine.mx", "--desde", "ayer",
                        clock=clock)
    assert code == 2
    # Marta stays titular; a new suplente from tomorrow (a designation starting today exists).
    _run(capsys, institution, "alta-persona", "--nombre", "Nora Apoyo", "--correo",
         "nora@ine.mx", "--nivel", "operativo", "--area", "JLE", clock=clock)
    code, out, err = _run(capsys, institution, "administradores", "@JLE_JaliscoINE",
                          "--titular", "marta@ine.mx", "--suplente", "nora@ine.mx",
                          "--desde", tomorrow, "--json", clock=clock)
    assert code == 0, err
    assert json.loads(out)["correos"] == 1
    [mail] = inbox.messages
    assert "Cambio de administradores" in mail["Subject"] and "Nora Apoyo" in str(
        mail.get_body(("plain",)).get_content())


def test_a_prompt_left_without_an_answer_changes_nothing(capsys, institution, monkeypatch):
    from redes_desktop.commands import signin

    _sign_in(institution, "ana@ine.mx", monkeypatch)
    monkeypatch.delenv(PASSWORD_ENV)
    monkeypatch.setattr(signin, "_interactive", lambda: True)

    def closed(_prompt):
        raise EOFError

    monkeypatch.setattr(signin, "_ask", closed)
    code, _, err = _run(capsys, institution, *CARLA)
    assert code == 12 and "No se escribió la contraseña" in err
    assert "carla@ine.mx" not in _people(capsys, institution)
def test_the_consejero_role_is_granted_and_withdrawn_from_the_command_line(capsys, folder,
                                                                           monkeypatch):
    """7.vi: only a Consejera or Consejero Electoral may have a personal account listed in the
    official registry; CNCS records who they are with `rol … consejero_electoral`."""
    for args in (("alta-area", "--nombre", "Consejo General", "--tipo", "oficinas_centrales",
                  "--siglas", "CG"),
                 ("alta-persona", "--nombre", "Ana Revisora", "--correo", "ana@ine.mx",
                  "--nivel", "mando_medio", "--area", "CG"),
                 ("rol", "ana@ine.mx", "revisor_cncs")):
        assert _run(capsys, folder, *args)[0] == 0
    _sign_in(folder, "ana@ine.mx", monkeypatch)
    assert _run(capsys, folder, "alta-persona", "--nombre", "Dania Consejera", "--correo",
                "dania@ine.mx", "--nivel", "mando_superior", "--area", "CG")[0] == 0
    code, out, _ = _run(capsys, folder, "rol", "dania@ine.mx", "consejero_electoral")
    assert code == 0 and "Consejera o Consejero Electoral" in out
    people = {p["correo"]: p for p in json.loads(_run(capsys, folder, "personas", "--json")[1])}
    assert people["dania@ine.mx"]["roles"] == ["consejero_electoral"]
    assert _run(capsys, folder, "rol", "dania@ine.mx", "consejero_electoral", "--quitar")[0] == 0
    people = {p["correo"]: p for p in json.loads(_run(capsys, folder, "personas", "--json")[1])}
    assert people["dania@ine.mx"]["roles"] == []
