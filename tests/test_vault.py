"""The local vault (issue 12): where no OS keyring answers, secrets go to an Argon2id +
AES-256-GCM file in the data folder — same interface, never plaintext, owner-only, atomic,
bound to its installation; wrong passphrases wait longer; bad files are named, never replaced."""

from __future__ import annotations

import json
import os
import shutil
import stat
import unicodedata

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from keyring.backends.null import Keyring as NullKeyring

from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore, SecretsUnavailable
from redes_desktop.vault import file as vault_file
from redes_desktop.vault.choice import (
    PASSPHRASE_ENV,
    SecretsOptions,
    TerminalOpener,
    choose_store,
    command_store,
)
from redes_desktop.vault.file import KdfParams, VaultError, WrongPassphrase
from redes_desktop.vault.passphrase import assess
from redes_desktop.vault.store import UnlockThrottle, VaultSecretStore

CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PHRASE = "tlacuache mezcal bicicleta nube"


class FakeTime:
    """A monotonic clock and a sleeper that only moves the clock."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def options(fake_time) -> SecretsOptions:
    return SecretsOptions(kdf=CHEAP, keyring_check=lambda: False,
                          throttle=lambda: UnlockThrottle(fake_time, fake_time.sleep),
                          environ={})


@pytest.fixture
def paths(data_dir) -> DataPaths:
    return DataPaths(data_dir)


def new_vault(paths: DataPaths, options: SecretsOptions, phrase: str = PHRASE):
    store = choose_store(paths, options)
    assert isinstance(store, VaultSecretStore)
    store.create(phrase)
    return store


def reopen(paths: DataPaths, options: SecretsOptions, phrase: str = PHRASE):
    store = choose_store(paths, options)
    store.unlock(phrase)
    return store


# -- choosing the store ------------------------------------------------------------------------
def test_keyring_when_it_answers_vault_when_not(paths, options):
    assert type(choose_store(paths, SecretsOptions())) is SecretStore  # the memory keyring
    keyring.set_keyring(FailKeyring())
    assert not SecretStore().available()
    assert isinstance(choose_store(paths, SecretsOptions(kdf=CHEAP)), VaultSecretStore)
    keyring.set_keyring(NullKeyring())  # it would drop every secret silently
    assert isinstance(choose_store(paths, SecretsOptions(kdf=CHEAP)), VaultSecretStore)


class BrokenKeyring(NullKeyring):
    """A backend that is chosen but cannot answer (no D-Bus session, a dismissed unlock)."""

    priority = 1

    def get_password(self, service, username):
        from keyring.errors import KeyringLocked

        raise KeyringLocked("locked")


def test_a_keyring_that_cannot_answer_is_not_used(paths):
    keyring.set_keyring(BrokenKeyring())
    assert not SecretStore().available()
    assert isinstance(choose_store(paths, SecretsOptions(kdf=CHEAP)), VaultSecretStore)


def test_creation_without_hard_links_still_refuses_to_replace(paths, options, monkeypatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(vault_file.os, "link", no_links)
    store = new_vault(paths, options)
    store.set("k", "v")
    before = paths.vault.read_bytes()
    with pytest.raises(VaultError, match="Ya existe"):
        VaultSecretStore(paths.vault, lambda create: "x", kdf=CHEAP).create("otra frase larga ya")
    assert paths.vault.read_bytes() == before
    assert reopen(paths, options).get("k") == "v"


def test_a_folder_with_a_vault_keeps_it_even_when_a_keyring_appears(paths, options):
    new_vault(paths, options)
    store = choose_store(paths, SecretsOptions(kdf=CHEAP))  # the memory keyring answers
    assert isinstance(store, VaultSecretStore)
    assert store.description == "bóveda cifrada local"
    assert SecretStore.description == "llavero del sistema"


def test_reading_from_a_folder_without_vault_asks_nothing_and_creates_nothing(paths, options):
    def opener(store, creating):
        raise AssertionError("no passphrase is needed to read nothing")

    store = choose_store(paths, options, opener)
    assert store.get("smtp") is None
    assert store.delete("smtp") is False
    assert not paths.vault.exists() and not paths.installation_id.exists()


# -- the vault as a secret store ----------------------------------------------------------------
def test_round_trip_and_reopen(paths, options):
    store = new_vault(paths, options)
    store.set("smtp", "contraseña-ñ 🗳️")
    store.set("cuenta:1", "x" * 2500)
    assert store.get("smtp") == "contraseña-ñ 🗳️"
    assert store.delete("cuenta:1") is True and store.delete("cuenta:1") is False
    again = reopen(paths, options)
    assert again.get("smtp") == "contraseña-ñ 🗳️" and again.get("cuenta:1") is None
    with pytest.raises(Exception, match="Windows"):
        again.set("k", "x" * 3000)  # the same limit as the keyring: stores stay swappable


def test_file_is_owner_only_and_holds_no_plaintext(paths, options):
    store = new_vault(paths, options)
    secret = "Ñandú-Sílaba-Árbol-47-Cigüeña"
    store.set("smtp-contrasena-del-correo", secret)
    assert stat.S_IMODE(paths.vault.stat().st_mode) == 0o600
    data = paths.vault.read_bytes()
    for needle in (secret, "smtp-contrasena-del-correo", PHRASE):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in data
    os.chmod(paths.vault, 0o644)  # widened by a copy or a careless chmod
    reopen(paths, options)
    assert stat.S_IMODE(paths.vault.stat().st_mode) == 0o600


def test_passphrase_is_compared_in_nfc(paths, options):
    nfc = unicodedata.normalize("NFC", "café atlántico pingüino ñandú")
    new_vault(paths, options, nfc).set("k", "v")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert reopen(paths, options, nfd).get("k") == "v"


def test_two_processes_do_not_overwrite_each_other(paths, options):
    window = new_vault(paths, options)
    window.set("bitacora-clave", "A")
    command = reopen(paths, options)  # e.g. `bitacora clave-lectores --instalar` meanwhile
    command.set("bitacora-lectores", "L")
    window.set("smtp", "S")  # the window's next write keeps what the command stored
    assert reopen(paths, options).get("bitacora-lectores") == "L"
    assert window.get("bitacora-lectores") == "L"
    command.delete("smtp")
    assert window.get("smtp") is None


# -- wrong passphrases --------------------------------------------------------------------------
def test_wrong_passphrase_waits_longer_each_time(paths, options, fake_time):
    new_vault(paths, options).set("k", "v")
    store = choose_store(paths, options)
    delays = []
    for _ in range(7):
        with pytest.raises(WrongPassphrase, match="no es correcta") as caught:
            store.unlock("otra frase cualquiera")
        assert caught.value.exit_code == 6
        delays.append(store.throttle.remaining())
    assert delays == [1, 2, 4, 8, 16, 30, 30]
    # Each new attempt first waited out the previous delay (the sleeper, not the test, slept).
    assert fake_time.slept == [1, 2, 4, 8, 16, 30]
    store.unlock(PHRASE)
    assert store.get("k") == "v" and store.throttle.failures == 0
    assert paths.vault.exists()  # nothing deleted, however many failures


# -- bad files ----------------------------------------------------------------------------------
def _edit_header(data: bytes, change) -> bytes:
    size = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12:12 + size])
    change(header)
    raw = json.dumps(header).encode()
    return data[:8] + len(raw).to_bytes(4, "big") + raw + data[12 + size:]


def _flip_last(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1])


DAMAGES = {
    "vacía": lambda d: b"",
    "truncada": lambda d: d[: len(d) // 2],
    "otro formato": lambda d: b"SQLite format 3\x00" + d[16:],
    "encabezado ilegible": lambda d: d[:12] + b"[" + d[13:],
    "contenido alterado": _flip_last,
    "memoria imposible": lambda d: _edit_header(d, lambda h: h["kdf"].update(m_kib=1 << 40)),
    "sal ilegible": lambda d: _edit_header(d, lambda h: h["kdf"].update(sal="%%%")),
    "nonce cambiado": lambda d: _edit_header(d, lambda h: h.update(nonce="AAAAAAAAAAAAAAAA")),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_vault_is_named_and_left_alone(paths, options, damage):
    new_vault(paths, options).set("smtp", "s3creto")
    damaged = DAMAGES[damage](paths.vault.read_bytes())
    paths.vault.write_bytes(damaged)
    before = sorted(p.name for p in paths.root.iterdir())
    store = choose_store(paths, options)
    with pytest.raises(VaultError) as caught:
        store.unlock(PHRASE)
    assert str(paths.vault) in caught.value.message
    assert caught.value.exit_code == 9
    assert paths.vault.read_bytes() == damaged
    assert sorted(p.name for p in paths.root.iterdir()) == before
    # A write never replaces it with a fresh vault (a damage only the key can see leaves the
    # store closed: the person is asked again, and the file is still not touched).
    with pytest.raises((VaultError, SecretsUnavailable)):
        store.set("smtp", "otro")
    assert paths.vault.read_bytes() == damaged


def test_newer_format_says_update_the_program(paths, options):
    new_vault(paths, options)
    paths.vault.write_bytes(_edit_header(paths.vault.read_bytes(),
                                         lambda h: h.update(formato=2)))
    with pytest.raises(VaultError, match="Actualice el programa"):
        choose_store(paths, options).unlock(PHRASE)


def test_vault_from_another_installation_is_recognised(tmp_path, options):
    home, other = DataPaths(tmp_path / "casa"), DataPaths(tmp_path / "otra")
    home.root.mkdir()
    other.root.mkdir()
    new_vault(other, options).set("smtp", "de la otra")
    new_vault(home, options).set("smtp", "de aquí")
    mine = home.vault.read_bytes()
    shutil.copy(other.vault, home.vault)  # copied over this installation's vault
    copied = home.vault.read_bytes()
    with pytest.raises(VaultError, match="otra instalación") as caught:
        choose_store(home, options).unlock(PHRASE)
    assert str(home.vault) in caught.value.message and caught.value.exit_code == 9
    assert home.vault.read_bytes() == copied != mine
    # A copied vault in a folder with no installation of its own is not adopted either.
    fresh = DataPaths(tmp_path / "nueva")
    fresh.root.mkdir()
    shutil.copy(other.vault, fresh.vault)
    with pytest.raises(VaultError, match="otra instalación"):
        choose_store(fresh, options).inspect()
    assert not fresh.installation_id.exists()


def test_installation_id_cannot_be_swapped_inside_the_vault(paths, options, tmp_path):
    """The header is authenticated: rewriting its installation id to match does not help."""
    other = DataPaths(tmp_path / "otra")
    other.root.mkdir()
    new_vault(other, options).set("smtp", "x")
    new_vault(paths, options)
    mine = paths.installation_id.read_text().strip()
    forged = _edit_header(other.vault.read_bytes(), lambda h: h.update(instalacion=mine))
    paths.vault.write_bytes(forged)
    with pytest.raises(VaultError, match="alterado"):
        choose_store(paths, options).unlock(PHRASE)
    assert paths.vault.read_bytes() == forged


def test_damaged_installation_id_never_creates_a_vault(paths, options):
    paths.installation_id.write_text("no es un uuid")
    with pytest.raises(VaultError, match="instalacion.id"):
        choose_store(paths, options).create(PHRASE)
    assert not paths.vault.exists()
    assert paths.installation_id.read_text() == "no es un uuid"


def test_create_never_replaces_an_existing_vault(paths, options):
    store = new_vault(paths, options)
    store.set("k", "v")
    before = paths.vault.read_bytes()
    with pytest.raises(VaultError, match="Ya existe"):
        VaultSecretStore(paths.vault, lambda create: "x", kdf=CHEAP).create("otra frase larga ya")
    assert paths.vault.read_bytes() == before


def test_vault_removed_while_in_use_is_not_silently_recreated(paths, options):
    store = new_vault(paths, options)
    store.set("k", "v")
    paths.vault.rename(paths.root / "apartada.boveda")
    with pytest.raises(VaultError, match="desapareció"):
        store.set("k2", "v2")
    assert not paths.vault.exists()


# -- crashes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("fault", ["fsync", "replace"])
def test_a_failed_save_leaves_the_old_vault_whole(paths, options, monkeypatch, fault):
    store = new_vault(paths, options)
    store.set("k", "viejo")
    before = paths.vault.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vault_file.os, fault, boom)
    with pytest.raises(SecretsUnavailable, match="quedó intacta"):
        store.set("k", "nuevo")
    monkeypatch.undo()
    assert paths.vault.read_bytes() == before
    assert store.get("k") == "viejo"  # memory follows the file, not the failed write
    assert reopen(paths, options).get("k") == "viejo"
    assert [p.name for p in paths.root.iterdir() if p.name.endswith(".tmp")] == []


# -- passphrases --------------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, ok", [
    ("", False), ("corta", False), ("123456789012", False), ("ineineineine", False),
    ("Instituto Nacional Electoral", False), (PHRASE, True),
    ("jacaranda pirámide tamal cometa", True),
])
def test_passphrase_rules(phrase, ok):
    assert assess(phrase).acceptable is ok


# -- the command line's opener ------------------------------------------------------------------
def test_environment_variable_opens_and_creates(paths, options):
    env = SecretsOptions(kdf=CHEAP, keyring_check=lambda: False,
                         environ={PASSPHRASE_ENV: PHRASE})
    first = choose_store(paths, env, TerminalOpener(env, interactive=lambda: False))
    first.set("smtp", "x")  # the first write creates the vault with that passphrase
    again = choose_store(paths, env, TerminalOpener(env, interactive=lambda: False))
    assert again.get("smtp") == "x"
    weak = SecretsOptions(kdf=CHEAP, keyring_check=lambda: False,
                          environ={PASSPHRASE_ENV: "123"})
    other = DataPaths(paths.root / "otra")
    other.root.mkdir()
    with pytest.raises(SecretsUnavailable, match="no sirve para crear"):
        choose_store(other, weak, TerminalOpener(weak)).set("smtp", "x")
    assert not other.vault.exists()


def test_without_terminal_or_variable_a_spanish_error_says_how(paths, options):
    new_vault(paths, options).set("smtp", "x")
    store = choose_store(paths, options, TerminalOpener(options, interactive=lambda: False))
    with pytest.raises(SecretsUnavailable, match=PASSPHRASE_ENV) as caught:
        store.get("smtp")
    assert str(paths.vault) in caught.value.message and caught.value.exit_code == 6


def test_terminal_asks_three_times_with_delays(paths, options, fake_time, capsys):
    new_vault(paths, options).set("smtp", "x")
    answers = iter(["mal uno", "mal dos", PHRASE])
    store = choose_store(paths, options, TerminalOpener(
        options, interactive=lambda: True, getpass=lambda prompt: next(answers)))
    assert store.get("smtp") == "x"
    assert fake_time.slept == [1, 2]
    assert capsys.readouterr().err.count("no es correcta") == 2
    answers = iter(["a", "b", "c"])
    locked = choose_store(paths, options, TerminalOpener(
        options, interactive=lambda: True, getpass=lambda prompt: next(answers)))
    with pytest.raises(WrongPassphrase, match="3 intentos"):
        locked.get("smtp")


def test_terminal_creation_checks_strength_and_confirmation(paths, options, capsys):
    answers = iter(["corta", PHRASE, "otra cosa", PHRASE, PHRASE])
    store = choose_store(paths, options, TerminalOpener(
        options, interactive=lambda: True, getpass=lambda prompt: next(answers)))
    store.set("smtp", "x")
    err = capsys.readouterr().err
    assert "al menos 12" in err and "no coinciden" in err
    assert reopen(paths, options).get("smtp") == "x"


def test_command_store_uses_the_keyring_when_there_is_one(data_dir, memory_keyring):
    command_store(data_dir).set("smtp", "x")
    assert memory_keyring.store[("redes-desktop", "smtp")] == "x"
    assert not DataPaths(data_dir).vault.exists()


def test_bitacora_names_the_vault_when_its_key_is_missing(paths, options):
    """A new vault (the old one moved aside after a lost passphrase) does not start a second
    bitácora: the message names the vault, not a keyring this machine does not have."""
    from redes_desktop.bitacora import open_bitacora
    from redes_desktop.bitacora.crypto import BitacoraKeyError
    from redes_desktop.clock import system_clock

    open_bitacora(paths, new_vault(paths, options), None, system_clock).close()
    paths.vault.rename(paths.root / "apartada.boveda")
    with pytest.raises(BitacoraKeyError, match="no está en la bóveda cifrada local"):
        open_bitacora(paths, new_vault(paths, options, "otra frase nueva de acceso"), None,
                      system_clock)
