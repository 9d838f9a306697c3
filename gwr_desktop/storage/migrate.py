"""Schema versions through Alembic: upgrade to head at start-up, refuse a database newer than the app.

Start-up speed: importing Alembic costs about as much as showing a bare Qt window, and a database is at
head on almost every start. So the revision graph is read from the version scripts' own text (their
`revision = ...` / `down_revision = ...` lines) and Alembic is imported only when an upgrade really runs.
A test checks that this reading agrees with Alembic's.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from gwr_desktop.paths import migrations_path
from gwr_desktop.storage.errors import DatabaseError

if TYPE_CHECKING:  # the read-only start-up check reads the revisions before SQLAlchemy is imported
    from sqlalchemy import Engine


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer version of the app; it must not be touched."""


# `revision = '0002'`, `down_revision: Union[str, None] = '0001'`, `down_revision = ('a', 'b')` (a merge).
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


def _config(engine: Engine | None):  # noqa: ANN202 - alembic Config, imported lazily to keep start-up fast
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    config.attributes["engine"] = engine
    return config


def scripted_revisions() -> dict[str, tuple[str, ...]]:
    """Each revision in db/migrations/versions → the revisions it follows, read without importing Alembic."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((migrations_path() / "versions").glob("*.py")):
        fields = {name: value for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8"))}
        if "revision" not in fields:
            continue
        down = ast.literal_eval(fields.get("down_revision", "None"))
        graph[ast.literal_eval(fields["revision"])] = () if down is None else (down,) if isinstance(down, str) \
            else tuple(down)
    return graph


def known_revisions(engine: Engine | None = None) -> set[str]:
    return set(scripted_revisions())


def head_revision(engine: Engine | None = None) -> str:
    graph = scripted_revisions()
    heads = set(graph) - {down for downs in graph.values() for down in downs}
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory  # several heads or none: let Alembic explain

    head = ScriptDirectory.from_config(_config(engine)).get_current_head()
    if head is None:
        raise RuntimeError(f"{migrations_path()} 中没有数据库结构版本脚本，程序安装不完整。")
    return head


def current_revision(engine: Engine) -> str | None:
    return _read_revision(engine)[0]


def table_names(engine: Engine) -> list[str]:
    """The tables the database holds (any schema object SQLAlchemy reports as a table)."""
    return _read_revision(engine)[1]


def revision_and_tables(engine: Engine) -> tuple[str | None, list[str]]:
    """current_revision and table_names in one read: what every open needs, read once (issue 15)."""
    return _read_revision(engine)


def _read_revision(engine: Engine) -> tuple[str | None, list[str]]:
    from sqlalchemy import inspect, text

    from gwr_desktop.storage.engine import READ_ONLY_SESSION

    # A read: without the mark, a SQLite connection would begin IMMEDIATE and queue behind every writer.
    with engine.connect().execution_options(**READ_ONLY_SESSION) as connection:
        tables = inspect(connection).get_table_names()
        if "alembic_version" not in tables:
            return None, tables
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return (row[0] if row else None), tables


def check_not_too_new(engine: Engine) -> None:
    current = current_revision(engine)
    if current is not None and current not in known_revisions(engine):
        raise SchemaTooNewError(
            f"数据库由更新版本的程序创建（架构版本 {current}），本程序无法安全打开。"
            "请升级程序后再使用，数据库未被改动。"
        )


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision(engine)


def upgrade(engine: Engine) -> None:
    """Bring the schema to head. Refuses (without writing) a database from a newer app."""
    check_not_too_new(engine)
    if not needs_upgrade(engine):
        return  # at head: nothing to run, and Alembic stays unimported
    from alembic import command

    command.upgrade(_config(engine), "head")
