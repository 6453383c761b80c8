"""6.iii as people write it (issue 16): identifiers with separators, full-width or zero-width
characters or split across lines; disguised e-mail addresses; street addresses; and what the
institution publishes on purpose (its contacts, folios, amounts, dates)."""

from __future__ import annotations

import pytest
from stdnum.mx import curp as stdnum_curp

from redes_desktop.checks.model import CheckInput, InstitutionalContacts, Severity
from redes_desktop.checks.rule_personal_data import PersonalDataRule
from redes_desktop.checks.text_fold import fold_for_identifiers
from redes_desktop.models.enums import Network

CURP = "GODE561231HDFRRN0" + stdnum_curp.calc_check_digit("GODE561231HDFRRN0")
FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def found(text: str, contacts: InstitutionalContacts | None = None) -> list[tuple[str, str, str]]:
    item = CheckInput(text=text, network=Network.X,
                      contacts=contacts or InstitutionalContacts())
    return [(f.code, f.severity.value, text[f.start:f.end])
            for f in PersonalDataRule().check(item)]


@pytest.mark.parametrize("written", [
    f"{CURP[:4]} {CURP[4:10]} {CURP[10:16]} {CURP[16:]}",
    f"{CURP[:4]}-{CURP[4:10]}-{CURP[10:16]}-{CURP[16:]}",
    f"{CURP[:4]}.{CURP[4:10]}.{CURP[10:16]}.{CURP[16:]}",
    "\u200b".join(CURP),  # zero-width spaces between every character
    "\u2060".join(CURP[:9]) + "\ufeff" + CURP[9:],  # word joiner and BOM
    CURP.translate(FULL_WIDTH),
    f"{CURP[:10]}\n{CURP[10:]}",  # split across a line
    f"{CURP[:10]}-\n{CURP[10:]}",  # hyphenated at the end of a line
    f"{CURP[:4]}\u2013{CURP[4:10]}\u2013{CURP[10:]}",  # typographic dashes
])
def test_a_curp_written_with_separators_or_hidden_characters_blocks(written: str) -> None:
    text = f"Mi CURP es {written}, gracias."
    assert found(text) == [("curp", "bloquea", written)]


@pytest.mark.parametrize(("text", "code", "what"), [
    ("Llámame al ５５ １２３４ ５６７８", "telefono", "５５ １２３４ ５６７８"),
    ("Llámame al 55\u200b1234\u200b5678 hoy", "telefono", "55\u200b1234\u200b5678"),
    ("Mi número: 55 1234\n5678", "telefono", "55 1234\n5678"),
    ("Clave de elector GMVLMR 800101 09 H 400", "clave_elector", "GMVLMR 800101 09 H 400"),
    ("RFC GODE-561231-AB1 del proveedor", "rfc", "GODE-561231-AB1"),
])
def test_other_identifiers_written_apart_block(text: str, code: str, what: str) -> None:
    assert found(text) == [(code, "bloquea", what)]


@pytest.mark.parametrize("written", [
    "juan.perez [at] gmail [dot] com",
    "juan.perez(arroba)gmail.com",
    "juan.perez (at) gmail (punto) com",
    "juan.perez arroba gmail punto com",
    "juan.perez @ gmail.com",
    "juan.perez{@}hotmail.com.mx",
])
def test_a_personal_address_written_with_at_or_arroba_blocks(written: str) -> None:
    (finding,) = found(f"Escríbeme a {written} y te contesto")
    assert finding == ("correo_disfrazado", "bloquea", written)


def test_full_width_at_sign_is_an_ordinary_address() -> None:
    assert found("Escríbeme: juan＠gmail．com") == [("correo", "bloquea", "juan＠gmail．com")]


@pytest.mark.parametrize("text", [
    "Escríbenos a contacto arroba ine punto mx",  # the Institute's own domain
    "Nos vemos en el módulo; sigue a @INEMexico para más avisos.",
    "Se vendieron 25 arrobas de maíz en la feria.",
    "Reunión a las 10 (at) del Consejo",  # no domain after it
])
def test_institutional_or_harmless_at_words_pass(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(("text", "address"), [
    ("Vivo en Calle Hidalgo 123, Col. Centro, Guadalajara", "Calle Hidalgo 123, Col. Centro"),
    ("Mándalo a Av. Juárez #45 int. 3, colonia Americana",
     "Av. Juárez #45 int. 3, colonia Americana"),
    ("Su casa está en Benito Juárez 18, Fracc. Las Fuentes",
     "Benito Juárez 18, Fracc. Las Fuentes"),
])
def test_a_street_address_with_number_and_colonia_warns(text: str, address: str) -> None:
    assert found(text) == [("domicilio", "advierte", address)]


@pytest.mark.parametrize("text", [
    "Visítanos en Viaducto Tlalpan No. 100, Col. Arenal Tepepan, Ciudad de México.",
    "La colonia Centro tendrá 3 casillas especiales.",
    "Participaron 120 personas de la colonia Roma.",
    "El módulo 140551 está en la calle principal del barrio.",
])
def test_institutional_addresses_and_prose_about_colonias_pass(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Tu solicitud quedó con el folio 5512345678; consérvalo.",
    "Expediente 3312345678 del Consejo General.",
    "El presupuesto asciende a $5512345678.",
    "Se asignaron 5512345678 pesos al programa.",
    "Oficio INE/DEA/3312345678 del 15.06.2024",
    "Jornada del 02.06.2024 de 08:00 a 18:00 horas.",
])
def test_folios_amounts_and_dates_are_not_phone_numbers(text: str) -> None:
    assert found(text) == []


def test_a_phone_number_next_to_a_folio_still_blocks() -> None:
    text = "Folio 123. Si tienes dudas llama a mi celular 55 1234 5678"
    assert found(text) == [("telefono", "bloquea", "55 1234 5678")]


AREA = InstitutionalContacts(
    phones=("33 3616 4477",),
    emails=("jle.jalisco@gmail.com", "@iepcjalisco.org.mx"),
    addresses=("Calle Hidalgo 123, Col. Centro",),
)


@pytest.mark.parametrize("text", [
    "Llama a la Junta Local al (33) 3616-4477.",
    "Escribe a jle.jalisco@gmail.com o a jle.jalisco [at] gmail [dot] com",
    "Consultas: contacto@iepcjalisco.org.mx",
    "Te esperamos en Calle Hidalgo No. 123, Col. Centro.",
])
def test_the_areas_published_contacts_pass(text: str) -> None:
    assert found(text, AREA) == []
    assert found(text)  # without the area's contacts they are flagged


def test_another_areas_contacts_are_not_allowed() -> None:
    other = InstitutionalContacts(phones=("81 8340 0000",))
    assert found("Llama al 33 3616 4477", other)[0][0] == "telefono"


def test_allowed_contacts_do_not_hide_a_personal_number_beside_them() -> None:
    text = "Junta: 33 3616 4477. Mi celular: 33 1234 5678"
    assert found(text, AREA) == [("telefono", "bloquea", "33 1234 5678")]
    assert all(f.severity == Severity.BLOQUEA for f in PersonalDataRule().check(
        CheckInput(text=text, network=Network.X, contacts=AREA)))


def test_the_folded_view_maps_back_to_the_original_offsets() -> None:
    view = fold_for_identifiers("a\u200bＢ c")
    assert view.text == "aB c"
    assert view.span(1, 2) == (2, 3) and view.span(0, 4) == (0, 5)
    assert fold_for_identifiers("plain ascii").origin is None
