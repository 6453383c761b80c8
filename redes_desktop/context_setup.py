"""Connect the services every entry point needs to an AppContext: the window, the command line
and the benchmarks open the bitácora the same way."""

from __future__ import annotations


def attach_bitacora(context) -> None:
    """Open this workstation's bitácora and make it the recorder of every service (8.iii).

    Raises the bitácora's Spanish UserFacingError (missing key, tampered file…): the program
    does not run without its bitácora, and never starts a second chain over the old one.
    """
    from redes_desktop.bitacora import BitacoraRecorder, DatabaseAreaLookup, open_bitacora

    workspace = context.workspace
    bitacora = open_bitacora(workspace.paths, context.secrets, context.database, context.clock)
    context.recorder = BitacoraRecorder(bitacora, DatabaseAreaLookup(context.database))


def make_sync_engine(context, url: str | None = None, **options):
    """A SyncEngine between this workstation and the shared database, carrying the bitácora
    when this workstation can share it (it holds the institution's readers key).

    Returns (engine, note): `note` says, in Spanish, why the bitácora is not being shared.
    """
    import uuid

    from redes_desktop.bitacora import crypto
    from redes_desktop.sync.connect import password_note, shared_engine
    from redes_desktop.sync.engine import SyncEngine

    address = url or context.workspace.settings.shared_database_url
    shared = shared_engine(address, context.secrets)
    bitacora = getattr(context.recorder, "bitacora", None)
    source, note = None, password_note(address)
    if bitacora is not None:
        if context.secrets.get(crypto.READERS_KEY) is not None:
            from redes_desktop.sync.bitacora_adapter import BitacoraSyncAdapter

            source = BitacoraSyncAdapter(bitacora)
        else:
            note = " ".join(filter(None, [note, (
                "La bitácora no se comparte: falta la clave de lectores; instálela en "
                "Archivo → Preferencias → Bitácora.")]))
    person = context.identity.person_id if context.identity else (
        context.workspace.settings.current_person_id)
    engine = SyncEngine(context.database.engine, shared,
                        person_id=uuid.UUID(str(person)) if person else None,
                        clock=context.clock, bitacora=source,
                        media_dir=context.workspace.paths.media, **options)
    return engine, note


def record_sync(context, report) -> None:
    """Write a sync that moved records into the bitácora (8.iii). A sync that only carried
    bitácora entries is not recorded, or every sync would create the next one's work."""
    from redes_desktop.services.activity import ActivityEntry

    push, pull = report.push, report.pull
    if not (push.sent or push.deleted or pull.received or pull.deleted or push.conflicts):
        return
    context.recorder.record(ActivityEntry(
        at=context.clock(),
        actor_id=context.identity.person_id if context.identity else None,
        account_id=None,
        action="sincronizacion",
        details={"enviados": push.sent, "eliminados_enviados": push.deleted,
                 "recibidos": pull.received, "eliminados_recibidos": pull.deleted,
                 "conflictos": push.conflicts, "combinados": push.merged},
    ))


class RecordingSync:
    """A SyncEngine that writes each sync that moved records into the bitácora."""

    def __init__(self, engine, context, note: str = "") -> None:
        self.engine = engine
        self.context = context
        self.note = note

    @property
    def progress(self):
        """The engine's (see `SyncEngine.progress`)."""
        return self.engine.progress

    @progress.setter
    def progress(self, callback) -> None:
        self.engine.progress = callback

    def sync(self):
        report = self.engine.sync()
        record_sync(self.context, report)
        return report
