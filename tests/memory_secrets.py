"""A secret store in memory, for connectors tested without the keyring (tokens, app secrets)."""

from __future__ import annotations


class MemorySecrets:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, secret: str) -> None:
        self.values[key] = secret

    def delete(self, key: str) -> bool:
        return self.values.pop(key, None) is not None
