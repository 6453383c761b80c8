"""`redes-desktop organizacion …` in-process on a real data folder: a new installation set up
from the command line, JSON output, the CSV import review and its refusal, and the refusals of
5.1 with exit code and Spanish message."""

from __future__ import annotations

import json

import pytest

from redes_desktop.cli import main
from redes_desktop.models import Person
from redes_desktop.workspace import open_workspace


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "datos"
    workspace = open_workspace(root)
    try:
        workspace.open_database().dispose()
    finally:
        workspace.close()
    return root


def _run(capsys, folder, *args):
    code = main(["organizacion", *args, "--data-dir", str(folder)])
    out, err = capsys.readouterr()
    return code, out, err


def _sign_in(folder, email):
    workspace = open_workspace(folder)
    try:
        database = workspace.open_database()
        with database.session() as session:
            person = session.query(Person).filter_by(email=email).one()
            workspace.settings.current_person_id = str(person.id)
        workspace.save_settings()
        database.dispose()
    finally:
        workspace.close()


def test_new_installation_from_the_command_line(capsys, folder, tmp_path):
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
    assert code != 0 and "No hay una persona identificada" in err
    _sign_in(folder, "ana@ine.mx")
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
