"""The local credential of a person at this workstation: set at the first sign-in, kept only as
an Argon2id hash in the secret store (OS keyring or vault) under `acceso:<person id>` — never in
the settings, the database or the bitácora."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from redes_desktop.errors import UserFacingError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from redes_desktop.secrets_store import SecretStore

MIN_LENGTH = 8
MAX_LENGTH = 256


class SignInRefused(UserFacingError):
    """The password (or login) did not prove the person's identity (a command exits 12)."""

    exit_code = 12


def secret_key(person_id: uuid.UUID) -> str:
    return f"acceso:{person_id}"


def default_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(type=Type.ID)


def check_new_password(password: str, confirmation: str) -> None:
    """A new local credential: long enough, typed the same twice."""
    if password != confirmation:
        raise UserFacingError(
            "La contraseña y su confirmación no coinciden. Escríbalas de nuevo.")
    if len(password) < MIN_LENGTH:
        raise UserFacingError(
            f"La contraseña debe tener al menos {MIN_LENGTH} caracteres. Elija una más larga.")
    if len(password) > MAX_LENGTH:
        raise UserFacingError(
            f"La contraseña admite hasta {MAX_LENGTH} caracteres. Elija una más corta.")


class LocalCredential:
    """Set and verify a person's local credential (Argon2id hash in `secrets`)."""

    def __init__(self, secrets: SecretStore, hasher: PasswordHasher | None = None) -> None:
        self.secrets = secrets
        self.hasher = hasher or default_hasher()

    def is_set(self, person_id: uuid.UUID) -> bool:
        return bool(self.secrets.get(secret_key(person_id)))

    def set(self, person_id: uuid.UUID, password: str, confirmation: str | None = None) -> None:
        check_new_password(password, password if confirmation is None else confirmation)
        self.remember(person_id, password)

    def remember(self, person_id: uuid.UUID, password: str) -> None:
        """Keep the hash of a password something else already vouched for (the shared
        database's login), so that an offline sign-in later can check it."""
        self.secrets.set(secret_key(person_id), self.hasher.hash(password))

    def verify(self, person_id: uuid.UUID, password: str) -> bool:
        """True when `password` matches the stored hash; False without a credential or on a
        mismatch (a damaged hash counts as a mismatch, never as a pass)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        stored = self.secrets.get(secret_key(person_id))
        if not stored or len(password) > MAX_LENGTH:
            return False
        try:
            return bool(self.hasher.verify(stored, password))
        except (VerificationError, InvalidHashError):
            return False
