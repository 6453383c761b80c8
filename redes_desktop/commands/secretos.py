"""`redes-desktop secretos estado|guardar|borrar`: which store holds this data folder's secrets
(OS keyring or local vault), and the two secrets a person types in themselves (the SMTP
password, the shared database's password) — the only way to put them in the vault, which no
keyring tool can reach.

Exit codes: 0 done; 6 secrets unavailable (no passphrase given, wrong passphrase); 9 the vault
file is damaged or belongs to another installation (named in the message, never modified).
"""

from __future__ import annotations

import argparse
import sys

from redes_desktop.commands.common import add_data_dir, data_dir_of
from redes_desktop.errors import UsageError

# The names services/mail.py and sync/connect.py read (tests/test_vault_cli.py checks them).
TYPED_SECRETS = {
    "smtp": "contraseña del correo (SMTP)",
    "base-compartida": "contraseña de la base de datos compartida",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "secretos", help="dónde están los secretos; guarda las contraseñas de correo y base",
        description="Los secretos están en el llavero del sistema o, si el equipo no tiene "
        "uno, en una bóveda cifrada local. La frase de la bóveda se pide en la terminal o se "
        "toma de REDES_DESKTOP_PASSPHRASE.",
    )
    orders = parser.add_subparsers(dest="secretos_command", metavar="ORDEN", required=True)
    state = orders.add_parser("estado", help="dice qué almacén guarda los secretos")
    add_data_dir(state)
    state.set_defaults(handler=run_state)
    for name, helptext, handler in (
        ("guardar", "guarda un secreto (lo lee de la terminal o de la entrada estándar)",
         run_store),
        ("borrar", "borra un secreto", run_delete),
    ):
        order = orders.add_parser(name, help=helptext)
        order.add_argument("key", metavar="SECRETO", choices=sorted(TYPED_SECRETS),
                           help="smtp o base-compartida")
        add_data_dir(order)
        order.set_defaults(handler=handler)


def run_state(args: argparse.Namespace) -> int:
    from redes_desktop.paths import DataPaths
    from redes_desktop.vault.choice import choose_store
    from redes_desktop.vault.store import VaultSecretStore

    store = choose_store(DataPaths(data_dir_of(args)))
    print(f"Secretos: {store.description}")
    if isinstance(store, VaultSecretStore):
        store.inspect()  # a damaged or foreign vault: exit 9 with its name
        print(f"Archivo: {store.path}" + ("" if store.exists else " (se creará al guardar el "
                                                                  "primer secreto)"))
    return 0


def run_store(args: argparse.Namespace) -> int:
    import getpass

    from redes_desktop.vault.choice import command_store

    what = TYPED_SECRETS[args.key]
    if sys.stdin.isatty():
        value = getpass.getpass(f"Escriba la {what}: ")
    else:
        value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise UsageError(f"No se recibió la {what}; no se guardó nada.")
    store = command_store(data_dir_of(args))
    store.set(args.key, value)
    print(f"Se guardó la {what} ({store.description}).")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from redes_desktop.vault.choice import command_store

    store = command_store(data_dir_of(args))
    what = TYPED_SECRETS[args.key]
    if store.delete(args.key):
        print(f"Se borró la {what} ({store.description}).")
    else:
        print(f"No había {what} guardada.")
    return 0
