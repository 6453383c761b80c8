"""`redes-desktop passwords generate` and `passwords due`."""

from __future__ import annotations

import json

from redes_desktop.cli import main
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from tests.factories import make_office


def test_generate_prints_password_and_strength(capsys):
    assert main(["passwords", "generate", "--length", "24"]) == 0
    password, strength, verdict = capsys.readouterr().out.splitlines()
    assert len(password) == 24
    assert strength.startswith("Fortaleza: 4 de 4 (muy fuerte)")
    assert verdict == "Cumple el criterio 5.2 g."


def test_generate_json_passphrase_and_no_symbols(capsys):
    assert main(["passwords", "generate", "--passphrase", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["cumple_5_2_g"] and payload["contrasena"].count("-") == 6
    assert payload["entropia_bits"] > 80
    assert main(["passwords", "generate", "--no-symbols"]) == 0
    out = capsys.readouterr().out
    assert "No cumple el criterio 5.2 g: No tiene caracteres especiales" in out


def test_impossible_settings_are_a_spanish_error(capsys):
    assert main(["passwords", "generate", "--length", "8"]) != 0
    assert "demasiado corta: use al menos 12" in capsys.readouterr().err


def test_due_lists_accounts_with_days(data_dir, database, clock, capsys):
    with database.session() as session:
        make_office(Directory(session, clock, NullRecorder()))
        session.commit()
    assert main(["passwords", "due", "--data-dir", str(data_dir), "--json"]) == 1
    [row] = json.loads(capsys.readouterr().out)
    assert row["usuario"] == "@JLE_JaliscoINE" and row["estado"] == "vencida"
    assert row["dias"] is None and row["ultimo_cambio"] is None
    assert main(["passwords", "due", "--data-dir", str(data_dir)]) == 1
    assert "VENCIDA" in capsys.readouterr().out
    assert main(["passwords", "due", "--data-dir", str(data_dir / "no-existe")]) == 2
    assert "No hay base de datos" in capsys.readouterr().err
