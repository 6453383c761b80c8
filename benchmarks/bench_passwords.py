"""Passwords (issue 6): generating and scoring a 20-character password, and the rotation list
of 1,000 accounts (each with rotations and some incidents) from a real SQLite file."""

from __future__ import annotations

import random
import tempfile
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Result, latency_result, measure, measure_interleaved, median
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import NullRecorder


def _generate_and_score(quick: bool) -> list[Result]:
    from redes_desktop.passwords import generator, strength

    words = strength.context_words(["@JLE_JaliscoINE", "INE Jalisco", "X",
                                    "Junta Local Ejecutiva en Jalisco", "Jalisco"])
    strength.evaluate(generator.generate_password(), words)  # import zxcvbn, load its lists
    repeat = 200 if quick else 1000
    baseline, samples = measure_interleaved(
        lambda: generator.generate_password(),
        lambda: strength.evaluate(generator.generate_password(), words),
        repeat=repeat, warmup=20)
    row = latency_result("passwords: generate + score", "20-char password, zxcvbn with the "
                         "account's words", samples, p95_max_ms=10.0)
    phrase = measure(lambda: strength.evaluate(generator.generate_passphrase(), words),
                     repeat=repeat // 2, warmup=5)
    return [
        replace(row, baseline_name="generate only", baseline_median=median(baseline) * 1000),
        # Informational: zxcvbn's cost grows with length (a passphrase is ~50 characters).
        latency_result("passwords: passphrase + score", "6 Spanish words + number, zxcvbn",
                       phrase),
    ]


def _seed(path: Path, accounts: int) -> None:
    from sqlalchemy import insert

    from redes_desktop.database import open_local_database
    from redes_desktop.models import (
        Account,
        AccountStatus,
        AreaKind,
        Incident,
        Level,
        Network,
        PasswordRotation,
    )
    from redes_desktop.services.directory import Directory

    rng = random.Random(6)
    now = datetime(2026, 3, 10, 18, tzinfo=UTC)
    database = open_local_database(path)
    with database.session() as session:
        directory = Directory(session, lambda: now, NullRecorder())
        areas = [directory.create_area(f"Junta Local {i}", AreaKind.JUNTA_LOCAL, state=f"E{i}")
                 for i in range(32)]
        person = directory.create_person("Titular", "titular@ine.mx", Level.MANDO_MEDIO, areas[0])
        session.flush()
        account_rows = [{
            "id": uuid.uuid4(), "network": rng.choice(list(Network)), "name": f"Cuenta {i}",
            "handle": f"@Cuenta{i}INE", "email": f"cuenta{i}@ine.mx",
            "area_id": areas[i % 32].id, "status": AccountStatus.ACTIVA, "purposes": [],
        } for i in range(accounts)]
        session.execute(insert(Account), account_rows)
        rotations, incidents = [], []
        for row in account_rows:
            for _ in range(rng.randint(0, 6)):
                rotations.append({"account_id": row["id"], "rotated_by_id": person.id,
                                  "rotated_at": now - timedelta(days=rng.randint(0, 400))})
            if rng.random() < 0.05:
                incidents.append({"account_id": row["id"], "reported_by_id": person.id,
                                  "observed_at": now, "reported_at": now - timedelta(days=3),
                                  "description": "Publicaciones ajenas."})
        session.execute(insert(PasswordRotation), rotations)
        session.execute(insert(Incident), incidents)
        session.commit()
    database.dispose()


def _rotation_list(quick: bool) -> list[Result]:
    from sqlalchemy import func, select

    from redes_desktop.database import open_local_database
    from redes_desktop.models import Account
    from redes_desktop.services.password_service import PasswordService

    now = datetime(2026, 3, 10, 18, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "redes.sqlite3"
        _seed(path, 1000)
        database = open_local_database(path)
        try:
            with database.session() as session:
                service = PasswordService(session, lambda: now, SecretStore(), NullRecorder())
                assert len(service.status(None)) == 1000
                repeat = 20 if quick else 100
                baseline, samples = measure_interleaved(
                    lambda: session.scalar(select(func.count()).select_from(Account)),
                    lambda: service.status(None), repeat=repeat, warmup=3)
        finally:
            database.dispose()
    row = latency_result("passwords: rotation list", "state of 1,000 accounts (~3,000 "
                         "rotations, ~50 incidents), SQLite", samples, p95_max_ms=50.0)
    return [replace(row, baseline_name="count(accounts)", baseline_median=median(baseline) * 1000)]


def run(quick: bool) -> list[Result]:
    return _generate_and_score(quick) + _rotation_list(quick)
