"""Keep long-lived objects out of the garbage collector's way.

The check engine (dictionaries, word lists, compiled rules) and the data layer create hundreds
of thousands of objects that live as long as the window. Left in the collector's generations,
they make each full collection scan them all: 70–90 ms pauses measured while typing in the
composer (benchmarks/bench_composer.py). `gc.freeze()` moves every object alive now to the
permanent generation, which collections skip; it costs no collection itself.
"""

from __future__ import annotations

import gc
import importlib
import linecache


def freeze_long_lived_objects() -> None:
    gc.freeze()


def import_forgetting_sources(*modules: str) -> None:
    """Import `modules` in turn, each time dropping the source text PySide6's import hook read.

    Once PySide6 is loaded, shiboken reads the whole source of every module imported after it
    (`inspect.getsource`, to look for the word "PySide6") and `linecache` keeps those lines for
    the life of the process: ~25 MB for the data layer that loads after the first paint
    (SQLAlchemy, the models), 15 MiB more peak memory than when it loaded before Qt. Nothing
    needs them: a traceback reads its file again."""
    for name in modules:
        importlib.import_module(name)
        linecache.clearcache()


def forget_module_sources() -> None:
    """Drop the source lines read since the last call (see `import_forgetting_sources`)."""
    linecache.clearcache()
