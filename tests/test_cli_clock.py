"""The command line takes its clock where the window does (`clock.clock_of` on the parsed
arguments, chosen by `cli.main`), so its tests pass a FixedClock and need no wall clock."""

from __future__ import annotations

import ast
import json
from argparse import Namespace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from redes_desktop.cli import main
from redes_desktop.clock import FixedClock, clock_of, system_clock
from redes_desktop.workspace import open_workspace

PACKAGE = Path(__file__).resolve().parent.parent / "redes_desktop"


def _wall_clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name) and node.id == "system_clock":
            found.append(f"{path.name}:{node.lineno} system_clock")
        elif isinstance(node, ast.alias) and node.name == "system_clock":
            found.append(f"{path.name} imports system_clock")
        elif (isinstance(node, ast.Attribute) and node.attr in ("now", "today", "utcnow")
              and isinstance(node.value, ast.Name) and node.value.id in ("datetime", "date")):
            found.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("open_workspace", "open_bitacora")
              and not any(k.arg == "clock" for k in node.keywords) and len(node.args) < 4):
            found.append(f"{path.name}:{node.lineno} {node.func.id} on its default clock")
    return found


def test_commands_and_the_window_read_no_wall_clock_of_their_own():
    files = [*sorted((PACKAGE / "commands").glob("*.py")), PACKAGE / "ui" / "application.py"]
    assert [hit for path in files for hit in _wall_clock_reads(path)] == []


def test_clock_of():
    fixed = FixedClock(datetime(2031, 1, 1, tzinfo=UTC))
    assert clock_of(Namespace(clock=fixed)) is fixed
    assert clock_of(Namespace()) is system_clock


@pytest.mark.parametrize(("today", "expected"), [
    (datetime(2031, 5, 10, 12, tzinfo=UTC), (2031, 1)),
    (datetime(2032, 1, 1, 5, tzinfo=UTC), (2031, 3)),  # still 31 Dec in México City
])
def test_the_report_defaults_to_the_last_quarter_of_the_given_clock(tmp_path, capsys, today,
                                                                      expected):
    workspace = open_workspace(tmp_path, clock=FixedClock(today))
    workspace.open_database()
    workspace.close()
    code = main(["informe", "trimestral", "--format", "json", "--data-dir", str(tmp_path)],
                clock=FixedClock(today))
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["anio"], report["trimestre"]) == expected
