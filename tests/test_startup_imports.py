"""What the window's start imports before its first paint (the start-up benchmark's target: first
paint ≤ 2× a bare window), and what it keeps once the data layer is loaded (peak memory ≤ 150
MiB). The program runs for real in a subprocess; spies on the first paint and on the loaded data
layer report what they see."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# Run in the child: the real entry point, with the first paint observed.
SPY = """
import json, linecache, sys
from redes_desktop.ui import application

first_paint = application.Startup._on_first_paint
loaded = application.Startup._on_loaded

def spy(self):
    print("LOADED " + json.dumps(sorted(sys.modules)), flush=True)
    first_paint(self)

def spy_loaded(self, context, error):
    print("SOURCES " + json.dumps(sorted(linecache.cache)), flush=True)
    loaded(self, context, error)

application.Startup._on_first_paint = spy
application.Startup._on_loaded = spy_loaded
from redes_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""

SLOW_PACKAGES = ("sqlalchemy", "alembic", "keyring")


@pytest.fixture(scope="module")
def seen(tmp_path_factory) -> dict[str, list[str]]:
    """What the spies saw in one real start with a new data folder."""
    root = tmp_path_factory.mktemp("inicio")
    # Module-scoped: the conftest's keyring fixture has not run yet; the same file keyring.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
           "REDES_TEST_KEYRING_FILE": str(root / "llavero.json")}
    result = subprocess.run(
        [sys.executable, "-c", SPY, "--data-dir", str(root / "datos"), "--quit-after-startup"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 0, result.stderr
    found = {}
    for line in result.stdout.splitlines():
        tag, _, rest = line.partition(" ")
        if tag in ("LOADED", "SOURCES"):
            found[tag] = json.loads(rest)
    assert set(found) == {"LOADED", "SOURCES"}, result.stdout
    return found


def test_the_window_paints_before_the_data_layer_and_the_commands_are_imported(seen):
    loaded = seen["LOADED"]
    assert "redes_desktop.ui.main_window" in loaded  # the spy did run at the window's paint
    slow = [m for m in loaded if m.split(".")[0] in SLOW_PACKAGES]
    assert slow == []
    # The models pull in SQLAlchemy; an enum for a command's choices used to import them all.
    assert [m for m in loaded if m.startswith("redes_desktop.models")] == []
    # The window's own options are parsed without the ~50 parsers of the subcommands.
    assert [m for m in loaded if m.startswith("redes_desktop.commands.")] == []
    # Chosen off the UI thread after the paint: the vault and its key derivation.
    assert [m for m in loaded if m.startswith("redes_desktop.vault.")] == []


def test_the_sources_read_by_qts_import_hook_are_not_kept(seen):
    """PySide6 reads the source of every module imported after it (gc_tuning.py): the data
    layer's, imported after the first paint, must not stay in memory (~25 MB, SQLAlchemy's)."""
    kept = [path for path in seen["SOURCES"]
            if "sqlalchemy" in path or f"redes_desktop{os.sep}models" in path]
    assert kept == []
