"""`redes-desktop check` for issue 16: --account resolved on the chosen network, the area's
published contacts from settings, --video sniffed, and the JSON contract unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from PIL import Image

from tests.checks.video_files import write_mp4

TEXT = "Mañana abren los módulos de atención ciudadana en todo Jalisco, de 8 a 15 horas."


def _check(*args, tmp_path):
    env = {**os.environ, "REDES_DATA_DIR": str(tmp_path / "datos")}
    return subprocess.run([sys.executable, "-m", "redes_desktop", "check", "--no-spelling",
                           *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "cartel.png"
    Image.new("RGB", (1200, 675), (149, 0, 84)).save(path)
    return path


@pytest.fixture
def shared_handle(tmp_path):
    """@JLE_JaliscoINE on X (no posts) and on Facebook (TEXT published today)."""
    from redes_desktop.database import open_local_database
    from redes_desktop.models import Post, PostStatus
    from redes_desktop.models.enums import AccountStatus, Network
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory
    from tests.factories import make_office

    data = tmp_path / "datos"
    data.mkdir()
    db = open_local_database(data / "redes.sqlite3")
    with db.session() as session:
        directory = Directory(session, lambda: datetime.now(UTC), NullRecorder())
        office = make_office(directory)
        facebook = directory.create_account(
            area=office.area, network=Network.FACEBOOK, name="INE Jalisco",
            handle="@JLE_JaliscoINE", email="redes.fb.jal@ine.mx",
            status=AccountStatus.ACTIVA, official=True)
        session.add(Post(account=facebook, network=Network.FACEBOOK, text=TEXT,
                         status=PostStatus.PUBLICADA, published_at=datetime.now(UTC)))
        session.commit()
        area_id = str(office.area.id)
    db.dispose()
    return area_id


def test_a_shared_handle_is_resolved_on_the_chosen_network(tmp_path, image, shared_handle):
    args = ["--account", "@JLE_JaliscoINE", "--image", str(image), "--alt", "Cartel", "--json"]
    on_facebook = json.loads(_check("--network", "facebook", *args, TEXT,
                                    tmp_path=tmp_path).stdout)
    assert any(f["rule"] == "6.xxviii" for f in on_facebook["findings"])  # the duplicate
    on_x = json.loads(_check("--network", "x", *args, TEXT, tmp_path=tmp_path).stdout)
    assert not any(f["rule"] == "6.xxviii" for f in on_x["findings"])


def test_a_shared_handle_without_network_asks_which(tmp_path, shared_handle):
    result = _check("--account", "@JLE_JaliscoINE", TEXT, tmp_path=tmp_path)
    assert result.returncode == 2 and "--network" in result.stderr
    assert "Traceback" not in result.stderr
    result = _check("--network", "instagram", "--account", "@JLE_JaliscoINE", TEXT,
                    tmp_path=tmp_path)
    assert result.returncode == 2 and "no está en Instagram" in result.stderr


def test_the_areas_published_contacts_come_from_settings(tmp_path, image, shared_handle):
    text = "Informes en la Junta Local: 33 3616 4477 o jle.jalisco@gmail.com"
    args = ["--network", "x", "--account", "@JLE_JaliscoINE", "--image", str(image),
            "--alt", "Cartel", "--json", text]
    before = json.loads(_check(*args, tmp_path=tmp_path).stdout)
    assert [f["rule"] for f in before["findings"]].count("6.iii") == 2
    settings = tmp_path / "datos" / "settings.json"
    settings.write_text(json.dumps({"version": 1, "area_contacts": {shared_handle: {
        "phones": ["33 3616 4477"], "emails": ["jle.jalisco@gmail.com"]}}}), encoding="utf-8")
    after = json.loads(_check(*args, tmp_path=tmp_path).stdout)
    assert not any(f["rule"] == "6.iii" for f in after["findings"])
    assert after["publishable"] is True


def test_a_badly_shaped_contacts_setting_is_ignored(tmp_path, image, shared_handle):
    settings = tmp_path / "datos" / "settings.json"
    settings.write_text(json.dumps({"area_contacts": {shared_handle: {"phones": 3336164477,
                                                                      "emails": [1, None]}}}),
                        encoding="utf-8")
    result = _check("--network", "x", "--account", "@JLE_JaliscoINE", "--image", str(image),
                    "--json", "Llama al 33 3616 4477", tmp_path=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_video_option_sniffs_the_file(tmp_path):
    video = write_mp4(tmp_path / "spot.mp4", seconds=30)
    result = _check("--network", "x", "--video", str(video), "--json",
                    "Mira el spot de la jornada electoral", tmp_path=tmp_path)
    payload = json.loads(result.stdout)
    assert set(payload) == {"publishable", "network", "weighted_length", "limit", "findings"}
    (finding,) = [f for f in payload["findings"] if f["rule"] == "6.xxvi"]
    assert finding["severity"] == "advierte" and result.returncode == 0
    fake = tmp_path / "falso.mp4"
    fake.write_text("no soy un video", encoding="utf-8")
    result = _check("--network", "x", "--video", str(fake), "--json", "Mira", tmp_path=tmp_path)
    assert result.returncode == 1 and "falso.mp4" in result.stdout
    missing = _check("--video", "/no/existe.mp4", "Hola", tmp_path=tmp_path)
    assert missing.returncode == 2 and "--video" in missing.stderr


def test_jsonl_takes_videos_and_replies_need_no_image(tmp_path):
    video = write_mp4(tmp_path / "spot.mp4")
    lines = [{"text": "Gracias por escribirnos", "network": "facebook", "reply": True},
             {"text": "Spot", "network": "x", "videos": [str(video)]},
             {"text": "Spot", "network": "x", "videos": "spot.mp4"}]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = [json.loads(x) for x in _check("--jsonl", str(path), tmp_path=tmp_path)
           .stdout.splitlines()]
    assert out[0]["publishable"] is True and out[0]["findings"] == []
    assert out[1]["publishable"] is True
    assert "videos" in out[2]["error"]
