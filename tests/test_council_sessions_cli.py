"""`redes-desktop sesiones …` (criterion 6.xxvii) in-process on a real data folder: CNCS enters
and removes Consejo General sessions (Mexico City times), JSON output, and the refusals with
their exit codes and Spanish messages."""

from __future__ import annotations

import json
import uuid

import pytest
from argon2 import PasswordHasher, Type

from redes_desktop.cli import main
from redes_desktop.commands.signin import PASSWORD_ENV
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.signin.credentials import LocalCredential
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


@pytest.fixture
def folder(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    try:
        database = workspace.open_database()
        with database.session() as session:
            directory = Directory(session, clock, NullRecorder())
            office = make_office(directory)
            reviewer = make_reviewer(directory)
            session.commit()
            ids = {"titular": str(office.titular.id), "reviewer": str(reviewer.id)}
        database.dispose()
    finally:
        workspace.close()
    return data_dir, ids


FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)


def _as(folder, who: str, monkeypatch) -> None:
    """As after a sign-in in the window; the command proves it with the password (issue 14)."""
    root, ids = folder
    workspace = open_workspace(root)
    try:
        workspace.settings.current_person_id = ids[who]
        workspace.save_settings()
    finally:
        workspace.close()
    password = f"clave-de-{who}-2026"
    LocalCredential(SecretStore(), FAST).set(uuid.UUID(ids[who]), password, password)
    monkeypatch.setenv(PASSWORD_ENV, password)


def _run(capsys, folder, clock, *args):
    try:
        code = main(["sesiones", *args, "--data-dir", str(folder[0])], clock=clock)
    except SystemExit as usage:  # argparse refuses the command line itself: exit 2
        code = usage.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cncs_enters_lists_and_removes_a_session(capsys, folder, clock, monkeypatch):
    code, out, _ = _run(capsys, folder, clock, "lista")
    assert code == 0 and "No hay sesiones en el calendario" in out
    _as(folder, "reviewer", monkeypatch)
    code, out, _ = _run(capsys, folder, clock, "alta", "--nombre", "Sesión extraordinaria",
                        "--fecha", "2026-03-12", "--inicio", "10:00", "--fin", "14:30", "--json")
    assert code == 0
    added = json.loads(out)
    assert (added["nombre"], added["fecha"], added["inicio"], added["fin"]) == (
        "Sesión extraordinaria", "2026-03-12", "10:00", "14:30")
    assert added["inicio_utc"].startswith("2026-03-12T16:00")  # Mexico City is UTC-6
    code, out, _ = _run(capsys, folder, clock, "lista", "--json")
    assert [row["id"] for row in json.loads(out)] == [added["id"]]
    code, out, _ = _run(capsys, folder, clock, "lista")
    assert "12/03/2026 10:00–14:30  Sesión extraordinaria" in out
    code, out, _ = _run(capsys, folder, clock, "baja", added["id"])
    assert code == 0 and "se quitó del calendario" in out
    assert json.loads(_run(capsys, folder, clock, "lista", "--json")[1]) == []


def test_a_change_needs_the_person_to_prove_who_they_are(capsys, folder, clock):
    code, _, err = _run(capsys, folder, clock, "alta", "--nombre", "Sesión", "--fecha",
                        "2026-03-12", "--inicio", "10:00", "--fin", "12:00")
    assert code == 12 and "--como" in err
    assert json.loads(_run(capsys, folder, clock, "lista", "--json")[1]) == []


def test_only_cncs_enters_sessions(capsys, folder, clock, monkeypatch):
    _as(folder, "titular", monkeypatch)
    code, _, err = _run(capsys, folder, clock, "alta", "--nombre", "Sesión", "--fecha",
                        "2026-03-12", "--inicio", "10:00", "--fin", "12:00")
    assert code == 1 and "Solo la Coordinación Nacional de Comunicación Social" in err
    assert json.loads(_run(capsys, folder, clock, "lista", "--json")[1]) == []


@pytest.mark.parametrize("args, code, message", [
    (["--fecha", "12/03/2026", "--inicio", "10:00", "--fin", "12:00"], 2,
     "no es una fecha AAAA-MM-DD"),
    (["--fecha", "2026-03-12", "--inicio", "25:00", "--fin", "12:00"], 2,
     "no es una hora HH:MM"),
    (["--fecha", "2026-03-12", "--inicio", "12:00", "--fin", "10:00"], 1,
     "termina antes de empezar"),
])
def test_bad_dates_and_times_are_refused(capsys, folder, clock, args, code, message,
                                         monkeypatch):
    _as(folder, "reviewer", monkeypatch)
    result, _, err = _run(capsys, folder, clock, "alta", "--nombre", "Sesión", *args)
    assert result == code and message in err
    assert json.loads(_run(capsys, folder, clock, "lista", "--json")[1]) == []


def test_removing_an_unknown_session_says_so(capsys, folder, clock, monkeypatch):
    _as(folder, "reviewer", monkeypatch)
    code, _, err = _run(capsys, folder, clock, "baja", "no-es-un-id")
    assert code == 1 and "no es el identificador de una sesión" in err
    code, _, err = _run(capsys, folder, clock, "baja", "00000000-0000-0000-0000-000000000001")
    assert code == 1 and "ya no está en el calendario" in err
