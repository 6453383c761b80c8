"""The tabs of the accounts procedure (section 7) and of coverage (5.1) in the Cuentas section."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QTabWidget

from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.absences_tab import AbsencesTab
from redes_desktop.ui.cuentas.closure_dialog import ClosuresTab
from redes_desktop.ui.cuentas.health_tab import HealthTab
from redes_desktop.ui.cuentas.requests_tab import RequestsTab
from redes_desktop.ui.tasks import SynchronousPool


class ProcedureTabs:
    """«Solicitudes», «Bajas», «Ausencias» and «Salud», added to `tabs`; a change in any of
    them calls `on_change` (the section refreshes its accounts table) and refreshes the other
    tabs."""

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
        tabs.addTab(self.requests_tab, QCoreApplication.translate("ProcedureTabs", "Solicitudes"))
        tabs.addTab(self.closures_tab, QCoreApplication.translate("ProcedureTabs", "Bajas"))
        tabs.addTab(self.absences_tab, QCoreApplication.translate("ProcedureTabs", "Ausencias"))
        tabs.addTab(self.health_tab, QCoreApplication.translate("ProcedureTabs", "Salud"))
        # The queues say how many wait: «Solicitudes (2)», «Bajas (1)».
        self.tabs = tabs
        self.requests_tab.counted.connect(lambda n: self._count(self.requests_tab, n))
        self.closures_tab.counted.connect(lambda n: self._count(self.closures_tab, n))
        self._count(self.requests_tab, self.requests_tab.pending)
        self._count(self.closures_tab, self.closures_tab.pending)

    def _count(self, tab, count: int) -> None:
        index = self.tabs.indexOf(tab)
        if index < 0:
            return
        if tab is self.requests_tab:
            name = QCoreApplication.translate("ProcedureTabs", "Solicitudes")
        else:
            name = QCoreApplication.translate("ProcedureTabs", "Bajas")
        self.tabs.setTabText(index, f"{name} ({count})" if count else name)

    def changed(self) -> None:
        self._on_change()
        self.requests_tab.refresh()
        self.closures_tab.refresh()
        self.health_tab.refresh()

    @property
    def idle(self) -> bool:
        return all(tab.idle for tab in (self.requests_tab, self.closures_tab, self.absences_tab,
                                        self.health_tab))
