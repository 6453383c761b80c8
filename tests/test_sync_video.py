"""Videos travel with the sync, in parts: a video attached on the titular's workstation arrives
bit-identical in the suplente's data folder (another path, another login) so the suplente can
publish it; an interrupted sending resumes without sending the finished parts again; a part
altered on the server is refused on arrival and never put in place; another area's login reads
no part; a video heavier than its network accepts is refused before it is read; and no step
reads or writes more than one part at a time (a small part size is injected)."""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from redes_desktop.models import Post, PostMedia
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.media_library import import_for_publication
from redes_desktop.sync.media_chunks import VideoSettings
from redes_desktop.sync.shared_schema import (
    init_shared_database,
    media_blob_chunks,
    media_blob_uploads,
    media_blobs,
)
from tests import test_sync_support as _support
from tests.factories import make_office, make_reviewer
from tests.test_sync_support import make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
logins = _support.logins  # fixture
stations = _support.stations  # fixture

T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
PART = 256 * 1024  # small parts, so a few MB make many
SIZE = 3 * 1_048_576 + 1234  # 13 parts, the last one short
PARTS = -(-SIZE // PART)


class Cut(Exception):
    """The connection dropped, the workstation was closed: the sync stops mid-video."""


class Files:
    """Opens files for the video transfer and remembers every read and write (and may cut
    the sending after a number of reads of the nth file opened)."""

    def __init__(self) -> None:
        self.reads: list[tuple[str, int, int]] = []  # (file name, offset, size asked)
        self.writes: list[int] = []
        self.opened = 0
        self.cut: tuple[int, int] | None = None  # (which opening, after how many reads)

    def __call__(self, path: Path, mode: str):
        self.opened += 1
        return _Watched(open(path, mode), self, path.name, self.opened)  # noqa: SIM115


class _Watched:
    def __init__(self, handle, files: Files, name: str, opening: int) -> None:
        self.handle, self.files, self.name, self.opening = handle, files, name, opening
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        assert size is not None and size >= 0, "a video is never read whole"
        if self.files.cut == (self.opening, self.count):
            raise Cut()
        self.count += 1
        self.files.reads.append((self.name, self.handle.tell(), size))
        return self.handle.read(size)

    def write(self, data: bytes) -> int:
        self.files.writes.append(len(data))
        return self.handle.write(data)

    def __getattr__(self, name: str):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()


@pytest.fixture
def never_whole(monkeypatch):
    """Nothing reads a video through pathlib's whole-file readers."""
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self.suffix.lower() != ".mp4", f"{self} read whole"
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


@pytest.fixture
def budget() -> int:
    """Bytes each sync moves each way (a test parametrizes it smaller)."""
    return VideoSettings().budget


@pytest.fixture
def world(stations, logins, tmp_path, budget):
    """The directory on the shared database; the titular's and the suplente's workstations of
    the Jalisco account (different data folders, each its own login), and the CNCS reviewer's."""
    admin = stations("admin")
    with admin.db.session() as s:
        d = Directory(s, lambda: T0, NullRecorder())
        # Login roles are global to the PostgreSQL server: names of this run only, so that
        # another run's clean-up never drops them under this one.
        tag = uuid.uuid4().hex[:8]
        office = make_office(d, slug=f"jal{tag}")
        other = make_office(d, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                            handle="@JLE_SonoraINE", slug=f"son{tag}")
        reviewer = make_reviewer(d)
        reviewer.email = f"revisora.{tag}@ine.mx"
        s.commit()
        ids = {"titular": office.titular.id, "suplente": office.suplente.id,
               "reviewer": reviewer.id, "account": office.account.id,
               "network": office.account.network}
        emails = {"titular": office.titular.email, "suplente": office.suplente.email,
                  "reviewer": reviewer.email, "other": other.titular.email}
    admin.sync()
    folders = {"titular": tmp_path / "estacion-jalisco" / "datos",
               "suplente": tmp_path / "otra" / "ruta" / "suplente",
               "reviewer": tmp_path / "cncs"}
    files = {who: Files() for who in folders}
    made = {}
    for who, folder in folders.items():
        folder.mkdir(parents=True)
        made[who] = make_station(folder, who, logins(emails[who]), person_id=ids[who],
                                 reviewer=who == "reviewer", media_dir=folder / "media",
                                 clock=lambda: T0,
                                 video=VideoSettings(chunk_size=PART, budget=budget,
                                                     opener=files[who]))
        made[who].sync()
    yield {**made, "ids": ids, "emails": emails, "folders": folders, "files": files,
           "logins": logins, "tmp": tmp_path}
    for station in made.values():
        station.db.dispose()


def _video(path: Path, size: int = SIZE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    return path


def _bytes(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _post_with_video(world, source: Path, *, copy: bool = True, sha: str = "ab" * 32
                     ) -> tuple[uuid.UUID, str, Path]:
    """A draft on the titular's workstation with this video (copied into its data folder as
    the composer does; else attached where it is, named by `sha`)."""
    media_dir = world["folders"]["titular"] / "media"
    attached = import_for_publication(source, media_dir) if copy else source
    if copy:
        sha = hashlib.sha256(_bytes(attached)).hexdigest()
    ids = world["ids"]
    with world["titular"].db.session() as s:
        post = Post(account_id=ids["account"], network=ids["network"],
                    author_id=ids["titular"], text="El video de la jornada")
        post.media = [PostMedia(position=0, file_path=str(attached), sha256=sha,
                                mime_type="video/mp4", alt_text="Mensaje de la Junta")]
        s.add(post)
        s.commit()
        return post.id, sha, attached


def _arrived(world, who: str, sha: str, name: str) -> Path:
    return world["folders"][who] / "media" / sha / name


def _count(engine, table, sha: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)
                            .where(table.c.sha256 == sha)).scalar_one()


def _reads_within_parts(files: Files) -> None:
    assert files.reads or files.writes
    assert all(size <= PART for _, _, size in files.reads)
    assert all(size <= PART for size in files.writes)


def test_a_video_reaches_the_suplentes_folder_bit_identical(world, shared_engine, never_whole):
    source = _video(world["tmp"] / "escritorio" / "mensaje.mp4")
    _, sha, attached = _post_with_video(world, source)
    progress: list[str] = []
    world["titular"].engine.progress = progress.append
    sent = world["titular"].sync()
    assert sent.videos_sent == 1, sent.lines()
    assert "Videos: 1 enviados, 0 recibidos (3,0 MB transferidos)" in sent.lines()
    assert progress[-1] == "Video «mensaje.mp4»: 3,0 de 3,0 MB enviados"
    assert len(progress) == PARTS
    with shared_engine.connect() as conn:  # in parts: the manifest holds no bytes
        row = conn.execute(select(media_blobs).where(media_blobs.c.sha256 == sha)).one()
    assert row.data is None and row.size_bytes == SIZE and row.chunk_count == PARTS
    assert row.whole_checked
    assert _count(shared_engine, media_blob_chunks, sha) == PARTS
    assert _count(shared_engine, media_blob_uploads, sha) == 0

    got = world["suplente"].sync()
    assert got.videos_received == 1, got.lines()
    arrived = _arrived(world, "suplente", sha, "mensaje.mp4")
    assert _bytes(arrived) == _bytes(attached)
    assert not str(arrived).startswith(str(world["folders"]["titular"]))
    assert [p.name for p in arrived.parent.parent.iterdir()] == [sha]  # no part file left
    # Never more than one part in a read or a write, on either side.
    _reads_within_parts(world["files"]["titular"])
    _reads_within_parts(world["files"]["suplente"])
    assert len(world["files"]["suplente"].writes) == PARTS
    # The CNCS reviewer may read it, but no view shows videos: it never fetches them.
    assert world["reviewer"].sync().videos_received == 0
    assert not (world["folders"]["reviewer"] / "media" / sha).exists()
    # Nothing more to move.
    again = world["suplente"].sync()
    assert again.videos_received == 0 and again.video_bytes == 0
    assert world["titular"].sync().video_bytes == 0


def test_an_interrupted_sending_resumes_without_sending_the_finished_parts(world,
                                                                           shared_engine):
    source = _video(world["tmp"] / "escritorio" / "cortado.mp4")
    _, sha, attached = _post_with_video(world, source)
    files = world["files"]["titular"]
    files.cut = (files.opened + 2, 5)  # the 2nd opening is the sending: cut after 5 parts
    with pytest.raises(Cut):
        world["titular"].sync()
    assert _count(shared_engine, media_blob_chunks, sha) == 5
    # Half sent is never readable, not even by the suplente who may publish it.
    suplente_login = world["suplente"].engine.shared
    with suplente_login.connect() as conn:
        assert conn.execute(select(media_blob_chunks.c.idx)).all() == []
    assert world["suplente"].sync().videos_received == 0

    files.cut, files.reads = None, []
    resumed = world["titular"].sync()
    assert resumed.videos_sent == 1, resumed.lines()
    # Only the missing parts were read (and so sent); the file was not hashed again.
    assert [offset for _, offset, _ in files.reads] == [i * PART for i in range(5, PARTS)]
    assert resumed.video_bytes == SIZE - 5 * PART
    assert world["suplente"].sync().videos_received == 1
    assert _bytes(_arrived(world, "suplente", sha, "cortado.mp4")) == _bytes(attached)


def test_a_part_altered_on_the_server_is_refused_on_arrival(world, shared_engine):
    source = _video(world["tmp"] / "escritorio" / "alterado.mp4")
    _, sha, attached = _post_with_video(world, source)
    world["titular"].sync()
    good = _bytes(attached)
    with shared_engine.begin() as conn:  # the schema owner alters the fifth part
        conn.execute(text("UPDATE media_blob_chunks SET data = :d WHERE sha256 = :s "
                          "AND idx = 4"), {"d": os.urandom(PART), "s": sha})
    report = world["suplente"].sync()
    assert report.videos_received == 0
    [line] = [w for w in report.warnings if "no corresponde a su huella SHA-256" in w]
    assert "«alterado.mp4»" in line and "la parte 5 de 13" in line and "se rechazó" in line
    media = world["folders"]["suplente"] / "media"
    assert not (media / sha).exists()  # never put in place
    # Refused once, said once; the checked parts before it are kept for the next try.
    again = world["suplente"].sync()
    assert not [w for w in again.warnings if "huella" in w]
    assert again.video_bytes == 0
    with shared_engine.begin() as conn:  # repaired
        conn.execute(text("UPDATE media_blob_chunks SET data = :d WHERE sha256 = :s "
                          "AND idx = 4"), {"d": good[4 * PART:5 * PART], "s": sha})
    repaired = world["suplente"].sync()
    assert repaired.videos_received == 1
    assert repaired.video_bytes == SIZE - 4 * PART
    assert _bytes(media / sha / "alterado.mp4") == good
    assert sorted(p.name for p in media.iterdir()) == [sha]


def test_a_whole_video_altered_with_its_part_hashes_is_refused_once(world, shared_engine):
    """Whoever alters a part and its recorded hash too is caught by the whole hash: refused,
    nothing kept, not fetched again until the server's copy changes."""
    source = _video(world["tmp"] / "escritorio" / "doble.mp4")
    _, sha, _ = _post_with_video(world, source)
    world["titular"].sync()
    forged = os.urandom(PART)
    with shared_engine.begin() as conn:
        conn.execute(text("UPDATE media_blob_chunks SET data = :d, chunk_sha256 = :h "
                          "WHERE sha256 = :s AND idx = 2"),
                     {"d": forged, "h": hashlib.sha256(forged).hexdigest(), "s": sha})
    report = world["suplente"].sync()
    [line] = [w for w in report.warnings if "no corresponde a su huella SHA-256" in w]
    assert "(se alteró o se dañó en el camino)" in line
    media = world["folders"]["suplente"] / "media"
    assert not media.exists() or list(media.iterdir()) == []
    again = world["suplente"].sync()
    assert again.video_bytes == 0 and not [w for w in again.warnings if "huella" in w]


def test_another_areas_login_reads_no_part_and_plants_no_video(world, shared_engine):
    source = _video(world["tmp"] / "escritorio" / "privado.mp4", 400_000)
    _, sha, attached = _post_with_video(world, source)
    world["titular"].sync()
    sonora = world["logins"](world["emails"]["other"])
    with sonora.connect() as conn:
        assert conn.execute(select(media_blob_chunks.c.idx)).all() == []
        assert conn.execute(select(media_blobs.c.sha256)).all() == []
    with pytest.raises(DBAPIError), sonora.connect() as conn:
        conn.execute(select(media_blob_uploads.c.sha256)).all()
    with pytest.raises(DBAPIError), sonora.begin() as conn:
        conn.execute(text("INSERT INTO media_blob_chunks VALUES (:s, 0, 'x', 1, :s)"),
                     {"s": "0" * 64})
    planted = os.urandom(1000)
    with pytest.raises(DBAPIError, match="Ninguna publicación"), sonora.begin() as conn:
        conn.execute(text("SELECT redes_begin_blob(:s, 1000, 65536, 'video/mp4')"),
                     {"s": hashlib.sha256(planted).hexdigest()})
    # The suplente of the account reads it; the server refuses a part that is not the video's.
    with world["suplente"].engine.shared.connect() as conn:
        assert conn.execute(select(func.count()).select_from(media_blob_chunks)
                            ).scalar_one() == 2
    titular_login = world["titular"].engine.shared
    other_sha = hashlib.sha256(os.urandom(1000)).hexdigest()  # a video this station lacks
    _post_with_video(world, world["tmp"] / "otro.mp4", copy=False, sha=other_sha)
    world["titular"].engine.push()  # the row, so the login may send its video
    with titular_login.begin() as conn:
        assert conn.execute(text("SELECT redes_begin_blob(:s, 1000, 65536, 'video/mp4')"),
                            {"s": other_sha}).scalar() == []
    with pytest.raises(DBAPIError, match="dañada"), titular_login.begin() as conn:
        conn.execute(text("SELECT redes_put_chunk(:s, 0, :d, :h)"),
                     {"s": other_sha, "d": planted, "h": "0" * 64})
    with titular_login.begin() as conn:  # honest hash, wrong bytes: refused whole at the end
        conn.execute(text("SELECT redes_put_chunk(:s, 0, :d, :h)"),
                     {"s": other_sha, "d": planted, "h": hashlib.sha256(planted).hexdigest()})
        assert conn.execute(text("SELECT redes_finish_blob(:s)"),
                            {"s": other_sha}).scalar() == "no_corresponde"
    assert _count(shared_engine, media_blobs, other_sha) == 0
    assert _count(shared_engine, media_blob_chunks, other_sha) == 0
    # `shared-db init` runs again without harm, and the video is still there.
    init_shared_database(shared_engine, group_role=shared_engine.info_group_role)
    init_shared_database(shared_engine, group_role=shared_engine.info_group_role)
    assert world["suplente"].sync().videos_received == 1
    assert _bytes(_arrived(world, "suplente", sha, "privado.mp4")) == _bytes(attached)


def test_a_video_heavier_than_its_network_accepts_is_refused_before_it_is_read(world,
                                                                               shared_engine):
    big = world["tmp"] / "escritorio" / "enorme.mp4"
    big.parent.mkdir(parents=True)
    with open(big, "wb") as handle:  # sparse: 513 MB that take no room; X takes 512 MB
        handle.truncate(513 * 1_048_576)
    _, sha, _ = _post_with_video(world, big, copy=False)
    report = world["titular"].sync()
    assert report.videos_sent == 0 and report.video_bytes == 0
    [line] = [w for w in report.warnings if "«enorme.mp4»" in w]
    assert "pesa 513,0 MB, más que lo que acepta X (512,0 MB)" in line
    assert "no se envió" in line and "6.xxii" in line
    assert world["files"]["titular"].reads == []  # never read
    assert _count(shared_engine, media_blob_uploads, sha) == 0
    assert _count(shared_engine, media_blobs, sha) == 0
    # Refused once, said once.
    assert not [w for w in world["titular"].sync().warnings if "pesa" in w]


def test_videos_attached_before_the_upgrade_are_swept_and_sent_without_reading_them_whole(
        world, shared_engine, never_whole):
    """A workstation that synced its video post before videos travelled (the sweep of
    `media.VERSION` 1 skipped it): its first sync now queues and sends it, a part at a time."""
    from redes_desktop.sync import media
    from redes_desktop.sync.state import set_state

    source = _video(world["tmp"] / "escritorio" / "antiguo.mp4")
    _, sha, attached = _post_with_video(world, source)
    titular = world["titular"]
    titular.engine.push()
    with shared_engine.begin() as conn:  # as if it had never been sent
        for name in ("media_blob_chunks", "media_blobs"):
            conn.execute(text(f"DELETE FROM {name} WHERE sha256 = :s"), {"s": sha})
    with titular.db.engine.begin() as conn:
        set_state(conn, media.SWEPT_UP, None)
        set_state(conn, media.UPLOAD, None)
    upgraded = make_station(world["folders"]["titular"], "titular", titular.engine.shared,
                            person_id=world["ids"]["titular"],
                            media_dir=world["folders"]["titular"] / "media",
                            video=VideoSettings(chunk_size=PART,
                                                opener=world["files"]["titular"]))
    try:
        assert upgraded.sync().videos_sent == 1
    finally:
        upgraded.db.dispose()
    _reads_within_parts(world["files"]["titular"])
    assert world["suplente"].sync().videos_received == 1
    assert _bytes(_arrived(world, "suplente", sha, "antiguo.mp4")) == _bytes(attached)


@pytest.mark.parametrize("budget", [5 * PART])
def test_a_long_video_travels_over_several_syncs_and_says_how_far_it_got(world):
    """Each sync moves at most its budget each way, says how far the video got, and the next
    sync continues where it stopped (rows keep flowing meanwhile)."""
    source = _video(world["tmp"] / "escritorio" / "largo.mp4")
    _, sha, attached = _post_with_video(world, source)
    first = world["titular"].sync()
    assert first.videos_sent == 0
    assert ("Video «largo.mp4»: 1,2 de 3,0 MB enviados; continúa en la próxima "
            "sincronización.") in first.lines()
    assert world["suplente"].sync().videos_received == 0  # not readable half sent
    world["titular"].sync()
    assert world["titular"].sync().videos_sent == 1  # 5 + 5 + 3 parts
    got = world["suplente"].sync()
    assert got.videos_received == 0
    assert "Video «largo.mp4»: 1,2 de 3,0 MB recibidos; continúa en la próxima " \
           "sincronización." in got.lines()
    world["suplente"].sync()
    assert world["suplente"].sync().videos_received == 1
    assert _bytes(_arrived(world, "suplente", sha, "largo.mp4")) == _bytes(attached)


def test_the_status_bar_says_how_far_a_video_got_while_the_sync_runs(world, qtbot):
    from PySide6.QtCore import QThreadPool

    from redes_desktop.ui.sync.controller import SyncController
    from redes_desktop.ui.tasks import SynchronousPool

    _post_with_video(world, _video(world["tmp"] / "escritorio" / "barra.mp4"))
    titular = world["titular"]
    controller = SyncController(titular.db.engine, lambda: titular.engine,
                                pool=SynchronousPool())
    texts: list[str] = []
    controller.status_changed.connect(texts.append)
    controller.sync_now()
    assert "Sincronización: sincronizando… (Video «barra.mp4»: 0,2 de 3,0 MB enviados)" \
        in texts
    assert texts[-1] == "Sincronización: al día"
    QThreadPool.globalInstance().waitForDone()


def test_a_video_gone_from_this_folder_is_said_and_another_stations_is_not(world):
    source = _video(world["tmp"] / "escritorio" / "borrado.mp4", 100_000)
    _, sha, attached = _post_with_video(world, source)
    attached.unlink()  # attached here, then deleted before it was sent
    [line] = [w for w in world["titular"].sync().warnings if "«borrado.mp4»" in w]
    assert "no está en esta estación" in line and "Vuelva a adjuntarlo" in line
    # The suplente's workstation never had it: editing the row there says nothing about it.
    world["suplente"].sync()
    with world["suplente"].db.session() as s:
        s.scalars(select(PostMedia).where(PostMedia.sha256 == sha)).one().alt_text = "Otro"
        s.commit()
    report = world["suplente"].sync()
    assert report.push.sent == 1
    assert not [w for w in report.warnings if "borrado.mp4" in w]


@pytest.mark.parametrize("budget", [5 * PART])
def test_a_video_whose_post_was_published_meanwhile_stops_travelling(world):
    """Half received when its post is published elsewhere: nobody will publish it again, so
    the half-received file is dropped and the rest is not fetched."""
    from redes_desktop.models import PostStatus

    post_id, sha, _ = _post_with_video(world, _video(world["tmp"] / "escritorio" / "ya.mp4"))
    for _ in range(3):
        world["titular"].sync()
    world["suplente"].sync()
    media = world["folders"]["suplente"] / "media"
    assert [p.name for p in media.iterdir()] == [f".recibiendo-{sha}.part"]
    with world["titular"].db.session() as s:
        s.get(Post, post_id).status = PostStatus.PUBLICADA
        s.commit()
    world["titular"].sync()
    report = world["suplente"].sync()
    assert report.video_bytes == 0 and report.videos_received == 0
    assert list(media.iterdir()) == []


def test_init_upgrades_a_shared_database_of_the_images_only_version(shared_engine):
    """`media_blobs` as version 1 made it (bytes required, no parts): `shared-db init` adds the
    parts and keeps the images already there."""
    with shared_engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE media_blob_chunks; DROP TABLE media_blob_uploads")
        conn.exec_driver_sql("ALTER TABLE media_blobs DROP CONSTRAINT media_blobs_bytes, "
                             "DROP COLUMN chunk_size, DROP COLUMN chunk_count, "
                             "DROP COLUMN whole_checked, ALTER COLUMN data SET NOT NULL")
        conn.execute(text("INSERT INTO media_blobs (sha256, data, size_bytes) "
                          "VALUES (:s, 'abc', 3)"), {"s": "c" * 64})
    init_shared_database(shared_engine, group_role=shared_engine.info_group_role)
    with shared_engine.connect() as conn:
        row = conn.execute(select(media_blobs)).one()
        assert (row.data, row.chunk_count, row.whole_checked) == (b"abc", 0, True)
        assert conn.execute(select(func.count()).select_from(media_blob_chunks)).scalar() == 0


def test_a_video_too_large_to_hash_whole_is_sent_only_by_an_administrator(world, shared_engine,
                                                                          monkeypatch):
    """Past the size the server hashes whole it cannot tell a false copy from the video: a
    reader who is no administrator of the account (a CNCS reviewer) may not begin the sending,
    and no other login may add parts to a sending in progress."""
    from redes_desktop.sync import media_chunks

    monkeypatch.setattr(media_chunks, "WHOLE_CHECK_MAX", 300_000)
    init_shared_database(shared_engine, group_role=shared_engine.info_group_role)
    absent = hashlib.sha256(os.urandom(400_000)).hexdigest()  # a video this station lacks
    _post_with_video(world, world["tmp"] / "ausente.mp4", copy=False, sha=absent)
    world["titular"].engine.push()  # the row: the reviewer may now read it
    reviewer = world["logins"](world["emails"]["reviewer"])
    with pytest.raises(DBAPIError, match="Solo un administrador"), reviewer.begin() as conn:
        conn.execute(text("SELECT redes_begin_blob(:s, 400000, 65536, 'video/mp4')"),
                     {"s": absent})
    # The account's titular begins it; the suplente (another login) cannot add a part.
    with world["titular"].engine.shared.begin() as conn:
        assert conn.execute(text("SELECT redes_begin_blob(:s, 400000, 262144, 'video/mp4')"),
                            {"s": absent}).scalar() == []
    planted = os.urandom(262_144)
    with pytest.raises(DBAPIError, match="otra persona"), \
            world["suplente"].engine.shared.begin() as conn:
        conn.execute(text("SELECT redes_put_chunk(:s, 0, :d, :h)"),
                     {"s": absent, "d": planted, "h": hashlib.sha256(planted).hexdigest()})
    assert _count(shared_engine, media_blob_chunks, absent) == 0
    # A real one of that size: the titular's sync sends it and the suplente receives it.
    source = _video(world["tmp"] / "escritorio" / "largo.mp4", 400_000)
    _, sha, attached = _post_with_video(world, source)
    world["titular"].sync()
    assert world["suplente"].sync().videos_received == 1
    assert _bytes(_arrived(world, "suplente", sha, "largo.mp4")) == _bytes(attached)
