"""Every way a database can be unusable gives a Chinese message naming the cause, exit 2, and no traceback.

URLs the app cannot use, servers it cannot reach, 0-byte and foreign files, a lost version record, missing
tables: each is refused by every command (even `check`), and the file is left exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gwr_desktop.services.database import open_database
from gwr_desktop.services.database_open import NEW_PREFIX
from tests.safety.conftest import file_digests
from tests.safety.damage import DAMAGES
from tests.storage.conftest import Cli, fill_args, folder_listing

COMMANDS = (["check"], ["units"], ["tasks", "--unit", "市商务局"])


@pytest.mark.parametrize(("url", "cause"), [
    ("foo://bar", "不支持的数据库类型“foo”"),
    ("mysql://user@host/gwr", "不支持的数据库类型“mysql”"),
    ("postgresql+psycopg2://user:secret@host/gwr", "不支持的数据库驱动“psycopg2”"),
    ("sqlite://", "内存数据库"),
    ("sqlite:///:memory:", "内存数据库"),
    ("postgresql+psycopg://user@host:port/gwr", "端口不是有效的数字"),
    ("+x://what", "格式不正确"),
])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_urls_the_app_cannot_use_are_explained(cli: Cli, url: str, cause: str, command: list[str]) -> None:
    outcome = cli("--db", url, *command)
    assert outcome.code == 2 and outcome.out == ""
    assert cause in outcome.err and "本程序支持" in outcome.err
    assert "secret" not in outcome.err  # a password never appears in a message


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_server_that_refuses_the_connection(cli: Cli, command: list[str]) -> None:
    outcome = cli("--db", "postgresql+psycopg://gwr@127.0.0.1:1/gwr", *command)
    assert outcome.code == 2
    assert "无法连接数据库服务器 127.0.0.1:1" in outcome.err and "服务器拒绝连接" in outcome.err


@pytest.mark.postgres
def test_a_server_without_that_database(cli: Cli) -> None:
    admin = os.environ.get("GWR_TEST_PG_URL", "").strip()
    if not admin:
        pytest.skip("GWR_TEST_PG_URL not set")
    missing = make_url(admin).set(database="gwr_no_such_database").render_as_string(hide_password=False)
    for command in COMMANDS:
        outcome = cli("--db", missing, *command)
        assert outcome.code == 2 and "服务器上没有名为“gwr_no_such_database”的数据库" in outcome.err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_zero_byte_file_is_refused_not_adopted(cli: Cli, tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "数据"  # its own folder: the per-user folder (log) lives elsewhere in tmp_path
    folder.mkdir()
    path = folder / "gwr.db"
    path.write_bytes(b"")
    outcome = cli("--db", str(path), *command)
    assert outcome.code == 2 and "空文件（0 字节）" in outcome.err and "不是本程序的数据库" in outcome.err
    assert folder_listing(folder) == {"gwr.db": 0}  # still empty, and nothing beside it


def test_another_programs_sqlite_file_is_refused_untouched(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "数据"
    folder.mkdir()
    path = folder / "notes.db"
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('别人的数据')")
    connection.close()
    before = file_digests(path)
    for command in COMMANDS:
        outcome = cli("--db", str(path), *command)
        assert outcome.code == 2 and "不是本程序的数据库" in outcome.err and "notes" in outcome.err
    assert file_digests(path) == before and folder_listing(folder).keys() == {"notes.db"}


def test_a_lost_version_record_is_damage_with_the_way_out(cli: Cli, plan_file: Path) -> None:
    _sql(plan_file, "DROP TABLE alembic_version")
    before = file_digests(plan_file)
    outcome = cli("--db", str(plan_file), "check")
    assert outcome.code == 2 and "alembic_version" in outcome.err and "备份" in outcome.err
    outcome = cli("--db", str(plan_file), "units")
    assert outcome.code == 2 and "alembic_version" in outcome.err and "restore" in outcome.err
    assert file_digests(plan_file) == before


def test_missing_tables_are_named(cli: Cli, plan_file: Path) -> None:
    _sql(plan_file, "DROP TABLE item_assignments")
    before = file_digests(plan_file)
    outcome = cli("--db", str(plan_file), "check")
    assert outcome.code == 2 and "缺少数据表 item_assignments" in outcome.err
    outcome = cli("--db", str(plan_file), "units")
    assert outcome.code == 2 and "结构不完整" in outcome.err and "缺少数据表 item_assignments" in outcome.err
    assert file_digests(plan_file) == before


@pytest.mark.parametrize("damage", ["drop_version", "drop_table", "drop_column"])
def test_a_damaged_schema_is_refused_on_both_back_ends(cli: Cli, db_url: str, damage: str) -> None:
    open_database(db_url).close()
    statement = {"drop_version": "DROP TABLE alembic_version",
                 "drop_table": "DROP TABLE plan_problems",
                 "drop_column": "ALTER TABLE plan_deadlines DROP COLUMN due"}[damage]
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()
    outcome = cli("--db", db_url, "units")
    assert outcome.code == 2 and "为保护数据" in outcome.err and "备份" in outcome.err
    expected = {"drop_version": "alembic_version", "drop_table": "缺少数据表 plan_problems",
                "drop_column": "数据表 plan_deadlines 的列 due"}[damage]
    assert expected in outcome.err


def test_a_new_path_is_still_created_and_complete_at_once(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "new" / "gwr.db"
    outcome = cli("--db", str(path), "check")
    assert outcome.code == 0 and "尚不存在" in outcome.out
    assert not path.parent.exists()  # check creates nothing
    leftover = tmp_path / "new" / f"{NEW_PREFIX}gwr.db"
    leftover.parent.mkdir()
    leftover.write_bytes(b"half-built by a start that was killed")
    assert cli("--db", str(path), "units").code == 0
    assert sorted(folder_listing(path.parent)) == ["gwr.db"]  # the half-built file is gone, no -wal left
    assert cli("--db", str(path), "check").code == 0


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_check_writes_nothing_beside_a_damaged_database(cli: Cli, plan_file: Path, damage: str) -> None:
    DAMAGES[damage](plan_file)
    before = folder_listing(plan_file.parent)
    digests = file_digests(plan_file)
    outcome = cli("--db", str(plan_file), "check")
    assert outcome.code == 2 and "为保护数据，程序没有对它做任何改动" in outcome.err
    assert folder_listing(plan_file.parent) == before and file_digests(plan_file) == digests


def test_check_writes_nothing_beside_a_sound_database(cli: Cli, plan_file: Path) -> None:
    before = folder_listing(plan_file.parent)
    assert cli("--db", str(plan_file), "check").code == 0
    assert folder_listing(plan_file.parent) == before


def test_fill_on_an_unusable_database_changes_nothing(cli: Cli, tmp_path: Path, fill_json: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    outcome = cli(*fill_args(path, fill_json))
    assert outcome.code == 2 and "空文件" in outcome.err and path.stat().st_size == 0


def _sql(path: Path, statement: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(statement)
    connection.close()
