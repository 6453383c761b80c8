"""Forms (issue 15): every missing field reported at once and marked, the text kept; a bad URL
keeps the dialog open with the field marked; the example URL is the chosen network's; «Registrar
ausencia» chooses who covers and confirms before saving. The checks are Qt-free
(services/form_checks.py) and tested directly; the dialogs under pytest-qt."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate

from redes_desktop.clock import to_mexico
from redes_desktop.errors import ValidationError
from redes_desktop.models import AbsenceKind, AbsencePeriod, Network
from redes_desktop.models.procedures import AccountRequest
from redes_desktop.services.coverage import AbsenceService
from redes_desktop.services.form_checks import (
    FormProblems,
    account_request_problems,
    account_url_problem,
    area_problems,
    person_problems,
    post_url_problem,
    url_example,
)
from redes_desktop.ui.cuentas.absences_tab import AbsencesTab
from redes_desktop.ui.cuentas.request_dialog import RequestDialog
from redes_desktop.ui.form_marks import is_marked
from redes_desktop.ui.informes.evaluation_dialog import EvaluationDialog
from redes_desktop.ui.organizacion.dialogs import AreaDialog, PersonDialog
from redes_desktop.ui.passwords.incident_dialogs import CloseIncidentDialog, ReportIncidentDialog
from redes_desktop.ui.url_dialog import UrlDialog
from tests import test_cuentas_ui as cuentas
from tests.test_cuentas_ui import POOL, ok, pick

context = cuentas.context  # the fixtures of the Cuentas tests: one office and a reviewer
pdf = cuentas.pdf


# -- the Qt-free checks -----------------------------------------------------------------------
def test_an_empty_request_names_every_missing_field_at_once():
    problems = account_request_problems(
        area_id="", network=Network.X, name="", handle="", email="", purposes=(),
        justification="", titular_id="", suplente_id="", oficio=None)
    assert [p.field for p in problems] == [
        "area", "name", "handle", "email", "purposes", "justification", "titular",
        "suplente", "oficio"]
    error = FormProblems(problems)
    assert isinstance(error, ValidationError)
    assert error.message.startswith("Faltan o no son válidos estos 9 datos:")
    assert error.message.count("\n• ") == 9


def test_a_complete_request_has_no_problem_and_x_handles_end_in_ine():
    fields = dict(area_id="a", network=Network.X, name="INE Jalisco", handle="@JLJaliscoINE",
                  email="redes.jal@ine.mx", purposes=("3.i",),
                  justification="Difusión de los trámites de la credencial en el estado.",
                  titular_id="t", suplente_id="s", oficio="/tmp/oficio.pdf")
    assert account_request_problems(**fields) == []
    wrong = account_request_problems(**{**fields, "handle": "@JLJalisco", "email": "a@gmail.com",
                                        "suplente_id": "t"})
    assert [p.field for p in wrong] == ["handle", "email", "suplente"]


@pytest.mark.parametrize("network, account, post", [
    (Network.X, "https://x.com/JLJaliscoINE", "https://x.com/JLJaliscoINE/status/"),
    (Network.FACEBOOK, "https://www.facebook.com/JLJaliscoINE",
     "https://www.facebook.com/JLJaliscoINE/posts/"),
    (Network.INSTAGRAM, "https://www.instagram.com/JLJaliscoINE/",
     "https://www.instagram.com/p/"),
    (Network.YOUTUBE, "https://www.youtube.com/@JLJaliscoINE", "https://www.youtube.com/watch"),
    (Network.TIKTOK, "https://www.tiktok.com/@JLJaliscoINE",
     "https://www.tiktok.com/@JLJaliscoINE/video/"),
])
def test_the_example_url_is_the_chosen_networks(network, account, post):
    assert url_example(network, "@JLJaliscoINE") == account
    assert url_example(network, "@JLJaliscoINE", post=True).startswith(post)
    assert account_url_problem(network, account) is None
    assert post_url_problem(network, url_example(network, "JLJaliscoINE", post=True)) is None


def test_a_url_of_another_network_or_incomplete_is_explained():
    other = account_url_problem(Network.INSTAGRAM, "https://x.com/ine_jalisco")
    assert other and "instagram.com" in other and "no es una dirección de Instagram" in other
    assert "https://" in account_url_problem(Network.X, "x.com/JLJaliscoINE")
    assert "le falta" in account_url_problem(Network.X, "https://x.com/")
    assert "espacios" in post_url_problem(Network.X, "https://x.com/a b/status/1")
    assert "Escriba la dirección" in post_url_problem(Network.FACEBOOK, "https://")
    assert account_url_problem(Network.X, "https://twitter.com/JLJaliscoINE") is None
    assert account_url_problem(Network.X, "https://mobile.twitter.com/JLJaliscoINE") is None
    assert account_url_problem(Network.X, "https://x.com.evil.example/JL") is not None


def test_organisation_forms_list_everything_missing():
    assert [p.field for p in area_problems("", "junta_distrital", "", None)] == [
        "name", "state", "district"]
    assert [p.field for p in person_problems(" ", "nombre@", "")] == ["name", "email", "area"]


# -- the dialogs ------------------------------------------------------------------------------
def test_request_dialog_marks_every_missing_field_and_keeps_the_text(qtbot, context, pdf):
    dialog = RequestDialog(context, pool=POOL)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.idle)
    qtbot.keyClicks(dialog.name_edit, "INE Jalisco en X")
    pick(dialog.network_combo, "X")
    qtbot.keyClicks(dialog.handle_edit, "JLE_Jalisco")
    ok(dialog)
    text = dialog.error_label.text()
    assert "Faltan o no son válidos estos 7 datos" in text
    for needle in ("INE", "Correo", "fines de la sección 3", "Justifique", "titular",
                   "suplente", "Falta el oficio firmado"):
        assert needle in text
    for widget in (dialog.handle_edit, dialog.email_edit, dialog.purposes_list,
                   dialog.justification_edit, dialog.titular_combo, dialog.suplente_combo,
                   dialog.oficio_edit):
        assert is_marked(widget), widget
        assert widget.toolTip()
    assert not is_marked(dialog.name_edit) and not is_marked(dialog.area_combo)
    assert dialog.name_edit.text() == "INE Jalisco en X"  # nothing typed is lost
    assert dialog.result() != dialog.DialogCode.Accepted
    with context.session() as session:
        assert session.query(AccountRequest).count() == 0
    # Fixed fields lose their mark at the next try.
    qtbot.keyClicks(dialog.email_edit, "redes.x.jal@ine.mx")
    ok(dialog)
    assert not is_marked(dialog.email_edit) and is_marked(dialog.oficio_edit)


def test_request_dialog_example_handle_follows_the_network(qtbot, context):
    dialog = RequestDialog(context, pool=POOL)
    qtbot.addWidget(dialog)
    pick(dialog.network_combo, "X")
    assert "INE" in dialog.handle_edit.placeholderText() and "X" in \
        dialog.handle_edit.placeholderText()
    pick(dialog.network_combo, "Facebook")
    assert "en X" not in dialog.handle_edit.placeholderText()


def test_url_dialog_keeps_a_bad_url_marked_and_accepts_a_good_one(qtbot):
    dialog = UrlDialog("Registrar apertura", "Dirección:", Network.FACEBOOK, "@INEJalisco")
    qtbot.addWidget(dialog)
    assert dialog.edit.placeholderText() == "https://www.facebook.com/INEJalisco"
    qtbot.keyClicks(dialog.edit, "https://x.com/INEJalisco")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert is_marked(dialog.edit) and "facebook.com" in dialog.edit.toolTip()
    assert dialog.edit.text() == "https://x.com/INEJalisco"  # kept as typed
    assert not dialog.error_label.isHidden()
    dialog.edit.setText("https://www.facebook.com/INEJalisco")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not is_marked(dialog.edit) and dialog.url() == "https://www.facebook.com/INEJalisco"


@pytest.mark.parametrize("network, example", [
    (Network.X, "https://x.com/JLE_JaliscoINE/status/"),
    (Network.INSTAGRAM, "https://www.instagram.com/p/"),
    (Network.YOUTUBE, "https://www.youtube.com/watch"),
    (Network.TIKTOK, "https://www.tiktok.com/@JLE_JaliscoINE/video/"),
])
def test_published_url_dialog_shows_the_networks_example(qtbot, network, example):
    dialog = UrlDialog("Marcar como publicada", "URL:", network, "@JLE_JaliscoINE", post=True)
    qtbot.addWidget(dialog)
    assert dialog.edit.placeholderText().startswith(example)


def test_incident_dialogs_stay_open_with_the_missing_fields_marked(qtbot, context):
    now = to_mexico(context.clock())
    report = ReportIncidentDialog("@JLE_JaliscoINE", now)
    qtbot.addWidget(report)
    report.observed.setDateTime(report.observed.dateTime().addDays(2))  # in the future
    report.accept()
    assert report.result() != report.DialogCode.Accepted
    assert is_marked(report.description) and is_marked(report.observed)
    assert "2 datos" in report.error_label.text()
    close = CloseIncidentDialog("@JLE_JaliscoINE")
    qtbot.addWidget(close)
    close.accept()
    assert close.result() != close.DialogCode.Accepted and is_marked(close.resolution)


def test_evaluation_dialog_reports_all_problems_before_saving(qtbot, context):
    context.choose_identity(context.ids["reviewer"])
    dialog = EvaluationDialog(context, str(context.ids["account"]), "@JLE_JaliscoINE",
                              pool=POOL)
    qtbot.addWidget(dialog)
    dialog.period_end.setDate(dialog.period_end.date().addDays(10))
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert is_marked(dialog.period_end) and is_marked(dialog.findings)
    assert "futuro" in dialog.message.text() and "hallazgos" in dialog.message.text()


def test_organisation_dialogs_stay_open_until_complete(qtbot):
    person = PersonDialog([("a1", "Junta Local Ejecutiva en Jalisco")])
    qtbot.addWidget(person)
    qtbot.keyClicks(person.email, "nombre@gmail.com")
    person.accept()
    assert person.result() != person.DialogCode.Accepted
    assert is_marked(person.name) and is_marked(person.email) and not is_marked(person.area)
    assert person.email.text() == "nombre@gmail.com"
    area = AreaDialog()
    qtbot.addWidget(area)
    pick(area.kind, "Junta Distrital")
    area.accept()
    assert area.result() != area.DialogCode.Accepted
    assert all(is_marked(w) for w in (area.name, area.state, area.district))


# -- «Registrar ausencia»: who covers, and a confirmation -------------------------------------
@pytest.fixture
def absences(qtbot, context, clock):
    clock.set(datetime(2026, 9, 10, 18, 0, tzinfo=UTC))
    context.choose_identity(context.ids["head"])  # the area titular registers for anyone
    tab = AbsencesTab(context, pool=POOL)
    qtbot.addWidget(tab)
    asked: list[str] = []
    tab.answer = True
    tab.confirm = lambda text: asked.append(text) or tab.answer
    tab.asked = asked
    tab.start_edit.setDate(QDate(2026, 9, 14))
    tab.end_edit.setDate(QDate(2026, 9, 18))
    return tab


def test_the_designated_suplente_covers_by_default_and_the_registration_is_confirmed(
        absences, context):
    tab = absences
    pick(tab.person_combo, "Titular jal")
    assert tab.cover_combo.count() == 1
    assert tab.cover_combo.currentText() == "Suplente jal — suplente de @JLE_JaliscoINE"
    tab.answer = False
    tab.register_button.click()
    [question] = tab.asked
    assert "Titular jal" in question and "del 14 al 18 de septiembre" in question
    assert "Cubre: Suplente jal" in question
    with context.session() as session:
        assert session.query(AbsencePeriod).count() == 0  # «No»: nothing saved
    tab.answer = True
    tab.register_button.click()
    with context.session() as session:
        [row] = session.query(AbsencePeriod).all()
        assert row.covering_person_id == context.ids["suplente"]


def test_someone_without_accounts_chooses_anyone_of_the_area(absences, context):
    tab = absences
    pick(tab.person_combo, "Vocal jal")  # the area titular administers no account
    labels = [tab.cover_combo.itemText(i) for i in range(tab.cover_combo.count())]
    # The area's suplente by default, then nobody, then anyone else of the area.
    assert labels[0] == "Suplente jal — suplente de las cuentas del área"
    assert labels[1].startswith("Nadie") and "Titular jal" in labels[2:]
    tab.register_button.click()
    assert "Cubre: Suplente jal" in tab.asked[-1]
    assert tab.error_label.isHidden(), tab.error_label.text()
    with context.session() as session:
        [row] = session.query(AbsencePeriod).all()
        assert row.person_id == context.ids["head"]
        assert row.covering_person_id == context.ids["suplente"]


def test_missing_dates_are_marked_before_asking(absences, context):
    tab = absences
    tab.end_edit.setDate(QDate(2026, 9, 12))  # before the start
    tab.register_button.click()
    assert tab.asked == [] and is_marked(tab.end_edit)
    assert "anterior" in tab.error_label.text()


def test_only_the_designated_suplente_may_cover_an_account(context, clock):
    from redes_desktop.models import Person

    with context.session() as session:
        service = AbsenceService(session, clock, context.recorder)
        titular = session.get(Person, context.ids["titular"])
        head = session.get(Person, context.ids["head"])
        start = to_mexico(clock()).date() + timedelta(days=3)
        with pytest.raises(ValidationError) as refused:
            service.register(head, titular, AbsenceKind.VACACIONES, start,
                             start + timedelta(days=2), covering=head)
        assert "no es suplente de @JLE_JaliscoINE" in refused.value.message
        assert "7.iv" in refused.value.message
        with pytest.raises(ValidationError):
            service.register(head, titular, AbsenceKind.VACACIONES, start,
                             start + timedelta(days=2), covering=titular)
        assert isinstance(start, date)


def test_absence_list_shows_names_and_dates_in_full(absences, context):
    tab = absences
    pick(tab.person_combo, "Titular jal")
    tab.register_button.click()
    item = tab.tree.topLevelItem(0)
    metrics = tab.tree.fontMetrics()
    for column in range(4):
        assert tab.tree.columnWidth(column) >= metrics.horizontalAdvance(item.text(column))


def test_closure_request_marks_account_reason_and_oficio_together(qtbot, context):
    from redes_desktop.ui.cuentas.closure_dialog import ClosureRequestDialog

    dialog = ClosureRequestDialog(context, pool=POOL)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.idle)
    qtbot.keyClicks(dialog.reason_edit, "Ya no")
    ok(dialog)
    assert "Explique por qué" in dialog.error_label.text()
    assert "Falta el oficio firmado" in dialog.error_label.text()
    assert is_marked(dialog.reason_edit) and is_marked(dialog.oficio_edit)
    assert dialog.reason_edit.text() == "Ya no"
    assert dialog.result() != dialog.DialogCode.Accepted


def test_administrators_need_two_distinct_people():
    from redes_desktop.services.form_checks import administrators_problems

    assert [p.field for p in administrators_problems("", "")] == ["titular", "suplente"]
    [same] = administrators_problems("a", "a")
    assert same.field == "suplente" and "dos personas distintas" in same.message
    assert administrators_problems("a", "b") == []
