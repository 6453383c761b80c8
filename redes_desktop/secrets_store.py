"""Secrets live in the OS keyring (service `redes-desktop`) or, where no keyring answers, in the
local encrypted vault (`redes_desktop/vault/`, same interface) — never in the database, settings,
logs or bitácora, never in plaintext. `SecretStore` is the keyring door; `vault.choice` decides
which store a data folder uses and says so (`description`)."""

from __future__ import annotations

from redes_desktop.errors import UserFacingError

SERVICE = "redes-desktop"
# Windows Credential Locker stores at most 2,560 bytes per secret.
MAX_SECRET_BYTES = 2500


class SecretsUnavailable(UserFacingError):
    """No usable keyring backend (or it is locked)."""

    exit_code = 6


def _unavailable(error: BaseException) -> SecretsUnavailable:
    return SecretsUnavailable(
        "No hay un llavero del sistema disponible para guardar las claves y contraseñas "
        f"({type(error).__name__}). En Windows se usa el Administrador de credenciales; en "
        "Linux, un servicio como GNOME Keyring o KWallet desbloqueado. Ábralo o desbloquéelo y "
        "vuelva a intentarlo: el programa no guarda contraseñas en ningún otro lugar."
    )


def check_secret_size(secret: str) -> None:
    if len(secret.encode("utf-8")) > MAX_SECRET_BYTES:
        raise UserFacingError(
            f"El secreto mide más de {MAX_SECRET_BYTES} bytes y el llavero de Windows no lo "
            "admite. Use uno más corto."
        )


class SecretStore:
    """Keyring access by key (e.g. "cuenta:<uuid>", "smtp", "bitacora-key")."""

    description = "llavero del sistema"  # shown in the status bar: «Secretos: …»
    location = "el llavero del sistema"  # in messages: «no está en …»

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def get(self, key: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self.service, key)
        except (KeyringError, RuntimeError) as error:
            raise _unavailable(error) from error

    def set(self, key: str, secret: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordSetError

        check_secret_size(secret)
        try:
            keyring.set_password(self.service, key, secret)
        except PasswordSetError as error:
            raise SecretsUnavailable(
                f"El llavero del sistema rechazó guardar el secreto ({error}). "
                "Revise que esté desbloqueado."
            ) from error
        except (KeyringError, RuntimeError) as error:
            raise _unavailable(error) from error

    def delete(self, key: str) -> bool:
        """Remove a secret; False when there was none."""
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(self.service, key)
        except PasswordDeleteError:
            return False
        except (KeyringError, RuntimeError) as error:
            raise _unavailable(error) from error
        return True

    def available(self) -> bool:
        """A keyring backend answers: not keyring's `fail` or `null` backend (the null one
        would drop every secret silently), and a read does not raise."""
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring
        from keyring.backends.null import Keyring as NullKeyring
        from keyring.errors import KeyringError

        try:
            backend = keyring.get_keyring()
            if isinstance(backend, FailKeyring | NullKeyring):
                return False
            backend.get_password(self.service, "sonda-disponibilidad")
        except (KeyringError, RuntimeError, OSError):
            return False
        return True
