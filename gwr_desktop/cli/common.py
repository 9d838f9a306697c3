"""Helpers shared by command modules: opening the database and printing JSON or tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database, DatabaseDamagedError, DatabaseError, open_database

FORM_CHOICES = [kind.value for kind in FormKind]


@contextmanager
def database(args) -> Iterator[Database]:  # noqa: ANN001 - argparse.Namespace
    """The database of --db for the command's body; any DatabaseError, at open or inside, becomes its message."""
    from gwr_desktop.cli import CommandError

    try:
        db = open_database(args.db)
    except DatabaseError as error:
        raise CommandError(database_message(error)) from error
    try:
        yield db
    except DatabaseError as error:  # raised by a service inside the command: locked, full, read-only …
        raise CommandError(database_message(error)) from error
    finally:
        db.close()


def database_message(error: DatabaseError) -> str:
    """The error's own message, plus where to go next when a backup is the way out."""
    text = str(error)
    if isinstance(error, DatabaseDamagedError) and "restore" not in text:
        text += "\n可用命令 check 查看最近的完好备份，用 restore 恢复。"
    return text


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_form_arguments(parser) -> None:  # noqa: ANN001 - argparse.ArgumentParser
    """--unit, --form, --quarter and --plan: which form of which unit, for every form command."""
    parser.add_argument("--unit", required=True, help="单位名称（可用简称或曾用名）")
    parser.add_argument("--form", required=True, choices=FORM_CHOICES,
                        help="plan=办理方案，contacts=督办工作人员名单，progress=完成情况（表号以方案的设置为准）")
    parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="完成情况的季度（前N季度）")
    parser.add_argument("--plan", help="方案标识（默认：最新导入的方案）")


def plan_key(db: Database, args) -> str:  # noqa: ANN001 - argparse.Namespace
    """--plan, or the newest plan; a clear message when the database has none."""
    from gwr_desktop.cli import CommandError

    key = args.plan or catalogue.default_plan_key(db)
    if key is None:
        raise CommandError("数据库中还没有方案，请先用 import-plan 导入。")
    return key


def form_plan_key(db: Database, args) -> str:  # noqa: ANN001 - argparse.Namespace
    """plan_key, after checking that a progress form names its quarter."""
    from gwr_desktop.cli import CommandError

    if args.form == FormKind.PROGRESS.value and args.quarter is None:
        raise CommandError("完成情况（--form progress）需要用 --quarter 指定季度（1～4）。")
    return plan_key(db, args)
