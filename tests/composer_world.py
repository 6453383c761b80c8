"""The Redactor's widget-test world (no tests here): a small fake-rule CheckEngine (fast,
deterministic), an office with a titular, a suplente and a CNCS reviewer, the section shown on
the real QThreadPool, an image, and message boxes recorded instead of opened. Test modules import
the fixtures they use."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.checks.spelling import InstitutionalDictionary
from redes_desktop.context import AppContext
from redes_desktop.models import Network
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer import composer_view, draft_actions, mark_published
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.workspace import open_workspace
from tests.composer_support import ready
from tests.factories import make_office, make_reviewer


# -- fake rules ----------------------------------------------------------------------------------
class FakeSpelling:
    """Flags "publicacion" (6.xxiv, advierte) unless the dictionary accepts it."""

    rule_id = "6.xxiv"

    def __init__(self, dictionary: InstitutionalDictionary) -> None:
        self.dictionary = dictionary

    def check(self, item: CheckInput) -> list[Finding]:
        return [
            Finding("6.xxiv", Severity.ADVIERTE, f'"{m.group()}" no está en el diccionario.',
                    m.start(), m.end(), ("publicación",), "ortografia")
            for m in re.finditer(r"\bpublicacion\b", item.text)
            if m.group() not in self.dictionary
        ]


class FakePersonalData:
    rule_id = "6.iii"

    def check(self, item: CheckInput) -> list[Finding]:
        return [
            Finding("6.iii", Severity.BLOQUEA, "Hay un teléfono personal: quítelo.",
                    m.start(), m.end(), ("",), "telefono")
            for m in re.finditer(r"\b\d{10}\b", item.text)
        ]


class FakeImageRequired:
    rule_id = "6.xxvi"

    def check(self, item: CheckInput) -> list[Finding]:
        if item.network == Network.X and not item.images:
            return [Finding("6.xxvi", Severity.BLOQUEA, "En X toda publicación lleva imagen.",
                            code="falta_imagen")]
        return []


class FakeAltText:
    rule_id = "6.xxii"

    def check(self, item: CheckInput) -> list[Finding]:
        return [Finding("6.xxii", Severity.ADVIERTE, "Falta el texto alternativo de la imagen.",
                        code="falta_texto_alternativo")
                for alt in item.alt_texts if not alt.strip()]


def fake_length(text: str, network: Network) -> tuple[int, int]:
    return len(text), 280 if network == Network.X else 2200


# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture
def engine(tmp_path) -> CheckEngine:
    dictionary = InstitutionalDictionary(tmp_path / "diccionario.txt", builtin_path=None)
    return CheckEngine(
        text_rules=[FakeSpelling(dictionary), FakePersonalData()],
        network_rules=[FakeImageRequired(), FakeAltText()],
        length_of=fake_length,
    )


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"titular": office.titular.id, "suplente": office.suplente.id,
               "reviewer": reviewer.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.ids = ids
    ctx.choose_identity(ids["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def view(qtbot, context, engine):
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    ready(qtbot, section)
    yield section
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def png(tmp_path):
    from PIL import Image

    path = tmp_path / "cartel.png"
    Image.new("RGB", (1600, 900), (200, 30, 90)).save(path)
    return path


def wait_checked(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view.outcome is not None and view.scheduler.is_current, timeout=5000)


def rules_listed(view) -> list[str]:
    return [row.finding.rule for row in view.findings.rows]


class Boxes(QMessageBox):
    """Records the static message boxes instead of opening modal dialogs."""

    shown: list[tuple[str, str]] = []

    @staticmethod
    def warning(_parent, _title, text, *args, **kwargs):
        Boxes.shown.append(("warning", text))
        return QMessageBox.StandardButton.Ok

    @staticmethod
    def information(_parent, _title, text, *args, **kwargs):
        Boxes.shown.append(("information", text))
        return QMessageBox.StandardButton.Ok

    @staticmethod
    def question(_parent, _title, text, *args, **kwargs):
        Boxes.shown.append(("question", text))
        return QMessageBox.StandardButton.Yes


@pytest.fixture
def boxes(monkeypatch):
    Boxes.shown = []
    monkeypatch.setattr(composer_view, "QMessageBox", Boxes)
    monkeypatch.setattr(draft_actions, "QMessageBox", Boxes)
    monkeypatch.setattr(mark_published, "QMessageBox", Boxes)
    return Boxes.shown
