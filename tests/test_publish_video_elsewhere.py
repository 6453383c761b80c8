"""A post whose video was attached on another workstation (the titular's) is published here (by
the suplente) from this workstation's copy, which the sync brings into the data folder
(`sync/media_chunks.py`). Until it arrives, scheduling or publishing says so in Spanish, and the
queue waits for it (said once) instead of failing on a file that does not exist."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta

import pytest

from redes_desktop.actions.check_request import post_request
from redes_desktop.actions.schedule_post import schedule_post
from redes_desktop.models import Account, Post, PostMedia, PostStatus
from redes_desktop.models.publishing import JobState
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.services.post_files import MediaNotHere
from tests.checkers import nothing_found
from tests.test_publishing_queue import (  # fixtures and helpers of the queue's tests
    _connect,
    _job,
    _post,
    _queue,
    world,  # noqa: F401
)

ELSEWHERE = "C:\\Users\\titular\\Videos\\Mensaje de la Junta.mp4"  # the titular's path


def _video_post(database, people) -> tuple[object, str, bytes]:
    content = os.urandom(20_000)
    sha = hashlib.sha256(content).hexdigest()
    with database.session() as session:
        network = session.get(Account, people.account).network
        post = Post(account_id=people.account, network=network, author_id=people.titular,
                    text="El mensaje de la Junta")
        post.media = [PostMedia(position=0, file_path=ELSEWHERE, sha256=sha,
                                mime_type="video/mp4", alt_text="Mensaje")]
        session.add(post)
        session.commit()
        return post.id, sha, content


def _schedule(database, clock, recorder, people, post_id, when, media_dir):
    return schedule_post(database, clock=clock, recorder=recorder, check_post=nothing_found,
                         person_id=people.titular, post_id=post_id, when=when,
                         media_dir=media_dir)


def test_a_video_not_here_yet_is_said_in_spanish_and_then_published_from_the_copy(
        database, clock, world, server, data_dir):  # noqa: F811
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    media_dir = data_dir / "media"
    post_id, sha, content = _video_post(database, people)
    with pytest.raises(MediaNotHere) as refused:
        _schedule(database, clock, recorder, people, post_id, None, media_dir=media_dir)
    assert refused.value.message.startswith(
        "El video «Mensaje de la Junta.mp4» todavía no llega a esta estación: sincronice y "
        "espere a que termine de recibirse")
    assert _job(database, post_id) is None

    # The sync brought it: media/<sha256>/<the name it was attached with>.
    copy = media_dir / sha / "Mensaje de la Junta.mp4"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(content)
    with database.session() as session:  # the checks look at this workstation's copy
        request = post_request(session.get(Post, post_id), recent=(), now=clock(),
                               area_contacts=None, media_dir=media_dir)
        assert request.images == (copy,)
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(hours=1),
              media_dir=media_dir)
    queue = _queue(database, clock, recorder, networks)
    queue.media_dir = media_dir

    copy.unlink()  # gone again before its hour (a cleaning, a restored backup)
    clock.advance(timedelta(hours=1))
    report = queue.tick()
    assert report.published == [] and report.failed == [] and server.x_posts == []
    job = _job(database, post_id)
    assert job.state == JobState.PENDIENTE
    assert job.last_error.startswith("El video «Mensaje de la Junta.mp4» todavía no llega")
    [note] = report.notifications
    assert "todavía no llega a esta estación" in note.message
    clock.advance(timedelta(minutes=1))
    assert queue.tick().notifications == []  # waiting, said once

    copy.write_bytes(content)
    clock.advance(timedelta(minutes=1))
    assert queue.tick().published == [post_id]
    assert _post(database, post_id).status == PostStatus.PUBLICADA
    [uploaded] = server.x_media.values()
    assert uploaded["size"] > len(content)  # the video's bytes went with the request
