"""Password and passphrase generator (criterion 5.2 g), after KeePassXC's PasswordGenerator:
settings are validated first (impossible ones are refused with a Spanish reason), one character
is drawn from each chosen class, the rest from the union of the classes, and the result is
shuffled with Fisher–Yates. Every random choice comes from `secrets` (the OS CSPRNG).
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass

from redes_desktop.errors import ValidationError
from redes_desktop.passwords import wordlist

LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
# Specials that every network's password field and every keyboard layout take: no space, no
# quotes, no backslash or backtick (they break copying into forms and shells).
SPECIALS = "!#$%&()*+,-./:;<=>?@[]^_{|}~"
# Characters easily confused with one another when read aloud or copied by hand.
LOOK_ALIKE = "Il1|O0o"

MIN_LENGTH = 12
MAX_LENGTH = 128
DEFAULT_LENGTH = 20
MIN_WORDS, MAX_WORDS, DEFAULT_WORDS = 4, 12, 6
SEPARATORS = "-.:_+=!#*"

CLASS_NAMES = {
    "lower": "minúsculas",
    "upper": "mayúsculas",
    "digits": "números",
    "specials": "caracteres especiales",
}


@dataclass(frozen=True)
class PasswordSettings:
    length: int = DEFAULT_LENGTH
    lower: bool = True
    upper: bool = True
    digits: bool = True
    specials: bool = True
    exclude_look_alike: bool = False

    def classes(self) -> dict[str, str]:
        """The chosen classes with their characters (look-alikes removed when asked)."""
        chosen = {
            "lower": LOWER if self.lower else "",
            "upper": UPPER if self.upper else "",
            "digits": DIGITS if self.digits else "",
            "specials": SPECIALS if self.specials else "",
        }
        if self.exclude_look_alike:
            chosen = {k: "".join(c for c in v if c not in LOOK_ALIKE) for k, v in chosen.items()}
        return {k: v for k, v in chosen.items() if v}

    def validate(self) -> None:
        if not isinstance(self.length, int) or isinstance(self.length, bool):
            raise ValidationError("La longitud debe ser un número entero.", "5.2 g", "length")
        if self.length < MIN_LENGTH:
            raise ValidationError(
                f"Una contraseña de {self.length} caracteres es demasiado corta: use al menos "
                f"{MIN_LENGTH} (criterio 5.2 g).", "5.2 g", "length")
        if self.length > MAX_LENGTH:
            raise ValidationError(
                f"La longitud máxima es {MAX_LENGTH} caracteres; pidió {self.length}.",
                "5.2 g", "length")
        classes = self.classes()
        if not classes:
            raise ValidationError(
                "Elija al menos un tipo de caracteres (minúsculas, mayúsculas, números o "
                "caracteres especiales).", "5.2 g", "classes")
        if len(classes) > self.length:  # cannot happen with MIN_LENGTH 12; kept for safety
            raise ValidationError(
                f"Con {self.length} caracteres no cabe uno de cada uno de los "
                f"{len(classes)} tipos elegidos.", "5.2 g", "length")

    def entropy_bits(self) -> float:
        """Upper bound: length × log2(size of the alphabet)."""
        alphabet = sum(len(v) for v in self.classes().values())
        return self.length * math.log2(alphabet) if alphabet else 0.0


@dataclass(frozen=True)
class PassphraseSettings:
    words: int = DEFAULT_WORDS
    separator: str = "-"
    capitalize: bool = True  # first letter of each word in capitals
    add_number: bool = True  # a two-digit number as one more piece

    def validate(self) -> None:
        if not isinstance(self.words, int) or isinstance(self.words, bool):
            raise ValidationError("El número de palabras debe ser un entero.", "5.2 g", "words")
        if not MIN_WORDS <= self.words <= MAX_WORDS:
            raise ValidationError(
                f"Una frase de contraseña lleva entre {MIN_WORDS} y {MAX_WORDS} palabras; "
                f"pidió {self.words}.", "5.2 g", "words")
        if len(self.separator) != 1 or self.separator not in SEPARATORS:
            raise ValidationError(
                f"El separador debe ser uno de estos caracteres: {' '.join(SEPARATORS)}.",
                "5.2 g", "separator")

    def entropy_bits(self, words: tuple[str, ...] | None = None) -> float:
        bits = self.words * wordlist.bits_per_word(words)
        if self.add_number:
            bits += math.log2(100) + math.log2(self.words + 1)  # the number and its place
        return bits


def secure_shuffle(items: list[str]) -> None:
    """Fisher–Yates in place, each swap index from the CSPRNG."""
    for i in range(len(items) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        items[i], items[j] = items[j], items[i]


def generate_password(settings: PasswordSettings | None = None) -> str:
    settings = settings or PasswordSettings()
    settings.validate()
    classes = settings.classes()
    alphabet = "".join(classes.values())
    chars = [secrets.choice(group) for group in classes.values()]
    chars += [secrets.choice(alphabet) for _ in range(settings.length - len(chars))]
    secure_shuffle(chars)
    return "".join(chars)


def generate_passphrase(
    settings: PassphraseSettings | None = None, words: tuple[str, ...] | None = None
) -> str:
    settings = settings or PassphraseSettings()
    settings.validate()
    pool = words if words is not None else wordlist.load()
    if len(pool) < 1000:
        raise ValidationError("La lista de palabras está incompleta; reinstale el programa.")
    pieces = [secrets.choice(pool) for _ in range(settings.words)]
    if settings.capitalize:
        pieces = [w[:1].upper() + w[1:] for w in pieces]
    if settings.add_number:
        pieces.insert(secrets.randbelow(len(pieces) + 1), f"{secrets.randbelow(100):02d}")
    return settings.separator.join(pieces)
