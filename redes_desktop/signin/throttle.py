"""Repeated sign-in failures slow down: after the n-th consecutive failure for a person, the
next attempt waits 2**(n-1) seconds (up to `MAX_DELAY`). The clock and the sleeper are
injected; a success resets the count.

With a `path` the counts are kept in a private file of the data folder
(`sesion-intentos.json`, 0600), re-read before each decision and rewritten atomically after
each change: closing and reopening the program (or running a command instead of the window)
does not reset them. A damaged file counts as "no failures" only for the persons it no longer
names; it is rewritten whole at the next change."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MAX_DELAY = 60.0
FREE_FAILURES = 1  # the first mistyped password costs nothing
FILE_NAME = "sesion-intentos.json"
_FORMAT = 1


def throttle_path(root: Path) -> Path:
    """Where a data folder keeps its sign-in failure counts."""
    return root / FILE_NAME


@dataclass
class Throttle:
    sleeper: Callable[[float], None] = time.sleep
    max_delay: float = MAX_DELAY
    failures: dict[str, int] = field(default_factory=dict)
    path: Path | None = None  # None: in memory only (tests of the arithmetic)

    def __post_init__(self) -> None:
        self._load()

    # -- persistence -----------------------------------------------------------------------
    def _load(self) -> None:
        if self.path is None:
            return
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            counts = raw.get("fallos", {}) if isinstance(raw, dict) else {}
            self.failures = {str(k): int(v) for k, v in counts.items()
                             if isinstance(v, int) and v > 0}
        except FileNotFoundError:
            self.failures = {}
        except (OSError, ValueError, AttributeError, TypeError):
            pass  # unreadable: keep what this process knows (never fewer failures than that)

    def _save(self) -> None:
        if self.path is None:
            return
        from redes_desktop.private_files import make_private

        folder = self.path.parent
        text = json.dumps({"version": _FORMAT, "fallos": self.failures}, sort_keys=True)
        handle, temp = tempfile.mkstemp(prefix=".sesion-intentos-", dir=folder)  # 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        make_private(self.path)

    # -- policy ----------------------------------------------------------------------------
    def delay(self, key: str) -> float:
        self._load()
        count = self.failures.get(key, 0) - FREE_FAILURES
        if count <= 0:
            return 0.0
        return min(float(2 ** (count - 1)), self.max_delay)

    def wait(self, key: str) -> float:
        """Sleep the delay `key` has earned; how long that was."""
        seconds = self.delay(key)
        if seconds > 0:
            self.sleeper(seconds)
        return seconds

    def failed(self, key: str) -> int:
        self._load()
        self.failures[key] = self.failures.get(key, 0) + 1
        self._save()
        return self.failures[key]

    def succeeded(self, key: str) -> None:
        self._load()
        if self.failures.pop(key, None) is not None:
            self._save()
