"""Connects this workstation's bitácora (redes_desktop.bitacora) to the sync's append-only
`bitacora_entries` table.

Entries travel as the bitácora hands them out for sharing: details sealed under the
institution's readers key, metadata in clear (who, which account, which action, when — the
same facts the shared tables already hold), and the MAC chain untouched. Each entry also
carries its origin's chain key sealed under the readers key, so a workstation that pulls
another's entries can verify them; the readers key itself never goes through the shared
database (README, «The bitácora»).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from redes_desktop.bitacora import Bitacora, PortableEntry, crypto
from redes_desktop.bitacora.chain import parse_at
from redes_desktop.bitacora.crypto import BitacoraKeyError
from redes_desktop.bitacora.service import ImportRefused
from redes_desktop.sync.bitacora import BitacoraEntry, MalformedEntry

_CLEAR_FIELDS = ("at", "actor", "account", "area", "action")


class BitacoraSyncAdapter:
    """The `BitacoraSource` the sync engine expects, over a real Bitacora."""

    def __init__(self, bitacora: Bitacora) -> None:
        self.bitacora = bitacora
        self.origin = bitacora.workstation

    def entries_after(self, origin: str, seq: int) -> list[BitacoraEntry]:
        portable = self.bitacora.entries_after(origin, seq)
        if not portable:
            return []
        sealed_key = base64.b64encode(self.bitacora.sealed_chain_key(origin)).decode("ascii")
        out = []
        for entry in portable:
            metadata = {name: getattr(entry, name) for name in _CLEAR_FIELDS}
            metadata["prev_mac"] = entry.prev_mac.hex()
            metadata["chain_key"] = sealed_key
            out.append(BitacoraEntry(entry.origin, entry.seq, parse_at(entry.at), metadata,
                                     entry.sealed_details, entry.mac.hex()))
        return out

    def local_head(self) -> int:
        return self.bitacora.head_seq

    def local_macs(self, seqs: Sequence[int]) -> dict[int, str]:
        return {seq: mac.hex() for seq, mac in self.bitacora.macs_at(self.origin, seqs).items()}

    def alarm(self, message: str) -> None:
        """The shared copy disagrees with the local chain: block recording."""
        self.bitacora.raise_alarm(message)

    def last_seq(self, origin: str) -> int | None:
        """The last seq of this workstation's own chain (None for another origin)."""
        return self.bitacora.head_seq if origin == self.origin else None

    def import_entries(self, entries: Sequence[BitacoraEntry]) -> int:
        """Import other workstations' entries. Raises `MalformedEntry` (Spanish reason) for an
        entry that cannot be read or does not verify; a missing readers key is a real error."""
        crypto.readers_key(self.bitacora.secrets)  # no readers key: stop, do not skip
        portable: list[PortableEntry] = []
        for entry in entries:
            if entry.origin == self.origin:
                continue
            self._install_key(entry)
            portable.append(_portable(entry))
        if not portable:
            return 0
        try:
            return self.bitacora.import_entries(portable)
        except ImportRefused as error:
            raise MalformedEntry(error.message) from error

    def _install_key(self, entry: BitacoraEntry) -> None:
        if self.bitacora.chain_key(entry.origin) is not None:
            return
        sealed = entry.metadata.get("chain_key")
        if not sealed:
            raise MalformedEntry("no trae la clave de cadena de su estación")
        try:
            self.bitacora.install_chain_key(entry.origin, base64.b64decode(sealed,
                                                                           validate=True))
        except (BitacoraKeyError, ValueError) as error:
            raise MalformedEntry(f"su clave de cadena no se pudo abrir ({error})") from error


def _portable(entry: BitacoraEntry) -> PortableEntry:
    metadata = entry.metadata
    try:
        return PortableEntry(
            origin=entry.origin, seq=int(entry.seq), at=str(metadata["at"]),
            actor=metadata.get("actor"), account=metadata.get("account"),
            area=metadata.get("area"), action=str(metadata["action"]),
            sealed_details=bytes(entry.payload),
            prev_mac=bytes.fromhex(metadata["prev_mac"]), mac=bytes.fromhex(entry.mac),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise MalformedEntry(
            f"la entrada {entry.seq} está mal formada (falta o no sirve «{error}»)"
        ) from error
