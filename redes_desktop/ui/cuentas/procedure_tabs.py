"""The tabs of the accounts procedure (section 7) and of coverage (5.1) in the Cuentas section."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from redes_desktop.ui.cuentas.absences_tab import AbsencesTab
from redes_desktop.ui.cuentas.closure_dialog import ClosuresTab
from redes_desktop.ui.cuentas.health_tab import HealthTab
from redes_desktop.ui.cuentas.requests_tab import RequestsTab


def add_procedure_tabs(section: QWidget, pool=None) -> None:
    """Add «Solicitudes», «Bajas», «Ausencias» and «Salud» to `section.tabs`; a change in any of
    them refreshes the accounts table and the other tabs."""
    context = section.context

    def changed() -> None:
        section.refresh()
        section.requests_tab.refresh()
        section.closures_tab.refresh()
        section.health_tab.refresh()

    section.requests_tab = RequestsTab(context, changed, pool=pool)
    section.closures_tab = ClosuresTab(context, changed, pool=pool)
    section.absences_tab = AbsencesTab(context, changed, pool=pool)
    section.health_tab = HealthTab(context)
    section.tabs.addTab(section.requests_tab, section.tr("Solicitudes"))
    section.tabs.addTab(section.closures_tab, section.tr("Bajas"))
    section.tabs.addTab(section.absences_tab, section.tr("Ausencias"))
    section.tabs.addTab(section.health_tab, section.tr("Salud"))
