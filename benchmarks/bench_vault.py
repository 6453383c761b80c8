"""The local vault (issue 12): unlocking with the shipped Argon2id parameters (the target is a
deliberate 0.3–1 s: slow for a guesser, tolerable once a session) and a write of one secret once
open (encrypt the whole vault, fsync, rename)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.harness import Result, latency_result, measure


def run(quick: bool) -> list[Result]:
    from redes_desktop.vault.file import DEFAULT_KDF
    from redes_desktop.vault.store import VaultSecretStore

    phrase = "tlacuache mezcal bicicleta nube"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "secretos.boveda"
        store = VaultSecretStore(path, lambda create: "bench", kdf=DEFAULT_KDF)
        store.create(phrase)
        for i in range(40):  # a busy workstation: bitácora keys, accounts, SMTP
            store.set(f"cuenta:{i}", "Ñandú-Sílaba-Árbol-47-Cigüeña-Lápiz")
        unlock = measure(lambda: VaultSecretStore(path, lambda create: "bench").unlock(phrase),
                         repeat=3 if quick else 10, warmup=1)
        write = measure(lambda: store.set("smtp", "contraseña"), repeat=20 if quick else 100,
                        warmup=2)
    params = (f"Argon2id t={DEFAULT_KDF.time_cost}, m={DEFAULT_KDF.memory_kib // 1024} MiB, "
              f"p={DEFAULT_KDF.parallelism}")
    return [
        latency_result("vault: unlock", params, unlock, median_max_ms=1000.0),
        latency_result("vault: store one secret", "41 secrets, AES-GCM + fsync + rename",
                       write, p95_max_ms=50.0),
    ]
