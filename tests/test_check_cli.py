"""The `redes-desktop check` contract: exit codes, JSON shape, code-point offsets, --jsonl."""

import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from redes_desktop.services.activity import NullRecorder


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
        office = make_office(Directory(session, lambda: datetime.now(UTC), NullRecorder()))
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


def test_invalid_utf8_on_stdin_becomes_a_reported_replacement_character(tmp_path):
    """Bytes that are not UTF-8 are read as U+FFFD (6.xxiv), never a UnicodeDecodeError, whatever
    the console's own encoding and error handler (strict here, as on many systems)."""
    env = {**os.environ, "REDES_DATA_DIR": str(tmp_path / "datos"),
           "PYTHONIOENCODING": "utf-8:strict"}
    stdin = "Publicación ".encode() + b"\xff\xfe mal \xc3(" + b" fin"
    result = subprocess.run(
        [sys.executable, "-m", "redes_desktop", "check", "--network", "instagram", "--json",
         "--no-spelling", "-"],
        input=stdin, capture_output=True, timeout=120, env=env)
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    payload = json.loads(result.stdout.decode("utf-8"))
    text = "Publicación \ufffd\ufffd mal \ufffd( fin"
    invalid = [f for f in payload["findings"] if "no válido" in f["message"]]
    # A run of invalid characters is one finding spanning the run (issue 11).
    assert [(f["rule"], text[f["start"]:f["end"]]) for f in invalid] == [
        ("6.xxiv", "\ufffd\ufffd"), ("6.xxiv", "\ufffd")]


WRONG_LINES = [
    ({"text": 5}, "«text» debe ser un texto"),
    ({"network": "x"}, "le falta «text»"),
    ({"text": "Hola", "network": 3}, "«network» debe ser un texto"),
    ({"text": "Hola", "images": "cartel.png"}, "«images» debe ser una lista"),
    ({"text": "Hola", "images": [1, 2]}, "«images» debe ser una lista de rutas"),
    ({"text": "Hola", "alt_texts": "Cartel"}, "«alt_texts» debe ser una lista de textos"),
    ({"text": "Hola", "alt_texts": [None]}, "«alt_texts» debe ser una lista de textos"),
    ({"text": "Hola", "reply": "no"}, "«reply» debe ser true o false"),
    ({"text": "Hola", "reply": 1}, "«reply» debe ser true o false"),
    ([1, 2], "no es un objeto JSON"),
]


def test_jsonl_wrong_types_are_explained_per_line_in_spanish(tmp_path):
    path = tmp_path / "posts.jsonl"
    good = {"text": "Consulta los requisitos en https://www.ine.mx", "network": "instagram",
            "images": [], "alt_texts": [], "reply": False}
    lines = [good] + [line for line, _ in WRONG_LINES] + [good]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = _check("--jsonl", str(path), "--no-spelling", tmp_path=tmp_path)
    assert "Traceback" not in result.stderr
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["line"] for o in out] == list(range(1, len(lines) + 1))
    assert "findings" in out[0] and "findings" in out[-1]
    for number, (o, (_, message)) in enumerate(zip(out[1:-1], WRONG_LINES, strict=True), 2):
        assert message in o["error"] and f"línea {number}" in o["error"], o
    assert result.returncode == 2


def test_jsonl_with_invalid_utf8_keeps_the_other_lines(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b'{"text": "Hola \xff", "network": "instagram"}\n'
                     b'{"text": "Adi\xc3\xb3s", "network": "instagram"}\n')
    result = _check("--jsonl", str(path), "--no-spelling", tmp_path=tmp_path)
    first, second = (json.loads(x) for x in result.stdout.splitlines())
    assert any("no válido" in f["message"] for f in first["findings"])
    assert second["line"] == 2 and not any("no válido" in f["message"]
                                           for f in second["findings"])


def test_account_rhythm_sets_the_spam_rhythm(tmp_path, image, capsys):
    """A 'semanal' account (6.xxi) with three posts today warns at a fourth (6.xxviii); the same
    history on a 'diaria' account does not. In-process, on the FixedClock that placed the posts
    (the command takes the clock `cli.main` is given): no wall clock."""
    from datetime import UTC, datetime, timedelta

    from redes_desktop.cli import main
    from redes_desktop.clock import FixedClock
    from redes_desktop.database import open_local_database
    from redes_desktop.models import Post, PostStatus
    from redes_desktop.services.directory import Directory
    from tests.factories import make_office

    data = tmp_path / "datos"
    data.mkdir()
    db = open_local_database(data / "redes.sqlite3")
    now = datetime(2031, 5, 14, 20, 0, tzinfo=UTC)
    with db.session() as session:
        office = make_office(Directory(session, lambda: now, NullRecorder()))
        account = office.account
        account.rhythm = "semanal"
        for i, topic in enumerate(["registro de observadores", "módulos abiertos",
                                   "sesión del consejo"]):
            session.add(Post(account=account, network=account.network,
                             text=f"Aviso sobre {topic} número {i}", status=PostStatus.PUBLICADA,
                             published_at=now - timedelta(hours=3 * (i + 1))))
        session.commit()
        account_id = account.id
    db.dispose()

    def rhythm_findings():
        code = main(["--data-dir", str(data), "check", "--account", "@JLE_JaliscoINE", "--image",
                     str(image), "--alt", "Cartel", "--no-spelling", "--json",
                     "Nueva convocatoria para el personal de campo"], clock=FixedClock(now))
        out = capsys.readouterr()
        assert code in (0, 1), out.err
        return [f for f in json.loads(out.out)["findings"]
                if f["rule"] == "6.xxviii" and "ritmo" in f["message"]]

    (weekly,) = rhythm_findings()
    assert "máximo 3" in weekly["message"]
    db = open_local_database(data / "redes.sqlite3")
    with db.session() as session:
        from redes_desktop.models import Account

        session.get(Account, account_id).rhythm = "diaria"
        session.commit()
    db.dispose()
    assert rhythm_findings() == []
