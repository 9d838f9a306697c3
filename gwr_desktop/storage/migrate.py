"""Schema versions through Alembic: upgrade to head at start-up, refuse a database newer than the app."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from gwr_desktop.paths import migrations_path


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the app; it must not be touched."""


def _config(engine: Engine):  # noqa: ANN202 - alembic Config, imported lazily to keep start-up fast
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    config.attributes["engine"] = engine
    return config


def known_revisions(engine: Engine) -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_config(engine)).walk_revisions()}


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as connection:
        from sqlalchemy import text

        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


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
    from alembic import command

    check_not_too_new(engine)
    command.upgrade(_config(engine), "head")
