"""Sign in at this workstation (issue 14): the person proves who they are — with their own
login on the shared database when one is configured, otherwise (or when it does not answer)
with the local credential set at their first sign-in. Sign-ins, failures and locks go to the
bitácora (`sesion_iniciada`, `sesion_fallida`, `sesion_bloqueada`); failures slow down."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.errors import NotFound, UserFacingError
from redes_desktop.services.activity import ActivityEntry
from redes_desktop.signin.credentials import LocalCredential, SignInRefused
from redes_desktop.signin.shared_login import SharedUnreachable, verify_shared_login
from redes_desktop.signin.throttle import Throttle, throttle_path

if TYPE_CHECKING:
    from redes_desktop.context import AppContext, Identity

SHARED, LOCAL, NEW_LOCAL = "base compartida", "local", "nueva local"


@dataclass(frozen=True)
class SignInState:
    """What the sign-in dialog asks of this person."""

    person_id: uuid.UUID
    name: str
    login: str  # the shared database login (the e-mail, lower case)
    mode: str  # SHARED, LOCAL, or NEW_LOCAL (first sign-in: set the local credential)


@dataclass
class SignInService:
    """Holds the throttle across attempts; one per running program."""

    context: AppContext
    throttle: Throttle
    credential: LocalCredential
    origin: str = ""  # where the person signs in when not the window ("orden": a command)

    @classmethod
    def of(cls, context: AppContext, throttle: Throttle | None = None,
           credential: LocalCredential | None = None, *, origin: str = "") -> SignInService:
        if throttle is None:  # kept in the data folder: a restart does not reset it
            throttle = Throttle(path=throttle_path(context.workspace.paths.root))
        return cls(context, throttle, credential or LocalCredential(context.secrets), origin)

    def _identity(self, person_id: uuid.UUID) -> Identity:
        from redes_desktop.actions.choose_identity import choose_identity

        return choose_identity(self.context.database, person_id, clock=self.context.clock)

    def state(self, person_id: uuid.UUID) -> SignInState:
        identity = self._identity(person_id)
        if self.context.workspace.settings.shared_database_url:
            mode = SHARED
        else:
            mode = LOCAL if self.credential.is_set(person_id) else NEW_LOCAL
        return SignInState(person_id, identity.name, identity.email.lower(), mode)

    def sign_in(self, person_id: uuid.UUID, password: str, *, confirmation: str | None = None,
                login: str | None = None) -> Identity:
        """The person's identity once proven; `SignInRefused` (or another `UserFacingError`)
        otherwise. Does not make it the context's identity: the caller does."""
        identity = self._identity(person_id)  # NotFound: removed meanwhile
        key = str(person_id)
        self.throttle.wait(key)
        try:
            via = self._prove(identity, password, confirmation, login)
        except NotFound:
            raise
        except UserFacingError as error:
            if isinstance(error, SignInRefused):
                count = self.throttle.failed(key)
                self._record(person_id, "sesion_fallida",
                             {"intentos": count, "motivo": error.message[:200]})
            raise
        self.throttle.succeeded(key)
        self._record(person_id, "sesion_iniciada", {"via": via})
        return identity

    def _prove(self, identity: Identity, password: str, confirmation: str | None,
               login: str | None) -> str:
        person_id = identity.person_id
        url = self.context.workspace.settings.shared_database_url
        if url:
            try:
                verify_shared_login(url, login or identity.email.lower(), password, person_id)
            except SharedUnreachable as offline:
                if not self.credential.is_set(person_id):
                    raise SignInRefused(
                        "La base compartida no responde y esta estación aún no tiene su "
                        "contraseña local: conéctese a la red para entrar por primera vez."
                    ) from offline
            else:
                # Offline sign-ins later use the same password, checked against its hash.
                self.credential.remember(person_id, password)
                return SHARED
        if self.credential.is_set(person_id):
            if not self.credential.verify(person_id, password):
                raise SignInRefused("La contraseña no es correcta. Vuelva a intentarlo.")
            return LOCAL
        if confirmation is None:
            raise SignInRefused(
                "Es su primera entrada en esta estación: elija una contraseña y confírmela.")
        self.credential.set(person_id, password, confirmation)  # validation: UserFacingError
        return NEW_LOCAL

    def record_lock(self, identity: Identity, minutes: int) -> None:
        self._record(identity.person_id, "sesion_bloqueada", {"inactividad_minutos": minutes})

    def _record(self, person_id: uuid.UUID, action: str, details: dict) -> None:
        from redes_desktop.bitacora.service import BitacoraBlocked

        if self.origin:
            details = {**details, "origen": self.origin}
        try:
            self.context.recorder.record(ActivityEntry(
                at=self.context.clock(), actor_id=person_id, account_id=None, action=action,
                details=details))
        except BitacoraBlocked:
            # An alarm blocks recording, and the way out of it («Restablecer anclas», or
            # `bitacora reanclar`) needs a signed-in titular or CNCS reviewer: signing in
            # changes no data, so it goes on unrecorded (the re-anchoring entry names the
            # person); every action after it is still refused while the alarm stands.
            pass
