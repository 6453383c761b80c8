"""The account filter the Calendario and Publicadas tabs share: «all the accounts the person
may see», then each of them, keeping the one chosen before the list was read again."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from redes_desktop.actions.post_calendar import ViewableAccount


def fill_account_filter(combo: QComboBox, accounts: Sequence[ViewableAccount],
                        chosen: uuid.UUID | None) -> None:
    combo.clear()
    combo.addItem(QCoreApplication.translate("AccountFilter",
                                             "Todas las cuentas que puede ver (%1)")
                  .replace("%1", str(len(accounts))), None)
    for account in accounts:
        combo.addItem(account.label, account.id)
    # findData does not compare Python objects such as UUIDs: look for it by hand.
    index = next((i for i in range(combo.count()) if combo.itemData(i) == chosen), 0)
    combo.setCurrentIndex(index)
