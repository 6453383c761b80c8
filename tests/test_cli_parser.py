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
