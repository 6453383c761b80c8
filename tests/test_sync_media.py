"""Images travel with the sync (issue 15): two workstations with data folders on different
paths, each signed in with its own login on the real PostgreSQL. The CNCS reviewer's
workstation shows the image the consultation asks about; a tampered blob is refused and never
written; an image heavier than its network accepts is refused before upload; another area's
login cannot read or plant images."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from redes_desktop.actions.consultation_detail import consultation_detail
from redes_desktop.models import Consultation, Post, PostMedia, Role
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.media_library import import_for_publication
from redes_desktop.sync import media
from redes_desktop.sync.engine import SharedSchemaError
from redes_desktop.sync.shared_schema import media_blobs
from tests import test_sync_support as _support
from tests.factories import make_office, make_reviewer
from tests.test_sync_support import make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
logins = _support.logins  # fixture

T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def _picture(path: Path, color: tuple[int, int, int], size=(64, 48)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


def _noise(path: Path, side: int) -> Path:
    """A PNG that does not compress: about 3 × side² bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(path)
    return path


@pytest.fixture
def world(stations, logins, tmp_path):
    """The directory on the shared database; the titular's and the reviewer's workstations,
    each with its own data folder (different paths) and its own login."""
    admin = stations("admin")
    with admin.db.session() as s:
        d = Directory(s, lambda: T0, NullRecorder())
        office = make_office(d)
        office.titular.roles = [Role.ADMIN_TITULAR.value]
        other = make_office(d, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                            handle="@JLE_SonoraINE", slug="son")
        reviewer = make_reviewer(d)
        s.commit()
        ids = {"titular": office.titular.id, "reviewer": reviewer.id,
               "account": office.account.id, "network": office.account.network,
               "other": other.titular.id}
        emails = {"titular": office.titular.email, "reviewer": reviewer.email,
                  "other": other.titular.email}
    admin.sync()
    folders = {"titular": tmp_path / "estacion-jalisco" / "datos",
               "reviewer": tmp_path / "otra" / "ruta" / "cncs"}
    for folder in folders.values():
        folder.mkdir(parents=True)
    titular = make_station(folders["titular"], "titular", logins(emails["titular"]),
                           person_id=ids["titular"], media_dir=folders["titular"] / "media")
    reviewer_station = make_station(folders["reviewer"], "cncs", logins(emails["reviewer"]),
                                    reviewer=True, person_id=ids["reviewer"],
                                    media_dir=folders["reviewer"] / "media")
    titular.sync()
    reviewer_station.sync()
    yield {"titular": titular, "reviewer": reviewer_station, "ids": ids, "emails": emails,
           "folders": folders, "logins": logins, "tmp": tmp_path}
    titular.db.dispose()
    reviewer_station.db.dispose()


def _post_with_images(world, *files: Path, consult: bool = True) -> tuple[uuid.UUID, list[str]]:
    """A draft with these images (imported as the composer does) and, optionally, a pending
    consultation whose snapshot shows them."""
    station, ids = world["titular"], world["ids"]
    media_dir = world["folders"]["titular"] / "media"
    copies = [import_for_publication(f, media_dir) for f in files]
    shas = [media.sha256_bytes(c.read_bytes()) for c in copies]
    with station.db.session() as s:
        post = Post(account_id=ids["account"], network=ids["network"],
                    author_id=ids["titular"], text="Consulta con imagen")
        post.media = [PostMedia(position=i, file_path=str(c), sha256=sha,
                                alt_text=f"Cartel {i + 1} de la jornada")
                      for i, (c, sha) in enumerate(zip(copies, shas, strict=True))]
        s.add(post)
        s.flush()
        consultation_id = None
        if consult:
            sent = datetime.now(UTC) - timedelta(hours=1)
            snapshot = {"text": post.text, "networks": [ids["network"].value],
                        "media": [{"file_path": str(c), "sha256": sha,
                                   "alt_text": f"Cartel {i + 1} de la jornada"}
                                  for i, (c, sha) in enumerate(zip(copies, shas, strict=True))]}
            c = Consultation(post_id=post.id, account_id=ids["account"],
                             author_id=ids["titular"], snapshot=snapshot, question="¿Procede?",
                             sent_at=sent, deadline=sent + timedelta(hours=48))
            s.add(c)
            s.flush()
            consultation_id = c.id
        s.commit()
    return consultation_id, shas


def _titular_copy(world, sha: str) -> Path:
    """The titular's own copy (the composer's layout, whatever it is), found by content."""
    media_dir = world["folders"]["titular"] / "media"
    [copy] = [p for p in media_dir.rglob("*")
              if p.is_file() and media.sha256_bytes(p.read_bytes()) == sha]
    return copy


def _received(world, sha: str, name: str) -> Path:
    return world["folders"]["reviewer"] / "media" / sha / name


def _detail(world, consultation_id):
    station = world["reviewer"]
    return consultation_detail(station.db, clock=lambda: datetime.now(UTC),
                               person_id=world["ids"]["reviewer"],
                               consultation_id=consultation_id,
                               media_dir=world["folders"]["reviewer"] / "media")


def test_the_reviewer_on_another_workstation_sees_the_consulted_image(world):
    source = _picture(world["tmp"] / "escritorio" / "cartel.jpg", (200, 30, 90))
    consultation_id, (sha,) = _post_with_images(world, source)
    sent = world["titular"].sync()
    assert sent.media_sent == 1, sent.lines()
    assert "Imágenes: 1 enviadas, 0 recibidas" in sent.lines()
    got = world["reviewer"].sync()
    assert got.media_received == 1, got.lines()
    detail = _detail(world, consultation_id)
    (alt, path), = detail.images
    assert alt == "Cartel 1 de la jornada"
    reviewer_media = world["folders"]["reviewer"] / "media"
    # Its own folder (another path than the titular's), the name the image was attached with.
    assert path.parent == reviewer_media / sha
    assert not str(path).startswith(str(world["folders"]["titular"]))
    assert path.read_bytes() == _titular_copy(world, sha).read_bytes()
    # Nothing more to move: a second sync sends and fetches nothing.
    again = world["reviewer"].sync()
    assert again.media_received == 0 and world["titular"].sync().media_sent == 0


def test_a_tampered_blob_is_refused_reported_and_never_shown(world, shared_engine):
    source = _picture(world["tmp"] / "escritorio" / "foto.png", (10, 120, 40))
    consultation_id, (sha,) = _post_with_images(world, source)
    world["titular"].sync()
    # The titular's folder is on another machine: the reviewer cannot fall back on its path.
    titular_copy = _titular_copy(world, sha)
    good = titular_copy.read_bytes()
    titular_copy.unlink()
    with shared_engine.begin() as conn:  # the schema owner alters the stored bytes
        conn.execute(text("UPDATE media_blobs SET data = :d WHERE sha256 = :s"),
                     {"d": b"\x89PNG otra cosa", "s": sha})
    report = world["reviewer"].sync()
    assert report.media_received == 0
    refused = [w for w in report.warnings if "no corresponde a su huella SHA-256" in w]
    # Named as the person knows it: its file name, or (a copy named by its hash) its alt text.
    assert len(refused) == 1
    assert "«foto.png»" in refused[0] or "«Cartel 1 de la jornada»" in refused[0]
    assert "se rechazó y no se muestra" in refused[0]
    reviewer_media = world["folders"]["reviewer"] / "media"
    assert not (reviewer_media / sha).exists()
    assert not [p for p in reviewer_media.glob("*") if p.is_file()]  # nothing half written
    assert _detail(world, consultation_id).images[0][1] is None
    # Repaired on the server: it is still wanted, so the next sync brings it.
    with shared_engine.begin() as conn:
        conn.execute(text("UPDATE media_blobs SET data = :d WHERE sha256 = :s"),
                     {"d": good, "s": sha})
    assert world["reviewer"].sync().media_received == 1
    shown = _detail(world, consultation_id).images[0][1]
    assert shown is not None and shown.parent == reviewer_media / sha
    assert shown.read_bytes() == good


def test_an_image_heavier_than_its_network_accepts_is_refused_before_upload(world,
                                                                             shared_engine):
    big = _noise(world["tmp"] / "escritorio" / "enorme.png", 1400)  # ~5.6 MB; X takes 5 MB
    assert big.stat().st_size > 5 * 1_048_576
    _, (sha,) = _post_with_images(world, big, consult=False)
    report = world["titular"].sync()
    assert report.media_sent == 0
    (line,) = [w for w in report.warnings
               if "«enorme.png»" in w or "«Cartel 1 de la jornada»" in w]
    assert "pesa 5," in line and "X" in line and "(5,0 MB)" in line and "no se envió" in line
    with shared_engine.connect() as conn:
        assert conn.execute(select(media_blobs.c.sha256)
                            .where(media_blobs.c.sha256 == sha)).first() is None
    # Refused once, said once: not again at every sync.
    assert not [w for w in world["titular"].sync().warnings if "pesa" in w]


def test_images_are_private_to_whoever_may_read_the_post(world):
    source = _picture(world["tmp"] / "escritorio" / "privada.png", (0, 0, 250))
    _, (sha,) = _post_with_images(world, source)
    world["titular"].sync()
    sonora = world["logins"](world["emails"]["other"])
    with sonora.connect() as conn:  # another area's administrator
        assert conn.execute(select(media_blobs.c.sha256)).all() == []
    # Nobody writes the table directly, and nobody plants an image no post of theirs shows.
    planted = _picture(world["tmp"] / "plantada.png", (1, 2, 3)).read_bytes()
    with pytest.raises(DBAPIError, match="Ninguna publicación"), sonora.begin() as conn:
        conn.execute(text("SELECT redes_put_blob(:s, :d, 'image/png')"),
                     {"s": media.sha256_bytes(planted), "d": planted})
    with pytest.raises(DBAPIError), sonora.begin() as conn:
        conn.execute(text("INSERT INTO media_blobs (sha256, data, size_bytes) "
                          "VALUES (:s, :d, 3)"), {"s": "0" * 64, "d": b"abc"})
    titular_login = world["titular"].engine.shared
    with pytest.raises(DBAPIError, match="huella"), titular_login.begin() as conn:
        conn.execute(text("SELECT redes_put_blob(:s, :d, 'image/png')"),
                     {"s": sha, "d": planted})  # bytes that are not the named image


def test_a_shared_database_initialised_before_the_images_asks_for_init(world, shared_engine):
    with shared_engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_server_info WHERE name = :n"),
                     {"n": media.INFO_KEY})
    station = make_station(world["tmp"], "nueva", shared_engine)
    try:
        with pytest.raises(SharedSchemaError, match="shared-db init"):
            station.sync()
    finally:
        station.db.dispose()


def test_the_review_dialog_on_the_reviewers_workstation_shows_the_image(world, qtbot):
    """End to end: the reviewer's own data folder (a real workspace on another path), synced
    with its own login, opens the consultation and sees the picture with its alt text."""
    from PySide6.QtCore import QThreadPool

    from redes_desktop.context import AppContext
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.services.activity import MemoryRecorder
    from redes_desktop.sync.engine import SyncEngine
    from redes_desktop.ui.consultas.review_dialog import ConsultationDialog
    from redes_desktop.ui.tasks import SynchronousPool
    from redes_desktop.workspace import open_workspace

    source = _picture(world["tmp"] / "escritorio" / "modulo.png", (250, 200, 0))
    consultation_id, (sha,) = _post_with_images(world, source)
    world["titular"].sync()
    workspace = open_workspace(world["tmp"] / "cncs-escritorio" / "Datos de Redes INE")
    database = workspace.open_database()
    try:
        login = world["logins"](world["emails"]["reviewer"])
        engine = SyncEngine(database.engine, login, person_id=world["ids"]["reviewer"],
                            is_reviewer=True, media_dir=workspace.paths.media)
        assert engine.sync().media_received == 1
        context = AppContext(workspace=workspace, database=database,
                             clock=lambda: datetime.now(UTC), secrets=SecretStore(),
                             recorder=MemoryRecorder())
        context.choose_identity(world["ids"]["reviewer"])
        dialog = ConsultationDialog(context, consultation_id, pool=SynchronousPool())
        qtbot.addWidget(dialog)
        [label] = dialog.image_labels
        assert not label.pixmap().isNull()
        assert dialog.alt_labels[0].text() == "Texto alternativo: Cartel 1 de la jornada"
        assert [p.is_file() for p in (workspace.paths.media / sha).iterdir()] == [True]
        assert dialog.decision_box is not None  # and the reviewer can decide it there
        QThreadPool.globalInstance().waitForDone()
    finally:
        database.dispose()
        workspace.close()


def test_a_draft_attached_elsewhere_opens_with_this_workstations_copy(world):
    """A suplente (here: any second workstation) opening the titular's draft gets the
    received copy in its own media folder, not the other workstation's path."""
    from redes_desktop.actions.open_draft import open_draft

    source = _picture(world["tmp"] / "escritorio" / "borrador.png", (5, 5, 5))
    _, (sha,) = _post_with_images(world, source, consult=False)
    world["titular"].sync()
    titular_copy = _titular_copy(world, sha)
    titular_copy.unlink()  # that folder is on another machine
    world["reviewer"].sync()
    with world["reviewer"].db.session() as s:
        post_id = s.scalars(select(PostMedia.post_id).where(PostMedia.sha256 == sha)).one()
    draft = open_draft(world["reviewer"].db, person_id=world["ids"]["reviewer"],
                       post_id=post_id, media_dir=world["folders"]["reviewer"] / "media")
    [(path, alt)] = draft.media
    assert path == str(_received(world, sha, titular_copy.name))
    assert alt == "Cartel 1 de la jornada"
