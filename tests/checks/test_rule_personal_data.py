"""6.iii: personal data (CURP, RFC, clave de elector, e-mail, phone, credential numbers)."""

from __future__ import annotations

import time

import pytest
from stdnum.mx import curp as stdnum_curp

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_personal_data import PersonalDataRule
from redes_desktop.models.enums import Network


def make_curp(first17: str) -> str:
    """A fake CURP with a correct check digit (stdnum's algorithm)."""
    return first17 + stdnum_curp.calc_check_digit(first17)


# Fake people: valid structure, invented names.
CURP_1 = make_curp("GODE561231HDFRRN0")
CURP_2 = make_curp("PEMA040229MJCRRNA")  # 29 Feb 2004, born after 2000 (letter in position 17)
CURP_X = make_curp("LOSA990615XNLPNR0")  # sex "X" (non-binary, since 2022)


def check(text: str, **kwargs) -> list:
    return PersonalDataRule(**kwargs).check(CheckInput(text=text, network=Network.X))


def found(text: str, **kwargs) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity.value, text[f.start:f.end]) for f in check(text, **kwargs)]


def test_generated_curps_are_valid() -> None:
    assert stdnum_curp.is_valid(CURP_1) and stdnum_curp.is_valid(CURP_2)
    assert not stdnum_curp.is_valid(CURP_X)  # stdnum does not know sex "X" yet; the rule does


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Mi CURP es {CURP_1}.", [("curp", "bloquea", CURP_1)]),
        (f"curp: {CURP_2.lower()}", [("curp", "bloquea", CURP_2.lower())]),
        (f"{CURP_X}", [("curp", "bloquea", CURP_X)]),
        # Wrong check digit: still most likely a real CURP mistyped.
        (f"CURP {CURP_1[:-1]}{(int(CURP_1[-1]) + 1) % 10}",
         [("curp", "bloquea", f"{CURP_1[:-1]}{(int(CURP_1[-1]) + 1) % 10}")]),
        # The shape of a CURP but an impossible date: only a warning.
        ("GODE561341HDFRRN09", [("curp_posible", "advierte", "GODE561341HDFRRN09")]),
        ("GODE561231HZZRRN09", [("curp_posible", "advierte", "GODE561231HZZRRN09")]),
    ],
)
def test_curp(text: str, expected: list) -> None:
    assert found(text) == expected


def test_curp_message_names_datum_and_criterion() -> None:
    (finding,) = check(f"Su CURP: {CURP_1}")
    assert finding.rule == "6.iii" and finding.severity == Severity.BLOQUEA
    assert "CURP" in finding.message and "6.iii" in finding.message
    assert "elimín" in finding.message
    assert finding.suggestions == ("",)


def test_curp_is_not_reported_twice_as_rfc() -> None:
    assert [code for code, _, _ in found(f"CURP {CURP_1} y nada más")] == ["curp"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RFC GODE561231GR8", [("rfc", "bloquea", "GODE561231GR8")]),
        ("RFC: GODE 561231 GR8.", [("rfc", "bloquea", "GODE 561231 GR8")]),
        ("rfc vace-460910-sx6", [("rfc", "bloquea", "vace-460910-sx6")]),  # bad check digit
        ("RFC ÑAND800101AB1", [("rfc", "bloquea", "ÑAND800101AB1")]),
        ("RFC de la empresa MAB-930714-8T4", [("rfc_moral", "advierte", "MAB-930714-8T4")]),
        ("GODE561331GR8", []),  # month 13
        ("CULO561231GR8", []),  # stdnum's banned words never start an RFC
    ],
)
def test_rfc(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clave GMVLMR80070501M100", [("clave_elector", "bloquea", "GMVLMR80070501M100")]),
        ("clave de elector gmvlmr80070532h001", [
            ("clave_elector", "bloquea", "gmvlmr80070532h001")]),
        ("GMVLMR80070587H100", [("clave_elector", "bloquea", "GMVLMR80070587H100")]),
        ("GMVLMR80073201M100", [("clave_elector_posible", "advierte", "GMVLMR80073201M100")]),
        ("GMVLMR80070545M100", [("clave_elector_posible", "advierte", "GMVLMR80070545M100")]),
    ],
)
def test_clave_de_elector(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Escríbeme a juan.perez@gmail.com", [("correo", "bloquea", "juan.perez@gmail.com")]),
        ("María: maría.lópez@hotmail.com", [("correo", "bloquea", "maría.lópez@hotmail.com")]),
        ("Dudas: prensa@ine.mx o ayuda@centralelectoral.ine.mx", []),
        ("Tribunal: contacto@te.gob.mx", [("correo_externo", "advierte", "contacto@te.gob.mx")]),
        ("Mi correo: ana@ine.mx.evil.com", [("correo", "bloquea", "ana@ine.mx.evil.com")]),
    ],
)
def test_email(text: str, expected: list) -> None:
    assert found(text) == expected


def test_email_extra_institutional_domain() -> None:
    assert found("Escribe a oficialia@iecm.mx", extra_institutional_email_domains=["iecm.mx"]) == []


@pytest.mark.parametrize(
    "phone",
    [
        "55 1234 5678",
        "5512345678",
        "(55) 1234-5678",
        "(55)1234-5678",
        "+52 55 1234 5678",
        "+52 1 55 1234 5678",
        "+525512345678",
        "52 33 1234 5678",
        "0052 81 1234 5678",
        "222.123.4567",
        "222-123-45-67",
        "55 12 34 56 78",
        "044 55 1234 5678",
    ],
)
def test_personal_phone(phone: str) -> None:
    text = f"Llámame al {phone}, gracias."
    assert found(text) == [("telefono", "bloquea", phone)]


@pytest.mark.parametrize(
    "text",
    [
        "INETEL 800 433 2000",
        "Llama a INETEL: 800-433-2000 o 01 800 433 2000",
        "+52 800 433 2000",
        "Línea gratuita 800 123 4567",
        "Del 2024-05-10 al 2024-06-02, a las 10:00",
        "Participaron 1,234,567 personas; 10 20 30 40 50",
        "Folio 0123456789",
        "Clave 12345678901",  # 11 digits: not a phone
        "Serie 155 1234 5678 9",
    ],
)
def test_not_a_personal_phone(text: str) -> None:
    assert [f for f in check(text) if f.code == "telefono"] == []


def test_extra_institutional_phone() -> None:
    assert found("Junta Local: 33 1234 5678", extra_institutional_phones=["33-1234-5678"]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mi credencial tiene OCR 1234567890123", [
            ("credencial_ocr", "bloquea", "1234567890123")]),
        ("El CIC: 123456789", [("credencial_cic", "bloquea", "123456789")]),
        ("123456789 es el CIC", [("credencial_cic", "bloquea", "123456789")]),
        ("IDMEX1234567890<<1234567890123", [
            ("credencial_mrz", "bloquea", "IDMEX1234567890<<1234567890123")]),
        ("Se registraron 1234567890123 visitas", []),  # no keyword close by
        ("Folio 123456789", []),
        ("Credencial" + " " * 60 + "123456789", []),  # too far
    ],
)
def test_credential_numbers(text: str, expected: list) -> None:
    assert found(text) == expected


def test_offsets_are_code_points_after_emoji_and_accents() -> None:
    text = f"🗳️👩🏽‍💻 Atención: ñandú {CURP_1}"
    (finding,) = check(text)
    assert text[finding.start:finding.end] == CURP_1
    assert finding.start == len(text) - 18


@pytest.mark.parametrize("text", ["", " ", "Hola, ¿cómo estás?", "El INE organiza la elección."])
def test_no_personal_data(text: str) -> None:
    assert check(text) == []


def test_several_data_sorted_by_position() -> None:
    text = f"Tel 55 1234 5678, correo x@gmail.com, CURP {CURP_1}"
    assert [f.code for f in check(text)] == ["telefono", "correo", "curp"]


@pytest.mark.parametrize(
    "chunk",
    [
        f"El INE informa. Llama al 800 433 2000. CURP {CURP_1}, tel 55 1234 5678. ",
        "1",
        "1 ",
        "A1",
        "credencial 1234567890123 ",
        "x@",
    ],
)
def test_a_megabyte_finishes(chunk: str) -> None:
    text = chunk * (1_000_000 // len(chunk))
    started = time.perf_counter()
    PersonalDataRule().check(CheckInput(text=text, network=Network.X))
    # A hang guard against catastrophic regex backtracking, not a speed target: speed is
    # measured by benchmarks/ (make bench), never by timed tests.
    assert time.perf_counter() - started < 30.0


def test_findings_are_capped_with_a_blocking_summary() -> None:
    from redes_desktop.checks.model import MAX_FINDINGS_PER_RULE

    text = "Llama al 33 1234 5678. " * (MAX_FINDINGS_PER_RULE + 50)
    findings = check(text)
    assert len(findings) == MAX_FINDINGS_PER_RULE + 1
    *marked, summary = findings
    assert all(f.code == "telefono" for f in marked)
    assert (summary.code, summary.severity) == ("datos_personales_mas", Severity.BLOQUEA)
    assert summary.start == summary.end == marked[-1].start + len("Llama al 33 1234 5678. ")
    assert summary.message.startswith("Y 50 posibles datos personales más")


def test_a_summary_of_warnings_only_warns() -> None:
    from redes_desktop.checks.model import MAX_FINDINGS_PER_RULE

    text = "Llama al 33 1234 5678. " * MAX_FINDINGS_PER_RULE + "Escribe a prensa@te.gob.mx. " * 3
    *_, summary = check(text)
    assert (summary.code, summary.severity) == ("datos_personales_mas", Severity.ADVIERTE)
    assert summary.message.startswith("Y 3 posibles datos personales más")
