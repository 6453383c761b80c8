"""`redes-desktop check` on input meant to exhaust the machine or stop the run (issue 11)."""

import json
import os
import subprocess
import sys

import pytest

from redes_desktop.checks.model import Finding, Severity
from redes_desktop.commands import check

MAX_TEXT_CHARS = 200_000  # MAX_TEXT_CHARS; literal so the test runs on old code
MAX_LINE_BYTES = 4 * 1024 * 1024
MAX_LIST_ITEMS = 100

GOOD = {"text": "Consulta los requisitos en https://www.ine.mx", "network": "instagram"}
DEEP = "[" * 100_000 + "]" * 100_000
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX devices and FIFOs")


def _check(*args, stdin=None, tmp_path=None):
    env = {**os.environ, "REDES_DATA_DIR": str(tmp_path / "datos")}
    return subprocess.run([sys.executable, "-m", "redes_desktop", "check", "--no-spelling", *args],
                          stdin=stdin, capture_output=True, timeout=300, env=env)


def _lines(result):
    return [json.loads(x) for x in result.stdout.decode("utf-8").splitlines()]


def _write(path, lines):
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
                    encoding="utf-8")
    return path


def test_deeply_nested_line_is_that_lines_error_and_the_rest_continue(tmp_path):
    path = _write(tmp_path / "p.jsonl", [GOOD, DEEP, {"text": 5}, GOOD])
    result = _check("--jsonl", str(path), tmp_path=tmp_path)
    assert b"Traceback" not in result.stderr, result.stderr
    out = _lines(result)
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert "demasiados niveles anidados" in out[1]["error"]
    assert "findings" in out[0] and "findings" in out[3]
    assert result.returncode == 2  # input error, not 1 ("not publishable")


def test_parallel_mode_loses_no_line_around_a_bad_one(tmp_path):
    count = check.PARALLEL_THRESHOLD + 600
    lines = [{"text": f"Publicación {i}", "network": "instagram"} for i in range(count)]
    lines[700] = DEEP
    lines[1200] = DEEP
    path = _write(tmp_path / "muchos.jsonl", lines)
    result = _check("--jsonl", str(path), tmp_path=tmp_path)
    assert b"Traceback" not in result.stderr, result.stderr
    out = _lines(result)
    assert [o["line"] for o in out] == list(range(1, count + 1))
    assert [o["line"] for o in out if "error" in o] == [701, 1201]
    assert result.returncode == 2


def test_input_error_outranks_not_publishable_in_the_exit_code(tmp_path):
    path = _write(tmp_path / "p.jsonl", [{"text": "Sin imagen", "network": "x"}])
    assert _check("--jsonl", str(path), tmp_path=tmp_path).returncode == 1
    path = _write(tmp_path / "p.jsonl", [{"text": "Sin imagen", "network": "x"}, "no-json"])
    assert _check("--jsonl", str(path), tmp_path=tmp_path).returncode == 2


def test_constants_match_the_module():
    from redes_desktop.commands import check_input

    assert (check_input.MAX_TEXT_CHARS, check_input.MAX_LINE_BYTES, check.MAX_LIST_ITEMS) == (
        MAX_TEXT_CHARS, MAX_LINE_BYTES, MAX_LIST_ITEMS)


def test_huge_integer_and_overlong_text_are_line_errors(tmp_path):
    path = _write(tmp_path / "p.jsonl", [
        '{"text": "a", "n": ' + "9" * 5000 + "}",
        {"text": "x" * (MAX_TEXT_CHARS + 1)},
        {"text": "Hola", "images": ["a.png"] * (MAX_LIST_ITEMS + 1)},
        GOOD,
    ])
    result = _check("--jsonl", str(path), tmp_path=tmp_path)
    out = _lines(result)
    assert "número demasiado largo" in out[0]["error"]
    assert "200 000" in out[1]["error"]
    assert "«images» tiene" in out[2]["error"]
    assert "findings" in out[3]


def test_overlong_line_is_skipped_and_the_next_is_checked(tmp_path):
    path = tmp_path / "p.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}\n')
        fh.write(json.dumps(GOOD).encode() + b"\n")
    result = _check("--jsonl", str(path), tmp_path=tmp_path)
    first, second = _lines(result)
    assert first["line"] == 1 and "mide más de 4 MiB" in first["error"]
    assert second["line"] == 2 and "findings" in second
    assert result.returncode == 2


@posix_only
def test_post_text_from_an_endless_stdin_is_refused(tmp_path):
    with open("/dev/zero", "rb") as zero:
        result = _check("-", stdin=zero, tmp_path=tmp_path)
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8")
    assert "demasiado para una publicación" in stderr and "Traceback" not in stderr


def test_post_text_argument_over_the_limit_is_refused(tmp_path):
    with open(tmp_path / "largo.txt", "wb") as fh:
        fh.write("á".encode() * (MAX_TEXT_CHARS + 1))
    with open(tmp_path / "largo.txt", "rb") as fh:
        result = _check("-", stdin=fh, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "200 001 caracteres" in result.stderr.decode("utf-8")


@posix_only
@pytest.mark.parametrize("target", ["/dev/zero", "FIFO", "FOLDER"])
def test_jsonl_path_must_be_a_regular_file(tmp_path, target):
    if target == "FIFO":
        target = str(tmp_path / "tuberia")
        os.mkfifo(target)  # nobody writes to it: opening it blocking would hang
    elif target == "FOLDER":
        target = str(tmp_path)
    result = _check("--jsonl", target, tmp_path=tmp_path)
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8")
    assert "no un archivo" in stderr and "--jsonl -" in stderr and "Traceback" not in stderr


@posix_only
def test_endless_jsonl_on_stdin_stops_with_a_clear_error(tmp_path):
    with open("/dev/zero", "rb") as zero:
        result = _check("--jsonl", "-", stdin=zero, tmp_path=tmp_path)
    assert result.returncode == 2
    (first,) = _lines(result)
    assert first["line"] == 1 and "mide más de" in first["error"]
    assert "no es un archivo JSONL" in result.stderr.decode("utf-8")


def test_lone_surrogates_give_one_finding_per_run_and_a_capped_count(tmp_path):
    n = 150_000
    path = _write(tmp_path / "p.jsonl", [
        {"text": "\ud800" * n, "network": "instagram"},
        {"text": "a\udc00" * (n // 2), "network": "instagram"},
    ])
    assert path.stat().st_size > 6 * n  # \ud800 escapes: the reviewer's 6 MB-like input
    result = _check("--jsonl", str(path), tmp_path=tmp_path)
    assert len(result.stdout) < 200_000  # was one finding per character: ~177 MB for 6 MB
    run, scattered = _lines(result)
    (single,) = [f for f in run["findings"] if f["rule"] == "6.xxiv"]
    assert (single["start"], single["end"]) == (0, n)
    assert f"se repite {n} veces" in single["message"]
    invalid = [f for f in scattered["findings"] if f["rule"] == "6.xxiv"]
    assert len(invalid) == 201 and "observaciones más" in invalid[-1]["message"]


def _finding(start, end, message="Hay un carácter raro.", severity=Severity.ADVIERTE):
    return Finding("6.xxv", severity, message, start, end, (), "raro")


def test_collapse_runs_joins_only_touching_identical_findings():
    from redes_desktop.checks.model import collapse_runs

    findings = [_finding(2, 3), _finding(0, 1), _finding(1, 2), _finding(5, 6),
                _finding(6, 7, "Otro mensaje."), _finding(7, 8, severity=Severity.BLOQUEA)]
    collapsed = collapse_runs(findings)
    assert [(f.start, f.end) for f in collapsed] == [(0, 3), (5, 6), (6, 7), (7, 8)]
    assert collapsed[0].message == "Hay un carácter raro. (se repite 3 veces seguidas)"
    assert collapsed[1].message == "Hay un carácter raro."


def test_limit_findings_keeps_a_blocking_verdict_past_the_cap():
    from redes_desktop.checks.model import limit_findings

    findings = [_finding(i * 2, i * 2 + 1) for i in range(300)]
    findings.append(_finding(1000, 1001, severity=Severity.BLOQUEA))
    kept = limit_findings(findings, "6.xxv")
    assert len(kept) == 201
    assert kept[-1].severity == Severity.BLOQUEA and "101 observaciones" in kept[-1].message


def test_engine_caps_a_rule_that_does_not_cap_itself():
    from redes_desktop.checks.engine import CheckEngine, CheckRequest
    from redes_desktop.checks.model import MAX_FINDINGS_PER_RULE
    from redes_desktop.models.enums import Network

    class Flood:
        rule_id = "6.xxv"

        def check(self, item):
            return [_finding(i * 2, i * 2 + 1) for i in range(5000)]

    engine = CheckEngine(text_rules=[Flood()], length_of=lambda text, network: (len(text), 280))
    result = engine.check(CheckRequest("x " * 5000, (Network.X,)))[Network.X]
    assert len(result.findings) == MAX_FINDINGS_PER_RULE + 1
    assert "4800 observaciones más" in result.findings[-1].message
