"""Composer checks (issue 3): all offline rules on a 280-character Spanish post, and the
throughput of `redes-desktop check --jsonl` on 10,000 posts."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import replace
from pathlib import Path

from benchmarks.harness import Result, latency_result, measure_interleaved, median

POST = (
    "El INE informa: los módulos de atención ciudadana abrirán el sábado de 8 a 20 horas "
    "para tramitar o renovar tu credencial para votar. Consulta horarios y requisitos en "
    "https://www.ine.mx/credencial y agenda tu cita. ¡Te esperamos! 🗳️ #CredencialINE @INEMexico"
)[:280]

SENTENCES = [
    "La Junta Local Ejecutiva en Jalisco invita a la ciudadanía a actualizar su domicilio.",
    "Consulta los resultados del conteo rápido en https://www.ine.mx/voto-y-elecciones.",
    "Este domingo se instalarán las casillas a partir de las 7:30 horas.",
    "La capacitación electoral continúa en todos los distritos del país 🙂",
    "¿Ya revisaste si estás en la lista nominal? Hazlo en línea.",
    "EL INE LES RECUERDA QUE HOY VENCE EL PLAZO",
    "La publicacion de los acuerdos del Consejo General está disponible.",
]


def _rules_latency(quick: bool) -> list[Result]:
    from redes_desktop.checks.engine import CheckRequest, build_engine
    from redes_desktop.models.enums import Network

    engine = build_engine()
    request = CheckRequest(text=POST, networks=(Network.X,))
    engine.check(request)  # load dictionaries, twitter-text, caches
    repeat = 200 if quick else 2000
    baseline, samples = measure_interleaved(
        lambda: unicodedata.normalize("NFC", POST).split(),
        lambda: engine.check(request), repeat=repeat, warmup=20,
    )
    row = latency_result("composer: offline rules", "all offline rules, 280-char Spanish post",
                         samples, p95_max_ms=5.0)
    return [replace(row, baseline_name="NFC+split of the post",
                    baseline_median=median(baseline) * 1000)]


def _jsonl_throughput(quick: bool) -> list[Result]:
    count = 2000 if quick else 10_000
    rng = random.Random(7)
    networks = ["x", "facebook", "instagram", "youtube", "tiktok"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(count):
                text = " ".join(rng.sample(SENTENCES, 3)) + f" #{i}"
                out.write(json.dumps({"text": text, "network": rng.choice(networks)},
                                     ensure_ascii=False) + "\n")
        env = {**os.environ, "REDES_DATA_DIR": str(Path(tmp) / "datos")}
        cmd = [sys.executable, "-m", "redes_desktop", "check", "--jsonl", str(path)]
        empty = Path(tmp) / "empty.jsonl"
        empty.write_text("", encoding="utf-8")
        start_only = [sys.executable, "-m", "redes_desktop", "check", "--jsonl", str(empty)]
        runs = 1 if quick else 3
        rates: list[float] = []
        startups: list[float] = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(start_only, env=env, capture_output=True, check=False)
            startups.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            done = subprocess.run(cmd, env=env, capture_output=True, check=False)
            elapsed = time.perf_counter() - t0
            lines = done.stdout.count(b"\n")
            if lines != count:
                raise RuntimeError(f"check --jsonl printed {lines} lines for {count} posts")
            rates.append(count / elapsed)
    rate = median(rates)
    return [Result(
        name="check --jsonl", measured=f"{count} posts, whole process incl. start-up",
        median=rate, unit="posts/s", baseline_name="process start-up (s)",
        baseline_median=median(startups), target="≥ 2000 posts/s", passed=rate >= 2000,
        samples=len(rates),
    )]


def run(quick: bool) -> list[Result]:
    return _rules_latency(quick) + _jsonl_throughput(quick)
