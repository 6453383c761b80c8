"""6.vi / 6.ix / 6.x — where the links of a post lead.

Links to `ine.mx` (and its subdomains), to the related official sites of
`resources/checks/domains.json` and to the extra domains passed in (the settings'
`official_domains`) are fine. Everything else is judged, and every finding carries rule "6.vi":

- blocks: URL shorteners (the destination is hidden); invisible or bidirectional control
  characters inside the link; a `user@` part before the host (`https://ine.mx@evil.com`, also
  written as an address `ine.mx@evil.com`); hosts imitating an official one (`ine.mx.example.com`,
  `ine-mx.com`, `inemx.com`, `lne.mx`), punycode (`xn--`) hosts, above all those IDNA 2008
  cannot decode (`xn--ine-7ka.mx`), hosts mixing alphabets or using letters of other alphabets
  that look Latin (Cyrillic "і" in "іne.mx"), or adding a non-ASCII letter to an official name
  (`ineß.mx`).
- warns: a host sharing an official name elsewhere (`ine.es`, `ine-tramites.com`), a social
  network (is it an official account?), any other external site.

At most `MAX_FINDINGS_PER_RULE` findings are reported; one more counts the rest (and blocks if
any of them blocks).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from redes_desktop.checks import text_tokens
from redes_desktop.checks.confusables import latin_lookalikes, script_of
from redes_desktop.checks.model import CheckInput, Finding, Severity, cap_findings
from redes_desktop.checks.public_suffix import split_host

RULE_ID = "6.vi"

# Scripts whose letters every alphabet uses (the prolonged sound mark "ー" of Japanese words):
# they do not make a label "mixed".
_SHARED_SCRIPTS = frozenset({"COMMON", "INHERITED"})
# ASCII characters readers confuse (folded on both sides before comparing).
_ASCII_FOLD = (("rn", "m"), ("vv", "w"), ("1", "i"), ("l", "i"), ("|", "i"), ("0", "o"))


@cache
def _domain_data() -> dict:
    return json.loads(text_tokens.DOMAINS_FILE.read_text(encoding="utf-8"))


def _under(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _latin(value: str) -> str:
    """Look-alike letters of other alphabets made Latin (Unicode's confusables)."""
    return value if value.isascii() else value.translate(latin_lookalikes())


def _skeleton(host: str) -> str:
    """Lower case, compatibility-folded, accents dropped, look-alike letters made Latin."""
    host = unicodedata.normalize("NFKD", host.lower())
    host = "".join(c for c in host if not unicodedata.combining(c))
    return _fold(_latin(host))


def _fold(value: str) -> str:
    for old, new in _ASCII_FOLD:
        value = value.replace(old, new)
    return value


def _decode_punycode(host: str) -> tuple[str, bool]:
    """The host as a browser shows it, and whether every `xn--` label decoded.

    Decoded with the `idna` package (IDNA 2008 / UTS 46): Python's own `idna` codec is IDNA 2003
    and cannot decode labels such as `xn--ine-7ka` ("ineß"), which then passed as plain ASCII.
    A label that IDNA 2008 refuses is shown as its raw punycode reading when it has one."""
    if "xn--" not in host:
        return host, True
    import idna

    labels, valid = [], True
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = idna.decode(label)
            except (idna.IDNAError, UnicodeError, ValueError):
                valid = False
                try:
                    label = label[4:].encode("ascii").decode("punycode")
                except (UnicodeError, ValueError):
                    pass
        labels.append(label)
    return ".".join(labels), valid


def _encodable(host: str) -> bool:
    """Whether a host typed in Unicode is a valid internationalised name (UTS 46)."""
    import idna

    try:
        idna.encode(host, uts46=True)
    except (idna.IDNAError, UnicodeError, ValueError):
        return False
    return True


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Co", "Cc")


class LinksRule:
    rule_id = RULE_ID

    def __init__(self, extra_official_domains: Iterable[str] = ()) -> None:
        data = _domain_data()
        extra = [d.strip().lower().lstrip(".") for d in extra_official_domains if d.strip()]
        self._official = tuple(dict.fromkeys((*data["official_domains"],
                                              *data["related_official_domains"], *extra)))
        self._shorteners = frozenset(data["shorteners"])
        self._social = tuple(data["social_platforms"])
        self._judge_cached = lru_cache(maxsize=1024)(lambda url: self._judge_url(url, 0, 0))
        self._poses_as_site_cached = lru_cache(maxsize=1024)(self._poses_as_site)
        self._target_list: list[tuple[str, str, str, str]] | None = None

    @property
    def _targets(self) -> list[tuple[str, str, str, str]]:
        """(official domain, its folded form, its registrable name, name + suffix glued); built
        on the first link to a non-official host (the public-suffix list loads then)."""
        if self._target_list is None:
            targets = []
            for domain in self._official:
                name, suffix = split_host(domain)
                targets.append((domain, _fold(domain), _fold(name),
                                _fold(name + suffix.replace(".", ""))))
            self._target_list = targets
        return self._target_list

    @staticmethod
    def _split(host: str) -> tuple[str, str]:
        """Registrable name and public suffix (Public Suffix List): 'www.ine.com.mx' →
        ('ine', 'com.mx')."""
        return split_host(host)

    # -- judging one host ---------------------------------------------------------------

    def _imitated(self, skeleton: str) -> str | None:
        """The official domain `skeleton` imitates outright, if any."""
        dotted = "." + skeleton.replace("-", ".") + "."
        name, _ = self._split(skeleton)
        for domain, folded, _, glued in self._targets:
            if skeleton == folded or f".{folded}." in dotted:
                return domain
            if name.replace("-", "") == glued:
                return domain
        return None

    def _resembled(self, skeleton: str) -> str | None:
        """The official domain whose name appears as a label or hyphen-part of `skeleton`."""
        parts = set(skeleton.replace("-", ".").split("."))
        for domain, _, name, _ in self._targets:
            if len(name) >= 3 and name in parts:
                return domain
        return None

    def _judge_host(self, host: str, start: int, end: int) -> Finding | None:
        host = host.lower().rstrip(".")
        if _under(host, self._official):
            return None
        shown, decodable = _decode_punycode(host)
        skeleton = _skeleton(shown)
        if not decodable:
            return self._block(start, end, "dominio_punycode_invalido", (
                f"El dominio «{host}» está codificado (xn--) de una forma no válida"
                + (f" (se lee «{shown}»)" if shown != host else "")
                + ": ningún sitio legítimo se escribe así y suele ser una imitación. No lo "
                "publiques; usa la dirección oficial (criterio 6.vi)."))
        if shown != host:
            return self._block(start, end, "dominio_punycode", (
                f"El dominio «{host}» está codificado (xn--) y se muestra como «{shown}»: puede "
                "imitar a un sitio oficial. No publiques enlaces con dominios codificados; usa la "
                "dirección oficial (criterio 6.vi)."))
        if not host.isascii():
            scripts_by_label = [
                {script_of(c) for c in label if c.isalpha()} - _SHARED_SCRIPTS
                for label in host.split(".")
            ]
            mixed = any(len(s) > 1 for s in scripts_by_label)
            lookalike = _latin(host) != host
            # "ineß.mx": Latin only, but ine.mx with a letter added that ASCII readers skim over.
            padded = self._imitated("".join(c for c in skeleton if c.isascii()))
            if mixed or lookalike:
                return self._block(start, end, "dominio_homoglifo", (
                    f"El dominio «{host}» usa letras de otros alfabetos que se ven como latinas "
                    f"(se lee «{skeleton}»): es una imitación. Escribe la dirección a mano o "
                    "cópiala del sitio oficial (criterio 6.vi)."))
            if padded or not _encodable(host):
                return self._block(start, end, "dominio_homoglifo", (
                    f"El dominio «{host}» usa letras fuera del alfabeto inglés"
                    + (f" para parecerse a {padded}" if padded else " que no son válidas en "
                       "un dominio") + ": es una imitación. Escribe la dirección a mano o "
                    "cópiala del sitio oficial (criterio 6.vi)."))
        imitated = self._imitated(skeleton)
        if imitated:
            return self._block(start, end, "dominio_imitacion", (
                f"El dominio «{host}» imita a {imitated} sin serlo. Es un sitio ajeno que puede "
                f"engañar a la ciudadanía: usa la dirección oficial de {imitated} "
                "(criterio 6.vi)."))
        if _under(host, self._shorteners):
            return self._block(start, end, "acortador", (
                f"El enlace usa un acortador ({host}), que oculta su destino. El criterio 6.vi "
                "solo permite vínculos a sitios relacionados con los fines del Instituto: pon la "
                "dirección completa."))
        resembled = self._resembled(skeleton)
        if resembled:
            return Finding(RULE_ID, Severity.ADVIERTE, (
                f"El dominio «{host}» se parece a {resembled}, pero no es un sitio oficial. "
                "Confirma que es el sitio correcto; el criterio 6.vi solo permite vínculos ajenos "
                "directamente relacionados con los fines del Instituto."),
                start, end, (), "dominio_parecido")
        if _under(host, self._social):
            return Finding(RULE_ID, Severity.ADVIERTE, (
                f"El enlace lleva a {host}. Confirma que se trata de una cuenta o contenido "
                "oficial del Instituto (criterio 6.vi)."), start, end, (), "enlace_red_social")
        return Finding(RULE_ID, Severity.ADVIERTE, (
            f"El enlace lleva a un sitio ajeno al Instituto ({host}). El criterio 6.vi solo lo "
            "permite si se vincula directamente con sus fines y programas, o si es un artículo "
            "que hace referencia explícita al Instituto. Revísalo."),
            start, end, (), "enlace_externo")

    def _poses_as_site(self, local: str) -> bool:
        """Whether the local part of an address reads as an official site (`ine.mx@…`)."""
        if "." not in local:
            return False
        skeleton = _skeleton(local)
        return _under(skeleton, [f for _, f, _, _ in self._targets]) or bool(
            self._imitated(skeleton)
        )

    @staticmethod
    def _block(start: int, end: int, code: str, message: str) -> Finding:
        return Finding(RULE_ID, Severity.BLOQUEA, message, start, end, (), code)

    # -- one link ------------------------------------------------------------------------

    def _judge_url(self, url: str, start: int, end: int) -> Finding | None:
        hidden = [c for c in url if _is_invisible(c)]
        if hidden:
            codes = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in hidden))
            clean = "".join(c for c in url if not _is_invisible(c))
            return Finding(RULE_ID, Severity.BLOQUEA, (
                f"El enlace contiene caracteres invisibles o de control ({codes}) que pueden "
                "disfrazar su destino. Escríbelo de nuevo sin ellos (criterio 6.vi)."),
                start, end, (clean,), "enlace_caracter_invisible")
        rest = url.split("://", 1)[1] if "://" in url else url
        authority = rest
        for sep in "/?#":
            authority = authority.split(sep, 1)[0]
        if "@" in authority:
            userinfo, host = authority.rsplit("@", 1)
            host = host.split(":", 1)[0]
            return self._block(start, end, "enlace_usuario", (
                f"En el enlace, lo que va antes de «@» ({userinfo}) no es el sitio: en realidad "
                f"lleva a {host}. Es una técnica de engaño; no lo publiques (criterio 6.vi)."))
        return self._judge_host(authority.split(":", 1)[0], start, end)

    def check(self, item: CheckInput) -> list[Finding]:
        text = item.text
        findings: list[Finding] = []
        for start, end in text_tokens.url_spans(text):
            verdict = self._judge_cached(text[start:end])
            if verdict:
                findings.append(Finding(verdict.rule, verdict.severity, verdict.message, start,
                                        end, verdict.suggestions, verdict.code))
        for start, end in text_tokens.email_spans(text):
            local, host = text[start:end].rsplit("@", 1)
            if self._poses_as_site_cached(local.lower()):
                findings.append(self._block(start, end, "enlace_usuario", (
                    f"«{text[start:end]}» aparenta ser el sitio {local}, pero es una dirección de "
                    f"{host}. Es una técnica de engaño; no la publiques (criterio 6.vi).")))
        findings.sort(key=lambda f: f.start)
        return cap_findings(findings, RULE_ID, "enlaces_mas", (
            "Y {n} enlaces más a partir de aquí que también hay que revisar: son demasiados para "
            "marcarlos uno por uno (criterio 6.vi)."))
