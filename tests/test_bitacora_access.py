"""Who reads the bitácora (8.iii, Action.READ_BITACORA): CNCS reviewers see every entry; anyone
else the entries of the accounts they may read plus their own — in the list, the search and
the export alike."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.bitacora import BitacoraRecorder, open_bitacora
from redes_desktop.bitacora.access import visibility_for
from redes_desktop.bitacora.query import Filters
from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.bitacora.viewer import BitacoraSection
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


@pytest.fixture
def world(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    bitacora = open_bitacora(workspace.paths, SecretStore(), database, clock)
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        jal = make_office(directory)
        son = make_office(directory, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                          handle="@JLE_SonoraINE", slug="son")
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {
            "jal_head": jal.head.id, "jal_titular": jal.titular.id,
            "jal_suplente": jal.suplente.id, "jal_account": jal.account.id,
            "son_titular": son.titular.id, "son_account": son.account.id,
            "reviewer": reviewer.id,
        }
    entries = [
        ("son_titular", "son_account", "sonora publicada"),
        ("jal_titular", "jal_account", "jalisco publicada"),
        ("jal_suplente", "jal_account", "jalisco editada por el suplente"),
        ("jal_titular", None, "jalisco ausencia sin cuenta"),
        ("son_titular", None, "sonora ausencia sin cuenta"),
        ("reviewer", "jal_account", "jalisco consulta decidida"),
    ]
    for actor, account, text in entries:
        bitacora.append(ActivityEntry(clock(), ids[actor], ids[account] if account else None,
                                      "prueba", {"texto": text}))
        clock.advance(timedelta(minutes=1))
    context = AppContext(workspace=workspace, database=database, clock=clock,
                         recorder=BitacoraRecorder(bitacora), secrets=SecretStore())
    context.ids = ids
    yield context
    QThreadPool.globalInstance().waitForDone()
    bitacora.close()
    workspace.close()


def texts(section) -> set[str]:
    model = section.model
    return {model.entry_at(r).details["texto"] for r in range(model.rowCount())}


def viewer_of(qtbot, context, who: str) -> BitacoraSection:
    context.choose_identity(context.ids[who])
    # The scope, the count and the pages are read through `pool`: here inline, so what each
    # person sees can be asserted at once (test_bitacora_ui.py covers the worker threads).
    section = BitacoraSection(context, pool=SynchronousPool())
    qtbot.addWidget(section)
    assert section.loaded
    return section


def test_an_area_administrator_does_not_see_another_areas_entries(qtbot, world):
    section = viewer_of(qtbot, world, "jal_titular")
    assert texts(section) == {"jalisco publicada", "jalisco editada por el suplente",
                              "jalisco ausencia sin cuenta", "jalisco consulta decidida"}
    assert "8.iii" in section.scope_label.text()
    # Sonora's account is not even offered as a filter.
    assert section.account_box.findData(str(world.ids["son_account"])) < 0
    # Choosing another person as a filter cannot widen what is shown.
    section.person_box.setCurrentIndex(section.person_box.findData(str(world.ids["son_titular"])))
    assert section.model.rowCount() == 0


def test_area_titular_and_suplente_see_the_accounts_entries_and_their_own(qtbot, world):
    head = viewer_of(qtbot, world, "jal_head")
    assert texts(head) == {"jalisco publicada", "jalisco editada por el suplente",
                           "jalisco consulta decidida"}
    suplente = viewer_of(qtbot, world, "jal_suplente")
    assert texts(suplente) == texts(head)
    sonora = viewer_of(qtbot, world, "son_titular")
    assert texts(sonora) == {"sonora publicada", "sonora ausencia sin cuenta"}


def test_a_reviewer_sees_everything(qtbot, world):
    section = viewer_of(qtbot, world, "reviewer")
    assert section.model.rowCount() == 6
    assert not section.scope_label.text()


def test_no_person_chosen_shows_nothing(qtbot, world):
    world.identity = None
    section = BitacoraSection(world)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.loaded and section.model.idle, timeout=5000)
    assert section.model.rowCount() == 0
    assert "Cambiar de usuario" in section.scope_label.text()


def test_search_and_export_keep_to_what_the_person_may_read(qtbot, world, tmp_path):
    section = viewer_of(qtbot, world, "son_titular")
    section.search_edit.setText("publicada")
    section.apply_filters()
    qtbot.waitUntil(lambda: section._task is None, timeout=5000)
    assert texts(section) == {"sonora publicada"}
    section.search_edit.setText("")
    path = tmp_path / "auditoria.json"
    section.export_to(str(path), "json")
    qtbot.waitUntil(lambda: section.export_button.isEnabled(), timeout=5000)
    exported = json.loads(path.read_text(encoding="utf-8"))["entradas"]
    assert {json.loads(e["detalles"])["texto"] for e in exported} == {
        "sonora publicada", "sonora ausencia sin cuenta"}


def test_visibility_is_decided_without_qt(world):
    reader = world.recorder.bitacora.reader()
    try:
        with world.session() as session:
            directory = world.directory(session)
            head = directory.person(world.ids["jal_head"])
            reviewer = directory.person(world.ids["reviewer"])
            mine = visibility_for(session, world.clock, head)
            everything = visibility_for(session, world.clock, reviewer)
        assert mine.accounts == (world.ids["jal_account"],) and not mine.everything
        assert reader.count(mine.apply(Filters())) == 3
        assert reader.count(everything.apply(Filters())) == 6
        # An empty list of accounts still shows the person's own entries, and only those.
        own = Filters(visible_accounts=(), visible_actor=world.ids["son_titular"])
        assert reader.count(own) == 2
        assert reader.count(Filters(visible_accounts=())) == 0
    finally:
        reader.close()
