"""Criteria checkers for tests that publish: `PostService.mark_published` requires one."""

from redes_desktop.checks.model import CheckResult


def nothing_found(post) -> CheckResult:
    """A check that finds nothing (for tests about what happens around publishing)."""
    return CheckResult(post.text, post.network, len(post.text), 280, [])
