"""Preferences (issue 14): validate, store and test each setting, without Qt.

Every setting goes where it belongs: plain values in `settings.json` (`Workspace.settings`),
passwords only in the secret store (`SecretStore`: the keyring or the local vault). A form is
validated whole before anything is stored, so a bad field changes nothing. Each `apply_*` saves
the settings file at once: the rest of the program reads the settings when it needs them
(mail, checks, sync), so a change takes effect without a restart.

The checks (test mail, test connection, LanguageTool probe) talk to the network and may take
seconds: the window runs them off the UI thread. They raise `UserFacingError` with a Spanish
reason, or return a Spanish success sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from redes_desktop.errors import PermissionDenied, UserFacingError, ValidationError
from redes_desktop.secrets_store import SecretStore
from redes_desktop.settings import Settings
from redes_desktop.workspace import Workspace

SMTP_SECURITIES = ("starttls", "ssl", "none")
MIN_SYNC_INTERVAL_S = 10
MAX_SYNC_INTERVAL_S = 24 * 3600
_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
# The institution's addresses, in the order the dialog shows them: (settings field, label).
INSTITUTION_ADDRESSES = (
    ("cncs_email", "Coordinación Nacional de Comunicación Social (CNCS)"),
    ("unicom_email", "Unidad Técnica de Servicios de Informática (UNICOM)"),
    ("comite_presidente_email", "Presidencia del Comité de Gestión"),
    ("comite_secretario_email", "Secretaría Técnica del Comité de Gestión"),
)


def check_email(text: str, what: str, field_name: str | None = None) -> str:
    value = text.strip()
    if not _EMAIL.match(value):
        raise ValidationError(
            f"«{value or '(vacío)'}» no es una dirección de correo válida para {what}. "
            "Escríbala como nombre@dominio.mx.", field=field_name)
    return value


# -- mail ---------------------------------------------------------------------------------------
@dataclass
class MailForm:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""
    # None: keep the stored password; "": delete it; anything else: store it.
    password: str | None = None
    addresses: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, settings: Settings) -> MailForm:
        return cls(host=settings.smtp_host, port=settings.smtp_port,
                   security=settings.smtp_security, user=settings.smtp_user,
                   sender=settings.smtp_sender,
                   addresses={name: getattr(settings, name) for name, _ in INSTITUTION_ADDRESSES})


def validate_mail(form: MailForm) -> MailForm:
    """The form cleaned, or ValidationError naming the first bad field."""
    host = form.host.strip()
    if host and not _HOST.match(host):
        raise ValidationError(f"«{host}» no es un nombre de servidor de correo válido. "
                              "Escriba solo el nombre, p. ej. smtp.ine.mx.", field="host")
    if not isinstance(form.port, int) or not 1 <= form.port <= 65535:
        raise ValidationError("El puerto del servidor de correo va de 1 a 65535 (lo usual: "
                              "587 con STARTTLS, 465 con SSL).", field="port")
    if form.security not in SMTP_SECURITIES:
        raise ValidationError("Elija la seguridad del correo: STARTTLS, SSL o ninguna.",
                              field="security")
    user = form.user.strip()
    if any(ch.isspace() for ch in user):
        raise ValidationError("El usuario del correo no puede llevar espacios.", field="user")
    sender = form.sender.strip()
    if sender:
        bare = re.search(r"<([^<>]*)>\s*$", sender)
        check_email(bare.group(1) if bare else sender, "el remitente", "sender")
    if form.password is not None and "\n" in form.password:
        raise ValidationError("La contraseña del correo no puede tener saltos de línea.",
                              field="password")
    addresses = {}
    for name, label in INSTITUTION_ADDRESSES:
        if name in form.addresses:
            addresses[name] = check_email(form.addresses[name], label, name)
    return MailForm(host=host, port=form.port, security=form.security, user=user,
                    sender=sender, password=form.password, addresses=addresses)


def apply_mail(workspace: Workspace, secrets: SecretStore, form: MailForm) -> None:
    from redes_desktop.services.mail import SMTP_SECRET_KEY

    clean = validate_mail(form)
    _store_password(secrets, SMTP_SECRET_KEY, clean.password)
    settings = workspace.settings
    settings.smtp_host, settings.smtp_port = clean.host, clean.port
    settings.smtp_security, settings.smtp_user = clean.security, clean.user
    settings.smtp_sender = clean.sender
    for name, value in clean.addresses.items():
        setattr(settings, name, value)
    workspace.save_settings()


def forget_mail_password(secrets: SecretStore) -> None:
    """Remove the SMTP password from the secret store (the next send asks for none)."""
    from redes_desktop.services.mail import SMTP_SECRET_KEY

    secrets.delete(SMTP_SECRET_KEY)


def mail_password_stored(secrets: SecretStore) -> bool:
    from redes_desktop.services.mail import SMTP_SECRET_KEY

    return secrets.get(SMTP_SECRET_KEY) is not None


def send_test_mail(form: MailForm, secrets: SecretStore, to: str) -> str:
    """Send one short mail with the form's values (stored or not yet); the typed password, if
    any, is used without being stored."""
    from redes_desktop.models import OutgoingMail
    from redes_desktop.services.mail import SMTP_SECRET_KEY, MailConfig, SmtpMailer

    clean = validate_mail(form)
    recipient = check_email(to, "la prueba", "to")
    if not clean.host:
        raise ValidationError("Escriba el servidor de correo (SMTP) antes de probarlo.",
                              field="host")
    config = MailConfig(host=clean.host, port=clean.port, security=clean.security,
                        user=clean.user, sender=clean.sender or clean.user)
    store = _Overlay(secrets, SMTP_SECRET_KEY, clean.password)
    mail = OutgoingMail(recipients=[recipient], subject="Redes INE: correo de prueba",
                        body="Este es un correo de prueba enviado desde Preferencias de Redes "
                             "INE. Si lo recibió, el correo del programa está bien configurado.",
                        attachments=[])
    SmtpMailer(config, store).send(mail)
    return f"Se envió un correo de prueba a {recipient}. Revise que haya llegado."


# -- shared database --------------------------------------------------------------------------
@dataclass
class SharedForm:
    url: str = ""
    password: str | None = None  # None: keep; "": delete; else store
    interval_seconds: int = 60
    # The login (database role) the workstation syncs with; None or "": the one in `url`.
    login: str | None = None

    @classmethod
    def of(cls, settings: Settings) -> SharedForm:
        """The stored address split for the form: the address without its login, the login."""
        url, login = settings.shared_database_url, ""
        if url:
            try:
                from sqlalchemy.engine import make_url

                parsed = make_url(url)
                login = parsed.username or ""
                url = parsed._replace(username=None).render_as_string(hide_password=False)
            except Exception:  # an unreadable address is shown as it is, to be corrected
                url, login = settings.shared_database_url, ""
        return cls(url=url, interval_seconds=settings.sync_interval_seconds, login=login)


def validate_shared(form: SharedForm) -> SharedForm:
    """The form cleaned: a password written inside the address is taken out of it and kept as
    the password to store (the address in the settings never carries one)."""
    from sqlalchemy.engine import URL, make_url

    from redes_desktop.sync.connect import shared_engine

    interval = form.interval_seconds
    if not isinstance(interval, int) or not MIN_SYNC_INTERVAL_S <= interval <= MAX_SYNC_INTERVAL_S:
        raise ValidationError(
            f"El intervalo de sincronización va de {MIN_SYNC_INTERVAL_S} segundos a 24 horas.",
            field="interval")
    url, password = form.url.strip(), form.password
    if not url:
        return SharedForm(url="", password=password, interval_seconds=interval)
    try:
        shared_engine(url, None).dispose()  # parses and checks the driver; does not connect
    except UserFacingError as error:
        raise ValidationError(error.message, field="url") from error
    parsed = make_url(url)
    username = parsed.username
    if form.login is not None:
        login = form.login.strip()
        if any(c.isspace() for c in login) or len(login) > 63:
            raise ValidationError(
                f"«{login}» no es un usuario de base de datos válido: sin espacios y de hasta "
                "63 caracteres.", field="login")
        username = login or username
    if parsed.password is not None:
        password = password or str(parsed.password)
    # URL.set(password=None) keeps the password: build the address without it.
    url = URL.create(parsed.drivername, username, None, parsed.host, parsed.port,
                     parsed.database, parsed.query).render_as_string(hide_password=False)
    return SharedForm(url=url, password=password, interval_seconds=interval,
                      login=username or "")


def apply_shared(workspace: Workspace, secrets: SecretStore, form: SharedForm) -> SharedForm:
    from redes_desktop.sync.connect import SECRET_KEY

    clean = validate_shared(form)
    _store_password(secrets, SECRET_KEY, clean.password)
    workspace.settings.shared_database_url = clean.url
    workspace.settings.sync_interval_seconds = clean.interval_seconds
    workspace.save_settings()
    return clean


def shared_password_stored(secrets: SecretStore) -> bool:
    from redes_desktop.sync.connect import SECRET_KEY

    return secrets.get(SECRET_KEY) is not None


def test_shared_connection(form: SharedForm, secrets: SecretStore) -> str:
    """Connect with the form's values and ask the server for its version."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from redes_desktop.sync.connect import SECRET_KEY, shared_engine, shown_url

    clean = validate_shared(form)
    if not clean.url:
        raise ValidationError("Escriba la dirección de la base compartida antes de probarla.",
                              field="url")
    engine = shared_engine(clean.url, _Overlay(secrets, SECRET_KEY, clean.password))
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise UserFacingError(
            f"No se pudo conectar con la base compartida «{shown_url(clean.url)}»: {reason}. "
            "Revise la dirección, el usuario y la contraseña, y que el servidor acepte "
            "conexiones desde esta estación.") from error
    finally:
        engine.dispose()
    return f"Conexión correcta con la base compartida (PostgreSQL {version})."


# -- secrets ------------------------------------------------------------------------------------
def _store_password(secrets: SecretStore, key: str, password: str | None) -> None:
    if password is None:
        return
    if password == "":
        secrets.delete(key)
    else:
        secrets.set(key, password)


class _Overlay(SecretStore):
    """The secret store with one key answered from a typed value not yet stored."""

    def __init__(self, inner: SecretStore, key: str, value: str | None) -> None:
        self.inner, self.key, self.value = inner, key, value
        self.description, self.location = inner.description, inner.location

    def get(self, key: str) -> str | None:
        if key == self.key and self.value is not None:
            return self.value or None
        return self.inner.get(key)

    def set(self, key: str, secret: str) -> None:
        self.inner.set(key, secret)

    def delete(self, key: str) -> bool:
        return self.inner.delete(key)


# -- LanguageTool -------------------------------------------------------------------------------
def validate_languagetool_url(url: str) -> str:
    value = url.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"«{value}» no es la dirección de un servidor LanguageTool. Escríbala como "
            "http://servidor:8081.", field="languagetool_url")
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as error:
        raise ValidationError(f"El puerto de «{value}» no es válido.",
                              field="languagetool_url") from error
    return value


def apply_languagetool(workspace: Workspace, url: str) -> None:
    workspace.settings.languagetool_url = validate_languagetool_url(url)
    workspace.save_settings()


def test_languagetool(url: str, timeout_s: float = 5.0) -> str:
    from redes_desktop.checks.languagetool import LanguageToolClient

    value = validate_languagetool_url(url)
    if not value:
        raise ValidationError("Escriba la dirección del servidor LanguageTool antes de probarla.",
                              field="languagetool_url")
    status = LanguageToolClient(value, timeout_s=timeout_s).probe()
    if status is not None:
        raise UserFacingError(f"{status}. Revise la dirección y que el servidor esté encendido.")
    return f"LanguageTool responde en {value}."


# -- official sites (6.vi, 6.ix) ----------------------------------------------------------------
def normalize_domain(text: str) -> str:
    value = text.strip().lower()
    if "://" in value:
        value = urlsplit(value).hostname or ""
    value = value.split("/")[0].removeprefix("www.").strip(".")
    if not _DOMAIN.match(value):
        raise ValidationError(
            f"«{text.strip()}» no es un dominio. Escriba solo el dominio, p. ej. ine.mx.",
            field="official_domains")
    return value


def apply_official_domains(workspace: Workspace, domains: list[str]) -> list[str]:
    clean: list[str] = []
    for text in domains:
        if text.strip():
            domain = normalize_domain(text)
            if domain not in clean:
                clean.append(domain)
    workspace.settings.official_domains = clean
    workspace.save_settings()
    return clean


# -- institutional contacts of each area (6.iii) ------------------------------------------------
@dataclass
class AreaContacts:
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)


def area_contacts_of(settings: Settings, area_id: str) -> AreaContacts:
    from redes_desktop.checks.area_contacts import contacts_for_area

    found = contacts_for_area(settings.area_contacts, area_id)
    return AreaContacts(list(found.phones), list(found.emails), list(found.addresses))


def apply_area_contacts(workspace: Workspace, area_id: str, contacts: AreaContacts) -> None:
    from redes_desktop.checks.area_contacts import MAX_ENTRIES

    phones, emails, addresses = [], [], []
    for phone in _lines(contacts.phones):
        if len(re.sub(r"\D", "", phone)) < 7 or re.search(r"[^\d\s()+.\-extEXT]", phone):
            raise ValidationError(f"«{phone}» no es un número de teléfono (escriba al menos "
                                  "7 dígitos; se admiten espacios, guiones y «ext.»).",
                                  field="phones")
        phones.append(phone)
    for email in _lines(contacts.emails):
        emails.append(check_email(email, "el área", "emails"))
    for address in _lines(contacts.addresses):
        if len(address) < 10:
            raise ValidationError(f"«{address}» es muy corto para un domicilio: escríbalo "
                                  "completo (calle, número, colonia).", field="addresses")
        addresses.append(address)
    if max(len(phones), len(emails), len(addresses)) > MAX_ENTRIES:
        raise ValidationError(f"Cada lista admite a lo más {MAX_ENTRIES} datos por área.")
    table = dict(workspace.settings.area_contacts)
    if phones or emails or addresses:
        table[str(area_id)] = {"phones": phones, "emails": emails, "addresses": addresses}
    else:
        table.pop(str(area_id), None)
    workspace.settings.area_contacts = table
    workspace.save_settings()


def _lines(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen.append(value)
    return seen


def list_areas(database) -> list[tuple[str, str]]:
    """(area id, name) of every area, by name: the contacts tab's choices."""
    from sqlalchemy import select

    from redes_desktop.actions.unit_of_work import unit_of_work
    from redes_desktop.models import Area

    with unit_of_work(database) as session:
        rows = session.execute(select(Area.id, Area.name).where(Area.deleted_at.is_(None))
                               .order_by(Area.name)).all()
    return [(str(area_id), name) for area_id, name in rows]


# -- the bitácora readers key -------------------------------------------------------------------
def readers_key_installed(secrets: SecretStore) -> bool:
    from redes_desktop.bitacora import crypto

    return secrets.get(crypto.READERS_KEY) is not None


def create_readers_key(secrets: SecretStore, identity) -> str:
    """Create the institution's readers key (a CNCS reviewer does it once) and return it
    encoded, to be handed out by a safe channel."""
    from redes_desktop.bitacora import crypto

    if identity is None or not identity.is_reviewer:
        raise PermissionDenied("Solo un revisor de la CNCS crea la clave de lectores de la "
                               "bitácora. Pídala a la CNCS e instálela desde un archivo.")
    if readers_key_installed(secrets):
        raise UserFacingError("Esta estación ya tiene una clave de lectores; no se cambió.")
    return crypto.encode_key(crypto.store_new_key(secrets, crypto.READERS_KEY))


def install_readers_key(secrets: SecretStore, path: Path) -> str:
    from redes_desktop.bitacora import crypto

    try:
        raw = path.read_bytes()[:4096]
        text = raw.decode("utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise UserFacingError(f"No se pudo leer la clave de lectores de {path}: "
                              f"{getattr(error, 'strerror', None) or error}.") from error
    try:
        crypto.decode_key(text, "clave de lectores")
    except UserFacingError as error:
        raise UserFacingError(f"El archivo {path.name} no contiene una clave de lectores "
                              "válida (una línea de texto base64 de 32 bytes). Pida a la CNCS "
                              "el archivo correcto; no se instaló nada.") from error
    current = secrets.get(crypto.READERS_KEY)
    if current is not None and current != text:
        raise UserFacingError("Esta estación ya tiene otra clave de lectores; no se cambió.")
    secrets.set(crypto.READERS_KEY, text)
    return f"Clave de lectores instalada ({secrets.description})."


def save_readers_key_file(path: Path, key_text: str) -> None:
    """Write the just-created key to a file only its owner reads (mode 0600 on POSIX)."""
    from redes_desktop.private_files import make_private

    try:
        with path.open("w", encoding="utf-8") as handle:
            handle.write(key_text.strip() + "\n")
        make_private(path)
    except OSError as error:
        raise UserFacingError(f"No se pudo guardar la clave en {path}: "
                              f"{error.strerror or error}. Elija otra carpeta.") from error


# -- session (issue 14): minutes without input before the lock --------------------------------
MAX_IDLE_LOCK_MINUTES = 8 * 60  # a workday; 0 turns the lock off


def validate_idle_lock_minutes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not (
            0 <= value <= MAX_IDLE_LOCK_MINUTES):
        raise ValidationError(
            f"Los minutos de inactividad antes de bloquear la sesión van de 0 (nunca) a "
            f"{MAX_IDLE_LOCK_MINUTES}. Escriba un número entero en ese rango.",
            field="idle_lock_minutes")
    return value


def apply_idle_lock(workspace: Workspace, minutes: object) -> int:
    clean = validate_idle_lock_minutes(minutes)
    workspace.settings.idle_lock_minutes = clean
    workspace.save_settings()
    return clean
