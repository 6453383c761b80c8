"""`redes-desktop consultas list|expire`. The commands run in-process through `cli.main` with the
same FixedClock that placed the consultations (the clock the window would get too), so the
countdowns are exact and no wall clock is involved; usage errors also go through a real
subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from redes_desktop.cli import main
from redes_desktop.clock import FixedClock
from redes_desktop.services.consultation_rules import CONSULTATION_TERM
from redes_desktop.workspace import open_workspace
from tests.test_consultations_support import make_draft, make_world, service_for

NOW = datetime(2031, 5, 14, 17, 0, tzinfo=UTC)  # far from the wall clock on purpose


@pytest.fixture
def run(capsys):
    """`redes-desktop …` in-process at NOW."""

    def run(*args, data_dir):
        code = main([*args, "--data-dir", str(data_dir)], clock=FixedClock(NOW))
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)

    return run


def _run(*args, data_dir=None):
    env = {**os.environ}
    env.pop("REDES_DATA_DIR", None)
    extra = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run([sys.executable, "-m", "redes_desktop", "consultas", *args, *extra],
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def folder(tmp_path):
    """Two pending consultations: one sent 49 h ago (overdue), one sent 10 h ago."""
    root = tmp_path / "datos"
    now = NOW
    clock = FixedClock(now - timedelta(hours=49))
    workspace = open_workspace(root, clock=clock)
    try:
        with workspace.open_database().session() as session:
            world = make_world(session, clock)
            service = service_for(session, clock, world, root / "media", outbox=None)
            for hours_ago, text in ((49, "Publicación vencida"), (10, "Publicación a tiempo")):
                clock.set(now - timedelta(hours=hours_ago))
                post = make_draft(session, clock, world, text)
                service.send(world.office.titular, post, f"¿Procede «{text}»?")
            session.commit()
    finally:
        workspace.close()
    return root


def test_list_json_then_expire_then_list_by_state(folder, run):
    listed = run("consultas", "list", "--json", data_dir=folder)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["state"] for r in rows] == ["pendiente", "pendiente"]
    recent, overdue = rows
    assert recent["question"] == "¿Procede «Publicación a tiempo»?"
    assert recent["countdown"] == "38:00" and not recent["overdue"]
    assert overdue["overdue"] and overdue["countdown"] == "00:00"
    assert recent["mail_pending"] is True
    sent = datetime.fromisoformat(recent["sent_at"])
    assert datetime.fromisoformat(recent["deadline"]) - sent == CONSULTATION_TERM

    expired = run("consultas", "expire", data_dir=folder)
    assert expired.returncode == 0, expired.stderr
    assert "1 consulta(s) quedaron «No procedente — sin respuesta en 48 h»." in expired.stdout
    assert "pendiente" in expired.stdout  # no SMTP configured: the notice waits in the outbox

    by_state = json.loads(run("consultas", "list", "--state", "no_procedente", "--json",
                              data_dir=folder).stdout)
    assert [r["question"] for r in by_state] == ["¿Procede «Publicación vencida»?"]
    human = run("consultas", "list", data_dir=folder)
    assert "No procedente — sin respuesta en 48 h" in human.stdout
    assert "2 consulta(s)" in human.stdout
    assert run("consultas", "expire", data_dir=folder).stdout.startswith("0 consulta(s)")

    # The expiry is in the bitácora, and the chain verifies.
    exported = run("bitacora", "export", "--format", "json", data_dir=folder)
    assert exported.returncode == 0, exported.stderr
    assert "consulta_vencida" in exported.stdout
    verified = run("bitacora", "verify", data_dir=folder)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_bad_usage_is_explained_in_spanish(tmp_path):
    empty = _run("list", data_dir=tmp_path / "vacia")
    assert empty.returncode == 2 and "No hay base de datos" in empty.stderr
    bad_state = _run("list", "--state", "olvidada", data_dir=tmp_path)
    assert bad_state.returncode == 2 and "opción no válida" in bad_state.stderr
    no_order = subprocess.run([sys.executable, "-m", "redes_desktop", "consultas"],
                              capture_output=True, text=True, timeout=60)
    assert no_order.returncode == 2 and "consultas list" in no_order.stderr
