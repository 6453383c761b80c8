"""«Conflictos de sincronización» under pytest-qt: Spanish names, keeping the shared version,
a manual merge that is not valid JSON (a message, nothing changes), the bitácora entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from redes_desktop.context import AppContext
from redes_desktop.models import Post
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.sync.rows import row_json
from redes_desktop.ui.sync.conflicts_dialog import ConflictsDialog
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer
from tests.pools import HeldPool


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as s:
        office = make_office(Directory(s, clock, NullRecorder()))
        post = Post(account_id=office.account.id, network=office.account.network,
                    author_id=office.titular.id, text="Versión compartida")
        s.add(post)
        s.flush()
        server = row_json({c.columns[0].name: getattr(post, c.key)
                           for c in Post.__mapper__.column_attrs})
        s.add(SyncConflict(table_name="posts", row_id=post.id, kind="versiones",
                           reason="Dos estaciones cambiaron el mismo registro sin verse.",
                           local_data={**server, "text": "Versión de esta estación"},
                           server_data=server, detected_at=clock()))
        s.commit()
        ids = {"post": post.id, "titular": office.titular.id, "account": office.account.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = ids
    ctx.choose_identity(ids["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


def _open(context) -> list[SyncConflict]:
    with context.session() as s:
        return s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))).all()


def test_keep_the_shared_version(qtbot, context):
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # listed off the UI thread
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith(
        "Publicaciones — @JLE_JaliscoINE (X) — cambiado en dos estaciones")
    dialog.keep_server.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert _open(context) == []
    assert dialog.list.count() == 0 and not dialog.keep_server.isEnabled()
    with context.session() as s:
        assert s.get(Post, context.ids["post"]).text == "Versión compartida"
        assert s.scalars(select(SyncConflict)).one().resolution == "servidor"
    [entry] = context.recorder.entries
    assert entry.action == "conflicto_resuelto"
    assert entry.actor_id == context.ids["titular"]
    assert entry.account_id == context.ids["account"]
    assert entry.details["resolucion"] == "servidor" and entry.details["tabla"] == "posts"


def test_a_merge_with_no_field_ticked_shows_a_message_and_changes_nothing(qtbot, context):
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # listed off the UI thread
    dialog.save_merge.click()
    assert not dialog.error.isHidden()
    assert "al menos un campo" in dialog.error.text()
    assert len(_open(context)) == 1 and dialog.list.count() == 1
    with context.session() as s:
        assert s.get(Post, context.ids["post"]).text == "Versión compartida"
    assert context.recorder.entries == []


def test_a_merge_takes_the_ticked_fields_from_the_other_version(qtbot, context):
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # listed off the UI thread
    dialog.choose_local("text")
    assert dialog.local_fields() == {"text"}
    dialog.save_merge.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert dialog.error.isHidden()
    assert _open(context) == []
    with context.session() as s:
        assert s.get(Post, context.ids["post"]).text == "Versión de esta estación"
        assert s.scalars(select(SyncConflict)).one().resolution == "combinada"


def _cells(dialog) -> list[tuple[str, str, str]]:
    return [tuple(dialog.fields.item(r, c).text() for c in range(3))
            for r in range(dialog.fields.rowCount())]


def test_only_the_differing_fields_show_with_spanish_labels_names_and_local_times(
        qtbot, context, clock):
    """Issue 15: no JSON, no UUIDs, no row_version, no UTC: the person reads the fields."""
    from datetime import timedelta

    with context.session() as s:
        conflict = s.scalars(select(SyncConflict)).one()
        other = make_reviewer(Directory(s, clock, NullRecorder()))
        s.flush()
        server = dict(conflict.server_data)
        local = dict(conflict.local_data)
        local["author_id"] = str(other.id)
        local["published_at"] = (clock() + timedelta(hours=1)).isoformat()  # 19:00 UTC
        local["row_version"] = server["row_version"] + 3
        local["updated_at"] = (clock() + timedelta(days=1)).isoformat()
        conflict.local_data = local
        s.commit()
        reviewer_name = other.name
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    # The list names the record: the account it belongs to.
    assert "@JLE_JaliscoINE" in dialog.list.item(0).text()
    rows = {label: (shared, other_version) for label, shared, other_version in _cells(dialog)}
    assert set(rows) == {"Autor", "Texto", "Publicada el"}
    assert rows["Texto"] == ("Versión compartida", "Versión de esta estación")
    assert rows["Autor"][0] == "Titular jal" or rows["Autor"][0].startswith("Titular")
    assert rows["Autor"][1] == reviewer_name
    # 19:00 UTC on 10 March 2026 is 13:00 in México City.
    assert rows["Publicada el"] == ("(vacío)", "martes 10 de marzo de 2026, 13:00 h")
    shown = " ".join(" ".join(cells) for cells in _cells(dialog))
    assert str(context.ids["account"]) not in shown and str(other.id) not in shown
    assert "row_version" not in shown and "account_id" not in shown and "{" not in shown


def test_a_resolution_recounts_the_status_bar(qtbot, context, monkeypatch):
    """Issue 15: «1 conflicto» in the status bar goes once the conflict is resolved."""
    from types import SimpleNamespace

    from redes_desktop.ui.application import Startup
    from redes_desktop.ui.sync.controller import SyncController

    controller = SyncController(context.database.engine, lambda: None)
    said: list[str] = []
    controller.status_changed.connect(said.append)
    controller.refresh()
    assert "1 conflicto" in said[-1]
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)

    def exec_and_resolve():
        qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
        dialog.keep_server.click()
        qtbot.waitUntil(lambda: not dialog.busy and dialog.list.count() == 0, timeout=5000)
        return 0

    monkeypatch.setattr(dialog, "exec", exec_and_resolve)
    Startup.open_conflicts(SimpleNamespace(sync=controller), dialog)  # Archivo → Conflictos
    assert "conflicto" not in said[-1]


def test_the_resolution_is_written_off_the_ui_thread(qtbot, context):
    pool = HeldPool()
    dialog = ConflictsDialog(context, pool=pool)
    qtbot.addWidget(dialog)
    pool.held.pop().run()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.keep_server.click()
    # The click only handed the work to the pool: the conflict is still open, buttons off.
    assert len(_open(context)) == 1 and context.recorder.entries == []
    assert not dialog.keep_server.isEnabled() and not dialog.save_merge.isEnabled()
    pool.held.pop().run()
    qtbot.waitUntil(lambda: bool(pool.held), timeout=5000)  # then the list is read again
    pool.held.pop().run()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert _open(context) == [] and dialog.list.count() == 0


def test_nobody_chosen_is_told_and_nothing_changes(qtbot, context):
    context.identity = None
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.keep_server.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert "Cambiar de usuario" in dialog.error.text() and not dialog.error.isHidden()
    assert len(_open(context)) == 1 and context.recorder.entries == []
