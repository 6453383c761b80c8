"""What a form is missing, all at once (issue 15): every dialog checks its fields here before it
calls its action, and shows every problem together — each field marked, the text kept — instead
of one refusal per click. Plain Python (no Qt, no database): the dialogs call these checks on
the UI thread, the tests call them directly, and the services still check their own rules (a
person's area, the level of a titular, permissions…), which need the database.

Each check returns a list of `FieldProblem(field, message)`; `FormProblems` is the error a
caller raises with them (a `ValidationError` whose message lists every problem).

URLs: `url_example(network, handle)` is the placeholder a field shows for the chosen network,
`account_url_problem` / `post_url_problem` say what is wrong with a URL typed for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from redes_desktop.errors import ValidationError
from redes_desktop.models.enums import Network

_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+\.)+[A-Za-z]{2,}$")
_HANDLE_RE = re.compile(r"^@?[A-Za-z0-9_.]{1,50}$")
MIN_JUSTIFICATION = 30  # 7.ii: the request's justification (services/account_requests.py)
MIN_DESCRIPTION = 10

# The hosts of each network's pages (the first is the one shown in examples).
NETWORK_HOSTS: dict[Network, tuple[str, ...]] = {
    Network.X: ("x.com", "twitter.com", "mobile.twitter.com"),
    Network.FACEBOOK: ("facebook.com", "www.facebook.com", "m.facebook.com", "fb.com",
                       "web.facebook.com"),
    Network.INSTAGRAM: ("instagram.com", "www.instagram.com"),
    Network.YOUTUBE: ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
    Network.TIKTOK: ("tiktok.com", "www.tiktok.com", "vm.tiktok.com"),
}


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class FormProblems(ValidationError):
    """Several fields of a form are missing or wrong; `problems` names each."""

    def __init__(self, problems: Sequence[FieldProblem], intro: str | None = None) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"• {p.message}" for p in self.problems)
        count = len(self.problems)
        intro = intro or ("Falta o no es válido este dato:" if count == 1 else
                          f"Faltan o no son válidos estos {count} datos:")
        super().__init__(f"{intro}\n{lines}", field=self.problems[0].field if count else None)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)


def raise_if_any(problems: Sequence[FieldProblem]) -> None:
    if problems:
        raise FormProblems(problems)


def _blank(value: str | None) -> bool:
    return not (value or "").strip()


# -- URLs ------------------------------------------------------------------------------------
def url_example(network: Network | str | None, handle: str = "", *, post: bool = False) -> str:
    """The example URL of an account (or of one of its posts) on `network`."""
    try:
        network = Network(network) if network is not None else None
    except ValueError:
        network = None
    bare = (handle or "").strip().lstrip("@") or "INEMexico"
    if network == Network.X:
        return f"https://x.com/{bare}/status/1234567890" if post else f"https://x.com/{bare}"
    if network == Network.FACEBOOK:
        return (f"https://www.facebook.com/{bare}/posts/1234567890" if post
                else f"https://www.facebook.com/{bare}")
    if network == Network.INSTAGRAM:
        return ("https://www.instagram.com/p/C1a2B3c4D5e/" if post
                else f"https://www.instagram.com/{bare}/")
    if network == Network.YOUTUBE:
        return ("https://www.youtube.com/watch?v=dQw4w9WgXcQ" if post
                else f"https://www.youtube.com/@{bare}")
    if network == Network.TIKTOK:
        return (f"https://www.tiktok.com/@{bare}/video/1234567890" if post
                else f"https://www.tiktok.com/@{bare}")
    return "https://…"


def _url_problem(network: Network | str | None, url: str, what: str, handle: str,
                 post: bool) -> str | None:
    text = (url or "").strip()
    example = url_example(network, handle, post=post)
    if not text or text in ("https://", "http://"):
        return f"Escriba la dirección de {what}, por ejemplo {example}."
    if any(c.isspace() for c in text):
        return (f"La dirección de {what} no puede llevar espacios; cópiela completa desde el "
                f"navegador, por ejemplo {example}.")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or "." not in parts.netloc:
        return (f"«{text}» no es una dirección completa: debe empezar con https:// y llevar el "
                f"sitio, por ejemplo {example}.")
    try:
        network = Network(network) if network is not None else None
    except ValueError:
        network = None
    hosts = NETWORK_HOSTS.get(network) if network is not None else None
    host = (parts.hostname or "").lower()
    if hosts and host not in hosts and not any(host.endswith("." + h) for h in hosts):
        return (f"«{text}» no es una dirección de {network.label if network else ''}: "
                f"{what} está en {hosts[0]}, por ejemplo {example}.")
    if hosts and parts.path.strip("/") == "":
        return (f"A «{text}» le falta la parte de {what}; por ejemplo {example}.")
    return None


def account_url_problem(network: Network | str | None, url: str, handle: str = "") -> \
        str | None:
    """What is wrong with `url` as the address of an account on `network` (None if fine)."""
    return _url_problem(network, url, "la cuenta", handle, post=False)


def post_url_problem(network: Network | str | None, url: str, handle: str = "") -> str | None:
    """What is wrong with `url` as the address of a published post (None if fine)."""
    return _url_problem(network, url, "la publicación", handle, post=True)


# -- the forms -------------------------------------------------------------------------------
def email_problem(email: str, who: str = "El correo") -> str | None:
    value = (email or "").strip().lower()
    if not value:
        return f"{who}: escriba la dirección institucional, por ejemplo nombre.apellido@ine.mx."
    if not _EMAIL_RE.match(value):
        return (f"{who}: «{email}» no es una dirección de correo válida; por ejemplo "
                "nombre.apellido@ine.mx.")
    domain = value.rsplit("@", 1)[1]
    if domain != "ine.mx" and not domain.endswith(".ine.mx"):
        return f"{who}: «{email}» no es del dominio ine.mx (criterio 7.v)."
    return None


def account_request_problems(*, area_id: str, network: Network | str | None, name: str,
                             handle: str, email: str, purposes: Sequence[str],
                             justification: str, titular_id: str, suplente_id: str,
                             oficio: str | None) -> list[FieldProblem]:
    """The request for a new account (7.ii): every missing or malformed field."""
    problems: list[FieldProblem] = []
    if _blank(area_id):
        problems.append(FieldProblem("area", "Elija el área que solicita la cuenta."))
    if _blank(name):
        problems.append(FieldProblem("name", "Escriba el nombre propuesto de la cuenta."))
    bare = (handle or "").strip()
    if not bare:
        problems.append(FieldProblem("handle", "Escriba el usuario propuesto (por ejemplo "
                                               "@JLE_JaliscoINE)."))
    elif not _HANDLE_RE.match(bare):
        problems.append(FieldProblem("handle", f"El usuario «{bare}» solo puede llevar letras, "
                                               "números, «_» y «.»."))
    elif network == Network.X and not bare.lower().endswith("ine"):
        problems.append(FieldProblem("handle", f"En X el usuario termina en «INE» (criterio "
                                               f"7.v): «{bare}» no."))
    mail = email_problem(email, "Correo de la cuenta")
    if mail:
        problems.append(FieldProblem("email", mail))
    if not [p for p in purposes if p and p.strip()]:
        problems.append(FieldProblem("purposes", "Marque al menos uno de los fines de la "
                                                 "sección 3."))
    if len((justification or "").strip()) < MIN_JUSTIFICATION:
        problems.append(FieldProblem(
            "justification", f"Justifique la cuenta en al menos {MIN_JUSTIFICATION} caracteres "
            "(criterio 7.ii)."))
    if _blank(titular_id):
        problems.append(FieldProblem("titular", "Elija al administrador titular (5.1)."))
    if _blank(suplente_id):
        problems.append(FieldProblem("suplente", "Elija al administrador suplente (5.1)."))
    if titular_id and suplente_id and titular_id == suplente_id:
        problems.append(FieldProblem("suplente", "Titular y suplente deben ser dos personas "
                                                 "distintas (5.1)."))
    if _blank(oficio):
        problems.append(FieldProblem("oficio", "Falta el oficio firmado de la solicitud "
                                               "(7.ii): adjúntelo con «Elegir…»."))
    return problems


def incident_problems(description: str, observed: datetime | None,
                      now: datetime) -> list[FieldProblem]:
    """A compromised account's report (6.xxx)."""
    problems: list[FieldProblem] = []
    if len((description or "").strip()) < MIN_DESCRIPTION:
        problems.append(FieldProblem("description", "Describa qué se observó (al menos "
                                                    f"{MIN_DESCRIPTION} caracteres)."))
    if observed is None:
        problems.append(FieldProblem("observed", "Indique cuándo se observó."))
    elif observed > now:
        problems.append(FieldProblem("observed", "La fecha y hora en que se observó no puede "
                                                 "ser futura."))
    return problems


def resolution_problems(resolution: str) -> list[FieldProblem]:
    if len((resolution or "").strip()) < MIN_DESCRIPTION:
        return [FieldProblem("resolution", "Escriba cómo se resolvió el incidente (al menos "
                                           f"{MIN_DESCRIPTION} caracteres).")]
    return []


def absence_problems(person_id: str, start: date | None, end: date | None,
                     today: date) -> list[FieldProblem]:
    """An absence (5.1): who and when."""
    problems: list[FieldProblem] = []
    if _blank(person_id):
        problems.append(FieldProblem("person", "Elija a la persona que se ausenta."))
    if start is None:
        problems.append(FieldProblem("starts_on", "Indique el día en que empieza la ausencia."))
    if end is None:
        problems.append(FieldProblem("ends_on", "Indique el día en que termina la ausencia."))
    if start is not None and end is not None and end < start:
        problems.append(FieldProblem("ends_on", "El día de término es anterior al de inicio."))
    elif end is not None and end < today:
        problems.append(FieldProblem("ends_on", "Esa ausencia ya terminó: solo se registran "
                                                "ausencias en curso o futuras."))
    return problems


def evaluation_problems(period_start: date, period_end: date, today: date, score: int,
                        findings: str) -> list[FieldProblem]:
    """The semestral evaluation (8.i)."""
    problems: list[FieldProblem] = []
    if period_end < period_start:
        problems.append(FieldProblem("period_end", "El fin del periodo es anterior a su "
                                                   "inicio."))
    if period_end > today:
        problems.append(FieldProblem("period_end", "El periodo evaluado no puede terminar en "
                                                   "el futuro."))
    if not 0 <= score <= 10:
        problems.append(FieldProblem("score", "La calificación va de 0 a 10."))
    if len((findings or "").strip()) < MIN_DESCRIPTION:
        problems.append(FieldProblem("findings", "Escriba los hallazgos de la evaluación: qué "
                                                 "funciona, qué no y qué se recomienda."))
    return problems


def area_problems(name: str, kind: str, state: str, district: int | None) -> list[FieldProblem]:
    """An area of the organisation (5.1)."""
    problems: list[FieldProblem] = []
    if _blank(name):
        problems.append(FieldProblem("name", "Escriba el nombre del área."))
    if kind in ("junta_local", "junta_distrital") and _blank(state):
        problems.append(FieldProblem("state", "Una Junta lleva su entidad federativa."))
    if kind == "junta_distrital" and not district:
        problems.append(FieldProblem("district", "Una Junta Distrital lleva su número de "
                                                 "distrito."))
    return problems


def person_problems(name: str, email: str, area_id: str) -> list[FieldProblem]:
    """A person of the organisation."""
    problems: list[FieldProblem] = []
    if _blank(name):
        problems.append(FieldProblem("name", "Escriba el nombre completo de la persona."))
    mail = email_problem(email, "Correo institucional")
    if mail:
        problems.append(FieldProblem("email", mail))
    if _blank(area_id):
        problems.append(FieldProblem("area", "Elija el área de la persona."))
    return problems


def closure_request_problems(account_id: str, reason: str,
                             oficio: str | None) -> list[FieldProblem]:
    """The request to close an account (7.vii)."""
    problems: list[FieldProblem] = []
    if _blank(account_id):
        problems.append(FieldProblem("account", "Elija la cuenta que se dará de baja."))
    if len((reason or "").strip()) < MIN_DESCRIPTION:
        problems.append(FieldProblem("reason", "Explique por qué el área deja de usar la "
                                               f"cuenta (al menos {MIN_DESCRIPTION} "
                                               "caracteres)."))
    if _blank(oficio):
        problems.append(FieldProblem("oficio", "Falta el oficio firmado de la baja (7.vii): "
                                               "adjúntelo con «Elegir…»."))
    return problems


def administrators_problems(titular_id: str, suplente_id: str) -> list[FieldProblem]:
    """A change of administrators (5.1, 7.iv)."""
    problems: list[FieldProblem] = []
    if _blank(titular_id):
        problems.append(FieldProblem("titular", "Elija al nuevo administrador titular."))
    if _blank(suplente_id):
        problems.append(FieldProblem("suplente", "Elija al nuevo administrador suplente."))
    if titular_id and titular_id == suplente_id:
        problems.append(FieldProblem("suplente", "Titular y suplente deben ser dos personas "
                                                 "distintas (5.1)."))
    return problems
