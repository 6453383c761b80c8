"""The vault file: secrets encrypted with AES-256-GCM under a key derived from a passphrase by
Argon2id.

Layout (all of it authenticated):

    b"REDESVLT"  | 4-byte big-endian header length | header (UTF-8 JSON) | ciphertext

The header holds the format version, the installation id, the Argon2id parameters and salt, a
passphrase verifier and the GCM nonce; it is the GCM associated data, so changing any byte of
it (e.g. the installation id) makes the file fail to open. The derived 64 bytes are split: the
first 32 are the AES key, the last 32 make the verifier (HMAC-SHA256 of a fixed label), which
tells a wrong passphrase apart from a damaged file. The plaintext is JSON
`{"secretos": {key: value}}`.

Every save writes a temporary file next to the vault, fsyncs it, renames it over the vault and
fsyncs the folder: a crash leaves either the old vault or the new one, never half of one. The
file is owner-only (0600).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets as random
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from redes_desktop.errors import UserFacingError

MAGIC = b"REDESVLT"
FORMAT_VERSION = 1
SALT_SIZE = 16
NONCE_SIZE = 12
_VERIFIER_LABEL = b"redes-desktop vault passphrase verifier"
_MAX_HEADER = 4096


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults take ~0.47 s on the 2-core development machines
    (measured: t=3/64 MiB 0.16 s, t=3/128 MiB 0.35 s, t=4/128 MiB 0.47 s, t=4/256 MiB 1.0 s).
    They are stored in each vault, so raising them later keeps old vaults readable."""

    time_cost: int = 4
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    def check(self) -> bool:
        """Within the bounds a vault may ask for (a damaged header must not make us allocate
        gigabytes or loop for minutes)."""
        return (1 <= self.time_cost <= 20 and 1 <= self.parallelism <= 16
                and 8 * self.parallelism <= self.memory_kib <= 1024 * 1024)


DEFAULT_KDF = KdfParams()


class VaultError(UserFacingError):
    """The vault cannot be used as it is: damaged, unreadable, or from another installation.
    Nothing was changed."""

    exit_code = 9


class WrongPassphrase(UserFacingError):
    """The passphrase does not open the vault."""

    exit_code = 6


def derive(passphrase: str, salt: bytes, params: KdfParams) -> tuple[bytes, bytes]:
    """(AES key, verifier) for `passphrase` (NFC: «é» typed as one or two code points is the
    same phrase)."""
    from argon2.low_level import Type, hash_secret_raw

    text = unicodedata.normalize("NFC", passphrase)
    raw = hash_secret_raw(text.encode("utf-8"), salt, params.time_cost, params.memory_kib,
                          params.parallelism, 64, Type.ID)
    verifier = hmac.new(raw[32:], _VERIFIER_LABEL, hashlib.sha256).digest()
    return raw[:32], verifier


@dataclass(frozen=True)
class Header:
    installation: str
    params: KdfParams
    salt: bytes
    verifier: bytes
    nonce: bytes

    def to_bytes(self) -> bytes:
        return json.dumps({
            "formato": FORMAT_VERSION, "instalacion": self.installation,
            "kdf": {"algoritmo": "argon2id", "t": self.params.time_cost,
                    "m_kib": self.params.memory_kib, "p": self.params.parallelism,
                    "sal": _b64(self.salt)},
            "verificador": _b64(self.verifier), "nonce": _b64(self.nonce),
        }, sort_keys=True).encode("utf-8")


@dataclass
class Unlocked:
    """An open vault: the key stays in memory for the session; the passphrase does not."""

    path: Path
    header: Header
    key: bytes
    secrets: dict[str, str]
    stamp: tuple[int, int, int]  # (inode, size, mtime_ns) of the file last read or written


def read_header(path: Path) -> tuple[Header, bytes, bytes]:
    """(header, header bytes, ciphertext) of the vault at `path`; VaultError when it is not a
    vault this program can read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise VaultError(
            f"No se pudo leer la bóveda de secretos {path} ({error.strerror or error}). Revise "
            "sus permisos; no se modificó nada."
        ) from error
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise _damaged(path, "no empieza como una bóveda de Redes INE")
    size = int.from_bytes(data[len(MAGIC):len(MAGIC) + 4], "big")
    start = len(MAGIC) + 4
    if not 0 < size <= _MAX_HEADER or len(data) < start + size + 16:
        raise _damaged(path, "está incompleta")
    header_bytes = data[start:start + size]
    try:
        raw = json.loads(header_bytes.decode("utf-8"))
        if raw["formato"] != FORMAT_VERSION:
            raise VaultError(
                f"La bóveda de secretos {path} tiene el formato {raw['formato']}, que esta "
                "versión del programa no conoce. Actualice el programa; no se modificó nada."
            )
        kdf = raw["kdf"]
        if kdf["algoritmo"] != "argon2id":
            raise ValueError(kdf["algoritmo"])
        header = Header(
            installation=str(raw["instalacion"]),
            params=KdfParams(int(kdf["t"]), int(kdf["m_kib"]), int(kdf["p"])),
            salt=_unb64(kdf["sal"]), verifier=_unb64(raw["verificador"]),
            nonce=_unb64(raw["nonce"]),
        )
    except VaultError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise _damaged(path, "su encabezado no se puede leer") from error
    if not header.params.check() or len(header.nonce) != NONCE_SIZE or len(header.salt) < 8:
        raise _damaged(path, "su encabezado tiene valores imposibles")
    return header, header_bytes, data[start + size:]


def unlock(path: Path, passphrase: str, installation: str) -> Unlocked:
    """Open the vault. VaultError (damaged, other installation) before the passphrase is even
    tried, WrongPassphrase when it does not match."""
    stamp = current_stamp(path) or (0, 0, 0)  # before reading: a later change is seen
    header, header_bytes, ciphertext = read_header(path)
    check_installation(path, header, installation)
    key, verifier = derive(passphrase, header.salt, header.params)
    if not hmac.compare_digest(verifier, header.verifier):
        raise WrongPassphrase(
            "La frase de acceso no es correcta: no abre la bóveda de secretos. Revise "
            "mayúsculas, acentos y la distribución del teclado, y vuelva a intentarlo."
        )
    return Unlocked(path, header, key, decrypt(path, key, header, header_bytes, ciphertext), stamp)


def check_installation(path: Path, header: Header, installation: str) -> None:
    if header.installation != installation:
        raise VaultError(
            f"La bóveda de secretos {path} pertenece a otra instalación "
            f"({header.installation[:8]}); esta carpeta de datos es la instalación "
            f"{installation[:8] or 'sin identificar'}. ¿Se copió de otro equipo o de otra "
            "carpeta? Vuelva a ponerla en su carpeta, o apártela (muévala a otra carpeta) para "
            "crear una nueva aquí. No se modificó ni se borró nada."
        )


def decrypt(path: Path, key: bytes, header: Header, header_bytes: bytes,
            ciphertext: bytes) -> dict[str, str]:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        plain = AESGCM(key).decrypt(header.nonce, ciphertext, MAGIC + header_bytes)
        stored = json.loads(plain.decode("utf-8"))["secretos"]
        if not isinstance(stored, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in stored.items()
        ):
            raise ValueError("secretos")
    except (InvalidTag, ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise _damaged(path, "la frase es correcta pero el contenido está alterado o "
                             "incompleto") from error
    return stored


def reload(vault: Unlocked) -> None:
    """Read the file again if another process (a command run while the window is open) saved
    it since we last read or wrote it, with the key already derived."""
    stamp = current_stamp(vault.path)
    if stamp is None:
        raise VaultError(
            f"La bóveda de secretos {vault.path} desapareció mientras el programa la usaba. "
            "Vuelva a ponerla en su lugar y reinicie el programa; no se creó otra."
        )
    if stamp == vault.stamp:
        return
    header, header_bytes, ciphertext = read_header(vault.path)
    check_installation(vault.path, header, vault.header.installation)
    old = vault.header
    if (header.salt, header.params, header.verifier) != (old.salt, old.params, old.verifier):
        raise VaultError(
            f"La bóveda de secretos {vault.path} se reemplazó por otra mientras el programa la "
            "usaba. Cierre el programa y vuelva a abrirlo; no se modificó nada."
        )
    vault.secrets = decrypt(vault.path, vault.key, header, header_bytes, ciphertext)
    vault.header, vault.stamp = header, stamp


def create(path: Path, passphrase: str, installation: str,
           params: KdfParams = DEFAULT_KDF) -> Unlocked:
    """A new, empty vault at `path`; refuses to replace an existing file."""
    if path.exists():
        raise VaultError(f"Ya existe la bóveda de secretos {path}; no se reemplazó.")
    salt = random.token_bytes(SALT_SIZE)
    key, verifier = derive(passphrase, salt, params)
    header = Header(installation, params, salt, verifier, bytes(NONCE_SIZE))
    vault = Unlocked(path, header, key, {}, (0, 0, 0))
    try:
        save(vault, must_not_exist=True)
    except FileExistsError as error:
        raise VaultError(f"Ya existe la bóveda de secretos {path}; no se reemplazó.") from error
    return vault


def save(vault: Unlocked, *, must_not_exist: bool = False) -> None:
    """Encrypt with a fresh nonce and replace the file atomically."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    old = vault.header
    header = Header(old.installation, old.params, old.salt, old.verifier,
                    random.token_bytes(NONCE_SIZE))
    header_bytes = header.to_bytes()
    plain = json.dumps({"secretos": vault.secrets}, ensure_ascii=False).encode("utf-8")
    ciphertext = AESGCM(vault.key).encrypt(header.nonce, plain, MAGIC + header_bytes)
    data = MAGIC + len(header_bytes).to_bytes(4, "big") + header_bytes + ciphertext
    write_atomically(vault.path, data, must_not_exist=must_not_exist)
    vault.header = header
    vault.stamp = _stamp(vault.path)


def write_atomically(path: Path, data: bytes, *, must_not_exist: bool = False) -> None:
    """Temp file in the same folder (0600), fsync, rename over `path`, fsync the folder.
    With `must_not_exist`, FileExistsError instead of replacing an existing file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        if must_not_exist:
            try:
                os.link(tmp, path)  # atomic "create only if absent": FileExistsError otherwise
            except FileExistsError:
                raise
            except OSError:  # no hard links here (FAT, some network shares)
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def ensure_owner_only(path: Path) -> None:
    """Make the vault 0600 again if someone widened it (POSIX only)."""
    if os.name == "posix":
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, 0o600)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def current_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        return _stamp(path)
    except FileNotFoundError:
        return None


def _damaged(path: Path, why: str) -> VaultError:
    return VaultError(
        f"La bóveda de secretos {path} está dañada ({why}). No se modificó ni se borró; "
        "restáurela desde un respaldo, o apártela (muévala a otra carpeta) para crear una "
        "nueva y volver a capturar las contraseñas."
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
