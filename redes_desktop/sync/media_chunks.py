"""Videos travel with the sync too, in parts, never whole in memory.

A YouTube draft (or an X or Facebook post with a video) prepared on one workstation is often
published on another, by the suplente: the video must be there. Its bytes go through the
shared database like an image's (`media.py`), content-addressed by the SHA-256 of the whole
file, but in parts of `VideoSettings.chunk_size` (4 MB): a bytea holds at most 1 GB, and no
workstation or server process should hold a whole video.

* **Upload**, after the rows are pushed: a queued video (`sync_state` «media_upload», as the
  images) that an unpublished post still uses is looked for in this workstation's data folder
  (or at the path it was attached from); one heavier than every network it is meant for
  accepts (6.xxii, `resources/checks/networks.json`) is refused here, before reading it, with a
  Spanish line in the sync report. Otherwise it is hashed reading one part at a time (once:
  the result is remembered with the file's size and modification time), then
  `redes_begin_blob` opens the sending (or says which parts the server already has: an
  interrupted sending resumes without sending those again), each missing part goes through
  `redes_put_chunk` in its own transaction (index, exact size and the part's own SHA-256
  checked, and the access, as for an image), and `redes_finish_blob` checks that every part
  is there and the SHA-256 of the whole before the video becomes readable.
* **Download**, after the rows are pulled: the video's parts are fetched one query each,
  checked against the SHA-256 the server recorded for each part, and appended to
  `media/.recibiendo-<sha256>.part`; the whole SHA-256 is checked at the end and only then is
  the file renamed to `media/<sha256>/<the name it was attached with>` (`media_paths.py`,
  where the Redactor and the publishing queue look for it). A part or a whole that does not
  match is refused and reported once, never renamed into place; a refused part is asked again
  at the next sync (the checked parts before it are kept), a refused whole only once the
  server's copy changes.
* **How much**: each sync moves at most `VideoSettings.budget` bytes each way (512 MB) and
  says how far each video got («Video «x»: 96,0 de 300,0 MB enviados»; the status bar shows
  the same while it runs); the rest continues at the next sync, so rows keep flowing every
  minute while a long video travels.

**When videos are fetched** (images are fetched eagerly by everybody who may read them):
eagerly, in the background of every sync, but only for the people who may have to publish
them — the designated administrators (titular or suplente) of the post's account — and only
for posts not yet published or discarded. The point of the journey is that the suplente has
the video *before* the moment of publishing (a scheduled post is sent by the queue at its hour;
a video fetched only on demand could take many minutes then, or fail offline). But no view
shows a video, so the CNCS reviewers, the area titulars and anybody else who only reads the
post would download gigabytes for nothing: they never fetch videos, and nobody fetches the
video of a post already published. A suplente designated later gets the videos at their next
sync (the set is recomputed from the local rows, not remembered).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    LargeBinary,
    String,
    column,
    select,
    table,
    text,
)
from sqlalchemy.exc import DBAPIError

from redes_desktop.errors import UserFacingError
from redes_desktop.media_paths import local_image, received_copy
from redes_desktop.sync.refusals import is_media_refusal, server_detail

if TYPE_CHECKING:
    from hashlib import _Hash as Hash

    from redes_desktop.sync.media_refs import MediaRef, MediaReport

MB = 1_048_576
CHUNK_SIZE = 4 * MB
MIN_CHUNK, MAX_CHUNK = 64 * 1024, 16 * MB  # what the server accepts as a part
# Up to this size the server hashes the whole video before it becomes readable (it must hold
# it whole to do so; a larger one is checked part by part there and whole by every receiver).
WHOLE_CHECK_MAX = 256 * MB
BUDGET = 512 * MB
REFUSED = "video_refused"  # sync_state: refused copies, so each is said (and fetched) once
PART_PREFIX = ".recibiendo-"

Opener = Callable[[Path, str], BinaryIO]
Progress = Callable[[str], None]

# The shared tables as this module reads them (defined for `shared-db init` in shared_schema).
_blobs = table("media_blobs", column("sha256", String), column("data", LargeBinary),
               column("size_bytes", Integer), column("chunk_size", Integer),
               column("chunk_count", Integer))
_chunks = table("media_blob_chunks", column("sha256", String), column("idx", Integer),
                column("data", LargeBinary), column("chunk_sha256", String))


def _open(path: Path, mode: str) -> BinaryIO:
    return cast(BinaryIO, open(path, mode))  # noqa: SIM115 (the caller closes it)


@dataclass(frozen=True)
class VideoSettings:
    """How videos move: the part size, how many bytes a sync moves each way, and how files are
    opened (tests wrap it to see that no read or write is larger than a part)."""

    chunk_size: int = CHUNK_SIZE
    budget: int = BUDGET
    opener: Opener = _open


# -- which files are videos, and how heavy they may be ---------------------------------------------
def video_extensions() -> frozenset[str]:
    from redes_desktop.checks.network_limits import limits_for
    from redes_desktop.models.enums import Network

    found: set[str] = set()
    for network in Network:
        try:
            found |= {f".{e}" for e in limits_for(network).video.extensions}
        except KeyError:
            continue
    return frozenset(found)


def is_video(file_path: str) -> bool:
    return Path(file_path.replace("\\", "/")).suffix.lower() in video_extensions()


def video_limit(ref: MediaRef) -> tuple[int, str]:
    """The most any of the video's networks accepts (it is refused only when none of them
    would take it) and that network's label; (server cap, "") when none is known."""
    from redes_desktop.sync.media_refs import networks_limit

    found = networks_limit(ref.networks, lambda limits: limits.video.max_bytes,
                           strictest=False)
    return found or (server_cap(), "")


def server_cap() -> int:
    """The largest video any network accepts: the shared database refuses anything heavier."""
    from redes_desktop.sync.media_refs import largest_of_all

    return largest_of_all(lambda limits: limits.video.max_bytes)


def megabytes(size: int, unit: bool = True) -> str:
    """`size` in MB (1 MB = 1,048,576 bytes), written as the images' messages write it
    («5,0 MB»); `unit` False: the number alone."""
    number = f"{size / MB:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{number} MB" if unit else number


def oversize_message(ref: MediaRef, size: int, limit: int, network: str) -> str:
    where = f"lo que acepta {network}" if network else "lo que acepta cualquier red"
    return (f"El video «{ref.name}» pesa {megabytes(size)}, más que {where} "
            f"({megabytes(limit)}): no se envió a la base compartida y las otras estaciones "
            "no lo tendrán para publicarlo. Redúzcalo y vuelva a adjuntarlo en el Redactor "
            "(6.xxii).")


def missing_message(ref: MediaRef) -> str:
    return (f"El video «{ref.name}» no está en esta estación (se movió, se borró o cambió): "
            "no se envió a la base compartida. Vuelva a adjuntarlo en el Redactor.")


def tampered_message(ref: MediaRef, part: int | None, count: int) -> str:
    where = (f"la parte {part + 1} de {count} se alteró o se dañó" if part is not None
             else "se alteró o se dañó")
    return (f"El video «{ref.name}» recibido de la base compartida no corresponde a su huella "
            f"SHA-256 ({where} en el camino): se rechazó y no se guarda. Avise a quien "
            "administra la base compartida; se volverá a pedir cuando la copia cambie.")


def refused_message(ref: MediaRef, reason: str) -> str:
    return (f"La base compartida no aceptó el video «{ref.name}» ({reason}); las otras "
            "estaciones no lo tendrán para publicarlo.")


# -- reading a file one part at a time -------------------------------------------------------------
def parts(handle: BinaryIO, chunk_size: int) -> Iterator[bytes]:
    while True:
        data = handle.read(chunk_size)
        if not data:
            return
        yield data


def file_sha256(path: Path, chunk_size: int, opener: Opener = _open) -> str:
    digest = hashlib.sha256()
    with opener(path, "rb") as handle:
        for data in parts(handle, chunk_size):
            digest.update(data)
    return digest.hexdigest()


# -- which videos this workstation wants -----------------------------------------------------------
def unpublished_filter() -> ColumnElement[bool]:
    from redes_desktop.models.base import table_of
    from redes_desktop.models.enums import PostStatus
    from redes_desktop.models.posts import Post

    posts = table_of(Post)
    return (posts.c.status.notin_([PostStatus.PUBLICADA, PostStatus.DESCARTADA])
            & posts.c.deleted_at.is_(None))


def still_needed(conn: Connection, sha: str) -> bool:
    """Whether a post not yet published (nor discarded) shows the video."""
    from redes_desktop.models.base import table_of
    from redes_desktop.models.posts import Post, PostMedia

    pm, posts = table_of(PostMedia), table_of(Post)
    return conn.execute(select(pm.c.id).join(posts, posts.c.id == pm.c.post_id).where(
        pm.c.sha256 == sha, unpublished_filter()).limit(1)
    ).first() is not None


def wanted_videos(conn: Connection, media_dir: Path, person_id: object, today: date
                  ) -> list[MediaRef]:
    """The videos this person may have to publish (see the module's docstring) that the data
    folder lacks, the soonest scheduled first."""
    from redes_desktop.models.accounts import AccountAdministrator
    from redes_desktop.models.base import table_of
    from redes_desktop.models.posts import Post, PostMedia
    from redes_desktop.sync.media_refs import MediaRef

    pm, posts, admins = table_of(PostMedia), table_of(Post), table_of(AccountAdministrator)
    query = (select(pm.c.sha256, pm.c.file_path, pm.c.alt_text, posts.c.network)
             .join(posts, posts.c.id == pm.c.post_id)
             .join(admins, admins.c.account_id == posts.c.account_id)
             .where(admins.c.person_id == person_id, admins.c.since <= today,
                    admins.c.until.is_(None) | (admins.c.until >= today),
                    unpublished_filter())
             .order_by(posts.c.scheduled_at.is_(None), posts.c.scheduled_at, pm.c.sha256))
    found: dict[str, MediaRef] = {}
    for row in conn.execute(query):
        sha, path = str(row.sha256 or ""), str(row.file_path or "")
        if sha in found or len(sha) != 64 or not is_video(path):
            continue
        if local_image(media_dir, sha, path) is None:
            network = row.network.value if hasattr(row.network, "value") else str(row.network)
            found[sha] = MediaRef(sha, path, (network,), str(row.alt_text or ""))
    return list(found.values())


def drop_stale_parts(media_dir: Path, wanted: set[str]) -> None:
    """Remove the half-received videos no longer wanted (published meanwhile, or the person
    no longer administers the account)."""
    try:
        found = list(media_dir.glob(f"{PART_PREFIX}*.part"))
    except OSError:
        return
    for part in found:
        if part.name[len(PART_PREFIX):-len(".part")] not in wanted:
            part.unlink(missing_ok=True)


def load_refused(conn: Connection) -> dict[str, dict]:
    from redes_desktop.sync.state import get_state

    raw = get_state(conn, REFUSED)
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def save_refused(conn: Connection, refused: dict[str, dict]) -> None:
    from redes_desktop.sync.state import set_state

    set_state(conn, REFUSED, json.dumps(refused, sort_keys=True) if refused else None)


# -- moving one video ------------------------------------------------------------------------------
class Transfer:
    """Moves videos one way during one sync, within the sync's byte budget."""

    def __init__(self, shared: Engine, media_dir: Path, settings: VideoSettings,
                 report: MediaReport, progress: Progress | None = None) -> None:
        self.shared = shared
        self.media_dir = media_dir
        self.settings = settings
        self.report = report
        self.progress = progress
        self.left = settings.budget

    def _say(self, ref: MediaRef, done: int, total: int, verb: str) -> None:
        if self.progress is not None:
            self.progress(f"Video «{ref.name}»: {megabytes(done, False)} de "
                          f"{megabytes(total)} {verb}")

    def _paused(self, ref: MediaRef, done: int, total: int, verb: str) -> None:
        self.report.notes.append(
            f"Video «{ref.name}»: {megabytes(done, False)} de {megabytes(total)} {verb}; continúa "
            "en la próxima sincronización.")

    # -- upload ------------------------------------------------------------------------------
    def upload(self, ref: MediaRef, item: dict) -> bool:
        """Send one queued video. True: done with it (sent, already there, or refused and
        reported); False: it stays queued (the budget ran out, or the sending was cut)."""
        found = self._local_file(ref, item)
        if found is None:
            return True
        path, size = found
        chunk = self.settings.chunk_size
        try:
            with self.shared.begin() as conn:
                present = conn.execute(text("SELECT redes_begin_blob(:s, :t, :c, :m)"), {
                    "s": ref.sha256, "t": size, "c": chunk, "m": _mime(ref)}).scalar()
        except DBAPIError as error:
            return self._refused(ref, error)
        if present is None:
            return True  # another workstation sent it already
        count = -(-size // chunk)
        have = set(present)
        done = sum(min(chunk, size - i * chunk) for i in have)
        try:
            with self.settings.opener(path, "rb") as handle:
                for index in (i for i in range(count) if i not in have):
                    if self.left <= 0:
                        self._paused(ref, done, size, "enviados")
                        return False
                    expected = min(chunk, size - index * chunk)
                    handle.seek(index * chunk)
                    data = handle.read(expected)
                    if len(data) != expected:  # the file changed while it was sent
                        item.pop("checked", None)
                        return False
                    with self.shared.begin() as conn:
                        conn.execute(text("SELECT redes_put_chunk(:s, :i, :d, :h)"), {
                            "s": ref.sha256, "i": index, "d": data,
                            "h": hashlib.sha256(data).hexdigest()})
                    self.left -= expected
                    done += expected
                    self.report.video_bytes_sent += expected
                    self._say(ref, done, size, "enviados")
        except OSError as error:
            raise _unreadable(ref, path, error) from error
        except DBAPIError as error:
            if not is_media_refusal(error):
                raise
            item.pop("checked", None)  # a part the server refused: read and hash it again
            self.report.warnings.append(refused_message(ref, server_detail(error).rstrip(".")))
            return False
        with self.shared.begin() as conn:
            status = conn.execute(text("SELECT redes_finish_blob(:s)"),
                                  {"s": ref.sha256}).scalar()
        if status == "listo":
            self.report.videos_sent += 1
            return True
        if status == "no_corresponde":  # parts of another sending, or the file changed
            item.pop("checked", None)
            item["mismatches"] = int(item.get("mismatches", 0)) + 1
            if item["mismatches"] >= 2:
                self.report.warnings.append(refused_message(
                    ref, "sus partes no corresponden a su huella SHA-256"))
                return True
        return False

    def _local_file(self, ref: MediaRef, item: dict) -> tuple[Path, int] | None:
        """This workstation's copy of the video (checked against its hash once per version
        of the file), or None after saying why it is not sent."""
        candidates = [received_copy(self.media_dir, ref.sha256, ref.file_path),
                      self.media_dir / f"{ref.sha256}{ref.suffix}"]
        if ref.file_path:
            candidates.append(Path(ref.file_path))
        limit, network = video_limit(ref)
        for path in candidates:
            try:
                status = path.stat()
            except OSError:
                continue
            if not path.is_file():
                continue
            if status.st_size > limit:
                self.report.warnings.append(oversize_message(ref, status.st_size, limit,
                                                             network))
                return None
            mark = [str(path), status.st_size, status.st_mtime_ns]
            if item.get("checked") == mark:
                return path, status.st_size
            try:
                digest = file_sha256(path, self.settings.chunk_size, self.settings.opener)
            except OSError:
                continue
            if digest == ref.sha256:
                item["checked"] = mark
                return path, status.st_size
        if _inside(Path(ref.file_path), self.media_dir):  # attached here, and gone
            self.report.warnings.append(missing_message(ref))
        return None  # else another workstation's video (an edited row): not this one's to send

    def _refused(self, ref: MediaRef, error: DBAPIError) -> bool:
        if not is_media_refusal(error):
            raise error
        self.report.warnings.append(refused_message(ref, server_detail(error).rstrip(".")))
        return True

    # -- download ----------------------------------------------------------------------------
    def download(self, ref: MediaRef, refused: dict[str, dict]) -> bool:
        """Fetch one wanted video. True when it arrived; False when it stays wanted (not on
        the server yet, refused, or the budget ran out)."""
        with self.shared.connect() as conn:
            manifest = conn.execute(
                select(_blobs.c.size_bytes, _blobs.c.chunk_size, _blobs.c.chunk_count)
                .where(_blobs.c.sha256 == ref.sha256, _blobs.c.data.is_(None))).first()
            if manifest is None:
                return False  # not sent yet (or not complete): asked again at the next sync
            hashes = list(conn.execute(select(_chunks.c.chunk_sha256)
                                       .where(_chunks.c.sha256 == ref.sha256)
                                       .order_by(_chunks.c.idx)).scalars())
        size, chunk, count = (int(manifest.size_bytes), int(manifest.chunk_size),
                              int(manifest.chunk_count))
        mark = hashlib.sha256("".join(hashes).encode()).hexdigest()
        previous = refused.get(ref.sha256, {})
        if previous.get("mark") == mark and previous.get("whole"):
            return False  # refused as it stands: wait until the server's copy changes
        part_file = self.media_dir / f"{PART_PREFIX}{ref.sha256}.part"
        digest = hashlib.sha256()
        try:
            from redes_desktop.private_files import make_private_dir

            make_private_dir(self.media_dir)
            start = self._resume(part_file, hashes, chunk, digest) if len(hashes) == count else 0
            done = min(start * chunk, size)
            mode = "r+b" if part_file.exists() else "wb"
            with self.settings.opener(part_file, mode) as out:
                out.seek(start * chunk)
                out.truncate()
                for index in range(start, count):
                    if self.left <= 0:
                        self._paused(ref, done, size, "recibidos")
                        return False
                    expected = min(chunk, size - index * chunk)
                    data = self._fetch(ref.sha256, index)
                    if (data is None or len(data) != expected or index >= len(hashes)
                            or hashlib.sha256(data).hexdigest() != hashes[index]):
                        self._refuse(ref, refused, mark, index, count)
                        return False
                    out.write(data)
                    digest.update(data)
                    self.left -= expected
                    done += expected
                    self.report.video_bytes_received += expected
                    self._say(ref, done, size, "recibidos")
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != ref.sha256:
                part_file.unlink(missing_ok=True)
                self._refuse(ref, refused, mark, None, count)
                return False
            target = received_copy(self.media_dir, ref.sha256, ref.file_path)
            make_private_dir(target.parent)
            os.replace(part_file, target)
        except OSError as error:
            raise _unwritable(ref, self.media_dir, error) from error
        refused.pop(ref.sha256, None)
        self.report.videos_received += 1
        return True

    def _fetch(self, sha: str, index: int) -> bytes | None:
        with self.shared.connect() as conn:
            data = conn.execute(select(_chunks.c.data).where(
                _chunks.c.sha256 == sha, _chunks.c.idx == index)).scalar()
        return None if data is None else bytes(data)

    def _resume(self, part_file: Path, hashes: list[str], chunk: int, digest: Hash) -> int:
        """How many parts of an earlier, interrupted download are good (checked again, one
        part at a time, and fed to `digest`)."""
        if not part_file.is_file():
            return 0
        good = 0
        with self.settings.opener(part_file, "rb") as handle:
            for data in parts(handle, chunk):
                if good >= len(hashes) or hashlib.sha256(data).hexdigest() != hashes[good]:
                    break  # a part cut by the interruption, or not this video's
                digest.update(data)
                good += 1
        return good

    def _refuse(self, ref: MediaRef, refused: dict[str, dict], mark: str, part: int | None,
                count: int) -> None:
        entry = {"mark": mark, "whole": part is None, "part": part}
        if refused.get(ref.sha256) != entry:  # said once per refused copy
            self.report.warnings.append(tampered_message(ref, part, count))
        refused[ref.sha256] = entry


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def _mime(ref: MediaRef) -> str:
    import mimetypes

    guessed = mimetypes.guess_type(f"x{ref.suffix}")[0]
    return guessed if guessed and guessed.startswith("video/") else "application/octet-stream"





def _unreadable(ref: MediaRef, path: Path, error: OSError) -> UserFacingError:
    return UserFacingError(
        f"No se pudo leer el video «{ref.name}» en {path} ({error.strerror or error}). "
        "Revise que el archivo siga ahí; se volverá a intentar en la próxima sincronización.")


def _unwritable(ref: MediaRef, media_dir: Path, error: OSError) -> UserFacingError:
    return UserFacingError(
        f"No se pudo guardar el video «{ref.name}» recibido en {media_dir} "
        f"({error.strerror or error}). Revise el espacio libre y los permisos de la carpeta "
        "de datos; se volverá a pedir en la próxima sincronización.")
