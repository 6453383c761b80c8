"""6.iii — no personal data in an institutional post.

Finds, and blocks:

- CURP (validated with `stdnum.mx.curp`: format, birth date, sex, state, check digit). A CURP
  whose check digit does not add up still blocks (it is most likely a mistyped real one); a token
  with the CURP's shape but an impossible date or state only warns.
- RFC of a persona física (13 characters, `stdnum.mx.rfc` with the check digit NOT validated:
  about 1.5% of the RFCs in use carry a wrong one). A 12-character RFC (persona moral, a company)
  is not personal data by itself: it only warns.
- Clave de elector (18 characters: 6 letters, birth date YYMMDD, birth state 01–32, H/M, 3
  digits). State codes 87 and 88 (people born abroad, as the register records them) are also
  accepted; python-stdnum has no module for it, so the date and state are checked here.
- E-mail addresses outside `ine.mx` (institutional addresses of related bodies only warn).
- Mexican phone numbers (10 digits, optional +52 / 52 / 1 / 01 prefix, separated by spaces, dots,
  dashes or parentheses), except the Institute's published numbers and toll-free 800 numbers
  (`resources/checks/domains.json`).
- Voter-credential identifiers: the OCR (13 digits) and the CIC (9 digits) when a word such as
  "OCR", "CIC" or "credencial" is close by, and the machine-readable "IDMEX…" line.

At most `MAX_FINDINGS_PER_RULE` findings are reported; one more counts the rest (and blocks if
any of them blocks).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache

from stdnum.exceptions import ValidationError
from stdnum.mx import curp as stdnum_curp
from stdnum.mx import rfc as stdnum_rfc

from redes_desktop.checks import personal_data_forms as forms
from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, Severity, cap_findings
from redes_desktop.checks.text_fold import fold_for_identifiers

RULE_ID = "6.iii"

_B = r"(?<![\w&])"  # left boundary
_E = r"(?!\w)"  # right boundary
# Between the groups of an identifier: one space, dot or dash, or a line break (with the dash
# of a word split at the end of the line). Full-width forms and invisible characters are
# already folded away (text_fold).
_S = r"(?:[ .\-]|[ \t]*-?\r?\n[ \t]*)?"

_CURP_RE = re.compile(
    rf"{_B}[A-Z]{{4}}{_S}\d{{6}}{_S}[A-Z]{_S}[A-Z]{{2}}{_S}[A-Z]{{3}}{_S}[0-9A-Z]{_S}\d{_E}",
    re.IGNORECASE,
)
_ELECTOR_RE = re.compile(
    rf"{_B}[A-Z]{{6}}{_S}(\d{{6}}){_S}(\d{{2}}){_S}[HM]{_S}\d{{3}}{_E}", re.IGNORECASE
)
_RFC_RE = re.compile(
    rf"{_B}(?:[A-ZÑ&]{{4}}|(?P<moral>[A-ZÑ&]{{3}})){_S}\d{{6}}{_S}[A-Z0-9]{{3}}{_E}",
    re.IGNORECASE,
)
_MRZ_RE = re.compile(rf"{_B}IDMEX[0-9A-Z<]{{5,}}")
_SIX_DIGITS = re.compile(r"\d{6}")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-zÑñ&]")

_SEP = r"(?:[ .\-]|[ \t]*\r?\n[ \t]*)?"
_A2 = r"(?:\(\d{2}\)|\d{2})"
_A3 = r"(?:\(\d{3}\)|\d{3})"
_PHONE_RE = re.compile(
    rf"""
    (?<![\w+(])
    (?:(?:\+|00)?52{_SEP}(?:1{_SEP})?|(?:01|044|045){_SEP})?
    (?:
        {_A2}{_SEP}\d{{4}}{_SEP}\d{{4}}
      | {_A3}{_SEP}\d{{3}}{_SEP}\d{{4}}
      | {_A2}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}
      | {_A3}{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}
    )
    (?!\w|[.\-]\d)
    """,
    re.VERBOSE,
)

_CREDENTIAL_WORD_RE = re.compile(
    r"(?<!\w)(?:OCR|CIC|IFE|credencial(?:es)?|clave\s+de\s+elector|credencial\s+para\s+votar)"
    r"(?!\w)",
    re.IGNORECASE,
)
_CREDENTIAL_NUMBER_RE = re.compile(r"(?<![\w])(?:\d{13}|\d{9})(?![\w])")
_KEYWORD_BEFORE = 40  # code points between the keyword and the number
_KEYWORD_AFTER = 20

_ELECTOR_STATES = frozenset({f"{n:02d}" for n in range(1, 33)} | {"87", "88"})


@cache
def _domain_data() -> dict:
    return json.loads(text_tokens.DOMAINS_FILE.read_text(encoding="utf-8"))


def _valid_yymmdd(value: str) -> bool:
    try:
        dt.date(2000 + int(value[:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        return False
    return True


def _removal(what: str, why: str = "") -> str:
    return (
        f"La publicación contiene {what}{why}. El criterio 6.iii prohíbe publicar datos "
        "personales en las cuentas institucionales: elimínalo antes de publicar."
    )


@lru_cache(maxsize=256)
def _judge_curp(value: str) -> tuple[str, Severity, str]:
    probe = value[:10] + "H" + value[11:] if value[10] == "X" else value  # sex X (since 2022)
    try:
        stdnum_curp.validate(probe, validate_check_digits=False)
    except ValidationError:
        why = " (tiene la forma de una CURP, aunque su fecha o entidad no son válidas)"
        return "curp_posible", Severity.ADVIERTE, _removal("lo que parece una CURP", why)
    if value[-1] != stdnum_curp.calc_check_digit(value):
        why = " (su dígito verificador no cuadra, pero puede ser una CURP mal escrita)"
        return "curp", Severity.BLOQUEA, _removal("una CURP", why)
    return "curp", Severity.BLOQUEA, _removal("una CURP")


class PersonalDataRule:
    rule_id = RULE_ID

    def __init__(
        self,
        extra_institutional_phones: Iterable[str] = (),
        extra_institutional_email_domains: Iterable[str] = (),
    ) -> None:
        data = _domain_data()
        phones = data["institutional_phones"]
        self._phones = frozenset(phones["numbers"]) | {
            re.sub(r"\D", "", p)[-10:] for p in extra_institutional_phones
        }
        self._toll_free = tuple(phones["toll_free_prefixes"])
        self._email_domains = tuple(
            d.lower() for d in (*data["institutional_email_domains"],
                                *extra_institutional_email_domains)
        )
        self._related_domains = tuple(d.lower() for d in data["related_official_domains"])
        self._addresses_allowed = frozenset(
            forms.normalise_address(a) for a in forms.institutional_addresses())

    # -- detectors: each yields (priority, Finding); a lower priority wins an overlap --------
    # They search the identifier view of the text (text_fold); `check` maps spans back.

    def _curps(self, text: str):
        for m in _CURP_RE.finditer(text):
            code, severity, message = _judge_curp(_NOT_ALNUM.sub("", m.group()).upper())
            yield 1, Finding(RULE_ID, severity, message, *m.span(), ("",), code)

    def _elector_keys(self, text: str):
        for m in _ELECTOR_RE.finditer(text):
            if _valid_yymmdd(m.group(1)) and m.group(2) in _ELECTOR_STATES:
                yield 2, Finding(RULE_ID, Severity.BLOQUEA, _removal("una clave de elector"),
                                 *m.span(), ("",), "clave_elector")
            else:
                why = " (su fecha o entidad no son válidas; revisa si es un dato personal)"
                yield 2, Finding(RULE_ID, Severity.ADVIERTE,
                                 _removal("lo que parece una clave de elector", why),
                                 *m.span(), ("",), "clave_elector_posible")

    def _rfcs(self, text: str):
        for m in _RFC_RE.finditer(text):
            value = _NOT_ALNUM.sub("", m.group())
            if not stdnum_rfc.is_valid(value, validate_check_digits=False):
                continue
            if m.group("moral"):
                message = (
                    "La publicación contiene un RFC de persona moral. No es un dato personal por "
                    "sí mismo, pero revisa que sea información pública (criterio 6.iii) o "
                    "elimínalo."
                )
                yield 4, Finding(RULE_ID, Severity.ADVIERTE, message, *m.span(), ("",),
                                 "rfc_moral")
            else:
                yield 3, Finding(RULE_ID, Severity.BLOQUEA, _removal("un RFC de persona física"),
                                 *m.span(), ("",), "rfc")

    def _email_finding(self, address: str, start: int, end: int, contacts) -> Finding | None:
        address = address.lower()
        domain = address.rsplit("@", 1)[1]
        allowed = {e.strip().lower() for e in contacts.emails}
        if address in allowed or _under(domain, self._email_domains) or _under(
                domain, tuple(e.lstrip("@") for e in allowed if e.startswith("@"))):
            return None
        if _under(domain, self._related_domains):
            message = (
                "La publicación contiene un correo electrónico que no es del dominio ine.mx. "
                "Parece institucional de otra autoridad; confirma que es una dirección "
                "pública y no de una persona (criterio 6.iii)."
            )
            return Finding(RULE_ID, Severity.ADVIERTE, message, start, end, ("",),
                           "correo_externo")
        return Finding(RULE_ID, Severity.BLOQUEA,
                       _removal("un correo electrónico personal",
                                " (no pertenece al dominio ine.mx)"),
                       start, end, ("",), "correo")

    def _emails(self, text: str, contacts):
        for start, end in text_tokens.email_spans(text):
            finding = self._email_finding(text[start:end], start, end, contacts)
            if finding is not None:
                yield 5, finding
        for start, end, address in forms.obfuscated_emails(text):
            finding = self._email_finding(address, start, end, contacts)
            if finding is not None:
                yield 5, replace(finding, message=finding.message.replace(
                    "un correo electrónico", f"un correo electrónico escrito de otra forma "
                    f"({address})", 1), code=finding.code + "_disfrazado")

    def _phones_found(self, text: str, contacts):
        allowed = self._phones | {re.sub(r"\D", "", p)[-10:] for p in contacts.phones}
        for m in _PHONE_RE.finditer(text):
            national = re.sub(r"\D", "", m.group())[-10:]
            if national[0] in "01" or national in allowed:
                continue
            if national.startswith(self._toll_free):
                continue
            if forms.number_in_context(text, *m.span()):
                continue  # a folio, amount or reference that looks like a phone number
            yield 6, Finding(RULE_ID, Severity.BLOQUEA,
                             _removal("un número de teléfono personal",
                                      " (solo pueden publicarse los números institucionales, "
                                      "como INETEL 800 433 2000)"),
                             *m.span(), ("",), "telefono")

    def _addresses(self, text: str, contacts):
        allowed = self._addresses_allowed | {forms.normalise_address(a) for a in
                                             contacts.addresses}
        for start, end, key in forms.street_addresses(text):
            if key in allowed:
                continue
            yield 8, Finding(RULE_ID, Severity.ADVIERTE, (
                "La publicación contiene lo que parece un domicilio (calle, número y colonia). "
                "Si es el de una persona, es un dato personal que el criterio 6.iii prohíbe "
                "publicar: elimínalo. Si es una sede del Instituto, agrégala a los datos de "
                "contacto publicados del área."), start, end, ("",), "domicilio")

    def _credentials(self, text: str):
        for m in _MRZ_RE.finditer(text):
            yield 0, Finding(RULE_ID, Severity.BLOQUEA,
                             _removal("la zona de lectura mecánica (IDMEX…) de una credencial "
                                      "para votar"), *m.span(), ("",), "credencial_mrz")
        keywords = [k.span() for k in _CREDENTIAL_WORD_RE.finditer(text)]
        if not keywords:
            return
        keyword_starts = [k[0] for k in keywords]
        keyword_ends = sorted(k[1] for k in keywords)
        for m in _CREDENTIAL_NUMBER_RE.finditer(text):
            start, end = m.span()
            before = bisect.bisect_right(keyword_ends, start) - 1
            after = bisect.bisect_left(keyword_starts, end)
            near = (before >= 0 and start - keyword_ends[before] <= _KEYWORD_BEFORE) or (
                after < len(keyword_starts) and keyword_starts[after] - end <= _KEYWORD_AFTER
            )
            if not near:
                continue
            kind, code = ("el OCR", "credencial_ocr") if end - start == 13 else (
                "el CIC", "credencial_cic")
            yield 7, Finding(RULE_ID, Severity.BLOQUEA,
                             _removal(f"{kind} de una credencial para votar"),
                             start, end, ("",), code)

    def check(self, item: CheckInput) -> list[Finding]:
        if not item.text:
            return []
        view = fold_for_identifiers(item.text)
        text = view.text
        contacts = item.contacts
        # CURP, clave de elector and RFC all hold six digits in a row (a date): without them
        # their expressions, which try every letter of the text, need not run.
        dated = _SIX_DIGITS.search(text) is not None
        candidates = sorted(
            (
                *self._credentials(text),
                *(self._curps(text) if dated else ()),
                *(self._elector_keys(text) if dated else ()),
                *(self._rfcs(text) if dated else ()),
                *self._emails(text, contacts),
                *self._phones_found(text, contacts),
                *self._addresses(text, contacts),
            ),
            key=lambda pf: (pf[0], pf[1].start),
        )
        kept: list[Finding] = []
        taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans already reported
        for _, finding in candidates:
            span = (finding.start, finding.end)
            if not text_tokens.overlaps(span, taken):
                bisect.insort(taken, span)
                start, end = view.span(*span)
                kept.append(replace(finding, start=start, end=end))
        kept.sort(key=lambda f: (f.start, f.end))
        return cap_findings(kept, RULE_ID, "datos_personales_mas", _MORE)


_MORE = (
    "Y {n} posibles datos personales más a partir de aquí: son demasiados para marcarlos uno "
    "por uno. El criterio 6.iii prohíbe publicarlos: revisa todo el texto y elimínalos."
)


def _under(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)
