"""Alembic migrations. HEAD_REVISION lets a normal start skip importing alembic when the
database is already current; a test keeps it equal to the scripts' head."""

HEAD_REVISION = "0015_inbox"
