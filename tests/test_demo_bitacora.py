"""The demo's bitácora (issue 15): weeks of entries of every kind of action, from several
workstations, recorded through the real recorder so that `bitacora verify` passes and the
viewer and the export show something on a new installation."""

from __future__ import annotations

import json
from datetime import timedelta

from redes_desktop.actions.choose_identity import open_demo
from redes_desktop.bitacora import open_bitacora
from redes_desktop.bitacora.query import Filters
from redes_desktop.cli import main
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.demo_folder import seed_demo_folder
from redes_desktop.workspace import open_workspace

# What a person does in a normal couple of months, every kind the demo must show.
EXPECTED_ACTIONS = {
    "sesion_iniciada", "sesion_fallida", "sesion_bloqueada", "sincronizacion",
    "borrador_creado", "borrador_editado", "detalles_publicacion", "publicada", "descartada",
    "consulta_enviada", "consulta_correo_enviado", "consulta_decidida", "consulta_vencida",
    "aprobacion_invalidada_por_edicion", "consulta_invalidada_por_edicion",
    "contrasena_rotada", "contrasena_consultada", "incidente_reportado", "incidente_cerrado",
    "cuenta_solicitada", "baja_solicitada", "cuenta_verificada", "administradores_designados",
    "usuarios_registrados", "ausencia_registrada", "capacitacion_programada",
    "capacitacion_convocada", "asistencia_capacitacion", "evaluacion_registrada",
    "sesion_consejo_registrada", "persona_registrada", "rol_otorgado", "conflicto_resuelto",
}


def _entries(data_dir, database, clock):
    bitacora = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock, create=False)
    try:
        reader = bitacora.reader()
        try:
            return bitacora.workstation, list(reader.iterate(Filters()))
        finally:
            reader.close()
    finally:
        bitacora.close()


def test_demo_folder_has_weeks_of_verified_history_from_several_workstations(
        data_dir, clock, capsys):
    workspace = open_workspace(data_dir, clock=clock)
    try:
        message = seed_demo_folder(workspace)
        assert "Bitácora de demostración:" in message and "5 estaciones" in message
        database = workspace.open_database()
        local, views = _entries(data_dir, database, clock)
    finally:
        workspace.close()
    assert len(views) > 1000
    assert {v.action for v in views} >= EXPECTED_ACTIONS
    origins = {v.origin for v in views}
    assert len(origins) == 5 and local in origins
    # Timestamps spread over the past weeks, none in the future.
    now = clock()
    times = [v.at for v in views]
    assert max(times) < now and min(times) >= now - timedelta(weeks=8)
    assert len({(now - t).days // 7 for t in times}) >= 7
    # People, accounts and areas are the demo's own (names resolve).
    assert sum(v.actor is not None for v in views) > len(views) * 0.9
    assert any(v.account is not None for v in views)

    assert main(["bitacora", "verify", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"Bitácora íntegra: {len(views)} entradas verificadas." in out

    exported = data_dir.parent / "auditoria.json"
    assert main(["bitacora", "export", "--format", "json", "--data-dir", str(data_dir),
                 "-o", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["entradas"]) == len(views)
    assert {e["verificacion"] for e in data["entradas"]} == {"íntegra"}


def test_demo_history_is_the_same_on_every_run(tmp_path, clock):
    actions = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        workspace = open_workspace(folder, clock=clock)
        try:
            seed_demo_folder(workspace)
            _, views = _entries(folder, workspace.open_database(), clock)
        finally:
            workspace.close()
        actions.append(sorted((v.at, v.action) for v in views))
    assert actions[0] == actions[1]


def test_force_starts_a_new_chain_and_keeps_the_old_bitacora_aside(data_dir, clock, capsys):
    workspace = open_workspace(data_dir, clock=clock)
    try:
        seed_demo_folder(workspace)
        seed_demo_folder(workspace, force=True)
        kept = sorted(p.name for p in workspace.paths.backups.iterdir())
    finally:
        workspace.close()
    assert "bitacora-antes-de-demo-20260310-120000.sqlite3" in kept
    assert main(["bitacora", "verify", "--data-dir", str(data_dir)]) == 0
    assert "Bitácora íntegra" in capsys.readouterr().out


def test_open_demo_from_the_window_records_the_history_in_the_open_bitacora(
        data_dir, database, clock):
    bitacora = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock)
    try:
        assert open_demo(database, clock=clock, data_dir=data_dir, bitacora=bitacora) > 90
        report = bitacora.verify()
        assert report.ok and report.checked > 1000
        assert len(report.origins) == 5
    finally:
        bitacora.close()


def test_commands_demo_then_verify_on_a_new_installation(tmp_path):
    import os
    import subprocess
    import sys

    def cli(*args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run([sys.executable, "-m", "redes_desktop", *args],
                              capture_output=True, text=True, timeout=300, env=env)

    folder = str(tmp_path / "datos")
    demo = cli("demo", "--data-dir", folder)
    assert demo.returncode == 0, demo.stderr
    assert "Bitácora de demostración:" in demo.stdout
    verify = cli("bitacora", "verify", "--data-dir", folder)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "Bitácora íntegra:" in verify.stdout
