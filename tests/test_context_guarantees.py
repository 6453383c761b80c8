"""The composition root has no silent defaults for what the criteria require: where secrets
live is always chosen, and a context whose bitácora is not open refuses to record (8.iii)
instead of dropping the entry."""

from __future__ import annotations

import pytest

from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry
from redes_desktop.workspace import open_workspace


def test_a_context_needs_its_secret_store(data_dir, clock):
    workspace = open_workspace(data_dir)
    try:
        with pytest.raises(TypeError):
            AppContext(workspace=workspace, database=workspace.open_database(), clock=clock)
    finally:
        workspace.close()


def test_recording_before_the_bitacora_is_open_refuses_loudly(data_dir, clock):
    workspace = open_workspace(data_dir)
    try:
        context = AppContext(workspace=workspace, database=workspace.open_database(),
                             clock=clock, secrets=SecretStore())
        entry = ActivityEntry(at=clock(), actor_id=None, account_id=None, action="borrador")
        with pytest.raises(UserFacingError) as refused:
            context.recorder.record(entry)
        assert "8.iii" in refused.value.message
    finally:
        workspace.close()
