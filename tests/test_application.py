"""The whole start-up of the window in one process: paint, data layer, bitácora, jobs and the
background sync against the real PostgreSQL — what `redes-desktop` does, minus the process."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from redes_desktop.bitacora.query import Filters
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.application import Startup
from redes_desktop.workspace import open_workspace
from tests import test_sync_support as _support
from tests.factories import make_office

shared_engine = _support.shared_engine  # fixture


def _schema_url(engine) -> str:
    with engine.connect() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    return (f"postgresql+psycopg://root@127.0.0.1:5432/test"
            f"?options=-csearch_path%3D{schema}")


@pytest.mark.postgres
def test_window_starts_records_and_syncs(qtbot, data_dir, clock, shared_engine):
    workspace = open_workspace(data_dir, clock=clock)
    with workspace.open_database().session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular_id = office.titular.id
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
    assert "Titular jal" in window.user_label.text()
    # The bitácora is the recorder of every service.
    assert getattr(startup.context.recorder, "bitacora", None) is not None
    # The background sync reaches the shared database and says so in the status bar.
    qtbot.waitUntil(lambda: "al día" in window.sync_label.text(), timeout=30_000)
    with shared_engine.connect() as conn:
        accounts = conn.exec_driver_sql("SELECT handle FROM accounts").scalars().all()
    assert accounts == ["@JLE_JaliscoINE"]
    # The sync itself was recorded (it moved records), and the chain verifies.
    bitacora = startup.context.recorder.bitacora
    bitacora.flush_anchors(wait=True)
    reader = bitacora.reader()
    try:
        actions = [reader.decode(row).action for row in reader.page(Filters(), 0, 50)]
    finally:
        reader.close()
    assert "sincronizacion" in actions
    assert bitacora.verify().ok
    window.close()
    startup.sync.stop()
    QThreadPool.globalInstance().waitForDone()
    startup.context.close()
    workspace.close()
