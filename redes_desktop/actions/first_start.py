"""The first start of an installation (issue 14): start a new institution — its first CNCS
reviewer, who then registers the rest — or join an existing one through the shared database
(its address and the person's own login: the organisation is pulled and the person is the one
the server maps that login to). The demo stays a separate choice (`choose_identity.open_demo`).
Both end signed in: the person's credential is proven or set here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.errors import UserFacingError
from redes_desktop.services.activity import ActivityEntry
from redes_desktop.signin.credentials import SignInRefused, check_new_password

if TYPE_CHECKING:
    from redes_desktop.context import AppContext, Identity
    from redes_desktop.models import Level
    from redes_desktop.signin.credentials import LocalCredential

CNCS_NAME = "Coordinación Nacional de Comunicación Social"


@dataclass(frozen=True)
class NewInstitution:
    name: str
    email: str
    level: Level
    password: str
    confirmation: str


def start_institution(context: AppContext, form: NewInstitution,
                      credential: LocalCredential) -> Identity:
    """The CNCS area and its first reviewer in an empty data folder; refused when the
    directory already has areas (it is not a first start)."""
    from redes_desktop.context import Identity
    from redes_desktop.models import AreaKind, Role
    from redes_desktop.services.directory import Directory

    check_new_password(form.password, form.confirmation)  # before anything is created
    with unit_of_work(context.database) as session:
        directory = Directory(session, context.clock, context.recorder)
        if not directory.is_empty():
            raise UserFacingError(
                "Esta carpeta de datos ya tiene una institución: entre con su nombre y "
                "contraseña, o pida al revisor de la CNCS que lo registre.")
        area = directory.create_area(CNCS_NAME, AreaKind.OFICINAS_CENTRALES, acronym="CNCS")
        person = directory.create_person(form.name, form.email, form.level, area,
                                         [Role.REVISOR_CNCS])
        session.flush()
        identity = Identity.of(person)
        credential.set(person.id, form.password, form.confirmation)
        context.recorder.record(ActivityEntry(
            at=context.clock(), actor_id=person.id, account_id=None,
            action="institucion_creada", details={"area": str(area.id)}))
    _record_sign_in(context, identity, "nueva local")
    return identity


def join_institution(context: AppContext, url: str, login: str, password: str,
                     credential: LocalCredential) -> Identity:
    """Join through the shared database: the login must map to a person there; the
    organisation is pulled; from then on this workstation syncs as that login (its password
    in the secret store, never in the settings)."""
    import uuid

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from redes_desktop.actions.choose_identity import choose_identity
    from redes_desktop.context_setup import make_sync_engine
    from redes_desktop.errors import NotFound
    from redes_desktop.signin.shared_login import SharedUnreachable, login_url
    from redes_desktop.sync.connect import SECRET_KEY, shared_engine

    if not login or not login.strip():
        raise SignInRefused("Escriba su usuario de la base compartida.")
    address = login_url(url, login.strip(), password)
    engine = shared_engine(address.render_as_string(hide_password=False))
    try:
        with engine.connect() as conn:
            mapped = conn.execute(text("SELECT redes_person()")).scalar()
    except DBAPIError as error:
        if "FATAL:" in str(error.orig) or getattr(error.orig, "sqlstate", None):
            raise SignInRefused(
                "La base compartida rechazó el usuario o la contraseña. Revíselos y vuelva a "
                "intentarlo.") from error
        raise SharedUnreachable(
            "La base compartida no responde. Revise la dirección y la red, y vuelva a "
            "intentarlo.") from error
    finally:
        engine.dispose()
    if mapped is None:
        raise SignInRefused(
            "Ese usuario de la base compartida no corresponde a ninguna persona. Pida al revisor "
            "de la CNCS que le dé de alta su usuario.")
    person_id = uuid.UUID(str(mapped))
    settings = context.workspace.settings
    previous = settings.shared_database_url, settings.current_person_id
    previous_secret = context.secrets.get(SECRET_KEY)
    settings.shared_database_url = address._replace(password=None).render_as_string(
        hide_password=False)
    settings.current_person_id = str(person_id)
    context.secrets.set(SECRET_KEY, password)
    try:
        sync, _note = make_sync_engine(context)
        try:
            sync.sync()
        finally:
            sync.shared.dispose()
        identity = choose_identity(context.database, person_id, clock=context.clock)
    except (UserFacingError, NotFound):
        settings.shared_database_url, settings.current_person_id = previous
        if previous_secret is None:
            context.secrets.delete(SECRET_KEY)
        else:
            context.secrets.set(SECRET_KEY, previous_secret)
        raise
    context.workspace.save_settings()
    credential.remember(person_id, password)
    _record_sign_in(context, identity, "base compartida")
    return identity


def _record_sign_in(context: AppContext, identity: Identity, via: str) -> None:
    context.recorder.record(ActivityEntry(
        at=context.clock(), actor_id=identity.person_id, account_id=None,
        action="sesion_iniciada", details={"via": via}))
