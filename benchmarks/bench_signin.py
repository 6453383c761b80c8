"""Sign-in (issue 14): what proving one's identity costs, and what the window pays for the
application-wide filter that makes every «Archivo → Preferencias → …» in a label lead there.

- a local sign-in: the Argon2id check of the local credential with the shipped parameters
  (argon2-cffi defaults: t=3, 64 MiB, p=4 — deliberately slow for a guesser; the target is the
  vault's, ≤ 1 s), plus reading and rewriting the persisted failure counts;
- the message-links filter: the time to deliver one event to a widget and to a label with the
  filter installed, against the same with an empty Python filter (the idle lock already has
  one: that is the price any Python filter pays) — the ratio is what this filter adds."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from benchmarks.harness import Result, latency_result, limit_result, measure, measure_interleaved


class _Secrets:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, secret):
        self.values[key] = secret


def _local_sign_in(quick: bool) -> Result:
    from redes_desktop.signin.credentials import LocalCredential
    from redes_desktop.signin.throttle import Throttle

    person = uuid.uuid4()
    credential = LocalCredential(_Secrets())  # type: ignore[arg-type]
    credential.set(person, "una-contraseña-larga", "una-contraseña-larga")
    with tempfile.TemporaryDirectory() as folder:
        throttle = Throttle(sleeper=lambda _s: None, path=Path(folder) / "sesion-intentos.json")
        throttle.failed(str(person))

        def attempt() -> None:
            throttle.wait(str(person))
            assert credential.verify(person, "una-contraseña-larga")
            throttle.succeeded(str(person))
            throttle.failed(str(person))  # so that the next round rewrites the file again

        samples = measure(attempt, repeat=5 if quick else 20, warmup=1)
    return latency_result("sign-in: local credential", "Argon2id verify + throttle file",
                          samples, median_max_ms=1000.0)


def _filter_cost(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    from redes_desktop.ui.preferences.wiring import MessageLinks

    app = QApplication.instance() or QApplication([])

    class Empty(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            return False

    class Owner(QObject):
        def open(self, tab: str) -> None:
            pass

    owner = Owner()
    empty, links = Empty(), MessageLinks(owner)  # type: ignore[arg-type]
    widget, label = QWidget(), QLabel("Un mensaje sin configuración")
    count = 5_000 if quick else 20_000
    event = QEvent(QEvent.Type.User)

    def deliver(target, flt):
        def run() -> None:
            app.installEventFilter(flt)
            for _ in range(count):
                QApplication.sendEvent(target, event)
            app.removeEventFilter(flt)
        return run

    rows = []
    for name, target in (("a widget", widget), ("a label", label)):
        base, cand = measure_interleaved(deliver(target, empty), deliver(target, links),
                                         repeat=5 if quick else 15)
        per = [s / count * 1e6 for s in cand]
        rows.append(limit_result(
            f"message links: one event to {name}", f"{count} events, µs per event", per, "µs",
            max_median=50.0, baseline_name="empty Python filter",
            baseline_samples=[s / count * 1e6 for s in base]))
    return rows


def run(quick: bool) -> list[Result]:
    return [_local_sign_in(quick), *_filter_cost(quick)]
