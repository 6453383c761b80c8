import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from redes_desktop.errors import UserFacingError
from redes_desktop.secrets_store import SecretStore, SecretsUnavailable


def test_round_trip_on_the_keyring(memory_keyring):
    store = SecretStore()
    store.set("smtp", "contraseña-ñ")
    assert store.get("smtp") == "contraseña-ñ"
    assert memory_keyring.store[("redes-desktop", "smtp")] == "contraseña-ñ"
    assert store.delete("smtp") is True
    assert store.delete("smtp") is False
    assert store.get("smtp") is None


def test_no_keyring_is_a_clear_spanish_error():
    keyring.set_keyring(FailKeyring())
    store = SecretStore()
    assert not store.available()
    with pytest.raises(SecretsUnavailable, match="llavero del sistema"):
        store.set("smtp", "x")
    with pytest.raises(SecretsUnavailable):
        store.get("smtp")


def test_oversized_secret_refused(memory_keyring):
    with pytest.raises(UserFacingError, match="Windows"):
        SecretStore().set("k", "x" * 3000)
    assert memory_keyring.store == {}
