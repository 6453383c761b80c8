"""Modules of one purpose, none over 600 lines (../shared/STYLE.md: a file past ~500 lines is
asking to be split by responsibility): a module of redes_desktop/ that grows past the limit fails
here, named with its length, so it is split when it grows and not once it is a god object."""

from __future__ import annotations

from pathlib import Path

LIMIT = 600
PACKAGE = Path(__file__).resolve().parent.parent / "redes_desktop"


def oversized(root: Path, limit: int = LIMIT) -> dict[str, int]:
    """The modules under `root` longer than `limit` lines (as `wc -l` counts them), with
    their length."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        length = len(path.read_text(encoding="utf-8").splitlines())
        if length > limit:
            found[path.relative_to(root).as_posix()] = length
    return found


def test_no_module_of_the_package_is_over_the_limit():
    assert oversized(PACKAGE) == {}


def test_the_check_sees_a_module_over_the_limit_anywhere_in_the_tree(tmp_path):
    (tmp_path / "at_the_limit.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    (tmp_path / "ui" / "composer").mkdir(parents=True)
    (tmp_path / "ui" / "composer" / "big.py").write_text("x = 1\n" * (LIMIT + 1),
                                                         encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x\n" * (LIMIT * 2), encoding="utf-8")
    assert oversized(tmp_path) == {"ui/composer/big.py": LIMIT + 1}
