"""A second anchor of the local chain's head, in the OS keyring (`bitacora-cabeza-<workstation>`:
"<seq>:<mac hex>").

The anchor in the main database (anchor.py) is written without waiting and may lag; and whoever
can cut entries from the end of the file may also restore or swap the main database. The keyring
head is written before the database anchor — at most every few seconds while appending (a
keyring write costs milliseconds) and at every waited flush (close, verify) — so the order
"file ≥ keyring head" always holds: a file shorter than the keyring head, or with another MAC at
that position, lost its tail or was replaced. It only moves forward.

It is written ("0:<64 zeros>") before a new bitácora file is created (opening.py), so every
bitácora file has had a keyring head from its first moment: an absent one is an alarm
(integrity.py), never taken for a new bitácora.
"""

from __future__ import annotations

from dataclasses import dataclass

from redes_desktop.errors import UserFacingError
from redes_desktop.secrets_store import SecretStore

PREFIX = "bitacora-cabeza-"


def head_key_name(workstation: str) -> str:
    return f"{PREFIX}{workstation}"


@dataclass(frozen=True)
class Head:
    seq: int
    mac: bytes


class KeyringHead:
    def __init__(self, secrets: SecretStore, workstation: str) -> None:
        self.secrets = secrets
        self.name = head_key_name(workstation)
        self._saved: int | None = None  # the seq known to be in the keyring

    def load(self) -> Head | None:
        """The head in the keyring; None when absent, unreadable or malformed (the database
        anchor still stands then)."""
        try:
            text = self.secrets.get(self.name)
        except UserFacingError:
            return None
        if not text:
            return None
        seq_text, _, mac_hex = text.partition(":")
        try:
            head = Head(int(seq_text), bytes.fromhex(mac_hex))
        except ValueError:
            return None
        if head.seq < 0 or len(head.mac) != 32:
            return None
        self._saved = max(self._saved or 0, head.seq)
        return head

    def create(self) -> None:
        """Write the head of a new, empty chain; raises the keyring's Spanish error."""
        self.secrets.set(self.name, f"0:{bytes(32).hex()}")
        self._saved = 0

    def reset(self, seq: int, mac: bytes) -> None:
        """Rewrite the head whatever the keyring holds — only for a verified re-anchoring
        (reanchor.py); raises the keyring's Spanish error."""
        self.secrets.set(self.name, f"{seq}:{mac.hex()}")
        self._saved = seq

    def save(self, seq: int, mac: bytes) -> bool:
        """Move the keyring head forward to `seq`; False when the keyring refused (retried on
        the next flush)."""
        if seq <= 0:
            return True
        if self._saved is None:
            self.load()
        if self._saved is not None and self._saved >= seq:
            return True
        try:
            self.secrets.set(self.name, f"{seq}:{mac.hex()}")
        except UserFacingError:
            return False
        self._saved = seq
        return True
