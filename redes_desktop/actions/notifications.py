"""What the person at the workstation is told (tray balloons in the window): the notification
the background jobs and the actions raise, and the interface the window implements."""

from __future__ import annotations

from redes_desktop.services.notifications import Notification as Notification
from redes_desktop.services.notifications import Notifier as Notifier
