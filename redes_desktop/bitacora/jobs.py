"""Background job: verify the whole bitácora on a schedule, and say so when it is blocked.

It runs off the UI thread (redes_desktop.jobs): at start-up — after the cheap jobs — and then
every minute, verifying the whole chain when `FULL_VERIFY_INTERVAL` has passed since the last
full verification. Opening the bitácora already verified the stretch the session chains onto
(integrity.py); this covers everything older. A failure blocks recording (`Bitacora.blocked`).
Each distinct alarm is notified once.
"""

from __future__ import annotations

from datetime import timedelta

from redes_desktop.services.notifications import Notification

FULL_VERIFY_INTERVAL = timedelta(hours=6)


def verify_bitacora(context) -> list[Notification]:
    bitacora = getattr(getattr(context, "recorder", None), "bitacora", None)
    if bitacora is None:
        return []
    if not bitacora.blocked and bitacora.full_verification_due(FULL_VERIFY_INTERVAL):
        # Anchors first (database and keyring), so the comparison covers every entry written.
        bitacora.flush_anchors(wait=True)
        bitacora.verify()  # a failure blocks recording
    return alarm_notes(bitacora)


def alarm_notes(bitacora) -> list[Notification]:
    """The urgent notification of the bitácora's alarm, once per distinct alarm."""
    alarm = bitacora.blocked
    if not alarm or getattr(bitacora, "notified_alarm", None) == alarm:
        return []
    bitacora.notified_alarm = alarm
    return [Notification(
        "Bitácora alterada",
        f"{alarm} No se registrarán ni realizarán acciones hasta revisarla. Use «Verificar "
        "integridad» en la sección Bitácora y avise al área de informática.",
        kind="urgente", target=("bitacora", ""),
    )]
