"""Typed preferences in one place, stored as JSON in the data folder, with versioned upgrades.

Never a secret here: passwords (SMTP, shared database, accounts) live only in the OS keyring.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SETTINGS_VERSION = 1

# Keys that must never be stored: a defence against a future field holding a secret.
_FORBIDDEN_KEY_WORDS = {"password", "contrasena", "secret", "token", "clave", "key"}


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    # Identity of whoever uses this workstation (a Person id), chosen at first start.
    current_person_id: str | None = None
    # Remembered window state (machine state, base64 of QWidget.saveGeometry()).
    window_geometry: str | None = None
    window_state: str | None = None
    last_section: str | None = None
    # Mail.
    cncs_email: str = "comunicacion.social@ine.mx"
    unicom_email: str = "unicom@ine.mx"
    comite_presidente_email: str = "presidencia.comite.gestion@ine.mx"
    comite_secretario_email: str = "secretaria.comite.gestion@ine.mx"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"  # "starttls", "ssl" or "none"
    smtp_user: str = ""
    smtp_sender: str = ""
    # Checking.
    languagetool_url: str = ""
    official_domains: list[str] = field(default_factory=list)
    # What each area publishes on purpose, by area id: {"phones": [...], "emails": [...],
    # "addresses": [...]}. The personal-data check (6.iii) lets these through for the area's
    # accounts; read with `checks.area_contacts.contacts_for_area`.
    area_contacts: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # Shared database (the password of its role lives in the keyring).
    shared_database_url: str = ""
    sync_interval_seconds: int = 60
    # Institute calendar: extra non-working days (ISO dates) on top of the `holidays` package.
    institute_non_working_days: list[str] = field(default_factory=list)
    # Public notice of attention hours during absences and holidays (5.1).
    attention_hours: str = "10:00 a 14:00 h"
    # An account without publications for this long is listed as possibly abandoned (7.viii).
    abandoned_after_days: int = 90
    # The networks' APIs (issue 17): the Institute's registered app per network ("x",
    # "facebook"…; a public OAuth client id, no secret) and, optionally, other endpoints than
    # the networks' own ({"x": {"api": …, "authorize": …, "token": …, "revoke": …}}).
    network_client_ids: dict[str, str] = field(default_factory=dict)
    network_endpoints: dict[str, dict[str, str]] = field(default_factory=dict)
    # Sign-in (issue 14): the session locks after this many minutes without input (0: never).
    idle_lock_minutes: int = 15


def _upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older settings document to SETTINGS_VERSION (one step per version)."""
    version = int(raw.get("version", 1))
    # Future upgrades go here as `if version == N: ...; version = N + 1`.
    raw["version"] = version
    return raw


class SettingsStore:
    """Loads and saves `Settings` atomically; unknown or bad keys are ignored, not fatal."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Settings:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError):
            # A damaged settings file must not stop the program: keep it aside, use defaults.
            self._keep_damaged_copy()
            return Settings()
        if not isinstance(raw, dict):
            return Settings()
        raw = _upgrade(raw)
        known = {f.name: f for f in fields(Settings)}
        values: dict[str, Any] = {}
        defaults = Settings()
        for key, value in raw.items():
            if (
                key in known
                and isinstance(value, type(getattr(defaults, key)))
                or (key in known and getattr(defaults, key) is None and isinstance(value, str))
            ):
                values[key] = value
        return Settings(**values)

    def save(self, settings: Settings) -> None:
        data = asdict(settings)
        for key in data:
            if _FORBIDDEN_KEY_WORDS & set(key.lower().split("_")):
                raise ValueError(f"settings key {key!r} looks like a secret")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=2)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _keep_damaged_copy(self) -> None:
        try:
            self.path.replace(self.path.with_suffix(".json.danado"))
        except OSError:
            pass
