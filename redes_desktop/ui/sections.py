"""The sections of the main window: key, title, shortcut, what it holds, and how to build it.

A section whose `factory` is None shows a placeholder describing what it will hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the data layer is imported only after the first paint
    from redes_desktop.context import AppContext


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    shortcut: str
    description: str
    factory: Callable[[AppContext], QWidget] | None = None


def _accounts(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.cuentas.accounts_view import AccountsSection

    return AccountsSection(ctx)


def _passwords(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.passwords.section_view import PasswordsSection

    return PasswordsSection(ctx)


def _composer(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.composer.composer_view import ComposerSection
    from redes_desktop.ui.consultas.composer_link import install

    section = ComposerSection(ctx)
    install(section, ctx)  # «Consultar a CNCS…» and the draft's consultation line
    return section


def _bitacora(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.bitacora.viewer import BitacoraSection

    return BitacoraSection(ctx)


def _consultations(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.consultas.queue_view import ConsultasSection

    return ConsultasSection(ctx)


def _reports(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.informes.section_view import InformesSection

    return InformesSection(ctx)


def _organization(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.organizacion.section_view import OrganizacionSection

    return OrganizacionSection(ctx)


def _inbox(ctx: AppContext) -> QWidget:
    from redes_desktop.ui.buzon.section_view import BuzonSection

    return BuzonSection(ctx)


def default_sections() -> list[SectionSpec]:
    return [
        SectionSpec(
            "redactor",
            QCoreApplication.translate("Sections", "Redactor"),
            "Ctrl+1",
            QCoreApplication.translate(
                "Sections",
                "Redacte publicaciones y vea, mientras escribe, cada criterio que incumplen: "
                "ortografía (6.xxiv), mayúsculas (6.xxv), imagen obligatoria en X y Facebook "
                "(6.xxvi), datos personales (6.iii), enlaces (6.vi, 6.ix, 6.x), límites de cada "
                "red (6.xxii), respuestas sin insultos (6.xx) y spam (6.xxviii)."
            ),
            _composer,
        ),
        SectionSpec(
            "consultas",
            QCoreApplication.translate("Sections", "Consultas CNCS"),
            "Ctrl+2",
            QCoreApplication.translate(
                "Sections",
                "Envíe a la Coordinación Nacional de Comunicación Social los borradores en duda "
                "y siga la cuenta regresiva de 48 horas; sin respuesta no se publica (6.viii). "
                "Los revisores de CNCS deciden aquí en modo revisión."
            ),
            _consultations,
        ),
        SectionSpec(
            "bitacora",
            QCoreApplication.translate("Sections", "Bitácora"),
            "Ctrl+3",
            QCoreApplication.translate(
                "Sections",
                "Registro cifrado y a prueba de alteraciones de toda la actividad de las cuentas "
                "(8.iii), con búsqueda, filtros y exportación para auditorías."
            ),
            _bitacora,
        ),
        SectionSpec(
            "contrasenas",
            QCoreApplication.translate("Sections", "Contraseñas"),
            "Ctrl+4",
            QCoreApplication.translate(
                "Sections",
                "Generador de contraseñas seguras (5.2 g), guardadas solo en el llavero del "
                "sistema, alertas de cambio cada dos meses (6.xxxiii) y reporte de cuentas "
                "comprometidas (6.xxx)."
            ),
            _passwords,
        ),
        SectionSpec(
            "cuentas",
            QCoreApplication.translate("Sections", "Cuentas"),
            "Ctrl+5",
            QCoreApplication.translate(
                "Sections",
                "Áreas, cuentas institucionales y sus administradores titular y suplente (5.1, 7)."
            ),
            _accounts,
        ),
        SectionSpec(
            "informes",
            QCoreApplication.translate("Sections", "Informes"),
            "Ctrl+6",
            QCoreApplication.translate(
                "Sections",
                "Evaluaciones semestrales de las cuentas (8.i) e informe trimestral del "
                "comportamiento de las redes sociales del Instituto (8.iv)."
            ),
            _reports,
        ),
        SectionSpec(
            "organizacion",
            QCoreApplication.translate("Sections", "Organización"),
            "Ctrl+7",
            QCoreApplication.translate(
                "Sections",
                "Áreas, personas y roles (titular de área, revisor CNCS) que administran los "
                "revisores de la CNCS, e importación del directorio institucional (5.1)."
            ),
            _organization,
        ),
        SectionSpec(
            "buzon",
            QCoreApplication.translate("Sections", "Buzón"),
            "Ctrl+8",
            QCoreApplication.translate(
                "Sections",
                "Comentarios, menciones y mensajes de las cuentas conectadas, con su reloj de "
                "respuesta (5.2 e): reclamar, responder sin insultos y por nombre (6.xx, "
                "6.xvii), ignorar sin bloquear (6.xvi), escalar al titular (5.2 f), "
                "solicitudes de información (6.vii) y dudas recurrentes (6.xviii)."
            ),
            _inbox,
        ),
    ]
