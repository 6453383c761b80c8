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
from tests.factories import make_office
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
    assert dialog.list.item(0).text().startswith("Publicaciones — cambiado en dos estaciones")
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


@pytest.mark.parametrize("merge, message", [
    ('{"text": "sin cerrar"', "no es JSON válido"),
    ('["una", "lista"]', "objeto JSON entre llaves"),
    ('{"account_id": "no-es-un-uuid"}', "valor que no sirve"),
])
def test_a_bad_merge_shows_a_message_and_changes_nothing(qtbot, context, merge, message):
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # listed off the UI thread
    dialog.local_view.setPlainText(merge)
    dialog.save_merge.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert not dialog.error.isHidden()
    assert message in dialog.error.text()
    assert len(_open(context)) == 1 and dialog.list.count() == 1
    with context.session() as s:
        assert s.get(Post, context.ids["post"]).text == "Versión compartida"
    assert context.recorder.entries == []


def test_a_good_merge_is_saved(qtbot, context):
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)  # listed off the UI thread
    dialog.local_view.setPlainText('{"text": "Texto combinado"}')
    dialog.save_merge.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert dialog.error.isHidden()
    assert _open(context) == []
    with context.session() as s:
        assert s.get(Post, context.ids["post"]).text == "Texto combinado"


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
