"""`VaultSecretStore`: the `SecretStore` interface over the local encrypted vault.

The vault is opened once per session: either eagerly (the window's passphrase dialog calls
`unlock` or `create`) or on first use through an `opener` (the command line asks the terminal or
reads REDES_DESKTOP_PASSPHRASE). Reading a secret from a folder that has no vault yet needs no
passphrase (there is nothing to read); storing the first one creates the vault.

Several processes may use the same vault (a command run while the window is open): every write
happens under an exclusive lock on a sidecar file, after re-reading the vault if it changed, so
no process overwrites what another stored. Wrong passphrases make the next attempt wait longer
(`UnlockThrottle`, with an injected clock and sleeper).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from redes_desktop.secrets_store import SecretStore, SecretsUnavailable, check_secret_size
from redes_desktop.vault import file as vault_file
from redes_desktop.vault.file import DEFAULT_KDF, KdfParams, Unlocked, WrongPassphrase

VAULT_DESCRIPTION = "bóveda cifrada local"


class UnlockThrottle:
    """Increasing delays after wrong passphrases: 1, 2, 4, 8, 16, then 30 s at most."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 sleeper: Callable[[float], None] = time.sleep,
                 base: float = 1.0, cap: float = 30.0) -> None:
        self.clock, self.sleeper, self.base, self.cap = clock, sleeper, base, cap
        self.failures = 0
        self._not_before = 0.0

    def remaining(self) -> float:
        """Seconds before the next attempt is allowed (0 when it is)."""
        return max(0.0, self._not_before - self.clock())

    def wait(self) -> None:
        remaining = self.remaining()
        if remaining > 0:
            self.sleeper(remaining)

    def failed(self) -> float:
        """Count a failure; returns the delay imposed before the next attempt."""
        self.failures += 1
        delay = min(self.base * 2 ** (self.failures - 1), self.cap)
        self._not_before = self.clock() + delay
        return delay

    def succeeded(self) -> None:
        self.failures = 0
        self._not_before = 0.0


Opener = Callable[["VaultSecretStore", bool], None]
"""Called as opener(store, creating) on first use; must leave the store open or raise."""


def _no_opener(store: VaultSecretStore, creating: bool) -> NoReturn:
    raise SecretsUnavailable(
        f"La bóveda de secretos {store.path} está cerrada: escriba su frase de acceso al abrir "
        "el programa."
    )


class VaultSecretStore(SecretStore):
    description = VAULT_DESCRIPTION
    location = "la bóveda cifrada local"

    def __init__(self, path: Path, installation: Callable[[bool], str], *,
                 opener: Opener = _no_opener, kdf: KdfParams = DEFAULT_KDF,
                 throttle: UnlockThrottle | None = None) -> None:
        """`installation(create)` gives this data folder's installation id (creating it when
        `create` is true and there is none; "" when there is none)."""
        super().__init__()
        self.path = Path(path)
        self.installation = installation
        self.opener = opener
        self.kdf = kdf
        self.throttle = throttle or UnlockThrottle()
        self._vault: Unlocked | None = None

    # -- opening ---------------------------------------------------------------------------------
    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    def inspect(self) -> None:
        """Refuse at once a damaged vault or one from another installation (VaultError),
        before anyone is asked for a passphrase."""
        if self.exists:
            header, _, _ = vault_file.read_header(self.path)
            vault_file.check_installation(self.path, header, self.installation(False))

    def unlock(self, passphrase: str) -> None:
        """Open the existing vault; WrongPassphrase (after which the next attempt waits),
        VaultError for a damaged or foreign file."""
        self.throttle.wait()
        try:
            vault = vault_file.unlock(self.path, passphrase, self.installation(False))
        except WrongPassphrase as error:
            delay = self.throttle.failed()
            raise WrongPassphrase(
                f"{error.message} Podrá intentarlo de nuevo en {delay:.0f} s."
            ) from None
        self.throttle.succeeded()
        vault_file.ensure_owner_only(self.path)
        self._vault = vault

    def create(self, passphrase: str) -> None:
        """Create the vault (never over an existing file)."""
        self._vault = vault_file.create(self.path, passphrase, self.installation(True), self.kdf)

    def lock(self) -> None:
        """Forget the key (the next use asks again)."""
        self._vault = None

    def _open(self, creating: bool) -> Unlocked:
        vault = self._vault
        if vault is None:
            self.inspect()  # damaged or foreign: say so before asking for anything
            self.opener(self, creating)
            vault = self._vault  # set by the opener
            if vault is None:  # pragma: no cover - an opener that neither opened nor raised
                _no_opener(self, creating)
        return vault

    # -- the SecretStore interface ---------------------------------------------------------------
    def get(self, key: str) -> str | None:
        if self._vault is None and not self.exists:
            return None
        vault = self._open(creating=False)
        vault_file.reload(vault)
        return vault.secrets.get(key)

    def set(self, key: str, secret: str) -> None:
        check_secret_size(secret)
        vault = self._open(creating=not self.exists and self._vault is None)
        with self._write_lock():
            vault_file.reload(vault)
            self._save_changed(vault, key, secret)

    def delete(self, key: str) -> bool:
        if self._vault is None and not self.exists:
            return False
        vault = self._open(creating=False)
        with self._write_lock():
            vault_file.reload(vault)
            if key not in vault.secrets:
                return False
            self._save_changed(vault, key, None)
        return True

    def _save_changed(self, vault: Unlocked, key: str, secret: str | None) -> None:
        """Store (or, with None, remove) one secret and save; on failure the memory goes back
        to what the file still holds."""
        before = dict(vault.secrets)
        if secret is None:
            del vault.secrets[key]
        else:
            vault.secrets[key] = secret
        try:
            vault_file.save(vault)
        except OSError as error:
            vault.secrets = before
            raise SecretsUnavailable(
                f"No se pudo guardar la bóveda de secretos {self.path} "
                f"({error.strerror or error}). Revise el espacio libre y los permisos; la "
                "bóveda anterior quedó intacta."
            ) from error

    def available(self) -> bool:
        return True

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        lock_path = self.path.with_name(f".{self.path.name}.lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)


# sys.platform (not os.name): the type checker then checks only this platform's branch.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows workstations
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
