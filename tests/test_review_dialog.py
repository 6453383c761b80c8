"""The CNCS review dialog (issue 15): the images with their alternative text, the decision
controls in view on a 1366×768 screen however long the consultation (the content scrolls, the
decision does not), and «Siguiente consulta» through the pending queue."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QScrollArea

from redes_desktop.models import ConsultationState
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.consultations import ConsultationService
from redes_desktop.services.media_library import import_for_publication
from redes_desktop.services.posts import MediaSpec, PostService
from redes_desktop.ui.consultas.review_dialog import ConsultationDialog
from tests import test_consultas_ui as _consultas
from tests.test_consultas_ui import SYNC, consult

S = ConsultationState
context = _consultas.context  # fixture


def _consult_with_images(ctx, tmp_path, alts: list[str], text: str = "Con imágenes"):
    media_dir = ctx.workspace.paths.media
    specs = []
    for n, alt in enumerate(alts):
        source = tmp_path / f"foto{n}.png"
        Image.new("RGB", (300, 200), (40 * n, 90, 200)).save(source)
        copy = import_for_publication(source, media_dir)
        specs.append(MediaSpec(str(copy), alt, "", "image/png"))
    with ctx.session() as session:
        directory = ctx.directory(session)
        titular = directory.person(ctx.ids["titular"])
        posts = PostService(session, ctx.clock, recorder=NullRecorder())
        post = posts.create_draft(titular, directory.account(ctx.ids["account"]), text)
        posts.save_draft(titular, post, text, specs)
        outcome = ConsultationService.from_context(ctx, session).send(
            titular, post, "¿Procede la imagen?")
        session.commit()
    return outcome.consultation_id


def test_images_show_with_their_alternative_text(qtbot, context, tmp_path):
    consultation_id = _consult_with_images(
        context, tmp_path, ["Personas formadas frente al módulo de atención", ""])
    context.choose_identity(context.ids["reviewer"])
    dialog = ConsultationDialog(context, consultation_id, pool=SYNC)
    qtbot.addWidget(dialog)
    assert [not label.pixmap().isNull() for label in dialog.image_labels] == [True, True]
    captions = [label.text() for label in dialog.alt_labels]
    assert captions == ["Texto alternativo: Personas formadas frente al módulo de atención",
                        "Sin texto alternativo (6.xxii)"]


def test_decision_controls_stay_in_view_at_1366x768(qtbot, context, tmp_path):
    long_text = "\n".join(f"Línea {n} de una publicación muy larga." for n in range(80))
    consultation_id = _consult_with_images(context, tmp_path, ["Cartel", "Mapa", "Tabla"],
                                           text=long_text)
    context.choose_identity(context.ids["reviewer"])
    dialog = ConsultationDialog(context, consultation_id, pool=SYNC)
    qtbot.addWidget(dialog)
    assert dialog.height() <= 700 and dialog.width() <= 1366
    dialog.resize(760, 700)  # what a 1366×768 screen gives it, less the taskbar and title
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.decision_box
    assert box is not None
    # The decision is not inside the scrolling part…
    parent = box.parentWidget()
    while parent is not None and parent is not dialog:
        assert not isinstance(parent, QScrollArea)
        parent = parent.parentWidget()
    # …and it lies wholly inside the dialog, with the button to register it, even though the
    # consultation itself needs scrolling.
    assert dialog.scroll_area.verticalScrollBar().maximum() > 0
    inside = QRect(QPoint(0, 0), dialog.size())
    for widget in (box, dialog.decide_button, dialog.reason_edit, dialog.next_button):
        top_left = widget.mapTo(dialog, QPoint(0, 0))
        assert inside.contains(QRect(top_left, widget.size())), widget
    dialog.scroll_area.verticalScrollBar().setValue(dialog.scroll_area.verticalScrollBar().maximum())
    assert inside.contains(QRect(box.mapTo(dialog, QPoint(0, 0)), box.size()))


def test_next_consultation_walks_the_pending_queue(qtbot, context, typer):
    first = consult(context, text="Primera", hours_ago=3)
    consult(context, text="Ya decidida", hours_ago=2, decide=S.APROBADA)
    second = consult(context, text="Segunda", hours_ago=1)
    context.choose_identity(context.ids["reviewer"])
    dialog = ConsultationDialog(context, first, pool=SYNC)
    qtbot.addWidget(dialog)
    assert dialog.next_button.isEnabled()
    seen = {dialog.snapshot_text.toPlainText()}
    dialog.approve.setChecked(True)
    dialog.submit()
    assert "Decisión registrada" in dialog.message_label.text()
    dialog.next_button.click()
    seen.add(dialog.snapshot_text.toPlainText())
    assert seen == {"Primera", "Segunda"}
    assert dialog.consultation_id == second
    # A fresh decision form for the new one; the first (decided) is no longer pending.
    assert dialog.decision_box is not None and dialog.decision_box.isEnabled()
    assert dialog.chosen_state() is None
    assert not dialog.next_button.isEnabled()  # nothing else waits
