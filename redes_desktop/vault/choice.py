"""Which store holds a data folder's secrets, and how the command line opens the vault.

The rule: a folder that has a vault keeps using it (switching would hide its secrets); otherwise
the OS keyring when one answers; otherwise a new vault. Never a silent fallback to plaintext:
the store's `description` is shown («Secretos: llavero del sistema» / «bóveda cifrada local»).

REDES_DESKTOP_PASSPHRASE (like borg's BORG_PASSPHRASE) gives the passphrase to scheduled tasks
and CI. Anyone who can read that process's environment (the same user, root, a crash report, a
CI log that prints the environment) can then open the vault: set it only where a secret variable
is kept as such, never in a shared script.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore, SecretsUnavailable
from redes_desktop.vault.file import (
    DEFAULT_KDF,
    KdfParams,
    VaultError,
    WrongPassphrase,
    write_atomically,
)
from redes_desktop.vault.store import Opener, UnlockThrottle, VaultSecretStore

PASSPHRASE_ENV = "REDES_DESKTOP_PASSPHRASE"
TERMINAL_ATTEMPTS = 3


def keyring_works() -> bool:
    return SecretStore().available()


@dataclass
class SecretsOptions:
    """What tests inject: cheap Argon2id parameters, a throttle that does not sleep, the
    keyring probe, the environment."""

    kdf: KdfParams = DEFAULT_KDF
    keyring_check: Callable[[], bool] = keyring_works
    throttle: Callable[[], UnlockThrottle] = UnlockThrottle
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)

    @property
    def env_passphrase(self) -> str | None:
        return self.environ.get(PASSPHRASE_ENV) or None


def installation_id(paths: DataPaths) -> Callable[[bool], str]:
    """`get(create)`: the folder's installation id ("" when none; a new one when `create`)."""

    def get(create: bool) -> str:
        path = paths.installation_id
        try:
            text = path.read_text(encoding="ascii").strip()
            return str(uuid.UUID(text))
        except FileNotFoundError:
            if not create:
                return ""
        except (OSError, ValueError, UnicodeDecodeError) as error:
            if not create:
                return ""  # the vault check then says the vault is not this installation's
            raise VaultError(
                f"El archivo de identidad de la instalación {path} está dañado o no se puede "
                "leer; no se creará una bóveda con otra identidad. Restáurelo desde un respaldo "
                "o apártelo; no se modificó nada.") from error
        new = str(uuid.uuid4())
        try:
            write_atomically(path, (new + "\n").encode("ascii"), must_not_exist=True)
        except FileExistsError:
            return get(False)  # another process wrote it first
        return new

    return get


def choose_store(paths: DataPaths, options: SecretsOptions | None = None,
                 opener: Opener | None = None) -> SecretStore:
    """The keyring, or the vault of `paths` (not opened yet: see `VaultSecretStore`)."""
    options = options or SecretsOptions()
    if not paths.vault.exists() and options.keyring_check():
        return SecretStore()
    kwargs = {"opener": opener} if opener is not None else {}
    return VaultSecretStore(paths.vault, installation_id(paths), kdf=options.kdf,
                            throttle=options.throttle(), **kwargs)


class TerminalOpener:
    """Opens the vault for a command: REDES_DESKTOP_PASSPHRASE, else the terminal (getpass),
    else a Spanish error saying how to give the passphrase."""

    def __init__(self, options: SecretsOptions, *, interactive: Callable[[], bool] | None = None,
                 getpass: Callable[[str], str] | None = None, err: TextIO | None = None) -> None:
        import getpass as getpass_module

        self.options = options
        self.interactive = interactive or (lambda: sys.stdin.isatty())
        self.getpass = getpass or getpass_module.getpass
        self.err = err or sys.stderr

    def __call__(self, store: VaultSecretStore, creating: bool) -> None:
        passphrase = self.options.env_passphrase
        if passphrase is not None:
            open_with_passphrase(store, passphrase)
            return
        if not self.interactive():
            raise SecretsUnavailable(
                f"{'Se necesita crear' if creating else 'Se necesita abrir'} la bóveda de "
                f"secretos {store.path} (este equipo no tiene llavero del sistema) y no hay "
                f"terminal para pedir la frase de acceso. Ejecute la orden en una terminal, o "
                f"defina la variable de entorno {PASSPHRASE_ENV} solo para ella (vea el "
                "README: quien lea el entorno del proceso podrá abrir la bóveda)."
            )
        if creating:
            self._create_interactively(store)
        else:
            self._unlock_interactively(store)

    def _unlock_interactively(self, store: VaultSecretStore) -> None:
        for attempt in range(1, TERMINAL_ATTEMPTS + 1):
            phrase = self.getpass(f"Frase de acceso de la bóveda {store.path}: ")
            try:
                store.unlock(phrase)
                return
            except WrongPassphrase as error:
                if attempt == TERMINAL_ATTEMPTS:
                    raise WrongPassphrase(
                        f"La frase de acceso no abrió la bóveda tras {TERMINAL_ATTEMPTS} "
                        "intentos. Si la olvidó, vea «Olvidé la frase» en el programa o el "
                        "README: no se borró nada.") from error
                print(error.message, file=self.err)

    def _create_interactively(self, store: VaultSecretStore) -> None:
        print("Este equipo no tiene llavero del sistema: los secretos se guardarán en la "
              f"bóveda cifrada {store.path}. Elija una frase de acceso (al menos 12 "
              "caracteres; se pedirá una vez por sesión).", file=self.err)
        for _ in range(TERMINAL_ATTEMPTS):
            phrase = self.getpass("Nueva frase de acceso: ")
            from redes_desktop.vault.passphrase import assess

            problems = assess(phrase).problems
            if problems:
                print(" ".join(problems), file=self.err)
                continue
            if self.getpass("Repítala: ") != phrase:
                print("Las dos frases no coinciden.", file=self.err)
                continue
            store.create(phrase)
            return
        raise SecretsUnavailable("No se creó la bóveda de secretos; no se guardó nada.")


def open_with_passphrase(store: VaultSecretStore, passphrase: str) -> None:
    """Unlock the vault with the passphrase of REDES_DESKTOP_PASSPHRASE, or create it with
    that passphrase (held to the same rules as a typed one)."""
    if store.exists:
        store.unlock(passphrase)
        return
    from redes_desktop.vault.passphrase import assess

    problems = assess(passphrase).problems
    if problems:
        raise SecretsUnavailable(
            f"La frase de {PASSPHRASE_ENV} no sirve para crear la bóveda de secretos: "
            + " ".join(problems))
    store.create(passphrase)


def command_store(root: Path, options: SecretsOptions | None = None) -> SecretStore:
    """The secret store for a command working on the data folder `root`."""
    options = options or SecretsOptions()
    return choose_store(DataPaths(root), options, TerminalOpener(options))
