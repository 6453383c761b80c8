"""What `redes-desktop check --account` needs of an account: its network, its rhythm and the
recent posts the spam rule compares against (6.xxviii)."""

from __future__ import annotations

from dataclasses import dataclass

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.checks.model import RecentPost
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import Network


@dataclass(frozen=True)
class AccountCheckContext:
    network: Network
    rhythm: str
    recent_posts: tuple[RecentPost, ...]


def account_check_context(database: Database, *, clock: Clock,
                          account: str) -> AccountCheckContext | None:
    """`account`: its id or @handle; None when there is no such account."""
    from redes_desktop.services.accounts_lookup import find_account
    from redes_desktop.services.posts import recent_posts

    with unit_of_work(database) as session:
        found = find_account(session, account)
        if found is None:
            return None
        return AccountCheckContext(found.network, found.rhythm,
                                   recent_posts(session, found.id, clock()))
