"""Images (and videos) travel with the sync: their bytes go through the shared database.

A post's images sync as rows of `post_media` (a path on the workstation that attached them and
the SHA-256 of the content) and inside a consultation's snapshot. The path means nothing on
another workstation, so the bytes travel too, content-addressed:

* **Upload** (after the rows are pushed): every image of a pushed `post_media` row or
  consultation snapshot is queued (`sync_state` «media_upload», so an interrupted sync loses
  nothing); each queued image whose bytes are here and hash to its name is sent through the
  server function `redes_put_blob`, which checks the hash, the size and that the person may
  read a post or consultation that shows it. An image heavier than its networks accept
  (6.xxii, `resources/checks/networks.json`) is refused here, before upload, with a Spanish
  line in the sync report. A queued video is sent in parts instead (`media_chunks.py`).
* **Download** (after the rows are pulled): every image of a received row that this
  workstation does not have is wanted («media_wanted»); the wanted blobs the person may read
  are fetched, their SHA-256 checked, and written to the data folder's `media/` as
  `<sha256>/<the name it was attached with>` (`media_paths.py`: where the consultation view
  and the Redactor look for it), so each workstation has its own path and the same name. A
  blob whose content does not match its hash is refused and reported, never written or
  shown; it stays wanted, so a repaired copy arrives later. Videos are not wanted here: who
  fetches them, when, and how (in parts, never whole in memory) is `media_chunks.py`'s.
* The first sync after an upgrade sweeps once what was synced before the blobs (or, since
  `VERSION` 2, the videos' parts) existed.

The server side (tables, functions, row-level security: readable by whoever may read a post or
consultation that shows the image) is created by `shared-db init` (`shared_schema.py`,
`access_rules.media_functions` and `video_functions`); its version is `VERSION`, checked before
every sync.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import LargeBinary, String, column, select, table, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from redes_desktop.media_paths import local_image, received_copy
from redes_desktop.sync.media_chunks import (
    Progress,
    Transfer,
    VideoSettings,
    drop_stale_parts,
    is_video,
    load_refused,
    save_refused,
    still_needed,
    wanted_videos,
)
from redes_desktop.sync.media_refs import (
    MediaRef,
    MediaReport,
    largest_of_all,
    networks_limit,
)
from redes_desktop.sync.media_refs import valid_sha256 as _valid
from redes_desktop.sync.refusals import is_media_refusal, server_detail
from redes_desktop.sync.state import get_state, set_state

# Bumped when the server objects for the images or videos change: the sync asks to re-run
# init (2: the videos' parts; 3: only an administrator sends a video too large to hash whole).
VERSION = "3"
INFO_KEY = "media_blobs"
UPLOAD, WANTED = "media_upload", "media_wanted"
# Swept again since the videos travel: what was synced before is queued once more.
SWEPT_UP, SWEPT_DOWN = "media_swept_up:2", "media_swept_down:2"
IMAGE_SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF",
                  ".webp": "WEBP", ".tif": "TIFF", ".tiff": "TIFF"}
_CHUNK = 200
CONTENT_TABLES = ("post_media", "consultations")  # the same as pull.CONTENT_TABLES
# The shared table as this module reads it (defined for `shared-db init` in shared_schema.py).
media_blobs = table("media_blobs", column("sha256", String), column("data", LargeBinary))


def is_image(file_path: str) -> bool:
    return Path(file_path).suffix.lower() in IMAGE_SUFFIXES


def refs_of_row(table_name: str, row: dict[str, Any], networks: tuple[str, ...] = ()
                ) -> list[MediaRef]:
    """The images a `post_media` or `consultations` row shows, and the video a `post_media`
    row attaches (a consultation's videos are its post's); nothing for other tables."""
    if table_name == "post_media":
        sha, path = str(row.get("sha256") or ""), str(row.get("file_path") or "")
        alt = str(row.get("alt_text") or "")
        kept = _valid(sha) and (is_image(path) or is_video(path))
        return [MediaRef(sha, path, networks, alt)] if kept else []
    if table_name == "consultations":
        snapshot = row.get("snapshot") or {}
        if isinstance(snapshot, str):
            snapshot = json.loads(snapshot)
        nets = tuple(str(n) for n in snapshot.get("networks", []) or ()) or networks
        refs = []
        for item in snapshot.get("media", []) or ():
            sha, path = str(item.get("sha256") or ""), str(item.get("file_path") or "")
            if _valid(sha) and is_image(path):
                refs.append(MediaRef(sha, path, nets, str(item.get("alt_text") or "")))
        return refs
    return []


def local_copy(media_dir: Path, ref: MediaRef) -> Path:
    """Where a received image goes: `media/<sha256>/<the name it was attached with>`."""
    return received_copy(media_dir, ref.sha256, ref.file_path)


def flat_copy(media_dir: Path, ref: MediaRef) -> Path:
    """The copy a consultation makes at sending (`media/<sha256><ext>`)."""
    return media_dir / f"{ref.sha256}{ref.suffix}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_matching(path: Path, sha: str) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if sha256_bytes(data) == sha else None


def local_bytes(media_dir: Path, ref: MediaRef) -> bytes | None:
    """This workstation's bytes of the image, only when they hash to its name."""
    candidates = [local_copy(media_dir, ref), flat_copy(media_dir, ref)]
    if ref.file_path:
        candidates.append(Path(ref.file_path))
    for candidate in candidates:
        data = _read_matching(candidate, ref.sha256)
        if data is not None:
            return data
    return None


# -- the limits --------------------------------------------------------------------------------
def limit_for(ref: MediaRef) -> tuple[int, str]:
    """The largest size the image's networks accept (the strictest of them) and its network's
    label; (server cap, "") when none of them is known."""
    fmt = IMAGE_SUFFIXES.get(ref.suffix, "")
    found = networks_limit(ref.networks, lambda limits: limits.images.max_bytes_for(fmt),
                           strictest=True)
    return found or (server_cap(), "")


def server_cap() -> int:
    """The largest image any network accepts: the shared database refuses anything heavier."""
    return largest_of_all(lambda limits: max([limits.images.max_bytes,
                                              *limits.images.max_bytes_by_format.values()]))


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}".replace(".", ",") + " MB"


def oversize_message(ref: MediaRef, size: int, limit: int, network: str) -> str:
    where = f"lo que acepta {network}" if network else "lo que acepta cualquier red"
    return (f"La imagen «{ref.name}» pesa {_megabytes(size)}, más que {where} "
            f"({_megabytes(limit)}): no se envió a la base compartida y las otras estaciones "
            "no la verán. Redúzcala y vuelva a adjuntarla en el Redactor (6.xxii).")


def tampered_message(ref: MediaRef) -> str:
    return (f"La imagen «{ref.name}» recibida de la base compartida no corresponde a su huella "
            "SHA-256 (se alteró o se dañó en el camino): se rechazó y no se muestra. Avise a "
            "quien administra la base compartida; se volverá a pedir en la próxima "
            "sincronización.")


# -- the queues (sync_state) ---------------------------------------------------------------------
def _load(conn: Connection, name: str) -> dict[str, dict]:
    raw = get_state(conn, name)
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def _save(conn: Connection, name: str, queue: dict[str, dict]) -> None:
    set_state(conn, name, json.dumps(queue, sort_keys=True) if queue else None)


def _add(queue: dict[str, dict], refs: Iterable[MediaRef]) -> None:
    for ref in refs:
        item = queue.setdefault(ref.sha256, {"path": ref.file_path, "networks": [],
                                             "alt": ref.alt_text})
        item["networks"] = sorted(set(item.get("networks", [])) | set(ref.networks))


def _ref(sha: str, item: dict) -> MediaRef:
    return MediaRef(sha, str(item.get("path", "")), tuple(item.get("networks", [])),
                    str(item.get("alt", "")))


def _post_networks(conn: Connection, post_ids: set) -> dict:
    from redes_desktop.models.base import table_of
    from redes_desktop.models.posts import Post

    posts = table_of(Post)
    found: dict = {}
    ids = list(post_ids)
    for i in range(0, len(ids), 900):
        for row in conn.execute(select(posts.c.id, posts.c.network)
                                .where(posts.c.id.in_(ids[i:i + 900]))):
            found[row.id] = (row.network.value if hasattr(row.network, "value")
                             else str(row.network))
    return found


def _row_refs(conn: Connection, rows: Iterable[tuple[str, dict]]) -> list[MediaRef]:
    rows = [(name, row) for name, row in rows if name in ("post_media", "consultations")]
    networks = _post_networks(conn, {row.get("post_id") for _, row in rows} - {None})
    refs: list[MediaRef] = []
    for name, row in rows:
        net = networks.get(row.get("post_id"))
        refs += refs_of_row(name, row, (net,) if net else ())
    return refs


def queue_uploads(local: Engine, rows: Iterable[tuple[str, dict | None]]) -> None:
    """Remember the images of rows about to be pushed (before the push, so a crash between
    the push and the upload still uploads them on the next sync)."""
    present = [(n, r) for n, r in rows if r is not None]
    if not any(n in ("post_media", "consultations") for n, _ in present):
        return
    with local.begin() as conn:
        queue = _load(conn, UPLOAD)
        _add(queue, _row_refs(conn, present))
        _save(conn, UPLOAD, queue)


def _all_local_rows(conn: Connection) -> Iterator[tuple[str, dict]]:
    from redes_desktop.models.base import table_of
    from redes_desktop.models.consultations import Consultation
    from redes_desktop.models.posts import PostMedia

    for model, name in ((PostMedia, "post_media"), (Consultation, "consultations")):
        t = table_of(model)
        if name == "post_media":
            columns = [t.c.post_id, t.c.sha256, t.c.file_path, t.c.alt_text]
        else:
            columns = [t.c.post_id, t.c.snapshot]
        for row in conn.execute(select(*columns)).mappings():
            yield name, dict(row)


def _sweep(local: Engine, media_dir: Path, *, upload: bool) -> dict[str, dict]:
    """Once per workstation: the images synced before the blobs travelled. Returns the
    queue (to send, or wanted) as it stands after the sweep."""
    marker, name = (SWEPT_UP, UPLOAD) if upload else (SWEPT_DOWN, WANTED)
    with local.connect() as conn:  # the usual case: swept long ago, nothing written
        if get_state(conn, marker):
            return _load(conn, name)
    with local.begin() as conn:
        refs = _row_refs(conn, _all_local_rows(conn))
        queue = _load(conn, name)
        if upload:  # only what this workstation has: the others' images are not its to send
            _add(queue, (r for r in refs if (_video_file_here(media_dir, r)
                                             if is_video(r.file_path)  # never read whole
                                             else local_bytes(media_dir, r) is not None)))
        else:
            _add(queue, (r for r in refs if is_image(r.file_path) and not _have(media_dir, r)))
        _save(conn, name, queue)
        set_state(conn, marker, "1")
        return queue


def _video_file_here(media_dir: Path, ref: MediaRef) -> bool:
    candidates = [local_copy(media_dir, ref), flat_copy(media_dir, ref)]
    return any(p.is_file() for p in candidates) or bool(
        ref.file_path and Path(ref.file_path).is_file())


def _have(media_dir: Path, ref: MediaRef) -> bool:
    """Whether the data folder holds the image (a path outside it, even one that exists here,
    is another workstation's and may vanish)."""
    return local_image(media_dir, ref.sha256, ref.file_path) is not None


# -- upload ----------------------------------------------------------------------------------------
def upload(shared: Engine, local: Engine, media_dir: Path, report: MediaReport,
           videos: Transfer | None = None) -> int:
    """Send the queued images (and, with `videos`, videos) the shared database lacks (see the
    module's docstring). Returns how many stay queued."""
    queue = _sweep(local, media_dir, upload=True)
    if not queue:
        return 0
    done: set[str] = set()
    try:
        shas = sorted(queue)
        present: set[str] = set()
        with shared.connect() as sconn:
            for i in range(0, len(shas), _CHUNK):
                present.update(sconn.execute(select(media_blobs.c.sha256).where(
                    media_blobs.c.sha256.in_(shas[i:i + _CHUNK]))).scalars())
        done |= present
        for sha in shas:
            if sha in done:
                continue
            ref = _ref(sha, queue[sha])
            if is_video(ref.file_path):
                if videos is None:
                    continue
                with local.connect() as conn:
                    needed = still_needed(conn, sha)
                if not needed or videos.upload(ref, queue[sha]):
                    done.add(sha)
                continue
            data = local_bytes(media_dir, ref)
            if data is None:
                report.warnings.append(
                    f"La imagen «{ref.name}» no está en esta estación (se movió o se borró): "
                    "no se envió a la base compartida. Vuelva a adjuntarla en el Redactor.")
                done.add(sha)
                continue
            limit, network = limit_for(ref)
            if len(data) > limit:
                report.warnings.append(oversize_message(ref, len(data), limit, network))
                done.add(sha)
                continue
            try:
                with shared.begin() as sconn:
                    sconn.execute(text("SELECT redes_put_blob(:s, :d, :m)"),
                                  {"s": sha, "d": data, "m": _mime(ref)})
            except DBAPIError as error:
                from redes_desktop.sync.refusals import is_refusal

                if not is_media_refusal(error) and not is_refusal(error):
                    raise
                report.warnings.append(
                    f"La base compartida no aceptó la imagen «{ref.name}» "
                    f"({server_detail(error).rstrip('.')}); las otras estaciones no la verán.")
            else:
                report.sent += 1
            done.add(sha)
    finally:
        with local.begin() as conn:
            fresh = {k: v for k, v in _load(conn, UPLOAD).items() if k not in done}
            for sha, item in fresh.items():  # what a video's sending learnt (its hash check)
                item.update({k: v for k, v in queue.get(sha, {}).items()
                             if k in ("checked", "mismatches")})
            queue = fresh
            _save(conn, UPLOAD, queue)
    return len(queue)


def _mime(ref: MediaRef) -> str:
    fmt = IMAGE_SUFFIXES.get(ref.suffix, "")
    return f"image/{fmt.lower()}" if fmt else "application/octet-stream"





# -- download ------------------------------------------------------------------------------------
def download(shared: Engine, local: Engine, media_dir: Path,
             received: Iterable[tuple[str, dict]], report: MediaReport) -> int:
    """Fetch the images of the received rows (and those still wanted) that are missing here.
    Returns how many are still wanted."""
    wanted = _sweep(local, media_dir, upload=False)
    received = list(received)
    if received:
        with local.begin() as conn:
            wanted = _load(conn, WANTED)
            _add(wanted, (r for r in _row_refs(conn, received)
                          if is_image(r.file_path) and not _have(media_dir, r)))
            _save(conn, WANTED, wanted)
    if not wanted:
        return 0
    arrived: set[str] = set()
    try:
        shas = sorted(wanted)
        with shared.connect() as sconn:
            for i in range(0, len(shas), _CHUNK):
                part = shas[i:i + _CHUNK]
                for row in sconn.execute(select(media_blobs.c.sha256, media_blobs.c.data)
                                         .where(media_blobs.c.sha256.in_(part),
                                                media_blobs.c.data.is_not(None))):
                    ref = _ref(row.sha256, wanted[row.sha256])
                    data = bytes(row.data)
                    if sha256_bytes(data) != row.sha256:
                        report.warnings.append(tampered_message(ref))
                        continue
                    _store(media_dir, ref, data)
                    report.received += 1
                    arrived.add(row.sha256)
    finally:
        with local.begin() as conn:
            wanted = {k: v for k, v in _load(conn, WANTED).items() if k not in arrived}
            _save(conn, WANTED, wanted)
    return len(wanted)


class MediaSync:
    """What a SyncEngine keeps between syncs: whether anything may wait, so that a sync with
    nothing to do reads nothing more (the queues are read again after this process queued
    something, received rows that show images, or left something waiting; the videos this
    person may publish are looked for again after any row was received).

    `person_id`: whose workstation (videos are fetched only for the accounts they administer,
    `media_chunks.py`); `today`: the date the designations are read on; `progress`: told
    how far a long video got while it travels."""

    def __init__(self, local: Engine, media_dir: Path, *, person_id: object = None,
                 today: Callable[[], date] | None = None, video: VideoSettings | None = None,
                 progress: Progress | None = None) -> None:
        self.local = local
        self.media_dir = media_dir
        self.person_id = person_id
        self.today = today or date.today
        self.video = video or VideoSettings()
        self.progress = progress
        self._upload_idle = False
        self._download_idle = False
        self._videos_idle = False

    def queue(self, rows: Iterable[tuple[str, dict | None]]) -> None:
        rows = list(rows)
        if any(name in CONTENT_TABLES for name, _ in rows):
            queue_uploads(self.local, rows)
            self._upload_idle = False

    def upload(self, shared: Engine, report: MediaReport) -> None:
        if not self._upload_idle:
            videos = Transfer(shared, self.media_dir, self.video, report, self.progress)
            self._upload_idle = upload(shared, self.local, self.media_dir, report,
                                       videos) == 0

    def download(self, shared: Engine, received: list[tuple[str, dict]],
                 report: MediaReport, *, changed: bool = False) -> None:
        """`changed`: rows of any table arrived (a designation, a post's state)."""
        if received or not self._download_idle:
            self._download_idle = download(shared, self.local, self.media_dir, received,
                                           report) == 0
        if self.person_id is not None and (changed or received or not self._videos_idle):
            self._videos_idle = self.download_videos(shared, report) == 0

    def download_videos(self, shared: Engine, report: MediaReport) -> int:
        """Fetch the videos this person may have to publish; returns how many stay wanted."""
        with self.local.connect() as conn:
            refs = wanted_videos(conn, self.media_dir, self.person_id, self.today())
            refused = load_refused(conn)
        drop_stale_parts(self.media_dir, {ref.sha256 for ref in refs})
        if not refs:
            return 0
        transfer = Transfer(shared, self.media_dir, self.video, report, self.progress)
        arrived = 0
        try:
            for ref in refs:
                arrived += transfer.download(ref, refused)
        finally:
            with self.local.begin() as conn:
                save_refused(conn, refused)
        return len(refs) - arrived


def _store(media_dir: Path, ref: MediaRef, data: bytes) -> Path:
    """Write the verified bytes as `media/<sha256>/<name>`, atomically."""
    from redes_desktop.errors import UserFacingError
    from redes_desktop.private_files import make_private_dir

    target = local_copy(media_dir, ref)
    try:
        make_private_dir(media_dir)
        make_private_dir(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=".recibiendo-", suffix=ref.suffix, dir=media_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as error:
        raise UserFacingError(
            f"No se pudo guardar la imagen «{ref.name}» recibida en {media_dir} "
            f"({error.strerror or error}). Revise el espacio libre y los permisos de la "
            "carpeta de datos; se volverá a pedir en la próxima sincronización.") from error
    return target
