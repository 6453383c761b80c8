"""Commands with the vault (issue 12): `secretos estado|guardar|borrar`, and every command that
needs a secret gets the passphrase from REDES_DESKTOP_PASSPHRASE or says how to give it."""

from __future__ import annotations

import io
import sys

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from redes_desktop.cli import main
from redes_desktop.commands.secretos import TYPED_SECRETS
from redes_desktop.paths import DataPaths
from redes_desktop.vault.choice import PASSPHRASE_ENV, SecretsOptions, choose_store
from redes_desktop.vault.file import KdfParams

PHRASE = "tlacuache mezcal bicicleta nube"
CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


@pytest.fixture
def no_keyring(monkeypatch):
    keyring.set_keyring(FailKeyring())
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)


def _vault(data_dir):
    """A vault made with cheap parameters (the commands read them from the file)."""
    options = SecretsOptions(kdf=CHEAP, keyring_check=lambda: False)
    store = choose_store(DataPaths(data_dir), options)
    store.create(PHRASE)
    return store


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_the_typed_secrets_are_the_ones_the_program_reads():
    from redes_desktop.services.mail import SMTP_SECRET_KEY
    from redes_desktop.sync.connect import SECRET_KEY

    assert set(TYPED_SECRETS) == {SMTP_SECRET_KEY, SECRET_KEY}


def test_state_names_the_store(data_dir, capsys, no_keyring):
    assert main(["secretos", "estado", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Secretos: bóveda cifrada local" in out and "se creará" in out
    assert not (data_dir / "secretos.boveda").exists()


def test_state_with_a_keyring(data_dir, capsys):
    assert main(["secretos", "estado", "--data-dir", str(data_dir)]) == 0
    assert "Secretos: llavero del sistema" in capsys.readouterr().out


def test_store_and_delete_through_the_vault(data_dir, capsys, monkeypatch, no_keyring):
    store = _vault(data_dir)
    monkeypatch.setenv(PASSPHRASE_ENV, PHRASE)
    _stdin(monkeypatch, "contraseña-del-correo\n")
    assert main(["secretos", "guardar", "smtp", "--data-dir", str(data_dir)]) == 0
    assert "bóveda cifrada local" in capsys.readouterr().out
    assert store.get("smtp") == "contraseña-del-correo"
    assert b"contrase" not in (data_dir / "secretos.boveda").read_bytes()
    assert main(["secretos", "borrar", "smtp", "--data-dir", str(data_dir)]) == 0
    assert store.get("smtp") is None


def test_without_passphrase_a_command_says_how_and_stores_nothing(data_dir, capsys, monkeypatch,
                                                                  no_keyring):
    _vault(data_dir)
    before = (data_dir / "secretos.boveda").read_bytes()
    _stdin(monkeypatch, "x\n")
    assert main(["secretos", "guardar", "smtp", "--data-dir", str(data_dir)]) == 6
    err = capsys.readouterr().err
    assert PASSPHRASE_ENV in err and "terminal" in err
    assert (data_dir / "secretos.boveda").read_bytes() == before


def test_wrong_passphrase_from_the_environment(data_dir, capsys, monkeypatch, no_keyring):
    _vault(data_dir)
    before = (data_dir / "secretos.boveda").read_bytes()
    monkeypatch.setenv(PASSPHRASE_ENV, "otra frase equivocada")
    _stdin(monkeypatch, "x\n")
    assert main(["secretos", "guardar", "smtp", "--data-dir", str(data_dir)]) == 6
    assert "no es correcta" in capsys.readouterr().err
    assert (data_dir / "secretos.boveda").read_bytes() == before


def test_damaged_vault_exit_9_naming_the_file(data_dir, capsys, no_keyring):
    vault = data_dir / "secretos.boveda"
    vault.write_bytes(b"no es una boveda")
    assert main(["secretos", "estado", "--data-dir", str(data_dir)]) == 9
    assert str(vault) in capsys.readouterr().err
    assert vault.read_bytes() == b"no es una boveda"


def test_readers_key_installed_into_the_vault(data_dir, capsys, monkeypatch, no_keyring):
    from redes_desktop.bitacora import crypto

    store = _vault(data_dir)
    monkeypatch.setenv(PASSPHRASE_ENV, PHRASE)
    key = crypto.encode_key(crypto.new_key())
    _stdin(monkeypatch, key + "\n")
    assert main(["--data-dir", str(data_dir), "bitacora", "clave-lectores", "--instalar"]) == 0
    assert "bóveda cifrada local" in capsys.readouterr().out
    assert store.get(crypto.READERS_KEY) == key
