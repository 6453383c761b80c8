"""Builders shared by the consultation tests (no tests here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock
from redes_desktop.models import Person, Post
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.consultations import ConsultationService
from redes_desktop.services.directory import Directory
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.posts import MediaSpec, PostService
from tests.factories import Office, make_office, make_reviewer

CNCS = "cncs@ine.mx"


def jpeg_with_gps(path: Path) -> Path:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Cámara INE"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (19.0, 26.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (99.0, 8.0, 0.0),
    }
    Image.effect_noise((80, 60), 40).convert("RGB").save(path, exif=exif, quality=85)
    return path


@dataclass
class World:
    office: Office
    reviewer: Person
    recorder: MemoryRecorder


def make_world(session: Session, clock: Clock) -> World:
    directory = Directory(session, clock, NullRecorder())
    office = make_office(directory)
    reviewer = make_reviewer(directory)
    session.commit()
    return World(office, reviewer, MemoryRecorder())


def make_draft(session: Session, clock: Clock, world: World, text: str,
               images: list[Path] = ()) -> Post:
    posts = PostService(session, clock, recorder=world.recorder)
    post = posts.create_draft(world.office.titular, world.office.account, text)
    if images:
        posts.save_draft(world.office.titular, post, text,
                         [MediaSpec(str(p), f"Cartel {n}") for n, p in enumerate(images)])
    return post


def outbox_for(session: Session, clock: Clock, host: str, port: int) -> Outbox:
    return Outbox(session, clock, SmtpMailer(MailConfig(host, port, "none", "",
                                                        "Redes INE <redes@ine.mx>")))


def service_for(session: Session, clock: Clock, world: World, media_dir: Path,
                outbox: Outbox | None) -> ConsultationService:
    return ConsultationService(session, clock, outbox=outbox, cncs_email=CNCS,
                               media_dir=media_dir, recorder=world.recorder)


def actions(world: World) -> list[str]:
    return [entry.action for entry in world.recorder.entries]
