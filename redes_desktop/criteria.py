"""The text of each criterion, from the criteria document shipped in resources/.

`criterion_text("6.xxvi")` returns the paragraph of that criterion, so every finding can show
the rule it cites. Ids are "<section>.<roman>" for sections 3, 4, 6, 7 and 8, "5.1", "5.2 g".
"""

from __future__ import annotations

import re
from functools import lru_cache

from redes_desktop.resource_files import resource_path

CRITERIA_FILE = resource_path("criterios-redes-sociales-ine.md")
_SECTION = re.compile(r"^(\d)\. (\S.*)$")
_SUBSECTION = re.compile(r"^(5\.\d)\. (\S.*)$")
_ITEM = re.compile(r"^\s*-\s+([ivxl]+|[a-z])[.)]\s+(.*)$")


@lru_cache(maxsize=1)
def _criteria() -> dict[str, str]:
    try:
        lines = CRITERIA_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    start = next((i for i, line in enumerate(lines) if line.startswith("Preámbulo")), 0)
    found: dict[str, str] = {}
    section = ""
    current: str | None = None
    for line in lines[start:]:
        if m := _SUBSECTION.match(line):
            section, current = m.group(1), m.group(1)
            found[current] = m.group(2)
            continue
        if m := _SECTION.match(line):
            section, current = m.group(1), m.group(1)
            found[current] = m.group(2)
            continue
        if m := _ITEM.match(line):
            letter = m.group(1)
            key = (
                f"{section} {letter}"
                if section.startswith("5.") and len(letter) == 1
                else (f"{section}.{letter}")
            )
            current = key
            found[key] = m.group(2).strip()
            continue
        if current and line.strip() and not line.startswith("#"):
            if current in (section,) and not found[current].endswith(":"):
                found[current] += " " + line.strip()
            elif current != section:
                found[current] += " " + line.strip().lstrip("- ")
    return found


def criterion_text(criterion_id: str) -> str:
    text = _criteria().get(criterion_id.strip())
    if text:
        return re.sub(r"\s+", " ", text).strip()
    return "El texto de este criterio no se encontró en el documento de criterios."
