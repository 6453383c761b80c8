"""`redes-desktop passwords`: generate a strong password (5.2 g) and list the accounts whose
password is due (6.xxxiii).

`passwords due` lists every account of the local database (dates only, never a password):
the command line has no signed-in person; the window shows each person their own accounts.
"""

from __future__ import annotations

import argparse
import json

from redes_desktop.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "passwords", help="genera contraseñas seguras y lista las que deben cambiarse",
        description="Contraseñas de las cuentas: generador (criterio 5.2 g) y cuentas cuya "
        "contraseña debe cambiarse (cada dos meses, criterio 6.xxxiii).",
    )
    orders = parser.add_subparsers(dest="passwords_command", metavar="ORDEN", required=True)
    generate = orders.add_parser(
        "generate", help="genera una contraseña y dice qué tan fuerte es",
        description="Genera una contraseña con letras, números y caracteres especiales, o una "
        "frase de palabras en español, e imprime su fortaleza.")
    generate.add_argument("--length", type=int, default=20, metavar="N",
                          help="longitud, de 12 a 128 (20 por omisión)")
    generate.add_argument("--no-symbols", action="store_true",
                          help="sin caracteres especiales (no cumple 5.2 g; solo si la red "
                          "no los admite)")
    generate.add_argument("--no-look-alike", action="store_true",
                          help="sin caracteres que se confunden (I l 1 | O 0 o)")
    generate.add_argument("--passphrase", action="store_true",
                          help="frase de palabras en español en lugar de caracteres sueltos")
    generate.add_argument("--words", type=int, default=6, metavar="N",
                          help="palabras de la frase, de 4 a 12 (6 por omisión)")
    generate.add_argument("--json", action="store_true", help="imprime un objeto JSON")
    generate.set_defaults(handler=run_generate)

    due = orders.add_parser(
        "due", help="cuentas cuya contraseña venció o está por vencer",
        description="Lista las cuentas de la base de datos local cuya contraseña venció o vence "
        "en los próximos 7 días. Sale con 1 si alguna está vencida.")
    due.add_argument("--json", action="store_true", help="imprime un objeto JSON")
    due.add_argument("--data-dir", dest="data_dir_sub", metavar="CARPETA",
                     help="carpeta de datos (también REDES_DATA_DIR)")
    due.set_defaults(handler=run_due)


def run_generate(args: argparse.Namespace) -> int:
    from redes_desktop.passwords import generator, strength

    if args.passphrase:
        phrase = generator.PassphraseSettings(words=args.words)
        password = generator.generate_passphrase(phrase)
        entropy = phrase.entropy_bits()
    else:
        settings = generator.PasswordSettings(
            length=args.length, specials=not args.no_symbols,
            exclude_look_alike=args.no_look_alike)
        password = generator.generate_password(settings)
        entropy = settings.entropy_bits()
    verdict = strength.evaluate(password, strength.context_words([]))
    if args.json:
        payload = {"contrasena": password, "entropia_bits": round(entropy, 1),
                   **verdict.as_json()}
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    print(password)
    print(f"Fortaleza: {verdict.score} de 4 ({verdict.label}); tiempo estimado para descifrarla: "
          f"{verdict.crack_time}. Entropía: {entropy:.0f} bits.")
    if verdict.meets_criterion:
        print("Cumple el criterio 5.2 g.")
    else:
        print("No cumple el criterio 5.2 g: " + " ".join(verdict.reasons))
    return 0


def run_due(args: argparse.Namespace) -> int:
    from redes_desktop.actions.password_status import passwords_due
    from redes_desktop.clock import clock_of, to_mexico
    from redes_desktop.database import open_local_database
    from redes_desktop.passwords.rotation import RotationState
    from redes_desktop.paths import resolve_data_dir
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.services.activity import NullRecorder

    data_dir = resolve_data_dir(args.data_dir_sub or args.data_dir)
    path = data_dir / "redes.sqlite3"
    if not path.exists():
        raise UsageError(f"No hay base de datos en {data_dir}. Indique la carpeta de datos con "
                         "--data-dir.")
    database = open_local_database(path)
    try:
        # Listing records nothing: the recorder is explicitly the null one.
        rows = passwords_due(database, clock=clock_of(args), secrets=SecretStore(),
                             recorder=NullRecorder())
    finally:
        database.dispose()
    overdue = any(r.state == RotationState.VENCIDA for r in rows)
    if args.json:
        print(json.dumps([{
            "cuenta": str(r.account_id), "usuario": r.handle, "red": r.network.value,
            "area": r.area_name, "estado": r.state.value,
            "vence": r.due.due_on.isoformat() if r.due.due_on else None,
            "dias": r.due.days_left,
            "ultimo_cambio": r.last_rotated_at.isoformat() if r.last_rotated_at else None,
            "comprometida": r.compromised,
        } for r in rows], ensure_ascii=False))
        return 1 if overdue else 0
    if not rows:
        print("Todas las contraseñas están al día.")
        return 0
    for r in rows:
        last = to_mexico(r.last_rotated_at).strftime("%d/%m/%Y") if r.last_rotated_at else \
            "nunca"
        print(f"{r.state.value.upper():11} {r.handle:24} {r.network.label:10} "
              f"último cambio: {last:10}  {r.due.reason}")
    print(f"{len(rows)} cuenta(s) por atender.")
    return 1 if overdue else 0
