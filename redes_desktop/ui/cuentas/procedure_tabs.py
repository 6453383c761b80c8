"""The tabs of the accounts procedure (section 7) and of coverage (5.1) in the Cuentas section."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QTabWidget

from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.absences_tab import AbsencesTab
from redes_desktop.ui.cuentas.closure_dialog import ClosuresTab
from redes_desktop.ui.cuentas.connection_tab import ConnectionTab
from redes_desktop.ui.cuentas.health_tab import HealthTab
from redes_desktop.ui.cuentas.requests_tab import RequestsTab
from redes_desktop.ui.tasks import SynchronousPool


class ProcedureTabs:
    """«Solicitudes», «Bajas», «Ausencias», «Salud» and «Conexión con la red», added to
    `tabs`; a change in any of them calls `on_change` (the section refreshes its accounts
    table) and refreshes the other tabs."""

    def __init__(
        self,
        context: AppContext,
        tabs: QTabWidget,
        on_change: Callable[[], None],
        pool: QThreadPool | SynchronousPool | None = None,
    ) -> None:
        self._on_change = on_change
        self.requests_tab = RequestsTab(context, self.changed, pool=pool)
        self.closures_tab = ClosuresTab(context, self.changed, pool=pool)
        self.absences_tab = AbsencesTab(context, self.changed, pool=pool)
        self.health_tab = HealthTab(context, pool=pool)
        # Issue 17: each account's connection with its network on this workstation.
        self.connection_tab = ConnectionTab(context, pool=pool)
        tabs.addTab(self.requests_tab, QCoreApplication.translate("ProcedureTabs", "Solicitudes"))
        tabs.addTab(self.closures_tab, QCoreApplication.translate("ProcedureTabs", "Bajas"))
        tabs.addTab(self.absences_tab, QCoreApplication.translate("ProcedureTabs", "Ausencias"))
        tabs.addTab(self.health_tab, QCoreApplication.translate("ProcedureTabs", "Salud"))
        tabs.addTab(self.connection_tab,
                    QCoreApplication.translate("ProcedureTabs", "Conexión con la red"))

    def changed(self) -> None:
        self._on_change()
        self.requests_tab.refresh()
        self.closures_tab.refresh()
        self.health_tab.refresh()
        self.connection_tab.refresh()  # a closed account (7.viii) is disconnected

    @property
    def idle(self) -> bool:
        return all(tab.idle for tab in (self.requests_tab, self.closures_tab, self.absences_tab,
                                        self.health_tab, self.connection_tab))
