"""Typed settings: defaults, persistence, damaged files, no secrets, data-folder resolution."""

import json

import pytest

from redes_desktop.paths import resolve_data_dir
from redes_desktop.settings import Settings, SettingsStore


def test_defaults_when_missing(tmp_path):
    settings = SettingsStore(tmp_path / "settings.json").load()
    assert settings == Settings()
    assert settings.cncs_email.endswith("@ine.mx")


def test_round_trip_keeps_accents(tmp_path):
    store = SettingsStore(tmp_path / "settings.json")
    settings = store.load()
    settings.official_domains = ["iepcjalisco.org.mx"]
    settings.last_section = "consultas"
    settings.smtp_sender = "Comunicación <redes@ine.mx>"
    store.save(settings)
    assert store.load() == settings
    assert "Comunicación" in (tmp_path / "settings.json").read_text(encoding="utf-8")


def test_damaged_file_is_kept_aside_and_defaults_used(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{no es json", encoding="utf-8")
    assert SettingsStore(path).load() == Settings()
    assert (tmp_path / "settings.json.danado").read_text(encoding="utf-8") == "{no es json"


def test_wrong_types_and_unknown_keys_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"smtp_port": "no", "otra_cosa": 1, "cncs_email": "x@ine.mx"}))
    settings = SettingsStore(path).load()
    assert settings.smtp_port == 587
    assert settings.cncs_email == "x@ine.mx"


def test_a_secret_looking_field_cannot_be_saved(tmp_path):
    from dataclasses import make_dataclass

    Leaky = make_dataclass("Leaky", [("smtp_password", str, "x")], bases=(Settings,))
    with pytest.raises(ValueError, match="secret"):
        SettingsStore(tmp_path / "s.json").save(Leaky())


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("REDES_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("REDES_DATA_DIR")
    assert "redes-desktop" in str(resolve_data_dir(None))
