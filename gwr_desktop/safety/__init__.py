"""Data safety below the UI: read-only start-up checks, verified backups with rotation, restore, crash logs.

Everything here is Qt-free except `single_instance.py` (QtCore/QtNetwork only). SQLite-only features
quietly do nothing for PostgreSQL URLs: the server has its own backup tooling (pg_dump).
"""
