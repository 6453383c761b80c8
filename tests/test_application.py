"""The whole start-up of the window in one process: paint, data layer, bitácora, jobs and the
background sync against the real PostgreSQL — what `redes-desktop` does, minus the process."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from redes_desktop.bitacora.query import Filters
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.sync.shared_schema import grant_person
from redes_desktop.ui.application import Startup
from redes_desktop.workspace import open_workspace
from tests import test_sync_support as _support
from tests.factories import make_office
from tests.signin_support import sign_in_at_startup

shared_engine = _support.shared_engine  # fixture


def _schema_url(engine) -> str:
    with engine.connect() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    return (f"postgresql+psycopg://root@127.0.0.1:5432/test"
            f"?options=-csearch_path%3D{schema}")


@pytest.mark.postgres
def test_window_starts_records_and_syncs(qtbot, data_dir, clock, shared_engine, typer):
    workspace = open_workspace(data_dir, clock=clock)
    with workspace.open_database().session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        # Login roles are cluster-global: this titular's is unique (dropped below).
        office.titular.email = f"titular.{uuid.uuid4().hex[:10]}@ine.mx"
        session.commit()
        titular_id, email = office.titular.id, office.titular.email
    workspace.database.dispose()
    workspace.database = None
    workspace.settings.current_person_id = str(titular_id)
    workspace.settings.shared_database_url = _schema_url(shared_engine)
    workspace.save_settings()

    startup = Startup(QApplication.instance(), workspace, quit_after_startup=False)
    qtbot.addWidget(startup.window)
    startup.start()
    qtbot.waitUntil(lambda: startup.context is not None, timeout=15_000)
    window = startup.window
    # The bitácora is the recorder of every service.
    assert getattr(startup.context.recorder, "bitacora", None) is not None
    # The background sync reaches the shared database and says so in the status bar.
    qtbot.waitUntil(lambda: "al día" in window.sync_label.text(), timeout=30_000)
    with shared_engine.connect() as conn:
        accounts = conn.exec_driver_sql("SELECT handle FROM accounts").scalars().all()
    assert accounts == ["@JLE_JaliscoINE"]
    # With a shared database the titular signs in with their own login there (issue 14).
    assert window.locked and "Titular jal" not in window.user_label.text()
    grant_person(shared_engine, email)
    try:
        sign_in_at_startup(qtbot, startup, "la-de-su-usuario", typer)
    finally:
        _support.drop_role(shared_engine, email.lower())
    assert "Titular jal" in window.user_label.text() and not window.locked
    # The sync itself was recorded (it moved records), and the chain verifies.
    bitacora = startup.context.recorder.bitacora
    bitacora.flush_anchors(wait=True)
    reader = bitacora.reader()
    try:
        actions = [reader.decode(row).action for row in reader.page(Filters(), 0, 50)]
    finally:
        reader.close()
    assert "sincronizacion" in actions and "sesion_iniciada" in actions
    assert bitacora.verify().ok
    window.close()
    startup.sync.stop()
    QThreadPool.globalInstance().waitForDone()
    startup.context.close()
    workspace.close()
