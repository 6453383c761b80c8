"""Drafts through the service: permissions, autosave no-ops, publishing refused on a bloquea
finding, approval invalidated by an edit, recent posts for the spam rule."""

from datetime import timedelta

import pytest

from redes_desktop.checks.model import CheckResult, Finding, Severity
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import Network, PostStatus
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.posts import MediaSpec, PostService
from tests.factories import make_office


def _checker(post):
    findings = []
    if not post.media:
        findings.append(Finding("6.xxvi", Severity.BLOQUEA, "Falta imagen"))
    return CheckResult(post.text, Network.X, len(post.text), 280, findings)


@pytest.fixture
def office(session, clock):
    return make_office(Directory(session, clock, NullRecorder()))


@pytest.fixture
def service(session, clock):
    return PostService(session, clock, recorder=MemoryRecorder())


def test_only_designated_administrators_draft(service, office):
    with pytest.raises(PermissionDenied):
        service.create_draft(office.suplente, office.account)
    post = service.create_draft(office.titular, office.account, "Hola")
    assert post.status == PostStatus.BORRADOR and post.network == Network.X


def test_autosave_is_a_no_op_when_nothing_changed(service, office, tmp_path):
    image = tmp_path / "a.png"
    image.write_bytes(b"\x89PNG fake")
    post = service.create_draft(office.titular, office.account)
    assert service.save_draft(office.titular, post, "Texto", [MediaSpec(str(image), "Alt")])
    assert post.media[0].sha256 and len(post.media[0].sha256) == 64
    assert not service.save_draft(office.titular, post, "Texto", [MediaSpec(str(image), "Alt")])
    assert service.save_draft(office.titular, post, "Texto nuevo", [MediaSpec(str(image), "Alt")])


def test_publishing_refused_while_a_bloquea_finding_stands(service, office, tmp_path):
    post = service.create_draft(office.titular, office.account, "Sin imagen")
    with pytest.raises(ValidationError, match="6.xxvi") as refused:
        service.mark_published(office.titular, post, "https://x.com/INE/status/1", _checker)
    assert "hay un problema que lo impide." in str(refused.value)  # not «1 problema(s)»
    image = tmp_path / "a.png"
    image.write_bytes(b"x")
    service.save_draft(office.titular, post, "Con imagen", [MediaSpec(str(image), "Alt")])
    with pytest.raises(ValidationError, match="dirección completa"):
        service.mark_published(office.titular, post, "no es url", _checker)
    service.mark_published(office.titular, post, "https://x.com/INE/status/1", _checker)
    assert post.status == PostStatus.PUBLICADA and post.published_at is not None
    actions = [e.action for e in service.recorder.entries]
    assert actions[-1] == "publicada"


def test_edit_after_approval_needs_a_new_consultation(service, office):
    post = service.create_draft(office.titular, office.account, "Aprobado")
    post.status = PostStatus.APROBADA
    service.save_draft(office.titular, post, "Aprobado y cambiado")
    assert post.status == PostStatus.BORRADOR
    assert "aprobacion_invalidada_por_edicion" in [e.action for e in service.recorder.entries]


def test_pending_consultation_blocks_publication(service, office):
    post = service.create_draft(office.titular, office.account, "En duda")
    post.status = PostStatus.EN_CONSULTA
    with pytest.raises(ValidationError, match="6.viii"):
        service.mark_published(office.titular, post, "https://x.com/a/status/2", _checker)


def test_recent_posts_for_spam(service, office, clock, tmp_path):
    image = tmp_path / "a.png"
    image.write_bytes(b"x")
    old = service.create_draft(office.titular, office.account, "Viejo")
    service.save_draft(office.titular, old, "Viejo", [MediaSpec(str(image), "Alt")])
    service.mark_published(office.titular, old, "https://x.com/a/status/1", _checker)
    clock.advance(timedelta(days=8))
    new = service.create_draft(office.titular, office.account, "Nuevo")
    service.save_draft(office.titular, new, "Nuevo", [MediaSpec(str(image), "Alt")])
    service.mark_published(office.titular, new, "https://x.com/a/status/2", _checker)
    recent = service.recent_posts(office.account.id)
    assert [p.text for p in recent] == ["Nuevo"]


def test_compromised_account_holds_publication(service, office):
    office.account.compromised = True
    with pytest.raises(ValidationError, match="6.xxx"):
        service.create_draft(office.titular, office.account)
