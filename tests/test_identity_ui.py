"""The first-start identity dialog when the data changed under it (issue 12's type check found
the case: an area removed after the list was filled)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QMessageBox

from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.identity_dialog import IdentityDialog
from redes_desktop.workspace import open_workspace
from tests.factories import make_office
from tests.pools import HeldPool


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        make_office(Directory(session, clock, NullRecorder()))
        session.commit()
    yield AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    workspace.close()


def test_registering_in_an_area_removed_meanwhile_is_refused_in_spanish(
    qtbot, context, monkeypatch
):
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    dialog = IdentityDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    listed = dialog.area_combo.itemData(0)
    dialog.area_combo.setItemData(0, uuid.uuid4())  # as if another station removed the area
    dialog.name_edit.setText("Nueva Persona")
    dialog.email_edit.setText("nueva.persona@ine.mx")
    dialog._register()
    qtbot.waitUntil(lambda: dialog.loaded and not dialog._busy, timeout=5000)
    assert messages and "ya no está registrada" in messages[-1]
    assert context.identity is None
    assert dialog.area_combo.itemData(0) == listed  # the list was read again
    assert dialog.name_edit.text() == "Nueva Persona"  # what was typed stays


def _people(context) -> int:
    from redes_desktop.models import Person

    with context.session() as session:
        return session.query(Person).count()


def test_registering_writes_off_the_ui_thread(qtbot, context):
    from PySide6.QtCore import QCoreApplication

    pool = HeldPool()
    dialog = IdentityDialog(context, pool=pool)
    qtbot.addWidget(dialog)
    assert dialog.people_list.count() == 0  # even the list is read by the pool
    pool.run_all()
    QCoreApplication.processEvents()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    before = _people(context)
    dialog.name_edit.setText("Nueva Persona")
    dialog.email_edit.setText("nueva.persona@ine.mx")
    dialog._register()
    # The click only handed the work to the pool: nothing written, buttons off meanwhile.
    assert _people(context) == before and context.identity is None
    assert not dialog.register_button.isEnabled() and not dialog.enter_button.isEnabled()
    pool.run_all()
    qtbot.waitUntil(lambda: context.identity is not None, timeout=5000)
    assert _people(context) == before + 1 and context.identity.name == "Nueva Persona"


def test_the_demo_is_written_off_the_ui_thread(qtbot, data_dir, clock, tmp_path):
    from PySide6.QtCore import QCoreApplication

    workspace = open_workspace(tmp_path / "vacia", clock=clock)
    try:
        empty = AppContext(workspace=workspace, database=workspace.open_database(), clock=clock,
                           secrets=SecretStore(), recorder=MemoryRecorder())
        pool = HeldPool()
        dialog = IdentityDialog(empty, pool=pool)
        qtbot.addWidget(dialog)
        pool.run_all()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
        assert not dialog.demo_button.isHidden()
        dialog.demo_button.click()
        assert _people(empty) == 0 and not dialog.demo_button.isEnabled()
        pool.run_all()  # the demo seed, in the pool
        QCoreApplication.processEvents()
        pool.run_all()  # then the list, read again
        qtbot.waitUntil(lambda: dialog.people_list.count() > 0, timeout=5000)
        assert _people(empty) == dialog.people_list.count()
        assert dialog.demo_button.isHidden()
    finally:
        workspace.close()
