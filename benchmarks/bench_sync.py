"""Sync with the shared PostgreSQL (127.0.0.1:5432, database `test`, a throwaway schema):
push and pull of 10,000 changed rows; a sync with nothing to do with 1,000 and 100,000 rows in
the tables (must not grow with the table size); the same as an area's own login, under
row-level security (its first sync meets ~100,000 entries of another area, none readable); 20
workstations syncing at once (p95); 20 images (800×600 PNG) carried to another workstation
through `media_blobs` (every station syncs with its `media/`, so the idle rows include the
images' bookkeeping)."""

from __future__ import annotations

import os
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import Result, latency_result, measure
from redes_desktop.services.activity import NullRecorder

POSTGRES_URL = os.environ.get(
    "REDES_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def _add_posts(db, account, author_id, n: int) -> None:
    """n new drafts written as the services would (rows + captured changes), in bulk."""
    from sqlalchemy import insert

    from redes_desktop.models import Post
    from redes_desktop.models.sync_state import SyncChange

    rows = [{"id": uuid.uuid4(), "account_id": account.id, "network": account.network,
             "author_id": author_id, "text": f"Borrador {i}", "is_reply": False,
             "status": "borrador", "created_at": T0, "updated_at": T0, "row_version": 1}
            for i in range(n)]
    with db.engine.begin() as conn:
        conn.execute(insert(Post.__table__), rows)
        conn.execute(insert(SyncChange.__table__),
                     [{"table_name": "posts", "row_id": r["id"], "base_version": 0}
                      for r in rows])


def run(quick: bool) -> list[Result]:
    from sqlalchemy import create_engine, text

    from redes_desktop.database import open_local_database
    from redes_desktop.services.directory import Directory
    from redes_desktop.sync.engine import SyncEngine
    from redes_desktop.sync.shared_schema import init_shared_database
    from tests.factories import make_office

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    group = f"redes_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    shared = create_engine(POSTGRES_URL, pool_size=25, max_overflow=5,
                           connect_args={"options": f"-csearch_path={schema}"})
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    opened = []
    results: list[Result] = []
    try:
        init_shared_database(shared, group)

        def station(name: str):
            db = open_local_database(tmp / f"{name}.sqlite3")
            opened.append(db)
            return db, SyncEngine(db.engine, shared, media_dir=tmp / f"{name}-media")

        a_db, a = station("a")
        with a_db.session() as s:
            office = make_office(Directory(s, lambda: T0, NullRecorder()))
            s.commit()
            account, author = office.account, office.titular.id
        a.sync()
        b_db, b = station("b")
        b.sync()

        def idle(size: int) -> None:
            with shared.connect() as conn:
                have = conn.execute(text("SELECT count(*) FROM posts")).scalar_one()
            if have < size:
                _add_posts(a_db, account, author, size - have)
                a.push()
                b.pull()
            a.sync()
            b.sync()
            samples = measure(b.sync, repeat=10 if quick else 40, warmup=2)
            results.append(latency_result(f"sync: nothing to do, {max(size, have):,} rows",
                                          "push + pull, nothing changed", samples,
                                          median_max_ms=50))

        idle(1_000)
        results.extend(_images(a_db, a, b, account, author, tmp))
        rounds = 1 if quick else 3
        push_s, pull_s = [], []
        for _ in range(rounds):
            _add_posts(a_db, account, author, 10_000)
            start = time.perf_counter()
            a.push()
            push_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            b.pull()
            pull_s.append(time.perf_counter() - start)
        results.append(latency_result("sync: push 10,000 rows", "10,000 new drafts, batches of "
                                      "2,000", push_s, median_max_ms=3000))
        results.append(latency_result("sync: pull 10,000 rows", "into another workstation",
                                      pull_s, median_max_ms=3000))

        idle(20_000 if quick else 100_000)
        results.extend(_as_area_login(shared, schema, a_db, a, tmp, opened, quick))

        stations = [station(f"w{i}") for i in range(20)]
        for _db, engine in stations:
            engine.sync()
        times: list[float] = []
        lock = threading.Lock()
        for _ in range(1 if quick else 3):
            for db, _engine in stations:
                _add_posts(db, account, author, 50)
            barrier = threading.Barrier(len(stations))

            def work(engine, barrier=barrier) -> None:
                barrier.wait()
                start = time.perf_counter()
                engine.sync()
                with lock:
                    times.append(time.perf_counter() - start)

            threads = [threading.Thread(target=work, args=(e,)) for _db, e in stations]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        results.append(latency_result("sync: 20 workstations at once",
                                      "each pushes 50 drafts and pulls the others' (threads)",
                                      times, p95_max_ms=None))
        return results
    finally:
        for db in opened:
            db.dispose()
        shared.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            conn.exec_driver_sql(f'DROP OWNED BY "{group}"')
            conn.exec_driver_sql(f'DROP ROLE "{group}"')
        admin.dispose()


def _images(a_db, a, b, account, author_id, tmp: Path) -> list[Result]:
    """20 drafts with one image each: push (rows and bytes), then pull into another station
    (rows, then each image fetched and its hash checked)."""
    import hashlib

    from PIL import Image

    from redes_desktop.models import Post, PostMedia

    media = a.media_dir
    media.mkdir(parents=True, exist_ok=True)
    with a_db.session() as s:
        for i in range(20):
            source = tmp / f"imagen{i}.png"
            Image.new("RGB", (800, 600), (i * 12, 80, 160)).save(source)
            sha = hashlib.sha256(source.read_bytes()).hexdigest()
            copy = media / f"{sha}.png"
            source.replace(copy)
            post = Post(account_id=account.id, network=account.network, author_id=author_id,
                        text=f"Con imagen {i}")
            post.media = [PostMedia(position=0, file_path=str(copy), sha256=sha)]
            s.add(post)
        s.commit()
    start = time.perf_counter()
    sent = a.sync()
    push = time.perf_counter() - start
    start = time.perf_counter()
    got = b.sync()
    pull = time.perf_counter() - start
    assert sent.media_sent == 20 and got.media_received == 20, (sent.lines(), got.lines())
    return [latency_result("sync: push 20 images", "rows, then the bytes (hash and size "
                           "checked by the server)", [push], median_max_ms=5000),
            latency_result("sync: pull 20 images", "rows, then the bytes (hash checked, "
                           "written to media/)", [pull], median_max_ms=5000)]


def _as_area_login(shared, schema: str, a_db, a, tmp: Path, opened: list, quick: bool
                   ) -> list[Result]:
    """A workstation connected with its person's own login (row-level security applies)."""
    from sqlalchemy import URL, create_engine

    from redes_desktop.database import open_local_database
    from redes_desktop.services.directory import Directory
    from redes_desktop.sync.engine import SyncEngine
    from redes_desktop.sync.shared_schema import grant_person
    from tests.factories import make_office

    slug = f"b{uuid.uuid4().hex[:8]}"
    with a_db.session() as s:
        office = make_office(Directory(s, lambda: T0, NullRecorder()),
            name=f"Junta {slug}", state=slug,
                             handle=f"@{slug}INE", slug=slug)
        s.commit()
        account, author, email = office.account, office.titular.id, office.titular.email
    a.sync()
    role = grant_person(shared, email)
    login = create_engine(URL.create(
        "postgresql+psycopg", username=role, host="127.0.0.1", port=5432, database="test",
        query={"options": f"-csearch_path={schema}"}))
    try:
        db = open_local_database(tmp / "login.sqlite3")
        opened.append(db)
        engine = SyncEngine(db.engine, login, person_id=author)
        start = time.perf_counter()
        engine.sync()
        first = [time.perf_counter() - start]
        results = [latency_result("sync as area login: first sync", "meets every entry of "
                                  "another area, none readable", first)]
        samples = measure(engine.sync, repeat=10 if quick else 40, warmup=2)
        results.append(latency_result("sync as area login: nothing to do", "push + pull, "
                                      "row-level security", samples, median_max_ms=50))
        pulls = []
        for _ in range(1 if quick else 3):
            _add_posts(a_db, account, author, 10_000)
            a.push()
            start = time.perf_counter()
            engine.pull()
            pulls.append(time.perf_counter() - start)
        results.append(latency_result("sync as area login: pull 10,000 rows", "its own area's "
                                      "drafts, row-level security", pulls, median_max_ms=3000))
        pushes = []
        for _ in range(1 if quick else 3):
            _add_posts(db, account, author, 2_000)
            start = time.perf_counter()
            engine.push()
            pushes.append(time.perf_counter() - start)
        # One batch: every row's policy recomputes the login's areas (~2.5 ms a row).
        results.append(latency_result("sync as area login: push 2,000 rows", "its own "
                                      "drafts, row-level security", pushes,
                                      median_max_ms=3000))
        return results
    finally:
        login.dispose()
        from sqlalchemy import create_engine as admin_engine

        admin = admin_engine(POSTGRES_URL)
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE "{role}"')
        admin.dispose()
