"""Helpers shared by command modules: opening the database and printing JSON or tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from gwr_desktop.services.database import Database, open_database


@contextmanager
def database(args) -> Iterator[Database]:  # noqa: ANN001 - argparse.Namespace
    from gwr_desktop.cli import CommandError
    from gwr_desktop.safety.startup_checks import DatabaseDamagedError
    from gwr_desktop.storage.migrate import SchemaTooNewError

    try:
        db = open_database(args.db)
    except SchemaTooNewError as error:
        raise CommandError(str(error)) from error
    except DatabaseDamagedError as error:
        raise CommandError(f"{error}\n可用命令 check 查看最近的完好备份，用 restore 恢复。") from error
    try:
        yield db
    finally:
        db.close()


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
