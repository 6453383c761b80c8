"""The criteria checking engine (issue: composer). Qt-free.

Rules live in one module each under this package and take their limits and word lists from
data files in `resources/checks/`.
"""

from redes_desktop.checks.model import CheckInput, CheckResult, Finding, RecentPost, Rule, Severity

__all__ = ["CheckInput", "CheckResult", "Finding", "RecentPost", "Rule", "Severity"]
