"""The demo institution's posts (services/demo.py): drafts, some scheduled and half with an
image; posts published over the last three weeks, with their links; two discarded; and the
consultations to the CNCS in every state (6.viii), pending ones with their hours left, at office
hours in México City. The texts, images and questions live in `resources/demo/*.json`."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

from redes_desktop.models import (
    Account,
    Consultation,
    ConsultationState,
    Network,
    Post,
    PostMedia,
    PostStatus,
)

CONSULTATION_TERM = timedelta(hours=48)


class DemoPosts:
    """Adds its posts and consultations to `demo`, the builder of services/demo.py (its
    `posts`, `consultations` and `counts`)."""

    def __init__(self, demo: Any) -> None:
        self.demo = demo

    def text(self, index: int, account: Account) -> str:
        text: str = self.demo.texts["texts"][index]
        return text.format(entidad=account.area.state or "todo el país")

    def post(self, account: Account, index: int, status: PostStatus, created: datetime, *,
             image: int | None = None) -> Post:
        demo = self.demo
        post = Post(account=account, network=account.network, text=self.text(index, account),
                    author=demo.rng.choice(demo.admins(account)), status=status,
                    created_at=created, updated_at=created)
        if image is not None:
            spec = demo.texts["images"][image]
            post.media.append(PostMedia(
                position=0, file_path=spec["file"], alt_text=spec["alt"],
                sha256=hashlib.sha256(spec["file"].encode()).hexdigest(),
                mime_type="image/png" if spec["file"].endswith(".png") else "image/jpeg",
                created_at=created, updated_at=created,
            ))
        demo.posts.append(post)
        demo.session.add(post)
        return post

    def publish(self, post: Post, when: datetime) -> None:
        demo = self.demo
        bare = post.account.handle.lstrip("@")
        number = demo.rng.randrange(10**18, 10**19)
        post.status, post.published_at, post.updated_at = PostStatus.PUBLICADA, when, when
        post.published_url = {
            Network.X: f"https://x.com/{bare}/status/{number}",
            Network.FACEBOOK: f"https://www.facebook.com/{bare}/posts/{number}",
            Network.INSTAGRAM: f"https://www.instagram.com/p/{number:x}/",
            Network.YOUTUBE: f"https://www.youtube.com/watch?v={number:x}"[:43],
            Network.TIKTOK: f"https://www.tiktok.com/@{bare}/video/{number}",
        }.get(post.network, "")

    def build_posts(self) -> None:
        demo = self.demo
        active, x_local = demo.active(), demo.active_local_x()
        n_texts, n_images = len(demo.texts["texts"]), len(demo.texts["images"])
        for i in range(14):  # drafts, some scheduled, half with an image
            account = active[(i * 7) % len(active)]
            post = self.post(account, (i * 5) % n_texts, PostStatus.BORRADOR,
                             demo.office(demo.ago(hours=demo.rng.uniform(1, 120))),
                             image=i % n_images if i % 2 == 0 else None)
            if i % 5 == 0:
                post.scheduled_at = demo.local_at(demo.today + timedelta(days=1 + i // 5), 10)
        for i in range(12):  # published over the last three weeks
            account = x_local[(i * 5) % len(x_local)] if i % 3 else active[i % len(active)]
            created = demo.office(demo.ago(days=demo.rng.uniform(2, 21)))
            post = self.post(account, (i * 3 + 1) % n_texts, PostStatus.BORRADOR, created,
                             image=i % n_images)
            self.publish(post, demo.office(created + timedelta(hours=demo.rng.uniform(1, 20)),
                                           created + timedelta(minutes=20)))
        for i in range(2):
            self.post(x_local[-1 - i], 4 + i, PostStatus.DESCARTADA,
                      demo.office(demo.ago(days=9 + i)))

    def build_consultations(self) -> None:
        demo = self.demo
        x_local = demo.active_local_x()
        x_cncs = next(a for a in demo.active()
                      if a.area.acronym == "CNCS" and a.network == Network.X)
        reasoning = demo.texts["reasoning"]
        S = ConsultationState
        # (question, text, image, state, hours left or days since sent, account)
        plan = [
            (0, 1, None, S.PENDIENTE, 41.0, x_local[13]),
            (3, 5, 3, S.PENDIENTE, 20.0, x_local[19]),
            (4, 9, 5, S.PENDIENTE, 9.5, x_local[7]),
            (7, 7, 1, S.PENDIENTE, 1.5, x_local[20]),
            (2, 12, None, S.APROBADA, 6.0, x_local[25]),
            (6, 11, 0, S.APROBADA, 12.0, x_local[2]),
            (8, 16, None, S.RECHAZADA, 4.0, x_cncs),
            (1, 14, 0, S.REQUIERE_CAMBIOS, 3.0, x_local[9]),
            (5, 8, 4, S.NO_PROCEDENTE, 8.0, x_local[30]),
        ]
        post_status = {S.PENDIENTE: PostStatus.EN_CONSULTA, S.APROBADA: PostStatus.APROBADA,
                       S.RECHAZADA: PostStatus.RECHAZADA, S.REQUIERE_CAMBIOS: PostStatus.BORRADOR,
                       S.NO_PROCEDENTE: PostStatus.BORRADOR}
        rows: list[Consultation] = []
        for n, (question, text, image, state, amount, account) in enumerate(plan):
            # Sent at office hours; a pending one keeps about its hours left (a weekend day
            # may be the only office time that does).
            pending = state == S.PENDIENTE
            if pending:
                sent = demo.office(demo.now + timedelta(hours=amount) - CONSULTATION_TERM,
                                   demo.now - CONSULTATION_TERM + timedelta(minutes=15),
                                   demo.now - timedelta(minutes=5), weekends=True)
            else:
                sent = demo.office(demo.ago(days=amount, hours=demo.rng.uniform(0, 5)))
            created = demo.office(sent - timedelta(hours=2), latest=sent - timedelta(minutes=10),
                                  weekends=pending)
            post = self.post(account, text, post_status[state], created, image=image)
            snapshot = {
                "text": post.text, "networks": [account.network.value],
                "media": [{"file_path": m.file_path, "sha256": m.sha256, "alt_text": m.alt_text}
                          for m in post.media],
                "findings": [],
            }
            row = Consultation(
                post=post, account=account, author=post.author, snapshot=snapshot,
                question=demo.texts["questions"][question], sent_at=sent,
                deadline=sent + CONSULTATION_TERM, state=state,
                snapshot_hash=hashlib.sha256(json.dumps(
                    snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest(),
                created_at=sent, updated_at=sent,
            )
            if state == S.NO_PROCEDENTE:
                row.decided_at, row.reasoning = row.deadline, reasoning[state.value]
            elif state != S.PENDIENTE:
                row.reviewer = demo.revisores[n % len(demo.revisores)]
                row.decided_at = demo.office(sent + timedelta(hours=demo.rng.uniform(3, 30)),
                                             sent + timedelta(minutes=30))
                row.reasoning = reasoning[state.value]
                if state == S.REQUIERE_CAMBIOS:
                    row.requested_changes = demo.texts["requested_changes"]
            if row.decided_at:
                row.updated_at = post.updated_at = row.decided_at
            if state == S.APROBADA and n % 2:
                assert row.decided_at is not None
                self.publish(post, demo.office(row.decided_at + timedelta(hours=2),
                                               row.decided_at + timedelta(minutes=10)))
            rows.append(row)
        demo.session.add_all(rows)
        demo.consultations = rows
        demo.counts["consultations"] = len(rows)

