"""Subcommands of the `redes-desktop` command line. Each module has `register(subparsers)`
which adds its parser and sets `handler` (a function taking the parsed arguments, returning the
exit code). Modules are imported only when listed here."""

from __future__ import annotations

COMMAND_MODULES = [
    "redes_desktop.commands.demo",
    "redes_desktop.commands.check",
    "redes_desktop.commands.bitacora",
    "redes_desktop.commands.cuentas",
    "redes_desktop.commands.consultas",
    "redes_desktop.commands.passwords",
    "redes_desktop.commands.sync",
    "redes_desktop.commands.shared_db",
    "redes_desktop.commands.informe",
    "redes_desktop.commands.secretos",
    "redes_desktop.commands.organizacion",
    "redes_desktop.commands.publicar",
    "redes_desktop.commands.sesiones",
    "redes_desktop.commands.buzon",
]
