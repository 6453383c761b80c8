"""Spelling suggestions in a few milliseconds, whatever the dictionary backend (6.xxiv). No Qt.

spylls' own suggestion search takes 0.2-0.7 s a word and hunspell's up to ~40 ms; this index
answers in a few milliseconds with either. It holds every word form of the shipped hunspell
dictionary (the .dic stems expanded with the .aff prefix and suffix rules, ~710,000 forms), as
two sorted arrays of 64-bit hashes (~11 MB, no strings):

- the hash of each form as written («publicación»);
- the hash of each form folded: lower case, no accents, ñ→n, ü→u («publicacion»).

A misspelled word is folded and its edits at distance 1 (delete, transpose, replace, insert)
and its Spanish spelling variants of more than one letter (y/ll, ni/ñ, x/cc, h) are looked up
in the folded array; at distance 2 only when distance 1 finds nothing, and then
only cheap second edits (deletes, transposes and the usual Spanish confusions b/v, c/s/z, g/j,
y/i). Each folded hit is turned back into real forms by putting back one accent (and ñ, ü), kept
when its hash is in the first array, and finally confirmed by the backend's `check()`, so a hash
collision or a form the backend rejects is never suggested. Ranking: accent-only fixes first,
then a weighted edit distance where the Spanish confusions cost half.

The arrays are built once per process in a background thread (~2 s), started by the first
request; until they are ready the backend's own (slow) suggestions are used.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

_FOLD = str.maketrans("áéíóúüñàèìòùÁÉÍÓÚÜÑ", "aeiouunaeiouaeiouun")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_CONFUSED = {"b": "v", "v": "b", "c": "sz", "s": "cz", "z": "sc", "g": "j", "j": "g",
             "y": "i", "i": "y", "k": "c", "q": "c"}
_ACCENTABLE = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
MAX_SUGGESTIONS = 5


def fold(word: str) -> str:
    return word.lower().translate(_FOLD)


def expand_hunspell(dic: Path, aff: Path) -> Iterator[str]:
    """Every form of a hunspell dictionary: stems, suffixes (one continuation level), prefixes
    and their cross products. Good enough to propose candidates; the backend confirms them."""
    sfx: dict[str, list[tuple[str, str, str, re.Pattern | None]]] = {}
    pfx: dict[str, list[tuple[str, str, str, re.Pattern | None]]] = {}
    cross: dict[tuple[str, str], bool] = {}
    for line in aff.read_text(encoding="utf-8", errors="replace").splitlines():
        p = line.split()
        if len(p) == 4 and p[0] in ("SFX", "PFX") and p[2] in ("Y", "N"):
            cross[(p[0], p[1])] = p[2] == "Y"
        elif len(p) >= 5 and p[0] in ("SFX", "PFX"):
            strip = "" if p[2] == "0" else p[2]
            add, _, cont = p[3].partition("/")
            add = "" if add == "0" else add
            try:
                rx = None if p[4] == "." else re.compile(
                    ("(?:%s)$" if p[0] == "SFX" else "^(?:%s)") % p[4])
            except re.error:
                continue
            (sfx if p[0] == "SFX" else pfx).setdefault(p[1], []).append((strip, add, cont, rx))

    def suffixed(word: str, flags: str, depth: int) -> Iterator[tuple[str, str]]:
        for flag in flags:
            for strip, add, cont, rx in sfx.get(flag, ()):
                if (rx is not None and not rx.search(word)) or not word.endswith(strip):
                    continue
                form = word[: len(word) - len(strip)] + add
                yield form, flag
                if cont and depth == 0:
                    for deeper, _ in suffixed(form, cont, 1):
                        yield deeper, flag

    lines = dic.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    for line in lines:
        stem, _, flags = line.partition("/")
        stem = stem.split()[0] if stem.split() else ""
        if not stem:
            continue
        flags = flags.split()[0] if flags.split() else ""
        yield stem
        with_suffix = list(suffixed(stem, flags, 0))
        for form, _ in with_suffix:
            yield form
        for flag in flags:
            for strip, add, _cont, rx in pfx.get(flag, ()):
                if (rx is not None and not rx.search(stem)) or not stem.startswith(strip):
                    continue
                yield add + stem[len(strip):]
                if cross.get(("PFX", flag)):
                    for form, sflag in with_suffix:
                        if cross.get(("SFX", sflag)):
                            yield add + form[len(strip):]


def _sorted_hashes(words: Iterable[str]) -> array:
    return array("q", sorted(set(map(hash, words))))


def _contains(hashes: array, word: str) -> bool:
    h = hash(word)
    i = bisect_left(hashes, h)
    return i < len(hashes) and hashes[i] == h


def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET if c != b[0]}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


def _cheap_edits(word: str) -> set[str]:
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    out |= {word[:i] + c + word[i + 1 :] for i, ch in enumerate(word)
            for c in _CONFUSED.get(ch, "")}
    return out


def _cost(a: str, b: str) -> float:
    """Damerau-Levenshtein where the usual Spanish confusions (and a silent h) cost half."""

    def gap(ch: str) -> float:
        return 0.5 if ch == "h" else 1.0

    prev2: list[float] = []
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + gap(ch))
    for i in range(1, len(a) + 1):
        cur = [prev[0] + gap(a[i - 1])] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            sub = 0.0 if a[i - 1] == b[j - 1] else (
                0.5 if b[j - 1] in _CONFUSED.get(a[i - 1], "") else 1.0)
            cur[j] = min(prev[j] + gap(a[i - 1]), cur[j - 1] + gap(b[j - 1]), prev[j - 1] + sub)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 0.6)
        prev2, prev = prev, cur
    return prev[-1]


class SuggestionIndex:
    """Hashes of every form (lower case) of a hunspell dictionary; `suggest()` once `ready`."""

    def __init__(self, dic: Path, aff: Path) -> None:
        self.dic, self.aff = dic, aff
        self._forms: array | None = None
        self._folded: array | None = None
        self._started = False
        self._lock = threading.Lock()
        self._done = threading.Event()
        self.error: str | None = None

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self._forms is not None

    def start(self) -> None:
        """Build the arrays in a daemon thread (once)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self.build, name="suggest-index", daemon=True).start()

    def build(self) -> None:
        try:
            forms = list(expand_hunspell(self.dic, self.aff))
            self._folded = _sorted_hashes(map(fold, forms))
            self._forms = _sorted_hashes(f.lower() for f in forms)
        except (OSError, ValueError) as exc:  # a missing or broken dictionary: no index
            self.error = str(exc)
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        self.start()
        return self._done.wait(timeout) and self.ready

    def suggest(self, word: str, accept: Callable[[str], bool]) -> list[str]:
        """Up to five forms near `word` that `accept` (the backend's check) confirms."""
        if not self.ready or not word:
            return []
        assert self._folded is not None
        target = fold(word)
        found: dict[str, float] = {}
        if _contains(self._folded, target):
            self._collect(target, word, found, accent_only=True)
        near = edits1(target)
        hits = [c for c in near if _contains(self._folded, c)]
        for variant in _spelling_variants(target):  # casiya → casilla, anio → año
            if _contains(self._folded, variant):
                self._collect(variant, word, found, accent_only=False, cost=0.5)
        if not hits and not found and len(target) >= 5:
            seen = set(near)
            for c in near:
                for c2 in _cheap_edits(c):
                    if c2 not in seen:
                        seen.add(c2)
                        if _contains(self._folded, c2):
                            hits.append(c2)
        for c in hits:
            self._collect(c, word, found, accent_only=False)
        ranked = sorted(found, key=lambda f: (found[f], abs(len(f) - len(word)), f))
        out: list[str] = []
        for form in ranked:
            for shaped in (_shape_like(word, form), form[:1].upper() + form[1:]):
                if shaped not in out and shaped != word and accept(shaped):
                    out.append(shaped)
                    break
            if len(out) >= MAX_SUGGESTIONS:
                break
        return out

    def _collect(self, folded: str, word: str, found: dict[str, float], accent_only: bool,
                 cost: float | None = None) -> None:
        assert self._forms is not None
        for form in _real_forms(folded):
            if form not in found and _contains(self._forms, form):
                base = 0.1 if accent_only else (
                    cost if cost is not None else _cost(fold(word), folded))
                found[form] = base + 0.01 * (form != folded) - 0.02 * ("ñ" in form)


_VARIANTS = (("y", "ll"), ("ll", "y"), ("ni", "n"), ("x", "cc"), ("cc", "x"), ("sc", "s"),
             ("s", "sc"), ("h", ""))


def _spelling_variants(word: str) -> set[str]:
    """One Spanish spelling confusion of more than one letter undone (y/ll, ni/ñ, x/cc, h)."""
    out: set[str] = set()
    for old, new in _VARIANTS:
        start = word.find(old)
        while start >= 0:
            out.add(word[:start] + new + word[start + len(old) :])
            start = word.find(old, start + 1)
    return out


def _real_forms(folded: str) -> Iterator[str]:
    """The folded word with ñ/ü put back and at most one accent."""
    bases = [""]
    for ch in folded:
        options = [ch] + (["ñ"] if ch == "n" else []) + (["ü"] if ch == "u" else [])
        bases = [b + o for b in bases for o in options]
        if len(bases) > 16:
            bases = bases[:16]
    for base in bases:
        yield base
        for i, ch in enumerate(base):
            if ch in _ACCENTABLE:
                yield base[:i] + _ACCENTABLE[ch] + base[i + 1 :]


def _shape_like(original: str, form: str) -> str:
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


_shared: dict[tuple[Path, Path], SuggestionIndex] = {}
_shared_lock = threading.Lock()


def shared_index(dic: Path, aff: Path) -> SuggestionIndex:
    """One index per dictionary per process (built once, however many checkers ask)."""
    with _shared_lock:
        key = (dic, aff)
        if key not in _shared:
            _shared[key] = SuggestionIndex(dic, aff)
        return _shared[key]
