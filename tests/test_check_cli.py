"""The `redes-desktop check` contract: exit codes, JSON shape, code-point offsets, --jsonl."""

import json
import os
import subprocess
import sys

import pytest
from PIL import Image


def _check(*args, stdin=None, tmp_path=None):
    env = {**os.environ}
    if tmp_path is not None:
        env["REDES_DATA_DIR"] = str(tmp_path / "datos")
    return subprocess.run([sys.executable, "-m", "redes_desktop", "check", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "cartel.png"
    Image.new("RGB", (1200, 675), (149, 0, 84)).save(path)
    return path


def test_publishable_post_exits_0_with_json_shape(image, tmp_path):
    result = _check("--network", "x", "--image", str(image), "--alt", "Cartel del INE", "--json",
                    "Consulta los requisitos de la credencial en https://www.ine.mx/credencial",
                    tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"publishable", "network", "weighted_length", "limit", "findings"}
    assert payload["publishable"] is True and payload["network"] == "x"
    assert payload["limit"] == 280
    assert payload["weighted_length"] == len("Consulta los requisitos de la credencial en ") + 23


def test_blocking_finding_exits_1(tmp_path):
    result = _check("--network", "facebook", "--json", "Texto sin imagen", tmp_path=tmp_path)
    assert result.returncode == 1
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["rule"] == "6.xxvi" and finding["severity"] == "bloquea"
    assert set(finding) == {"rule", "severity", "message", "start", "end", "suggestions"}


def test_offsets_are_code_points_into_nfc_text(image, tmp_path):
    text = "🗳️ Hola, la publicacion"  # decomposed é elsewhere would also be normalised
    result = _check("--network", "x", "--image", str(image), "--alt", "a", "--json", text,
                    tmp_path=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    spelling = next(f for f in findings if f["rule"] == "6.xxiv")
    assert text[spelling["start"]:spelling["end"]] == "publicacion"
    assert "publicación" in spelling["suggestions"]


def test_text_from_stdin_and_human_output(tmp_path):
    result = _check("--network", "instagram", "-", stdin="Mi CURP es GODE561231HDFRRN04",
                    tmp_path=tmp_path)
    assert result.returncode == 1
    assert "6.iii" in result.stdout and "No publicable" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--network", "myspace", "hola"], "opción no válida"),
    (["--image", "/no/existe.png", "hola"], "No se encontró el archivo"),
    ([], "Escriba el texto"),
])
def test_usage_errors_exit_2_in_spanish(args, message, tmp_path):
    result = _check(*args, tmp_path=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_jsonl_checks_each_line_in_order(tmp_path, image):
    lines = [
        {"text": "Hola desde Facebook", "network": "facebook", "images": [str(image)],
         "alt_texts": ["Cartel"]},
        {"text": "Sin imagen", "network": "x"},
        {"text": "tonto", "network": "x", "reply": True, "images": [str(image)]},
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\nno-json\n",
                    encoding="utf-8")
    result = _check("--jsonl", str(path), tmp_path=tmp_path)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("line") for o in out] == [1, 2, 3, 4]
    assert out[0]["publishable"] is True
    assert out[1]["publishable"] is False
    assert any(f["rule"] == "6.xx" for f in out[2]["findings"])
    assert "JSON no válido" in out[3]["error"]
    assert result.returncode == 2


def test_jsonl_in_parallel_keeps_order(tmp_path):
    from redes_desktop.commands import check

    count = check.PARALLEL_THRESHOLD + 5
    path = tmp_path / "muchos.jsonl"
    path.write_text("".join(json.dumps({"text": f"Publicación {i}", "network": "instagram"})
                            + "\n" for i in range(count)), encoding="utf-8")
    result = _check("--jsonl", str(path), "--no-spelling", tmp_path=tmp_path)
    numbers = [json.loads(line)["line"] for line in result.stdout.splitlines()]
    assert numbers == list(range(1, count + 1))
    assert result.returncode == 1


def test_account_option_compares_with_recent_posts(tmp_path, image):
    """--account brings the account's recent posts in, so a repeated text is spam (6.xxviii)."""
    from datetime import UTC, datetime

    from redes_desktop.database import open_local_database
    from redes_desktop.models import Post, PostStatus
    from redes_desktop.services.directory import Directory
    from tests.factories import make_office

    data = tmp_path / "datos"
    data.mkdir()
    text = "Mañana abren los módulos de atención ciudadana en todo Jalisco, de 8 a 15 horas."
    db = open_local_database(data / "redes.sqlite3")
    with db.session() as session:
        office = make_office(Directory(session, lambda: datetime.now(UTC)))
        session.add(Post(account=office.account, network=office.account.network, text=text,
                         status=PostStatus.PUBLICADA, published_at=datetime.now(UTC)))
        session.commit()
    db.dispose()
    result = _check("--account", "@JLE_JaliscoINE", "--image", str(image), "--alt", "Cartel",
                    "--json", text, tmp_path=tmp_path)
    payload = json.loads(result.stdout)
    assert payload["network"] == "x"
    assert any(f["rule"] == "6.xxviii" for f in payload["findings"])
    missing = _check("--account", "@NoExisteINE", "hola", tmp_path=tmp_path)
    assert missing.returncode == 2 and "No existe la cuenta" in missing.stderr
