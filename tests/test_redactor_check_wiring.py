"""The Redactor's checks see what the command line's see (issues 14 and 16): the account's
area's institutional contacts (6.iii) reach the live check, and the check run before publishing
is built the same way (details, contacts), so a post's findings do not change between typing
and publishing."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import Severity
from redes_desktop.checks.rule_personal_data import PersonalDataRule
from redes_desktop.checks.rule_purpose import PurposeRule
from redes_desktop.context import AppContext
from redes_desktop.models import Post, PostStatus
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer import mark_published
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.workspace import open_workspace
from tests.composer_support import ready, saved
from tests.factories import make_office

OWN_PHONE = "33 3614 5500"  # the area's published line
OTHER_PHONE = "55 5628 4200"  # another area's line: personal data for this account


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular, area_id = office.titular.id, office.area.id
    workspace.settings.area_contacts = {
        str(area_id): {"phones": [OWN_PHONE]},
        str(uuid.uuid4()): {"phones": [OTHER_PHONE]},
    }
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.choose_identity(titular)
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def view(qtbot, context):
    engine = CheckEngine(text_rules=[PersonalDataRule(), PurposeRule()],
                         length_of=lambda text, _n: (len(text), 280))
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.show()
    ready(qtbot, section)
    yield section
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def boxes(monkeypatch):
    shown: list[tuple[str, str]] = []

    class Boxes:
        @staticmethod
        def information(_parent, _title, text):
            shown.append(("information", text))

        @staticmethod
        def warning(_parent, _title, text):
            shown.append(("warning", text))

    monkeypatch.setattr(mark_published, "QMessageBox", Boxes)
    monkeypatch.setattr(mark_published, "ask_url", lambda *a, **k: "https://x.com/JLE/status/1")
    return shown


def findings(qtbot, view) -> list[tuple[str, Severity]]:
    qtbot.waitUntil(lambda: view.outcome is not None and view.scheduler.is_current,
                    timeout=5000)
    return sorted((row.finding.rule, row.finding.severity) for row in view.findings.rows)


def choose_purpose(view, purpose: str = "3.iv") -> None:
    combo = view.details_panel.purpose_combo
    combo.setCurrentIndex(combo.findData(purpose))


def test_the_areas_own_phone_passes_and_another_areas_still_blocks(qtbot, view):
    choose_purpose(view)
    view.editor.setPlainText(f"Informes en la Junta Local: {OWN_PHONE}.")
    assert findings(qtbot, view) == []
    view.editor.setPlainText(f"Informes al {OTHER_PHONE}.")
    assert ("6.iii", Severity.BLOQUEA) in findings(qtbot, view)
    assert not view.publish_action.isEnabled()


def test_publishing_accepts_the_areas_phone_as_the_editor_did(qtbot, view, context, boxes):
    choose_purpose(view)
    view.editor.setPlainText(f"Informes en la Junta Local: {OWN_PHONE}.")
    assert findings(qtbot, view) == []
    assert view.publish_action.isEnabled()
    post_id = view.post_id if saved(qtbot, view) else None
    assert post_id is not None
    assert view.mark_published() is True
    qtbot.waitUntil(lambda: not view.publishing, timeout=5000)
    assert boxes[-1] == ("information", "La publicación quedó registrada como publicada.")
    with context.session() as session:
        assert session.get(Post, post_id).status == PostStatus.PUBLICADA


def test_the_publishing_check_sees_the_details_the_editor_saw(qtbot, view, context, boxes,
                                                               monkeypatch):
    """No purpose chosen: the editor warns (6.i); the check run before publishing must find
    the same (it ran with no details before)."""
    checkers = []
    original = view.store.mark_published

    def capture(post_id, url, check):
        checkers.append(check)
        return original(post_id, url, check)

    monkeypatch.setattr(view.store, "mark_published", capture)
    view.editor.setPlainText("Hoy inicia la capacitación de funcionarios de casilla.")
    live = findings(qtbot, view)
    assert live == [("6.i", Severity.ADVIERTE)]
    assert saved(qtbot, view)
    post_id = view.post_id
    view.details_panel.save()
    assert view.mark_published() is True
    qtbot.waitUntil(lambda: not view.publishing, timeout=5000)
    with context.session() as session:
        post = session.get(Post, post_id)
        result = checkers[-1](post)
    assert sorted((f.rule, f.severity) for f in result.findings) == live
