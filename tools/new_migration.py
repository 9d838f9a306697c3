"""Autogenerate a new Alembic revision against a scratch SQLite database upgraded to head."""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command  # noqa: E402

from gwr_desktop.storage.engine import make_engine  # noqa: E402
from gwr_desktop.storage.migrate import _config, upgrade  # noqa: E402


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/scratch.db")
        upgrade(engine)
        command.revision(_config(engine), message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "change")
