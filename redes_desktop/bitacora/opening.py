"""Opening the workstation's bitácora — or creating it on first use, and only then.

Refusals, each a Spanish message and nothing written: a damaged, foreign or newer file; a file
of another workstation (its id differs from the one anchored in the main database); a missing
or wrong key in the keyring; a missing file when the main database shows this workstation had
already written entries. The program never starts a second chain over an old one.

A new bitácora's anchors (main database and keyring, head 0) are written before its file.
"""

from __future__ import annotations

import uuid

from redes_desktop.bitacora import crypto
from redes_desktop.bitacora.anchor import AnchorStore
from redes_desktop.bitacora.chain import GENESIS
from redes_desktop.bitacora.crypto import BitacoraKeyError, Sealer
from redes_desktop.bitacora.head import KeyringHead
from redes_desktop.bitacora.service import Bitacora
from redes_desktop.bitacora.store import BitacoraFileError, create_file, inspect_file
from redes_desktop.clock import Clock
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore


def open_bitacora(
    paths: DataPaths,
    secrets: SecretStore,
    database,
    clock: Clock,
    *,
    create: bool = True,
) -> Bitacora:
    """Open the bitácora of `paths`; `database` (redes_desktop.database.Database or None) holds
    the anchors. With create=False a missing file is an error instead of a new bitácora."""
    anchors = AnchorStore(database.engine) if database is not None else None
    local = next((a for a in (anchors.all() if anchors else {}).values() if a.is_local), None)
    path = paths.bitacora
    if path.exists():
        meta = inspect_file(path)
        workstation = bytes(meta["workstation"]).decode("ascii", "replace")
        if local is not None and local.origin != workstation:
            raise BitacoraFileError(
                f"El archivo {path} es la bitácora de otra estación ({workstation[:8]}); la de "
                f"este equipo es {local.origin[:8]}. ¿Se copió de otra estación? Vuelva a poner "
                "aquí la bitácora de este equipo (desde un respaldo). Ningún archivo se modificó."
            )
        sealer, chain_key = _existing_keys(secrets, workstation, bytes(meta["key_check"]))
        return Bitacora(path, workstation, sealer, chain_key, secrets, anchors, clock)
    if not create:
        raise BitacoraFileError(
            f"No hay bitácora en {paths.root}. Abra el programa con esa carpeta de datos para "
            "crearla, o indique otra con --data-dir."
        )
    if local is not None and local.head_seq > 0:
        raise BitacoraFileError(
            f"Falta la bitácora {path}: esta estación ya había registrado {local.head_seq} "
            "entradas. Restáurela desde un respaldo. No se iniciará una bitácora nueva en su "
            "lugar."
        )
    workstation = local.origin if local is not None else str(uuid.uuid4())
    key = crypto.load_key(secrets, crypto.encryption_key_name(workstation), "clave")
    key = key or crypto.store_new_key(secrets, crypto.encryption_key_name(workstation))
    chain_name = crypto.chain_key_name(workstation)
    chain_key = (crypto.load_key(secrets, chain_name, "clave de cadena")
                 or crypto.store_new_key(secrets, chain_name))
    sealer = Sealer(key)
    # The anchors first, then the file: a bitácora file never exists without its anchors, so
    # an absent anchor later is an alarm, never mistaken for a new bitácora (integrity.py).
    if anchors is not None:
        anchors.set_head(workstation, 0, GENESIS, clock(), is_local=True, wait=True)
    KeyringHead(secrets, workstation).create()
    create_file(path, workstation, sealer.key_check())
    return Bitacora(path, workstation, sealer, chain_key, secrets, anchors, clock)


def _existing_keys(secrets: SecretStore, workstation: str, check: bytes) -> tuple[Sealer, bytes]:
    key = crypto.load_key(secrets, crypto.encryption_key_name(workstation), "clave de la bitácora")
    if key is None:
        raise BitacoraKeyError(
            f"La clave de la bitácora de la estación {workstation[:8]} no está en "
            f"{secrets.location}, y sin ella la bitácora no se puede leer ni continuar. Si el "
            "archivo se copió de otro equipo, ábralo en ese equipo; si se perdió "
            f"{secrets.location}, restáurela desde su respaldo. La bitácora no se modificó y no "
            "se iniciará otra."
        )
    sealer = Sealer(key)
    if not sealer.matches(check):
        raise BitacoraKeyError(
            "La clave de la bitácora guardada en el llavero no corresponde a este archivo "
            "(¿se cambió la clave o el archivo?). Restaure la clave correcta desde el respaldo "
            "del llavero. La bitácora no se modificó."
        )
    chain_key = crypto.load_key(secrets, crypto.chain_key_name(workstation),
                                "clave de cadena de la bitácora")
    if chain_key is None:
        raise BitacoraKeyError(
            f"La clave de cadena de la bitácora de la estación {workstation[:8]} no está en el "
            "llavero: sin ella no se puede continuar la cadena. Restáurela desde el respaldo del "
            "llavero. La bitácora no se modificó."
        )
    return sealer, chain_key
