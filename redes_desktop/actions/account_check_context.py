"""What `redes-desktop check --account` needs of an account: its network, its rhythm, its area
(whose institutional contacts 6.iii lets through) and the recent posts the spam rule compares
against (6.xxviii)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.checks.model import RecentPost
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.errors import UsageError
from redes_desktop.models import Account, Network


@dataclass(frozen=True)
class AccountCheckContext:
    network: Network
    rhythm: str
    area_id: uuid.UUID | None
    recent_posts: tuple[RecentPost, ...]


def account_check_context(database: Database, *, clock: Clock, account: str,
                          network: Network | None = None) -> AccountCheckContext:
    """`account`: its id or @handle. A @handle shared by accounts on several networks is
    resolved with `network`; without it the person is asked to choose (UsageError)."""
    from redes_desktop.services.accounts_lookup import find_accounts
    from redes_desktop.services.posts import recent_posts

    with unit_of_work(database) as session:
        found = choose_account(find_accounts(session, account), account, network)
        return AccountCheckContext(found.network, found.rhythm, found.area_id,
                                   recent_posts(session, found.id, clock()))


def choose_account(accounts: list[Account], key: str, network: Network | None) -> Account:
    if not accounts:
        raise UsageError(f"No existe la cuenta «{key}». Use su id o su @usuario.")
    if network is not None:
        same = [a for a in accounts if a.network == network]
        if not same:
            where = ", ".join(sorted(a.network.label for a in accounts))
            raise UsageError(f"La cuenta «{key}» no está en {network.label} (está en {where}). "
                             "Revise --network o --account.")
        return same[0]
    networks = {a.network for a in accounts}
    if len(networks) > 1:
        names = ", ".join(sorted(n.value for n in networks))
        raise UsageError(f"Hay cuentas «{key}» en varias redes ({names}): indique cuál con "
                         "--network.")
    return accounts[0]
