"""Videos through the sync (shared PostgreSQL at 127.0.0.1:5432, database `test`, a throwaway
schema): 64 MiB pushed from one workstation and pulled into another as one video, in parts
(`sync/media_chunks.py`), against the same bytes as a set of 2 MiB images (`sync/media.py`,
each image whole in one bytea). Reports MiB/s each way and the growth of peak memory (RSS
high-water mark, reset just before the transfer: /proc/self/clear_refs) while the bytes move.
The point of the parts is the memory: a video never grows the process by more than a few parts,
however large it is; a set of images is fetched whole, many at a time.

Each case runs in its own fresh process (`python -m benchmarks.bench_video_sync CASE MIB`), so
what one measured never hides the other's peak; `--quick` moves 16 MiB, once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import Result, limit_result

POSTGRES_URL = os.environ.get(
    "REDES_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
MIB = 1_048_576
IMAGE_MIB = 2  # an image-sized piece: X takes PNGs up to 5 MB
ROOT = Path(__file__).resolve().parent.parent
MAX_VIDEO_GROWTH_MIB = 48  # a few 4 MiB parts in flight, whatever the video's size


def run(quick: bool) -> list[Result]:
    size, repeat = (16, 1) if quick else (64, 3)
    images, videos = [], []
    for _ in range(repeat):  # alternated, so drift on this shared machine hits both alike
        images.append(_child("images", size))
        videos.append(_child("video", size))
    results = []
    for way in ("push", "pull"):
        results.append(limit_result(
            f"video sync: {way} {size} MiB video", f"MiB/s, in 4 MiB parts ({way})",
            [v[f"{way}_mibs"] for v in videos], "MiB/s",
            baseline_name=f"{size} MiB of {IMAGE_MIB} MiB images",
            baseline_samples=[i[f"{way}_mibs"] for i in images]))
    for way in ("push", "pull"):
        results.append(limit_result(
            f"video sync: peak RSS growth, {way} {size} MiB video",
            f"growth of the RSS high-water mark during the {way}",
            [v[f"{way}_growth_mib"] for v in videos], "MiB", max_median=MAX_VIDEO_GROWTH_MIB,
            baseline_name=f"{size} MiB of {IMAGE_MIB} MiB images",
            baseline_samples=[i[f"{way}_growth_mib"] for i in images]))
    return results


def _child(case: str, size: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_video_sync", case,
                           str(size)], cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{case}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the child ------------------------------------------------------------------------------------
def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_peak() -> int:
    """Reset the RSS high-water mark to the current RSS; returns that RSS (KiB)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    return _rss_kib("VmRSS")


def _write_random(path: Path, size: int) -> str:
    import hashlib

    digest = hashlib.sha256()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        for _ in range(size // MIB):
            piece = os.urandom(MIB)
            digest.update(piece)
            handle.write(piece)
    return digest.hexdigest()


def child(case: str, size_mib: int) -> dict[str, float]:
    from sqlalchemy import create_engine, text

    from redes_desktop.database import open_local_database
    from redes_desktop.models import Post, PostMedia
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory
    from redes_desktop.sync.engine import SyncEngine
    from redes_desktop.sync.shared_schema import init_shared_database
    from tests.factories import make_office

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    group = f"redes_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    shared = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    tmp = Path(tempfile.mkdtemp(prefix="bench-video-"))
    opened = []
    try:
        init_shared_database(shared, group)
        a_db = open_local_database(tmp / "a.sqlite3")
        opened.append(a_db)
        with a_db.session() as s:
            office = make_office(Directory(s, lambda: T0, NullRecorder()))
            s.commit()
            account, titular, suplente = office.account, office.titular.id, office.suplente.id
        a = SyncEngine(a_db.engine, shared, person_id=titular, clock=lambda: T0,
                       media_dir=tmp / "a-media")
        a.sync()
        b_db = open_local_database(tmp / "b.sqlite3")
        opened.append(b_db)
        b = SyncEngine(b_db.engine, shared, person_id=suplente, clock=lambda: T0,
                       media_dir=tmp / "b-media")
        b.sync()
        pieces = ([("video.mp4", size_mib * MIB)] if case == "video" else
                  [(f"imagen{i}.png", IMAGE_MIB * MIB) for i in range(size_mib // IMAGE_MIB)])
        with a_db.session() as s:
            for name, size in pieces:
                path = tmp / "a-media" / "importados" / name
                sha = _write_random(path, size)
                post = Post(account_id=account.id, network=account.network,
                            author_id=titular, text=f"Con {name}")
                post.media = [PostMedia(position=0, file_path=str(path), sha256=sha)]
                s.add(post)
            s.commit()
        measures: dict[str, float] = {}
        for way, engine in (("push", a), ("pull", b)):
            before = _reset_peak()
            start = time.perf_counter()
            report = engine.sync()
            elapsed = time.perf_counter() - start
            moved = (report.videos_sent + report.videos_received if case == "video"
                     else report.media_sent + report.media_received)
            assert moved == len(pieces), report.lines()
            measures[f"{way}_mibs"] = size_mib / elapsed
            measures[f"{way}_growth_mib"] = (_rss_kib("VmHWM") - before) / 1024
        return measures
    finally:
        for db in opened:
            db.dispose()
        shared.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                            {"r": group}).first():
                conn.exec_driver_sql(f'DROP OWNED BY "{group}"')
                conn.exec_driver_sql(f'DROP ROLE "{group}"')
        admin.dispose()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(child(sys.argv[1], int(sys.argv[2]))))
