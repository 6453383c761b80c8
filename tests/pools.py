"""Thread pools for widget tests."""

from __future__ import annotations


class HeldPool:
    """A pool that keeps the work instead of running it: what the UI thread did is visible."""

    def __init__(self) -> None:
        self.held: list = []

    def start(self, runnable) -> None:
        self.held.append(runnable)

    def run_all(self) -> None:
        while self.held:
            self.held.pop(0).run()

    def finish(self, index: int = 0) -> None:
        """Run the held work at `index` (0: the oldest) now."""
        self.held.pop(index).run()
