"""The Spanish word list for passphrases (resources/passwords/palabras-es.txt).

Built once from the stems of the hunspell es_MX dictionary shipped in resources/dictionaries
(`python -m redes_desktop.passwords.wordlist` rebuilds it): lowercase common words (stems that
take a plural or verb affix), 4 to 9 plain ASCII letters (no accents or ñ, so every keyboard and
every network's password field takes them), offensive or violent words removed, then the
WORD_COUNT most frequent in Spanish by the `wordfreq` package's frequencies (a build-time tool
only, not a dependency of the program; without it the choice falls back to a fixed SHA-256 order).
Each word drawn uniformly adds log2(WORD_COUNT) = 12.92 bits.
"""

from __future__ import annotations

import hashlib
import math
import re
from functools import cache
from pathlib import Path

from redes_desktop.resource_files import resource_path

WORDLIST_PATH = resource_path("passwords/palabras-es.txt")
HUNSPELL_DIC = resource_path("dictionaries/hunspell/es_MX.dic")
WORD_COUNT = 7776  # 6^5, the size of a Diceware list: 12.92 bits a word
MIN_LETTERS, MAX_LETTERS = 4, 9

_WORD = re.compile(r"^[a-z]+$")
# Flags of es_MX.aff that mark ordinary vocabulary: plurals (S, G) and verb conjugations (R, E).
_COMMON_FLAGS = set("SGRE")

# Words never offered in a passphrase: insults, sexual or violent terms, slurs. Exact words and
# prefixes (a prefix removes every word that starts with it).
BLOCKED_WORDS = {
    "puta", "puto", "putas", "putos", "culo", "culos", "verga", "vergas", "pene", "penes",
    "teta", "tetas", "joto", "jotos", "perra", "zorra", "mamon", "mamona", "naco", "naca",
    "idiota", "imbecil", "tarado", "tarada", "menso", "mensa", "baboso", "babosa", "nazi",
    "nazis", "negro", "negra", "indio", "india", "gordo", "gorda", "feto", "fetos", "coca",
    "mota", "pistola", "bala", "balas", "bomba", "bombas", "arma", "armas", "fraude",
    "tonto", "tonta", "loco", "loca", "bruto", "bruta", "maldito", "maldita", "diablo",
    "infierno", "cerdo", "cerda", "pinche", "carajo", "culero", "mamar", "follar", "coger",
    "nalga", "nalgas", "pito", "polla", "orto", "ojete", "concha", "chaqueta", "chichi",
    "panocha", "huevon", "cornudo", "bastardo", "bastarda", "lesbiana", "travesti", "enano",
    "enana", "paria", "robo", "racista", "esclavo", "esclava", "basura", "mugre", "sucio",
    "sucia", "feo", "fea", "gay", "chingar",
}
BLOCKED_PREFIXES = (
    "pendej", "mierd", "chingad", "chingon", "cabron", "marica", "maricon", "putañ", "puter",
    "chinga", "cojon", "coño", "joder", "jodid", "estupid", "retrasad", "mongol", "violar",
    "violad", "violacion",
    "asesin", "matar", "matanz", "suicid", "cadaver", "muert", "droga", "cocain", "heroin",
    "porno", "sexo", "sexual", "orgasm", "vagin", "prostitu", "burdel", "genocid", "tortur",
    "terror", "secuestr", "narco", "sicari", "drogad", "borrach", "embarazad", "masturb",
    "excrement", "orina", "vomit", "cagar", "cagad", "pedo", "ladron", "robar", "soborn",
    "corrup", "trampa", "golpe", "guerra", "sangr", "odio", "mugros", "asqueros",
)


def is_blocked(word: str) -> bool:
    return word in BLOCKED_WORDS or word.startswith(BLOCKED_PREFIXES)


def candidate_stems(dic_path: Path = HUNSPELL_DIC) -> list[str]:
    """Lowercase ASCII stems of ordinary vocabulary, 4–9 letters, without blocked words."""
    words: set[str] = set()
    lines = dic_path.read_text(encoding="utf-8").splitlines()[1:]  # first line: the count
    for line in lines:
        stem, _, flags = line.partition("/")
        stem = stem.strip()
        if not (MIN_LETTERS <= len(stem) <= MAX_LETTERS) or not _WORD.match(stem):
            continue
        if not _COMMON_FLAGS & set(flags):
            continue
        if is_blocked(stem):
            continue
        words.add(stem)
    return sorted(words)


def build(dic_path: Path = HUNSPELL_DIC, count: int = WORD_COUNT) -> list[str]:
    """The `count` most frequent candidate stems (ties and the fallback: SHA-256 order)."""
    stems = candidate_stems(dic_path)
    if len(stems) < count:
        raise ValueError(f"only {len(stems)} candidate words, {count} needed")

    def tiebreak(word: str) -> bytes:
        return hashlib.sha256(word.encode()).digest()

    try:
        from wordfreq import zipf_frequency
    except ImportError:
        chosen = sorted(stems, key=tiebreak)[:count]
    else:
        chosen = sorted(stems, key=lambda w: (-zipf_frequency(w, "es"), tiebreak(w)))[:count]
    return sorted(chosen)


@cache
def load(path: Path = WORDLIST_PATH) -> tuple[str, ...]:
    words = tuple(
        w.strip() for w in path.read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    )
    if len(set(words)) != len(words):
        raise ValueError(f"{path} has repeated words")
    return words


def bits_per_word(words: tuple[str, ...] | None = None) -> float:
    return math.log2(len(words if words is not None else load()))


def main() -> None:  # pragma: no cover - a maintenance tool
    words = build()
    WORDLIST_PATH.parent.mkdir(parents=True, exist_ok=True)
    WORDLIST_PATH.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} palabras, {math.log2(len(words)):.2f} bits por palabra → {WORDLIST_PATH}")


if __name__ == "__main__":  # pragma: no cover
    main()
