"""Shared fixtures. Qt runs offscreen; keyring uses an in-memory backend; PostgreSQL tests use
the real server at 127.0.0.1:5432 (database `test`), each in its own schema, dropped afterwards.
With REDES_REQUIRE_POSTGRES=1 (set by .ci/run) an unreachable server fails those tests."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from redes_desktop.clock import FixedClock  # noqa: E402
from tests.password_postgres import password_postgres  # noqa: E402, F401  (fixture)

POSTGRES_URL = os.environ.get(
    "REDES_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring for tests (the machine has no real one)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application with the program's catalogue loaded, as at start-up, so that
    widgets show their plural forms («1 cuenta») as people see them."""
    from redes_desktop.ui.i18n import install_app_translations

    assert install_app_translations(qapp) is not None
    return qapp


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path_factory, monkeypatch) -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    # Programs started in a subprocess get a file-backed keyring of their own (tests/file_keyring).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.file_keyring.FileKeyring")
    monkeypatch.setenv("REDES_TEST_KEYRING_FILE",
                       str(tmp_path_factory.mktemp("llavero") / "llavero.json"))
    return backend


@pytest.fixture
def clock() -> FixedClock:
    # A Tuesday afternoon in México City (UTC-6, no DST since 2022).
    return FixedClock(datetime(2026, 3, 10, 18, 0, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "datos"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """One migrated SQLite file for the whole run, copied for each test (migrating costs
    ~0.3 s a time)."""
    from redes_desktop.database import open_local_database

    path = tmp_path_factory.mktemp("plantilla") / "redes.sqlite3"
    open_local_database(path).dispose()
    return path


@pytest.fixture
def database(data_dir: Path, migrated_template: Path):
    import shutil

    from redes_desktop.database import open_local_database

    shutil.copy(migrated_template, data_dir / "redes.sqlite3")
    db = open_local_database(data_dir / "redes.sqlite3")
    yield db
    db.dispose()


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


def _postgres_unavailable(reason: str):
    if os.environ.get("REDES_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here but unavailable: {reason}")
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture
def postgres_engine():
    """An engine on a fresh schema of the `test` database; the schema is dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        _postgres_unavailable(str(error).splitlines()[0])
    engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def type_text(widget, text: str) -> None:
    """Type `text` into a widget one key event per character.

    qtbot.keyClicks aborts the process on non-ASCII characters (see shared FINDINGS): send the
    characters ourselves.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = Qt.Key.Key_unknown
        if ch == "\n":
            key = Qt.Key.Key_Return
        press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        release = QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(widget, press)
        QApplication.sendEvent(widget, release)


@pytest.fixture
def typer():
    return type_text


class _Inbox:
    """Messages received by the test SMTP server (parsed `email.message.EmailMessage`s)."""

    def __init__(self) -> None:
        self.messages: list = []
        self.envelopes: list = []
        self.refuse_with: str | None = None  # e.g. "554 rechazado" to make the server refuse

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        import email
        from email import policy

        if self.refuse_with:
            return self.refuse_with
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1; yields (host, port, inbox)."""
    import socket

    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    # aiosmtpd 1.4 checks its own start by connecting to `port`, so port 0 does not work:
    # take a free port first.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port, inbox
    finally:
        controller.stop()


@pytest.fixture
def mail_settings(smtp_server):
    """Settings pointing at the test SMTP server (no TLS, no login)."""
    from redes_desktop.settings import Settings

    host, port, _inbox = smtp_server
    return Settings(smtp_host=host, smtp_port=port, smtp_security="none",
                    smtp_sender="Redes INE <redes@ine.mx>")


@pytest.fixture
def server():
    """The local server that plays the networks' APIs (tests/fake_networks/)."""
    from tests.fake_networks import FakeNetworks

    with FakeNetworks() as fake:
        yield fake
