"""The command line speaks Spanish without patching the argparse module (issue 13)."""

from __future__ import annotations

import argparse
import gettext

import pytest

from redes_desktop.cli import build_parser, main
from redes_desktop.cli_parser import spanish_message


def test_building_the_parser_leaves_argparse_untouched(capsys):
    build_parser()
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    other = argparse.ArgumentParser(prog="otro")
    other.add_argument("--n", type=int)
    with pytest.raises(SystemExit):
        other.parse_args(["--n", "x"])
    err = capsys.readouterr().err
    assert "usage: otro" in err and "invalid int value: 'x'" in err


@pytest.mark.parametrize(("argv", "expected"), [
    (["--no-existe"], "Error de uso: argumentos no reconocidos: --no-existe"),
    (["check", "--network", "myspace", "hola"],
     "Error de uso: argumento --network: opción no válida: 'myspace' (elija entre"),
    (["sync", "--batch-size", "muchos"], "Error de uso: argumento --batch-size: valor no válido: "
                                         "'muchos'"),
    (["check", "--network"], "Error de uso: argumento --network: se esperaba un valor"),
    (["no-es-orden"], "Error de uso: argumento ORDEN: opción no válida: 'no-es-orden'"),
])
def test_usage_errors_in_spanish(argv, expected, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: redes-desktop")
    assert expected in err
    assert "usage" not in err and "invalid" not in err and "argument " not in err


def test_help_is_spanish(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["check", "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: redes-desktop check")
    assert "opciones:" in out and "muestra esta ayuda y termina" in out
    assert "usage" not in out and "options:" not in out and "show this help" not in out


def test_missing_required_argument_and_unknown_shapes():
    assert spanish_message("the following arguments are required: ORDEN, texto") == (
        "faltan los argumentos: ORDEN, texto")
    assert spanish_message("algo nuevo de argparse") == "algo nuevo de argparse"


# -- the window's own options: parsed without the command modules (a fast first paint) --------
def test_window_options_are_parsed_without_importing_the_commands():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from redes_desktop.cli import parse_arguments\n"
        "args = parse_arguments(['--data-dir', 'datos', '--quit-after-startup'])\n"
        "assert (args.command, args.data_dir, args.quit_after_startup) == (None, 'datos', True)\n"
        "assert parse_arguments([]).command is None\n"
        "loaded = [m for m in sys.modules if m.startswith('redes_desktop.commands.')]\n"
        "assert loaded == [], loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_command_after_the_window_options_still_reaches_its_parser():
    from redes_desktop.cli import parse_arguments

    args = parse_arguments(["--data-dir", "datos", "check", "--network", "facebook", "hola"])
    assert (args.command, args.data_dir, args.network, args.text) == (
        "check", "datos", "facebook", "hola")
    assert callable(args.handler)


@pytest.mark.parametrize("argv", [["--data-dir"], ["--help"]])
def test_help_and_mistakes_on_the_window_options_show_the_whole_command_line(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    shown = capsys.readouterr()
    text = shown.out + shown.err
    assert text.startswith("uso: redes-desktop") and "ORDEN" in text  # the commands are listed
    if argv == ["--data-dir"]:
        assert "Error de uso: argumento --data-dir: se esperaba un valor" in shown.err


def test_version_from_the_window_options(capsys):
    from redes_desktop import __version__

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"redes-desktop {__version__}\n"


def test_commands_choices_written_out_match_the_enumerations():
    """The commands list the choices as plain words so that building the command line does not
    import the models (and SQLAlchemy with them); they must stay the enumerations' values."""
    from redes_desktop.commands import check, organizacion
    from redes_desktop.models.enums import AreaKind, Level, Network, Role

    assert check.NETWORK_CHOICES == [n.value for n in Network]
    assert organizacion.KINDS == [k.value for k in AreaKind]
    assert organizacion.LEVELS == [level.value for level in Level]
    assert set(organizacion.ROLES) <= {r.value for r in Role}
