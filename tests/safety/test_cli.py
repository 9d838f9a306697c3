"""main.py backup / restore / check: Chinese messages, non-zero exit on a damaged or too-new database."""

from __future__ import annotations

import os
import socket
import sqlite3
from pathlib import Path

import pytest

from gwr_desktop.cli import main
from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.instance_lock import lock_path_for
from tests.safety.conftest import add_typed_rows, all_rows, file_digests, stored_digests
from tests.safety.damage import garbage_page, zeroed_header


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_reports_a_sound_database(populated_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(populated_db), "check")
    assert code == 0 and "完好" in out and "完整性检查通过" in out


def test_check_fails_on_damage_and_points_to_the_newest_good_backup(
        populated_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(populated_db), "backup")
    assert code == 0 and "已备份到" in out
    garbage_page(populated_db)
    before = file_digests(populated_db)
    code, out, err = run(capsys, "--db", str(populated_db), "check")
    assert code == 2 and out == ""
    assert "已损坏" in err and "最近一次完好的备份" in err and "main.py restore" in err
    assert file_digests(populated_db) == before


def test_check_fails_on_a_newer_schema(populated_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    connection = sqlite3.connect(populated_db)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = stored_digests(populated_db)
    code, _, err = run(capsys, "--db", str(populated_db), "check")
    assert code == 2 and "更新版本" in err
    code, _, err = run(capsys, "--db", str(populated_db), "backup")
    assert code == 2 and "更新版本" in err
    assert stored_digests(populated_db) == before


def test_backup_to_a_chosen_file_then_restore_it(populated_db: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "带走" / "备份.db"
    code, out, _ = run(capsys, "--db", str(populated_db), "backup", "--out", str(out_file))
    assert code == 0 and "322 个事项" in out and all_rows(out_file) == all_rows(populated_db)
    saved = all_rows(populated_db)
    add_typed_rows(populated_db, 10, start=100)
    code, out, _ = run(capsys, "--db", str(populated_db), "restore", str(out_file))
    assert code == 0 and "已从" in out and "恢复前的数据已备份到" in out
    assert all_rows(populated_db) == saved
    (safety,) = [b for b in backups.list_backups(backups.backup_folder(populated_db)) if b.reason == "restore"]
    assert safety.summary.filled_rows == 15


def test_restore_replaces_a_damaged_database_and_keeps_it(populated_db: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.db"
    assert run(capsys, "--db", str(populated_db), "backup", "--out", str(good))[0] == 0
    zeroed_header(populated_db)
    code, out, _ = run(capsys, "--db", str(populated_db), "restore", str(good))
    assert code == 0 and "改名保留" in out
    assert all_rows(populated_db) == all_rows(good)
    assert run(capsys, "--db", str(populated_db), "check")[0] == 0


def test_restore_is_refused_while_the_app_holds_the_database(populated_db: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.db"
    assert run(capsys, "--db", str(populated_db), "backup", "--out", str(good))[0] == 0
    lock = lock_path_for(str(populated_db))
    lock.write_text(f"{os.getpid()}\ngwr_desktop\n{socket.gethostname()}\n", encoding="utf-8")
    before = file_digests(populated_db)
    code, _, err = run(capsys, "--db", str(populated_db), "restore", str(good))
    assert code == 2 and "正在使用" in err and "恢复备份" in err
    assert file_digests(populated_db) == before
    lock.write_text(f"{2**22 + 99}\ngwr_desktop\n{socket.gethostname()}\n", encoding="utf-8")  # a dead process
    assert run(capsys, "--db", str(populated_db), "restore", str(good))[0] == 0


def test_server_databases_are_not_backed_up_by_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "postgresql+psycopg://u@localhost/x", "backup")
    assert code == 2 and "pg_dump" in err


def test_backup_of_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "backup")
    assert code == 2 and "不存在" in err
    assert not (tmp_path / "none.db").exists()
    assert socket.gethostname()


def test_every_command_explains_a_damaged_database(populated_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zeroed_header(populated_db)
    before = file_digests(populated_db)
    code, _, err = run(capsys, "--db", str(populated_db), "units")
    assert code == 2 and "文件头已损坏" in err and "restore" in err
    assert file_digests(populated_db) == before
