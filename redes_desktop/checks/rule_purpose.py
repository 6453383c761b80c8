"""6.i and section 3 — every post serves one of the purposes of section 3, chosen in the
composer. Runs only when the check has a post's details (the composer's check, not the
command line's): a post without a purpose, or with one that is not of section 3, warns."""

from __future__ import annotations

from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.purposes import PURPOSES

RULE_ID = "6.i"


class PurposeRule:
    rule_id = RULE_ID

    def check(self, item: CheckInput) -> list[Finding]:
        details = item.details
        if details is None:
            return []
        purpose = (details.purpose or "").strip()
        if not purpose:
            return [Finding(RULE_ID, Severity.ADVIERTE, (
                "Elija el fin de la publicación (sección 3 de los criterios) en «Fin»: solo se "
                "publica lo que se refiere a las actividades del Instituto u ofrece información "
                "pública en su poder (criterio 6.i), y el informe trimestral cuenta las "
                "publicaciones por fin (8.iv)."), code="sin_fin")]
        if purpose not in PURPOSES:
            return [Finding(RULE_ID, Severity.ADVIERTE, (
                f"«{purpose}» no es uno de los fines de la sección 3 (3.i a 3.xi): elija uno de "
                "la lista «Fin»."), code="fin_desconocido")]
        return []
