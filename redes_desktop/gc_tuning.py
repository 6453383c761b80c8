"""Keep long-lived objects out of the garbage collector's way.

The check engine (dictionaries, word lists, compiled rules) and the data layer create hundreds
of thousands of objects that live as long as the window. Left in the collector's generations,
they make each full collection scan them all: 70–90 ms pauses measured while typing in the
composer (benchmarks/bench_composer.py). `gc.freeze()` moves every object alive now to the
permanent generation, which collections skip; it costs no collection itself.
"""

from __future__ import annotations

import gc


def freeze_long_lived_objects() -> None:
    gc.freeze()
