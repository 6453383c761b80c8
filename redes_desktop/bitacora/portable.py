"""The portable form of bitácora entries, as the sync carries them between workstations.

A `PortableEntry` holds the entry's metadata in clear (the same fields as the file), its details
sealed with AES-256-GCM under the institution's readers key (`bitacora-lectores`) with the
canonical header as associated data, and its chain links (`prev_mac`, `mac`). Plaintext never
reaches the shared database. `as_dict`/`from_dict` give a JSON-safe form (bytes as base64).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from redes_desktop.bitacora.chain import header_bytes


@dataclass(frozen=True)
class PortableEntry:
    origin: str
    seq: int
    at: str
    actor: str | None
    account: str | None
    area: str | None
    action: str
    sealed_details: bytes
    prev_mac: bytes
    mac: bytes

    def header(self) -> bytes:
        return header_bytes(
            self.origin, self.seq, self.at, self.actor, self.account, self.area, self.action
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "account": self.account,
            "area": self.area,
            "action": self.action,
            "sealed_details": base64.b64encode(self.sealed_details).decode("ascii"),
            "prev_mac": self.prev_mac.hex(),
            "mac": self.mac.hex(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PortableEntry:
        return cls(
            origin=str(data["origin"]),
            seq=int(data["seq"]),
            at=str(data["at"]),
            actor=data.get("actor"),
            account=data.get("account"),
            area=data.get("area"),
            action=str(data["action"]),
            sealed_details=base64.b64decode(data["sealed_details"]),
            prev_mac=bytes.fromhex(data["prev_mac"]),
            mac=bytes.fromhex(data["mac"]),
        )
