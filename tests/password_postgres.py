"""A private PostgreSQL server that checks passwords (scram-sha-256), for the sign-in tests.

The machine's server at 127.0.0.1:5432 trusts every connection, so a wrong password cannot be
tried against it. This fixture starts a throwaway cluster once per test session: `initdb` in a
temporary folder (as the `postgres` user when we are root — PostgreSQL refuses to run as
root, FINDINGS.md), `scram-sha-256` for every TCP connection in its pg_hba.conf, listening on a
free loopback port, its socket inside that folder; stopped and deleted at the end.

When it cannot start (no PostgreSQL binaries, no `postgres` user) the tests that need it skip,
and fail instead under REDES_REQUIRE_POSTGRES=1 (set by .ci/run)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "postgres"


@dataclass(frozen=True)
class PasswordServer:
    port: int
    superuser_password: str

    def url(self, user: str = SUPERUSER, password: str | None = None,
            database: str = "postgres", schema: str | None = None) -> str:
        from sqlalchemy import URL

        if user == SUPERUSER and password is None:
            password = self.superuser_password
        query = {"options": f"-csearch_path={schema}"} if schema else {}
        return URL.create("postgresql+psycopg", username=user, password=password,
                          host="127.0.0.1", port=self.port, database=database,
                          query=query).render_as_string(hide_password=False)


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unavailable(reason: str):
    if os.environ.get("REDES_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"A password-checking PostgreSQL is required here but could not start: "
                    f"{reason}")
    pytest.skip(f"password-checking PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def password_postgres():
    """A running private cluster that checks passwords; its `url()` builds addresses."""
    import secrets

    bindir = _binaries()
    if bindir is None:
        _unavailable("no initdb found (install postgresql)")
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    runner: list[str] = []
    owner = None
    if as_root:
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root and there is no 'postgres' user to run it as")
        runner = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="redes-pg-"))
    data, log = folder / "datos", folder / "servidor.log"
    password = secrets.token_urlsafe(16)
    pwfile = folder / "clave"
    pwfile.write_text(password + "\n", encoding="utf-8")
    if owner is not None:
        for path in (folder, pwfile):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    os.chmod(folder, 0o700)
    os.chmod(pwfile, 0o600)
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C"}
    try:
        subprocess.run([*runner, str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                        f"--pwfile={pwfile}", "--auth-local=peer", "--auth-host=scram-sha-256",
                        "-E", "UTF8", "--locale=C", "--no-sync"],
                       check=True, capture_output=True, env=env, timeout=120)
        pwfile.unlink()
        # Every TCP connection, the superuser's too, proves its password.
        (data / "pg_hba.conf").write_text(
            "local all all peer\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
            "host all all ::1/128 scram-sha-256\n", encoding="utf-8")
        options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 "
                   "-c password_encryption=scram-sha-256 -c fsync=off")
        subprocess.run([*runner, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log),
                        "-o", options, "-w", "-t", "60", "start"],
                       check=True, capture_output=True, env=env, timeout=90)
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"{error} {detail.decode(errors='replace')[-400:]}")
    server = PasswordServer(port, password)
    try:
        yield server
    finally:
        subprocess.run([*runner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "-w", "stop"], capture_output=True, env=env, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
