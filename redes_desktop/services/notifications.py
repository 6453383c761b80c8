"""Notifications to the person at the workstation (tray balloons in the window; a list in
tests). Services raise them through this interface and never touch Qt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Notification:
    title: str
    message: str
    kind: str = "info"  # "info" | "aviso" | "urgente"
    # Where clicking it should lead, e.g. ("consultas", "<uuid>").
    target: tuple[str, str] | None = None


class Notifier(Protocol):
    def notify(self, notification: Notification) -> None: ...


class MemoryNotifier:
    def __init__(self) -> None:
        self.sent: list[Notification] = []

    def notify(self, notification: Notification) -> None:
        self.sent.append(notification)
