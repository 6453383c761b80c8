"""The first-start identity dialog when the data changed under it (issue 12's type check found
the case: an area removed after the list was filled)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QMessageBox

from redes_desktop.context import AppContext
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.identity_dialog import IdentityDialog
from redes_desktop.workspace import open_workspace
from tests.factories import make_office


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        make_office(Directory(session, clock, NullRecorder()))
        session.commit()
    yield AppContext(workspace=workspace, database=database, clock=clock)
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
