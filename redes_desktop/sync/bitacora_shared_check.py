"""The shared database's word on this workstation's chain before a re-anchoring
(bitacora/reanchor.py): the same comparison the sync makes before every push
(`compare_with_shared`), on a connection of its own, reading only this origin's rows."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from redes_desktop.bitacora.reanchor import ReanchorRetryLater, SharedVerdict
from redes_desktop.errors import UserFacingError
from redes_desktop.sync.bitacora import compare_with_shared
from redes_desktop.sync.bitacora_adapter import BitacoraSyncAdapter
from redes_desktop.sync.refusals import server_detail
from redes_desktop.sync.shared_schema import bitacora_entries

NOT_CONFIGURED = "no configurada: no se comparó con una copia compartida"
_RETRY = (" Las anclas no se cambiaron y la bitácora sigue bloqueada. Vuelva a intentarlo cuando "
          "regrese la conexión con la base compartida: sin compararla no se restablecen.")


def shared_verdict(url: str, secrets, bitacora) -> SharedVerdict:
    """Compare the bitácora file with the shared copy of its chain at `url` ("" when no
    shared database is configured). Raises ReanchorRetryLater when it cannot be compared."""
    if not url:
        return SharedVerdict(None, NOT_CONFIGURED)
    from redes_desktop.sync.connect import shared_engine

    try:
        engine = shared_engine(url, secrets)
    except UserFacingError as error:
        raise ReanchorRetryLater(f"{error.message}{_RETRY}") from error
    origin = bitacora.workstation
    try:
        with engine.connect() as conn:
            last = int(conn.execute(
                select(func.max(bitacora_entries.c.seq))
                .where(bitacora_entries.c.origin == origin)).scalar() or 0)
            alarm = compare_with_shared(conn, BitacoraSyncAdapter(bitacora), origin, last)
    except DBAPIError as error:
        detail = _hide(engine, server_detail(error))
        if _is_connection_error(error):
            raise ReanchorRetryLater(
                f"No se pudo conectar con la base de datos compartida ({detail}).{_RETRY}"
            ) from error
        raise ReanchorRetryLater(
            f"La base de datos compartida respondió con un error ({detail}).{_RETRY}"
        ) from error
    except SQLAlchemyError as error:
        raise ReanchorRetryLater(
            f"La base de datos compartida respondió con un error "
            f"({_hide(engine, server_detail(error))}).{_RETRY}") from error
    finally:
        engine.dispose()
    if last == 0:
        return SharedVerdict(alarm, "comparada: aún no tiene entradas de esta estación")
    return SharedVerdict(alarm, f"comparada: coincide hasta la entrada {last}")


def _is_connection_error(error: DBAPIError) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError

    return error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)



def _hide(engine, message: str) -> str:
    password = getattr(engine.url, "password", None)
    return message.replace(password, "***") if password else message
