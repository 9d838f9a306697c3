"""How a database is opened: read-only checks, a new SQLite file built aside, the engine, upgrade and schema check.

Order matters. The read-only check comes first, so a damaged, too-new, foreign or unreadable file is refused
with its bytes untouched. A new SQLite file is built under a hidden name and renamed into place only when its
schema is complete: a start killed half-way leaves no 0-byte or half-built database under the real name, so a
0-byte or table-less file found there is never ours and is refused (see safety/startup_checks.py). It is
built in WAL mode: a file renamed in rollback-journal mode is switched by its first connection through a
-journal, and a kill at that moment left what the next start rightly calls a stray hot journal (found by
tests/storage/test_new_database.py). Every failure on the way leaves as a DatabaseError.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine

from gwr_desktop.safety.startup_checks import OUR_TABLES, DbState, refuse_unusable
from gwr_desktop.storage import errors, migrate
from gwr_desktop.storage.engine import WriteWaits, make_engine
from gwr_desktop.storage.translate import translated
from gwr_desktop.storage.urls import is_sqlite, sqlite_file

NEW_PREFIX = ".gwr-new-"  # a database being built; removed by the next attempt if a start dies meanwhile


def open_checked_database(url: str, *, upgrade: bool) -> tuple[Engine, WriteWaits | None, str | None]:
    """The engine, its write-wait hook (SQLite) and the read-only reason (None: writable)."""
    check = refuse_unusable(url)
    read_only = check.read_only
    with translated(url, os_errors=True):
        path = sqlite_file(url)
        if check.state is DbState.NEW and read_only is not None:
            raise errors.DatabaseReadOnlyError(f"{read_only}\n因此不能在这里新建数据库。")
        if path is not None and not path.exists() and upgrade:
            create_sqlite(path)
        waits = WriteWaits() if is_sqlite(url) else None
        engine = make_engine(url, read_only=read_only is not None, waits=waits)
        try:
            _prepare(engine, url, upgrade=upgrade, read_only=read_only)
        except BaseException:
            engine.dispose()
            raise
    return engine, waits, read_only


def _prepare(engine: Engine, url: str, *, upgrade: bool, read_only: str | None) -> None:
    revision, tables = migrate.revision_and_tables(engine)
    if revision is None and tables:
        raise _unversioned(url, set(tables))
    if not upgrade:
        return
    if migrate.needs_upgrade(engine):
        if read_only is not None:
            raise errors.DatabaseReadOnlyError(
                f"{read_only}\n这个数据库来自旧版本，需要先升级结构才能使用，而升级需要写入。")
        _refuse_upgrade_by_a_unit_login(engine, url)
        upgrade_with_backup(engine, url)
    _refuse_incomplete_schema(engine, url)


def _refuse_upgrade_by_a_unit_login(engine: Engine, url: str) -> None:
    """On a shared server only the owner upgrades the schema (`server init`); a unit's login is told so."""
    if is_sqlite(url) or migrate.current_revision(engine) is None:
        return
    from sqlalchemy import text

    with engine.connect() as connection:
        may = connection.execute(text("SELECT has_table_privilege('alembic_version', 'UPDATE')")).scalar()
    if not may:
        raise errors.DatabaseReadOnlyError(
            f"{errors.where(url)}的结构需要升级到本程序的版本，而这个登录没有升级的权限，数据库没有被改动。"
            "请信息中心用所有者登录运行：python main.py server init --url 所有者地址")


def upgrade_with_backup(engine: Engine, url: str) -> None:
    """Bring the schema to head, after a verified backup of the data as it was (never upgrade without one)."""
    from gwr_desktop.safety.backup import BackupError, backup_before

    if migrate.current_revision(engine) is not None and migrate.needs_upgrade(engine):
        try:
            backup_before(url, "migration")
        except BackupError as error:
            raise errors.DatabaseError(f"升级数据库结构前无法备份，为安全起见没有升级：{error}") from error
    migrate.upgrade(engine)


def _refuse_incomplete_schema(engine: Engine, url: str) -> None:
    from gwr_desktop.storage.schema import engine_columns, missing_parts, schema_message

    missing = missing_parts(engine_columns(engine))
    if missing:
        message = schema_message(errors.where(url), migrate.current_revision(engine), missing)
        raise errors.DatabaseSchemaError(f"{message}为保护数据，程序没有改动它。\n{errors.RESTORE_HINT}")


def _unversioned(url: str, tables: set[str]) -> errors.DatabaseError:
    """A server database (or a file that slipped past the check) with tables but no version record."""
    place = errors.where(url)
    if len(tables & OUR_TABLES) >= 2:
        return errors.DatabaseSchemaError(
            f"{place}里有本程序的数据，但记录结构版本的 alembic_version 表不见了（可能被其他工具改动过），"
            f"无法确定该如何使用它。为保护数据，程序没有改动它。{errors.RESTORE_HINT}")
    shown = "、".join(sorted(tables)[:5]) + (" 等" if len(tables) > 5 else "")
    return errors.NotOurDatabaseError(
        f"{place}不是本程序的数据库（里面是 {shown}，没有本程序的结构版本记录）。为免弄乱其中的数据，程序不会使用它，"
        "也没有改动它。请指定本程序的数据库，或新建一个空的数据库。")


def create_sqlite(path: Path) -> None:
    """Build a new database at a hidden name beside path, migrated to head, then rename it into place."""
    from gwr_desktop.safety.sqlite_files import companions, fsync_path

    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(NEW_PREFIX + path.name)
    _remove_with_companions(building)
    engine = make_engine(f"sqlite:///{building}")  # in WAL mode already: the first real open switches nothing
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()  # the last connection closing checkpoints the WAL into the file and deletes -wal/-shm
    leftovers = companions(building)
    if leftovers:  # SQLite keeps them only if it could not checkpoint: never rename the file without them
        raise errors.DatabaseIOError(f"新建数据库时未能写完（{', '.join(p.name for p in leftovers)}），请重试。")
    fsync_path(building)
    os.replace(building, path)
    fsync_path(path.parent)


def _remove_with_companions(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
