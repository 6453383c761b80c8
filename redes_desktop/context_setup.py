"""Connect the services every entry point needs to an AppContext: the window, the command line
and the benchmarks open the bitácora the same way."""

from __future__ import annotations


def attach_bitacora(context) -> None:
    """Open this workstation's bitácora and make it the recorder of every service (8.iii).

    Raises the bitácora's Spanish UserFacingError (missing key, tampered file…): the program
    does not run without its bitácora, and never starts a second chain over the old one.
    """
    from redes_desktop.bitacora import BitacoraRecorder, DatabaseAreaLookup, open_bitacora

    workspace = context.workspace
    bitacora = open_bitacora(workspace.paths, context.secrets, context.database, context.clock)
    context.recorder = BitacoraRecorder(bitacora, DatabaseAreaLookup(context.database))
