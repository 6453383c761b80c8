"""What a vault passphrase must be, and what losing it means — shared by the window's dialog
and the command line."""

from __future__ import annotations

from dataclasses import dataclass

MIN_LENGTH = 12
MIN_SCORE = 3


@dataclass(frozen=True)
class Assessment:
    score: int  # zxcvbn 0–4
    label: str  # «muy débil» … «muy fuerte»
    crack_time: str
    problems: tuple[str, ...]  # empty: acceptable

    @property
    def acceptable(self) -> bool:
        return not self.problems


def assess(passphrase: str) -> Assessment:
    """zxcvbn's estimate (passwords/strength.py, with the Institute's words counted against it)
    and the two rules: at least 12 characters, strength at least 3 of 4."""
    from redes_desktop.passwords.strength import context_words, evaluate

    strength = evaluate(passphrase, context_words([]))
    problems = []
    if len(passphrase) < MIN_LENGTH:
        problems.append(f"Mide {len(passphrase)} caracteres; se piden al menos {MIN_LENGTH}.")
    if passphrase and strength.score < MIN_SCORE:
        hint = f" {strength.warning}" if strength.warning else ""
        problems.append(
            f"Es fácil de adivinar (fortaleza {strength.score} de 4, {strength.label}).{hint} "
            "Una frase de cuatro o cinco palabras poco comunes es fuerte y fácil de recordar.")
    if not passphrase:
        problems = ["Escriba una frase de acceso."]
    return Assessment(strength.score, strength.label, strength.crack_time, tuple(problems))


LOST_PASSPHRASE = (
    "La frase de acceso no se guarda en ningún lugar y nadie puede recuperarla: ni el programa, "
    "ni soporte técnico.\n\n"
    "Lo que se pierde sin ella: los secretos de la bóveda — las claves de la bitácora de esta "
    "estación (sin ellas, la bitácora local no se puede leer ni continuar), las contraseñas de "
    "las cuentas guardadas aquí, y las contraseñas del correo (SMTP) y de la base de datos "
    "compartida.\n\n"
    "Lo que no se pierde: la base de datos local (publicaciones, consultas, cuentas, "
    "registros de rotación), la configuración, el archivo de la bitácora (sigue íntegro) y lo "
    "ya sincronizado con la base compartida. Las contraseñas de las cuentas siguen siendo "
    "válidas en cada red social: pueden restablecerse allí y volver a capturarse.\n\n"
    "Qué hacer: intente de nuevo con calma (mayúsculas, acentos, distribución del teclado). "
    "Si de verdad se perdió, cierre el programa y aparte el archivo de la bóveda (muévalo a "
    "otra carpeta, no lo borre: si recuerda la frase, seguirá sirviendo); al abrir de nuevo se "
    "creará una bóveda nueva. Pida a soporte técnico la clave de lectores de la bitácora. "
    "El programa no borra nada."
)
