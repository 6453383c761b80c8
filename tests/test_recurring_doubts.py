"""Grouping of recurring doubts (6.xviii): normalised stems, the overlap rule, the index."""

from __future__ import annotations

import uuid

import pytest

from redes_desktop.services.recurring_doubts import (
    CANDIDATE_CAP,
    DoubtIndex,
    is_question,
    similar,
    stems,
)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("¿Dónde tramito mi credencial?", "¿En dónde puedo tramitar la credencial?", True),
    ("¿Cuándo es la elección judicial?", "¿En qué fecha es la ELECCIÓN judicial?", True),
    ("¿Cuándo es la elección?", "¿Cuándo es la elección judicial?", False),  # one stem
    ("¿Dónde tramito mi credencial?", "¿Cuándo abren las casillas?", False),
    ("¿Qué horario tiene el módulo?", "¿Dónde está el módulo de Zapopan?", False),
])
def test_similar_questions(a, b, same):
    assert similar(stems(a), stems(b)) is same


def test_links_handles_and_accents_do_not_count():
    assert stems("@INEMexico ¿Cómo VOTO? https://ine.mx/x #Elección") == {"voto"}
    assert is_question("cómo saco cita") and not is_question("Felicidades al INE")


def test_a_common_stem_does_not_hide_the_right_group():
    index = DoubtIndex()
    for n in range(CANDIDATE_CAP + 100):
        index.add(uuid.uuid4(), stems(f"votar tema{n:04d} asunto{n:04d}"))
    target = uuid.uuid4()
    index.add(target, stems("¿Dónde tramito la credencial para votar?"))
    assert index.match(stems("¿dónde puedo tramitar credencial para votar?")) == target
    assert index.match(stems("¿puedo votar con pasaporte?")) is None
