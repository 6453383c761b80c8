"""What the window's start imports before its first paint (the start-up benchmark's target: first
paint ≤ 2× a bare window). The program runs for real in a subprocess; a spy on the first paint
lists the modules loaded by then."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Run in the child: the real entry point, with the first paint observed.
SPY = """
import json, sys
from redes_desktop.ui import application

first_paint = application.Startup._on_first_paint

def spy(self):
    print("LOADED " + json.dumps(sorted(sys.modules)), flush=True)
    first_paint(self)

application.Startup._on_first_paint = spy
from redes_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""

SLOW_PACKAGES = ("sqlalchemy", "alembic", "keyring")


def _loaded_at_first_paint(*argv: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", SPY, *argv], capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("LOADED "))
    return json.loads(line.removeprefix("LOADED "))


def test_the_window_paints_before_the_data_layer_and_the_commands_are_imported(tmp_path):
    loaded = _loaded_at_first_paint("--data-dir", str(tmp_path / "datos"),
                                    "--quit-after-startup")
    assert "redes_desktop.ui.main_window" in loaded  # the spy did run at the window's paint
    slow = [m for m in loaded if m.split(".")[0] in SLOW_PACKAGES]
    assert slow == []
    # The models pull in SQLAlchemy; an enum for a command's choices used to import them all.
    assert [m for m in loaded if m.startswith("redes_desktop.models")] == []
    # The window's own options are parsed without the ~50 parsers of the subcommands.
    assert [m for m in loaded if m.startswith("redes_desktop.commands.")] == []
    # Chosen off the UI thread after the paint: the vault and its key derivation.
    assert [m for m in loaded if m.startswith("redes_desktop.vault.")] == []
