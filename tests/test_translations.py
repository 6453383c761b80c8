"""The Qt Linguist catalogue (issue 15): every text extractable, the committed catalogue current,
plural forms that read «1 cuenta» / «2 cuentas»."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from redes_desktop.ui import i18n_catalogue as catalogue

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "redes_desktop" / "ui"


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_every_translated_text_is_a_literal_lupdate_can_see():
    """`self.tr(variable)`, `_tr(text)` wrappers and `translate(ctx, variable)` never reach
    the catalogue: lupdate reads only literals."""
    hidden = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.FunctionDef) and node.name in {"_tr", "tr", "_", "translate"}:
                if path.name != "application.py":  # MexicanQtTexts overrides QTranslator's
                    hidden.append(f"{where} wrapper {node.name}()")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in {"tr", "_tr"} and not (node.args and _is_text(node.args[0])):
                hidden.append(f"{where} {ast.unparse(node)[:80]}")
            if name == "translate" and isinstance(func, ast.Attribute) and ast.unparse(
                    func.value) in {"QCoreApplication", "QApplication"}:
                if not (len(node.args) >= 2 and _is_text(node.args[0])
                        and _is_text(node.args[1])):
                    hidden.append(f"{where} {ast.unparse(node)[:80]}")
    assert hidden == []


def test_the_committed_catalogue_is_current(tmp_path):
    """Regenerate the catalogue from the code into a copy: same contexts and texts, and every
    plural has its Spanish forms (`make translations` refreshes both files)."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(catalogue.TS_FILE, fresh)
    catalogue.extract(fresh)
    committed = catalogue.messages(catalogue.TS_FILE)
    regenerated = catalogue.messages(fresh)
    assert regenerated - committed == set(), "texts missing from the catalogue: make translations"
    assert committed - regenerated == set(), "texts no longer in the code: make translations"
    assert catalogue.unfinished_plurals(catalogue.TS_FILE) == []


def test_the_committed_compiled_catalogue_matches_its_source(tmp_path):
    compiled = tmp_path / "fresh.qm"
    catalogue.release(catalogue.TS_FILE, compiled)
    assert compiled.read_bytes() == catalogue.QM_FILE.read_bytes(), "make translations"


def test_a_new_plural_gets_its_spanish_forms(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "view.py").write_text(
        "class Vista:\n    def f(self, n):\n"
        "        return self.tr('%n imagen(es) con %n observación(es) pendiente(s)', '', n)\n",
        encoding="utf-8")
    ts = tmp_path / "x.ts"
    catalogue.extract(ts, source)
    assert catalogue.unfinished_plurals(ts) == ["%n imagen(es) con %n observación(es) "
                                                "pendiente(s)"]
    assert catalogue.fill_plurals(ts) == 1
    assert catalogue.unfinished_plurals(ts) == []
    assert catalogue.plural_forms("%n imagen(es) con %n observación(es) pendiente(s)") == (
        "%n imagen con %n observación pendiente",
        "%n imágenes con %n observaciones pendientes")


PLURALS = [
    ("AbsencesTab", "Se redactó el aviso de horario de atención en %n cuenta(s): revíselo y "
     "publíquelo desde el Redactor.", "en 1 cuenta:", "en 2 cuentas:"),
    ("AccountsSection", "%n cuenta(s)", "1 cuenta", "2 cuentas"),
    ("BuzonSection", "%n elemento(s).", "1 elemento.", "2 elementos."),
    ("BuzonSection", "Últimos 90 días: %n recibido(s),", "1 recibido,", "2 recibidos,"),
    ("BuzonSection", "%n sugerencia(s) para la evaluación (8.ii).", "1 sugerencia para",
     "2 sugerencias para"),
    ("BitacoraSection", "Buscando… %n coincidencia(s)", "Buscando… 1 coincidencia",
     "Buscando… 2 coincidencias"),
    ("BitacoraSection", "%n entrada(s) contiene(n) el texto buscado.",
     "1 entrada contiene el texto buscado.", "2 entradas contienen el texto buscado."),
    ("BitacoraSection", "Bitácora íntegra: %n entrada(s) verificada(s).",
     "Bitácora íntegra: 1 entrada verificada.", "Bitácora íntegra: 2 entradas verificadas."),
    ("BitacoraSection", "%n entrada(s) exportada(s) a %1.", "1 entrada exportada a %1.",
     "2 entradas exportadas a %1."),
    ("BitacoraSection", "%n entrada(s)", "1 entrada", "2 entradas"),
    ("ConsultasSection", "%1 de %n consulta(s); %2.", "%1 de 1 consulta; %2.",
     "%1 de 2 consultas; %2."),
    ("ConsultasSection", "%n pendiente(s)", "1 pendiente", "2 pendientes"),
    ("RedactorFind", "No está en este texto; sí en %n borrador(es): %1. Ábralo desde "
     "«Borradores».", "sí en 1 borrador:", "sí en 2 borradores:"),
    ("CountersBar", "%1: %n carácter(es)", "%1: 1 carácter", "%1: 2 caracteres"),
    ("DictionaryTab", "%n palabra(s) nueva(s) importada(s).", "1 palabra nueva importada.",
     "2 palabras nuevas importadas."),
    ("DictionaryTab", "%n línea(s) sin importar porque no es una palabra por línea: %1.",
     "1 línea sin importar", "2 líneas sin importar"),
    ("FindingsPanel", "%1: No publicable: %n problema(s) que bloquea(n)",
     "%1: No publicable: 1 problema que bloquea", "%1: No publicable: 2 problemas que bloquean"),
    ("HealthTab", "%n cuenta(s) activa(s): %2 sin publicar según su periodicidad o en posible "
     "abandono (%3), %4 sin verificar por la red.", "1 cuenta activa:", "2 cuentas activas:"),
    ("HealthTab", "más de %n día(s)", "más de 1 día", "más de 2 días"),
    ("ImportDialog", "El archivo no tiene problemas: %n línea(s) lista(s) para importar.",
     "1 línea lista para importar.", "2 líneas listas para importar."),
    ("ImportDialog", "%n problema(s). No se importa nada hasta que el archivo esté limpio, o "
     "importe solo las líneas sin problemas.", "1 problema.", "2 problemas."),
    ("InformesSection", "%n cuenta(s) sin una evaluación de los últimos seis meses (criterio "
     "8.i). La evaluación la aplica la Coordinación Nacional de Comunicación Social.",
     "1 cuenta sin una evaluación", "2 cuentas sin una evaluación"),
    ("InformesSection", "%n cuenta(s)", "1 cuenta", "2 cuentas"),
    ("ReportTableModel", "Se espera(n) %n publicación(es) por semana (periodicidad %2, "
     "criterio 6.xxi); publicó %3.", "Se espera 1 publicación por semana",
     "Se esperan 2 publicaciones por semana"),
    ("InformesSection", "%n mensaje(s)", "1 mensaje", "2 mensajes"),
    ("InformesSection", "%n respuesta(s)", "1 respuesta", "2 respuestas"),
    ("InformesSection", "%n de %6 cumple(n) su periodicidad", "1 de %6 cumple su periodicidad",
     "2 de %6 cumplen su periodicidad"),
    ("OrganizacionSection", "%n nueva(s)", "1 nueva", "2 nuevas"),
    ("OrganizacionSection", "%n actualizada(s)", "1 actualizada", "2 actualizadas"),
    ("OrganizacionSection", "%n sin cambios", "1 sin cambios", "2 sin cambios"),
    ("OrganizacionSection", "%n línea(s) omitida(s)", "1 línea omitida", "2 líneas omitidas"),
    ("PasswordsSection", "%n vencida(s)", "1 vencida", "2 vencidas"),
    ("SendDialog", "%n imagen(es)", "1 imagen", "2 imágenes"),
    ("SendDialog", "%n observación(es)", "1 observación", "2 observaciones"),
    ("SendDialog", "%n bloquea(n)", "1 bloquea", "2 bloquean"),
    ("SessionTab", "La sesión se bloquea tras %n minuto(s) sin actividad.",
     "tras 1 minuto sin", "tras 2 minutos sin"),
    ("TrainingTab", "%n administrador(es) sin capacitación en %1 (criterio 5.3).",
     "1 administrador sin", "2 administradores sin"),
    ("TrainingTab", "%n convocatoria(s) en la bandeja de salida.", "1 convocatoria en",
     "2 convocatorias en"),
    ("CouncilTab", "%n sesión(es) en el calendario (desde hace una semana).",
     "1 sesión en el calendario", "2 sesiones en el calendario"),
    ("ExpiredTab", "%n publicación(es) con la vigencia vencida en sus cuentas (criterio 5.2 d): "
     "actualice o retire cada una.", "1 publicación con la vigencia vencida",
     "2 publicaciones con la vigencia vencida"),
]


@pytest.mark.parametrize(("context", "source", "one", "two"), PLURALS)
def test_plurals_read_in_spanish(qapp, context, source, one, two):
    assert one in QCoreApplication.translate(context, source, None, 1)
    assert two in QCoreApplication.translate(context, source, None, 2)


def test_every_plural_of_the_catalogue_is_checked_above():
    import xml.etree.ElementTree as ET

    tree = ET.parse(catalogue.TS_FILE)
    plurals = {(c.findtext("name"), m.findtext("source")) for c in tree.iter("context")
               for m in c.iter("message") if m.get("numerus") == "yes"}
    assert plurals == {(context, source) for context, source, _one, _two in PLURALS}


def test_the_application_loads_the_catalogue_at_start(qapp, monkeypatch):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from redes_desktop.ui import application

    installed = []
    original = QApplication.installTranslator
    monkeypatch.setattr(qapp, "installTranslator",
                        lambda t: installed.append(t) or original(t), raising=False)
    locale = QLocale()
    try:
        application._install_qt_spanish(qapp)
        ours = [t for t in installed if t.filePath().endswith("redes_desktop_es_MX.qm")]
        assert len(ours) == 1
        assert ours[0].translate("AccountsSection", "%n cuenta(s)", None, 2) == "%n cuentas"
    finally:
        for translator in installed:
            QApplication.removeTranslator(translator)
        QLocale.setDefault(locale)


@pytest.mark.parametrize(("used", "text"), [(1, "YouTube: 1 carácter"),
                                            (2, "YouTube: 2 caracteres")])
def test_the_composer_counter_reads_in_spanish(qtbot, used, text):
    """Seen on screen: a network without a limit counts characters."""
    from types import SimpleNamespace

    from redes_desktop.ui.composer.counters import CountersBar

    bar = CountersBar()
    qtbot.addWidget(bar)
    result = SimpleNamespace(network=SimpleNamespace(label="YouTube"), weighted_length=used,
                             limit=0)
    assert bar.counter_text(result) == text  # type: ignore[arg-type]
