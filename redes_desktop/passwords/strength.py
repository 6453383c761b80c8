"""How strong a password is, in Spanish, and whether it meets criterion 5.2 g.

The estimate is zxcvbn's (guesses, score 0–4), fed with the account's own words (its handle,
network, area and the Institute's names) so that a password built on them scores low. zxcvbn
refuses more than 72 characters: longer passwords are scored on their first 72 and the result
says so (the rest can only make the password stronger). The verdict explains each failing
point, after KeePassXC's PasswordHealth: every penalty comes with a reason a person can act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

ZXCVBN_MAX = 72
MIN_LENGTH = 12
MIN_SCORE = 3
INSTITUTE_WORDS = ("INE", "Instituto Nacional Electoral", "ine.mx", "INEMexico", "elecciones")

SCORE_LABELS = ("muy débil", "débil", "regular", "fuerte", "muy fuerte")

_FEEDBACK_ES = {
    "Use a few words, avoid common phrases.": "Use varias palabras; evite frases comunes.",
    "No need for symbols, digits, or uppercase letters.":
        "Agregue palabras poco comunes; los símbolos solos ayudan poco.",
    "Add another word or two. Uncommon words are better.":
        "Agregue una o dos palabras más; mejor si son poco comunes.",
    "Straight rows of keys are easy to guess.":
        "Las filas seguidas del teclado son fáciles de adivinar.",
    "Short keyboard patterns are easy to guess.":
        "Los patrones cortos del teclado son fáciles de adivinar.",
    "Use a longer keyboard pattern with more turns.":
        "Evite los patrones del teclado.",
    'Repeats like "aaa" are easy to guess.': "Las repeticiones como «aaa» son fáciles de adivinar.",
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".':
        "Las repeticiones como «abcabcabc» son apenas más difíciles de adivinar que «abc».",
    "Avoid repeated words and characters.": "Evite repetir palabras y caracteres.",
    'Sequences like "abc" or "6543" are easy to guess.':
        "Las secuencias como «abc» o «6543» son fáciles de adivinar.",
    "Avoid sequences.": "Evite las secuencias.",
    "Recent years are easy to guess.": "Los años recientes son fáciles de adivinar.",
    "Avoid recent years.": "Evite los años recientes.",
    "Avoid years that are associated with you.": "Evite los años relacionados con usted.",
    "Dates are often easy to guess.": "Las fechas suelen ser fáciles de adivinar.",
    "Avoid dates and years that are associated with you.":
        "Evite fechas y años relacionados con usted.",
    "This is a top-10 common password.": "Es una de las 10 contraseñas más usadas.",
    "This is a top-100 common password.": "Es una de las 100 contraseñas más usadas.",
    "This is a very common password.": "Es una contraseña muy común.",
    "This is similar to a commonly used password.": "Se parece a una contraseña muy usada.",
    "A word by itself is easy to guess.": "Una palabra sola es fácil de adivinar.",
    "Names and surnames by themselves are easy to guess.":
        "Los nombres y apellidos solos son fáciles de adivinar.",
    "Common names and surnames are easy to guess.":
        "Los nombres y apellidos comunes son fáciles de adivinar.",
    "Capitalization doesn't help very much.": "Empezar con mayúscula ayuda poco.",
    "All-uppercase is almost as easy to guess as all-lowercase.":
        "Todo en mayúsculas es casi tan fácil de adivinar como todo en minúsculas.",
    "Reversed words aren't much harder to guess.":
        "Las palabras al revés no son mucho más difíciles de adivinar.",
    "Predictable substitutions like '@' instead of 'a' don't help very much.":
        "Los cambios previsibles, como «@» en lugar de «a», ayudan poco.",
}


def translate_feedback(text: str) -> str:
    return _FEEDBACK_ES.get(text, text)


def display_time(seconds: float) -> str:
    """zxcvbn's display_time in Spanish (same thresholds: a month is 31 days)."""
    minute, hour, day = 60, 3600, 86400
    month, year = day * 31, day * 31 * 12
    century = year * 100
    if seconds < 1:
        return "menos de un segundo"
    if seconds >= century:
        return "siglos"
    for limit, unit, singular, plural in (
        (minute, 1, "segundo", "segundos"),
        (hour, minute, "minuto", "minutos"),
        (day, hour, "hora", "horas"),
        (month, day, "día", "días"),
        (year, month, "mes", "meses"),
        (century, year, "año", "años"),
    ):
        if seconds < limit:
            n = round(seconds / unit)
            return f"{n} {singular if n == 1 else plural}"
    return "siglos"  # pragma: no cover


def fold(text: str) -> str:
    """Lowercase without accents, for comparing words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def context_words(values: Iterable[str | None]) -> list[str]:
    """The words zxcvbn must count against the password: each value whole and in pieces
    (a handle like "@JLE_JaliscoINE" gives "jle_jaliscoine", "jle", "jalisco", "ine")."""
    words: list[str] = []
    for value in list(values) + list(INSTITUTE_WORDS):
        if not value:
            continue
        text = value.strip().lstrip("@")
        pieces = re.split(r"[\s_.\-@/]+|(?<=[a-záéíóúñ])(?=[A-ZÁÉÍÓÚÑ])", text)
        for candidate in [text, *pieces]:
            folded = fold(candidate)
            if len(folded) >= 3 and folded not in words:
                words.append(folded)
    return words


@dataclass(frozen=True)
class Strength:
    score: int  # 0–4
    label: str
    crack_time: str  # Spanish, offline attack on a slow hash (10⁴ guesses a second)
    crack_seconds: float
    guesses_log10: float
    meets_criterion: bool  # 5.2 g
    reasons: tuple[str, ...] = field(default_factory=tuple)  # why it does not meet 5.2 g
    warning: str = ""
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    truncated: bool = False  # only the first 72 characters were scored

    def as_json(self) -> dict:
        return {
            "puntuacion": self.score, "nivel": self.label, "tiempo_para_descifrar": self.crack_time,
            "cumple_5_2_g": self.meets_criterion, "motivos": list(self.reasons),
            "aviso": self.warning, "sugerencias": list(self.suggestions),
            "evaluados_solo_72": self.truncated,
        }


class _Feedback(TypedDict):
    """zxcvbn's `feedback` (the library ships no types)."""

    warning: str
    suggestions: list[str]


def evaluate(password: str, user_inputs: Iterable[str] = ()) -> Strength:
    """Score `password`; `user_inputs` are the account's own words (see `context_words`)."""
    from zxcvbn import zxcvbn

    inputs = list(user_inputs)
    truncated = len(password) > ZXCVBN_MAX
    result = zxcvbn(password[:ZXCVBN_MAX], user_inputs=inputs) if password else None
    score = int(result["score"]) if result else 0
    seconds = float(result["crack_times_seconds"]["offline_slow_hashing_1e4_per_second"]) \
        if result else 0.0
    reasons = _reasons(password, score, result, inputs)
    feedback: _Feedback = result["feedback"] if result else {"warning": "", "suggestions": []}
    return Strength(
        score=score,
        label=SCORE_LABELS[score],
        crack_time=display_time(seconds),
        crack_seconds=seconds,
        guesses_log10=float(result["guesses_log10"]) if result else 0.0,
        meets_criterion=not reasons,
        reasons=tuple(reasons),
        warning=translate_feedback(feedback.get("warning") or ""),
        suggestions=tuple(translate_feedback(s) for s in feedback.get("suggestions") or []),
        truncated=truncated,
    )


def _reasons(password: str, score: int, result, inputs: list[str]) -> list[str]:
    if not password:
        return ["Escriba o genere una contraseña."]
    reasons: list[str] = []
    if len(password) < MIN_LENGTH:
        reasons.append(f"Mide {len(password)} caracteres; se piden al menos {MIN_LENGTH}.")
    if not any(c.isalpha() for c in password):
        reasons.append("No tiene letras.")
    if not any(c.isdigit() for c in password):
        reasons.append("No tiene números.")
    if all(c.isalnum() for c in password):
        reasons.append("No tiene caracteres especiales (por ejemplo ! # % & * - _ ?).")
    if result is not None:
        found = sorted({
            m["matched_word"] for m in result["sequence"]
            if m.get("pattern") == "dictionary" and m.get("dictionary_name") == "user_inputs"
            and len(m.get("matched_word", "")) >= 4
        })
        if found:
            listed = ", ".join(f"«{w}»" for w in found)
            reasons.append(
                f"Contiene {listed}, palabra(s) de la cuenta o del Instituto: son lo primero "
                "que se prueba al atacarla.")
    if score < MIN_SCORE:
        reasons.append(
            f"Es fácil de adivinar: fortaleza {score} de 4 ({SCORE_LABELS[score]}); se pide al "
            f"menos {MIN_SCORE}.")
    return reasons
