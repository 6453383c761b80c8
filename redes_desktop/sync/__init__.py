"""Local-first sync with the shared PostgreSQL database (issue 7).

Each workstation reads and writes its SQLite database; `SyncEngine` pushes the changes captured
locally (`capture.py`) and pulls the changes made elsewhere (`pull.py`) by the position the
server assigns. What wins a conflict is written per table in `policies.py`. Server-only objects
(log, triggers, roles, row-level security, shared bitácora) are in `shared_schema.py`.
"""
