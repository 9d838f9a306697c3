"""Open (and so create) a new database, announcing the moment just before: the kill test aims after it.

    python -m tests.storage.create_child DB
"""

from __future__ import annotations

import sys

from gwr_desktop.services.database import open_database

if __name__ == "__main__":
    import alembic.command  # noqa: F401
    import sqlalchemy.orm  # noqa: F401 - imported before the announcement, so the kill lands in the creation

    print("creating", flush=True)
    open_database(sys.argv[1]).close()
    print("created", flush=True)
