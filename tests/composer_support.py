"""Waiting for the Redactor in widget tests: its reads and saves run on the worker pool and
report back through callbacks (ui/composer/draft_actions.py), so a test waits for them."""

from __future__ import annotations

import uuid

TIMEOUT_MS = 5000


def ready(qtbot, section):
    """`section` once the accounts it may compose for are read and shown."""
    qtbot.waitUntil(lambda: section.ready, timeout=TIMEOUT_MS)
    return section


def saved(qtbot, view) -> bool:
    """Save the draft now and wait: whether anything changed."""
    answers: list[bool] = []
    view.save_now(answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    return answers[0]


def opened(qtbot, view, post_id: uuid.UUID) -> bool:
    """Open draft `post_id` and wait: whether it is shown."""
    answers: list[bool] = []
    view.open_draft(post_id, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    return answers[0]
