"""`redes-desktop bitacora verify|export|verify-export` from the command line."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import timedelta

from redes_desktop.bitacora import open_bitacora
from redes_desktop.cli import main
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry

ACCOUNT = uuid.UUID("22222222-2222-4222-8222-222222222222")


def _fill(data_dir, database, clock, count=8):
    bitacora = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock)
    for n in range(1, count + 1):
        bitacora.append(ActivityEntry(clock(), None, ACCOUNT if n % 2 else None, "publicada",
                                      {"n": n, "url": f"https://x.com/ine/{n}"}))
        clock.advance(timedelta(days=1))
    bitacora.close()


def test_verify_reports_count_or_names_the_altered_entry(data_dir, database, clock, capsys):
    _fill(data_dir, database, clock)
    assert main(["bitacora", "verify", "--data-dir", str(data_dir)]) == 0
    assert "8 entradas verificadas" in capsys.readouterr().out
    conn = sqlite3.connect(data_dir / "bitacora.sqlite3", isolation_level=None)
    conn.execute("DELETE FROM entries WHERE seq >= 7")
    conn.close()
    assert main(["bitacora", "verify", "--data-dir", str(data_dir)]) == 1
    assert "Faltan las entradas 7 a 8" in capsys.readouterr().out


def test_verify_without_a_bitacora_is_a_clear_error(data_dir, capsys):
    assert main(["bitacora", "verify", "--data-dir", str(data_dir)]) != 0
    assert "No hay bitácora" in capsys.readouterr().err
    assert not (data_dir / "bitacora.sqlite3").exists()


def test_export_filters_and_verify_export(data_dir, database, clock, capsys, tmp_path):
    _fill(data_dir, database, clock)
    out = tmp_path / "auditoria.json"
    code = main(["bitacora", "export", "--format", "json", "--data-dir", str(data_dir),
                 "--account", str(ACCOUNT), "--from", "2026-03-11", "--to", "2026-03-14",
                 "--output", str(out)])
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [e["secuencia"] for e in data["entradas"]] == [3, 5]
    assert all(len(e["mac"]) == 64 for e in data["entradas"])
    assert main(["bitacora", "verify-export", str(out)]) == 0
    assert "2 entradas verificadas" in capsys.readouterr().out
    csv_out = tmp_path / "auditoria.csv"
    assert main(["bitacora", "export", "--data-dir", str(data_dir), "-o", str(csv_out)]) == 0
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets then read the accents
    text = csv_out.read_text(encoding="utf-8-sig")
    assert text.startswith("origen,secuencia,fecha_utc")
    csv_out.write_text(text.replace("ine/4", "ine/9"), encoding="utf-8")
    assert main(["bitacora", "verify-export", str(csv_out)]) == 1
    assert "entrada 4" in capsys.readouterr().out


def _forge_append(data_dir) -> None:
    """A forged entry 9 at the end: a copy of entry 8 pretending to follow it."""
    conn = sqlite3.connect(data_dir / "bitacora.sqlite3", isolation_level=None)
    conn.execute("INSERT INTO entries (origin, seq, at, actor, account, area, action, details, "
                 "prev_mac, mac) SELECT origin, 9, at, actor, account, area, action, details, "
                 "mac, mac FROM entries WHERE seq=8")
    conn.close()


def test_export_of_a_forged_entry_marks_it_and_fails(data_dir, database, clock, capsys,
                                                      tmp_path):
    _fill(data_dir, database, clock)
    _forge_append(data_dir)
    out = tmp_path / "auditoria.json"
    code = main(["bitacora", "export", "--format", "json", "--data-dir", str(data_dir),
                 "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "no verifica" in err and "entrada 9" in err and "«verificacion»" in err
    entries = json.loads(out.read_text(encoding="utf-8"))["entradas"]
    marks = {e["secuencia"]: e["verificacion"] for e in entries}
    assert marks[9] == "alterada" and all(marks[n] == "íntegra" for n in range(1, 9))


def test_export_of_an_entry_edited_in_place_marks_it_and_the_rest_of_its_chain(
    data_dir, database, clock, capsys, tmp_path
):
    _fill(data_dir, database, clock)
    conn = sqlite3.connect(data_dir / "bitacora.sqlite3", isolation_level=None)
    conn.execute("UPDATE entries SET mac=zeroblob(32) WHERE seq=5")  # 6 no longer links to it
    conn.close()
    out = tmp_path / "auditoria.csv"
    assert main(["bitacora", "export", "--data-dir", str(data_dir), "-o", str(out)]) == 1
    assert "entrada 5" in capsys.readouterr().err
    import csv

    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    marks = [row["verificacion"] for row in rows]
    assert marks == ["íntegra"] * 4 + ["alterada"] + ["posterior a una alteración"] * 3


def test_intact_export_marks_every_entry_intact(data_dir, database, clock, tmp_path):
    _fill(data_dir, database, clock)
    out = tmp_path / "auditoria.json"
    assert main(["bitacora", "export", "--format", "json", "--data-dir", str(data_dir),
                 "-o", str(out)]) == 0
    entries = json.loads(out.read_text(encoding="utf-8"))["entradas"]
    assert {e["verificacion"] for e in entries} == {"íntegra"}
    assert main(["bitacora", "verify-export", str(out)]) == 0


def test_verify_names_an_absent_anchor(data_dir, database, clock, capsys):
    from redes_desktop.bitacora.head import head_key_name

    _fill(data_dir, database, clock)
    bitacora = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock)
    workstation = bitacora.workstation
    bitacora.close()
    SecretStore().delete(head_key_name(workstation))
    assert main(["bitacora", "verify", "--data-dir", str(data_dir)]) == 1
    assert "ALTERADA: Falta en el llavero" in capsys.readouterr().out
