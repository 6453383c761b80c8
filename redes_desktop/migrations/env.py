"""Alembic environment. The program runs migrations itself (redes_desktop.database); the
connection arrives in `config.attributes["connection"]`. For the alembic command line, pass
`-x url=...`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from redes_desktop.errors import UserFacingError
from redes_desktop.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise UserFacingError(
            "No se indicó la base de datos que se va a migrar. Pásela con -x url=... (por "
            "ejemplo: alembic -x url=sqlite:///ruta/redes.sqlite3 upgrade head)."
        )
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
