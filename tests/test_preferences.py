"""Preferences without Qt (issue 14): validation, where each value is stored, the live tests
(a real SMTP server, the real PostgreSQL) and the readers key."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from redes_desktop.actions import preferences as prefs
from redes_desktop.actions import preferences_dictionary as dictionary
from redes_desktop.bitacora import crypto
from redes_desktop.errors import PermissionDenied, UserFacingError, ValidationError
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.mail import SMTP_SECRET_KEY
from redes_desktop.settings import SettingsStore
from redes_desktop.sync.connect import SECRET_KEY as SHARED_KEY
from redes_desktop.workspace import open_workspace
from tests.conftest import POSTGRES_URL


@pytest.fixture
def workspace(data_dir, clock):
    ws = open_workspace(data_dir, clock=clock)
    yield ws
    ws.close()


def _stored(data_dir) -> dict:
    return json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))


# -- mail -----------------------------------------------------------------------------------
def test_mail_settings_go_to_settings_and_password_to_the_secret_store(
        workspace, data_dir, memory_keyring):
    form = prefs.MailForm(host="smtp.ine.mx", port=465, security="ssl", user="redes",
                          sender="Redes INE <redes@ine.mx>", password="Contraseña-SMTP-99",
                          addresses={"cncs_email": " cncs@ine.mx "})
    prefs.apply_mail(workspace, SecretStore(), form)
    stored = _stored(data_dir)
    assert stored["smtp_host"] == "smtp.ine.mx" and stored["smtp_port"] == 465
    assert stored["smtp_security"] == "ssl" and stored["cncs_email"] == "cncs@ine.mx"
    assert memory_keyring.store[("redes-desktop", SMTP_SECRET_KEY)] == "Contraseña-SMTP-99"
    assert "Contraseña-SMTP-99" not in (data_dir / "settings.json").read_text(encoding="utf-8")
    # None keeps the password, "" deletes it.
    prefs.apply_mail(workspace, SecretStore(), prefs.MailForm.of(workspace.settings))
    assert prefs.mail_password_stored(SecretStore())
    prefs.apply_mail(workspace, SecretStore(),
                     prefs.MailForm(host="smtp.ine.mx", password=""))
    assert not prefs.mail_password_stored(SecretStore())


@pytest.mark.parametrize("change, field", [
    ({"host": "smtp ine.mx"}, "host"),
    ({"port": 0}, "port"),
    ({"port": 70000}, "port"),
    ({"security": "tls"}, "security"),
    ({"user": "a b"}, "user"),
    ({"sender": "no es correo"}, "sender"),
    ({"addresses": {"unicom_email": "unicom@"}}, "unicom_email"),
    ({"addresses": {"cncs_email": ""}}, "cncs_email"),
])
def test_a_bad_mail_field_stores_nothing(workspace, data_dir, memory_keyring, change, field):
    before = workspace.settings.smtp_host
    form = prefs.MailForm(host="smtp.ine.mx", password="secreta")
    for key, value in change.items():
        setattr(form, key, value)
    with pytest.raises(ValidationError) as caught:
        prefs.apply_mail(workspace, SecretStore(), form)
    assert caught.value.field == field
    assert workspace.settings.smtp_host == before
    assert memory_keyring.store == {}
    assert not (data_dir / "settings.json").exists()


def test_test_mail_reaches_the_smtp_server_with_the_typed_values(smtp_server, memory_keyring):
    host, port, inbox = smtp_server
    form = prefs.MailForm(host=host, port=port, security="none", sender="redes@ine.mx")
    message = prefs.send_test_mail(form, SecretStore(), "titular@ine.mx")
    assert "titular@ine.mx" in message
    [mail] = inbox.messages
    assert mail["To"] == "titular@ine.mx" and "prueba" in mail["Subject"]


def test_test_mail_to_a_closed_port_says_why(memory_keyring):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    form = prefs.MailForm(host="127.0.0.1", port=port, security="none")
    with pytest.raises(UserFacingError, match="No se pudo conectar con el servidor de correo"):
        prefs.send_test_mail(form, SecretStore(), "titular@ine.mx")


def test_test_mail_without_server_or_recipient_is_refused(memory_keyring):
    with pytest.raises(ValidationError, match="servidor de correo"):
        prefs.send_test_mail(prefs.MailForm(), SecretStore(), "a@ine.mx")
    with pytest.raises(ValidationError):
        prefs.send_test_mail(prefs.MailForm(host="smtp.ine.mx"), SecretStore(), "nadie")


# -- shared database ------------------------------------------------------------------------
def test_password_in_the_shared_address_moves_to_the_secret_store(
        workspace, data_dir, memory_keyring):
    form = prefs.SharedForm(url="postgresql://redes:Clave-Compartida-7@db.ine.mx/redes",
                            interval_seconds=120)
    clean = prefs.apply_shared(workspace, SecretStore(), form)
    assert clean.url == "postgresql://redes@db.ine.mx/redes"
    stored = _stored(data_dir)
    assert stored["shared_database_url"] == "postgresql://redes@db.ine.mx/redes"
    assert stored["sync_interval_seconds"] == 120
    assert "Clave-Compartida-7" not in (data_dir / "settings.json").read_text(encoding="utf-8")
    assert memory_keyring.store[("redes-desktop", SHARED_KEY)] == "Clave-Compartida-7"


@pytest.mark.parametrize("form, field", [
    (prefs.SharedForm(url="sqlite:///x.db"), "url"),
    (prefs.SharedForm(url="mysql://a@b/c"), "url"),
    (prefs.SharedForm(url="no es una dirección"), "url"),
    (prefs.SharedForm(url="postgresql://a@b/c", interval_seconds=5), "interval"),
    (prefs.SharedForm(url="postgresql://a@b/c", interval_seconds=10**9), "interval"),
])
def test_a_bad_shared_form_stores_nothing(workspace, data_dir, memory_keyring, form, field):
    with pytest.raises(ValidationError) as caught:
        prefs.apply_shared(workspace, SecretStore(), form)
    assert caught.value.field == field
    assert not (data_dir / "settings.json").exists()
    assert memory_keyring.store == {}


def test_probar_conexion_against_the_real_postgresql(memory_keyring, postgres_engine):
    message = prefs.test_shared_connection(prefs.SharedForm(url=POSTGRES_URL), SecretStore())
    assert message.startswith("Conexión correcta") and "PostgreSQL" in message


def test_probar_conexion_refused_by_the_server_says_so(memory_keyring, postgres_engine):
    # The test server trusts local connections (no password is checked): a database that does
    # not exist stands in for the refusal, which must come back as a Spanish message.
    bad = POSTGRES_URL.rsplit("/", 1)[0] + "/no_existe_" + uuid.uuid4().hex[:6]
    with pytest.raises(UserFacingError, match="No se pudo conectar con la base compartida"):
        prefs.test_shared_connection(prefs.SharedForm(url=bad, password="escrita-sin-guardar"),
                                     SecretStore())
    assert memory_keyring.store == {}  # a typed password is used for the test, not stored


def test_probar_conexion_to_a_closed_port_is_a_spanish_message(memory_keyring):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(UserFacingError, match="No se pudo conectar con la base compartida"):
        prefs.test_shared_connection(
            prefs.SharedForm(url=f"postgresql+psycopg://root@127.0.0.1:{port}/test"),
            SecretStore())


# -- LanguageTool, sites, contacts -------------------------------------------------------------
def test_languagetool_address_is_validated_and_stored(workspace, data_dir):
    prefs.apply_languagetool(workspace, " http://127.0.0.1:8081/ ")
    assert _stored(data_dir)["languagetool_url"] == "http://127.0.0.1:8081"
    for bad in ("ftp://x", "servidor:8081", "http://:80", "http://x:99999"):
        with pytest.raises(ValidationError):
            prefs.apply_languagetool(workspace, bad)
    assert _stored(data_dir)["languagetool_url"] == "http://127.0.0.1:8081"


def test_languagetool_probe_of_a_dead_server_is_a_spanish_message():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(UserFacingError, match="Revise la dirección"):
        prefs.test_languagetool(f"http://127.0.0.1:{port}", timeout_s=2.0)


def test_official_domains_are_normalised_and_bad_ones_refused(workspace, data_dir):
    clean = prefs.apply_official_domains(
        workspace, ["https://www.INE.mx/voto", "ine.mx", "", "centralelectoral.ine.mx"])
    assert clean == ["ine.mx", "centralelectoral.ine.mx"]
    assert _stored(data_dir)["official_domains"] == clean
    with pytest.raises(ValidationError):
        prefs.apply_official_domains(workspace, ["ine.mx", "no es dominio"])
    assert workspace.settings.official_domains == clean


def test_area_contacts_round_trip_and_feed_the_personal_data_check(workspace, data_dir):
    from redes_desktop.checks.area_contacts import contacts_for_area

    area = str(uuid.uuid4())
    contacts = prefs.AreaContacts(phones=["55 5628 4200 ext. 1234", ""],
                                  emails=["junta.jal@ine.mx"],
                                  addresses=["Viaducto Tlalpan 100, Arenal Tepepan"])
    prefs.apply_area_contacts(workspace, area, contacts)
    found = contacts_for_area(SettingsStore(data_dir / "settings.json").load().area_contacts,
                              area)
    assert found.phones == ("55 5628 4200 ext. 1234",) and found.emails == ("junta.jal@ine.mx",)
    assert prefs.area_contacts_of(workspace.settings, area).addresses == [
        "Viaducto Tlalpan 100, Arenal Tepepan"]
    with pytest.raises(ValidationError):
        prefs.apply_area_contacts(workspace, area, prefs.AreaContacts(phones=["12"]))
    with pytest.raises(ValidationError):
        prefs.apply_area_contacts(workspace, area, prefs.AreaContacts(emails=["x@"]))
    assert prefs.area_contacts_of(workspace.settings, area).phones == ["55 5628 4200 ext. 1234"]
    prefs.apply_area_contacts(workspace, area, prefs.AreaContacts())
    assert area not in workspace.settings.area_contacts


# -- dictionary -------------------------------------------------------------------------------
def test_dictionary_add_remove_import(workspace, tmp_path):
    from redes_desktop.ui.composer.engine_factory import DICTIONARY_FILE

    assert dictionary.DICTIONARY_FILE == DICTIONARY_FILE  # the file the composer reads
    assert dictionary.add_word(workspace, " Consejería ") == ["Consejería"]
    assert dictionary.add_word(workspace, "PREP") == ["Consejería", "PREP"]
    assert dictionary.remove_word(workspace, "Consejería") == ["PREP"]
    source = tmp_path / "lista.txt"
    source.write_text("\ufeffINE\n# comentario\nPREP\n12345\nsindicatura\n", encoding="utf-8")
    added, refused = dictionary.import_words(workspace, source)
    assert (added, refused) == (2, ["12345"])
    assert dictionary.read_words(workspace) == ["PREP", "INE", "sindicatura"]
    for bad in ("", "#x", "a\nb"):
        with pytest.raises(ValidationError):
            dictionary.add_word(workspace, bad)


def test_importing_a_binary_file_imports_nothing(workspace, tmp_path):
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    with pytest.raises(UserFacingError, match="UTF-8"):
        dictionary.import_words(workspace, source)
    assert dictionary.read_words(workspace) == []


# -- readers key ------------------------------------------------------------------------------
class _Who:
    def __init__(self, reviewer: bool) -> None:
        self.is_reviewer = reviewer


def test_only_cncs_creates_the_readers_key(memory_keyring):
    secrets = SecretStore()
    with pytest.raises(PermissionDenied):
        prefs.create_readers_key(secrets, _Who(False))
    assert not prefs.readers_key_installed(secrets)
    key = prefs.create_readers_key(secrets, _Who(True))
    assert prefs.readers_key_installed(secrets)
    assert crypto.decode_key(key, "clave") and secrets.get(crypto.READERS_KEY) == key
    with pytest.raises(UserFacingError, match="ya tiene"):
        prefs.create_readers_key(secrets, _Who(True))


def test_install_readers_key_from_a_file(memory_keyring, tmp_path):
    secrets = SecretStore()
    bad = tmp_path / "mala.txt"
    bad.write_text("no es una clave\n", encoding="utf-8")
    with pytest.raises(UserFacingError, match="no contiene una clave"):
        prefs.install_readers_key(secrets, bad)
    assert not prefs.readers_key_installed(secrets)
    good = tmp_path / "clave.txt"
    key = crypto.encode_key(crypto.new_key())
    good.write_text(key + "\n", encoding="utf-8")
    assert "instalada" in prefs.install_readers_key(secrets, good)
    assert secrets.get(crypto.READERS_KEY) == key
    other = tmp_path / "otra.txt"
    other.write_text(crypto.encode_key(crypto.new_key()), encoding="utf-8")
    with pytest.raises(UserFacingError, match="otra clave"):
        prefs.install_readers_key(secrets, other)
    assert secrets.get(crypto.READERS_KEY) == key
    with pytest.raises(UserFacingError, match="No se pudo leer"):
        prefs.install_readers_key(secrets, tmp_path / "no-existe.txt")


COMMAND_IN_TEXT = r"«redes-desktop |--instalar|«(?:organizacion|bitacora|secretos|sync|shared-db) "


def test_no_message_outside_the_command_line_asks_to_type_a_command():
    """Issue 14: the window's messages lead to Preferencias or to a button, never to
    «redes-desktop …». Allowed: the command line's own modules, and the two messages meant for
    someone at a terminal (the shared database's administrator; `demo --force`)."""
    import ast
    from pathlib import Path

    import redes_desktop

    root = Path(redes_desktop.__file__).parent
    allowed = {"sync/engine.py", "services/demo.py"}
    found = []
    for path in root.rglob("*.py"):
        name = path.relative_to(root).as_posix()
        if name.startswith(("commands/", "migrations/")) or name == "cli.py" or name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and re.search(COMMAND_IN_TEXT, node.value)):
                found.append(f"{name}:{node.lineno}")
    assert found == []
