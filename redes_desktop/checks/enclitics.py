"""Verb forms with attached pronouns that hunspell-es lacks («llámale», «comiénzalo»,
«descárgala», «vótalo»), criterion 6.xxiv. No Qt.

hunspell-es 7.5 knows many enclitic forms (consúltala, regístrate) but not all. A word is
accepted here when, after removing one or two pronouns from its end and the accent that the
pronouns made necessary, what is left is a word the dictionary accepts; and the accent sits
where Spanish puts it: on the stem's penultimate vowel for a form ending in a vowel
(llá-ma-le), on the last one for an infinitive (dár-se-lo). «votálo» or «llamále» stay errors.
"""

from __future__ import annotations

from collections.abc import Callable

_PRONOUNS = ("me", "te", "se", "nos", "os", "lo", "la", "le", "los", "las", "les")
_ENDINGS = sorted({a + b for a in ("", "me", "te", "se", "nos") for b in _PRONOUNS}
                  | set(_PRONOUNS), key=len, reverse=True)
_PLAIN = str.maketrans("áéíóú", "aeiou")
_VOWELS = set("aeiouáéíóú")


def is_enclitic_form(word: str, check: Callable[[str], bool]) -> bool:
    low = word.lower()
    for ending in _ENDINGS:
        if not low.endswith(ending) or len(low) - len(ending) < 2:
            continue
        stem = low[: -len(ending)]
        accents = [i for i, ch in enumerate(stem) if ch in "áéíóú"]
        if len(accents) != 1:
            continue
        plain = stem.translate(_PLAIN)
        vowels_after = sum(ch in _VOWELS for ch in stem[accents[0] + 1 :])
        if plain.endswith("r"):
            if vowels_after != 0:
                continue  # dárselo, ponérselo: the accent on the infinitive's last vowel
        elif vowels_after == 0 or plain[-1] not in _VOWELS:
            continue  # llámale, diciéndole: never on the stem's last vowel
        if check(plain) or check(plain.capitalize()):
            return True
    return False
