"""Keys of the bitácora and AES-256-GCM sealing.

Three kinds of keys, all 32 random bytes kept only in the OS keyring (`SecretStore`), encoded as
URL-safe base64:

* `bitacora-clave-<workstation>` — encrypts the details at rest in this workstation's file.
  Never leaves the workstation.
* `bitacora-cadena-<origin>` — the chain key of an origin's HMAC chain (see `chain.py`).
  Created by the origin workstation; shared with whoever is entitled to verify that origin's
  entries (its suplente's workstation, an auditor) — carried by the sync sealed under the
  readers key (`seal_chain_key`/`open_chain_key`).
* `bitacora-lectores` — the institution's key of bitácora readers: seals details and chain keys
  while they travel through the shared database. Distributed out of band by the administrator
  (`redes-desktop bitacora clave-lectores`).
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from redes_desktop.errors import UserFacingError
from redes_desktop.secrets_store import SecretStore

KEY_SIZE = 32
NONCE_SIZE = 12
READERS_KEY = "bitacora-lectores"
KEY_CHECK_AAD = b"redes-desktop bitacora key check"
KEY_CHECK_PLAIN = b"bitacora"


class BitacoraKeyError(UserFacingError):
    """A key of the bitácora is missing, wrong or unusable."""

    exit_code = 7


def encryption_key_name(workstation: str) -> str:
    return f"bitacora-clave-{workstation}"


def chain_key_name(origin: str) -> str:
    return f"bitacora-cadena-{origin}"


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


def decode_key(text: str, what: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise BitacoraKeyError(
            f"La {what} guardada en el llavero no es válida (no es base64). "
            "Restáurela desde el respaldo del llavero; la bitácora no se modificó."
        ) from error
    if len(key) != KEY_SIZE:
        raise BitacoraKeyError(
            f"La {what} guardada en el llavero no mide 32 bytes. "
            "Restáurela desde el respaldo del llavero; la bitácora no se modificó."
        )
    return key


def load_key(secrets: SecretStore, name: str, what: str) -> bytes | None:
    text = secrets.get(name)
    return None if text is None else decode_key(text, what)


def store_new_key(secrets: SecretStore, name: str) -> bytes:
    key = new_key()
    secrets.set(name, encode_key(key))
    return key


def readers_key(secrets: SecretStore) -> bytes:
    key = load_key(secrets, READERS_KEY, "clave de lectores de la bitácora")
    if key is None:
        raise BitacoraKeyError(
            "Esta estación no tiene la clave de lectores de la bitácora, que protege las "
            "entradas mientras viajan a la base compartida. Pida a la CNCS el archivo de la "
            "clave e instálelo en Archivo → Preferencias → Bitácora."
        )
    return key


class Sealer:
    """AES-256-GCM with a random 96-bit nonce: sealed = nonce || ciphertext || tag."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        return nonce + self._aead.encrypt(nonce, plaintext, associated)

    def open(self, sealed: bytes, associated: bytes) -> bytes:
        """Raises cryptography's InvalidTag when the data or its metadata were altered."""
        return self._aead.decrypt(sealed[:NONCE_SIZE], sealed[NONCE_SIZE:], associated)

    def key_check(self) -> bytes:
        return self.seal(KEY_CHECK_PLAIN, KEY_CHECK_AAD)

    def matches(self, check: bytes) -> bool:
        try:
            return self.open(check, KEY_CHECK_AAD) == KEY_CHECK_PLAIN
        except (InvalidTag, ValueError):
            return False


def seal_chain_key(readers: bytes, origin: str, chain_key: bytes) -> bytes:
    return Sealer(readers).seal(chain_key, f"bitacora-cadena:{origin}".encode())


def open_chain_key(readers: bytes, origin: str, sealed: bytes) -> bytes:
    try:
        return Sealer(readers).open(sealed, f"bitacora-cadena:{origin}".encode())
    except (InvalidTag, ValueError) as error:
        raise BitacoraKeyError(
            f"La clave de cadena de la estación {origin} no se pudo abrir con la clave de "
            "lectores de esta estación (¿es de otra institución o está dañada?)."
        ) from error
