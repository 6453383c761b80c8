"""Spanish dictionaries behind one small interface (criterion 6.xxiv). No Qt.

Backends, tried in this order by `open_spell_checker()`:

1. `EnchantChecker`: pyenchant + libenchant + hunspell. The system's es_MX dictionary first
   (Debian `hunspell-es`), else the copy shipped in `resources/dictionaries/hunspell/`, which
   Enchant 2 finds when `ENCHANT_CONFIG_DIR` points at `resources/dictionaries` (set only while
   the dictionary is requested, then restored). Loads in ~50 ms, ~0.02 ms a word.
2. `SpyllsChecker`: the pure-Python hunspell port `spylls` on the same files, used only when
   libenchant is missing (e.g. macOS without Homebrew's enchant) and `spylls` is installed.
   It loads lazily (~1 s) and its full suggestion search takes 0.2-0.6 s a word, so suggestions
   try cheap accent/ñ variants first and stop spylls' search after a small time budget.
   A plain word list built from the .dic stems is not used: it rejects most inflected Spanish
   forms (datos, anunció, revisará), which live in the .aff suffix rules.
3. `NullChecker`: accepts every word (no dictionary at all); `available` is False so the UI
   can say that spelling is not being checked.

Every backend is wrapped in `CachedChecker`: one lock (Enchant dictionaries are not
thread-safe) and a bounded LRU cache for check and suggestion results. Suggestions come from
`suggest_index.SuggestionIndex` (a few milliseconds a word with either backend) once its
background build is done (started by `prepare_suggestions()`, or by the first suggestion with
spylls); until then from the backend itself.
"""

from __future__ import annotations

import os
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypeVar

from redes_desktop.checks.suggest_index import SuggestionIndex, shared_index
from redes_desktop.resource_files import resource_path

SHIPPED_DICTIONARIES_DIR = resource_path("dictionaries")
BUILTIN_INSTITUTIONAL_FILE = resource_path("checks/institutional_dictionary.txt")
DEFAULT_LANGUAGE = "es_MX"
_T = TypeVar("_T")
MAX_SUGGESTIONS = 5

_ENV_LOCK = threading.Lock()  # ENCHANT_CONFIG_DIR is process-wide: set and restore it under this


class SpellChecker(Protocol):
    name: str  # e.g. "enchant:es_MX (Hunspell Provider)", shown in diagnostics
    available: bool  # False for the null checker

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


class NullChecker:
    """No dictionary: every word is accepted and nothing is suggested."""

    name = "sin diccionario"
    available = False

    def check(self, word: str) -> bool:
        return True

    def suggest(self, word: str) -> list[str]:
        return []


class EnchantChecker:
    """A hunspell dictionary through pyenchant. Not thread-safe alone: wrap in CachedChecker."""

    available = True

    def __init__(self, dictionary: object, name: str) -> None:
        self._dict = dictionary
        self.name = name

    @classmethod
    def load(
        cls, language: str = DEFAULT_LANGUAGE, shipped_dir: Path | None = SHIPPED_DICTIONARIES_DIR
    ) -> EnchantChecker | None:
        """The system dictionary, else the shipped one; None if libenchant or both are missing."""
        try:
            import enchant
        except ImportError:  # pyenchant raises ImportError when libenchant cannot be loaded
            return None
        try:
            broker = enchant.Broker()
            if broker.dict_exists(language):
                d = broker.request_dict(language)
                return cls(d, f"enchant:{language} ({d.provider.name}, sistema)")
            if shipped_dir is not None and (shipped_dir / "hunspell" / f"{language}.dic").exists():
                with _ENV_LOCK:
                    previous = os.environ.get("ENCHANT_CONFIG_DIR")
                    os.environ["ENCHANT_CONFIG_DIR"] = str(shipped_dir)
                    try:
                        if broker.dict_exists(language):
                            d = broker.request_dict(language)
                            return cls(d, f"enchant:{language} ({d.provider.name}, incluido)")
                    finally:
                        if previous is None:
                            os.environ.pop("ENCHANT_CONFIG_DIR", None)
                        else:
                            os.environ["ENCHANT_CONFIG_DIR"] = previous
            for tag in ("es_ES", "es"):  # any other Spanish dictionary the system has
                if broker.dict_exists(tag):
                    d = broker.request_dict(tag)
                    return cls(d, f"enchant:{tag} ({d.provider.name}, sistema)")
        except enchant.errors.Error:
            return None
        return None

    def check(self, word: str) -> bool:
        return bool(self._dict.check(word))  # type: ignore[attr-defined]

    def suggest(self, word: str) -> list[str]:
        return list(self._dict.suggest(word))[:MAX_SUGGESTIONS]  # type: ignore[attr-defined]


class SpyllsChecker:
    """Pure-Python hunspell (spylls), loaded on first use. Not thread-safe alone."""

    available = True

    def __init__(self, stem: Path, suggest_budget_s: float = 0.25) -> None:
        self._stem = stem  # path without extension: ".../es_MX"
        self._dictionary: object | None = None
        self._suggest_budget_s = suggest_budget_s
        self.name = f"spylls:{stem.name}"

    @classmethod
    def load(
        cls, language: str = DEFAULT_LANGUAGE, shipped_dir: Path | None = SHIPPED_DICTIONARIES_DIR
    ) -> SpyllsChecker | None:
        try:
            import spylls.hunspell  # noqa: F401
        except ImportError:
            return None
        candidates = [Path("/usr/share/hunspell") / language]
        if shipped_dir is not None:
            candidates.append(shipped_dir / "hunspell" / language)
        for stem in candidates:
            if stem.with_suffix(".dic").exists() and stem.with_suffix(".aff").exists():
                return cls(stem)
        return None

    def _dict(self) -> object:
        if self._dictionary is None:
            from spylls.hunspell import Dictionary

            self._dictionary = Dictionary.from_files(str(self._stem))
        return self._dictionary

    def check(self, word: str) -> bool:
        return bool(self._dict().lookup(word))  # type: ignore[attr-defined]

    def suggest(self, word: str) -> list[str]:
        found = [v for v in accent_variants(word) if self.check(v)]
        deadline = time.monotonic() + self._suggest_budget_s
        for s in self._dict().suggest(word):  # type: ignore[attr-defined]
            if s not in found:
                found.append(s)
            if len(found) >= MAX_SUGGESTIONS or time.monotonic() > deadline:
                break
        return found[:MAX_SUGGESTIONS]


_ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "úü", "n": "ñ"}


def accent_variants(word: str) -> list[str]:
    """The word with one vowel accented (or n→ñ): the commonest Spanish typing slip."""
    out: list[str] = []
    for i, ch in enumerate(word):
        for repl in _ACCENTS.get(ch.lower(), ""):
            out.append(word[:i] + (repl.upper() if ch.isupper() else repl) + word[i + 1 :])
    return out


class CachedChecker:
    """Serialises calls to a backend and remembers recent answers (bounded LRU)."""

    def __init__(
        self, inner: SpellChecker, maxsize: int = 4096, index: SuggestionIndex | None = None,
        build_index_on_demand: bool = False,
    ) -> None:
        self.inner = inner
        self.index = index
        # Build the index at the first suggestion (spylls: its own search is far slower than
        # the build); else only when `prepare_suggestions()` asks (the composer), so that a
        # short command-line run does not spend seconds of CPU building it.
        self._index_on_demand = build_index_on_demand
        self.name = inner.name
        self.available = inner.available
        self._lock = threading.Lock()
        self._maxsize = maxsize
        self._checked: OrderedDict[str, bool] = OrderedDict()
        self._suggested: OrderedDict[str, list[str]] = OrderedDict()

    def _cached(self, cache: OrderedDict[str, _T], word: str, compute: Callable[[str], _T]) -> _T:
        with self._lock:
            if word in cache:
                cache.move_to_end(word)
                return cache[word]
            value = compute(word)
            cache[word] = value
            if len(cache) > self._maxsize:
                cache.popitem(last=False)
            return value

    def warm_up(self) -> None:
        """Load a lazy backend now (spylls takes ~1 s): call it off the UI thread at start-up."""
        self.check("INE")

    def check(self, word: str) -> bool:
        return bool(self._cached(self._checked, word, self.inner.check))

    def suggest(self, word: str) -> list[str]:
        found: list[str] = self._cached(self._suggested, word, self._suggest)
        return list(found)  # a copy: callers may change it, the cache keeps its own

    def prepare_suggestions(self) -> None:
        """Start building the suggestion index in the background (no-op without one)."""
        if self.index is not None:
            self.index.start()

    def _suggest(self, word: str) -> list[str]:
        """The index's suggestions (confirmed by the backend) once built, else the backend's."""
        if self.index is None:
            return self.inner.suggest(word)
        if self._index_on_demand:
            self.index.start()
        if not self.index.ready:
            return self.inner.suggest(word)
        return self.index.suggest(word, self.inner.check)


def open_spell_checker(
    language: str = DEFAULT_LANGUAGE, shipped_dir: Path | None = SHIPPED_DICTIONARIES_DIR
) -> CachedChecker:
    """The best available checker: Enchant, then spylls, then the null checker."""
    backend: SpellChecker | None = EnchantChecker.load(language, shipped_dir)
    if backend is None:
        backend = SpyllsChecker.load(language, shipped_dir)
    if backend is None:
        return CachedChecker(NullChecker())
    index = None
    if shipped_dir is not None:
        stem = shipped_dir / "hunspell" / language
        if stem.with_suffix(".dic").exists() and stem.with_suffix(".aff").exists():
            index = shared_index(stem.with_suffix(".dic"), stem.with_suffix(".aff"))
    return CachedChecker(backend, index=index,
                         build_index_on_demand=isinstance(backend, SpyllsChecker))


def _nfc(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip())


class InstitutionalDictionary:
    """Words always accepted: the shipped list plus a user file in the data folder.

    A lowercase entry also accepts its capitalised and all-caps forms; an entry with capitals
    (an acronym, a proper name) is accepted as written and in all caps. Multi-word entries
    accept each of their words.
    """

    def __init__(
        self, user_path: Path | None = None, builtin_path: Path | None = BUILTIN_INSTITUTIONAL_FILE
    ) -> None:
        self.user_path = user_path
        self._lock = threading.Lock()
        self._words: set[str] = set()
        self._user_entries: list[str] = []
        if builtin_path is not None and builtin_path.exists():
            self._absorb(_read_entries(builtin_path))
        if user_path is not None and user_path.exists():
            self._user_entries = _read_entries(user_path)
            self._absorb(self._user_entries)

    def _absorb(self, entries: Iterable[str]) -> None:
        for entry in entries:
            for word in entry.split():
                self._words.add(word)
                self._words.add(word.upper())
                if word == word.lower():
                    self._words.add(word[:1].upper() + word[1:])

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _nfc(word) in self._words

    def user_entries(self) -> list[str]:
        with self._lock:
            return list(self._user_entries)

    def add(self, word: str) -> None:
        """Accept `word` from now on and append it to the user file (UTF-8, one a line)."""
        entry = _nfc(word)
        if not entry or "\n" in entry or entry.startswith("#"):
            raise ValueError("Escriba una palabra sin saltos de línea ni «#» al inicio.")
        with self._lock:
            if entry in self._user_entries:
                return
            self._user_entries.append(entry)
            self._absorb([entry])
            if self.user_path is not None:
                self.user_path.parent.mkdir(parents=True, exist_ok=True)
                needs_newline = (
                    self.user_path.exists()
                    and self.user_path.stat().st_size > 0
                    and not self.user_path.read_bytes().endswith(b"\n")
                )
                with self.user_path.open("a", encoding="utf-8", newline="\n") as fh:
                    fh.write(("\n" if needs_newline else "") + entry + "\n")


def _read_entries(path: Path) -> list[str]:
    entries: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = _nfc(line)
        if line and not line.startswith("#"):
            entries.append(line)
    return entries
