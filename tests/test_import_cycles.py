"""No import circles between the modules of one package (issue 13).

A circle (even one hidden behind `if TYPE_CHECKING:`) means two modules are one responsibility
split in two, or that shared types live in the wrong place. Imports made inside functions are
counted too: they are the usual way a circle is smuggled past Python's import machinery.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "redes_desktop"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_only_imports(tree: ast.Module) -> set[int]:
    """ids of the import nodes under `if TYPE_CHECKING:`."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            hidden.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return hidden


# SQLAlchemy's two-sided relationships (Area.accounts ↔ Account.area) name each other's
# classes by design; the mapper resolves them by name at run time, so in the models package
# a type-only import is a name for the type checker, not a dependency between modules.
TYPE_ONLY_ALLOWED = {"redes_desktop.models"}


def _graph(package: str) -> dict[str, set[str]]:
    folder = ROOT.parent.joinpath(*package.split("."))
    modules = {_module_name(p): p for p in folder.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_only_imports(tree) if package in TYPE_ONLY_ALLOWED else set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found.update(t for t in targets if t in modules and t != name)
        graph[name] = found
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("package", [
    "redes_desktop.sync", "redes_desktop.checks", "redes_desktop.services",
    "redes_desktop.commands", "redes_desktop.passwords", "redes_desktop.vault",
    "redes_desktop.models",
])
def test_no_import_circles(package: str) -> None:
    assert _cycles(_graph(package)) == []


def test_the_detector_sees_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
