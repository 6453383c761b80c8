"""The composer passes the account's periodicity (Account.rhythm, 6.xxi) to the spam rule's
rhythm (6.xxviii), through `rhythm_limits` and resources/checks/spam.json."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.rule_spam import rhythm_limits
from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.workspace import open_workspace
from tests.composer_support import ready
from tests.factories import make_office


@pytest.fixture(params=["diaria", "semanal"])
def rhythm_context(request, data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        office.account.rhythm = request.param
        session.commit()
        titular = office.titular.id
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.choose_identity(titular)
    yield ctx, request.param
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


def test_the_request_carries_the_accounts_rhythm(qtbot, rhythm_context):
    context, rhythm = rhythm_context
    section = ready(qtbot, ComposerSection(context, engine_factory=lambda: CheckEngine()))
    qtbot.addWidget(section)
    assert section.current_account() is not None
    assert section.current_account().rhythm == rhythm
    request = section.build_request()
    assert (request.rhythm_max_posts, request.rhythm_window_minutes) == rhythm_limits(rhythm)
    QThreadPool.globalInstance().waitForDone()
