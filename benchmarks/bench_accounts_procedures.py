"""Accounts procedure and coverage (issue 8) on a database of 64 accounts and 20,000 published
posts: the health check (last publication per account, 6.xxi / 7.viii), the official registry
exported as HTML (7.ix), and the coverage annotation every post action now adds to the bitácora.

Baselines from the same run: the bare SQL aggregate behind the health check, and the coverage
annotation for a titular (no query) against a covering suplente (one query)."""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Result, latency_result, measure_interleaved, median
from redes_desktop.services.activity import NullRecorder

POSTS = 20_000
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def _fill(root: Path):
    from sqlalchemy import insert

    from redes_desktop.clock import FixedClock
    from redes_desktop.database import open_local_database
    from redes_desktop.models import AbsenceKind, AbsencePeriod, Post, PostStatus
    from redes_desktop.services.directory import Directory
    from tests.factories import make_office

    clock = FixedClock(NOW)
    database = open_local_database(root / "redes.sqlite3")
    session = database.session()
    directory = Directory(session, clock, NullRecorder())
    offices = [
        make_office(directory, name=f"Junta Local {n}", state=f"Estado {n}",
                    handle=f"@JLE_{n}INE", slug=f"e{n}")
        for n in range(64)
    ]
    session.flush()
    rng = random.Random(8)
    rows = [
        {"account_id": rng.choice(offices).account.id, "network": "x",
         "text": f"Publicación {i}", "status": PostStatus.PUBLICADA,
         "published_at": NOW - timedelta(hours=rng.randint(1, 2400))}
        for i in range(POSTS)
    ]
    session.execute(insert(Post), rows)
    office = offices[0]
    session.add(AbsencePeriod(person_id=office.titular.id, covering_person_id=office.suplente.id,
                              kind=AbsenceKind.VACACIONES, starts_on=NOW.date(),
                              ends_on=NOW.date() + timedelta(days=3)))
    session.commit()
    return database, session, clock, office


def run(quick: bool) -> list[Result]:
    from sqlalchemy import func, select

    from redes_desktop.models import Post, PostStatus
    from redes_desktop.services.account_health import account_health
    from redes_desktop.services.coverage import coverage_details
    from redes_desktop.services.official_registry import export, official_accounts
    from redes_desktop.services.permissions import Permissions

    repeat = 10 if quick else 40
    root = Path(tempfile.mkdtemp(prefix="bench-cuentas-"))
    try:
        database, session, clock, office = _fill(root)

        def bare_aggregate():
            session.execute(
                select(Post.account_id, func.max(Post.published_at))
                .where(Post.status == PostStatus.PUBLICADA, Post.deleted_at.is_(None))
                .group_by(Post.account_id)
            ).all()

        def health():
            session.expire_all()
            rows = account_health(session, clock)
            assert len(rows) == 64

        sql, full = measure_interleaved(bare_aggregate, health, repeat=repeat, warmup=2)

        def registry():
            session.expire_all()
            export(official_accounts(session), "html")

        _unused, html = measure_interleaved(lambda: None, registry, repeat=repeat, warmup=2)

        permissions = Permissions(session, clock)
        titular, suplente, account = office.titular, office.suplente, office.account
        assert coverage_details(permissions, suplente, account)["en_cobertura"] is True
        plain, covered = measure_interleaved(
            lambda: coverage_details(permissions, titular, account),
            lambda: coverage_details(permissions, suplente, account),
            repeat=repeat * 20, warmup=5,
        )
        session.close()
        database.dispose()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return [
        latency_result("salud: SQL base", f"última publicación de 64 cuentas, {POSTS} posts",
                       sql),
        latency_result("salud: revisión completa", f"64 cuentas, {POSTS} publicaciones "
                       f"(base SQL {median(sql) * 1000:.1f} ms)", full, p95_max_ms=150.0),
        latency_result("registro oficial: HTML", "64 cuentas oficiales, exportar tabla HTML",
                       html, p95_max_ms=100.0),
        latency_result("cobertura: titular", "anotación de bitácora sin cobertura (sin consulta)",
                       plain),
        latency_result("cobertura: suplente", "anotación de bitácora en cobertura (1 consulta)",
                       covered, median_max_ms=2.0),
    ]
